"""Hostile Slack requests: malformed timestamps and bodies are 401s (never 500s), replays inside the window run once."""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from slack_fakes import GENERAL_CHANNEL, SIGNING_SECRET, TEAM_ID, SlackRig, event_body, sign

from assistant import slack_blocks as sb
from assistant.audit import AuditLog
from assistant.models import Asker
from assistant.slack_app import EventDeduper

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def _signed_with(body: bytes, timestamp: str) -> dict[str, str]:
    """A correct v0 signature over whatever timestamp string is sent (Slack's scheme signs it verbatim)."""
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest.hexdigest()}"}


def _command(text: str, name: str, slack: SlackRig, *, user: str = "USTAFF001") -> str:
    return urllib.parse.urlencode(
        {"token": "legacy", "team_id": TEAM_ID, "channel_id": GENERAL_CHANNEL, "channel_name": "x", "user_id": user,
         "user_name": user.lower(), "command": "/aims", "text": text, "response_url": slack.fake.response_url(name),
         "trigger_id": f"{time.time_ns()}.{uuid.uuid4().hex[:8]}", "api_app_id": "ACW00001"}
    )


def _mention_body() -> str:
    ts = f"1730000000.{time.time_ns() % 10**6:06d}"
    return event_body({"type": "app_mention", "user": "USTAFF001", "channel": GENERAL_CHANNEL, "ts": ts,
                       "text": "How often is the AI policy reviewed?"})


@pytest.mark.parametrize("timestamp", ["abc", "", " ", "1e9", "17000000.5", "-1", "0x10",
                                       "1_700_000_000"])
def test_malformed_timestamps_are_401(slack: SlackRig, timestamp: str) -> None:
    before = len(slack.fake.calls)
    for body, ctype in ((_mention_body(), JSON), (_command("ask How often?", "badts", slack), FORM)):
        raw = body.encode()
        response = slack.client.post("/slack/events", content=raw,
                                     headers={"Content-Type": ctype, **_signed_with(raw, timestamp)})
        assert response.status_code == 401, (timestamp, ctype, response.status_code, response.text)
    time.sleep(0.3)
    assert slack.fake.calls[before:] == []


def test_missing_headers_and_undecodable_bodies_are_401(slack: SlackRig) -> None:
    before = len(slack.fake.calls)
    body = _mention_body().encode()
    good = sign(body.decode())
    cases: list[tuple[bytes, str, dict[str, str]]] = [
        (body, JSON, {"X-Slack-Signature": good["X-Slack-Signature"]}),  # no timestamp
        (body, JSON, {"X-Slack-Request-Timestamp": good["X-Slack-Request-Timestamp"]}),  # no signature
        (b"{not json", JSON, {}),  # unsigned and unparseable
        (b"\xff\xfe\x00payload", FORM, {}),  # not UTF-8
        (b"{not json", JSON, sign("{not json")),  # signed, still not JSON
    ]
    for raw, ctype, headers in cases:
        response = slack.client.post("/slack/events", content=raw, headers={"Content-Type": ctype, **headers})
        assert response.status_code in (400, 401), (raw, headers, response.status_code)
        assert response.status_code == 401 or headers.get("X-Slack-Signature"), "only a signed body may get 400"
    time.sleep(0.3)
    assert slack.fake.calls[before:] == []


def test_a_replayed_slash_command_runs_once(slack: SlackRig) -> None:
    name = f"replay{uuid.uuid4().hex[:6]}"
    body = _command("ask How often is the AI policy reviewed?", name, slack)
    headers = {"Content-Type": FORM, **sign(body)}
    first = slack.client.post("/slack/events", content=body, headers=headers)
    assert first.status_code == 200 and "Working on it" in first.text
    slack.responses(name)
    replay = slack.client.post("/slack/events", content=body, headers=headers)
    assert replay.status_code == 200 and "Working on it" not in replay.text
    time.sleep(1.5)
    assert len([c for c in slack.fake.calls_to("response") if c.path.endswith("/" + name)]) == 1

    # The same text typed again is a new command (a new trigger id and signature): it runs.
    again = _command("ask How often is the AI policy reviewed?", name, slack)
    assert slack.post(again, FORM).status_code == 200
    slack.responses(name, 2)


def test_a_replay_to_another_worker_runs_once(slack: SlackRig) -> None:
    """Two workers each build their own Slack app; the claim lives in the data dir they share."""
    from server import create_app

    name = f"worker{uuid.uuid4().hex[:6]}"
    body = _command("ask Who approves the AI policy?", name, slack)
    headers = {"Content-Type": FORM, **sign(body)}
    with TestClient(create_app(slack.settings, slack.service)) as second:
        assert slack.client.post("/slack/events", content=body, headers=headers).status_code == 200
        slack.responses(name)
        assert second.post("/slack/events", content=body, headers=headers).status_code == 200
        time.sleep(1.5)
    assert len([c for c in slack.fake.calls_to("response") if c.path.endswith("/" + name)]) == 1


def test_a_replayed_feedback_click_is_recorded_once(slack: SlackRig) -> None:
    answer = slack.service.ask("What PSI value requires a retraining review?", Asker(user="U1", channel="slack"))
    payload = {
        "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": "UCOMPL001"}, "api_app_id": "ACW00001",
        "token": "legacy", "trigger_id": f"{time.time_ns()}.1", "response_url": slack.fake.response_url("fbreplay"),
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": GENERAL_CHANNEL},
        "channel": {"id": GENERAL_CHANNEL}, "message": {"ts": "1700000000.000001", "text": "answer"},
        "actions": [{"action_id": sb.ACTION_HELPFUL, "block_id": "clausewise_feedback", "type": "button",
                     "value": answer.interaction_id, "action_ts": str(time.time())}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    headers = {"Content-Type": FORM, **sign(body)}
    for _ in range(3):
        assert slack.client.post("/slack/events", content=body, headers=headers).status_code == 200
    slack.responses("fbreplay")
    time.sleep(1.0)
    assert len(AuditLog.from_settings(slack.settings).feedback_for(answer.interaction_id)) == 1


def _claim(path: str, key: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    out.put(EventDeduper(Path(path)).claim(key))


def test_claims_are_shared_across_processes(tmp_path: Path) -> None:
    path = tmp_path / "slack_events.sqlite3"
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_claim, args=(str(path), "request:abc", out)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert sorted(out.get(timeout=5) for _ in procs) == [False, False, False, True]
