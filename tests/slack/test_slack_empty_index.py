"""Slack over an empty index: the bot says what is wrong instead of answering "missing" for everything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from slack_fakes import BOT_USER_ID, GENERAL_CHANNEL, FakeSlackApi, SlackRig, blocks_text, slack_settings

from ingestion.settings import Settings


@pytest.fixture(scope="module")
def empty_slack(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlackApi) -> Iterator[SlackRig]:
    from assistant.service import ClausewiseService
    from server import create_app

    data_dir = tmp_path_factory.mktemp("slack-empty") / "data"

    def empty(name: str, **overrides: Any) -> Settings:
        return Settings(data_dir=data_dir, api_keys=[], answerer="extractive", **overrides)

    settings = slack_settings(empty, "slack-empty", fake_slack)
    service = ClausewiseService.from_settings(settings)
    with TestClient(create_app(settings, service)) as client:
        yield SlackRig(client=client, fake=fake_slack, settings=settings, service=service)


def test_empty_index_in_slack(empty_slack: SlackRig) -> None:
    data_dir = Path(empty_slack.settings.data_dir).resolve()
    message = f"no documents are indexed in {data_dir} — run `clausewise ingest PATH`"
    for text, name in (("ask How often is the AI policy reviewed?", "empty-ask"), ("gaps", "empty-gaps"),
                       ("checklist A.6.2.6", "empty-checklist")):  # fmt: skip
        empty_slack.command(text, name=name)
        [reply] = empty_slack.responses(name)
        assert reply["text"] == message, text
        assert "missing" not in blocks_text(reply["blocks"]).lower()

    ts = "1710000999.000001"
    event = {"type": "app_mention", "user": "USTAFF001", "channel": GENERAL_CHANNEL, "ts": ts,
             "text": f"<@{BOT_USER_ID}> How often is the AI policy reviewed?"}  # fmt: skip
    assert empty_slack.event(event).status_code == 200
    [placeholder] = empty_slack.fake.wait_for(
        "chat.postMessage",
        where=lambda c: (c.params.get("thread_ts"), c.params.get("channel")) == (ts, GENERAL_CHANNEL),
    )
    [update] = empty_slack.fake.wait_for("chat.update", where=lambda c: c.params.get("ts") == placeholder.reply["ts"])
    assert update.params["text"] == message
