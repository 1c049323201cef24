"""Every obligation the gap judge counts as evidenced is cited: a chunk with no sentence to quote evidences nothing.

Found on the sample corpus: A.4.4 was "covered" while its rationale said "Evidence found for 1 of 4 obligations",
because two obligations counted a chunk that is only a heading ("4. Requirements and specification", split off
the table under it), which resembles the obligation by its words but has no sentence to cite.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.gaps import judge
from assistant.models import Asker

AUDITOR = Asker(user="ava", role="auditor", channel="cli")


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("tooling")
    rows = "\n".join(f"| Tool {i} | {use} | Platform Lead |" for i, use in enumerate(
        ["notebooks", "packaging", "feature store", "experiment tracking", "model registry", "scheduling"] * 6))
    (root / "dev_standard.md").write_text(
        "---\ntitle: Model Development Standard\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Model Development Standard\n\n## 4. Development tooling resources\n\n"
        "| Tool | Used for | Owner |\n|---|---|---|\n" + rows + "\n\n"
        "## 5. Requirements\n\nThe requirements specification is written before modelling starts.\n",
        encoding="utf-8",
    )
    (root / "ai_policy.md").write_text(
        "---\ntitle: AI Policy\ndoc_type: policy\nclassification: internal\n---\n# AI Policy\n\n"
        "Every AI system has an owner, an impact assessment and a yearly review.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("tooling-data") / "data"))


def test_heading_only_chunks_are_not_evidence(svc: Any) -> None:
    clearance = svc.clearance(AUDITOR)
    lexical = svc.retriever.lexical()
    headings = [cid for i, cid in enumerate(lexical.ids) if "\n" not in lexical.texts[i].strip()
                and lexical.texts[i].startswith("4. Development")]  # fmt: skip
    assert headings, "the corpus should hold a heading split off its table"
    for entry in svc.catalog:
        if svc.catalog.children(entry.id):
            continue
        features = svc.assessor.features(entry.id, clearance)
        assert all(ch.hit.chunk_id not in headings for ch in features.chunks), entry.id
        features.baseline = svc.assessor.baseline(clearance)
        status, implementing, _, _ = judge(features, svc.assessor.thresholds)
        item, per_obligation = svc.assessor.assess_obligations(entry.id, clearance)
        if status != "missing":
            assert len(per_obligation) == len(implementing), (entry.id, item.rationale)
