"""Fixtures for the MCP tests: a private ingested data dir, a key per role and a real ``clausewise serve``."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from ingestion.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))

from mcp_rig import REPO_ROOT, ROLES, TODAY, Rig, child_env


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def rig(clone_ingested: Callable[..., Settings]) -> Iterator[Rig]:
    """Keys per role on a private copy of the ingested sample corpus, served by ``clausewise serve`` (uvicorn)."""
    from assistant.auth import create_key

    settings = clone_ingested("mcp", today=TODAY)
    names = {role: f"{role}-mcp" for role in ROLES}
    keys = {role: create_key(settings, names[role], role) for role in ROLES}
    port = _free_port()
    log = settings.data_dir.parent / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--log-level", "warning"],
            cwd=REPO_ROOT, env=child_env(settings.data_dir), stdout=out, stderr=subprocess.STDOUT, text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, f"clausewise serve exited:\n{log.read_text()}"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, f"clausewise serve not ready in 240 s:\n{log.read_text()}"
            time.sleep(0.5)
        yield Rig(settings=settings, keys=keys, names=names, base_url=base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def restricted_docs(rig: Rig) -> list[str]:
    """Ids of the restricted documents in the index (from the manifest, not from any tool)."""
    from ingestion.manifest import Manifest

    docs = sorted(d.doc_id for d in Manifest(rig.settings).documents() if d.classification == "restricted")
    assert docs, "the sample corpus has restricted documents"
    return docs
