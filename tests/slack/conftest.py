"""Fixtures for the Slack adapter tests: the fake Slack Web API (``slack_fakes``) and the app under test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from slack_fakes import FakeSlackApi, SlackRig, slack_settings

from ingestion.settings import Settings


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlackApi]:
    """One fake Slack Web API for the session."""
    fake = FakeSlackApi()
    fake.emails["UGRACE001"] = "grace.liu@example.com"
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def slack(clone_ingested: Callable[..., Settings], fake_slack: FakeSlackApi) -> Iterator[SlackRig]:
    from assistant.service import ClausewiseService
    from server import create_app

    settings = slack_settings(clone_ingested, "slack", fake_slack)
    service = ClausewiseService.from_settings(settings)
    with TestClient(create_app(settings, service)) as client:
        yield SlackRig(client=client, fake=fake_slack, settings=settings, service=service)
