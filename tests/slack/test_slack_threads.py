"""A Slack thread is one conversation, shared only as far as clearance allows.

The rule (docs/deployment.md): a follow-up builds on an earlier turn of the same thread only when that turn was
asked under a clearance no higher than the current asker's; turns sent under the thread's id from any other
channel (HTTP, CLI) are never part of it.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from slack_fakes import AUDIT_CHANNEL, BOT_USER_ID, SlackRig

from assistant.audit import AuditLog
from assistant.models import Asker

FIRST = "who owns the claimsense model?"
FOLLOW_UP = "and pricewise?"
_ts = (f"1720000000.{n:06d}" for n in itertools.count(100))


def _in_thread(slack: SlackRig, thread_ts: str) -> list[Any]:
    return [c for c in slack.fake.calls_to("chat.postMessage")
            if c.params.get("channel") == AUDIT_CHANNEL and c.params.get("thread_ts") == thread_ts]


def _mention(slack: SlackRig, text: str, *, user: str, thread_ts: str | None = None) -> tuple[str, dict[str, Any]]:
    """Mention the bot in the audit channel (restricted cap); returns (thread ts, the answer's audit row)."""
    ts = next(_ts)
    thread = thread_ts or ts
    before = len(_in_thread(slack, thread))
    event: dict[str, Any] = {"type": "app_mention", "user": user, "channel": AUDIT_CHANNEL, "ts": ts,
                             "text": f"<@{BOT_USER_ID}> {text}"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    assert slack.event(event).status_code == 200
    placeholder = slack.fake.wait_for(
        "chat.postMessage", before + 1,
        where=lambda c: c.params.get("channel") == AUDIT_CHANNEL and c.params.get("thread_ts") == thread,
    )[before]
    slack.fake.wait_for("chat.update", where=lambda c: c.params.get("ts") == placeholder.reply["ts"])
    rows = [json.loads(line) for line in AuditLog.from_settings(slack.settings).export("jsonl")]
    conversation = f"slack:{AUDIT_CHANNEL}:{thread}"
    mine = [r for r in rows if r["conversation_id"] == conversation and r["kind"] == "interaction"]
    assert mine[-1]["user"] == user and mine[-1]["question"] == text
    return thread, mine[-1]


def _content(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["answer"], row["clauses"], [c["chunk_id"] for c in row["cited"]], row["verdict"])


def test_a_lower_clearance_follow_up_does_not_inherit_the_thread(slack: SlackRig) -> None:
    # In the audit channel an auditor reads up to restricted, compliance up to confidential, staff internal.
    thread, _ = _mention(slack, FIRST, user="UAUDITOR1")
    # Another auditor (mapped by email) may build on it: same clearance.
    _, peer = _mention(slack, FOLLOW_UP, user="UGRACE001", thread_ts=thread)
    assert "Head of Pricing" in peer["answer"], peer["answer"]

    thread2, _ = _mention(slack, FIRST, user="UAUDITOR1")
    _, compliance = _mention(slack, FOLLOW_UP, user="UCOMPL001", thread_ts=thread2)
    _, staff = _mention(slack, FOLLOW_UP, user="USTAFF001", thread_ts=thread2)
    # The controls: the same users asking the same words in threads of their own.
    _, compliance_alone = _mention(slack, FOLLOW_UP, user="UCOMPL001")
    _, staff_alone = _mention(slack, FOLLOW_UP, user="USTAFF001")
    assert _content(compliance) == _content(compliance_alone)
    # Neither the auditor's turn (restricted) nor the compliance officer's (confidential) is the staff's context.
    assert _content(staff) == _content(staff_alone)


def test_a_higher_clearance_follow_up_builds_on_lower_turns(slack: SlackRig) -> None:
    thread, _ = _mention(slack, FIRST, user="USTAFF001")
    _, auditor = _mention(slack, FOLLOW_UP, user="UAUDITOR1", thread_ts=thread)
    assert "Head of Pricing" in auditor["answer"], auditor["answer"]


def test_turns_from_another_channel_do_not_enter_a_thread(slack: SlackRig) -> None:
    thread, _ = _mention(slack, FIRST, user="UAUDITOR1")
    conversation = f"slack:{AUDIT_CHANNEL}:{thread}"
    # The same user id over HTTP (or anyone who guesses the thread's id) writes into it.
    outsider = Asker(user="UAUDITOR1", role="auditor", channel="http")
    slack.service.ask("What does the AI policy say about serious AI incidents?", outsider,
                      conversation_id=conversation)
    _, follow = _mention(slack, FOLLOW_UP, user="UAUDITOR1", thread_ts=thread)
    assert "Head of Pricing" in follow["answer"], follow["answer"]
