"""Readers stay correct while other processes write: reclassification, killed ingests, concurrent ingests.

Each test reproduces a finding of the reliability review (issue 9, items 1 and 6) against real parts: the
ingest CLI in a subprocess (killed with SIGKILL at an exact point), real Chroma on disk, the real model, and a
real ``clausewise serve`` with two workers on loopback.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from assistant.models import Asker
from assistant.service import ClausewiseService
from ingestion.lexical import LexicalIndex
from ingestion.manifest import read_generation
from ingestion.pipeline import ingest
from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[1]
RUNNER = REPO / "tests" / "ingestion" / "crash_runner.py"
SECRET = "The orchard reserve fund for model retraining holds exactly 4,375 credits"
QUESTION = "how many credits does the orchard reserve fund for model retraining hold?"
STAFF = Asker(user="sam", role="staff", channel="cli")
AUDITOR = Asker(user="ann", role="auditor", channel="cli")


def _corpus(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "reserve.md").write_text(
        "---\ntitle: Retraining Reserve\ndoc_type: procedure\nclassification: internal\n---\n"
        f"# Retraining reserve\n\n{SECRET}. The reserve is reviewed by the finance lead each quarter.\n",
        encoding="utf-8",
    )
    for i in range(1, 5):
        (docs / f"policy_{i}.md").write_text(
            f"---\ntitle: Policy {i}\ndoc_type: policy\n---\n# Policy {i}\n\n"
            f"Datasets of family {i} are retained for {i * 6} months and then deleted by the data steward.\n",
            encoding="utf-8",
        )
    return docs


def _settings(tmp: Path) -> Settings:
    return Settings(
        data_dir=tmp / "data",
        catalog_dir=REPO / "corpus" / "standard",
        prompts_dir=REPO / "prompts",
        answerer="extractive",
        api_keys=[],
    )


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "CLAUSEWISE_DATA_DIR": str(settings.data_dir),
        "CLAUSEWISE_CATALOG_DIR": str(settings.catalog_dir),
        "CLAUSEWISE_PROMPTS_DIR": str(settings.prompts_dir),
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }


def _staff_sees_secret(svc: ClausewiseService) -> bool:
    answer = svc.ask(QUESTION, STAFF)
    texts = [answer.answer, *(c.quote for c in answer.citations)]
    return "4,375" in " ".join(texts) or any(c.doc_id == "reserve.md" for c in answer.citations)


@pytest.mark.slow
def test_reclassified_document_hidden_from_staff_after_ingest_killed_during_bm25(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    settings = _settings(tmp_path)
    assert ingest([docs], settings).ok
    svc = ClausewiseService.from_settings(settings, audit=None)
    assert _staff_sees_secret(svc), "precondition: staff may read the internal version"

    # Reclassify by sidecar (the file's bytes are unchanged, so only Chroma metadata is rewritten) and kill the
    # ingest while it writes the BM25 index: Chroma and the manifest say restricted, BM25 still says internal.
    (docs / "reserve.md.meta.yaml").write_text(yaml.safe_dump({"classification": "restricted"}), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(RUNNER), "during-bm25", "1", "ingest", str(docs), "--json"],
        cwd=REPO, env=_env(settings), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert LexicalIndex.built_generation(settings) != read_generation(settings), "BM25 must be stale here"

    # A server that was already running: its BM25 still carries the old classification.
    assert not _staff_sees_secret(svc)
    gaps = svc.gaps("all", STAFF)
    assert all(c.doc_id != "reserve.md" for item in gaps.items for c in item.citations)
    # The auditor still finds it.
    assert any(c.doc_id == "reserve.md" for c in svc.ask(QUESTION, AUDITOR).citations)

    # A server starting now repairs the interrupted ingest before answering.
    fresh = ClausewiseService.from_settings(settings, audit=None)
    assert LexicalIndex.built_generation(settings) == read_generation(settings)
    assert not _staff_sees_secret(fresh)


def test_content_change_to_higher_classification_tightens_old_chunks_first(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    settings = _settings(tmp_path)
    assert ingest([docs], settings).ok
    svc = ClausewiseService.from_settings(settings, audit=None)
    text = (docs / "reserve.md").read_text(encoding="utf-8")
    (docs / "reserve.md").write_text(
        text.replace("classification: internal", "classification: restricted") + "\nAdded a note.\n",
        encoding="utf-8",
    )
    # Kill after the new version is committed but before the old chunks are deleted: both versions are stored.
    proc = subprocess.run(
        [sys.executable, str(RUNNER), "after-commit", "1", "ingest", str(docs), "--json"],
        cwd=REPO, env=_env(settings), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert not _staff_sees_secret(svc)


@pytest.mark.slow
def test_queries_survive_an_ingest_by_another_process(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    settings = _settings(tmp_path)
    assert ingest([docs], settings).ok
    svc = ClausewiseService.from_settings(settings, audit=None)
    before = svc.ask("how long are family 3 datasets retained?", STAFF)
    assert "18 months" in before.answer
    for path in docs.glob("policy_*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("months", "months in total"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", str(docs)],
        cwd=REPO, env=_env(settings), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    # Before the fix: chromadb InternalError "Error finding id" on every ask until restart.
    for role in (STAFF, AUDITOR):
        after = svc.ask("how long are family 3 datasets retained?", role)
        assert "18 months in total" in after.answer
        assert svc.gaps("A.7", role).items


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_two_worker_server_answers_without_errors_while_another_process_ingests(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    settings = _settings(tmp_path)
    assert ingest([docs], settings).ok
    env = _env(settings)
    env.pop("CLAUSEWISE_API_KEYS", None)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", "2",
         "--print-example", "--log-level", "warning"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in server.stdout or []], daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    output: list[str] = []
    try:
        key = None
        deadline = time.monotonic() + 180
        ready = False
        while time.monotonic() < deadline and not ready:
            while not lines.empty():
                output.append(lines.get())
                found = re.search(r"API key: (\S+)", output[-1])
                key = found.group(1) if found else key
            assert server.poll() is None, "".join(output)
            if key:
                with contextlib.suppress(httpx.HTTPError):
                    ready = httpx.get(f"{base}/readyz", timeout=2).status_code == 200
            time.sleep(0.3)
        assert ready and key, "".join(output)
        headers = {"Authorization": f"Bearer {key}"}
        stop = threading.Event()
        statuses: list[int] = []
        failures: list[str] = []

        def client(question: str) -> None:
            with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
                while not stop.is_set():
                    try:
                        resp = http.post("/v1/ask", json={"question": question})
                    except httpx.HTTPError as exc:
                        failures.append(f"{type(exc).__name__}: {exc}")
                        continue
                    statuses.append(resp.status_code)
                    if resp.status_code != 200:
                        failures.append(f"{resp.status_code} {resp.text[:200]}")

        threads = [
            threading.Thread(target=client, args=(q,), daemon=True)
            for q in ("how long are family 2 datasets retained?", "who deletes datasets?", "retention", QUESTION)
        ]
        for t in threads:
            t.start()
        for round_ in range(2):
            time.sleep(2)
            for path in docs.glob("policy_*.md"):
                path.write_text(path.read_text(encoding="utf-8") + f"\nRevision {round_}.\n", encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-m", "assistant.cli", "ingest", str(docs)],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr[-2000:]
        time.sleep(3)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        while not lines.empty():
            output.append(lines.get())
        log = "".join(output)[-6000:]
        assert len(statuses) >= 8, f"too few requests answered: {statuses}"
        assert failures == [], f"{failures[:5]}\n{log}"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
