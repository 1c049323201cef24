"""Fixtures for the Slack adapter tests: the fake Slack Web API lives in ``slack_fakes``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_fakes import FakeSlackApi


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlackApi]:
    """One fake Slack Web API for the session (tests reset it)."""
    fake = FakeSlackApi()
    yield fake
    fake.close()
