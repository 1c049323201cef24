"""The EU AI Act -> ISO/IEC 42001 crosswalk data file: required articles present, titles as in the Act, ids valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from assistant.catalog import Catalog
from assistant.crosswalk import Crosswalks

ROOT = Path(__file__).resolve().parents[2]
STANDARD = ROOT / "corpus" / "standard"
DATA = STANDARD / "crosswalks" / "eu_ai_act.yaml"
REFERENCE = ROOT.parent / "shared" / "reference" / "eu_ai_act_2024-1689_articles.json"
#: The high-risk obligations the crosswalk must cover (issue 13).
REQUIRED = (9, 10, 11, 12, 13, 14, 15, 16, 17, 26, 27, 72, 73)


def _data() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def test_required_articles_each_with_rationales_citing_the_article() -> None:
    """Every required article is an entry; every pair names a catalog id and has a rationale citing that article."""
    data = _data()
    assert data["framework"] == "eu-ai-act"
    assert "2011/833/EU" in str(data["source"])  # the reuse attribution
    catalog = Catalog.load(STANDARD)
    entries = data["entries"]
    assert isinstance(entries, list)
    ids = [str(e["id"]) for e in entries]
    assert len(ids) == len(set(ids))
    for number in REQUIRED:
        assert f"Art. {number}" in ids, number
    for entry in entries:
        number = int(re.fullmatch(r"Art\. (\d+)", str(entry["id"])).group(1))  # type: ignore[union-attr]
        assert str(entry["title"]).strip() and str(entry["text"]).strip(), entry["id"]
        pairs = entry["iso42001"]
        assert pairs, entry["id"]
        assert len({p["id"] for p in pairs}) == len(pairs), f"{entry['id']}: an id listed twice"
        for pair in pairs:
            assert isinstance(pair["id"], str) and pair["id"] in catalog, (entry["id"], pair["id"])
            rationale = str(pair.get("rationale", "")).strip()
            assert rationale, (entry["id"], pair["id"])
            assert "\n" not in rationale
            # A rationale cites the article (or the annex it points to), not some other one only.
            cited = {int(n) for n in re.findall(r"Art\. (\d+)", rationale)}
            assert number in cited or "Annex" in rationale, (entry["id"], pair["id"], rationale)


def test_titles_are_the_acts_article_titles() -> None:
    """Article titles equal those of Regulation (EU) 2024/1689 (the reference copy of the Act)."""
    if not REFERENCE.is_file():
        pytest.skip(f"EU AI Act reference text not available at {REFERENCE}")
    titles = {f"Art. {a['article']}": a["article_name"] for a in json.loads(REFERENCE.read_text(encoding="utf-8"))}
    for entry in _data()["entries"]:  # type: ignore[attr-defined]
        assert titles.get(entry["id"]) == entry["title"], entry["id"]


def test_loader_reads_both_crosswalks_and_the_reverse_index() -> None:
    """The loader accepts both files (pairs as ids or with rationales) and A.8.4 maps back to the incident articles."""
    catalog = Catalog.load(STANDARD)
    crosswalks = Crosswalks.load(STANDARD / "crosswalks", catalog)
    assert {c.framework for c in crosswalks} == {"nist-ai-rmf", "eu-ai-act"}
    eu = crosswalks.require("eu-ai-act")
    assert len(eu.entries) == len(_data()["entries"])  # type: ignore[arg-type]
    back = {e.id for e, _ in crosswalks.mapping_to("A.8.4", catalog) if e.framework == "eu-ai-act"}
    assert {"Art. 73", "Art. 26", "Art. 20"} <= back
    nist = crosswalks.require("NIST")
    assert sum(len(e.pairs) for e in nist.entries) == 280
