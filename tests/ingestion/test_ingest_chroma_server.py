"""The ``HttpClient`` path against a real ``chroma run`` server on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from docfactory import write_markdown, write_pdf
from ingest_helpers import chroma_records, make_settings

from ingestion.embedding import Embedder
from ingestion.lexical import LexicalIndex
from ingestion.manifest import Manifest
from ingestion.pipeline import ingest, remove_documents
from ingestion.store import open_client, parse_chroma_url

pytestmark = pytest.mark.slow


def _chroma_executable() -> str | None:
    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def chroma_url(tmp_path: Path) -> Iterator[str]:
    executable = _chroma_executable()
    if executable is None:
        pytest.skip("the chroma command (shipped with chromadb) is not installed")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    server = subprocess.Popen(
        [executable, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"chroma run exited with {server.returncode}: {(tmp_path / 'chroma.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma run did not answer its heartbeat within 60 s")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
        log.close()


def test_parse_chroma_url() -> None:
    assert parse_chroma_url("http://chroma.internal:8001") == ("chroma.internal", 8001, False)
    assert parse_chroma_url("https://chroma.example.org") == ("chroma.example.org", 443, True)
    assert parse_chroma_url("http://10.0.0.5") == ("10.0.0.5", 8000, False)
    for bad in ("chroma:8000", "ftp://x:1", "http://x:1/path", "http://x:notaport"):
        with pytest.raises(ValueError, match="CLAUSEWISE_CHROMA_URL"):
            parse_chroma_url(bad)


def test_ingest_into_a_chroma_server(tmp_path: Path, chroma_url: str, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    write_markdown(root / "policy.md", "# Policy\n\nClause 5.2 policy text.\n", {"classification": "internal"})
    write_pdf(root / "audit.pdf", ["Audit finding on A.6.2.4."])
    settings = make_settings(tmp_path, chroma_url=chroma_url)
    assert type(open_client(settings)).__name__ != "PersistentClient"

    report = ingest([root], settings)
    assert report.ok and report.new == ["audit.pdf", "policy.md"]
    assert not settings.chroma_path.exists()  # nothing embedded locally
    records = chroma_records(settings)
    with Manifest(settings) as manifest:
        assert set(records) == set(manifest.all_chunk_ids())
    assert any("A.6.2.4" in r["metadata"].get("clause_refs", []) for r in records.values())

    again = ingest([root], settings)
    assert again.unchanged == ["audit.pdf", "policy.md"] and again.chunks_written == 0

    assert remove_documents(["audit.pdf"], settings) == ["audit.pdf"]
    remaining = chroma_records(settings)
    assert {r["metadata"]["doc_id"] for r in remaining.values()} == {"policy.md"}
    lexical = LexicalIndex.load(settings)
    assert lexical is not None and sorted(lexical.ids) == sorted(remaining)
