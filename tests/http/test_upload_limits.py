"""Hostile uploads through the HTTP API: refused with 413 naming the file and the limit, fast and small,
while asks keep being answered; a file whose ZIP is corrupt is a 422; nothing else is lost.

The server runs in this process (TestClient), so its peak RSS growth is this process's ``VmHWM`` (reset
through ``/proc/self/clear_refs``) minus the RSS before the upload.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_rig import Api
from fastapi.testclient import TestClient

from ingestion.settings import Settings

# The hostile-file builders live with the ingestion tests (tests/ingestion/hostile.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingestion"))
from hostile import docx_bomb, docx_paragraphs, docx_runs, xlsx_lying_dimension, xlsx_rows

MB = 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(key)


def _rig(settings: Settings) -> Iterator[Api]:
    from assistant.auth import create_key
    from assistant.service import ClausewiseService
    from server import create_app

    keys = {role: create_key(settings, f"{role}-key", role) for role in ("staff", "compliance")}
    service = ClausewiseService.from_settings(settings)
    with TestClient(create_app(settings, service)) as client:
        yield Api(client=client, settings=settings, service=service, keys=keys)


@pytest.fixture(scope="module")
def rig(clone_ingested: Callable[..., Settings]) -> Iterator[Api]:
    yield from _rig(clone_ingested("upload_limits"))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile_uploads")
    return {
        "big.xlsx": xlsx_rows(folder / "big.xlsx"),
        "paragraphs.docx": docx_paragraphs(folder / "paragraphs.docx"),
        "bomb.docx": docx_bomb(folder / "bomb.docx"),
        "runs.docx": docx_runs(folder / "runs.docx"),
        "liar.docx": docx_bomb(folder / "liar.docx", declared_mb=1),
        "register.xlsx": xlsx_lying_dimension(folder / "register.xlsx"),
    }


def _upload(api: Api, path: Path, name: str | None = None) -> Any:
    media = XLSX if path.suffix == ".xlsx" else DOCX
    return api.client.post(
        "/v1/documents",
        files={"file": (name or path.name, path.read_bytes(), media)},
        headers=api.headers("compliance"),
    )


def _doc_ids(api: Api) -> set[str]:
    r = api.client.get("/v1/documents", headers=api.headers("compliance"))
    assert r.status_code == 200
    return {d["doc_id"] for d in r.json()["documents"]}


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("big.xlsx", "CLAUSEWISE_MAX_UNZIPPED_MB"),
        ("paragraphs.docx", "CLAUSEWISE_MAX_PARAGRAPHS"),
        ("bomb.docx", "CLAUSEWISE_MAX_UNZIPPED_MB"),
        ("runs.docx", "CLAUSEWISE_MAX_PARAGRAPHS"),
    ],
)
def test_hostile_upload_is_a_413_naming_file_and_limit(rig: Api, files: dict[str, Path], name: str, limit: str) -> None:
    before = _doc_ids(rig)
    Path("/proc/self/clear_refs").write_text("5")
    rss = _status("VmRSS")
    started = time.perf_counter()
    r = _upload(rig, files[name])
    seconds = time.perf_counter() - started
    growth = (_status("VmHWM") - rss) / MB
    assert r.status_code == 413, r.text
    detail = r.json()["detail"]
    assert f"file {name!r}" in detail and f"(limit {limit})" in detail, detail
    assert seconds <= 5.0, f"{name}: {seconds:.1f} s"
    assert growth <= 300, f"{name}: {growth:.0f} MB"
    assert _doc_ids(rig) == before
    assert not (rig.settings.data_dir / rig.settings.upload_dir_name / name).exists()


def test_corrupt_zip_is_a_422(rig: Api, files: dict[str, Path]) -> None:
    r = _upload(rig, files["liar.docx"])
    assert r.status_code == 422, r.text
    assert "file 'liar.docx'" in r.json()["detail"] and "Bad CRC-32" in r.json()["detail"]


def test_xlsx_with_a_lying_dimension_is_stored_whole_with_a_warning(rig: Api, files: dict[str, Path]) -> None:
    r = _upload(rig, files["register.xlsx"])
    assert r.status_code == 201, r.text
    report = r.json()["report"]
    assert report["chunks_written"] == 49
    assert any("register.xlsx" in w and "<dimension> tag says A1:B2" in w for w in report["warnings"])


def test_asks_and_uploads_proceed_around_a_hostile_upload(
    clone_ingested: Callable[..., Settings], files: dict[str, Path], tmp_path: Path
) -> None:
    # A roomier unpacked limit makes the million-row sheet stream until the chunk limit: the slow path.
    api = next(gen := _rig(clone_ingested("upload_limits_roomy", max_unzipped_mb=500)))
    try:
        result: dict[str, Any] = {}

        def hostile() -> None:
            started = time.perf_counter()
            result["response"] = _upload(api, files["big.xlsx"])
            result["seconds"] = time.perf_counter() - started

        thread = threading.Thread(target=hostile)
        thread.start()
        asks = []
        while thread.is_alive() or not asks:
            r = api.client.post(
                "/v1/ask", json={"question": "How often is the AI policy reviewed?"}, headers=api.headers("staff")
            )
            asks.append(r.status_code)
        thread.join()
        response = result["response"]
        assert response.status_code == 413, response.text
        assert "(limit CLAUSEWISE_MAX_CHUNKS)" in response.json()["detail"]
        assert result["seconds"] <= 5.0, result["seconds"]
        assert asks and set(asks) == {200}, asks
        # The next upload is not held up or harmed by the refused one.
        good = tmp_path / "ai_note.md"
        good.write_text("# AI note\n\nThe AI register is reviewed each quarter.\n", encoding="utf-8")
        r = api.client.post(
            "/v1/documents",
            files={"file": (good.name, good.read_bytes(), "text/markdown")},
            headers=api.headers("compliance"),
        )
        assert r.status_code == 201, r.text
    finally:
        gen.close()
