"""Register questions worded as people word them, found on an unseen corpus (written by an outside helper).

Four misreadings, each of a mechanism, on an invented action log, risk register and course log:
- "came out of the internal audit": "internal" was read as an origin side and picked the one cause cell opening
  "Internal ..." in a column of causes, instead of the rows whose source says "Internal audit ...".
- "opened before June 2026": "opened" named the Opened date column and was also read as asking for open rows,
  so the two filters together selected nothing and the question was not answered from the log.
- "not rated High": the negation did not reach across "rated", so it selected the High rows.
- "who's behind": the contraction was not read as a set question.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

ACTIONS = [
    "Ref,Opened,Source,Problem,Cause,Owner,Progress",
    "ACT-01,2026-01-14,Incident IN-3,Wrong depot address sent,Supplier feed was not refreshed,Ana Silva,Closed",
    "ACT-02,2026-03-20,Internal audit HZ-12 F1,No impact assessment for the router,Internal tools were not in scope,"
    "Ben Okoro,Open",
    "ACT-03,2026-05-06,Internal audit HZ-12 F2,Supplier review overdue,Reminder not set,Chen Wu,Overdue",
    "ACT-04,2026-07-01,Customer complaint,Late rerouting notices,Internal flag was not mapped,Dina Farah,Closed",
    "ACT-05,2026-09-15,Internal audit HZ-12 F3,Training below target,Courses launched late,Eli Novak,Open",
    "ACT-06,2026-10-02,Management review,Budget not tracked,Owner unclear,Femi Adeyemi,Open",
]
RISKS = [
    "Ref,Risk,Score,Band,Owner",
    "RK-01,Router sends drivers on closed roads,16,High,Ana Silva",
    "RK-02,Forecast drifts in winter,9,Medium,Ben Okoro",
    "RK-03,Chat assistant invents delivery times,12,High,Chen Wu",
    "RK-04,Supplier changes the model without notice,4,Low,Dina Farah",
    "RK-05,Depot staff over-trust the router,20,Very High,Eli Novak",
]
COURSES = [
    "Ref,Name,Course,Due,Status",
    "TC-01,Gita Rao,Router basics,2026-03-31,Complete",
    "TC-02,Hugo Lind,Router basics,2026-03-31,Overdue",
    "TC-03,Iris Moe,Safe prompting,2026-06-30,Complete",
    "TC-04,Jon Pike,Safe prompting,2026-06-30,Overdue",
]


def _csv(root: Any, name: str, title: str, lines: list[str]) -> None:
    (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / f"{name}.meta.yaml").write_text(
        f"title: {title}\ndoc_type: record\nclassification: confidential\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("liftco")
    _csv(root, "action_log.csv", "Liftco Corrective Action Log", ACTIONS)
    _csv(root, "risk_register.csv", "Liftco AI Risk Register", RISKS)
    _csv(root, "course_log.csv", "Liftco AI Course Log", COURSES)
    (root / "aims_manual.md").write_text(
        "---\ntitle: Liftco AIMS Manual\ndoc_type: policy\nclassification: internal\n---\n# Liftco AIMS Manual\n\n"
        "Corrective actions are logged with their source and owner. Risks are scored and banded in the risk "
        "register. Everyone finishes the course for their role by its due date.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("liftco-data") / "data"))


def _listed(answer: Any, pattern: str) -> set[str]:
    return set(re.findall(pattern, answer.answer))


def test_actions_from_the_internal_audit_are_the_rows_it_sourced(svc: Any) -> None:
    answer = svc.ask("which corrective actions came out of the internal audit?", COMPLIANCE)
    assert re.search(r"\*\*3\*\* of 6 rows match", answer.answer), answer.answer
    assert _listed(answer, r"ACT-\d\d") == {"ACT-02", "ACT-03", "ACT-05"}, answer.answer


def test_opened_before_a_month_filters_the_opened_date_only(svc: Any) -> None:
    answer = svc.ask("which corrective actions were opened before June 2026?", COMPLIANCE)
    assert re.search(r"\*\*3\*\* of 6 rows match", answer.answer), answer.answer
    assert _listed(answer, r"ACT-\d\d") == {"ACT-01", "ACT-02", "ACT-03"}, answer.answer


def test_not_rated_high_excludes_the_high_rows(svc: Any) -> None:
    answer = svc.ask("list the risks on the AI risk register that are not rated High", COMPLIANCE)
    assert _listed(answer, r"RK-\d\d") == {"RK-02", "RK-04", "RK-05"}, answer.answer


def test_whos_behind_lists_the_overdue_people(svc: Any) -> None:
    answer = svc.ask("who's behind on their AI training?", COMPLIANCE)
    assert re.search(r"\*\*2\*\* of 4 rows match", answer.answer), answer.answer
    assert _listed(answer, r"TC-\d\d") == {"TC-02", "TC-04"}, answer.answer
