"""Crosswalk views and framework coverage as Markdown text and CSV (CLI, HTTP downloads)."""

from __future__ import annotations

import csv
import io

from assistant.crosswalk import FRAMEWORK_LABEL, PUBLISHED_PAIR, CrosswalkView, FrameworkCoverage
from assistant.text import display

_WORD = {"covered": "covered", "partial": "partial", "missing": "missing"}


def view_to_markdown(view: CrosswalkView) -> str:
    """One reference: what it says, the ids on the other side with rationales, derived coverage and evidence."""
    label = FRAMEWORK_LABEL[view.framework]
    lines = [f"# {label} {view.ref}: {view.title}" if view.title != view.text else f"# {label} {view.ref}", ""]
    lines += [view.text, ""]
    verdicts = {v.id: v for v in view.verdicts}
    if view.framework == "iso-42001":
        lines += [f"## Mapped from other frameworks ({len(view.mapped)})", ""]
        for link in view.mapped:
            via = f" (via {', '.join(link.via)})" if link.via else ""
            why = f" — {link.rationale}" if link.rationale != PUBLISHED_PAIR else ""
            lines.append(f"- {FRAMEWORK_LABEL[link.framework]} **{link.id}**{via}: {link.title}{why}")
        if not view.mapped:
            lines.append("- no crosswalk pair names this id")
        if view.coverage is not None:
            lines += ["", f"## Your coverage of {view.ref}: **{view.coverage}**", ""]
            lines += [v.rationale for v in view.verdicts]
    else:
        if view.coverage is not None:
            weakest = [v.id for v in view.verdicts if v.status == view.coverage]
            lines += [
                f"**Derived coverage: {view.coverage}** — the weakest of {len(verdicts)} mapped ISO/IEC 42001 ids "
                f"({', '.join(weakest)}).",
                "",
            ]
        lines += [f"## ISO/IEC 42001 ids ({len(view.mapped)})", ""]
        for link in view.mapped:
            item = verdicts.get(link.id)
            status = f" — **{item.status}**" if item is not None else ""
            lines.append(f"- **{link.id}** {link.title}{status}: {link.rationale}")
    cited = [(v.id, c) for v in view.verdicts for c in v.citations[:2]]
    if cited:
        lines += ["", "## Evidence", ""]
        lines += [f'- {iso}: "{display(c.quote)}" — {c.title} ({c.source})' for iso, c in cited]
    if view.warnings:
        lines += ["", *[f"_Note: {w}_" for w in view.warnings]]
    if view.source:
        lines += ["", f"_Source: {view.source}_"]
    return "\n".join(lines) + "\n"


def coverage_to_markdown(report: FrameworkCoverage) -> str:
    """A framework's derived coverage: counts, then one line per requirement with its mapped ids' verdicts."""
    c = report.counts
    lines = [
        f"# {report.title}: coverage derived from ISO/IEC 42001 (role {report.role})",
        "",
        f"{len(report.items)} requirements: {c.get('covered', 0)} covered, {c.get('partial', 0)} partial, "
        f"{c.get('missing', 0)} missing. Each takes the weakest verdict of the 42001 ids it maps to.",
        "",
        "| requirement | derived | mapped ISO/IEC 42001 ids (verdict) |",
        "|---|---|---|",
    ]
    for item in report.items:
        mapped = ", ".join(f"{m.id} ({_WORD[m.status]})" for m in item.mapped)
        title = "" if item.title == item.text else f" {item.title}"
        lines.append(f"| {item.ref}{title} | **{item.status}** | {mapped} |")
    lines += ["", f"_Source: {report.source}_"]
    return "\n".join(lines) + "\n"


def coverage_to_csv(report: FrameworkCoverage) -> str:
    """One row per (requirement, mapped 42001 id): the derived status beside the id's own verdict and rationale."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["framework", "ref", "title", "derived_status", "iso42001_id", "iso42001_title", "iso42001_status",
                     "rationale"])  # fmt: skip
    for item in report.items:
        for m in item.mapped:
            writer.writerow([report.framework, item.ref, item.title, item.status, m.id, m.title, m.status,
                             m.rationale])  # fmt: skip
    return out.getvalue()
