"""Session-wide fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports transformers or chromadb: no hub lookups, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from ingestion.embedding import Embedder, get_embedder
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def ingested_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a data dir holding the sample corpus, ingested once per test session (per xdist worker).

    Treat it as read-only: a test that uploads or deletes documents copies the data dir first.
    """
    from ingestion.pipeline import ingest

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("ingested") / "data",
        catalog_dir=CORPUS / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
    )
    report = ingest([CORPUS], settings)
    assert report.ok, f"sample corpus failed to ingest: {[str(f) for f in report.failed]}"
    return settings


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The bundled model, loaded once per test process (``get_embedder`` caches it for everyone)."""
    return get_embedder(Settings())
