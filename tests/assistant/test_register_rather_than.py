"""Register questions with a two-word negation: "accepted instead of treating them", "treated rather than accepted".

Found on an unseen corpus (manufacturer r03): "which risks have we accepted instead of treating them?" listed the
rows whose status is Accepted *or* Treated, because "instead of" was not read as excluding the value after it.
The register is an invented one.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

DECISIONS = [
    "Ref,Risk,Score,Decision,Owner",
    "RD-01,Inspection camera misses hairline cracks,12,Accepted,Quality Lead",
    "RD-02,Forecast drifts after a price change,9,Treated,Planning Lead",
    "RD-03,Scheduler favours day shifts,8,Accepted,HR Partner",
    "RD-04,Supplier changes the model without notice,6,Transferred,Buyer",
    "RD-05,Chat assistant invents part numbers,10,Treated,Engineering Lead",
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("fellside")
    (root / "risk_decisions.csv").write_text("\n".join(DECISIONS) + "\n", encoding="utf-8")
    (root / "risk_decisions.csv.meta.yaml").write_text(
        "title: AI risk register\ndoc_type: risk_assessment\nclassification: internal\n", encoding="utf-8"
    )
    (root / "risk_method.md").write_text(
        "---\ntitle: Risk method\ndoc_type: procedure\nclassification: internal\n---\n# Risk method\n\n"
        "Every AI risk is scored and then treated, accepted or transferred by its owner.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("fellside-data") / "data"))


def _listed(answer: Any) -> set[str]:
    return set(re.findall(r"RD-\d\d", answer.answer))


def test_accepted_instead_of_treated_excludes_the_treated_rows(svc: Any) -> None:
    answer = svc.ask("which risks have we accepted instead of treating them?", COMPLIANCE)
    assert _listed(answer) == {"RD-01", "RD-03"}, answer.answer


def test_treated_rather_than_accepted_excludes_the_accepted_rows(svc: Any) -> None:
    answer = svc.ask("which risks were treated rather than accepted?", COMPLIANCE)
    assert _listed(answer) == {"RD-02", "RD-05"}, answer.answer
