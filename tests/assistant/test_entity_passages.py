"""A name in the question that no retrieved passage names brings in the documents that write it.

Found on an unseen corpus: "Does <system> need a full impact assessment?" retrieved only the procedure's and
other systems' impact-assessment passages; none named the system, so the entity filter left no candidate and the
answer abstained, although the system's model card says it was screened as low impact. Also: a question's
capitalised first word ("Summarise what <supplier> said ...") was taken for a name that no passage writes.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant import composer
from assistant.models import Asker
from assistant.retrieval import SearchRequest

STAFF = Asker(user="sam", role="staff", channel="cli")
QUESTION = "Does Larkspur need a full impact assessment?"


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("harrowgate")
    steps = ["screening", "scoping", "consultation", "affected groups", "severity", "likelihood", "mitigation",
             "sign-off", "records", "review triggers", "reassessment", "publication"]
    line = "In the {s} step of a full impact assessment the assessor records the findings (item {i}.{j})."
    sections = [
        f"## {i}. Impact assessment {s}\n\n" + " ".join(line.format(s=s, i=i, j=j) for j in range(1, 12))
        for i, s in enumerate(steps, 1)
    ]
    (root / "impact_procedure.md").write_text(
        "---\ntitle: Harrowgate Impact Assessment Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Harrowgate Impact Assessment Procedure\n\n" + "\n\n".join(sections) + "\n",
        encoding="utf-8",
    )
    (root / "rota_card.md").write_text(
        "---\ntitle: Larkspur Rota Planner Model Card\ndoc_type: model_card\nclassification: internal\n---\n"
        "# Larkspur Rota Planner Model Card\n\nLarkspur drafts the weekly call-centre rota from forecast volumes.\n\n"
        "## Screening outcome\n\nRecorded as low impact after screening; no full assessment is required. The workforce "
        "team will summarise each new screening for the board.\n",
        encoding="utf-8",
    )
    (root / "rota_review.md").write_text(
        "---\ntitle: Larkspur Grievance Review\ndoc_type: record\nclassification: restricted\n---\n"
        "# Larkspur Grievance Review\n\nA grievance about Larkspur shifts was upheld for one named employee.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("harrowgate-data") / "data"))


def _context(svc: Any, question: str, asker: Asker) -> composer.Context:
    return composer.Context(
        question=question, context="", intent="fact", clearance=tuple(svc.clearance(asker)), settings=svc.settings,
        catalog=svc.catalog, resolver=svc.resolver, retriever=svc.retriever, assessor=svc.assessor, llm=None,
    )  # fmt: skip


def test_documents_writing_an_unretrieved_name_join_the_hits(svc: Any) -> None:
    ctx = _context(svc, QUESTION, STAFF)
    assert [e.text for e in ctx.entities] == ["Larkspur"]
    # The retrieval of the procedure alone: passages about impact assessments, none naming the system.
    hits = [h for h in svc.retriever.search(SearchRequest(query=QUESTION, clearance=ctx.clearance))
            if h.doc_id == "impact_procedure.md"]  # fmt: skip
    assert hits
    joined = composer._with_entity_passages(ctx, hits, QUESTION, history=False)
    docs = {h.doc_id for h in joined}
    assert "rota_card.md" in docs, docs
    # Joined by id, each passage is checked on the clearance: the restricted review never joins a staff answer.
    assert "rota_review.md" not in docs, docs
    assert all(h.meta.get("classification") in ctx.clearance for h in joined)


def test_a_capitalised_first_word_is_not_a_name(svc: Any) -> None:
    ctx = _context(svc, "Summarise what the Larkspur model card says about screening.", STAFF)
    assert [e.text for e in ctx.entities] == ["Larkspur"]


def test_the_answer_quotes_the_screening_outcome(svc: Any) -> None:
    answer = svc.ask(QUESTION, STAFF)
    assert not answer.abstained, answer.answer
    assert any(c.source.endswith("rota_card.md") for c in answer.citations), answer.answer
    assert all(not c.source.endswith("rota_review.md") for c in answer.citations)
