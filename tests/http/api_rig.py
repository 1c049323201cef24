"""The HTTP app under test with a key per role (used by ``conftest.py`` and the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from ingestion.settings import Settings


@dataclass(frozen=True)
class Api:
    """The app under test with a key per role."""

    client: TestClient
    settings: Settings
    service: Any
    keys: dict[str, str]

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}
