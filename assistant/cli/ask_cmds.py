"""``ask``, ``gaps``, ``checklist`` and ``draft-policy``: the core service from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli import DefaultsHelpFormatter
from ingestion.settings import Settings

ROLES = ("staff", "compliance", "auditor")

class _ExamplesFormatter(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
    """Defaults in option help, examples kept as written."""


_GAPS_EXAMPLES = """examples:
  clausewise gaps --format md --out gaps.md           # every clause and control with evidence
  clausewise gaps --scope A.6 --format json           # one Annex A group as JSON
  clausewise gaps --format oscal --out results.json   # OSCAL assessment-results
  clausewise gaps --framework nist-ai-rmf             # NIST AI RMF subcategories, coverage derived from 42001
  clausewise gaps --framework eu-ai-act --format csv  # EU AI Act articles: one row per mapped 42001 id
"""


def register(sub: Any) -> None:
    """Add the question and report subcommands."""
    p = sub.add_parser("ask", help="ask a question about your AI management system")
    p.add_argument("question", help="the question, in quotes")
    p.add_argument(
        "--role", choices=ROLES, default=None, help="asker's role (default: CLAUSEWISE_DEFAULT_ROLE, i.e. staff)"
    )
    p.add_argument(
        "--conversation", dest="conversation_id", default=None,
        help="conversation id for follow-ups (default: none, a question on its own)",
    )  # fmt: skip
    p.add_argument("--user", default="cli", help="user name recorded in the audit log")
    p.add_argument(
        "--doc-type", dest="doc_types", action="append", default=[],
        help="only this document type, repeatable (default: every type)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the answer JSON contract")
    p.set_defaults(handler=cmd_ask)

    g = sub.add_parser(
        "gaps", help="gap analysis of clauses and Annex A controls (or a framework's coverage derived from it)",
        epilog=_GAPS_EXAMPLES, formatter_class=_ExamplesFormatter,
    )  # fmt: skip
    g.add_argument("--scope", default="all", help="all | clauses | annex-a | an id prefix such as 6.1 or A.6")
    g.add_argument(
        "--framework", choices=("nist-ai-rmf", "eu-ai-act"), default=None,
        help="derive this framework's coverage from the 42001 verdicts through its crosswalk (weakest link over "
        "the mapped ids; formats json, md, csv; default: none, the 42001 report itself)",
    )  # fmt: skip
    g.add_argument("--role", choices=ROLES, default="auditor", help="whose clearance limits the evidence")
    g.add_argument(
        "--format",
        choices=("json", "md", "csv", "oscal"),
        default="md",
        help="report format (oscal: assessment-results JSON)",
    )
    g.add_argument("--out", type=Path, default=None, help="write to this file (default: stdout)")
    g.set_defaults(handler=cmd_gaps)

    c = sub.add_parser("checklist", help="audit checklist for clause/control ids or a topic")
    c.add_argument("target", nargs="+", help='ids (6.1.4 A.5.2) or a topic ("impact assessment")')
    c.add_argument("--role", choices=ROLES, default="auditor", help="whose clearance limits the evidence")
    c.add_argument("--format", choices=("md", "csv", "xlsx", "json"), default="md", help="checklist format")
    c.add_argument("--out", type=Path, default=None, help="write to this file, required for xlsx (default: stdout)")
    c.set_defaults(handler=cmd_checklist)

    d = sub.add_parser("draft-policy", help="Markdown policy skeleton for a topic or ids")
    d.add_argument("target", help='a topic ("AI policy") or clause/control ids')
    d.add_argument("--role", choices=ROLES, default="compliance", help="whose clearance limits the evidence")
    d.add_argument("--out", type=Path, default=None, help="write to this file (default: stdout)")
    d.set_defaults(handler=cmd_draft)


def _service(settings: Settings) -> Any:
    _preload_embedder(settings)
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(settings)


def _preload_embedder(settings: Settings) -> None:
    """Start loading the embedding model on a thread while the store, catalog and audit log open.

    An ONNX Runtime session is built in C++ without the GIL, so it overlaps the imports of a fresh CLI process;
    ``get_embedder`` caches it, and the service's own call waits for it (or raises the same error itself).
    """
    import contextlib
    import threading

    from ingestion.embedding import get_embedder

    def load() -> None:
        with contextlib.suppress(Exception):  # the service's own get_embedder call reports it
            get_embedder(settings)

    threading.Thread(target=load, name="embedder-preload", daemon=True).start()


def _index_empty() -> type[Exception]:
    from assistant.service import IndexEmptyError

    return IndexEmptyError


def _asker(args: argparse.Namespace, settings: Settings) -> Any:
    from assistant.models import Asker

    return Asker(user=getattr(args, "user", "cli"), role=args.role or settings.default_role, channel="cli")


def _emit(text: str | bytes, out: Path | None) -> None:
    if out is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        out.write_bytes(text)
    else:
        out.write_text(text, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question."""
    svc = _service(settings)
    try:
        answer = svc.ask(
            args.question, _asker(args, settings), conversation_id=args.conversation_id, doc_types=args.doc_types
        )
    except (ValueError, _index_empty()) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(answer.model_dump_json(indent=2))
        return 0
    from assistant.render import answer_to_text

    print(answer_to_text(answer))
    return 0


def cmd_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """Print or write a gap report."""
    from assistant.render import gaps_to_csv, gaps_to_markdown

    if getattr(args, "framework", None):
        return _framework_gaps(args, settings)
    svc = _service(settings)
    try:
        report = svc.gaps(args.scope, _asker(args, settings))
    except (ValueError, _index_empty()) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        _emit(report.model_dump_json(indent=2), args.out)
    elif args.format == "oscal":
        from assistant.oscal import assessment_results_json

        _emit(assessment_results_json(report), args.out)
    elif args.format == "csv":
        _emit(gaps_to_csv(report), args.out)
    else:
        _emit(gaps_to_markdown(report), args.out)
    return 0


def _framework_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """``gaps --framework``: the framework's coverage derived from the 42001 gap report, with the mapping."""
    from assistant.crosswalk_render import coverage_to_csv, coverage_to_markdown

    if args.format == "oscal":
        print("error: --format oscal is the 42001 gap report; with --framework use json, md or csv", file=sys.stderr)
        return 2
    if args.scope != "all":
        print("error: --scope does not apply with --framework (every mapped id is assessed)", file=sys.stderr)
        return 2
    svc = _service(settings)
    try:
        coverage = svc.framework_coverage(args.framework, _asker(args, settings))
    except (ValueError, _index_empty()) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        _emit(coverage.model_dump_json(indent=2), args.out)
    elif args.format == "csv":
        _emit(coverage_to_csv(coverage), args.out)
    else:
        _emit(coverage_to_markdown(coverage), args.out)
    return 0


def cmd_checklist(args: argparse.Namespace, settings: Settings) -> int:
    """Print or write an audit checklist."""
    from assistant.checklist import to_csv, to_markdown, to_xlsx

    svc = _service(settings)
    target = args.target if len(args.target) > 1 else args.target[0]
    try:
        checklist = svc.checklist(target, _asker(args, settings))
    except LookupError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    except _index_empty() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "xlsx":
        if args.out is None:
            print("error: --out FILE is required for --format xlsx", file=sys.stderr)
            return 2
        _emit(to_xlsx(checklist), args.out)
    elif args.format == "csv":
        _emit(to_csv(checklist), args.out)
    elif args.format == "json":
        _emit(checklist.model_dump_json(indent=2), args.out)
    else:
        _emit(to_markdown(checklist), args.out)
    return 0


def cmd_draft(args: argparse.Namespace, settings: Settings) -> int:
    """Print or write a policy skeleton."""
    svc = _service(settings)
    try:
        draft = svc.draft_policy(args.target, _asker(args, settings))
    except LookupError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    text = draft.markdown
    if draft.citations:
        text += "\n\n## Sources\n\n" + "\n".join(
            f"[{c.n}] {c.title} — {c.source}{', ' + c.section if c.section else ''}" for c in draft.citations
        )
    _emit(text, args.out)
    return 0
