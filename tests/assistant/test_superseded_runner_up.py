"""A superseded version is no runner-up in an answer about the current text; a question about history still gets it.

Found on the sample at e1dbf4b: with five passages quoted, "how often is the AI policy reviewed?" also quoted the
withdrawn version 1.0's "every 36 months" (with a superseded warning) after the current policy's 12 months. The
corpus is a small invented one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import ingest_corpus, write_filler_docs

from assistant.models import Asker

STAFF = Asker(user="sam", role="staff", channel="cli")


def _doc(root: Path, name: str, title: str, status: str, body: str) -> None:
    (root / f"{name}.md").write_text(
        f"---\ntitle: {title}\ndoc_type: policy\nclassification: internal\nstatus: {status}\n---\n"
        f"# {title}\n\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("wrenmoor")
    _doc(root, "wrenmoor_ai_policy", "Wrenmoor AI Policy", "current",
         "## Review of this policy\n\nThe Head of Data reviews this policy every 12 months, and sooner after a "
         "serious AI incident. Review outcomes are approved by the Executive Board.")  # fmt: skip
    _doc(root, "wrenmoor_ai_policy_v1", "Wrenmoor AI Policy (version 1.0)", "superseded",
         "## Review\n\nThis policy will be reviewed every 36 months by the Head of IT, or earlier if the Board asks.")
    # The filler's own one-line policy would be a third review interval.
    write_filler_docs(root, skip=("ai_policy",))
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("wrenmoor-data") / "data"))


def test_the_current_review_interval_quotes_no_withdrawn_version(svc: Any) -> None:
    answer = svc.ask("how often is the AI policy reviewed?", STAFF)
    assert "12 months" in answer.answer, answer.answer
    assert "36 months" not in answer.answer, answer.answer


def test_a_question_about_the_old_version_still_quotes_it(svc: Any) -> None:
    answer = svc.ask("what did the old version of the AI policy say about reviews?", STAFF)
    assert "36 months" in answer.answer, answer.answer
