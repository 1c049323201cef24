"""Fixtures for the HTTP API tests: one private data dir, one service, keys for each role, a TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from api_rig import Api
from fastapi.testclient import TestClient

from ingestion.settings import Settings


@pytest.fixture(scope="session")
def api(clone_ingested: Callable[..., Settings]) -> Iterator[Api]:
    from assistant.auth import create_key
    from assistant.service import ClausewiseService
    from server import create_app

    settings = clone_ingested("http")
    service = ClausewiseService.from_settings(settings)
    keys = {role: create_key(settings, f"{role}-key", role) for role in ("staff", "compliance", "auditor")}
    with TestClient(create_app(settings, service)) as client:
        yield Api(client=client, settings=settings, service=service, keys=keys)
