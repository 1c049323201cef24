"""A follow-up naming its own system keeps the earlier question's ordinary words and drops only its names.

Found on the university corpus (m03c): "which company supplies the Willow platform?" → "when is their next
reassessment due?" → "what about the one behind Veritext?". The follow-up query dropped every word the catalog
never uses ("company" too), so it no longer asked about a supplier's reassessment and abstained. The corpus is a
small invented freight company (not a shipped corpus).
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import FILLER_DOCS, ingest_corpus

from assistant.models import Asker

ASKER = Asker(user="dana", role="compliance", channel="http")

_OTHER_DOCS = {
    **FILLER_DOCS,
    "supplier_procedure": "Every AI supplier is assessed before contract and reassessed every 12 months.",
}


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.audit import AuditLog
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("freight-register")
    (root / "supplier_register.csv").write_text(
        "Supplier ref,Company,Product or service,Last assured,Reassess by\n"
        "SUP-01,Acme Routing Ltd,Pathfinder route optimiser,2025-03-14,2026-03-14\n"
        "SUP-02,Liftco Ltd,Chatterbox customer chatbot,2025-06-02,2026-06-02\n",
        encoding="utf-8",
    )
    (root / "supplier_register.csv.meta.yaml").write_text(
        "title: AI Supplier Register\ndoc_type: record\nclassification: internal\n", encoding="utf-8"
    )
    for topic, text in _OTHER_DOCS.items():
        title = topic.replace("_", " ").title()
        (root / f"{topic}.md").write_text(
            f"---\ntitle: {title}\ndoc_type: procedure\nclassification: internal\n---\n# {title}\n\n{text}\n",
            encoding="utf-8",
        )
    settings = ingest_corpus(root, tmp_path_factory.mktemp("freight-register-data") / "data")
    audit = AuditLog(f"sqlite:///{settings.data_dir / 'audit.db'}")
    return ClausewiseService.from_settings(settings, audit=audit)


def test_the_one_behind_another_system_answers_the_same_question_for_it(svc: Any) -> None:
    first = svc.ask("which company supplies the Chatterbox chatbot?", ASKER, conversation_id="reg-1")
    assert "Liftco" in first.answer, first.answer
    due = svc.ask("when is their next reassessment due?", ASKER, conversation_id="reg-1")
    assert "2026-06-02" in due.answer, due.answer
    other = svc.ask("what about the one behind Pathfinder?", ASKER, conversation_id="reg-1")
    assert not other.abstained, other.answer
    assert "2026-03-14" in other.answer, other.answer


def test_the_follow_up_query_keeps_ordinary_words_and_drops_the_earlier_name(svc: Any) -> None:
    from assistant import composer

    ctx = composer.Context(
        question="what about the one behind Pathfinder?",
        context="which company supplies the Chatterbox chatbot? when is their next reassessment due?",
        intent="fact", clearance=tuple(svc.clearance(ASKER)), settings=svc.settings, catalog=svc.catalog,
        resolver=svc.resolver, retriever=svc.retriever, assessor=svc.assessor,
    )  # fmt: skip
    query = composer._follow_up_query(ctx)
    assert "Chatterbox" not in query, query
    for word in ("company", "reassessment", "Pathfinder"):
        assert word in query, query
