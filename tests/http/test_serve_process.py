"""A real ``clausewise serve`` (uvicorn, two workers) on a free loopback port, then the audit CLI on its log."""

from __future__ import annotations

import contextlib
import csv
import os
import queue
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from assistant.cli import main as cli
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


@pytest.mark.slow
def test_clausewise_serve_end_to_end(
    clone_ingested: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = clone_ingested("serve")
    port = _free_port()
    env = dict(os.environ, CLAUSEWISE_DATA_DIR=str(settings.data_dir), HF_HUB_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False", TOKENIZERS_PARALLELISM="false")
    env.pop("CLAUSEWISE_API_KEYS", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", "2",
         "--print-example", "--log-level", "warning"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
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
            assert proc.poll() is None, "".join(output)
            if key:
                with contextlib.suppress(httpx.HTTPError):
                    ready = httpx.get(f"{base}/readyz", timeout=2).status_code == 200
            time.sleep(0.3)
        assert ready and key, "".join(output)
        printed = "".join(output)
        assert f"curl -s {base}/v1/ask" in printed and f"Bearer {key}" in printed
        assert "compliance" in printed

        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        assert httpx.post(f"{base}/v1/ask", json={"question": "x"}).status_code == 401
        headers = {"Authorization": f"Bearer {key}"}
        results: list[httpx.Response] = []

        def ask(question: str) -> None:
            results.append(httpx.post(f"{base}/v1/ask", json={"question": question}, headers=headers, timeout=120))

        questions = ["How often is the AI policy reviewed?", "What PSI value opens an investigation?"] * 4
        threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        assert [r.status_code for r in results] == [200] * len(questions)
        policy = next(r.json() for r in results if r.json()["answer"] and "policy" in r.request.content.decode())
        assert "org/policies/ai_policy.md" in {c["doc_id"] for c in policy["citations"]}

        # A key created with the CLI while the server runs works at once, with its role.
        monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(settings.data_dir))
        capsys.readouterr()
        assert cli(["keys", "create", "--name", "grace", "--role", "staff"]) == 0
        staff_key = capsys.readouterr().out.strip()
        upload = httpx.post(f"{base}/v1/documents", headers={"Authorization": f"Bearer {staff_key}"},
                            files={"file": ("a.md", b"# a\n\ntext")})
        assert upload.status_code == 403 and "staff" in upload.json()["detail"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()

    # Two workers appended concurrently: one intact chain with every request.
    capsys.readouterr()
    assert cli(["audit", "verify"]) == 0
    verified = capsys.readouterr().out
    rows = int(re.search(r"OK: (\d+) rows", verified).group(1))  # type: ignore[union-attr]
    assert rows == len(questions)
    out_file = settings.data_dir / "export.csv"
    assert cli(["audit", "export", "--format", "csv", "--out", str(out_file)]) == 0
    with out_file.open(newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert len(exported) == rows and {r["channel"] for r in exported} == {"http"}
    assert {r["user"] for r in exported} == {"local"}
    assert cli(["audit", "export", "--since", "not-a-date"]) == 2

    with sqlite3.connect(settings.data_dir / "audit.db") as conn:
        conn.execute("UPDATE audit_log SET answer = 'Every 36 months.' WHERE seq = 2")
    capsys.readouterr()
    assert cli(["audit", "verify"]) == 1
    assert "TAMPERED at row id 2" in capsys.readouterr().out
