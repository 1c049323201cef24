"""Fixtures for the web app: one private data dir, keys per role, a TestClient per role (signed in)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ingestion.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))

from web_rig import ROLES, Web


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
