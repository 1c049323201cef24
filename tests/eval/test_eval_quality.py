"""The issue-10 figures on hand-made answers: register rows, first-5 citations, false abstention, follow-up
turns, per-tag figures, and the targets / CI floors table."""

from __future__ import annotations

import pytest

from assistant.evaluation.key import AnswerKey, KeyQuestion
from assistant.evaluation.metrics import (
    QuestionResult,
    answer_scores,
    evaluate_answer,
    first_citations_hit,
    rows_mentioned,
)
from assistant.evaluation.targets import DEFAULT_FLOORS, parse_floors
from assistant.models import Answer, Citation

ROWS = ["NC-2025-1", "NC-2025-10", "NC-2025-11", "DS-01", "DS-012"]


def cite(n: int, doc: str, quote: str = "q") -> Citation:
    return Citation(n=n, doc_id=doc, title=doc, doc_type="record", source=doc, quote=quote,
                    chunk_id=f"{doc}::aaaaaaaaaaaa::0", classification="internal")  # fmt: skip


def check(q: KeyQuestion, a: Answer, tags: list[str] | None = None) -> QuestionResult:
    return evaluate_answer(q, a, chunks={}, known_ids=set(), allowed_classifications=["internal"], latency_ms=1.0,
                           tags=tags or [])  # fmt: skip


def _q(**kw: object) -> KeyQuestion:
    base: dict[str, object] = {"id": "q", "question": "which nonconformities are open?"}
    base.update(kw)
    return KeyQuestion.model_validate(base)


def test_row_ids_match_as_whole_tokens() -> None:
    text = "Open: NC-2025-10 (owner Lee), nc-2025-11. See DS-0123 and DS-01-b; DS-012."
    assert rows_mentioned([text], ROWS) == ["NC-2025-10", "NC-2025-11", "DS-012"]
    # NC-2025-1 is a prefix of NC-2025-10 and must not count; a quote may carry a row the text does not.
    assert rows_mentioned(["nothing here", "row NC-2025-1."], ROWS) == ["NC-2025-1"]
    # Dotted ids (controls of a Statement of Applicability): A.6.2 is not named by A.6.2.4.
    assert rows_mentioned(["A.6.2.4 and A.7.2."], ["A.6.2", "A.6.2.4", "A.7.2"]) == ["A.6.2.4", "A.7.2"]


def test_register_rows_exact_uses_text_and_quotes() -> None:
    q = _q(type="register", expected_rows=["NC-2025-10", "NC-2025-11"], all_rows=ROWS[:3])
    quotes = [cite(1, "log.csv", "NC-2025-10 open"), cite(2, "log.csv", "NC-2025-11 | open")]
    exact = Answer(answer="2 open: NC-2025-10 [1] and one more [2].", intent="fact", citations=quotes)
    r = check(q, exact)
    assert r.rows_exact is True and r.rows_found == ["NC-2025-10", "NC-2025-11"]
    extra = exact.model_copy(update={"answer": "NC-2025-1, NC-2025-10 and NC-2025-11 are open."})
    r2 = check(q, extra)
    assert r2.rows_exact is False and r2.rows_extra == ["NC-2025-1"] and r2.rows_missing == []
    short = Answer(answer="NC-2025-10 is open.", intent="fact")
    r3 = check(q, short)
    assert r3.rows_exact is False and r3.rows_missing == ["NC-2025-11"]
    assert check(_q(), short).rows_exact is None  # not a register question


def test_expected_file_among_first_five_citations() -> None:
    cites = [cite(n, f"f{n}.md") for n in range(1, 8)]
    assert first_citations_hit(cites, ["f5.md"]) and not first_citations_hit(cites, ["f6.md"])
    # The answer's own numbering counts, not list order.
    assert first_citations_hit(list(reversed(cites)), ["f1.md"])
    q = _q(expected_files=["f6.md"])
    r = check(q, Answer(answer="x", intent="fact", citations=cites))
    assert r.cited_expected is True and r.cited_expected_top5 is False and r.right is False


def test_false_abstention_follow_ups_and_tags() -> None:
    qs = [
        _q(id="a", expected_files=["p.md"], must_contain=["12 months"], tags=["everyday"]),
        _q(id="b", expected_files=["p.md"], tags=["paraphrase", "everyday"]),
        _q(id="c", expect_abstain=True, tags=["absent"]),
        _q(id="t1", conversation="m", expected_files=["p.md"]),
        _q(id="t2", conversation="m", expected_files=["p.md"], must_contain=["Lee"], tags=["follow_up"]),
        _q(id="t3", conversation="m", expected_files=["p.md"]),
    ]
    key = AnswerKey(version=1, questions=qs)
    good = Answer(answer="Every 12 months, owner Lee [1].", intent="fact", citations=[cite(1, "p.md")])
    nothing = Answer(answer="I found no evidence of that in your documents.", intent="fact", abstained=True)
    answers = {"a": good, "b": nothing, "c": nothing, "t1": good, "t2": good, "t3": nothing}
    results = [check(q, answers[q.id], key.tags_of(q)) for q in qs]
    sc = answer_scores(results, key)
    # Answerable: a, b, t1, t2, t3; b and t3 abstained.
    assert (sc.false_abstention.k, sc.false_abstention.n) == (2, 5)
    assert (sc.cited_expected_top5.k, sc.cited_expected_top5.n) == (3, 5)
    # Follow-ups: t2 (tagged) and t3 (a later turn): t2 right, t3 abstained.
    assert (sc.follow_up_right.k, sc.follow_up_right.n) == (1, 2)
    assert set(sc.by_tag) == {"everyday", "paraphrase", "absent", "follow_up"}
    ev = sc.by_tag["everyday"]
    assert ev.questions == 2 and (ev.false_abstention.k, ev.false_abstention.n) == (1, 2)
    assert (ev.containment.k, ev.containment.n) == (1, 1)
    assert sc.by_tag["absent"].false_abstention.n == 0  # nothing answerable there
    assert (sc.by_tag["follow_up"].cited_expected_top5.k, sc.by_tag["follow_up"].cited_expected_top5.n) == (1, 2)


def test_a_turn_is_right_only_when_every_expectation_holds() -> None:
    q = _q(expected_files=["p.md"], must_contain=["Lee"])
    assert check(q, Answer(answer="Lee [1]", intent="fact", citations=[cite(1, "p.md")])).right
    assert not check(q, Answer(answer="Kim [1]", intent="fact", citations=[cite(1, "p.md")])).right
    assert not check(q, Answer(answer="Lee [1]", intent="fact", citations=[cite(1, "other.md")])).right
    absent = _q(expect_abstain=True, expected_files=["p.md"])
    assert check(absent, Answer(answer="No evidence.", intent="fact", abstained=True)).right
    assert not check(absent, Answer(answer="Lee [1]", intent="fact", citations=[cite(1, "p.md")])).right


def test_floor_parsing() -> None:
    assert parse_floors(None) == DEFAULT_FLOORS
    got = parse_floors(["containment=0.75", "recall_at_5=off,register_rows_exact=90%"])
    assert got == {"containment": 0.75, "gap_report_agreement": 0.75, "register_rows_exact": 0.9}
    for bad, msg in [("containment", "is not NAME=VALUE"), ("recal=0.8", "unknown figure 'recal'"),
                     ("containment=high", "is not a number")]:  # fmt: skip
        with pytest.raises(ValueError, match=msg):
            parse_floors([bad])
