"""``clausewise questionnaire``: fill a customer's AI/security questionnaire (.xlsx or .csv) from your documents."""

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


_EXAMPLES = """examples:
  clausewise questionnaire vendor_dd.xlsx                          # writes vendor_dd-filled.xlsx beside it
  clausewise questionnaire vendor_dd.xlsx --out answered.xlsx --role compliance
  clausewise questionnaire security_review.csv --column "Control / Requirement"
  clausewise questionnaire vendor_dd.xlsx --column C --json        # the summary and every row as JSON

The question column is found by its header's meaning and its content (or named with --column: a header or a
column letter). Every question is answered like `clausewise ask` (same evidence, same audit log). Added
columns: Clausewise verdict (Yes/Partial/No/Unknown), answer, citations, needs review. An existing answer column
(e.g. "Response" with a Yes/No/Partial/N/A dropdown) is filled with the dropdown's own values, never over an
answer already given; Unknown is left blank there. Formatting, other sheets and data validations are kept.
Exit codes: 0 filled, 2 the file cannot be used (the message names it), 3 no documents are indexed.
"""


def register(sub: Any) -> None:
    """Add the ``questionnaire`` subcommand."""
    p = sub.add_parser(
        "questionnaire", help="fill a customer questionnaire (.xlsx/.csv) with verdicts, answers and citations",
        epilog=_EXAMPLES, formatter_class=_ExamplesFormatter,
    )  # fmt: skip
    p.add_argument("file", type=Path, help="the questionnaire: .xlsx or .csv")
    p.add_argument("--out", type=Path, default=None, help="where to write the filled file (default: IN-filled.EXT)")
    p.add_argument(
        "--role", choices=ROLES, default=None,
        help="whose clearance limits the evidence (default: CLAUSEWISE_DEFAULT_ROLE, i.e. staff)",
    )  # fmt: skip
    p.add_argument(
        "--column", default=None,
        help="the question column's header or letter (default: found from headers and content)",
    )  # fmt: skip
    p.add_argument("--user", default="cli", help="user name recorded in the audit log")
    p.add_argument("--json", action="store_true", help="print the summary and the rows as JSON")
    p.set_defaults(handler=cmd_questionnaire)


def cmd_questionnaire(args: argparse.Namespace, settings: Settings) -> int:
    """Fill the questionnaire and print the summary."""
    from assistant.cli.ask_cmds import _service
    from assistant.models import Asker
    from assistant.questionnaire import QuestionnaireError, fill
    from assistant.service import IndexEmptyError

    path: Path = args.file
    try:
        size = path.stat().st_size
        if size > settings.max_file_mb * 1024 * 1024:
            print(f"error: {path}: larger than {settings.max_file_mb:g} MB (limit CLAUSEWISE_MAX_FILE_MB)",
                  file=sys.stderr)  # fmt: skip
            return 2
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    svc = _service(settings)
    asker = Asker(user=args.user, role=args.role or settings.default_role, channel="cli")

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\ranswering {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        result = fill(data, path.name, svc, asker, column=args.column, progress=progress)
    except QuestionnaireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except IndexEmptyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    out: Path = args.out or path.with_name(result.filename)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(result.content)
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    s = result.summary
    if args.json:
        import json

        rows = [r.model_dump(mode="json") for r in result.rows]
        print(json.dumps({"summary": s.model_dump(mode="json"), "out": str(out), "rows": rows}, indent=2))
        return 0
    print(f"{s.file}: sheet {s.sheet!r}, questions in column {s.question_column} (header row {s.header_row})")
    if s.answer_column:
        vocab = f" [{' / '.join(s.answer_vocabulary)}]" if s.answer_vocabulary else ""
        print(f"answer column: {s.answer_column}{vocab}; {s.kept_existing} existing answer(s) kept")
    verdicts = ", ".join(f"{k} {v}" for k, v in s.verdicts.items())
    print(f"questions {s.questions}: answered {s.answered}, needs review {s.needs_review}, unknown {s.unknown}")
    print(f"verdicts: {verdicts}")
    print(f"wrote {out}")
    return 0
