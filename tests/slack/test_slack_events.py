"""The Slack adapter end to end: signed requests into the FastAPI app, replies into a fake Slack Web API."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from slack_fakes import (
    AUDIT_CHANNEL,
    BOT_ID,
    BOT_USER_ID,
    GENERAL_CHANNEL,
    FakeSlackApi,
    SlackRig,
    blocks_text,
    event_body,
    slack_settings,
)

from assistant import slack_blocks as sb
from assistant.audit import AuditLog
from assistant.slack_app import SlackAdapter
from ingestion.settings import Settings

AUDIT_REPORT = "internal_audit_report_2025.pdf"
_ts_counter = iter(range(100, 10_000))


def _ts() -> str:
    return f"1710000000.{next(_ts_counter):06d}"


def _mention(text: str, *, user: str = "USTAFF001", channel: str = GENERAL_CHANNEL,
             thread_ts: str | None = None) -> dict[str, object]:
    event: dict[str, object] = {"type": "app_mention", "user": user, "channel": channel, "ts": _ts(),
                                "text": f"<@{BOT_USER_ID}> {text}"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def _dm(text: str, *, user: str, channel: str) -> dict[str, object]:
    return {"type": "message", "channel_type": "im", "user": user, "channel": channel, "ts": _ts(), "text": text}


def _final_update(fake: FakeSlackApi, channel: str, thread_ts: str,
                  nth: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``nth`` placeholder posted in a thread and the chat.update that replaced it."""
    placeholders = fake.wait_for(
        "chat.postMessage", nth,
        where=lambda c: c.params.get("channel") == channel and c.params.get("thread_ts") == thread_ts,
    )
    placeholder = placeholders[nth - 1]
    [update] = fake.wait_for("chat.update", where=lambda c: c.params.get("ts") == placeholder.reply["ts"])
    return placeholder.params, update.params


def _audit(slack: SlackRig) -> AuditLog:
    return AuditLog.from_settings(slack.settings)


def _rows(slack: SlackRig, conversation_id: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in _audit(slack).export("jsonl")]
    return [r for r in rows if r["conversation_id"] == conversation_id and r["kind"] == "interaction"]


def test_url_verification_and_signature_checks(slack: SlackRig) -> None:
    body = '{"token": "x", "challenge": "c-123", "type": "url_verification"}'
    ok = slack.post(body, "application/json")
    assert ok.status_code == 200 and ok.json() == {"challenge": "c-123"}

    before = len(slack.fake.calls)
    event = event_body(_mention("How often is the AI policy reviewed?"))
    assert slack.post(event, "application/json", secret="not-the-secret").status_code == 401
    stale = int(time.time()) - 600  # correctly signed, but ten minutes old: a replay
    assert slack.post(event, "application/json", timestamp=stale).status_code == 401
    unsigned = slack.client.post("/slack/events", content=event, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401
    time.sleep(1.0)
    assert [c.method for c in slack.fake.calls[before:]] == []


def test_mention_is_answered_in_the_thread_with_citation_blocks(slack: SlackRig) -> None:
    event = _mention("How often is the AI policy reviewed?")
    response = slack.event(event)
    assert response.status_code == 200
    placeholder, update = _final_update(slack.fake, GENERAL_CHANNEL, str(event["ts"]))
    assert "Searching" in str(placeholder["text"])
    blocks = update["blocks"]
    assert isinstance(blocks, list)
    text = blocks_text(blocks)
    assert "12 months" in text and "*[1]*" in text and "ai_policy.md" in text
    actions = blocks[-1]
    assert actions["type"] == "actions"
    interaction_id = actions["elements"][0]["value"]
    row = _audit(slack).interaction(interaction_id)
    assert row is not None
    assert (row["channel"], row["user"], row["role"], row["max_classification"]) == (
        "slack", "USTAFF001", "staff", "internal")
    assert row["conversation_id"] == f"slack:{GENERAL_CHANNEL}:{event['ts']}"
    assert row["question"] == "How often is the AI policy reviewed?"


def test_follow_up_in_a_thread_continues_the_conversation(slack: SlackRig) -> None:
    first = _mention("What does the AI policy say about serious AI incidents?")
    slack.event(first)
    _final_update(slack.fake, GENERAL_CHANNEL, str(first["ts"]))
    follow = _mention("and within how many hours must they be reported?", thread_ts=str(first["ts"]))
    slack.event(follow)
    _final_update(slack.fake, GENERAL_CHANNEL, str(first["ts"]), nth=2)
    conversation = f"slack:{GENERAL_CHANNEL}:{first['ts']}"
    rows = _rows(slack, conversation)
    assert [r["question"] for r in rows] == ["What does the AI policy say about serious AI incidents?",
                                             "and within how many hours must they be reported?"]
    turns = _audit(slack).conversation(conversation, channel="slack", user=None)
    assert [t.question for t in turns] == [r["question"] for r in rows]


def test_roles_and_channel_clearance(slack: SlackRig, restricted_probes: tuple[list[str], list[str]]) -> None:
    adapter = SlackAdapter(slack.settings, slack.service, slack.client.app.state.clausewise.slack.client)
    cases = {
        ("USTAFF001", GENERAL_CHANNEL): ("staff", "internal"),
        ("USTAFF001", AUDIT_CHANNEL): ("staff", "internal"),       # the lower of role and channel
        ("UAUDITOR1", GENERAL_CHANNEL): ("auditor", "internal"),
        ("UAUDITOR1", AUDIT_CHANNEL): ("auditor", "restricted"),
        ("UCOMPL001", AUDIT_CHANNEL): ("compliance", "confidential"),
        ("UAUDITOR1", "DAUDITOR1"): ("auditor", None),              # a DM: the user's own role
        ("UGRACE001", "DGRACE001"): ("auditor", None),              # mapped by email (users.info)
    }
    for (user, channel), expected in cases.items():
        asker = adapter.asker(user, channel)
        assert (asker.role, asker.max_classification) == expected, (user, channel)

    # The auditor's mention in a general channel never shows the restricted report, however it is asked;
    # the same questions in a DM (the auditor's own clearance) find it: the control.
    questions, secret = restricted_probes
    in_channel, in_dm = [], []
    for q in questions:
        mention = _mention(q, user="UAUDITOR1")
        slack.event(mention)
        dm = _dm(q, user="UAUDITOR1", channel="DAUDITOR1")
        slack.event(dm)
        in_channel.append(_final_update(slack.fake, GENERAL_CHANNEL, str(mention["ts"]))[1])
        in_dm.append(_final_update(slack.fake, "DAUDITOR1", str(dm["ts"]))[1])
    # An abstention may echo the question (which quotes the report); the echo is not a leak.
    channel_text = "".join(
        blocks_text(u["blocks"]).replace(sb.escape(q), "") for q, u in zip(questions, in_channel, strict=True)
    )
    assert AUDIT_REPORT not in channel_text
    assert not [s for s in secret if sb.escape(s) in channel_text]
    assert AUDIT_REPORT in blocks_text([b for u in in_dm for b in u["blocks"]])
    rows = [r for r in map(json.loads, _audit(slack).export("jsonl")) if r["user"] == "UAUDITOR1"]
    assert {(r["role"], r["max_classification"]) for r in rows} == {("auditor", "internal"), ("auditor", None)}


def test_bots_edits_and_retries_get_no_second_answer(slack: SlackRig) -> None:
    channel = "DSTAFF0001"
    ignored = [
        dict(_dm("How often is the AI policy reviewed?", user="UOTHERBOT", channel=channel), bot_id="B0OTHER"),
        dict(_dm("How often is the AI policy reviewed?", user=BOT_USER_ID, channel=channel), bot_id=BOT_ID),
        dict(_dm("edited text", user="USTAFF001", channel=channel), subtype="message_changed"),
    ]
    for event in ignored:
        assert slack.event(event).status_code == 200

    event = _dm("Who approves the AI policy?", user="USTAFF001", channel=channel)
    event_id = f"EvRetry{time.time_ns()}"
    assert slack.event(event, event_id=event_id).status_code == 200
    retry = slack.event(event, event_id=event_id, extra={"X-Slack-Retry-Num": "1",
                                                          "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    _final_update(slack.fake, channel, str(event["ts"]))
    slack.event(event, event_id=event_id, extra={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"})
    time.sleep(1.5)
    posts = slack.fake.calls_to("chat.postMessage")
    assert len([c for c in posts if c.params.get("channel") == channel]) == 1


def test_slash_commands(slack: SlackRig) -> None:
    help_reply = slack.command("help")
    assert help_reply.status_code == 200 and "/aims ask" in help_reply.text

    ack = slack.command("ask How often is the AI policy reviewed?", name="ask")
    assert ack.status_code == 200 and "Working on it" in ack.text
    [reply] = slack.responses("ask")
    assert reply["response_type"] == "ephemeral" and "12 months" in blocks_text(reply["blocks"])

    slack.command("clause A.6.2.4", name="clause")
    [clause] = slack.responses("clause")
    assert "A.6.2.4" in clause["text"] and "Your evidence" in blocks_text(clause["blocks"])
    slack.command("clause A.6.2.99", name="badclause")
    [bad] = slack.responses("badclause")
    assert "Unknown clause" in bad["text"] and "A.6.2" in bad["text"]

    slack.command("gaps A.6.2", name="gaps")
    [gaps] = slack.responses("gaps")
    assert "Gap analysis" in blocks_text(gaps["blocks"]) and "A.6.2.8" in blocks_text(gaps["blocks"])
    slack.command("gaps nonsense", name="badgaps")
    [badgaps] = slack.responses("badgaps")
    assert "nonsense" in badgaps["text"]

    slack.command("checklist A.6.2.4 csv", user="UCOMPL001", name="csv")
    [csv_reply] = slack.responses("csv")
    assert "CSV" in csv_reply["text"] and "A.6.2.4-01" in blocks_text(csv_reply["blocks"])
    [opened] = slack.fake.wait_for("conversations.open", where=lambda c: c.params.get("users") == "UCOMPL001")
    [completed] = slack.fake.wait_for("files.completeUploadExternal",
                                      where=lambda c: c.params.get("channel_id") == "DCOMPL001")
    file_id = completed.params["files"][0]["id"]
    [upload] = slack.fake.wait_for("upload", where=lambda c: c.params["file_id"] == file_id)
    assert upload.raw.startswith(b"id,clause_id,check")
    assert opened.params["users"] == "UCOMPL001"

    slack.command("checklist A.6.2.4", user="UAUDITOR1", name="xlsx")
    slack.responses("xlsx")
    [done] = slack.fake.wait_for("files.completeUploadExternal",
                                 where=lambda c: c.params.get("channel_id") == "DAUDITOR1")
    [xlsx] = slack.fake.wait_for("upload", where=lambda c: c.params["file_id"] == done.params["files"][0]["id"])
    sheet = load_workbook(BytesIO(xlsx.raw)).active
    assert sheet.cell(1, 1).value == "id" and str(sheet.cell(2, 2).value) == "A.6.2.4"

    slack.command("checklist A.6.2.99", name="badchecklist")
    [badcl] = slack.responses("badchecklist")
    assert "A.6.2.99" in badcl["text"]


def test_feedback_buttons_are_recorded(slack: SlackRig) -> None:
    event = _mention("What PSI value requires a retraining review?")
    slack.event(event)
    _, update = _final_update(slack.fake, GENERAL_CHANNEL, str(event["ts"]))
    interaction_id = update["blocks"][-1]["elements"][0]["value"]  # type: ignore[index]
    assert slack.click(sb.ACTION_NOT_HELPFUL, interaction_id, user="UCOMPL001", name="fb").status_code == 200
    [thanks] = slack.responses("fb")
    assert "Feedback recorded" in thanks["text"] and thanks["replace_original"] is False
    [row] = _audit(slack).feedback_for(interaction_id)
    assert row["helpful"] is False and row["user"] == "UCOMPL001" and row["channel"] == "slack"
    slack.click(sb.ACTION_HELPFUL, "0" * 32, user="UCOMPL001", name="fbunknown")
    [unknown] = slack.responses("fbunknown")
    assert "not in the audit log" in unknown["text"]
    assert _audit(slack).verify().ok


def test_ack_comes_before_a_slow_answer(
    clone_ingested: Callable[..., Settings], fake_slack: FakeSlackApi
) -> None:
    """With a slow answerer (a scripted fake chat model sleeping 4 s) Slack still gets its ack at once."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.llm import llm_from_chat_model
    from assistant.prompts import PromptSet
    from assistant.service import ClausewiseService
    from server import create_app

    settings = slack_settings(clone_ingested, "slackslow", fake_slack)
    slow = llm_from_chat_model(
        FakeListChatModel(responses=["The policy is reviewed every 12 months [1]."] * 4, sleep=4.0),
        PromptSet.load(settings.prompts_dir), "slow-fake",
    )
    service = ClausewiseService.from_settings(settings, llm=slow)
    with TestClient(create_app(settings, service)) as client:
        rig = SlackRig(client=client, fake=fake_slack, settings=settings, service=service)
        event = _mention("How often is the AI policy reviewed?", channel="CSLOWCHAN1")
        t0 = time.perf_counter()
        assert rig.event(event).status_code == 200
        acked = time.perf_counter() - t0
        _, update = _final_update(fake_slack, "CSLOWCHAN1", str(event["ts"]))
        answered = time.perf_counter() - t0
    assert acked < 2.0, f"ack took {acked:.1f}s"
    assert answered >= 4.0
    assert update["blocks"]
