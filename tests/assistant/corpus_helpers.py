"""A small invented corpus ingested for one test module: settings with the shipped catalog and prompts."""

from __future__ import annotations

from pathlib import Path

from ingestion.pipeline import ingest
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def ingest_corpus(root: Path, data_dir: Path) -> Settings:
    """Ingest everything under ``root`` into ``data_dir`` (extractive, no API keys); every file must load."""
    settings = Settings(
        data_dir=data_dir,
        catalog_dir=REPO_ROOT / "corpus" / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
    )
    report = ingest([root], settings)
    assert report.ok, [str(f) for f in report.failed]
    return settings
