"""The metadata precedence chain and its validation (unit level; end to end in test_ingest_pipeline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingestion.metadata import MetadataError, MetaLayer, read_meta_file, resolve_metadata, title_from_filename


def resolve(*layers: MetaLayer):  # type: ignore[no-untyped-def]
    return resolve_metadata(
        layers,
        doc_id="org/x.pdf",
        content_hash="ab" * 32,
        ingested_at="2025-01-01T00:00:00Z",
        fallback_title="X",
        default_classification="internal",
    )


def test_later_sources_win() -> None:
    result = resolve(
        MetaLayer("org/_meta.yaml", {"owner": "Folder owner", "classification": "internal", "doc_type": "record"}),
        MetaLayer("document properties", {"title": "Props title", "owner": "Props owner"}, strict=False),
        MetaLayer("front matter", {"title": "FM title", "version": 2.1, "effective_date": dt.date(2025, 3, 1)}),
        MetaLayer("sidecar x.pdf.meta.yaml", {"classification": "Confidential", "doc-type": "Audit Report"}),
        MetaLayer("command-line override", {"status": "draft"}),
    )
    meta = result.meta
    assert meta.title == "FM title"
    assert meta.owner == "Props owner"
    assert meta.classification == "confidential"
    assert meta.doc_type == "audit_report"
    assert meta.version == "2.1"
    assert meta.effective_date == dt.date(2025, 3, 1)
    assert meta.status == "draft"
    assert meta.source == meta.doc_id == "org/x.pdf"
    assert not result.classification_defaulted
    assert meta.chroma_metadata()["effective_date"] == "2025-03-01"


def test_defaults_and_unclassified() -> None:
    result = resolve()
    assert result.classification_defaulted
    assert result.meta.classification == "internal"
    assert result.meta.title == "X"
    assert result.meta.doc_type == "other" and result.meta.status == "current"
    chroma = result.meta.chroma_metadata()
    assert "owner" not in chroma and "version" not in chroma and "effective_date" not in chroma
    assert all(v is not None for v in chroma.values())


def test_strict_sources_fail_naming_source_and_field() -> None:
    # Sidecars, _meta.yaml and overrides are written for Clausewise: a value there that maps to nothing fails.
    # ("secret" used to be the example here; it is now read as restricted, see test_classification_markings.)
    with pytest.raises(MetadataError, match=r"sidecar a\.pdf\.meta\.yaml: classification 'blue' is not one of"):
        resolve(MetaLayer("sidecar a.pdf.meta.yaml", {"classification": "blue"}))
    with pytest.raises(MetadataError, match=r"sidecar a\.pdf\.meta\.yaml: effective_date must be a date"):
        resolve(MetaLayer("sidecar a.pdf.meta.yaml", {"effective_date": "next week"}))
    with pytest.raises(MetadataError, match="doc_type 'memo' is not one of"):
        resolve(MetaLayer("org/_meta.yaml", {"doc_type": "memo"}))


def test_document_properties_are_lenient() -> None:
    result = resolve(MetaLayer("document properties", {"doc_type": "Governance", "status": "Final"}, strict=False))
    assert result.meta.doc_type == "other"
    assert result.meta.status == "current"  # "Final" is a synonym
    # The fallback warning names the source and the key (it used to read "doc_type 'Governance' is not one of").
    assert result.warnings == [
        "document properties key 'doc_type' has value 'Governance', not a document type (policy, procedure, "
        "risk_assessment, impact_assessment, audit_report, nonconformity_log, management_review, record, "
        "model_card, data_inventory, other); using 'other'"
    ]


def test_meta_files(tmp_path: Path) -> None:
    good = tmp_path / "x.csv.meta.yaml"
    good.write_text("classification: restricted\nowner: DPO\n", encoding="utf-8")
    assert read_meta_file(good) == {"classification": "restricted", "owner": "DPO"}
    bad = tmp_path / "y.csv.meta.yaml"
    bad.write_text("classification: [restricted\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"y\.csv\.meta\.yaml: malformed YAML"):
        read_meta_file(bad)
    listy = tmp_path / "_meta.yaml"
    listy.write_text("- a\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="expected key: value pairs"):
        read_meta_file(listy)


def test_title_from_filename() -> None:
    assert title_from_filename(Path("ai_risk-register.v2.csv")) == "Ai risk register v2"
