"""``search`` and ``verify-quote``: the MCP tools ``search_evidence`` / ``verify_quote`` from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli import DefaultsHelpFormatter
from ingestion.settings import Settings

ROLES = ("staff", "compliance", "auditor")


class _ExamplesFormatter(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
    """Defaults in option help, examples kept as written."""


_SEARCH_EXAMPLES = """examples:
  clausewise search "model drift monitoring"                 # the 8 best passages a staff member may read
  clausewise search "internal audit findings" -k 20 --role auditor
  clausewise search "data provenance" --json                  # the same JSON as GET /v1/evidence and MCP
"""
_VERIFY_EXAMPLES = """examples:
  clausewise verify-quote org/policies/ai_policy.md "reviews this policy every 12 months"
  clausewise verify-quote org/audit/report.pdf "two minor nonconformities" --role auditor --json
exit codes: 0 found, 1 not found (or no such document the role may read), 2 bad input or an empty index
"""


def register(sub: Any) -> None:
    """Add ``search`` and ``verify-quote``."""
    s = sub.add_parser("search", help="search the documents for passages (no answer, just the evidence)",
                       epilog=_SEARCH_EXAMPLES, formatter_class=_ExamplesFormatter)  # fmt: skip
    s.add_argument("query", help="what to look for, in quotes")
    s.add_argument("-k", type=int, default=8, help="how many passages (1-50)")
    s.add_argument("--role", choices=ROLES, default=None,
                   help="whose clearance limits the search (default: CLAUSEWISE_DEFAULT_ROLE, i.e. staff)")
    s.add_argument("--json", action="store_true", help="print the JSON (as GET /v1/evidence)")
    s.set_defaults(handler=cmd_search)

    v = sub.add_parser("verify-quote", help="check that a quote appears in a document",
                       epilog=_VERIFY_EXAMPLES, formatter_class=_ExamplesFormatter)  # fmt: skip
    v.add_argument("doc_id", help="the document id (a citation's doc_id, as `clausewise docs` lists it)")
    v.add_argument("quote", help="the exact text, in quotes")
    v.add_argument("--role", choices=ROLES, default=None,
                   help="whose clearance limits the documents (default: CLAUSEWISE_DEFAULT_ROLE, i.e. staff)")
    v.add_argument("--json", action="store_true", help="print the JSON (as POST /v1/quotes/verify)")
    v.set_defaults(handler=cmd_verify_quote)


def _service_and_asker(args: argparse.Namespace, settings: Settings) -> tuple[Any, Any]:
    from assistant.cli.ask_cmds import _service
    from assistant.models import Asker

    return _service(settings), Asker(user="cli", role=args.role or settings.default_role, channel="cli")


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    """Print the passages (text, or JSON with ``--json``)."""
    from assistant.evidence_search import checked_query
    from assistant.service import IndexEmptyError

    try:
        checked_query(args.query, args.k)  # before the model loads
        svc, asker = _service_and_asker(args, settings)
        results = svc.search_evidence(args.query, asker, args.k)
    except (ValueError, IndexEmptyError) as exc:
        print(f"clausewise search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(results.model_dump_json(indent=2))
        return 0
    if not results.hits:
        print("no passages found")
    for h in results.hits:
        where = h.section or h.title or h.doc_id  # a section path starts with the document's title
        print(f"[{h.rank}] {where} ({h.doc_id}{f', p. {h.page}' if h.page else ''}; score {h.score:.4f})")
        print("    " + h.snippet.replace("\n", "\n    ") + (" …" if h.truncated else ""))
    for warning in results.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_verify_quote(args: argparse.Namespace, settings: Settings) -> int:
    """Print whether the quote is in the document; exit 0 found, 1 not found, 2 bad input."""
    try:
        svc, asker = _service_and_asker(args, settings)
        check = svc.verify_quote(args.doc_id, args.quote, asker)
    except ValueError as exc:
        print(f"clausewise verify-quote: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(check.model_dump_json(indent=2))
    elif check.found:
        where = check.section or check.title or check.doc_id
        page = f", p. {check.page}" if check.page else ""
        print(f"found ({check.match}): {check.detail}; {where}{page} [{check.chunk_id}]")
    else:
        print(f"not found: {check.detail}")
    return 0 if check.found else 1
