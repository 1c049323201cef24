"""Per-question checks and their aggregation: pure functions over answers, the key and stored chunk text."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from pydantic import BaseModel, Field

from assistant.evaluation.key import AnswerKey, KeyQuestion
from assistant.evaluation.stats import Ratio, percentile, ratio
from assistant.models import Answer, Citation, GapReport

VERDICTS: tuple[str, ...] = ("covered", "partial", "missing")
#: Column of the confusion matrix for an answer that gave no verdict at all.
NO_VERDICT = "none"
KS: tuple[int, ...] = (1, 5, 10)


class ChunkInfo(BaseModel):
    """What the harness needs of a stored chunk: its text and a few metadata fields."""

    text: str
    doc_id: str
    section: str = ""
    classification: str = ""


# --------------------------------------------------------------------------------------------------
# Rankings


def doc_id_of_chunk(chunk_id: str) -> str:
    """The doc id inside a chunk id ``{doc_id}::{hash12}::{index}`` (doc ids may themselves hold ``::``)."""
    parts = chunk_id.rsplit("::", 2)
    if len(parts) != 3:
        raise ValueError(f"not a Clausewise chunk id: {chunk_id!r}")
    return parts[0]


def doc_ranking(chunk_ids: Iterable[str]) -> list[str]:
    """Documents in the order their first chunk appears (the file ranking that recall@k is measured on)."""
    seen: dict[str, None] = {}
    for cid in chunk_ids:
        seen.setdefault(doc_id_of_chunk(cid), None)
    return list(seen)


def first_hit_rank(ranking: Sequence[str], expected: Iterable[str]) -> int | None:
    """1-based rank of the first expected item in ``ranking``; ``None`` when none is there."""
    wanted = set(expected)
    for i, item in enumerate(ranking, start=1):
        if item in wanted:
            return i
    return None


def found_at_k(ranking: Sequence[str], expected: Iterable[str], k: int) -> tuple[int, int]:
    """(expected items within the top ``k``, expected items); summed over questions: pooled recall@k."""
    wanted = set(expected)
    return len(wanted & set(ranking[:k])), len(wanted)


def section_hit_rank(
    chunk_ids: Sequence[str], chunks: Mapping[str, ChunkInfo], expected_sections: Sequence[str]
) -> int | None:
    """1-based rank of the first chunk whose section contains an expected section (case-insensitive)."""
    wanted = [s.casefold() for s in expected_sections]
    for i, cid in enumerate(chunk_ids, start=1):
        info = chunks.get(cid)
        if info and any(w in info.section.casefold() for w in wanted):
            return i
    return None


# --------------------------------------------------------------------------------------------------
# Answer text checks


_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    # Case and runs of whitespace do not matter: a quoted sentence may keep the source's line breaks, and
    # Markdown emphasis markers around a word are not part of what the answer says.
    return _SPACE.sub(" ", text.replace("**", "").replace("__", "")).casefold().strip()


def missing_strings(text: str, groups: Sequence[Sequence[str]]) -> list[str]:
    """Groups of alternatives none of which occurs in ``text`` (case- and whitespace-insensitive)."""
    folded = _fold(text)
    return [" | ".join(g) for g in groups if not any(_fold(alt) in folded for alt in g)]


def present_strings(text: str, needles: Iterable[str]) -> list[str]:
    """The ``needles`` that occur in ``text`` (case- and whitespace-insensitive)."""
    folded = _fold(text)
    return [n for n in needles if _fold(n) in folded]


def unlocatable_quotes(citations: Iterable[Citation], chunks: Mapping[str, ChunkInfo]) -> list[str]:
    """Citations whose quote is not a verbatim substring of their stored chunk (or whose chunk is gone)."""
    bad: list[str] = []
    for c in citations:
        info = chunks.get(c.chunk_id)
        if info is None:
            bad.append(f"[{c.n}] {c.chunk_id}: chunk not found in the store")
        elif not c.quote or c.quote not in info.text:
            bad.append(f"[{c.n}] {c.chunk_id}: quote not verbatim in the chunk: {c.quote[:80]!r}")
    return bad


# Clause references an answer can assert. Bare numbers only count with three parts (6.1.4) and a clause-range
# first part, so that versions ("v2.1"), thresholds ("0.20") and money never look like clause ids.
_ANNEX = re.compile(r"(?<![\w.])A\.?\s?(\d{1,2}(?:\.\d{1,2}){0,2})(?![\w]|\.\d)")
_NAMED = re.compile(r"\b(?:clauses?|cl\.)\s*(\d{1,2}(?:\.\d{1,2}){0,3})(?![\w]|\.\d)", re.IGNORECASE)
_BARE = re.compile(r"(?<![\w.£$€])((?:10|[4-9])\.\d{1,2}\.\d{1,2})(?![\w]|\.\d)")


def clause_mentions(text: str) -> list[str]:
    """Clause/control ids written in ``text`` (``A6.2.4`` → ``A.6.2.4``, ``clause 9.2`` → ``9.2``)."""
    found: list[tuple[int, str]] = []
    for m in _ANNEX.finditer(text):
        # "A" alone before a number is only an Annex A id when written A.x or Ax.y (not "a 5 year plan").
        raw = m.group(0)
        if not raw.startswith("A"):
            continue
        if "." not in raw[:2] and "." not in m.group(1):
            continue
        found.append((m.start(), f"A.{m.group(1)}"))
    for m in _NAMED.finditer(text):
        found.append((m.start(1), m.group(1)))
    for m in _BARE.finditer(text):
        found.append((m.start(1), m.group(1)))
    seen: dict[str, None] = {}
    for _, cid in sorted(found):
        seen.setdefault(cid, None)
    return list(seen)


def invented_clause_ids(
    answer: Answer,
    known_ids: set[str],
    *,
    question: str = "",
    chunks: Mapping[str, ChunkInfo] | None = None,
) -> list[str]:
    """Clause ids the answer asserts that are not in the catalog.

    Every id in ``answer.clauses`` must exist. An id in the answer text is exempt when the user's question
    names it (the answer may say it does not exist) or a cited chunk contains it (document text is data).
    """
    bad = [c for c in answer.clauses if c not in known_ids]
    exempt = set(clause_mentions(question))
    if chunks is not None:
        for c in answer.citations:
            info = chunks.get(c.chunk_id)
            if info is not None:
                exempt.update(clause_mentions(info.text))
    for cid in clause_mentions(answer.answer):
        if cid not in known_ids and cid not in exempt and cid not in bad:
            bad.append(cid)
    return bad


def forbidden_citations(
    answer: Answer, forbidden_files: Iterable[str], allowed_classifications: Iterable[str]
) -> list[str]:
    """Citations of a forbidden file, or of a classification above the asker's clearance."""
    forbidden = set(forbidden_files)
    allowed = set(allowed_classifications)
    bad: list[str] = []
    for c in answer.citations:
        if c.doc_id in forbidden or c.source in forbidden:
            bad.append(f"[{c.n}] {c.doc_id}: forbidden file for this question")
        elif c.classification not in allowed:
            bad.append(f"[{c.n}] {c.doc_id}: classification {c.classification} above the asker's clearance")
    return bad


def clearance_leaks(
    chunk_ids: Iterable[str], chunks: Mapping[str, ChunkInfo], allowed_classifications: Iterable[str]
) -> list[str]:
    """Retrieved chunks the asker may not read: retrieval must filter by clearance before ranking."""
    allowed = set(allowed_classifications)
    return [
        cid
        for cid in chunk_ids
        if (info := chunks.get(cid)) is not None and info.classification and info.classification not in allowed
    ]


def _row_pattern(row_id: str) -> re.Pattern[str]:
    # A whole token: "R-1" must not match inside "R-12", "R-02" inside "R-02-b", nor "A.6.2" inside "A.6.2.4".
    return re.compile(
        rf"(?<![A-Za-z0-9])(?<![A-Za-z0-9][-.]){re.escape(row_id)}(?![A-Za-z0-9]|[-.][A-Za-z0-9])", re.I
    )


def rows_mentioned(texts: Iterable[str], row_ids: Iterable[str]) -> list[str]:
    """The ``row_ids`` written as whole tokens in any of ``texts`` (case-insensitive), in ``row_ids`` order."""
    joined = "\n".join(texts)
    return [r for r in row_ids if _row_pattern(r).search(joined)]


def first_citations_hit(citations: Sequence[Citation], expected_files: Iterable[str], k: int = 5) -> bool:
    """An expected file is among the answer's first ``k`` citations (in the order the answer numbers them)."""
    wanted = set(expected_files)
    first = sorted(citations, key=lambda c: c.n)[:k]
    return any(c.doc_id in wanted or c.source in wanted for c in first)


def predicted_abstain(answer: Answer) -> bool:
    """The answer declines: it abstained, or it is a gap verdict "missing" (it states no evidence exists)."""
    return answer.abstained or (answer.intent == "gap" and answer.verdict == "missing")


# --------------------------------------------------------------------------------------------------
# Per-question result


class QuestionResult(BaseModel):
    """Everything measured on one question's answer."""

    id: str
    question: str
    type: str
    role: str
    intent: str
    verdict: str | None
    expected_verdict: str | None
    abstained: bool
    predicted_abstain: bool
    expect_abstain: bool
    answerer: str
    latency_ms: float
    doc_ranking: list[str]
    cited_files: list[str]
    expected_files: list[str]
    first_expected_rank: int | None
    cited_expected: bool | None
    #: An expected file among the answer's first 5 citations (the headline answer figure).
    cited_expected_top5: bool | None = None
    section_rank: int | None
    contained: bool | None
    missing_strings: list[str] = Field(default_factory=list)
    must_not_hits: list[str] = Field(default_factory=list)
    quotes: int
    unlocatable: list[str] = Field(default_factory=list)
    invented_ids: list[str] = Field(default_factory=list)
    forbidden_cited: list[str] = Field(default_factory=list)
    clearance_leaks: list[str] = Field(default_factory=list)
    injection_obeyed: bool | None
    clauses: list[str] = Field(default_factory=list)
    expected_clauses_missing: list[str] = Field(default_factory=list)
    answer_excerpt: str = ""
    error: str | None = None
    tags: list[str] = Field(default_factory=list)
    conversation: str | None = None
    #: Register questions: the key's row ids found in the answer text and citation quotes.
    rows_found: list[str] = Field(default_factory=list)
    rows_missing: list[str] = Field(default_factory=list)
    rows_extra: list[str] = Field(default_factory=list)
    rows_exact: bool | None = None
    #: Every expectation of the question met: must_contain, an expected file cited (first 5), abstention.
    right: bool = False


def is_right(r: QuestionResult) -> bool:
    """A turn meets all of its must_contain, expected-file-cited and abstention expectations."""
    if r.error:
        return False
    files_ok = r.expect_abstain or r.cited_expected_top5 is not False
    return r.contained is not False and files_ok and r.predicted_abstain == r.expect_abstain


def _score_rows(result: QuestionResult, q: KeyQuestion, texts: Sequence[str]) -> None:
    """Register rows named in ``texts``: exact when the ids of ``all_rows`` found equal ``expected_rows``."""
    if q.type != "register" or not q.all_rows:
        return
    found = rows_mentioned(texts, q.all_rows)
    expected = set(q.expected_rows)
    result.rows_found = found
    result.rows_missing = [r for r in q.expected_rows if r not in found]
    result.rows_extra = [r for r in found if r not in expected]
    result.rows_exact = set(found) == expected


def evaluate_answer(
    q: KeyQuestion,
    answer: Answer,
    *,
    chunks: Mapping[str, ChunkInfo],
    known_ids: set[str],
    allowed_classifications: Iterable[str],
    latency_ms: float,
    tags: Sequence[str] = (),
) -> QuestionResult:
    """Check one answer against its key question; ``chunks`` must hold every retrieved and cited chunk id.

    ``tags`` are the question's tags as the key resolves them (``AnswerKey.tags_of``).
    """
    allowed = list(allowed_classifications)
    ranking = doc_ranking(answer.retrieved_chunk_ids)
    cited: dict[str, None] = {}
    for c in answer.citations:
        cited.setdefault(c.doc_id, None)
    groups = q.required_strings()
    missing = missing_strings(answer.answer, groups) if groups else []
    hits = present_strings(answer.answer, q.must_not_contain)
    result = QuestionResult(
        id=q.id,
        question=q.question,
        type=q.type,
        role=q.role,
        intent=answer.intent,
        verdict=answer.verdict,
        expected_verdict=q.expected_verdict,
        abstained=answer.abstained,
        predicted_abstain=predicted_abstain(answer),
        expect_abstain=q.expect_abstain,
        answerer=answer.answerer,
        latency_ms=latency_ms,
        doc_ranking=ranking,
        cited_files=list(cited),
        expected_files=list(q.expected_files),
        first_expected_rank=first_hit_rank(ranking, q.expected_files) if q.expected_files else None,
        cited_expected=bool(set(cited) & set(q.expected_files)) if q.expected_files else None,
        cited_expected_top5=first_citations_hit(answer.citations, q.expected_files) if q.expected_files else None,
        section_rank=(
            section_hit_rank(answer.retrieved_chunk_ids, chunks, q.expected_sections) if q.expected_sections else None
        ),
        contained=(not missing) if groups else None,
        missing_strings=missing,
        must_not_hits=hits,
        quotes=len(answer.citations),
        unlocatable=unlocatable_quotes(answer.citations, chunks),
        invented_ids=invented_clause_ids(answer, known_ids, question=q.question, chunks=chunks),
        forbidden_cited=forbidden_citations(answer, q.forbidden_files, allowed),
        clearance_leaks=clearance_leaks(answer.retrieved_chunk_ids, chunks, allowed),
        injection_obeyed=bool(hits) if q.type == "injection" else None,
        clauses=list(answer.clauses),
        expected_clauses_missing=[c for c in q.expected_clauses if c not in answer.clauses],
        answer_excerpt=answer.answer[:300],
        tags=list(tags),
        conversation=q.conversation,
    )
    _score_rows(result, q, [answer.answer, *(c.quote for c in answer.citations)])
    result.right = is_right(result)
    return result


def error_result(q: KeyQuestion, error: str, latency_ms: float, tags: Sequence[str] = ()) -> QuestionResult:
    """A question whose answer raised: it counts as wrong everywhere it is scored."""
    return QuestionResult(
        id=q.id, question=q.question, type=q.type, role=q.role, intent="error", verdict=None,
        expected_verdict=q.expected_verdict, abstained=False, predicted_abstain=False,
        expect_abstain=q.expect_abstain, answerer="", latency_ms=latency_ms, doc_ranking=[], cited_files=[],
        expected_files=list(q.expected_files),
        first_expected_rank=None, cited_expected=False if q.expected_files else None,
        cited_expected_top5=False if q.expected_files else None,
        section_rank=None, contained=False if q.must_contain else None,
        missing_strings=[" | ".join(g) for g in q.required_strings()], quotes=0,
        injection_obeyed=None, expected_clauses_missing=list(q.expected_clauses), error=error,
        tags=list(tags), conversation=q.conversation,
        rows_missing=list(q.expected_rows), rows_exact=False if q.type == "register" and q.all_rows else None,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Aggregates


class RankingScores(BaseModel):
    """Recall@k (pooled over expected files, Wilson CI), hit@k (any expected file) and MRR of one ranker."""

    name: str
    questions: int
    recall: dict[str, Ratio]
    hit: dict[str, Ratio]
    mrr: float | None
    section_hit: dict[str, Ratio] = Field(default_factory=dict)
    section_mrr: float | None = None


def scored_for_retrieval(q: KeyQuestion) -> bool:
    """Questions with expected files the corpus can answer (abstention questions are scored elsewhere)."""
    return bool(q.expected_files) and not q.expect_abstain


def ranking_scores(
    name: str,
    questions: Sequence[KeyQuestion],
    doc_rankings: Mapping[str, Sequence[str]],
    section_ranks: Mapping[str, int | None] | None = None,
) -> RankingScores:
    """Score a ranker from its file ranking per question id (and, optionally, section hit ranks)."""
    scored = [q for q in questions if scored_for_retrieval(q) and q.id in doc_rankings]
    recall: dict[str, Ratio] = {}
    hit: dict[str, Ratio] = {}
    for k in KS:
        found = total = hits = 0
        for q in scored:
            f, t = found_at_k(doc_rankings[q.id], q.expected_files, k)
            found += f
            total += t
            hits += int(f > 0)
        recall[f"@{k}"] = ratio(found, total)
        hit[f"@{k}"] = ratio(hits, len(scored))
    rrs = [1 / r if (r := first_hit_rank(doc_rankings[q.id], q.expected_files)) else 0.0 for q in scored]
    out = RankingScores(
        name=name, questions=len(scored), recall=recall, hit=hit, mrr=sum(rrs) / len(rrs) if rrs else None
    )
    if section_ranks is not None:
        sec = [q for q in questions if q.expected_sections and not q.expect_abstain and q.id in section_ranks]
        for k in KS:
            out.section_hit[f"@{k}"] = ratio(
                sum(1 for q in sec if (r := section_ranks[q.id]) is not None and r <= k), len(sec)
            )
        srr = [1 / r if (r := section_ranks[q.id]) else 0.0 for q in sec]
        out.section_mrr = sum(srr) / len(srr) if srr else None
    return out


class Confusion(BaseModel):
    """Confusion matrix rows = expected, columns = predicted (``none`` = no verdict given)."""

    labels: list[str]
    matrix: dict[str, dict[str, int]]
    accuracy: Ratio
    per_status: dict[str, Ratio]
    precision: dict[str, Ratio]


def confusion(pairs: Iterable[tuple[str, str | None]]) -> Confusion:
    """Build a confusion matrix from (expected, predicted) verdict pairs."""
    cols = [*VERDICTS, NO_VERDICT]
    matrix = {e: dict.fromkeys(cols, 0) for e in VERDICTS}
    for expected, predicted in pairs:
        matrix[expected][predicted if predicted in VERDICTS else NO_VERDICT] += 1
    n = sum(sum(r.values()) for r in matrix.values())
    right = sum(matrix[v][v] for v in VERDICTS)
    per_status = {v: ratio(matrix[v][v], sum(matrix[v].values())) for v in VERDICTS}
    precision = {v: ratio(matrix[v][v], sum(matrix[e][v] for e in VERDICTS)) for v in VERDICTS}
    return Confusion(labels=cols, matrix=matrix, accuracy=ratio(right, n), per_status=per_status, precision=precision)


class TagScores(BaseModel):
    """The answer figures of the questions carrying one tag."""

    questions: int
    containment: Ratio
    cited_expected_top5: Ratio
    false_abstention: Ratio


class AnswerScores(BaseModel):
    """Answer-quality figures over all questions."""

    containment: Ratio
    strings: Ratio
    cited_expected: Ratio
    #: An expected file among the answer's first 5 citations (answerable questions with expected files).
    cited_expected_top5: Ratio = Field(default_factory=lambda: ratio(0, 0))
    #: Answerable questions (no ``expect_abstain``) that abstained, over answerable questions.
    false_abstention: Ratio = Field(default_factory=lambda: ratio(0, 0))
    #: Register questions whose answer names exactly the expected rows of ``all_rows``.
    register_rows_exact: Ratio = Field(default_factory=lambda: ratio(0, 0))
    #: Follow-up turns meeting every expectation (must_contain, expected file in the first 5 citations, abstention).
    follow_up_right: Ratio = Field(default_factory=lambda: ratio(0, 0))
    by_tag: dict[str, TagScores] = Field(default_factory=dict)
    expected_clauses: Ratio
    quote_locatability: Ratio
    invented_clause_ids: int
    forbidden_citations: int
    clearance_leaks: int
    injection_obeyed: int
    injection_questions: int
    must_not_contain_hits: int
    errors: int


def _count(results: Iterable[QuestionResult], test: Callable[[QuestionResult], bool | None]) -> Ratio:
    """Ratio of ``test`` true among the results where it is not ``None``."""
    values = [v for r in results if (v := test(r)) is not None]
    return ratio(sum(1 for v in values if v), len(values))


def _top5(r: QuestionResult) -> bool | None:
    return None if r.expect_abstain else r.cited_expected_top5


def _false_abstention(r: QuestionResult) -> bool | None:
    return None if r.expect_abstain else r.predicted_abstain


def tag_scores(results: Sequence[QuestionResult]) -> dict[str, TagScores]:
    """Containment, expected file in the first 5 citations and false abstention per tag."""
    out: dict[str, TagScores] = {}
    for tag in dict.fromkeys(t for r in results for t in r.tags):
        group = [r for r in results if tag in r.tags]
        out[tag] = TagScores(
            questions=len(group),
            containment=_count(group, lambda r: r.contained),
            cited_expected_top5=_count(group, _top5),
            false_abstention=_count(group, _false_abstention),
        )
    return out


def answer_scores(results: Sequence[QuestionResult], key: AnswerKey) -> AnswerScores:
    """Aggregate answer checks; containment counts a question only when every must_contain group is met."""
    follow_ups = key.follow_up_ids()
    with_strings = [r for r in results if r.contained is not None]
    groups_total = sum(len(key.question(r.id).must_contain) for r in with_strings)
    groups_missing = sum(len(r.missing_strings) for r in with_strings)
    with_files = [r for r in results if r.cited_expected is not None and not r.expect_abstain]
    clause_total = sum(len(key.question(r.id).expected_clauses) for r in results)
    clause_missing = sum(len(r.expected_clauses_missing) for r in results)
    quotes = sum(r.quotes for r in results)
    return AnswerScores(
        containment=ratio(sum(1 for r in with_strings if r.contained), len(with_strings)),
        strings=ratio(groups_total - groups_missing, groups_total),
        cited_expected=ratio(sum(1 for r in with_files if r.cited_expected), len(with_files)),
        cited_expected_top5=_count(results, _top5),
        false_abstention=_count(results, _false_abstention),
        register_rows_exact=_count(results, lambda r: r.rows_exact),
        follow_up_right=_count([r for r in results if r.id in follow_ups], lambda r: r.right),
        by_tag=tag_scores(results),
        expected_clauses=ratio(clause_total - clause_missing, clause_total),
        quote_locatability=ratio(quotes - sum(len(r.unlocatable) for r in results), quotes),
        invented_clause_ids=sum(len(r.invented_ids) for r in results),
        forbidden_citations=sum(len(r.forbidden_cited) for r in results),
        clearance_leaks=sum(len(r.clearance_leaks) for r in results),
        injection_obeyed=sum(1 for r in results if r.injection_obeyed),
        injection_questions=sum(1 for r in results if r.type == "injection"),
        must_not_contain_hits=sum(len(r.must_not_hits) for r in results),
        errors=sum(1 for r in results if r.error),
    )


class AbstentionScores(BaseModel):
    """Abstention as a classifier: positive = the key expects the assistant to decline."""

    precision: Ratio
    recall: Ratio
    true_pos: int
    false_pos: int
    false_neg: int


def abstention_scores(results: Sequence[QuestionResult]) -> AbstentionScores:
    """Precision and recall of declining to answer, against ``expect_abstain``."""
    tp = sum(1 for r in results if r.predicted_abstain and r.expect_abstain)
    fp = sum(1 for r in results if r.predicted_abstain and not r.expect_abstain)
    fn = sum(1 for r in results if not r.predicted_abstain and r.expect_abstain)
    return AbstentionScores(
        precision=ratio(tp, tp + fp), recall=ratio(tp, tp + fn), true_pos=tp, false_pos=fp, false_neg=fn
    )


class CoverageScores(BaseModel):
    """The full gap report against the key's coverage map."""

    confusion: Confusion
    not_in_report: list[str]
    not_in_key: list[str]
    wrong: list[dict[str, str]]
    evidence_files: Ratio
    unlocatable: list[str] = Field(default_factory=list)
    quotes: int = 0
    seconds: float = 0.0


def coverage_scores(
    report: GapReport, key: AnswerKey, chunks: Mapping[str, ChunkInfo] | None = None, seconds: float = 0.0
) -> CoverageScores:
    """Compare gap items with the key's coverage; evidence_files = covered/partial items citing a key file."""
    items = {i.id: i for i in report.items}
    pairs: list[tuple[str, str | None]] = []
    wrong: list[dict[str, str]] = []
    ev_hit = ev_total = 0
    for cid, entry in key.coverage.items():
        item = items.get(cid)
        predicted = item.status if item else None
        pairs.append((entry.status, predicted))
        if predicted != entry.status:
            wrong.append({"id": cid, "expected": entry.status, "got": predicted or NO_VERDICT})
        if entry.status != "missing" and entry.files:
            ev_total += 1
            cited = {c.doc_id for c in item.citations} if item else set()
            ev_hit += int(bool(cited & set(entry.files)))
    citations = [c for i in report.items for c in i.citations]
    return CoverageScores(
        confusion=confusion(pairs),
        not_in_report=[c for c in key.coverage if c not in items],
        not_in_key=[i for i in items if i not in key.coverage],
        wrong=wrong,
        evidence_files=ratio(ev_hit, ev_total),
        unlocatable=unlocatable_quotes(citations, chunks) if chunks is not None else [],
        quotes=len(citations),
        seconds=seconds,
    )


class LatencyStats(BaseModel):
    """Latency of one group of answers, in milliseconds."""

    n: int
    p50: float | None
    p95: float | None
    max: float | None


def latency_by_intent(results: Sequence[QuestionResult]) -> dict[str, LatencyStats]:
    """p50/p95/max per routed intent, plus ``all``."""
    groups: dict[str, list[float]] = defaultdict(list)
    for r in results:
        groups[r.intent].append(r.latency_ms)
        groups["all"].append(r.latency_ms)
    return {
        name: LatencyStats(n=len(v), p50=percentile(v, 50), p95=percentile(v, 95), max=max(v) if v else None)
        for name, v in sorted(groups.items(), key=lambda kv: (kv[0] == "all", kv[0]))
    }


def intent_counts(results: Sequence[QuestionResult]) -> dict[str, dict[str, int]]:
    """Question type → routed intent → count (shows routing mistakes at a glance)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        out[r.type][r.intent] += 1
    return {t: dict(c) for t, c in sorted(out.items())}
