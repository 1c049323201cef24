"""Clause reference detection and normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.clause_refs import extract_clause_refs, load_known_ids, normalise_clause_id

REPO_CATALOG = Path(__file__).resolve().parents[2] / "corpus" / "standard"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Risks are assessed under 6.1.4 each year.", ["6.1.4"]),
        ("See clause 8.2 for operation.", ["8.2"]),
        ("Clauses 6.1.2, 6.1.3 and 6.1.4 apply.", ["6.1.2", "6.1.3", "6.1.4"]),
        ("cl. 8 covers operation", ["8"]),
        ("As Annex A.7 requires, data is documented.", ["A.7"]),
        ("Validation per A6.2.4 and A.6.2.5.", ["A.6.2.4", "A.6.2.5"]),
        ("ISO/IEC 42001:2023 9.2 needs internal audits", ["9.2"]),
        ("§ 10.2 nonconformity", ["10.2"]),
        ("controls A.5.2–A.5.4 apply", ["A.5.2", "A.5.4"]),
        ("Clause 9.2 then A.10.3; clause 9.2 again", ["9.2", "A.10.3"]),
    ],
)
def test_forms_are_found_and_normalised(text: str, expected: list[str]) -> None:
    assert extract_clause_refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Version 6.1.4 of the tool",  # versions
        "v2.1 released",
        "PSI above 0.20 or AUC below 0.78",  # metrics
        "up to £5,000 and 10.10.2025",  # money, dates
        "section 4.2 Review of our own document",  # a document's own two-level numbering
        "printed on A4 paper; plan A 6 people",  # paper sizes and prose
        "see clause 3.1 and clause 11.2",  # outside clauses 4-10
        "DATA.6.1 and BA.1.2",  # letters glued to something else
        "192.168.1.1 and 1.2.3",
    ],
)
def test_lookalikes_are_not_clause_refs(text: str) -> None:
    assert extract_clause_refs(text) == []


def test_known_ids_filter_and_expand_ranges() -> None:
    known = {"A.5.2", "A.5.3", "A.5.4", "A.5.5", "4.1", "4.2", "4.3", "4.4", "6.1.4"}
    assert extract_clause_refs("controls A.5.2–A.5.4", known) == ["A.5.2", "A.5.3", "A.5.4"]
    assert extract_clause_refs("clauses 4.1 to 4.4", known) == ["4.1", "4.2", "4.3", "4.4"]
    # A syntactically fine id that the catalog does not have is never invented.
    assert extract_clause_refs("A.6.2.9 and 6.1.4", known) == ["6.1.4"]


def test_normalise_clause_id() -> None:
    assert normalise_clause_id("a6.2.4") == "A.6.2.4"
    assert normalise_clause_id("Annex A.7") == "A.7"
    assert normalise_clause_id("clause 8.2") == "8.2"
    assert normalise_clause_id("08.2") == "8.2"
    assert normalise_clause_id("8.0") is None
    assert normalise_clause_id("A.1") is None
    assert normalise_clause_id("nonsense") is None


def test_known_ids_from_catalog_files(tmp_path: Path) -> None:
    assert load_known_ids(tmp_path / "absent") is None
    assert load_known_ids(tmp_path) is None
    (tmp_path / "a.yaml").write_text('entries:\n  - id: "6.1.4"\n  - id: "A6.2.4"\n  - title: no id\n', "utf-8")
    (tmp_path / "broken.yaml").write_text("entries: [unclosed\n", "utf-8")
    assert load_known_ids(tmp_path) == {"6.1.4", "A.6.2.4"}


def test_known_ids_from_the_repository_catalog() -> None:
    if not any(REPO_CATALOG.glob("*.yaml")):
        pytest.skip("corpus/standard has no catalog files yet")
    known = load_known_ids(REPO_CATALOG)
    assert known is not None
    assert {"4", "6.1.4", "9.2", "A.6.2.4", "A.10.3"} <= known
    assert extract_clause_refs("Annex A.5.2–A.5.4 and clause 7.5.3", known) == [
        "7.5.3",
        "A.5.2",
        "A.5.3",
        "A.5.4",
    ]
