"""``audit verify``, ``audit anchor`` and ``audit export``: check, anchor and extract the hash-chained audit log."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ingestion.settings import Settings


def register(sub: Any) -> None:
    """Add ``audit verify``, ``audit anchor`` and ``audit export``."""
    a = sub.add_parser("audit", help="the audit log of every interaction (verify, anchor, export)")
    asub = a.add_subparsers(dest="audit_command", required=True)
    v = asub.add_parser(
        "verify", help="check the hash chain and its keyed anchors; exit 1 if any row was changed or removed"
    )
    v.add_argument(
        "--anchor", type=Path, default=None,
        help="check against this anchor file (e.g. a copy kept off the host) instead of the configured one "
             "(default: CLAUSEWISE_AUDIT_ANCHOR_PATH, else audit.anchor in the data dir)",
    )
    v.set_defaults(handler=cmd_verify)
    n = asub.add_parser(
        "anchor",
        help="write the keyed anchor for the current head (after setting CLAUSEWISE_AUDIT_KEY on an existing "
             "log, or after changing it); refuses when the chain is broken",
    )
    n.add_argument(
        "--force", action="store_true", default=False,
        help="also replace an anchor that does not match (a new key, or a restore from backup); default: off",
    )
    n.set_defaults(handler=cmd_anchor)
    e = asub.add_parser("export", help="export rows as CSV or JSON Lines")
    e.add_argument("--format", choices=("csv", "jsonl"), default="jsonl", help="export format")
    e.add_argument(
        "--since", default=None, help="only rows at or after this ISO date/time, UTC if no zone (default: all rows)"
    )
    e.add_argument("--out", type=Path, default=None, help="write to a file (default: stdout)")
    e.set_defaults(handler=cmd_export)


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    """Verify the chain and print the result."""
    from assistant.audit import AuditLog

    if args.anchor is not None and not args.anchor.is_file():
        print(f"error: --anchor {args.anchor} does not exist", file=sys.stderr)
        return 2
    if args.anchor is not None and not settings.audit_key.get_secret_value():
        print("error: --anchor needs CLAUSEWISE_AUDIT_KEY (the key the anchor was made with)", file=sys.stderr)
        return 2
    result = AuditLog.from_settings(settings).verify(anchor_file=args.anchor)
    if result.ok:
        print(f"OK: {result.rows} rows, {result.reason}; head hash {result.head_hash}")
        for warning in result.warnings:
            print(f"WARNING: {warning}")
        return 0
    where = f" at row id {result.first_bad_id}" if result.first_bad_id is not None else ""
    label = {"truncated": "TRUNCATED", "anchor_missing": "ANCHOR MISSING"}.get(result.code, "TAMPERED")
    print(f"{label}{where}: {result.reason} ({result.rows} rows checked)")
    return 1


def cmd_anchor(args: argparse.Namespace, settings: Settings) -> int:
    """Anchor the current head with the key, after checking the chain."""
    from assistant.audit import AuditLog

    if not settings.audit_key.get_secret_value():
        print("error: set CLAUSEWISE_AUDIT_KEY (32+ characters) first; see docs/deployment.md", file=sys.stderr)
        return 2
    log = AuditLog.from_settings(settings)
    result = log.verify()
    # A broken chain is never re-anchored; a missing anchor always may be; a mismatching one only with --force.
    replaceable = {"ok", "anchor_missing"} | ({"anchor_invalid", "truncated", "unanchored"} if args.force else set())
    if result.code not in replaceable:
        hint = "" if result.code in ("chain", "head") else " (--force replaces it, see docs/deployment.md)"
        print(f"refused: {result.reason}{hint}", file=sys.stderr)
        return 1
    anchor = log.anchor()
    where = f" in {log.anchor_path}" if log.anchor_path else ""
    print(f"anchored {anchor.seq} rows, head hash {anchor.hash}{where}")
    return 0


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
