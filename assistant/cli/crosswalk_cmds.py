"""``clausewise crosswalk REF``: a NIST AI RMF subcategory, EU AI Act article or 42001 id through the crosswalks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assistant.cli import DefaultsHelpFormatter
from ingestion.settings import Settings

ROLES = ("staff", "compliance", "auditor")
#: Exit code for an unknown reference or framework (as for an unknown clause id).
EXIT_UNKNOWN = 2


class _ExamplesFormatter(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
    """Defaults in option help, examples kept as written."""


_EXAMPLES = """examples:
  clausewise crosswalk "GOVERN 1.1"                  # NIST AI RMF subcategory -> 42001 ids, derived coverage
  clausewise crosswalk GV-1.1 --format json          # the same as JSON (the HTTP /v1/crosswalk body)
  clausewise crosswalk "Art. 9"                      # EU AI Act article (also "Article 9", "art 9(2)")
  clausewise crosswalk A.6.2.4                       # 42001 id -> the NIST subcategories and EU articles on it
  clausewise crosswalk "Art. 27" --mapping-only      # the pairs only: no index, no model
  clausewise gaps --framework eu-ai-act              # every article's derived coverage (see gaps --help)
"""


def register(sub: Any) -> None:
    """Add the ``crosswalk`` subcommand."""
    p = sub.add_parser(
        "crosswalk", help="map a NIST AI RMF subcategory, EU AI Act article or 42001 id across frameworks",
        description="Show the other side of a crosswalk pair: ISO/IEC 42001 ids for a NIST AI RMF subcategory or "
        "an EU AI Act article (each with why it corresponds), or the framework requirements that map onto a 42001 "
        "id; with the coverage derived from your 42001 gap verdicts (weakest link: missing < partial < covered).",
        epilog=_EXAMPLES, formatter_class=_ExamplesFormatter,
    )  # fmt: skip
    p.add_argument("ref", nargs="+", help='"GOVERN 1.1", GV-1.1, "Art. 9", "Article 9(2)", A.6.2.4 or 6.1.2')
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--role", choices=ROLES, default="auditor", help="whose clearance limits the evidence")
    p.add_argument(
        "--mapping-only", action="store_true", help="show the pairs without coverage (needs no index or model)"
    )
    p.set_defaults(handler=cmd_crosswalk)


def cmd_crosswalk(args: argparse.Namespace, settings: Settings) -> int:
    """Print one reference's crosswalk view; exit 2 with the nearest refs when it names nothing."""
    from assistant.crosswalk import CrosswalkView, UnknownRefError

    ref = " ".join(args.ref).strip()
    try:
        view: CrosswalkView = _mapping_view(ref, settings)  # an unknown ref fails here, before the model loads
        if not args.mapping_only:
            view = _service_view(ref, args, settings)
    except UnknownRefError as exc:
        print(f"clausewise crosswalk: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    except ValueError as exc:  # a malformed crosswalk or catalog file
        print(f"clausewise crosswalk: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(view.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from assistant.crosswalk_render import view_to_markdown

    sys.stdout.write(view_to_markdown(view))
    return 0


def _mapping_view(ref: str, settings: Settings) -> Any:
    from assistant import crosswalk
    from assistant.catalog import load_catalog
    from assistant.resolver import ClauseResolver

    catalog = load_catalog(settings)
    resolver = ClauseResolver(catalog)
    return crosswalk.build_view(
        ref, crosswalk.load_crosswalks(catalog), catalog, lookup=resolver.lookup,
        nearest_iso=lambda text: list(resolver.nearest(text, 3)), verdicts=None, no_coverage_note="",
    )  # fmt: skip


def _service_view(ref: str, args: argparse.Namespace, settings: Settings) -> Any:
    from assistant.cli.ask_cmds import _service
    from assistant.models import Asker

    svc = _service(settings)
    return svc.crosswalk(ref, Asker(user="cli", role=args.role, channel="cli"))
