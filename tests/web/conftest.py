"""Fixtures for the web app: one private data dir, keys per role, a TestClient per role (signed in)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ingestion.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))

ROLES = ("staff", "compliance", "auditor")


@dataclass
class Web:
    """The app under test, its service and a key per role."""

    app: Any
    settings: Settings
    service: Any
    keys: dict[str, str]

    def client(self, role: str | None = None) -> TestClient:
        """A fresh browser-like client, signed in as ``role`` when given."""
        from web_rig import sign_in

        client = TestClient(self.app, base_url="http://testserver")
        if role is not None:
            response = sign_in(client, self.keys[role])
            assert response.status_code == 303, response.text
        return client


@pytest.fixture(scope="session")
def web(clone_ingested: Callable[..., Settings]) -> Iterator[Web]:
    from assistant.auth import create_key
    from assistant.service import ClausewiseService
    from server import create_app

    settings = clone_ingested("web")
    service = ClausewiseService.from_settings(settings)
    keys = {role: create_key(settings, f"{role}-web", role) for role in ROLES}
    app = create_app(settings, service)
    with TestClient(app):  # runs the lifespan once
        yield Web(app=app, settings=settings, service=service, keys=keys)


@pytest.fixture(scope="session")
def restricted(web: Web) -> dict[str, Any]:
    """What a staff session must never see: restricted documents' ids, titles and their chunks' sentences."""
    from assistant.models import Asker

    docs = [d for d in web.service.documents(Asker(role="auditor")) if d["classification"] == "restricted"]
    assert docs, "the sample index has restricted documents"
    titles = [d["title"] for d in docs]
    allowed = {d["title"] for d in web.service.documents(Asker(role="staff"))}
    # A title shared with a readable document would not prove anything.
    return {"docs": docs, "titles": [t for t in titles if t not in allowed]}
