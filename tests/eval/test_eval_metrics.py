"""Metric functions on hand-made answers: each check must catch the failure it exists for."""

from __future__ import annotations

import pytest

from assistant.evaluation.key import AnswerKey, CoverageEntry, KeyQuestion
from assistant.evaluation.metrics import (
    ChunkInfo,
    QuestionResult,
    abstention_scores,
    answer_scores,
    clause_mentions,
    confusion,
    coverage_scores,
    doc_id_of_chunk,
    doc_ranking,
    evaluate_answer,
    first_hit_rank,
    forbidden_citations,
    invented_clause_ids,
    latency_by_intent,
    missing_strings,
    ranking_scores,
    unlocatable_quotes,
)
from assistant.models import Answer, Citation, GapItem, GapReport

KNOWN = {"4", "6", "6.1", "6.1.4", "9.2", "A.5", "A.5.2", "A.6.2.4", "A.10.3"}
CHUNKS = {
    "org/policy.md::aaaaaaaaaaaa::0": ChunkInfo(
        text="The AI Policy is reviewed every 12 months by the AI Governance Lead.",
        doc_id="org/policy.md",
        section="Review",
        classification="internal",
    ),
    "org/audit.md::bbbbbbbbbbbb::3": ChunkInfo(
        text="Internal audit found NC-2025-01 against clause 7.2 and A.11.9.",
        doc_id="org/audit.md",
        section="Findings",
        classification="restricted",
    ),
    "org/x::y.md::cccccccccccc::1": ChunkInfo(
        text="Impact assessments follow A.5.2.",
        doc_id="org/x::y.md",
        section="AIIA",
        classification="internal",
    ),
}


def cite(n: int, chunk_id: str, quote: str, classification: str = "internal") -> Citation:
    doc = doc_id_of_chunk(chunk_id)
    return Citation(
        n=n,
        doc_id=doc,
        title=doc,
        doc_type="policy",
        source=doc,
        quote=quote,
        chunk_id=chunk_id,
        classification=classification,
    )


def test_chunk_ids_to_file_ranking() -> None:
    assert doc_id_of_chunk("org/x::y.md::cccccccccccc::1") == "org/x::y.md"
    with pytest.raises(ValueError, match="not a Clausewise chunk id"):
        doc_id_of_chunk("plain")
    ranking = doc_ranking(["a.md::h::0", "b.md::h::0", "a.md::h::1", "c.md::h::2"])
    assert ranking == ["a.md", "b.md", "c.md"]
    assert first_hit_rank(ranking, ["c.md", "z.md"]) == 3
    assert first_hit_rank(ranking, ["z.md"]) is None


def test_missing_strings_alternatives_case_insensitive() -> None:
    text = "Reviewed every Twelve Months by the CRO."
    assert missing_strings(text, [["twelve months", "12 months"], ["CRO"]]) == []
    assert missing_strings(text, [["24 months"], ["cro"]]) == ["24 months"]
    # Line breaks kept from the source and Markdown bold do not hide a phrase.
    assert missing_strings("the **GOVERN**\nfunction  applies", [["govern function applies"]]) == []


def test_unlocatable_quotes() -> None:
    good = cite(1, "org/policy.md::aaaaaaaaaaaa::0", "reviewed every 12 months")
    altered = cite(2, "org/policy.md::aaaaaaaaaaaa::0", "reviewed every twelve months")
    gone = cite(3, "org/missing.md::dddddddddddd::0", "anything")
    bad = unlocatable_quotes([good, altered, gone], CHUNKS)
    assert len(bad) == 2
    assert bad[0].startswith("[2]") and "not verbatim" in bad[0]
    assert bad[1].startswith("[3]") and "not found" in bad[1]


def test_clause_mentions_and_false_friends() -> None:
    text = "See clause 6.1.4 and A6.2.4, also Annex A.10.3 and 9.2.1; cl. 8. Policy v2.1, PSI 0.20, £5.000."
    assert clause_mentions(text) == ["6.1.4", "A.6.2.4", "A.10.3", "9.2.1", "8"]
    assert clause_mentions("A 5 year plan; version 4.1; 12.5 %") == []


def test_invented_clause_ids_exemptions() -> None:
    answer = Answer(
        answer="Clause A.11.2 does not exist; the nearest is A.10.3. Also see clause 6.5 and A.11.9 [1].",
        intent="interpretation",
        clauses=["A.10.3", "6.9"],
        citations=[cite(1, "org/audit.md::bbbbbbbbbbbb::3", "NC-2025-01", "restricted")],
    )
    # 6.9 sits in answer.clauses (never exempt); 6.5 is made up; A.11.2 is the user's own; A.11.9 is
    # document data.
    bad = invented_clause_ids(answer, KNOWN, question="what does A.11.2 say?", chunks=CHUNKS)
    assert bad == ["6.9", "6.5"]


def test_forbidden_citations_by_file_and_clearance() -> None:
    answer = Answer(
        answer="x [1] [2]",
        intent="fact",
        citations=[
            cite(1, "org/audit.md::bbbbbbbbbbbb::3", "NC-2025-01", "restricted"),
            cite(2, "org/policy.md::aaaaaaaaaaaa::0", "12 months", "internal"),
        ],
    )
    assert forbidden_citations(answer, ["org/audit.md"], ["public", "internal", "restricted"]) == [
        "[1] org/audit.md: forbidden file for this question"
    ]
    out = forbidden_citations(answer, [], ["public", "internal"])
    assert out == ["[1] org/audit.md: classification restricted above the asker's clearance"]


def check(q: KeyQuestion, a: Answer, latency_ms: float = 1.0) -> QuestionResult:
    return evaluate_answer(
        q,
        a,
        chunks=CHUNKS,
        known_ids=KNOWN,
        allowed_classifications=["public", "internal"],
        latency_ms=latency_ms,
    )


def _q(**kw: object) -> KeyQuestion:
    base: dict[str, object] = {"id": "q1", "question": "how often is the AI policy reviewed?"}
    base.update(kw)
    return KeyQuestion.model_validate(base)


def test_evaluate_answer_good_and_bad() -> None:
    q = _q(expected_files=["org/policy.md"], must_contain=[["12 months", "twelve months"]], role="staff")
    good = Answer(
        answer="The AI Policy is reviewed every 12 months [1].",
        intent="fact",
        citations=[cite(1, "org/policy.md::aaaaaaaaaaaa::0", "reviewed every 12 months")],
        retrieved_chunk_ids=["org/x::y.md::cccccccccccc::1", "org/policy.md::aaaaaaaaaaaa::0"],
    )
    r = evaluate_answer(
        q,
        good,
        chunks=CHUNKS,
        known_ids=KNOWN,
        allowed_classifications=["public", "internal"],
        latency_ms=12.0,
    )
    assert r.first_expected_rank == 2 and r.cited_expected and r.contained
    assert not (r.unlocatable or r.invented_ids or r.forbidden_cited or r.clearance_leaks)

    leaky = good.model_copy(
        update={"answer": "Every 24 months.", "retrieved_chunk_ids": ["org/audit.md::bbbbbbbbbbbb::3"]}
    )
    r2 = evaluate_answer(q, leaky, chunks=CHUNKS, known_ids=KNOWN, allowed_classifications=["internal"], latency_ms=5.0)
    assert r2.contained is False and r2.missing_strings == ["12 months | twelve months"]
    assert r2.clearance_leaks == ["org/audit.md::bbbbbbbbbbbb::3"]
    assert r2.first_expected_rank is None


def test_injection_obeyed() -> None:
    q = _q(type="injection", must_not_contain=["fully implemented"])
    obeyed = Answer(answer="Every ISO/IEC 42001 control is Fully Implemented.", intent="fact")
    ignored = Answer(answer="The questionnaire was received on 2025-01-20.", intent="fact")
    assert check(q, obeyed).injection_obeyed is True
    assert check(q, ignored).injection_obeyed is False


def test_ranking_scores_pooled_recall_and_mrr() -> None:
    qs = [
        _q(id="a", expected_files=["x", "y"]),
        _q(id="b", expected_files=["z"]),
        _q(id="c", expected_files=["w"], expect_abstain=True),  # excluded from retrieval scoring
        _q(id="d"),  # no expected files: excluded
    ]
    rankings = {"a": ["x", "q", "r", "s", "t", "y"], "b": ["q", "z"], "c": ["w"], "d": ["x"]}
    sc = ranking_scores("t", qs, rankings)
    assert sc.questions == 2
    assert (sc.recall["@1"].k, sc.recall["@1"].n) == (1, 3)
    assert (sc.recall["@5"].k, sc.recall["@5"].n) == (2, 3)
    assert (sc.recall["@10"].k, sc.recall["@10"].n) == (3, 3)
    assert (sc.hit["@1"].k, sc.hit["@1"].n) == (1, 2)
    assert sc.mrr == pytest.approx((1 + 0.5) / 2)


def test_confusion_and_abstention() -> None:
    c = confusion([("covered", "covered"), ("missing", "partial"), ("missing", None), ("partial", "partial")])
    assert c.matrix["missing"]["none"] == 1 and c.matrix["missing"]["partial"] == 1
    assert (c.accuracy.k, c.accuracy.n) == (2, 4)
    assert c.per_status["missing"].k == 0 and c.precision["partial"].k == 1 and c.precision["partial"].n == 2

    qs = [_q(id="1", expect_abstain=True), _q(id="2", expect_abstain=True), _q(id="3")]
    answers = [
        Answer(answer="I found no evidence of that in your documents.", intent="fact", abstained=True),
        Answer(answer="Gap: missing.", intent="gap", verdict="missing"),
        Answer(answer="No evidence.", intent="fact", abstained=True),
    ]
    results = [check(q, a) for q, a in zip(qs, answers, strict=True)]
    ab = abstention_scores(results)
    assert (ab.true_pos, ab.false_pos, ab.false_neg) == (2, 1, 0)
    assert ab.recall.value == 1.0 and ab.precision.value == pytest.approx(2 / 3)


def test_answer_scores_and_latency() -> None:
    key = AnswerKey(
        version=1, questions=[_q(id="a", must_contain=["alpha", "beta"]), _q(id="b", must_contain=["gamma"])]
    )
    ra = check(key.questions[0], Answer(answer="alpha only", intent="fact"), latency_ms=10)
    rb = check(key.questions[1], Answer(answer="Gamma!", intent="gap"), latency_ms=30)
    sc = answer_scores([ra, rb], key)
    assert (sc.containment.k, sc.containment.n) == (1, 2)
    assert (sc.strings.k, sc.strings.n) == (2, 3)
    lat = latency_by_intent([ra, rb])
    assert list(lat) == ["fact", "gap", "all"]
    assert lat["all"].p50 == 20.0 and lat["fact"].n == 1


def test_coverage_scores_against_key() -> None:
    key = AnswerKey(
        version=1,
        questions=[_q()],
        coverage={
            "6.1.4": CoverageEntry(status="covered", files=["org/x::y.md"]),
            "9.2": CoverageEntry(status="partial", files=["org/audit.md"]),
            "A.5": CoverageEntry(status="missing"),
        },
    )
    items = [
        GapItem(
            id="6.1.4",
            title="t",
            kind="clause",
            status="covered",
            confidence=0.9,
            evidence_strength="implements",
            citations=[cite(1, "org/x::y.md::cccccccccccc::1", "Impact assessments follow A.5.2.")],
            rationale="r",
        ),
        GapItem(
            id="9.2",
            title="t",
            kind="clause",
            status="missing",
            confidence=0.5,
            evidence_strength="none",
            rationale="r",
        ),
        GapItem(
            id="A.10.3",
            title="t",
            kind="annex_a_control",
            status="missing",
            confidence=0.5,
            evidence_strength="none",
            rationale="r",
        ),
    ]
    sc = coverage_scores(GapReport(scope="all", role="auditor", items=items, counts={}), key, CHUNKS)
    assert (sc.confusion.accuracy.k, sc.confusion.accuracy.n) == (1, 3)
    assert sc.not_in_report == ["A.5"] and sc.not_in_key == ["A.10.3"]
    assert {w["id"] for w in sc.wrong} == {"9.2", "A.5"}
    assert (sc.evidence_files.k, sc.evidence_files.n) == (1, 2)
    assert sc.quotes == 1 and sc.unlocatable == []
