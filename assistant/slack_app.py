"""The Slack adapter (slack-bolt): mentions, DMs, the ``/aims`` command and feedback buttons.

A thin layer: every answer comes from :class:`ClausewiseService`; this module only decides who asks (role and
channel clearance), where the reply goes and how it is rendered. Each request is acknowledged at once and the
work runs afterwards in bolt's listener threads (``process_before_response=False``), so Slack's 3-second limit
holds however slow the answerer is.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant import slack_blocks as blocks
from assistant.models import Asker
from ingestion.settings import CLASSIFICATION_ORDER, Classification, Settings

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from assistant.service import ClausewiseService

logger = logging.getLogger("clausewise.slack")

SLASH_COMMAND = "/aims"
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_ID_TOKEN = re.compile(r"^(?:[Aa]\.?\s*)?\d{1,2}(?:\.\d{1,2}){0,3}$")
FILE_FORMATS = ("xlsx", "csv")
#: Slack signs a Unix time in seconds: ASCII digits only (``int()`` also takes " 1", "1_0", other scripts' digits).
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
#: How far a request's timestamp may be from now; older signed requests are replays.
REPLAY_WINDOW_S = 300


class EventDeduper:
    """Claims each Slack event id once, across threads and worker processes (SQLite in the data dir)."""

    def __init__(self, path: Path, keep_s: float = 86_400.0) -> None:
        """Dedupe store at ``path``; claims older than ``keep_s`` seconds are purged."""
        self.path = path
        self.keep_s = keep_s
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS claimed (key TEXT PRIMARY KEY, at REAL NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def claim(self, key: str) -> bool:
        """True the first time ``key`` is seen; False for every redelivery."""
        now = time.time()
        conn = self._connect()
        try:
            with conn:
                inserted = conn.execute("INSERT OR IGNORE INTO claimed (key, at) VALUES (?, ?)", (key, now))
                if inserted.rowcount == 1 and int(now) % 64 == 0:
                    conn.execute("DELETE FROM claimed WHERE at < ?", (now - self.keep_s,))
                return inserted.rowcount == 1
        finally:
            conn.close()


def signature_problem(
    signing_secret: str, body: bytes, headers: Mapping[str, str], now: float | None = None
) -> str | None:
    """Why an HTTP request is not a fresh one signed by Slack (v0 HMAC-SHA256), or None when it is.

    Checked on the raw bytes before anything parses them, so a missing or malformed timestamp or signature is a
    401 and never an exception; only a request that passes may be decoded.
    """
    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not _TIMESTAMP.fullmatch(timestamp):
        return "X-Slack-Request-Timestamp is missing or not a Unix time in seconds"
    if abs((time.time() if now is None else now) - int(timestamp)) > REPLAY_WINDOW_S:
        return "X-Slack-Request-Timestamp is more than 5 minutes away from now"
    if not signature.startswith("v0=") or not signing_secret:
        return "X-Slack-Signature is missing or not a v0 signature"
    digest = hmac.new(signing_secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    if not hmac.compare_digest(f"v0={digest.hexdigest()}".encode(), signature.encode("utf-8", "replace")):
        return "X-Slack-Signature does not match the body"
    return None


def replay_key(req: BoltRequest) -> str | None:
    """The dedupe key of an HTTP request that is not an event (slash command, button click, …), else None.

    Events carry an ``event_id`` (Slack's retries reuse it). Other requests are never retried by Slack, so the
    same signed bytes again (same timestamp, same ``trigger_id``) are a replay: the key is their hash.
    """
    if req.mode != "http" or (isinstance(req.body, dict) and req.body.get("event_id")):
        return None
    if isinstance(req.body, dict) and req.body.get("type") in ("url_verification", "ssl_check"):
        return None
    timestamp = (req.headers.get("x-slack-request-timestamp") or [""])[0]
    digest = hashlib.sha256(f"{timestamp}:".encode() + req.raw_body.encode("utf-8")).hexdigest()
    return f"request:{digest}"


def lower_classification(a: Classification, b: Classification) -> Classification:
    """The more restrictive (lower) of two classifications."""
    return a if CLASSIFICATION_ORDER.index(a) <= CLASSIFICATION_ORDER.index(b) else b


def is_direct_message(channel_id: str, channel_type: str | None = None) -> bool:
    """True for a DM with the bot (an ``im`` channel; their ids start with ``D``)."""
    return channel_type == "im" or channel_id.startswith("D")


def parse_checklist_target(text: str) -> tuple[str | list[str], str]:
    """Split ``/aims checklist`` arguments into (ids or topic, file format: a trailing csv or xlsx)."""
    words = text.split()
    fmt = "xlsx"
    if words and words[-1].lower().lstrip("-") in FILE_FORMATS:
        fmt = words.pop().lower().lstrip("-")
    tokens = [w.strip(",;") for w in words if w.strip(",;")]
    if tokens and all(_ID_TOKEN.match(t) for t in tokens):
        return tokens, fmt
    return " ".join(words), fmt


class SlackAdapter:
    """Maps Slack users and channels to askers and Slack events to service calls."""

    def __init__(self, settings: Settings, service: ClausewiseService, client: WebClient) -> None:
        """Adapter over one service; ``client`` posts the replies."""
        self.settings = settings
        self.service = service
        self.client = client
        self._emails: dict[str, str | None] = {}
        self._lock = threading.Lock()

    # --- who asks ----------------------------------------------------------------------------------

    def _email_of(self, user_id: str) -> str | None:
        with self._lock:
            if user_id in self._emails:
                return self._emails[user_id]
        try:
            user: dict[str, Any] = self.client.users_info(user=user_id).get("user") or {}
            found = (user.get("profile") or {}).get("email")
            email = str(found) if found else None
        except SlackApiError as exc:
            logger.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            email = None
        with self._lock:
            self._emails[user_id] = email
        return email

    def role_for(self, user_id: str) -> str:
        """The user's role: by Slack user id, else by email (needs ``users:read.email``), else the default."""
        roles = self.settings.slack_user_roles
        if user_id in roles:
            return roles[user_id]
        if any("@" in key for key in roles):
            email = self._email_of(user_id)
            if email and email.lower() in {k.lower() for k in roles}:
                return next(v for k, v in roles.items() if k.lower() == email.lower())
        return self.settings.default_role

    def asker(self, user_id: str, channel_id: str, channel_type: str | None = None) -> Asker:
        """The asker for a message: in channels capped at the channel's clearance, in DMs the user's role."""
        role = self.role_for(user_id)
        cap: Classification | None = None
        if not is_direct_message(channel_id, channel_type):
            # Everyone in the channel reads the reply, so the channel's clearance bounds what may be shown.
            channel_level = self.settings.slack_channel_clearance.get(
                channel_id, self.settings.slack_default_channel_clearance
            )
            role_level = self.settings.clearance_for(role)[-1]
            cap = lower_classification(role_level, channel_level)
        return Asker(user=user_id, role=role, channel="slack", max_classification=cap)

    # --- answers in threads --------------------------------------------------------------------------

    def answer_in_thread(self, event: dict[str, Any], text: str) -> None:
        """Post a placeholder in the thread, ask the service, replace the placeholder with the answer."""
        channel = str(event["channel"])
        thread_ts = str(event.get("thread_ts") or event["ts"])
        question = text.strip()
        if not question:
            self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text="Ask me a question.", blocks=blocks.help_blocks()
            )
            return
        asker = self.asker(str(event["user"]), channel, event.get("channel_type"))
        placeholder = self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text="Searching…", blocks=blocks.searching_blocks(question)
        )
        from assistant.service import IndexEmptyError

        try:
            answer = self.service.ask(question, asker, conversation_id=f"slack:{channel}:{thread_ts}")
        except IndexEmptyError as exc:  # nothing indexed: say so instead of a verdict on nothing
            self.client.chat_update(channel=channel, ts=placeholder["ts"], text=str(exc),
                                    blocks=blocks.error_blocks(str(exc)))  # fmt: skip
            return
        except Exception:
            logger.exception("answering a Slack message failed")
            self.client.chat_update(
                channel=channel, ts=placeholder["ts"], text="Sorry, something went wrong.",
                blocks=blocks.error_blocks("Sorry, something went wrong while answering; it was logged."),
            )
            return
        self.client.chat_update(
            channel=channel, ts=placeholder["ts"], text=blocks.answer_text(answer),
            blocks=blocks.answer_blocks(answer),
        )

    # --- the slash command ---------------------------------------------------------------------------

    def run_command(self, command: dict[str, Any], respond: Callable[..., Any]) -> None:
        """Carry out ``/aims <sub> <args>`` and reply ephemerally through ``respond``."""
        text = str(command.get("text") or "").strip()
        sub, _, rest = text.partition(" ")
        sub, rest = sub.lower(), rest.strip()
        if sub not in ("ask", "clause", "gaps", "checklist", "help"):
            # "/aims <question>" without a subcommand is a question.
            sub, rest = "ask", text
        from assistant.service import IndexEmptyError

        user_id = str(command["user_id"])
        asker = self.asker(user_id, str(command.get("channel_id", "")), None)
        try:
            if sub == "ask" and rest:
                answer = self.service.ask(rest, asker)
                respond(response_type="ephemeral", text=blocks.answer_text(answer),
                        blocks=blocks.answer_blocks(answer))
            elif sub == "clause" and rest:
                self._clause(rest, asker, respond)
            elif sub == "gaps":
                report = self.service.gaps(rest or "all", asker)
                respond(response_type="ephemeral", text=f"Gap analysis ({report.scope})",
                        blocks=blocks.gap_blocks(report))
            elif sub == "checklist" and rest:
                self._checklist(rest, asker, user_id, respond)
            else:
                respond(response_type="ephemeral", text="Clausewise help", blocks=blocks.help_blocks())
        except (ValueError, LookupError, IndexEmptyError) as exc:
            # The core raises these for bad input (unknown scope, ids or topic) or an empty index; the message
            # is for the user.
            message = str(exc.args[0]) if exc.args else type(exc).__name__
            respond(response_type="ephemeral", text=message, blocks=blocks.error_blocks(message))
        except Exception:
            logger.exception("/aims %s failed", sub)
            message = "Sorry, something went wrong; it has been logged."
            respond(response_type="ephemeral", text=message, blocks=blocks.error_blocks(message))

    def _clause(self, clause_id: str, asker: Asker, respond: Callable[..., Any]) -> None:
        view = self.service.clause(clause_id, asker)
        if view is None:
            suggestions = self.service.suggest_ids(clause_id)
            hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
            message = f"Unknown clause or control id '{clause_id}'.{hint}"
            respond(response_type="ephemeral", text=message, blocks=blocks.error_blocks(message))
            return
        respond(response_type="ephemeral", text=f"{view.entry.get('id')} {view.entry.get('title')}",
                blocks=blocks.clause_blocks(view.entry, view.evidence))

    def _checklist(self, args: str, asker: Asker, user_id: str, respond: Callable[..., Any]) -> None:
        from assistant import checklist as checklist_render

        target, fmt = parse_checklist_target(args)
        checklist = self.service.checklist(target, asker)
        if fmt == "xlsx":
            content = checklist_render.to_xlsx(checklist)
        else:
            content = checklist_render.to_csv(checklist).encode("utf-8")
        # The file goes to the user's DM with the bot: private like the ephemeral reply it accompanies.
        dm = self.client.conversations_open(users=user_id)["channel"]["id"]
        slug = re.sub(r"[^a-z0-9]+", "-", checklist.title.lower()).strip("-")[:60] or "checklist"
        self.client.files_upload_v2(
            channel=dm, content=content, filename=f"{slug}.{fmt}", title=checklist.title,
            initial_comment=f"Audit checklist: {checklist.title}",
        )
        respond(response_type="ephemeral", text=f"{checklist.title}: sent to you as a {fmt.upper()} file",
                blocks=blocks.checklist_blocks(checklist))

    # --- feedback buttons ----------------------------------------------------------------------------

    def record_feedback(
        self, body: dict[str, Any], action: dict[str, Any], respond: Callable[..., Any]
    ) -> None:
        """Store a helpful / not-helpful click against the interaction in the audit log."""
        helpful = action.get("action_id") == blocks.ACTION_HELPFUL
        interaction_id = str(action.get("value", ""))
        user_id = str(body.get("user", {}).get("id", ""))
        try:
            self.service.feedback(interaction_id, helpful, None, user_id)
        except KeyError:
            respond(response_type="ephemeral", replace_original=False,
                    text="That answer is not in the audit log any more; feedback not recorded.")
            return
        respond(response_type="ephemeral", replace_original=False, text="Feedback recorded. Thank you.",
                blocks=blocks.feedback_thanks_blocks(helpful))


def _is_from_bot(event: dict[str, Any]) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile") or event.get("subtype") == "bot_message")


def build_slack_app(
    settings: Settings,
    service: ClausewiseService,
    *,
    socket_mode: bool = False,
    deduper: EventDeduper | None = None,
) -> App:
    """The bolt app: HTTP mode verifies Slack's signature on every request; Socket Mode needs no URL."""
    if not settings.slack_bot_token:
        raise ValueError("slack_bot_token: set CLAUSEWISE_SLACK_BOT_TOKEN (xoxb-…) to run the Slack bot")
    if not socket_mode and not settings.slack_signing_secret:
        raise ValueError("slack_signing_secret: set CLAUSEWISE_SLACK_SIGNING_SECRET to verify Slack requests")
    client = WebClient(
        token=settings.slack_bot_token, base_url=settings.slack_api_base_url or WebClient.BASE_URL
    )
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=not socket_mode,
        # No network call at start-up: bolt fetches the bot's identity (auth.test) on the first request.
        token_verification_enabled=False,
        process_before_response=False,
        ignoring_self_events_enabled=True,
    )
    adapter = SlackAdapter(settings, service, client)
    dedupe = deduper or EventDeduper(settings.data_dir / "slack_events.sqlite3")

    @app.middleware
    def skip_redeliveries(
        req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        # Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num); answering it again
        # would post a second answer, so each event id is handled once across all workers.
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if event_id and not dedupe.claim(str(event_id)):
            logger.info("skipping redelivered event %s", event_id)
            return BoltResponse(status=200, body="", headers={"X-Slack-No-Retry": "1"})
        # A slash command or click replayed inside the signature's 5-minute window would run again; this
        # middleware runs after bolt's signature check, so only genuinely signed requests claim a key.
        key = replay_key(req)
        if key is not None and not dedupe.claim(key):
            logger.warning("ignoring a replayed Slack request (same signed body and timestamp)")
            return BoltResponse(status=200, body="")
        return next()

    @app.event("app_mention")
    def on_mention(event: dict[str, Any]) -> None:
        if _is_from_bot(event):
            return
        adapter.answer_in_thread(event, _MENTION.sub("", str(event.get("text", ""))))

    @app.event("message")
    def on_message(event: dict[str, Any]) -> None:
        # Only plain user messages in DMs; edits, joins and bot posts carry a subtype or a bot id.
        if event.get("subtype") or _is_from_bot(event):
            return
        if not is_direct_message(str(event.get("channel", "")), event.get("channel_type")):
            return
        adapter.answer_in_thread(event, _MENTION.sub("", str(event.get("text", ""))))

    @app.command(SLASH_COMMAND)
    def on_command(ack: Callable[..., Any], command: dict[str, Any], respond: Callable[..., Any]) -> None:
        sub = str(command.get("text") or "").strip().split(" ", 1)[0].lower()
        if sub in ("", "help"):
            ack(response_type="ephemeral", text="Clausewise help", blocks=blocks.help_blocks())
            return
        ack(response_type="ephemeral", text=":hourglass_flowing_sand: Working on it…")
        adapter.run_command(command, respond)

    @app.action(blocks.ACTION_HELPFUL)
    @app.action(blocks.ACTION_NOT_HELPFUL)
    def on_feedback(
        ack: Callable[..., Any], body: dict[str, Any], action: dict[str, Any], respond: Callable[..., Any]
    ) -> None:
        ack()
        adapter.record_feedback(body, action, respond)

    return app


def socket_mode_handler(settings: Settings, service: ClausewiseService) -> SocketModeHandler:
    """The same bolt app behind a Socket Mode connection (for workspaces without a public URL)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    if not settings.slack_app_token:
        raise ValueError("slack_app_token: set CLAUSEWISE_SLACK_APP_TOKEN (xapp-…, scope connections:write)")
    app = build_slack_app(settings, service, socket_mode=True)
    return SocketModeHandler(app, settings.slack_app_token, web_client=app.client)


def run_socket_mode(settings: Settings, service: ClausewiseService) -> None:
    """Serve the bot over Socket Mode until interrupted; blocks."""
    socket_mode_handler(settings, service).start()  # type: ignore[no-untyped-call]
