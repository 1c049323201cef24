"""The NIST AI RMF -> ISO/IEC 42001 crosswalk data file: complete against the published pairs, ids valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "corpus" / "standard" / "crosswalks" / "nist_ai_rmf.yaml"
REFERENCE = ROOT.parent / "shared" / "reference" / "nist_crosswalk.json"


def _entries() -> list[dict[str, object]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert data["framework"] == "nist-ai-rmf"
    entries: list[dict[str, object]] = data["entries"]
    return entries


def test_every_published_pair_is_present() -> None:
    """All 280 (subcategory, 42001 id) pairs of the reference crosswalk are in the data file, none extra."""
    if not REFERENCE.is_file():
        pytest.skip(f"reference crosswalk not available at {REFERENCE}")
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))["mappings"]
    expected = {(m["ai_rmf"], iso) for m in reference for iso in m["iso42001"]}
    got = {(str(e["id"]), str(iso)) for e in _entries() for iso in e["iso42001"]}  # type: ignore[attr-defined]
    assert len(expected) == 280
    assert got == expected


def test_entries_have_text_and_known_ids() -> None:
    """72 subcategories, each with its NIST text, every mapped id in the shipped 42001 catalog."""
    catalog = Catalog.load(ROOT / "corpus" / "standard")
    entries = _entries()
    assert len(entries) == 72
    assert len({e["id"] for e in entries}) == 72
    for entry in entries:
        assert str(entry["text"]).strip(), entry["id"]
        unknown = [i for i in entry["iso42001"] if str(i) not in catalog]  # type: ignore[attr-defined]
        assert not unknown, (entry["id"], unknown)
