"""The same question gets the same answer through the CLI, the HTTP API and Slack, and each is audited."""

from __future__ import annotations

import json
import time

import pytest
from slack_fakes import SlackRig

from assistant import slack_blocks as sb
from assistant.auth import create_key
from assistant.cli import main as cli
from assistant.models import Answer

QUESTION = "Within how many hours must a serious AI incident be reported to the AI Governance Lead?"


def _essence(answer: Answer) -> dict[str, object]:
    # Everything except what differs per interaction (id, timing, conversation) and what HTTP does not send.
    return answer.model_dump(exclude={"interaction_id", "latency_ms", "conversation_id", "retrieved_chunk_ids"})


def test_cli_http_and_slack_agree(
    slack: SlackRig, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = slack.settings
    for name, value in (("DATA_DIR", settings.data_dir), ("CATALOG_DIR", settings.catalog_dir),
                        ("PROMPTS_DIR", settings.prompts_dir)):
        monkeypatch.setenv(f"CLAUSEWISE_{name}", str(value))
    capsys.readouterr()
    assert cli(["ask", QUESTION, "--json", "--role", "staff", "--user", "cli-user"]) == 0
    via_cli = Answer.model_validate_json(capsys.readouterr().out)

    key = create_key(settings, "same-answer", "staff")
    response = slack.client.post("/v1/ask", json={"question": QUESTION}, headers={"Authorization": f"Bearer {key}"})
    via_http = Answer.model_validate(response.json())

    dm = {"type": "message", "channel_type": "im", "user": "USTAFF001", "channel": "DSAME00001",
          "ts": f"1710000001.{time.time_ns() % 10**6:06d}", "text": QUESTION}
    slack.event(dm)
    [placeholder] = slack.fake.wait_for("chat.postMessage", where=lambda c: c.params.get("channel") == "DSAME00001")
    [update] = slack.fake.wait_for("chat.update", where=lambda c: c.params.get("ts") == placeholder.reply["ts"])

    assert via_http.citations and "24 hours" in via_http.answer
    assert _essence(via_cli) == _essence(via_http)
    slack_id = update.params["blocks"][-1]["elements"][0]["value"]
    expected = via_http.model_copy(update={"interaction_id": slack_id})
    assert update.params["blocks"] == sb.answer_blocks(expected)
    assert update.params["text"] == sb.answer_text(via_http)

    rows = [json.loads(line) for line in slack.service.audit.export("jsonl")]
    asked = [r for r in rows if r["question"] == QUESTION and r["kind"] == "interaction"]
    assert {r["channel"]: r["user"] for r in asked} == {"cli": "cli-user", "http": "same-answer",
                                                        "slack": "USTAFF001"}
    assert len({r["answer"] for r in asked}) == 1
    assert len({json.dumps(r["cited"]) for r in asked}) == 1
    assert slack.service.audit.verify().ok
