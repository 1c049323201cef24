"""Helpers shared by the web tests: sign-in through the form, CSRF tokens from pages, a live server."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
ROLES = ("staff", "compliance", "auditor")


@dataclass
class Web:
    """The app under test, its service and a key per role."""

    app: Any
    settings: Settings
    service: Any
    keys: dict[str, str]

    def client(self, role: str | None = None) -> TestClient:
        """A fresh browser-like client, signed in as ``role`` when given."""
        client = TestClient(self.app, base_url="http://testserver")
        if role is not None:
            response = sign_in(client, self.keys[role])
            assert response.status_code == 303, response.text
        return client


_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The first CSRF token in a page."""
    found = _TOKEN.search(html)
    assert found, "no csrf_token in the page"
    return found.group(1)


def sign_in(client: httpx.Client | object, key: str, next_: str = "/coverage") -> httpx.Response:
    """Sign a client in through the form (GET for the form's token, POST the key)."""
    form = client.get("/login")  # type: ignore[attr-defined]
    return client.post(  # type: ignore[attr-defined,no-any-return]
        "/login", data={"api_key": key, "csrf_token": csrf_of(form.text), "next": next_}, follow_redirects=False
    )


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def live_server(data_dir: Path, env_extra: dict[str, str] | None = None) -> Iterator[str]:
    """A real ``clausewise serve`` on a free loopback port over ``data_dir``; yields the base URL."""
    port = free_port()
    env = dict(os.environ, CLAUSEWISE_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               TOKENIZERS_PARALLELISM="false", **(env_extra or {}))
    env.pop("CLAUSEWISE_API_KEYS", None)
    log = data_dir.parent / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--log-level", "warning"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
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
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
