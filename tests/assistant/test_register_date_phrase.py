"""The word after one naming a date column belongs to that column ("next *review*" for "Next look due").

Found on the unseen council corpus (r05): "which AI risks are due their next review in December 2026?" chose the
"Next look due" column for the month, and also kept "review" as a phrase to find in the treatment notes, so only
the one December row whose notes say "review" was listed instead of all four.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

RISKS = [
    "Ref,What could go wrong,How we are treating it,Risk lead,Next look due",
    "RK-01,Scores unfairly high for shared houses,Quarterly fairness review of referrals,Ana Silva,2026-12-04",
    "RK-02,Chatbot gives wrong discount advice,Answers checked against the rules page,Ben Okoro,2026-12-15",
    "RK-03,Camera misses potholes at night,Inspection routes unchanged,Chen Wu,2027-01-20",
    "RK-04,Summaries drop objections,Officers read every objection,Dina Farah,2026-12-21",
    "RK-05,Triage ranks urgent cases low,Second look by a social worker,Eli Novak,2026-11-02",
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("eastmarsh")
    (root / "risk_register.csv").write_text("\n".join(RISKS) + "\n", encoding="utf-8")
    (root / "risk_register.csv.meta.yaml").write_text(
        "title: AI Risk Register\ndoc_type: record\nclassification: internal\n", encoding="utf-8"
    )
    (root / "risk_procedure.md").write_text(
        "---\ntitle: AI Risk Procedure\ndoc_type: procedure\nclassification: internal\n---\n# AI Risk Procedure\n\n"
        "Every AI risk has a lead and a date for its next look, set when the risk is scored.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("eastmarsh-data") / "data"))


def test_next_review_in_a_month_lists_every_row_due_then(svc: Any) -> None:
    answer = svc.ask("Which AI risks are due their next review in December 2026?", COMPLIANCE)
    assert set(re.findall(r"RK-\d\d", answer.answer)) == {"RK-01", "RK-02", "RK-04"}, answer.answer
