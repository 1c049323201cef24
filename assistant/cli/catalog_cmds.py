"""``clausewise clause ID``: print a catalog entry (what the clause or control asks, what an auditor checks)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assistant.catalog import Catalog, CatalogEntry, CatalogError, load_catalog
from assistant.models import GapItem
from assistant.resolver import ClauseResolver
from ingestion.settings import Settings

#: Exit code for an id that does not exist (argparse uses 2 for usage errors too).
EXIT_UNKNOWN = 2
EXIT_BAD_CATALOG = 1

_KIND_LABEL = {"clause": "Clause", "annex_a_objective": "Annex A objective", "annex_a_control": "Annex A control"}
CATALOG_NOTE = (
    "Clausewise catalog guidance in its own words: not the text of ISO/IEC 42001 and not evidence of your organization."
)


def register(sub: Any) -> None:
    """Add the ``clause`` subcommand."""
    p = sub.add_parser("clause", help="show a clause or Annex A control: summary, obligations, evidence")
    p.add_argument("clause_id", nargs="+", help="an id such as 6.1.4, A.10.3, A6.2.4 or 'clause 8'")
    p.add_argument("--json", action="store_true", help="print the entry as JSON")
    p.add_argument(
        "--evidence", action="store_true", help="add your organization's evidence and coverage (loads the index)"
    )
    p.add_argument(
        "--role", choices=("staff", "compliance", "auditor"), default="auditor",
        help="whose clearance limits the evidence shown with --evidence",
    )  # fmt: skip
    p.set_defaults(handler=cmd_clause)


def render_entry(entry: CatalogEntry, catalog: Catalog) -> str:
    """The entry as Markdown text: heading, summary, obligations, expected evidence, related, keywords."""
    lines = [f"# {entry.id} {entry.title}", ""]
    facts = [f"**{_KIND_LABEL[entry.kind]}**"]
    parent = catalog.get(entry.parent) if entry.parent else None
    if parent is not None:
        facts.append(f"part of {parent.id} {parent.title}")
    if entry.suggested_owner:
        facts.append(f"suggested owner: {entry.suggested_owner}")
    lines += [" · ".join(facts), "", "## Summary", "", entry.summary, ""]
    lines += ["## Obligations (what an auditor checks)", ""]
    lines += [f"{n}. {text}" for n, text in enumerate(entry.obligations, 1)]
    lines += ["", "## Expected evidence", ""]
    lines += [f"- {text}" for text in entry.evidence]
    children = catalog.children(entry.id)
    if children:
        heading = "Controls" if any(c.kind == "annex_a_control" for c in children) else "Sub-clauses"
        lines += ["", f"## {heading}", ""]
        lines += [f"- {c.id} {c.title}" for c in children]
    if entry.related:
        lines += ["", "## Related", ""]
        for other_id in entry.related:
            other = catalog.get(other_id)
            lines.append(f"- {other_id} {other.title}" if other else f"- {other_id}")
    if entry.keywords:
        lines += ["", "## Keywords", "", ", ".join(entry.keywords)]
    lines += ["", f"_{CATALOG_NOTE}_"]
    return "\n".join(lines) + "\n"


def entry_json(entry: CatalogEntry, catalog: Catalog) -> dict[str, Any]:
    """The entry as a JSON-ready mapping, with the titles of its parent, children and related ids."""
    data = entry.to_dict()
    parent = catalog.get(entry.parent) if entry.parent else None
    data["parent_title"] = parent.title if parent else None
    data["children"] = [{"id": c.id, "title": c.title} for c in catalog.children(entry.id)]
    data["related_titles"] = {r: (catalog[r].title if r in catalog else None) for r in entry.related}
    data["note"] = CATALOG_NOTE
    return data


def unknown_message(text: str, resolver: ClauseResolver) -> str:
    """Why nothing was found for ``text`` and which real ids come nearest."""
    res = resolver.resolve(text)
    if res.invalid:
        return " ".join(resolver.suggestion(bad) for bad in res.invalid)
    near = resolver.nearest(text, 3)
    if near:
        listed = ", ".join(f"{i} ({resolver.catalog[i].title})" for i in near)
        return f"{text!r} is not a clause or control id of ISO/IEC 42001; nearest: {listed}."
    return f"{text!r} is not a clause or control id of ISO/IEC 42001."


def cmd_clause(args: argparse.Namespace, settings: Settings) -> int:
    """Print one catalog entry; exit 2 with the nearest real ids when the id does not exist."""
    text = " ".join(args.clause_id).strip()
    try:
        catalog = load_catalog(settings)
    except CatalogError as exc:
        print(f"clausewise: cannot load the clause catalog: {exc}", file=sys.stderr)
        return EXIT_BAD_CATALOG
    resolver = ClauseResolver(catalog)
    found = resolver.lookup(text)
    if found is None:
        print(f"clausewise: {unknown_message(text, resolver)}", file=sys.stderr)
        return EXIT_UNKNOWN
    entry = catalog[found]
    from assistant.service import IndexEmptyError

    try:
        gap = _evidence(entry.id, args.role, settings) if getattr(args, "evidence", False) else None
    except IndexEmptyError as exc:  # "missing" for every entry would be a verdict on an empty index
        print(f"clausewise: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    if args.json:
        data = entry_json(entry, catalog)
        if gap is not None:
            data["evidence"] = gap.model_dump(mode="json")
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    rendered = render_entry(entry, catalog)
    if gap is not None:
        rendered += render_evidence(gap)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(rendered))
    else:
        sys.stdout.write(rendered)
    return 0


def _evidence(entry_id: str, role: str, settings: Settings) -> GapItem:
    from assistant.models import Asker
    from assistant.service import ClausewiseService

    svc = ClausewiseService.from_settings(settings, audit=None)
    svc.require_index()
    return svc.assessor.assess(entry_id, svc.clearance(Asker(role=role, channel="cli")))


def render_evidence(gap: GapItem) -> str:
    """The organization's coverage of an entry, as Markdown with verbatim quotes."""
    from assistant.text import display

    lines = ["", f"## Your evidence: {gap.status} ({gap.evidence_strength})", "", gap.rationale, ""]
    lines += [f'- [{c.n}] "{display(c.quote)}" — {c.title} ({c.source})' for c in gap.citations]
    if gap.missing_obligations:
        lines += ["", "Not evidenced:", *[f"- {o}" for o in gap.missing_obligations]]
    return "\n".join(lines) + "\n"
