"""Questions that name a NIST AI RMF subcategory or an EU AI Act article ("are we covered for GOVERN 1.1?",
"what does Article 9 need from us?"), answered through the crosswalks: the mapping, the coverage derived from
the 42001 verdicts (weakest link) and the verbatim evidence behind those verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant import crosswalk
from assistant.composer import Composed, Context, _answer, _Builder
from assistant.models import GapItem, Verdict
from assistant.text import display

#: At most this many references are answered in one question, and this many quotes per mapped id.
MAX_REFS = 3
QUOTES_PER_ID = 2
MAX_QUOTES = 10


def _verdicts(ctx: Context, ids: Sequence[str]) -> list[GapItem]:
    if ctx.verdicts is not None:
        return ctx.verdicts(ids)
    return [ctx.assessor.assess(i, ctx.clearance) for i in ids]


def answer_crosswalk(ctx: Context) -> Composed:
    """The answer for every framework reference in the question (up to :data:`MAX_REFS`)."""
    b = _Builder()
    refs = crosswalk.find_refs(ctx.question)[:MAX_REFS]
    if not refs and ctx.context:
        refs = crosswalk.find_refs(ctx.context)[:MAX_REFS]
    data = crosswalk.load_crosswalks(ctx.catalog)
    views: list[crosswalk.CrosswalkView] = []
    for ref in refs:
        try:
            views.append(crosswalk.build_view(
                ref.label, data, ctx.catalog, lookup=ctx.resolver.lookup,
                nearest_iso=lambda t: list(ctx.resolver.nearest(t, 3)), verdicts=lambda ids: _verdicts(ctx, ids),
            ))  # fmt: skip
        except crosswalk.UnknownRefError as exc:
            b.note(f"{exc.message}.")
    if not views:
        b.note("Ask about a NIST AI RMF subcategory (GOVERN 1.1), an EU AI Act article the crosswalk maps "
               "(`clausewise crosswalk \"Art. 9\"`) or an ISO/IEC 42001 clause or control.")  # fmt: skip
        return _answer(ctx, b, abstained=True)
    quotes = 0
    clauses: list[str] = []
    for n, view in enumerate(views):
        if n:
            b.note("")
        quotes += _view_lines(ctx, b, view, MAX_QUOTES - quotes)
        clauses += [v.id for v in view.verdicts]
    statuses = [v.coverage for v in views if v.coverage is not None]
    verdict: Verdict | None = crosswalk.weakest(statuses) if statuses else None
    b.note("")
    b.note("Coverage of a framework requirement is the weakest verdict of the ISO/IEC 42001 ids it maps to; "
           "a 42001 verdict supports, but does not prove, conformity with another framework.")  # fmt: skip
    return _answer(ctx, b, verdict=verdict, abstained=verdict == "missing" and quotes == 0, clauses=clauses)


def _view_lines(ctx: Context, b: _Builder, view: crosswalk.CrosswalkView, budget: int) -> int:
    """Lines for one reference; returns how many quotes were cited."""
    label = crosswalk.FRAMEWORK_LABEL[view.framework]
    name = view.ref if view.title == view.text else f"{view.ref} ({view.title})"
    word = {"covered": "covered", "partial": "partly covered", "missing": "not covered"}
    if view.coverage is not None:
        b.note(f"**{label} {name}: {word[view.coverage]}**, derived from {len(view.verdicts)} mapped "
               "ISO/IEC 42001 ids.")  # fmt: skip
    else:
        b.note(f"**{label} {name}**")
    intro = "What it asks (NIST AI RMF text)" if view.framework == "nist-ai-rmf" else "What it asks (our summary)"
    b.note(f"{intro}: {view.text}")
    verdicts = {v.id: v for v in view.verdicts}
    b.note("Mapped ISO/IEC 42001 ids and your coverage:")
    for link in view.mapped:
        item = verdicts.get(link.id)
        status = f": {item.status}" if item is not None else ""
        why = f" — {link.rationale}" if link.rationale != crosswalk.PUBLISHED_PAIR else ""
        b.note(f"- {link.id} {link.title}{status}{why}")
    for warning in view.warnings:
        b.note(f"Note: {warning}.")
    cited = 0
    stored = ctx.retriever.get_chunks([c.chunk_id for v in view.verdicts for c in v.citations], ctx.clearance)
    for item in view.verdicts:
        if cited >= budget:
            break
        lines: list[str] = []
        for c in item.citations[:QUOTES_PER_ID]:
            chunk = stored.get(c.chunk_id)
            if chunk is None or cited >= budget:
                continue
            lines.append(f"- {display(c.quote)} [{b.add_citation(c, chunk.text)}]")
            cited += 1
        if lines:
            b.note(f"Evidence for {item.id} {item.title} ({item.status}):")
            b.lines.extend(lines)
    missing = [v.id for v in view.verdicts if v.status == "missing"]
    if missing:
        b.note(f"No evidence found for: {', '.join(missing)}.")
    return cited
