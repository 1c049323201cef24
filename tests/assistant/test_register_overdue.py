""""Who is behind on their training?" is a register question whose answer is the rows a status calls overdue.

Found on the waterworks development key (r05): the question was not read as asking for a set ("who is behind"
was not a list form), "behind" matched no status value because only the question's own word was looked for
("Overdue" is the register's word), and a "Required by" column was not taken for a deadline. The corpus is a
small invented one (not a shipped corpus).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")

ROWS = [
    ("CR-01", "Ana Silva", "Responsible AI basics", "2026-03-31", "2026-03-02", "Complete"),
    ("CR-02", "Ben Okoro", "Responsible AI basics", "2026-03-31", "", "Overdue"),
    ("CR-03", "Chen Wu", "Model owner briefing", "2026-06-30", "2026-06-11", "Complete"),
    ("CR-04", "Dina Farah", "Model owner briefing", "2026-06-30", "", "Overdue"),
    ("CR-05", "Eli Novak", "Prompt safety for analysts", "2026-12-31", "", "In progress"),
    ("CR-06", "Femi Adeyemi", "Prompt safety for analysts", "2026-09-30", "2026-09-01", "Complete"),
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("courses")
    lines = ["Record,Name,Course,Required by,Completed,Status", *(",".join(r) for r in ROWS)]
    (root / "course_records.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "course_records.csv.meta.yaml").write_text(
        "title: AI Course Records\ndoc_type: record\nclassification: confidential\n", encoding="utf-8"
    )
    (root / "training_procedure.md").write_text(
        "---\ntitle: AI Training Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# AI Training Procedure\n\nEveryone who builds, runs or uses an AI system completes the course for their "
        "role by the date in the course records. The People team chases anyone who misses it.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("courses-data") / "data"))


@pytest.mark.parametrize("question", ["who is behind on their AI training?", "who is late with their AI course?"])
def test_who_is_behind_lists_the_overdue_rows(svc: Any, question: str) -> None:
    answer = svc.ask(question, COMPLIANCE)
    first = answer.answer.partition("\n")[0]
    assert re.search(r"\*\*2\*\* of 6 rows match", first), answer.answer
    assert set(re.findall(r"CR-\d\d", answer.answer)) == {"CR-02", "CR-04"}, answer.answer
