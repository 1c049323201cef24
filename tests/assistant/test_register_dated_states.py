"""A date column that holds a state where there is no date yet ("Completed": 2026-01-22 / "Not started") answers
"who hasn't finished?": a date means done, an open state not yet.

Found on the council key (m09a): "who still hasn't finished their AI training?" found no status column in the
training records (the Completed column is a date column) and answered from the corrective-action log instead.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

TRAINING = [
    "Record,Staff member,Course,Completed,Result",
    "TR-01,Ana Silva,AI Essentials,2026-01-22,Pass",
    "TR-02,Ben Okoro,AI Essentials,Not started,",
    "TR-03,Chen Wu,Bias Awareness,2026-02-17,Pass",
    "TR-04,Dina Farah,Bias Awareness,In progress,",
    "TR-05,Eli Novak,AI Essentials,2026-03-03,Pass",
]
ACTIONS = [
    "Ref,Problem,Status",
    "CA-01,Training completion below target,In progress",
    "CA-02,Letter template not updated,Closed",
    "CA-03,Supplier review late,Open",
]


def _csv(root: Any, name: str, title: str, lines: list[str]) -> None:
    (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / f"{name}.meta.yaml").write_text(
        f"title: {title}\ndoc_type: record\nclassification: internal\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("ashcombe")
    _csv(root, "ai_training_records.csv", "AI Training Records", TRAINING)
    _csv(root, "corrective_action_log.csv", "Corrective Action Log", ACTIONS)
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("ashcombe-data") / "data"))


def test_who_has_not_finished_lists_the_undated_rows(svc: Any) -> None:
    answer = svc.ask("who still hasn't finished their AI training?", COMPLIANCE)
    assert set(re.findall(r"TR-\d\d", answer.answer)) == {"TR-02", "TR-04"}, answer.answer

