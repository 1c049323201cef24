"""Crash safety: a real ``clausewise ingest`` process is SIGKILLed mid-run; a rerun must equal a clean run.

Kill points: from outside at a random moment after the first commit, and from inside (the process
kills itself with SIGKILL) between the protocol's steps: Chroma written / manifest not; manifest
committed / old chunks not deleted; documents removed from the manifest / not from Chroma; BM25 half
written; ``--reset`` half done; a metadata-only update half done and then reverted before the rerun.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from docfactory import build_corpus, write_markdown, write_yaml
from ingest_helpers import assert_same_index, make_settings, snapshot

from ingestion.embedding import Embedder
from ingestion.manifest import Manifest
from ingestion.pipeline import ingest
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "crash_runner.py"


def crash_corpus(root: Path) -> Path:
    """The standard test corpus plus enough Markdown to need several embedding rounds."""
    build_corpus(root)
    for i in range(8):
        body = "".join(
            f"## {s} Topic {s}\n\nRecord {i}.{s}: the committee reviewed risk item {i} under clause 6.1.{1 + s % 3} "
            f"and agreed the treatment plan with its owner and a due date.\n\n"
            for s in range(1, 4)
        )
        write_markdown(root / "org" / "records" / f"record_{i}.md", f"# Record {i}\n\n{body}")
    return root


def modify(root: Path) -> None:
    """An update: one changed document, one removed, one new, one sidecar (metadata-only) change."""
    org = root / "org"
    policy = org / "policies" / "ai_policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n## 9 Added\n\nNew text about 9.3.2.\n", "utf-8")
    (org / "records" / "record_3.md").unlink()
    write_markdown(org / "records" / "record_new.md", "# New record\n\nFreshly added evidence.\n")
    write_yaml(org / "registers" / "risk_register.csv.meta.yaml",
               {"doc_type": "risk_assessment", "classification": "confidential"})  # fmt: skip


def env_for(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "CLAUSEWISE_DATA_DIR": str(settings.data_dir),
        "CLAUSEWISE_CATALOG_DIR": str(settings.catalog_dir),
        # Small embedding rounds (32 chunks): several commits happen, so a kill lands between them.
        "CLAUSEWISE_EMBEDDING_BATCH_SIZE": "1",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }


def run_killed(settings: Settings, point: str, nth: int, *args: str) -> None:
    proc = subprocess.run(
        [sys.executable, str(RUNNER), point, str(nth), "ingest", *args, "--json"],
        cwd=REPO,
        env=env_for(settings),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, f"not killed at {point}: rc={proc.returncode}\n{proc.stderr[-2000:]}"


def store_state(settings: Settings) -> tuple[int, int, set[str]]:
    """(chunks in Chroma, chunks in the manifest, pending documents) right after a kill."""
    collection = chunk_collection(open_client(settings), settings)
    with Manifest(settings) as manifest:
        return collection.count(), manifest.chunk_count(), manifest.pending()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Any]:
    """The corpus (built once: DOCX/XLSX/PDF bytes carry timestamps) and snapshots of clean runs of it,
    as built ("v1") and after ``modify`` ("v2")."""
    base = tmp_path_factory.mktemp("clean")
    template = crash_corpus(base / "template")
    root = base / "corpus"
    shutil.copytree(template, root)
    first = make_settings(base / "v1")
    ingest([root], first)
    modify(root)
    second = make_settings(base / "v2")
    ingest([root], second)
    return {"template": template, "v1": snapshot(first), "v2": snapshot(second)}


def corpus_copy(clean: dict[str, Any], tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(clean["template"], root)
    return root


def test_external_kill_during_first_ingest(tmp_path: Path, clean: dict[str, Any]) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(root), "--json"],
        cwd=REPO,
        env=env_for(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    committed = 0
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if settings.manifest_path.exists():
                try:
                    with sqlite3.connect(f"file:{settings.manifest_path}?mode=ro", uri=True, timeout=1) as db:
                        committed = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                except sqlite3.Error:
                    committed = 0
            if committed >= 1:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None and committed == 0:
            proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 1 <= committed < len(clean["v1"]["manifest_docs"])

    report = ingest([root], settings)
    assert report.ok
    assert_same_index(snapshot(settings), clean["v1"])


def test_kill_between_chroma_write_and_manifest_commit(tmp_path: Path, clean: dict[str, Any]) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    run_killed(settings, "before-commit", 2, str(root))
    in_chroma, in_manifest, pending = store_state(settings)
    assert in_chroma > in_manifest > 0 and pending  # orphans and a pending batch were left behind
    ingest([root], settings)
    assert_same_index(snapshot(settings), clean["v1"])


def test_kill_during_an_update(tmp_path: Path, clean: dict[str, Any], embedder: Embedder) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    ingest([root], settings)
    modify(root)
    run_killed(settings, "after-commit", 1, str(root))
    in_chroma, in_manifest, _ = store_state(settings)
    assert in_chroma > in_manifest  # the changed document's old chunks are still in Chroma
    report = ingest([root], settings)
    assert report.orphans_removed > 0
    assert_same_index(snapshot(settings), clean["v2"])


def test_kill_after_manifest_removal(tmp_path: Path, clean: dict[str, Any], embedder: Embedder) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    ingest([root], settings)
    (root / "org" / "records" / "record_3.md").unlink()
    run_killed(settings, "after-manifest-removal", 1, str(root))
    in_chroma, in_manifest, _ = store_state(settings)
    assert in_chroma > in_manifest
    report = ingest([root], settings)
    assert report.removed == [] and report.orphans_removed == in_chroma - in_manifest
    want = clean["v1"]
    got = snapshot(settings)
    gone = {c for c in want["chroma"] if c.startswith("org/records/record_3.md::")}
    assert gone and not gone & set(got["chroma"])
    assert sorted(got["chroma"]) == sorted(set(want["chroma"]) - gone) == got["bm25"]


def test_kill_while_writing_bm25(tmp_path: Path, clean: dict[str, Any], embedder: Embedder) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    ingest([root], settings)
    (root / "org" / "records" / "record_3.md").unlink()
    run_killed(settings, "during-bm25", 1, str(root))
    leftovers = [p.name for p in settings.bm25_dir.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers  # a half-written build was left behind
    with Manifest(settings) as manifest:
        assert "org/records/record_3.md" not in {d.doc_id for d in manifest.documents()}
    report = ingest([root], settings)
    assert report.lexical_rebuilt and report.new == report.removed == []
    got = snapshot(settings)
    assert got["bm25"] == got["manifest_chunks"] == sorted(got["chroma"])
    assert not any(p.name.startswith(".tmp-") for p in settings.bm25_dir.iterdir())


def test_kill_during_reset(tmp_path: Path, clean: dict[str, Any], embedder: Embedder) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    ingest([root], settings)
    run_killed(settings, "during-reset", 1, str(root), "--reset")
    in_chroma, in_manifest, _ = store_state(settings)
    assert in_manifest == 0 and in_chroma > 0
    ingest([root], settings)
    assert_same_index(snapshot(settings), clean["v1"])


def test_kill_during_metadata_update_then_revert(tmp_path: Path, clean: dict[str, Any], embedder: Embedder) -> None:
    root = corpus_copy(clean, tmp_path)
    settings = make_settings(tmp_path)
    ingest([root], settings)
    sidecar = root / "org" / "registers" / "risk_register.csv.meta.yaml"
    original = sidecar.read_bytes()
    write_yaml(sidecar, {"doc_type": "risk_assessment", "classification": "public"})
    run_killed(settings, "before-commit", 1, str(root))
    collection = chunk_collection(open_client(settings), settings)
    seen = collection.get(where={"doc_id": "org/registers/risk_register.csv"}, include=["metadatas"])
    assert {m["classification"] for m in seen["metadatas"] or []} == {"public"}  # Chroma ran ahead
    # The user undoes the change before rerunning: the file now matches the manifest again.
    sidecar.write_bytes(original)
    report = ingest([root], settings)
    assert report.changed == [] and report.chunks_repaired > 0
    assert_same_index(snapshot(settings), clean["v1"])
