"""``clausewise export oscal-catalog``: the clause catalog as an OSCAL 1.1 catalog (JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.catalog import CatalogError, load_catalog
from assistant.cli import DefaultsHelpFormatter
from assistant.oscal import catalog_json
from ingestion.settings import Settings


class _ExamplesFormatter(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
    """Defaults in option help, examples kept as written."""


_EXAMPLES = """examples:
  clausewise export oscal-catalog                       # print the OSCAL catalog JSON
  clausewise export oscal-catalog --out catalog.json    # write it to a file for a GRC tool
"""


def register(sub: Any) -> None:
    """Add the ``export`` subcommand with its ``oscal-catalog`` target."""
    p = sub.add_parser(
        "export", help="export the clause catalog in an interchange format (OSCAL)",
        epilog=_EXAMPLES, formatter_class=_ExamplesFormatter,
    )  # fmt: skip
    p.add_argument("what", choices=("oscal-catalog",), help="what to export")
    p.add_argument("--out", type=Path, help="file to write (default: print the JSON)")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the OSCAL catalog to ``--out`` or stdout."""
    try:
        text = catalog_json(load_catalog(settings))
    except CatalogError as exc:
        print(f"clausewise export: {exc}", file=sys.stderr)
        return 1
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"clausewise export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
