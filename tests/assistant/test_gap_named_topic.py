"""A gap-worded question that names its own topic is answered from the documents, not with the overview.

Found on an unseen corpus: "is there a gap in how staff can raise concerns anonymously?" matched no clause
title, so it got the whole-system overview ("Across N clauses ...") although a procedure answers it.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("brightwell")
    (root / "speak_up.md").write_text(
        "---\ntitle: Brightwell Speak-Up Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Brightwell Speak-Up Procedure\n\n"
        "Anyone can report a worry about one of our AI tools without giving their name through the "
        "Brightwell hotline, which is run by an outside firm. Hotline reports reach the ethics officer within "
        "two working days.\n",
        encoding="utf-8",
    )
    (root / "insurance.md").write_text(
        "---\ntitle: Brightwell Insurance Schedule\ndoc_type: record\nclassification: internal\n---\n"
        "# Brightwell Insurance Schedule\n\n"
        "Our liability insurance with Harbour Mutual covers third-party claims caused by errors of our "
        "AI tools up to two million euros a year.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("brightwell-data") / "data"))


@pytest.mark.parametrize(
    ("question", "document"),
    [
        ("is there a gap in how staff can raise worries about our AI anonymously?", "speak_up.md"),
        ("are we missing insurance cover for claims caused by our AI tools?", "insurance.md"),
    ],
)
def test_named_topic_gap_question_cites_the_document(svc: Any, question: str, document: str) -> None:
    answer = svc.ask(question, COMPLIANCE)
    assert "Across" not in answer.answer.split("\n")[0], answer.answer
    assert any(c.source.endswith(document) for c in answer.citations), answer.answer


def test_whole_system_gap_question_still_gets_the_overview(svc: Any) -> None:
    answer = svc.ask("what are we still missing for certification?", COMPLIANCE)
    assert answer.intent == "gap", answer.intent
    assert not any(c.source.endswith("insurance.md") for c in answer.citations), answer.answer
