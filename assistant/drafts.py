"""Policy skeletons for compliance leads: sections tied to clauses, obligations, and what exists already."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from assistant.catalog import Catalog
from assistant.gaps import GapAssessor
from assistant.models import Citation, PolicyDraft
from assistant.text import display

#: Marks text the author must still write; easy to search for before publishing.
FILL = "⟦to complete: {}⟧"

SectionWriter = Callable[[str, Sequence[str], Sequence[Citation]], str]


def build_draft(
    topic: str,
    ids: Sequence[str],
    catalog: Catalog,
    assessor: GapAssessor,
    clearance: Sequence[str],
    organization: str = "the organization",
    section_writer: SectionWriter | None = None,
) -> PolicyDraft:
    """A Markdown policy skeleton: one section per clause/control with obligations and existing evidence."""
    leaves: list[str] = []
    for cid in ids:
        for entry_id in [cid, *[d.id for d in catalog.descendants(cid)]]:
            if not catalog.children(entry_id) and entry_id not in leaves:
                leaves.append(entry_id)
    title = f"{topic.strip().rstrip('.').title()} Policy" if not topic.lower().endswith("policy") else topic.title()
    citations: list[Citation] = []
    lines = [
        f"# {title} (draft)",
        "",
        "| Document control | |",
        "|---|---|",
        f"| Owner | {FILL.format('accountable role')} |",
        f"| Approved by | {FILL.format('approval authority, e.g. the top-management body')} |",
        "| Version | 0.1 (draft) |",
        f"| Effective date | {FILL.format('date')} |",
        f"| Review interval | {FILL.format('e.g. every 12 months and after significant change')} |",
        "| Classification | internal |",
        f"| Drafted | {date.today().isoformat()} by Clausewise from the ISO/IEC 42001 catalog and your documents |",
        "",
        "## 1. Purpose",
        "",
        f"This policy sets out how {organization} meets "
        + ", ".join(f"{catalog[i].label} ({catalog[i].title})" for i in ids)
        + f" of ISO/IEC 42001:2023. {FILL.format('why this matters for your organization')}",
        "",
        "## 2. Scope",
        "",
        FILL.format("AI systems, business units and third parties in scope"),
        "",
    ]
    for k, entry_id in enumerate(leaves, start=3):
        entry = catalog[entry_id]
        gap, evidence = assessor.assess_obligations(entry_id, clearance)
        lines += [f"## {k}. {entry.title} ({entry.label})", ""]
        lines.append(f"_Status of your evidence today: **{gap.status}** — {gap.rationale}_")
        lines += ["", "This section must cover:", ""]
        lines += [f"- {o}" for o in entry.obligations]
        section_cites: list[Citation] = []
        for ev in evidence.values():
            cite = next(
                (c for c in citations if c.chunk_id == ev.citation.chunk_id and c.quote == ev.citation.quote), None
            )
            if cite is None:
                cite = ev.citation.model_copy(update={"n": len(citations) + 1})
                citations.append(cite)
            if cite not in section_cites:
                section_cites.append(cite)
        lines += ["", "What your documents already say:", ""]
        if section_cites:
            lines += [f'- "{display(c.quote)}" — {c.title} [{c.n}]' for c in section_cites]
        else:
            lines.append(f"- Nothing yet in the documents you can read. {FILL.format('write this section')}")
        lines += ["", "Policy statement:", ""]
        written = section_writer(entry.title, entry.obligations, section_cites) if section_writer else ""
        lines.append(written.strip() or FILL.format(f"what {organization} commits to for {entry.title.lower()}"))
        lines += ["", f"Expected records: {', '.join(entry.evidence)}.", ""]
    lines += [
        f"## {len(leaves) + 3}. Roles and responsibilities",
        "",
        FILL.format("who owns, approves, performs and reviews each section"),
        "",
        f"## {len(leaves) + 4}. Review",
        "",
        FILL.format("review trigger and interval, and where review records are kept"),
        "",
    ]
    return PolicyDraft(title=title, clauses=list(ids), markdown="\n".join(lines), citations=citations)
