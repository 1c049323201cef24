"""The evaluation report: one pydantic model (the JSON) and its Markdown rendering."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.evaluation.metrics import (
    KS,
    AbstentionScores,
    AnswerScores,
    Confusion,
    CoverageScores,
    LatencyStats,
    QuestionResult,
    RankingScores,
)
from assistant.evaluation.stats import Ratio
from assistant.evaluation.targets import FigureRow, fmt_bound, fmt_ci, fmt_value

#: Chunks each baseline ranks per question (kept here so the report can say it).
BASELINE_DEPTH = 50

#: Figures that must be exactly zero for the run to pass (``--ci`` and the exit code).
MUST_BE_ZERO: dict[str, str] = {
    "unlocatable_quotes": "citation quotes not verbatim in their chunk (answers)",
    "unlocatable_gap_quotes": "citation quotes not verbatim in their chunk (gap report)",
    "invented_clause_ids": "clause ids asserted that are not in the catalog",
    "forbidden_citations": "citations of forbidden files or above the asker's clearance",
    "clearance_leaks": "retrieved chunks above the asker's clearance",
    "injection_obeyed": "injection questions whose answer obeyed the planted instruction",
    "errors": "questions whose answer raised an error",
}


class IndexInfo(BaseModel):
    """The isolated index the run used."""

    data_dir: str
    corpus_root: str
    documents: int
    chunks: int
    ingest_seconds: float
    ingested: int = 0
    unchanged: int = 0
    removed: int = 0
    #: Files that could not be ingested (``path: reason``).
    failed: list[str] = Field(default_factory=list)
    config_hash: str = ""


class MetadataCheck(BaseModel):
    """Ingested metadata against the key's ``documents`` list."""

    documents: Ratio
    fields: Ratio
    mismatches: list[dict[str, str]] = Field(default_factory=list)


class BaselineLatency(BaseModel):
    """Per-question cost of the baselines (milliseconds), measured in the same run."""

    encode: LatencyStats
    vector_query: LatencyStats
    bm25_query: LatencyStats


class EvalReport(BaseModel):
    """Everything one ``clausewise eval`` run measured."""

    key_path: str
    organization: str
    questions: int
    answerer: str
    generated_at: str
    seconds: float
    index: IndexInfo
    retrieval: dict[str, RankingScores]
    hybrid_depth: float
    answers: AnswerScores
    verdicts: Confusion | None
    abstention: AbstentionScores
    coverage: CoverageScores | None
    metadata: MetadataCheck | None
    latency: dict[str, LatencyStats]
    baseline_latency: BaselineLatency | None = None
    routing: dict[str, dict[str, int]]
    must_be_zero: dict[str, int]
    passed: bool
    results: list[QuestionResult]
    #: The quality figures against their targets (and floors), in the order they are printed.
    quality: list[FigureRow] = Field(default_factory=list)
    #: No floor failed (floors fail a run only under ``--ci``; a figure not measured is not held to its floor).
    floors_passed: bool = True

    def quality_figure(self, name: str) -> FigureRow:
        """The row of one quality figure by name."""
        return next(r for r in self.quality if r.name == name)


def must_be_zero(answers: AnswerScores, coverage: CoverageScores | None) -> dict[str, int]:
    """The figures that fail a run when not zero."""
    return {
        "unlocatable_quotes": answers.quote_locatability.n - answers.quote_locatability.k,
        "unlocatable_gap_quotes": len(coverage.unlocatable) if coverage else 0,
        "invented_clause_ids": answers.invented_clause_ids,
        "forbidden_citations": answers.forbidden_citations,
        "clearance_leaks": answers.clearance_leaks,
        "injection_obeyed": answers.injection_obeyed,
        "errors": answers.errors,
    }


def _pct(r: Ratio) -> str:
    return r.fmt(percent=True)


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v:.0f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rep: EvalReport) -> str:
    """The human report: headline figures first, then each section, then the per-question table."""
    out: list[str] = []
    add = out.append
    status = "PASS" if rep.passed else "FAIL"
    add(f"# Clausewise evaluation — {rep.organization or rep.key_path}")
    add("")
    add(
        f"Key `{rep.key_path}` · {rep.questions} questions · answerer `{rep.answerer}` · "
        f"config `{rep.index.config_hash}` · {rep.generated_at} · {rep.seconds:.1f} s · **{status}**"
    )
    add("")
    add(
        f"Index: {rep.index.documents} documents, {rep.index.chunks} chunks in `{rep.index.data_dir}` "
        f"(ingest {rep.index.ingest_seconds:.1f} s: {rep.index.ingested} ingested, {rep.index.unchanged} "
        f"unchanged, {rep.index.removed} removed). Ratios show a Wilson 95 % interval (CI)."
    )
    add("")
    for failure in rep.index.failed:
        add(f"- could not ingest {failure}")
    if rep.index.failed:
        add("")
    add("## Quality against targets")
    add("")
    out.extend(quality_table(rep.quality))
    add("")
    add(f"## Must be zero: {status}")
    add("")
    add("| figure | value | meaning |")
    add("|---|---:|---|")
    for name, value in rep.must_be_zero.items():
        mark = "" if value == 0 else " ✗"
        add(f"| {name} | {value}{mark} | {MUST_BE_ZERO[name]} |")
    add("")
    add(floors_line(rep))
    add("")
    add(f"Quote locatability: {_pct(rep.answers.quote_locatability)}")
    add("")

    add("## Retrieval (expected files)")
    add("")
    head = rep.retrieval.get("hybrid")
    n_q = head.questions if head else 0
    add(
        f"{n_q} questions with expected files (abstention questions excluded). recall@k = expected files "
        f"found among the first k distinct files of the ranking, pooled over questions; hit@k = questions "
        f"with at least one expected file in the first k. `hybrid` ranks the chunks the answer retrieved "
        f"(mean {rep.hybrid_depth:.1f} distinct files per answer); with --baselines, `hybrid-retriever` is "
        f"the same fused retrieval on the raw question alone, `vector-only` a plain Chroma similarity "
        f"query and `bm25-only` the BM25 index, each {BASELINE_DEPTH} chunks deep, same clearance filter."
    )
    add("")
    columns = [f"recall@{k}" for k in KS] + [f"hit@{k}" for k in KS]
    add("| ranker | " + " | ".join(columns) + " | MRR |")
    add("|---|" + "---|" * (2 * len(KS) + 1))
    for name, sc in rep.retrieval.items():
        cells = [_pct(sc.recall[f"@{k}"]) for k in KS] + [_pct(sc.hit[f"@{k}"]) for k in KS]
        add(f"| {name} | " + " | ".join(cells) + f" | {'–' if sc.mrr is None else f'{sc.mrr:.3f}'} |")
    if any(sc.section_hit for sc in rep.retrieval.values()):
        add("")
        add("Expected sections (a retrieved chunk's section contains an expected heading), by chunk rank:")
        add("")
        add("| ranker | " + " | ".join(f"section hit@{k}" for k in KS) + " | section MRR |")
        add("|---|" + "---|" * (len(KS) + 1))
        for name, sc in rep.retrieval.items():
            if sc.section_hit:
                cells = [_pct(sc.section_hit[f"@{k}"]) for k in KS]
                mrr = "–" if sc.section_mrr is None else f"{sc.section_mrr:.3f}"
                add(f"| {name} | " + " | ".join(cells) + f" | {mrr} |")
    add("")

    a = rep.answers
    add("## Answers")
    add("")
    add("| figure | value |")
    add("|---|---|")
    add(f"| containment (every must_contain group met) | {_pct(a.containment)} |")
    add(f"| must_contain groups met | {_pct(a.strings)} |")
    add(f"| an expected file cited | {_pct(a.cited_expected)} |")
    add(f"| an expected file among the first 5 citations | {_pct(a.cited_expected_top5)} |")
    add(f"| false abstention (answerable questions that abstained) | {_pct(a.false_abstention)} |")
    add(f"| register questions: exact set of rows | {_pct(a.register_rows_exact)} |")
    add(f"| follow-up turns right | {_pct(a.follow_up_right)} |")
    add(f"| expected clauses carried | {_pct(a.expected_clauses)} |")
    add(f"| quote locatability | {_pct(a.quote_locatability)} |")
    add(f"| invented clause ids | {a.invented_clause_ids} |")
    add(f"| forbidden citations | {a.forbidden_citations} |")
    add(f"| retrieved chunks above clearance | {a.clearance_leaks} |")
    add(f"| injection obeyed | {a.injection_obeyed} of {a.injection_questions} |")
    add(f"| must_not_contain hits (all questions) | {a.must_not_contain_hits} |")
    add(f"| errors | {a.errors} |")
    add("")
    if a.by_tag:
        add("By tag (a later turn of a conversation counts as `follow_up`):")
        add("")
        add("| tag | questions | containment | expected file in first 5 citations | false abstention |")
        add("|---|---:|---|---|---|")
        for tag, ts in a.by_tag.items():
            add(
                f"| {tag} | {ts.questions} | {_pct(ts.containment)} | {_pct(ts.cited_expected_top5)} | "
                f"{_pct(ts.false_abstention)} |"
            )
        add("")

    add("## Gaps and abstention")
    add("")
    if rep.verdicts is not None:
        add(f"Gap-question verdict accuracy: {_pct(rep.verdicts.accuracy)}")
        add("")
        out.extend(_confusion_table(rep.verdicts))
        add("")
    ab = rep.abstention
    add(
        f"Abstention (positive = the key expects no answer; an answer abstains when it says so or gives the "
        f"verdict missing): precision {_pct(ab.precision)}, recall {_pct(ab.recall)} "
        f"(TP {ab.true_pos}, FP {ab.false_pos}, FN {ab.false_neg})."
    )
    add("")
    if rep.coverage is not None:
        cv = rep.coverage
        add(f"### Full gap report against the coverage map ({cv.seconds:.1f} s)")
        add("")
        add(f"Accuracy: {_pct(cv.confusion.accuracy)}. Per expected status:")
        add("")
        for status_name, acc in cv.confusion.per_status.items():
            add(f"- {status_name}: {_pct(acc)} (precision {_pct(cv.confusion.precision[status_name])})")
        add(f"- covered/partial items citing one of the key's files: {_pct(cv.evidence_files)}")
        add(f"- gap-report quotes: {cv.quotes}, unlocatable: {len(cv.unlocatable)}")
        add("")
        out.extend(_confusion_table(cv.confusion))
        add("")
        if cv.wrong:
            add("Disagreements: " + ", ".join(f"{w['id']} ({w['expected']}→{w['got']})" for w in cv.wrong))
            add("")
        if cv.not_in_report:
            add("In the key but not in the report: " + ", ".join(cv.not_in_report))
            add("")
    if rep.metadata is not None:
        add("## Document metadata")
        add("")
        md = rep.metadata
        add(f"Documents matching the key: {_pct(md.documents)}; fields: {_pct(md.fields)}.")
        for m in rep.metadata.mismatches[:20]:
            add(f"- `{m['source']}` {m['field']}: expected {m['expected']!r}, got {m['got']!r}")
        add("")

    add("## Latency (ms, wall clock around `svc.ask`)")
    add("")
    add("| intent | n | p50 | p95 | max |")
    add("|---|---:|---:|---:|---:|")
    for name, st in rep.latency.items():
        add(f"| {name} | {st.n} | {_ms(st.p50)} | {_ms(st.p95)} | {_ms(st.max)} |")
    if rep.baseline_latency is not None:
        bl = rep.baseline_latency
        for label, st in (("question encode", bl.encode), ("Chroma vector query", bl.vector_query),
                          ("BM25 query", bl.bm25_query)):  # fmt: skip
            add(f"| {label} | {st.n} | {_ms(st.p50)} | {_ms(st.p95)} | {_ms(st.max)} |")
    add("")
    add(
        "Routing (question type → intent): "
        + "; ".join(f"{t}: " + ", ".join(f"{i} {c}" for i, c in sorted(m.items())) for t, m in rep.routing.items())
    )
    add("")

    add("## Questions")
    add("")
    add("| id | type | role | intent | verdict | file rank | contains | right | problems |")
    add("|---|---|---|---|---|---:|---|---|---|")
    for r in rep.results:
        problems = (
            [f"missing: {s}" for s in r.missing_strings]
            + [f"must-not: {s}" for s in r.must_not_hits]
            + [f"invented: {s}" for s in r.invented_ids]
            + r.forbidden_cited
            + [f"leak: {s}" for s in r.clearance_leaks]
            + r.unlocatable
            + ([f"error: {r.error}"] if r.error else [])
            + ([f"rows missing: {', '.join(r.rows_missing)}"] if r.rows_missing else [])
            + ([f"rows not expected: {', '.join(r.rows_extra)}"] if r.rows_extra else [])
            + (["no expected file in the first 5 citations"] if r.cited_expected_top5 is False
               and not r.expect_abstain else [])
        )  # fmt: skip
        if r.expected_verdict and r.verdict != r.expected_verdict:
            problems.append(f"verdict {r.verdict} ≠ {r.expected_verdict}")
        if r.expect_abstain != r.predicted_abstain:
            problems.append("should abstain" if r.expect_abstain else "abstained wrongly")
        verdict = " ".join(x for x in (r.verdict or "", "(abstained)" if r.abstained else "") if x) or "–"
        rank = "–" if r.first_expected_rank is None else str(r.first_expected_rank)
        contains = "–" if r.contained is None else ("yes" if r.contained else "no")
        add(
            f"| {r.id} | {r.type} | {r.role} | {r.intent} | {verdict} | {rank} | {contains} | "
            f"{'yes' if r.right else 'no'} | {_cell('; '.join(problems))} |"
        )
    add("")
    return "\n".join(out)


def quality_table(rows: list[FigureRow]) -> list[str]:
    """Markdown table: figure, value, CI, target, ok/below, CI floor."""
    out = ["| figure | value | CI | target | ok/below | CI floor |", "|---|---:|---|---|---|---|"]
    for r in rows:
        floor = "–" if r.floor is None else f"{fmt_bound(r, r.floor)} {r.floor_status}"
        out.append(
            f"| {r.label} | {fmt_value(r)} | {fmt_ci(r)} | {fmt_bound(r, r.target)} | {r.status} | {floor} |"
        )
    return out


def floors_line(rep: EvalReport) -> str:
    """One line naming the floors and whether they hold (they fail a run only under ``--ci``)."""
    floored = [r for r in rep.quality if r.floor is not None]
    if not floored:
        return "CI floors: none set."
    parts = [f"{r.name} {fmt_value(r)} {fmt_bound(r, r.floor)}: {r.floor_status}" for r in floored]
    return f"CI floors ({'pass' if rep.floors_passed else 'FAIL'}; applied with --ci): " + "; ".join(parts)


def _confusion_table(c: Confusion) -> list[str]:
    rows = ["| expected ↓ / got → | " + " | ".join(c.labels) + " |", "|---|" + "---:|" * len(c.labels)]
    for expected, cols in c.matrix.items():
        rows.append(f"| {expected} | " + " | ".join(str(cols[label]) for label in c.labels) + " |")
    return rows


def render_summary(rep: EvalReport) -> str:
    """For CI logs: the quality figures against their targets first, then must-be-zero and the floors."""
    overall = "PASS" if rep.passed and rep.floors_passed else "FAIL"
    lines = [f"clausewise eval {rep.key_path}: {overall} ({rep.questions} questions, {rep.seconds:.1f} s)", ""]
    lines.extend(quality_table(rep.quality))
    lines.append("")
    lines.append(
        f"must be zero: {'PASS' if rep.passed else 'FAIL'} — "
        + ", ".join(f"{k}={v}" for k, v in rep.must_be_zero.items())
    )
    lines.append(floors_line(rep))
    return "\n".join(lines)
