"""A question about something the documents never say of a thing they do name abstains.

Found on the development keys and two unseen corpora: "how much does the council pay <supplier> each year?",
"which large language model is <system> built on?" were answered with passages about the supplier or system,
since those look close to the question as a whole. Without its names the question asks "how much does the
council pay each year?", which no sentence answers: that similarity (``abstain_focus_threshold``) decides.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

STAFF = Asker(user="sam", role="staff", channel="cli")

_DOCS = {
    "supplier_review": (
        "Supplier Review - Quillon Routing",
        "Quillon Routing Ltd supplies the Pathway route planner used by the depot teams. Quillon was last "
        "assessed on 14 March 2026 by the Procurement Lead, and its next reassessment is due on 14 March 2027. "
        "Quillon must tell us 30 days before it changes the model behind Pathway.",
    ),
    "pathway_card": (
        "Pathway Model Card",
        "Pathway proposes delivery routes for each van every morning. Drivers may override any route. Pathway is "
        "retrained every quarter on the last twelve months of delivery records.",
    ),
    "ai_policy": ("AI Policy", "Every AI system has an owner, an impact assessment and a yearly review."),
    "incident_response": ("AI Incident Procedure", "An AI incident is reported to the AI Lead within 24 hours."),
    "training": ("AI Training Plan", "Every dispatcher completes the AI awareness course before using a model."),
    "data_retention": ("Data Retention", "Training data is kept for 24 months and then deleted by the Data Steward."),
    "monitoring": ("Model Monitoring", "Route quality is measured every week against the planned arrival times."),
}


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("quillon")
    for name, (title, text) in _DOCS.items():
        (root / f"{name}.md").write_text(
            f"---\ntitle: {title}\ndoc_type: procedure\nclassification: internal\n---\n# {title}\n\n{text}\n",
            encoding="utf-8",
        )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("quillon-data") / "data"))


@pytest.mark.parametrize(
    "question",
    [
        "What is Quillon's annual contract price?",
        "How many staff does Quillon employ?",
    ],
)
def test_an_absent_attribute_of_a_named_thing_abstains(svc: Any, question: str) -> None:
    answer = svc.ask(question, STAFF)
    assert answer.abstained, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When is the next reassessment of Quillon due?", "14 March 2027"),
        ("How often is Pathway retrained?", "every quarter"),
        ("How much notice must Quillon give before changing the model behind Pathway?", "30 days"),
    ],
)
def test_a_present_attribute_of_a_named_thing_is_answered(svc: Any, question: str, expected: str) -> None:
    answer = svc.ask(question, STAFF)
    assert not answer.abstained, answer.answer
    assert expected in answer.answer, answer.answer
