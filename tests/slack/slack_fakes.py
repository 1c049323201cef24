"""A fake Slack Web API on 127.0.0.1 (threaded HTTP server answering and recording calls) and request builders."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from ingestion.settings import Settings

BOT_USER_ID = "UBOTCW01"
BOT_ID = "BBOTCW01"
TEAM_ID = "TCW00001"
SIGNING_SECRET = "test-signing-secret-8c1f"
BOT_TOKEN = "xoxb-test-token"

_JSON_FIELDS = ("blocks", "attachments", "files")


@dataclass
class Call:
    """One request the fake received: the Web API method (or ``upload``/``response``) and its parameters."""

    method: str
    params: dict[str, Any]
    path: str
    raw: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: What the fake answered (for ``chat.postMessage``: the new message's ``ts``).
    reply: dict[str, Any] = field(default_factory=dict)


class FakeSlackApi:
    """Answers ``auth.test``, ``chat.*``, ``users.info``, ``conversations.open``, the file upload calls and
    ``response_url`` posts like Slack does, and records every call for assertions."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.emails: dict[str, str] = {}
        #: What ``apps.connections.open`` hands out (a Socket Mode WebSocket URL).
        self.socket_url = ""
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # keep test output quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, payload = fake._handle(self.path, raw, dict(self.headers.items()))
                body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if isinstance(payload, bytes) else "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        """What ``WebClient(base_url=…)`` points at."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r") -> str:
        """A ``response_url`` for slash commands and button clicks that lands here."""
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- recording ----------------------------------------------------------------------------------

    def _parse(self, raw: bytes, headers: dict[str, str]) -> dict[str, Any]:
        ctype = headers.get("Content-Type", "")
        params: dict[str, Any] = {}
        if "json" in ctype and raw:
            params = json.loads(raw)
        elif "x-www-form-urlencoded" in ctype and raw:
            params = dict(urllib.parse.parse_qsl(raw.decode()))
        for name in _JSON_FIELDS:
            if isinstance(params.get(name), str):
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(params[name])
        return params

    def _handle(self, path: str, raw: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        parsed = urllib.parse.urlparse(path)
        if parsed.path.startswith("/upload/"):
            method, params = "upload", {"file_id": parsed.path.rsplit("/", 1)[-1]}
        elif parsed.path.startswith("/response/"):
            method, params = "response", self._parse(raw, headers)
        else:
            method = parsed.path.removeprefix("/api/")
            params = self._parse(raw, headers)
            params.update(dict(urllib.parse.parse_qsl(parsed.query)))
        call = Call(method=method, params=params, path=parsed.path, raw=raw, headers=headers)
        status, payload = self._answer(call)
        if isinstance(payload, dict):
            call.reply = payload
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        return status, payload

    def _answer(self, call: Call) -> tuple[int, Any]:
        p = call.params
        if call.method == "upload":
            return 200, f"OK - {len(call.raw)}".encode()
        if call.method == "response":
            return 200, b"ok"
        if call.method == "auth.test":
            return 200, {"ok": True, "url": "https://example.slack.com/", "team": "Test", "user": "clausewise",
                         "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if call.method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return 200, {"ok": True, "channel": p.get("channel"), "ts": ts,
                         "message": {"text": p.get("text"), "ts": ts, "bot_id": BOT_ID}}
        if call.method == "chat.update":
            return 200, {"ok": True, "channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text")}
        if call.method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": f"1700000001.{next(self._ts):06d}"}
        if call.method == "users.info":
            uid = p.get("user", "")
            email = self.emails.get(uid)
            profile = {"email": email} if email else {}
            return 200, {"ok": True, "user": {"id": uid, "name": uid.lower(), "profile": profile}}
        if call.method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": "D" + str(p.get("users", "X"))[1:]}}
        if call.method == "files.getUploadURLExternal":
            file_id = f"F{next(self._files):08d}"
            return 200, {"ok": True, "file_id": file_id,
                         "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}
        if call.method == "files.completeUploadExternal":
            files = p.get("files") or []
            return 200, {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}
        if call.method == "apps.connections.open":
            return 200, {"ok": True, "url": self.socket_url} if self.socket_url else {"ok": False,
                                                                                   "error": "no_socket"}
        return 200, {"ok": False, "error": "unknown_method"}

    # --- assertions ---------------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method, in order."""
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 60.0,
                 where: Callable[[Call], bool] | None = None) -> list[Call]:
        """Block until ``count`` matching calls arrived; fails the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"waited {timeout}s for {count}× {method}; calls so far: {seen}")
                self._cond.wait(left)

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack sends with a request: timestamp and v0 HMAC-SHA256 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


_event_ids = itertools.count(1)
_trigger_ids = itertools.count(1)


def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
    """An Events API envelope around ``event``."""
    return json.dumps(
        {
            "token": "legacy", "team_id": TEAM_ID, "api_app_id": "ACW00001", "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}{time.time_ns() % 10**6}",
            "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


def command_body(text: str, *, user: str, channel: str, response_url: str) -> str:
    """A slash command's form body."""
    return urllib.parse.urlencode(
        {"token": "legacy", "team_id": TEAM_ID, "channel_id": channel, "channel_name": "x", "user_id": user,
         "user_name": user.lower(), "command": "/aims", "text": text, "response_url": response_url,
         # Slack gives every invocation its own trigger id; a repeated body is a replay and runs once.
         "trigger_id": f"{time.time_ns()}.{next(_trigger_ids)}", "api_app_id": "ACW00001"}
    )


def action_body(action_id: str, value: str, *, user: str, channel: str, response_url: str) -> str:
    """A ``block_actions`` interactivity payload (form-encoded ``payload=``)."""
    payload = {
        "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user}, "api_app_id": "ACW00001",
        "token": "legacy", "trigger_id": f"{time.time_ns()}.{next(_trigger_ids)}", "response_url": response_url,
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": channel},
        "channel": {"id": channel}, "message": {"ts": "1700000000.000001", "text": "answer"},
        "actions": [{"action_id": action_id, "block_id": "clausewise_feedback", "type": "button",
                     "value": value, "action_ts": str(time.time())}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


AUDIT_CHANNEL = "CAUDITROOM"
GENERAL_CHANNEL = "CGENERAL01"
USER_ROLES = {"UAUDITOR1": "auditor", "UCOMPL001": "compliance", "grace.liu@example.com": "auditor"}


@dataclass
class SlackRig:
    """The FastAPI app with Slack enabled, pointed at the fake Web API, on its own data dir."""

    client: TestClient
    fake: FakeSlackApi
    settings: Settings
    service: Any

    def post(self, body: str, content_type: str, *, timestamp: int | None = None,
             secret: str = SIGNING_SECRET, extra: dict[str, str] | None = None) -> httpx.Response:
        headers = {"Content-Type": content_type, **sign(body, secret=secret, timestamp=timestamp), **(extra or {})}
        return self.client.post("/slack/events", content=body, headers=headers)

    def event(self, event: dict[str, Any], *, event_id: str | None = None,
              extra: dict[str, str] | None = None) -> httpx.Response:
        return self.post(event_body(event, event_id), "application/json", extra=extra)

    def command(self, text: str, *, user: str = "USTAFF001", channel: str = GENERAL_CHANNEL,
                name: str = "cmd") -> httpx.Response:
        body = command_body(text, user=user, channel=channel, response_url=self.fake.response_url(name))
        return self.post(body, "application/x-www-form-urlencoded")

    def click(self, action_id: str, value: str, *, user: str, name: str = "click") -> httpx.Response:
        body = action_body(action_id, value, user=user, channel=GENERAL_CHANNEL,
                           response_url=self.fake.response_url(name))
        return self.post(body, "application/x-www-form-urlencoded")

    def responses(self, name: str, count: int = 1) -> list[dict[str, Any]]:
        """Bodies posted to the ``response_url`` called ``name``."""
        calls = self.fake.wait_for("response", count, where=lambda c: c.path.endswith("/" + name))
        return [c.params for c in calls]


def slack_settings(clone: Callable[..., Settings], name: str, fake: FakeSlackApi) -> Settings:
    """A private data dir with Slack configured against the fake Web API."""
    return clone(
        name,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_base_url=fake.base_url,
        slack_user_roles=USER_ROLES,
        slack_channel_clearance={AUDIT_CHANNEL: "restricted"},
        slack_default_channel_clearance="internal",
    )


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """Every text in a block list, for substring assertions."""
    return json.dumps(blocks, ensure_ascii=False)
