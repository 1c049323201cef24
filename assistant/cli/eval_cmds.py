"""``clausewise eval``: run an answer key through the service and report how often it is right."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation.targets import DEFAULT_FLOORS
from ingestion.settings import Settings

DEFAULT_KEY = Path("corpus/org/expected.yaml")

#: Exit codes: a must-be-zero figure was not zero; the key or the options are unusable.
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def register(sub: Any) -> None:
    """Add the ``eval`` subcommand."""
    p = sub.add_parser(
        "eval",
        help="evaluate answers against an answer key (docs/evaluation.md)",
        description=(
            "Build an isolated index from the key's corpus, ask every question through the same service users "
            "hit, and report the quality figures against their targets first, then retrieval, answer, gap, "
            "abstention and latency figures. Exits 1 when a must-be-zero figure (unlocatable quotes, invented "
            "clause ids, forbidden citations, injection obeyed, clearance leaks, errors) is not zero, and with "
            "--ci also when a figure is below its floor."
        ),
    )
    p.add_argument("--set", dest="key", type=Path, default=None, help=f"answer key (default {DEFAULT_KEY})")
    p.add_argument(
        "--role-map", default=None,
        help="map key roles to configured roles: staff=employee,... (default: the key's roles as they are)",
    )  # fmt: skip
    p.add_argument("--baselines", action="store_true", help="also score vector-only and BM25-only retrieval")
    p.add_argument("--no-gaps", action="store_true", help="skip the full gap report against the coverage map")
    p.add_argument("--json", action="store_true", help="print the report as JSON instead of Markdown")
    p.add_argument(
        "--out", type=Path, default=None, help="write report.md and report.json into this folder (default: none)"
    )
    p.add_argument(
        "--ci",
        action="store_true",
        help="the sample key (unless --set), a short summary, exit non-zero on any must-be-zero failure "
        "or on a figure below its floor",
    )
    p.add_argument(
        "--floor", action="append", default=None, metavar="NAME=VALUE",
        help="change or add a --ci floor, e.g. containment=0.75 or recall_at_5=off (repeatable; default "
        + ", ".join(f"{k}={v:g}" for k, v in DEFAULT_FLOORS.items()) + "; names in docs/evaluation.md)",
    )  # fmt: skip
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=run_eval_command)


def run_eval_command(args: argparse.Namespace, settings: Settings) -> int:
    """Handler of ``clausewise eval``."""
    from assistant.evaluation.key import AnswerKeyError
    from assistant.evaluation.report import render_markdown, render_summary
    from assistant.evaluation.runner import EvalOptions, parse_role_map, run_eval
    from assistant.evaluation.targets import parse_floors

    key_path: Path = args.key or DEFAULT_KEY
    try:
        role_map = parse_role_map(args.role_map)
        floors = parse_floors(args.floor)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    opts = EvalOptions(
        baselines=args.baselines, gaps=not args.no_gaps, role_map=role_map, progress=progress, floors=floors
    )
    try:
        report = run_eval(key_path, settings, opts)
    except (AnswerKeyError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    markdown = render_markdown(report)
    payload = report.model_dump_json(indent=2)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "report.md").write_text(markdown + "\n", encoding="utf-8")
        (args.out / "report.json").write_text(payload + "\n", encoding="utf-8")
        progress(f"wrote {args.out / 'report.md'} and {args.out / 'report.json'}")
    if args.ci:
        print(render_summary(report))
    elif args.json:
        print(payload)
    else:
        print(markdown)
    if not report.passed:
        return EXIT_FAILED
    # Floors gate CI only: an exploratory run on a new corpus reports them without failing.
    return EXIT_FAILED if args.ci and not report.floors_passed else 0
