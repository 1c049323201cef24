"""Plain-text, Markdown and CSV renderings of answers and gap reports (for the CLI and downloads)."""

from __future__ import annotations

import csv
import io

from assistant.models import Answer, GapReport
from assistant.text import display


def answer_to_text(answer: Answer) -> str:
    """An answer as a terminal reader wants it: text, then numbered sources, then warnings."""
    lines = [answer.answer.strip(), ""]
    if answer.verdict:
        lines.append(f"Verdict: {answer.verdict}")
    if answer.citations:
        lines.append("Sources:")
        for c in answer.citations:
            where = ", ".join(x for x in (c.section, f"p. {c.page}" if c.page else "") if x)
            status = "" if c.status == "current" else f" [{c.status}]"
            lines.append(
                f"  [{c.n}] {c.title} — {c.source}{' (' + where + ')' if where else ''} · {c.classification}{status}"
            )
    for w in answer.warnings:
        lines.append(f"⚠ {w}")
    lines.append(f"({answer.intent}, {answer.answerer}, {answer.latency_ms} ms)")
    return "\n".join(lines).strip() + "\n"


def gaps_to_markdown(report: GapReport) -> str:
    """A gap report as Markdown: summary counts, then one section per clause/control."""
    c = report.counts
    lines = [
        f"# ISO/IEC 42001 gap report — scope `{report.scope}` (role: {report.role})",
        "",
        f"**{c.get('covered', 0)} covered · {c.get('partial', 0)} partial · {c.get('missing', 0)} missing** "
        f"of {len(report.items)}",
        "",
        "| id | title | status | evidence | confidence |",
        "|---|---|---|---|---|",
    ]
    for it in report.items:
        lines.append(f"| {it.id} | {it.title} | {it.status} | {it.evidence_strength} | {it.confidence:.2f} |")
    for it in report.items:
        lines += ["", f"## {it.id} {it.title} — {it.status}", "", it.rationale]
        for cit in it.citations:
            lines.append(f'- [{cit.n}] "{display(cit.quote)}" — {cit.title} ({cit.source})')
        if it.missing_obligations:
            lines.append("")
            lines.append("Not evidenced:")
            lines += [f"- {o}" for o in it.missing_obligations]
    return "\n".join(lines) + "\n"


def gaps_to_csv(report: GapReport) -> str:
    """One row per clause/control: status, evidence strength, sources and what is missing."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "id",
            "title",
            "kind",
            "status",
            "confidence",
            "evidence_strength",
            "sources",
            "missing_obligations",
            "rationale",
        ]
    )
    for it in report.items:
        w.writerow(
            [
                it.id,
                it.title,
                it.kind,
                it.status,
                f"{it.confidence:.2f}",
                it.evidence_strength,
                "; ".join(sorted({c.source for c in it.citations})),
                " | ".join(it.missing_obligations),
                it.rationale,
            ]
        )
    return buf.getvalue()
