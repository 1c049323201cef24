"""``clausewise mcp``: the MCP server over stdio, for Claude Desktop and any other MCP client (docs/mcp.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli import DefaultsHelpFormatter
from ingestion.settings import Settings


class _ExamplesFormatter(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
    """Defaults in option help, examples kept as written."""


_EXAMPLES = """The key's role decides what every tool may read (staff, compliance, auditor), as on every other channel;
each tool call is written to the audit log with channel 'mcp'. Over HTTP the same tools are served by
`clausewise serve` at /mcp (Authorization: Bearer <key>).

examples:
  export CLAUSEWISE_API_KEY=$(clausewise keys create --name claude-desktop --role staff)
  clausewise mcp                      # serve the tools on stdin/stdout (an MCP client starts this)
  clausewise mcp --check              # check the key and the index, print the tool names, exit
  CLAUSEWISE_DATA_DIR=/srv/clausewise CLAUSEWISE_API_KEY=cwk_... clausewise mcp

Claude Desktop (claude_desktop_config.json):
  {"mcpServers": {"clausewise": {"command": "/path/to/.venv/bin/clausewise", "args": ["mcp"],
    "env": {"CLAUSEWISE_DATA_DIR": "/path/to/.clausewise", "CLAUSEWISE_API_KEY": "cwk_..."}}}}
"""


def register(sub: Any) -> None:
    """Add ``mcp``."""
    p = sub.add_parser(
        "mcp", help="serve the read-only tools to an MCP client over stdio (key: CLAUSEWISE_API_KEY)",
        description="Serve Clausewise's read-only tools (ask, search_evidence, explain_clause, list_gaps, "
        "get_checklist, crosswalk, list_framework_gaps, list_stale_documents, verify_quote) to an MCP client over "
        "stdin/stdout, acting with the API key in CLAUSEWISE_API_KEY.",
        epilog=_EXAMPLES, formatter_class=_ExamplesFormatter,
    )  # fmt: skip
    p.add_argument("--check", action="store_true",
                   help="check the key and the index, list the tools on stderr and exit instead of serving")
    p.set_defaults(handler=cmd_mcp)


def cmd_mcp(args: argparse.Namespace, settings: Settings) -> int:
    """Serve over stdio; exit 2 without a valid key (the protocol needs stdout, so messages go to stderr)."""
    from assistant.auth import KeyRing

    token = settings.api_key.get_secret_value().strip()
    if not token:
        print("clausewise mcp: CLAUSEWISE_API_KEY is not set; create a key with "
              "`clausewise keys create --name NAME --role staff|compliance|auditor` and export it", file=sys.stderr)
        return 2
    keys = KeyRing(settings)
    try:
        key = keys.authenticate(token)
    except ValueError as exc:  # a damaged key file
        print(f"clausewise mcp: {exc}", file=sys.stderr)
        return 2
    if key is None:
        print(f"clausewise mcp: CLAUSEWISE_API_KEY is not a key of {settings.data_dir.resolve()} "
              "(`clausewise keys list` shows the names and roles there)", file=sys.stderr)  # fmt: skip
        return 2

    import anyio

    from assistant.mcp_server import LazyService, build_mcp_server, fixed_key
    from assistant.service import ClausewiseService

    service = LazyService(lambda: ClausewiseService.from_settings(settings))
    server = build_mcp_server(service, fixed_key(keys, token))
    if args.check:
        return _check(server, service, key.name, key.role)
    service.start()
    print(f"clausewise mcp: serving on stdio as '{key.name}' (role {key.role}); data dir "
          f"{settings.data_dir.resolve()}", file=sys.stderr)  # fmt: skip
    anyio.run(server.run_stdio_async)
    return 0


def _check(server: Any, service: Any, name: str, role: str) -> int:
    import anyio

    status = service().index_status()
    tools = anyio.run(server.list_tools)
    print(f"key '{name}' (role {role}); {status.documents} documents indexed in {status.data_dir}", file=sys.stderr)
    print("tools: " + ", ".join(t.name for t in tools), file=sys.stderr)
    reason = status.empty_reason()
    if reason is not None:
        print(f"clausewise mcp: {reason}", file=sys.stderr)
        return 1
    return 0
