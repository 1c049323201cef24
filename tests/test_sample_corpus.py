"""The sample organization's corpus ingests cleanly, with exactly the metadata its answer key states."""

from __future__ import annotations

from pathlib import Path

import yaml

from ingestion.manifest import Manifest
from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[1]
KEY = REPO / "corpus" / "org" / "expected.yaml"
FIELDS = ("title", "doc_type", "classification", "status", "owner", "version", "effective_date")


def _key() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(KEY.read_text(encoding="utf-8"))


def test_every_sample_document_is_indexed_with_the_key_metadata(ingested_settings: Settings) -> None:
    indexed = {d.doc_id: d.model_dump(mode="json") for d in Manifest(ingested_settings).documents()}
    rows = _key()["documents"]
    assert len(rows) >= 25
    assert {r["source"] for r in rows} == set(indexed), "indexed documents differ from the key's list"
    for row in rows:
        doc = indexed[row["source"]]
        for field in FIELDS:
            if field in row:
                assert str(doc[field]) == str(row[field]), f"{row['source']}: {field}"


def test_restricted_and_superseded_documents(ingested_settings: Settings) -> None:
    docs = {d.doc_id: d for d in Manifest(ingested_settings).documents()}
    assert docs["org/audit/internal_audit_report_2025.pdf"].classification == "restricted"
    planted = _key()["planted"]
    for source in planted["superseded"]:
        assert docs[source].status == "superseded"


def test_every_supported_format_is_present() -> None:
    suffixes = {Path(r["source"]).suffix for r in _key()["documents"]}
    assert {".md", ".txt", ".pdf", ".docx", ".csv", ".xlsx", ".html"} <= suffixes


def test_planted_gaps_and_coverage_map_are_consistent() -> None:
    key = _key()
    coverage = key["coverage"]
    planted = key["planted"]
    assert len(planted["missing"]) >= 6 and len(planted["partial"]) >= 4
    for cid in planted["missing"]:
        assert coverage[cid]["status"] == "missing" and not coverage[cid]["files"]
    for cid in planted["partial"]:
        assert coverage[cid]["status"] == "partial"
    assert len(planted["contradictions"]) >= 2
    assert len(key["questions"]) >= 40
