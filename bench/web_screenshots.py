"""Screenshots of every web page (docs/screenshots/), taken from a real ``clausewise serve`` in headless Chromium.

    .venv/bin/python bench/web_screenshots.py [--data-dir DIR] [--out docs/screenshots] [--today 2025-09-30]

Without ``--data-dir`` the sample corpus is ingested into a temporary folder first. The data dir is copied, so the
keys this script creates stay out of it. Chromium is Debian's (``/usr/bin/chromium``, or ``CLAUSEWISE_CHROMIUM``);
Playwright downloads nothing. ``--today`` fixes the date freshness is judged on (``CLAUSEWISE_TODAY``), so the
pictures do not drift as the sample documents age.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CLAUSEWISE_CHROMIUM", "/usr/bin/chromium")
ENV = {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false"}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(data_dir: Path, today: str | None) -> Iterator[str]:
    """Run ``clausewise serve`` on a free loopback port until the block ends; yields its base URL."""
    port = free_port()
    env = dict(os.environ, **ENV, CLAUSEWISE_DATA_DIR=str(data_dir))
    if today:
        env["CLAUSEWISE_TODAY"] = today
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--log-level", "warning"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"clausewise serve exited: {proc.stderr.read() if proc.stderr else ''}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError("clausewise serve did not become ready within 240 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def sign_in(page: object, base: str, key: str) -> None:
    """Sign in through the form."""
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.fill("#api_key", key)  # type: ignore[attr-defined]
    page.click("#login-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/coverage", timeout=120_000)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None, help="an ingested data dir (default: ingest corpus/)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    parser.add_argument("--today", default=None, help="judge freshness as of this date (YYYY-MM-DD)")
    parser.add_argument("--control", default="A.6.2.6", help="the control page to show")
    parser.add_argument("--question", default="How often is the AI policy reviewed?")
    args = parser.parse_args(argv)
    os.environ.update(ENV)
    from playwright.sync_api import sync_playwright

    from assistant.auth import create_key
    from ingestion.settings import Settings

    with tempfile.TemporaryDirectory(prefix="clausewise-shots-") as tmp:
        data = Path(tmp) / "data"
        if args.data_dir is not None:
            shutil.copytree(args.data_dir, data)
            # Keys, sessions and the audit log start empty: the pictures show only what this script did.
            for leftover in ("api_keys.json", "web_sessions.sqlite3", "web_sessions.sqlite3-wal",
                             "web_sessions.sqlite3-shm", "audit.db", "audit.db-wal", "audit.db-shm", "audit.anchor"):
                (data / leftover).unlink(missing_ok=True)
        else:
            subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(REPO_ROOT / "corpus")], check=True,
                           cwd=REPO_ROOT, env=dict(os.environ, CLAUSEWISE_DATA_DIR=str(data)))
        settings = Settings(data_dir=data)
        keys = {role: create_key(settings, f"{role}-demo", role) for role in ("staff", "compliance", "auditor")}
        args.out.mkdir(parents=True, exist_ok=True)
        with serve(data, args.today) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page(viewport={"width": 1360, "height": 900})

            def shot(name: str, full: bool = True) -> None:
                path = args.out / f"{name}.png"
                page.screenshot(path=str(path), full_page=full)
                print(f"wrote {path}")

            page.goto(f"{base}/login")
            shot("login", full=False)
            sign_in(page, base, keys["compliance"])
            shot("coverage")
            page.goto(f"{base}/controls/{args.control}")
            shot("control")
            page.goto(f"{base}/ask")
            page.fill("#question", args.question)
            page.click("#ask-button")
            page.wait_for_selector(".turn .sources", timeout=120_000)
            page.fill("#question", "And who approves it?")
            page.click("#ask-button")
            page.wait_for_selector(".turn:nth-of-type(2)", timeout=120_000)
            shot("ask")
            page.click(".turn .sources a.open-doc")
            page.wait_for_selector("mark#hl")
            shot("viewer", full=False)
            page.goto(f"{base}/documents")
            shot("documents")
            page.goto(f"{base}/conflicts")
            shot("conflicts")
            page.click("#sign-out")
            sign_in(page, base, keys["auditor"])
            page.goto(f"{base}/audit")
            shot("audit")
            page.click("#sign-out")
            sign_in(page, base, keys["staff"])
            shot("coverage-staff")
            page.goto(f"{base}/documents")
            shot("documents-staff")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
