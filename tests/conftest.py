"""Session-wide fixtures shared by every test package."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


#: Tests whose expensive session or module fixtures are shared across their files (a filled 40-question
#: workbook; the gap report of every role): one worker runs each group, so that work happens once per run
#: rather than once per worker (issue 11 item 4). Everything else is spread test by test.
_SHARED_FIXTURE_GROUPS = ("questionnaire/", "interop/test_crosswalk.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the groups above for ``--dist loadgroup`` (the Makefile's pytest call)."""
    tests_dir = Path(__file__).parent
    for item in items:
        try:
            rel = item.path.relative_to(tests_dir).as_posix()
        except ValueError:  # collected outside tests/: nothing shared to group
            continue
        group = next((g for g in _SHARED_FIXTURE_GROUPS if rel.startswith(g)), None)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group.rstrip("/")))


@pytest.fixture(scope="session")
def ingested_settings(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Settings:
    """Settings over a data dir holding the sample corpus, ingested once per test run (shared by xdist workers).

    Treat it as read-only: a test that uploads or deletes documents copies the data dir first. Under xdist the
    first worker ingests under a file lock and the others open the same data dir (readers across processes are
    supported: issue 9 item 6), which saves one ingest per extra worker (issue 11 item 4).
    """
    from filelock import FileLock

    from ingestion.pipeline import ingest

    if worker_id == "master":
        root = tmp_path_factory.mktemp("ingested")
    else:  # the workers' base temp dirs share this parent, which is new for every run
        root = tmp_path_factory.getbasetemp().parent / "ingested-shared"
        root.mkdir(exist_ok=True)
    settings = Settings(
        data_dir=root / "data",
        catalog_dir=CORPUS / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
    )
    with FileLock(str(root / "ingest.lock")):
        done = root / "ingested.ok"
        if not done.exists():
            report = ingest([CORPUS], settings)
            assert report.ok, f"sample corpus failed to ingest: {[str(f) for f in report.failed]}"
            done.touch()
    return settings


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The bundled model, loaded once per test process (``get_embedder`` caches it for everyone)."""
    return get_embedder(Settings())


@pytest.fixture(scope="session")
def clone_ingested(
    ingested_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., Settings]:
    """Factory: a private copy of the ingested data dir (for tests that upload, delete or count audit rows).

    Keyword arguments become settings of the copy (e.g. Slack tokens); the audit log starts empty.
    """
    import shutil

    def clone(name: str, **overrides: Any) -> Settings:
        target = tmp_path_factory.mktemp(name) / "data"
        # Files other workers write while this copy runs (the audit log, the sentence-vector cache and their
        # WAL/SHM files, which SQLite creates and deletes) are left out: copying one that vanishes mid-copy
        # failed a setup, and the copy starts with an empty audit log and cache anyway.
        skip = shutil.ignore_patterns("audit.db*", "api_keys.json", "sentence_vectors.sqlite3*")
        shutil.copytree(ingested_settings.data_dir, target, ignore=skip)
        values = ingested_settings.model_dump()
        values.update(data_dir=target, **overrides)
        return Settings(**values)

    return clone


@pytest.fixture(scope="session")
def restricted_probes(ingested_settings: Settings) -> tuple[list[str], list[str]]:
    """(questions worded like the restricted internal audit report, its sentences found nowhere else).

    A caller cleared for restricted documents should find the report with some of the questions; anyone else
    must never receive one of the sentences (the catalog's own wording is public, so it does not count).
    """
    import re

    from assistant.catalog import load_catalog
    from ingestion.store import chunk_collection, open_client

    collection = chunk_collection(open_client(ingested_settings), ingested_settings)
    restricted = collection.get(where={"classification": "restricted"}, include=["documents"])["documents"] or []
    others = collection.get(where={"classification": {"$ne": "restricted"}}, include=["documents"])["documents"]
    catalog = [text for e in load_catalog(ingested_settings) for text in (e.summary, *e.obligations, *e.evidence)]
    public = " ".join(" ".join([*(others or []), *catalog]).split())
    sentences = {" ".join(s.split()) for doc in restricted for s in re.split(r"(?<=[.!?])\s+|\n", doc)}
    secret = sorted((s for s in sentences if len(s) >= 40 and s not in public), key=lambda s: (-len(s.split()), s))
    questions = ["Which nonconformities were raised in the internal audit report 2025?", *secret[:5]]
    return questions, secret
