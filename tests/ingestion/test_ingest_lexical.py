"""BM25 index: tokenizer, filtered search (mask before top-k), atomic persistence and stamps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingestion import lexical
from ingestion.lexical import LexicalIndex, tokenize
from ingestion.settings import Settings


def test_tokenize() -> None:
    assert tokenize("The Policies' reviews: see A6.2.4, A.7 and clause 6.1.4 — Café!") == [
        "policy",
        "review",
        "see",
        "a.6.2.4",
        "a.7",
        "clause",
        "6.1.4",
        "cafe",
    ]
    assert tokenize("A4 paper") == ["a4", "paper"]


def _rows(n_public: int, n_restricted: int) -> list[tuple[str, str, dict[str, Any]]]:
    rows: list[tuple[str, str, dict[str, Any]]] = []
    # Restricted chunks match the query better (the term appears three times) and come first.
    for i in range(n_restricted):
        meta = {"doc_id": f"r{i}", "classification": "restricted", "doc_type": "audit_report", "status": "current",
                "section": "Audit", "clause_refs": ["9.2"]}  # fmt: skip
        rows.append((f"r{i}::h::0", "incident incident incident report", meta))
    for i in range(n_public):
        meta = {"doc_id": f"p{i}", "classification": "public", "doc_type": "policy",
                "status": "superseded" if i == 0 else "current", "section": "Policy"}  # fmt: skip
        if i == 1:
            meta["clause_refs"] = ["9.2", "A.6.2.4"]
        rows.append((f"p{i}::h::0", f"incident handling rule {i}", meta))
    rows.append(("x::h::0", "unrelated text about lunch", {"doc_id": "x", "classification": "public",
                 "doc_type": "other", "status": "current", "section": "Canteen"}))  # fmt: skip
    return rows


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_filters_are_applied_before_top_k(settings: Settings) -> None:
    index = lexical.build(settings, _rows(n_public=4, n_restricted=10), generation=7)
    unfiltered = index.search("incident", 4)
    assert [cid for cid, _ in unfiltered] == [f"r{i}::h::0" for i in range(4)]
    # A post-filter on the top 4 would return nothing; the mask finds the 4 public ones.
    public = index.search("incident", 4, classifications=["public", "internal"])
    assert sorted(cid for cid, _ in public) == [f"p{i}::h::0" for i in range(4)]
    assert all(score > 0 for _, score in public)
    assert index.search("incident", 10, doc_types=["policy"], statuses=["current"]) == [
        hit for hit in index.search("incident", 10, doc_types=["policy"]) if hit[0] != "p0::h::0"
    ]
    by_clause = index.search("incident", 20, clause="A.6.2.4")
    assert [cid for cid, _ in by_clause] == ["p1::h::0"]
    assert len(index.search("incident", 20, clause="9.2", classifications=["restricted"])) == 10
    assert index.search("incident", 5, classifications=[]) == []
    assert index.search("zebra", 5) == []
    # Section paths are indexed too.
    assert [cid for cid, _ in index.search("canteen", 5)] == ["x::h::0"]


def test_persistence_stamp_and_reload(settings: Settings) -> None:
    assert LexicalIndex.load(settings) is None
    assert LexicalIndex.current_stamp(settings) is None
    first = lexical.build(settings, _rows(2, 2), generation=1)
    assert LexicalIndex.current_stamp(settings) == first.stamp
    assert LexicalIndex.built_generation(settings) == 1
    loaded = LexicalIndex.load(settings)
    assert loaded is not None
    assert loaded.ids == first.ids and loaded.metadatas == first.metadatas and loaded.texts == first.texts
    assert loaded.search("incident", 3) == first.search("incident", 3)
    assert loaded.metadatas[loaded.ids.index("p1::h::0")]["clause_refs"] == ["9.2", "A.6.2.4"]

    second = lexical.build(settings, _rows(1, 0), generation=2)
    assert second.stamp != first.stamp
    assert LexicalIndex.current_stamp(settings) == second.stamp
    reloaded = LexicalIndex.load(settings)
    assert reloaded is not None and len(reloaded) == 2

    # A build killed before its rename leaves a temp folder: readers ignore it, the next build deletes it.
    leftover = settings.bm25_dir / ".tmp-3-deadbeef"
    leftover.mkdir()
    (leftover / "chunks.json").write_text("{broken", encoding="utf-8")
    assert LexicalIndex.current_stamp(settings) == second.stamp
    third = lexical.build(settings, [], generation=3)
    assert not leftover.exists()
    assert len(third) == 0 and third.search("incident", 3) == []
    versions = sorted(p.name for p in settings.bm25_dir.iterdir() if p.name.startswith("v-"))
    assert versions == sorted([f"v-{second.stamp}", f"v-{third.stamp}"])  # newest previous kept for readers
