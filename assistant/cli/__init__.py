"""The ``clausewise`` command: one subcommand module per area, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Each module adds its subcommands; a subcommand's handler takes (args, settings) and returns an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "assistant.cli.ingest_cmds",
    "assistant.cli.ask_cmds",
    "assistant.cli.eval_cmds",
    "assistant.cli.catalog_cmds",
    "assistant.cli.serve_cmds",
    "assistant.cli.audit_cmds",
)


def _prepare_environment() -> None:
    # Nothing may reach a model hub at run time; a hub lookup without these retries for over a minute.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
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
