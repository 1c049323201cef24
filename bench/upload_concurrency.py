"""A small upload and an ask while a large upload is in flight: how long they take.

A TestClient over a copy of an ingested data dir (``--data``; default: the sample corpus, ingested into a temp
dir first). A generated Markdown policy of ``--chars`` characters (the one of
``tests/http/test_upload_concurrency.py``) is uploaded in a thread; once it is in flight (its embedding progress
is logged, or — code where the upload holds the ingest lock throughout — the lock is held), a one-paragraph
upload and an ask start. Prints one JSON line: seconds of each, and of the big upload.

Usage: ``.venv/bin/python bench/upload_concurrency.py [--chars 1500000] [--data DIR]``
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "http"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def main() -> None:
    """Run the measurement once and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_500_000, help="size of the big upload (default 1500000)")
    parser.add_argument("--data", type=Path, default=None, help="ingested data dir to copy (default: ingest corpus/)")
    args = parser.parse_args()

    from fastapi.testclient import TestClient
    from filelock import FileLock, Timeout
    from test_upload_concurrency import _big_policy

    from assistant.auth import create_key
    from assistant.service import ClausewiseService
    from ingestion.pipeline import ingest
    from ingestion.settings import Settings
    from server import create_app

    work = Path(tempfile.mkdtemp(prefix="clausewise-upload-bench-"))
    data = work / "data"
    settings = Settings(data_dir=data, catalog_dir=REPO / "corpus" / "standard", prompts_dir=REPO / "prompts",
                        answerer="extractive", api_keys=[])
    if args.data is not None:
        shutil.copytree(args.data, data)
    else:
        assert ingest([REPO / "corpus"], settings).ok
    keys = {role: create_key(settings, f"{role}-key", role) for role in ("staff", "compliance")}

    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[role]}"}

    embedding = threading.Event()

    class Progress(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if message.startswith("upload big_policy.md: ") and not message.startswith("upload big_policy.md: 0 "):
                embedding.set()

    logger = logging.getLogger("clausewise.server")
    logger.addHandler(Progress())
    logger.setLevel(logging.DEBUG)
    out: dict[str, Any] = {"chars": args.chars}
    question = {"question": "How often is the AI policy reviewed?"}
    with TestClient(create_app(settings, ClausewiseService.from_settings(settings))) as client:
        assert client.post("/v1/ask", json=question, headers=headers("staff")).status_code == 200
        big = _big_policy(args.chars)
        started = time.perf_counter()

        def upload_big() -> None:
            r = client.post("/v1/documents", files={"file": ("big_policy.md", big, "text/markdown")},
                            headers=headers("compliance"))
            out.update(big_status=r.status_code, big_s=round(time.perf_counter() - started, 2),
                       big_chunks=r.json().get("report", {}).get("chunks_written"))

        thread = threading.Thread(target=upload_big)
        thread.start()
        lock = FileLock(str(data / ".ingest.lock"), timeout=0)
        out["signal"] = "embedding progress"
        while not embedding.wait(0.1) and thread.is_alive():
            try:
                lock.acquire()
                lock.release()
            except Timeout:
                out["signal"] = "ingest lock held"
                break
        out["in_flight_after_s"] = round(time.perf_counter() - started, 2)
        ask: dict[str, Any] = {}

        def ask_once() -> None:
            t = time.perf_counter()
            ask["status"] = client.post("/v1/ask", json=question, headers=headers("staff")).status_code
            ask["s"] = round(time.perf_counter() - t, 2)

        asker = threading.Thread(target=ask_once)
        asker.start()
        t = time.perf_counter()
        r = client.post("/v1/documents", headers=headers("compliance"), files={
            "file": ("heron_note.md", b"# Heron note\n\nThe heron register is reviewed every eleven weeks.\n",
                     "text/markdown")})
        out.update(small_status=r.status_code, small_s=round(time.perf_counter() - t, 2))
        asker.join()
        out.update(ask_status=ask["status"], ask_s=ask["s"])
        thread.join()
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
