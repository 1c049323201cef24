"""Labelled lines ("Apologies: Grace Adeyemi", "System owner: Tomasz Wilk") are whole facts, and a "who" question
is answered by the person they name.

Found on an unseen corpus: minutes wrote "Present: ... Apologies: <name>. In attendance: <name> (Internal Audit
Manager) ...". "Who sent apologies?" quoted the "In attendance" line, because only role words ("Manager") counted
as a who-answer and a short labelled line was penalised as a heading.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker
from assistant.text import is_heading_like, is_label_value

STAFF = Asker(user="sam", role="staff", channel="cli")


@pytest.mark.parametrize(
    ("line", "label_value", "heading"),
    [
        ("Apologies: Grace Adeyemi.", True, False),
        ("System owner: Tomasz Wilk", True, False),
        ("Version | 2.1", True, False),
        ("Section 3: Scope", False, False),
        ("Roles and responsibilities", False, True),
        ("Note:", False, False),
    ],
)
def test_labelled_lines_are_facts_not_headings(line: str, label_value: bool, heading: bool) -> None:
    assert is_label_value(line) is label_value
    assert is_heading_like(line) is heading


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("fernhill")
    (root / "review_minutes.md").write_text(
        "---\ntitle: Fernhill Model Board Minutes, March 2026\ndoc_type: minutes\nclassification: internal\n---\n"
        "# Fernhill Model Board Minutes, March 2026\n\n"
        "Meeting held on 12 March 2026 in the Harbour Room.\n\n"
        "Present: Dr Maya Lindqvist (Chair), Tom Brandt (Secretary), Ines Carvalho, Olu Bakare. "
        "Apologies: Petra Nowak. In attendance: Sean Doyle (Risk Manager) for item 2.\n\n"
        "The Board reviewed the drift report for the pricing model and agreed a retraining date.\n",
        encoding="utf-8",
    )
    (root / "model_card.md").write_text(
        "---\ntitle: Fernhill Pricing Model Card\ndoc_type: model_card\nclassification: internal\n---\n"
        "# Fernhill Pricing Model Card\n\n"
        "The pricing model suggests a quote band for each commercial lease enquiry.\n\n"
        "System owner: Arjun Mehta\n\n"
        "The Risk Manager reviews its drift report every quarter.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("fernhill-data") / "data"))


def test_who_sent_apologies_names_the_absent_member(svc: Any) -> None:
    answer = svc.ask("who sent apologies to the board meeting?", STAFF)
    first = answer.answer.split("\n")[0]
    assert "Petra Nowak" in first, answer.answer
