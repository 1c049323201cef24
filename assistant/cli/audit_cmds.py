"""``audit verify`` and ``audit export``: check and extract the hash-chained audit log."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ingestion.settings import Settings


def register(sub: Any) -> None:
    """Add ``audit verify`` and ``audit export``."""
    a = sub.add_parser("audit", help="the audit log of every interaction (verify, export)")
    asub = a.add_subparsers(dest="audit_command", required=True)
    v = asub.add_parser("verify", help="check the hash chain; exit 1 if any row was changed or removed")
    v.set_defaults(handler=cmd_verify)
    e = asub.add_parser("export", help="export rows as CSV or JSON Lines")
    e.add_argument("--format", choices=("csv", "jsonl"), default="jsonl")
    e.add_argument("--since", default=None, help="only rows at or after this ISO date/time (UTC if no zone)")
    e.add_argument("--out", type=Path, default=None, help="write to a file instead of stdout")
    e.set_defaults(handler=cmd_export)


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    """Verify the chain and print the result."""
    from assistant.audit import AuditLog

    result = AuditLog.from_settings(settings).verify()
    if result.ok:
        print(f"OK: {result.rows} rows, chain intact; head hash {result.head_hash}")
        return 0
    where = f" at row id {result.first_bad_id}" if result.first_bad_id is not None else ""
    print(f"TAMPERED{where}: {result.reason} ({result.rows} rows checked)")
    return 1


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Stream rows to stdout or a file."""
    from assistant.audit import AuditLog

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            print(f"error: --since {args.since!r} is not an ISO date or date-time (e.g. 2025-09-01)",
                  file=sys.stderr)
            return 2
    lines = AuditLog.from_settings(settings).export(args.format, since=since)
    if args.out is None:
        for line in lines:
            sys.stdout.write(line)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write(line)
            count += 1
    rows = count - 1 if args.format == "csv" else count
    print(f"wrote {rows} rows to {args.out}", file=sys.stderr)
    return 0
