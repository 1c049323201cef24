"""A follow-up that points back ("who owns it?", "has anything been done about it since?") finds the record the
earlier turn named by its id.

Found on the development keys (healthcare m08b, council m05c, sample cm06b): after "what is RSK-12 about?", "who owns
it and what's its score after treatment?" was searched by its words and the earlier question's, which BM25 and the
embedding match to the scoring guidance, not to the one register row holding RSK-12; the row's id splits into common
tokens. The ids the earlier questions wrote, and those the previous answer wrote when the follow-up says "it" or
"them", now join as identifier passages (clearance-checked like any other). The corpus is a small invented one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from corpus_helpers import ingest_corpus, write_filler_docs

from assistant.answering.understand import understand
from assistant.models import Asker

ASKER = Asker(user="lee", role="compliance", channel="http")


@dataclass
class _Turn:
    question: str
    answer: str = ""
    cited_doc_ids: list[str] = field(default_factory=list)


def test_ids_come_from_earlier_questions_then_the_answer_it_refers_to() -> None:
    turns = [_Turn("what is RSK-12 about?", "- risk_id: RSK-12; linked action CA-07 [1]")]
    assert understand("who owns it?", turns).context_ids == ("RSK-12", "CA-07")
    # No pointing word: only what the earlier questions named.
    assert understand("and the owner?", turns).context_ids == ("RSK-12",)
    # Its own id, or "the other one", and nothing is carried over.
    assert understand("and RSK-13?", turns).context_ids == ()
    assert understand("what about the other one?", turns).context_ids == ()


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("larkfield")
    rows = [
        "risk_id,description,owner,inherent_score,residual_score,status",
        "RSK-10,Forecast drift after a tariff change,Head of Pricing,12,6,Open",
        "RSK-11,Chatbot gives wrong refund advice,Customer Operations Manager,15,8,Open",
        "RSK-12,Staff paste customer data into public chat tools,Chief Information Security Officer,20,10,Open",
        "RSK-13,Scanner misses damaged parcels at night,Depot Systems Lead,9,4,Closed",
    ]
    (root / "ai_risk_register.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "ai_risk_register.csv.meta.yaml").write_text(
        "title: AI risk register\ndoc_type: risk_assessment\nclassification: internal\n", encoding="utf-8"
    )
    (root / "risk_procedure.md").write_text(
        "---\ntitle: AI Risk Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# AI Risk Procedure\n\n## Scoring\n\nEach risk is scored for likelihood and impact from 1 to 5. Both the "
        "inherent score (before treatment) and the residual score (after treatment) are recorded, and every risk "
        "has a named owner who reviews it each quarter.\n",
        encoding="utf-8",
    )
    write_filler_docs(root)
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("larkfield-data") / "data"))


def test_who_owns_it_answers_from_the_row_the_earlier_question_named(svc: Any) -> None:
    first = svc.ask("what is RSK-12 about?", ASKER, conversation_id="risk-1")
    assert "public chat tools" in first.answer, first.answer
    answer = svc.ask("who owns it and what's its score after treatment?", ASKER, conversation_id="risk-1")
    assert "Chief Information Security Officer" in answer.answer, answer.answer
