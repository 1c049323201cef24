"""Fixtures for the questionnaire tests: one service over a private copy of the sample index, one fill of the
40-question workbook (auditor: every document, as the key was judged) shared by the tests that read it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingestion.settings import Settings

DATA = Path(__file__).resolve().parent / "data"
MAIN = DATA / "vendor_ai_questionnaire.xlsx"
VARIANT = DATA / "vendor_ai_questionnaire_variant.xlsx"
CSV = DATA / "vendor_ai_questionnaire.csv"


@pytest.fixture(scope="session")
def q_settings(clone_ingested: Callable[..., Settings]) -> Settings:
    """A private copy of the ingested sample corpus (the fills write to its audit log)."""
    return clone_ingested("questionnaire")


@pytest.fixture(scope="session")
def q_service(q_settings: Settings) -> Any:
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(q_settings)


@pytest.fixture(scope="session")
def key() -> dict[str, dict[str, Any]]:
    return dict(yaml.safe_load((DATA / "key.yaml").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def filled_main(q_service: Any) -> Any:
    """The 40-question workbook filled for the auditor role (the key was judged from every document)."""
    from assistant.models import Asker
    from assistant.questionnaire import fill

    return fill(MAIN.read_bytes(), MAIN.name, q_service, Asker(user="qtest", role="auditor", channel="cli"))
