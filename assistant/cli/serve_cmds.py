"""``serve`` (the HTTP API with uvicorn), ``slack --socket`` (the bot over Socket Mode) and ``keys``."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

from ingestion.settings import Settings

ROLES = ("staff", "compliance", "auditor")
EXAMPLE_QUESTION = "How often is the AI policy reviewed?"


def register(sub: Any) -> None:
    """Add ``serve``, ``slack`` and ``keys``."""
    s = sub.add_parser("serve", help="run the HTTP API (and the Slack endpoint) with uvicorn")
    s.add_argument("--host", default="127.0.0.1", help="interface to bind; 0.0.0.0 for every interface")
    s.add_argument("--port", type=int, default=8000, help="TCP port")
    s.add_argument("--workers", type=int, default=1, help="worker processes, each loads the model once")
    s.add_argument("--print-example", action="store_true", help="print an example curl command before starting")
    levels = ("critical", "error", "warning", "info", "debug")
    s.add_argument("--log-level", default="info", choices=levels, help="uvicorn log level")
    s.set_defaults(handler=cmd_serve)

    sl = sub.add_parser("slack", help="run the Slack bot over Socket Mode (no public URL needed)")
    sl.add_argument("--socket", action="store_true", help="connect with the app-level token (Socket Mode)")
    sl.set_defaults(handler=cmd_slack)

    k = sub.add_parser("keys", help="manage API keys (stored as SHA-256 hashes in the data dir)")
    ksub = k.add_subparsers(dest="keys_command", required=True)
    kc = ksub.add_parser("create", help="create a key and print it once")
    kc.add_argument("--name", required=True, help="who or what the key is for (unique; shown in the audit log)")
    kc.add_argument("--role", choices=ROLES, default="staff", help="what the key may read and do")
    kc.set_defaults(handler=cmd_keys_create)
    kl = ksub.add_parser("list", help="list key names and roles")
    kl.set_defaults(handler=cmd_keys_list)
    kr = ksub.add_parser("revoke", help="delete a key created with 'keys create'")
    kr.add_argument("--name", required=True, help="the name given to 'keys create'")
    kr.set_defaults(handler=cmd_keys_revoke)


#: Shown instead of a key that is not known here: how to make one and keep it in ``$KEY``.
EXPORT_KEY_HINT = (
    "export KEY=...   # an API key: clausewise keys create --name NAME --role staff|compliance|auditor"
)


def example_curl(base_url: str, key: str) -> str:
    """A copy-paste ``curl`` asking one question."""
    return (
        f"curl -s {base_url}/v1/ask \\\n"
        f"  -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' \\\n"
        f"  -d '{{\"question\": \"{EXAMPLE_QUESTION}\"}}'"
    )


def _ensure_server_importable() -> None:
    # A source checkout without an installed package: uvicorn imports ``server`` from the project root.
    if importlib.util.find_spec("server") is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Start uvicorn; creates and prints a local key when none exists."""
    import uvicorn

    from assistant.auth import ensure_local_key, keys_file

    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"error: --port {args.port} is not a valid port", file=sys.stderr)
        return 2
    try:
        new_key = ensure_local_key(settings)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    base_url = f"http://{host}:{args.port}"
    if new_key:
        print("No API key was configured, so one local key was created (role: compliance).")
        print(f"It is shown only this once; its hash is stored in {keys_file(settings)}.")
        print(f"API key: {new_key}")
    if new_key or args.print_example:
        print("Try it:")
        if not new_key:
            print(EXPORT_KEY_HINT)
        print(example_curl(base_url, new_key or "$KEY"))
        print(f"Web app: {base_url}/ (sign in with the key)")
        print(f"OpenAPI docs: {base_url}/docs")
    if not settings.manifest_path.exists():
        print(f"note: no documents are indexed in {settings.data_dir.resolve()} — run `clausewise ingest PATH`; "
              "until then questions get 503")  # fmt: skip
    sys.stdout.flush()
    _ensure_server_importable()
    uvicorn.run(
        "server:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
        log_level=args.log_level,
    )
    return 0


#: Where a reader finds the Slack app's tokens and how to install it.
SLACK_DOCS = "docs/deployment.md § 3 (Slack)"


def missing_slack_settings(settings: Settings, *, socket: bool) -> list[str]:
    """The environment variables a Slack mode needs that are not set, all of them."""
    needed = [("CLAUSEWISE_SLACK_BOT_TOKEN", settings.slack_bot_token)]
    if socket:
        needed.append(("CLAUSEWISE_SLACK_APP_TOKEN", settings.slack_app_token))
    else:
        needed.append(("CLAUSEWISE_SLACK_SIGNING_SECRET", settings.slack_signing_secret))
    return [name for name, value in needed if not value]


def cmd_slack(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot over Socket Mode; HTTP mode is served by ``clausewise serve`` at /slack/events."""
    socket_missing = missing_slack_settings(settings, socket=True)
    if not args.socket:
        http_missing = missing_slack_settings(settings, socket=False)
        print(
            "The Slack bot runs in two ways:\n"
            "  clausewise slack --socket   Socket Mode, no public URL; needs CLAUSEWISE_SLACK_BOT_TOKEN and "
            "CLAUSEWISE_SLACK_APP_TOKEN" + (f" (not set: {', '.join(socket_missing)})" if socket_missing else "")
            + "\n  clausewise serve            HTTP mode: point Slack at https://<host>/slack/events; needs "
            "CLAUSEWISE_SLACK_BOT_TOKEN and CLAUSEWISE_SLACK_SIGNING_SECRET"
            + (f" (not set: {', '.join(http_missing)})" if http_missing else "")
            + f"\nSetup: {SLACK_DOCS}.",
            file=sys.stderr,
        )
        return 2
    if socket_missing:
        print(
            f"error: not set: {', '.join(socket_missing)}. Socket Mode needs the bot token (xoxb-…) and an "
            f"app-level token (xapp-…, scope connections:write); {SLACK_DOCS} shows where to find them.",
            file=sys.stderr,
        )
        return 2
    from assistant.service import ClausewiseService
    from assistant.slack_app import run_socket_mode

    service = ClausewiseService.from_settings(settings)
    print("Slack bot connected over Socket Mode; Ctrl-C to stop.", file=sys.stderr)
    run_socket_mode(settings, service)
    return 0


def cmd_keys_create(args: argparse.Namespace, settings: Settings) -> int:
    """Create a key and print it once."""
    from assistant.auth import create_key, keys_file

    try:
        key = create_key(settings, args.name, args.role)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(key)
    print(f"key '{args.name}' (role {args.role}) created; only its hash is kept in {keys_file(settings)}",
          file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace, settings: Settings) -> int:
    """List key names, roles and where each is configured (never the keys or hashes)."""
    from assistant.auth import list_keys

    try:
        keys = list_keys(settings)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not keys:
        print("no API keys (clausewise serve creates a local one)")
    for key, source in keys:
        print(f"{key.name}\t{key.role}\t{source}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace, settings: Settings) -> int:
    """Delete a stored key by name."""
    from assistant.auth import revoke_key

    if not revoke_key(settings, args.name):
        print(f"error: no key named {args.name!r} in the data dir (keys from settings are revoked there)",
              file=sys.stderr)
        return 1
    print(f"key '{args.name}' revoked")
    return 0
