"""The ``clausewise`` command: one subcommand module per area, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

# Each module adds its subcommands; a subcommand's handler takes (args, settings) and returns an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "assistant.cli.ingest_cmds",
    "assistant.cli.ask_cmds",
    "assistant.cli.eval_cmds",
    "assistant.cli.catalog_cmds",
    "assistant.cli.serve_cmds",
    "assistant.cli.audit_cmds",
    "assistant.cli.oscal_cmds",
    "assistant.cli.questionnaire_cmds",
    "assistant.cli.crosswalk_cmds",
    "assistant.cli.mcp_cmds",
    "assistant.cli.evidence_cmds",
)


def _prepare_environment() -> None:
    # Nothing may reach a model hub at run time; a hub lookup without these retries for over a minute.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class DefaultsHelpFormatter(argparse.HelpFormatter):
    """Help that ends every option's text with its default, unless the text already states it."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if "default" in text or action.default is argparse.SUPPRESS:
            return text
        if action.required or (
            not action.option_strings and action.nargs not in (argparse.OPTIONAL, argparse.ZERO_OR_MORE)
        ):
            return text  # what must be given has no default
        if action.nargs == 0 and isinstance(action.const, bool):  # a flag: store_true / store_false
            return f"{text} (default: {'on' if action.default else 'off'})"
        if action.default is None or action.default == []:
            return text  # no literal default: the help text has to say what happens (tests check it does)
        return f"{text} (default: %(default)s)"


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help shows defaults; subcommand parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DefaultsHelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered subcommand."""
    parser = Parser(
        prog="clausewise", description="Grounded ISO/IEC 42001 assistant over your governance documents."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clausewise`` console script."""
    _prepare_environment()
    from ingestion.settings import Settings

    args = build_parser().parse_args(argv)
    settings = Settings()
    code: int = args.handler(args, settings)
    return code


if __name__ == "__main__":
    sys.exit(main())
