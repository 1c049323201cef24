"""Verdicts for the 40-question vendor questionnaire against key.yaml (written from the documents beforehand)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

VERDICTS = ("Yes", "Partial", "No", "Unknown")
#: The floor the strict agreement must reach (measured: 32/40 = 80 % on the sample corpus; docs/questionnaire.md).
FLOOR = 0.70


def test_every_question_is_answered_once(filled_main: Any, key: dict[str, Any]) -> None:
    ids = [r.question_id for r in filled_main.rows]
    assert sorted(ids) == sorted(key), "each key question appears exactly once; section rows are skipped"
    s = filled_main.summary
    assert s.questions == 40 and sum(s.verdicts.values()) == 40
    assert s.answered == 40 - s.unknown and s.unknown == s.verdicts["Unknown"]
    assert s.needs_review == sum(r.needs_review for r in filled_main.rows)


def test_verdicts_agree_with_the_key(filled_main: Any, key: dict[str, Any]) -> None:
    got = {r.question_id: r.verdict for r in filled_main.rows}
    confusion = Counter((key[q]["verdict"], got[q]) for q in key)
    strict = sum(key[q]["verdict"] == got[q] for q in key) / len(key)
    lenient = sum(got[q] in (key[q]["verdict"], *key[q].get("also", [])) for q in key) / len(key)
    print(f"\nquestionnaire agreement: strict {strict:.0%}, with defensible alternatives {lenient:.0%}")
    print("expected \\ got  " + "  ".join(f"{v:>7}" for v in VERDICTS))
    for exp in VERDICTS:
        print(f"{exp:>14}  " + "  ".join(f"{confusion[(exp, v)]:>7}" for v in VERDICTS))
    for q in key:
        if key[q]["verdict"] != got[q]:
            print(f"  miss {q}: expected {key[q]['verdict']}, got {got[q]}")
    assert strict >= FLOOR, f"strict agreement {strict:.0%} below {FLOOR:.0%}"
    # Not one class carried by the others: each verdict the key uses is reached at least once.
    for verdict in VERDICTS:
        assert confusion[(verdict, verdict)] >= 1, f"never answered {verdict} correctly"


def test_questions_no_document_answers_are_unknown_and_flagged(filled_main: Any, key: dict[str, Any]) -> None:
    rows = {r.question_id: r for r in filled_main.rows}
    unanswerable = [q for q, k in key.items() if k["source"] is None]
    assert len(unanswerable) >= 4
    hits = [q for q in unanswerable if rows[q].verdict == "Unknown"]
    assert len(hits) >= len(unanswerable) - 1, hits
    for q in hits:
        assert rows[q].needs_review and rows[q].reasons
        assert rows[q].answer.startswith("No "), rows[q].answer  # says so before any nearby evidence


def test_answers_carry_citations_with_document_and_section(filled_main: Any, key: dict[str, Any]) -> None:
    cited_sources = 0
    for r in filled_main.rows:
        if r.verdict == "Unknown":
            continue
        assert r.answer and "[1]" not in r.answer, r
        assert r.citations, f"{r.question_id} has a verdict but no citation"
        for line in r.citations:
            assert line.startswith("[") and line.endswith(")") and "(org/" in line, line
        if key[r.question_id]["source"] and any(key[r.question_id]["source"] in c for c in r.citations):
            cited_sources += 1
    print(f"\nrows citing the key's deciding document: {cited_sources}")
    assert cited_sources >= 15


def test_every_question_is_in_the_audit_log(q_service: Any, filled_main: Any) -> None:
    ids = [r.interaction_id for r in filled_main.rows]
    assert all(ids) and len(set(ids)) == len(ids)
    import json

    logged = [json.loads(line) for line in q_service.audit.export("jsonl")]
    questions = {r.question for r in filled_main.rows}
    assert questions <= {row.get("question") for row in logged}
    result = q_service.audit.verify()
    assert result.ok, result.reason


@pytest.mark.slow  # runs in CI (make test with CI set); one of the slowest locally
def test_held_out_questionnaire(q_service: Any) -> None:
    """15 questions written after the thresholds were set (holdout_key.yaml): the out-of-sample figure."""
    from pathlib import Path

    import yaml

    from assistant.models import Asker
    from assistant.questionnaire import fill

    data = Path(__file__).resolve().parent / "data"
    key = yaml.safe_load((data / "holdout_key.yaml").read_text(encoding="utf-8"))
    csv_file = data / "holdout_questionnaire.csv"
    result = fill(csv_file.read_bytes(), csv_file.name, q_service, Asker(role="auditor"))
    assert result.summary.question_column == "Security & AI Requirement (B)"
    got = {r.question_id: r.verdict for r in result.rows}
    assert set(got) == set(key)
    strict = sum(got[q] == k["verdict"] for q, k in key.items()) / len(key)
    lenient = sum(got[q] in (k["verdict"], *k.get("also", [])) for q, k in key.items()) / len(key)
    print(f"\nheld-out agreement: strict {strict:.0%}, with defensible alternatives {lenient:.0%}")
    for q, k in key.items():
        if got[q] != k["verdict"]:
            print(f"  miss {q}: expected {k['verdict']}, got {got[q]}")
    assert strict >= 0.6, f"held-out agreement {strict:.0%} below 60 %"
