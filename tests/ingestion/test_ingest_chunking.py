"""Structure-aware chunking with the bundled model's tokenizer."""

from __future__ import annotations

import pytest

from ingestion.chunking import Chunker, section_label
from ingestion.embedding import max_input_tokens, token_counter
from ingestion.loaders import LoadedDocument, Section
from ingestion.settings import Settings


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    settings = Settings()
    return Chunker(
        token_counter(settings),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        max_input_tokens=max_input_tokens(settings),
    )


def _long_text(n: int) -> str:
    return "\n\n".join(
        f"Paragraph {i}. The organization reviews the AI risk register every quarter and records "
        f"the treatment decision number {i} with its owner and due date."
        for i in range(n)
    )


def test_long_section_is_split_within_budget_with_overlap(chunker: Chunker) -> None:
    doc = LoadedDocument(sections=[Section(_long_text(40), ("Risk Procedure", "3 Treatment"))])
    chunks = chunker.chunk(doc, "Risk Procedure")
    assert len(chunks) > 3
    assert [c.chunk_index for c in chunks] == list(range(len(chunks)))
    count = chunker.count_tokens
    limit = max_input_tokens(Settings())
    for chunk in chunks:
        assert chunk.section == "Risk Procedure › 3 Treatment"
        assert count(chunk.text) <= chunker.chunk_tokens
        # What the model reads (section path + text + [CLS]/[SEP]) is never truncated.
        assert count(chunk.embed_text) + 2 <= limit
    # Consecutive chunks share text (overlap) and together cover every paragraph.
    assert any(chunks[i].text[-40:] in chunks[i + 1].text for i in range(len(chunks) - 1))
    joined = " ".join(c.text for c in chunks)
    assert all(f"Paragraph {i}." in joined for i in range(40))


def test_sections_are_never_merged_and_keep_pages(chunker: Chunker) -> None:
    doc = LoadedDocument(
        sections=[
            Section("Short page one mentioning clause 9.2.", (), page=1),
            Section("Short page two.", (), page=2),
            Section("A.6.2.4 Verification\n\nOnly ClaimSense was validated.", ("Audit", "A.6.2.4 Verification")),
        ],
        title_hint="Audit",
    )
    chunks = chunker.chunk(doc, "Internal Audit Report")
    assert [(c.text[:15], c.page) for c in chunks] == [
        ("Short page one ", 1),
        ("Short page two.", 2),
        ("A.6.2.4 Verific", None),
    ]
    assert chunks[0].section == "Internal Audit Report"
    # The loader's own top heading stands for the title from the metadata.
    assert chunks[2].section == "Internal Audit Report › A.6.2.4 Verification"
    assert chunks[0].clause_refs == ("9.2",)
    assert chunks[1].clause_refs == ()
    assert chunks[2].clause_refs == ("A.6.2.4",)


def test_clause_ref_in_heading_reaches_every_piece(chunker: Chunker) -> None:
    doc = LoadedDocument(sections=[Section(_long_text(30), ("Policy", "Annex A.7 data"))])
    chunks = chunker.chunk(doc, "Policy")
    assert len(chunks) > 1
    assert all(c.clause_refs == ("A.7",) for c in chunks)


def test_section_label() -> None:
    assert section_label("T", Section("x", ("T", "a", "b"))) == "T › a › b"
    assert section_label("T", Section("x", ("a",))) == "T › a"
    assert section_label("T", Section("x", ())) == "T"
    assert section_label("T", Section("x", ("Old H1", "a")), title_hint="Old H1") == "T › a"
