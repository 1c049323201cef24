"""A workbook's key sheet (rows explaining the register's columns) is not the register.

Found on an unseen council corpus (r03): "which AI risks has somebody formally accepted rather than treated?"
scored the Key sheet ("Field: Position; Meaning: ... Accepted = risk accepted by the right person ...") as high
as the Register sheet and, retrieved first, answered with the one Key row that mentions "accepted".
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

REGISTER = [
    ("Ref", "What could go wrong", "Position", "Risk lead"),
    ("RK-01", "Scores unfairly high for shared houses", "Being treated", "Ana Silva"),
    ("RK-02", "Chatbot gives wrong discount advice", "Accepted", "Ben Okoro"),
    ("RK-03", "Camera misses potholes at night", "Accepted", "Chen Wu"),
    ("RK-04", "Summaries drop objections", "Open", "Dina Farah"),
    ("RK-05", "Triage ranks urgent cases low", "Closed", "Eli Novak"),
]
KEY = [
    ("Field", "Meaning"),
    ("Ref", "Reference of the risk"),
    ("Position", "Open = treatment not yet in place; Being treated = controls being put in place; Accepted = risk "
                 "accepted by the right person; Closed = no longer applies"),
    ("Risk lead", "The person who owns the risk"),
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from openpyxl import Workbook

    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("brookfield")
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    for row in REGISTER:
        ws.append(list(row))
    key = wb.create_sheet("Key")
    for row in KEY:
        key.append(list(row))
    wb.save(root / "ai_risk_register.xlsx")
    (root / "ai_risk_register.xlsx.meta.yaml").write_text(
        "title: AI Risk Register\ndoc_type: record\nclassification: internal\n", encoding="utf-8"
    )
    (root / "risk_procedure.md").write_text(
        "---\ntitle: AI Risk Procedure\ndoc_type: procedure\nclassification: internal\n---\n# AI Risk Procedure\n\n"
        "Every AI risk is scored, and the risk lead either treats it or has it accepted by the board.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("brookfield-data") / "data"))


def test_accepted_risks_come_from_the_register_not_its_key(svc: Any) -> None:
    answer = svc.ask("Which AI risks has somebody formally accepted rather than treated?", COMPLIANCE)
    assert set(re.findall(r"RK-\d\d", answer.answer)) == {"RK-02", "RK-03"}, answer.answer
    assert "Meaning" not in answer.answer.split("\n")[0], answer.answer
