"""The corpus-wide contradiction scan (Conflicts page) and the document viewer's content, over the sample index."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.models import Asker
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def service(ingested_settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(ingested_settings)


def _expected_pairs() -> list[tuple[frozenset[str], set[str]]]:
    expected = yaml.safe_load((REPO_ROOT / "corpus" / "org" / "expected.yaml").read_text(encoding="utf-8"))
    return [(frozenset(c["files"]), set(c["values"])) for c in expected["planted"]["contradictions"]]


def test_scan_finds_every_stated_contradiction_with_both_sides_cited(service) -> None:  # type: ignore[no-untyped-def]
    items = service.conflicts(Asker(role="auditor"))
    assert items, "no contradictions found in the sample index"
    found: dict[frozenset[str], set[str]] = {}
    for i in items:
        found.setdefault(frozenset({i.first.citation.source, i.second.citation.source}), set()).update(
            {i.first.value, i.second.value})
    for files, values in _expected_pairs():
        assert files in found, f"the contradiction between {sorted(files)} was not found: {sorted(found, key=str)}"
        # The value as written ("every 12 months") contains the value the key states ("12 months").
        for value in values:
            assert any(value.lower() in v.lower() for v in found[files]), (value, found[files])
    chunks = service.retriever.get_chunks([c.chunk_id for i in items for c in (i.first.citation, i.second.citation)],
                                          service.clearance(Asker(role="auditor")))
    for item in items:
        for side in (item.first, item.second):
            # Each side is a verbatim quote of its chunk that states the value.
            assert side.citation.quote in chunks[side.citation.chunk_id].text
            assert side.value in side.citation.quote
            assert side.citation.status == "current"
        assert item.first.citation.doc_id != item.second.citation.doc_id
    # Few enough to read: the scan is not a list of every pair of differing numbers.
    assert len(items) <= 3 * len(_expected_pairs())


def test_scan_keeps_within_clearance(service) -> None:  # type: ignore[no-untyped-def]
    for role in ("staff", "compliance"):
        allowed = set(service.clearance(Asker(role=role)))
        for item in service.conflicts(Asker(role=role)):
            assert {item.first.citation.classification, item.second.citation.classification} <= allowed


def test_viewer_content_follows_clearance(service) -> None:  # type: ignore[no-untyped-def]
    auditor, staff = Asker(role="auditor"), Asker(role="staff")
    restricted = [d for d in service.documents(auditor) if d["classification"] == "restricted"]
    assert restricted, "the sample index has a restricted document"
    doc_id = restricted[0]["doc_id"]
    view = service.document(doc_id, auditor)
    assert view is not None and view.chunks and view.meta["title"] == restricted[0]["title"]
    assert [c.chunk_id for c in view.chunks] == sorted((c.chunk_id for c in view.chunks),
                                                       key=lambda cid: int(cid.rsplit("::", 1)[1]))
    assert service.document(doc_id, staff) is None
    assert service.document("no/such/document.md", auditor) is None
