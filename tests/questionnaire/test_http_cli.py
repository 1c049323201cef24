"""The questionnaire over HTTP (TestClient on the real app) and the CLI (a real ``clausewise`` process)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CSV, VARIANT
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from ingestion.settings import Settings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RESTRICTED_DOC = "org/audit/internal_audit_report_2025.pdf"


@pytest.fixture(scope="module")
def client(q_settings: Settings, q_service: Any) -> Iterator[tuple[TestClient, dict[str, str]]]:
    from assistant.auth import create_key
    from server import create_app

    keys = {role: create_key(q_settings, f"q-{role}", role) for role in ("staff", "auditor")}
    with TestClient(create_app(q_settings, q_service)) as c:
        yield c, keys


def _auth(keys: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys[role]}"}


@pytest.mark.slow
def test_upload_returns_the_filled_workbook(client: tuple[TestClient, dict[str, str]], q_service: Any) -> None:
    c, keys = client
    files = {"file": (VARIANT.name, VARIANT.read_bytes(), XLSX)}
    r = c.post("/v1/questionnaires", files=files, headers=_auth(keys, "staff"))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX
    assert 'filename="vendor_ai_questionnaire_variant-filled.xlsx"' in r.headers["content-disposition"]
    summary = json.loads(r.headers["x-clausewise-summary"])
    assert summary["questions"] == 8 and summary["question_column"] == "Control / Requirement (D)"
    ws = load_workbook(io.BytesIO(r.content))["Supplier Assessment"]
    cited = " ".join(str(ws.cell(row=row, column=9).value or "") for row in range(2, 10))
    assert "(org/" in cited
    # A staff key reads internal documents only: the restricted audit report is never cited.
    assert RESTRICTED_DOC not in cited
    # Same answers as the service gives that role directly (one service, every channel).
    from assistant.models import Asker
    from assistant.questionnaire import fill

    direct = fill(VARIANT.read_bytes(), VARIANT.name, q_service, Asker(role="staff"))
    assert summary["verdicts"] == direct.summary.verdicts
    logged = [json.loads(x) for x in q_service.audit.export("jsonl")]
    assert any(row.get("channel") == "http" and row.get("user") == "q-staff" for row in logged)


def test_csv_upload_with_column(client: tuple[TestClient, dict[str, str]]) -> None:
    c, keys = client
    files = {"file": ("review.csv", CSV.read_bytes(), "text/csv")}
    r = c.post("/v1/questionnaires", files=files, data={"column": "Requirement"}, headers=_auth(keys, "auditor"))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    from assistant.questionnaire import OWN_HEADERS

    assert rows[0][-4:] == list(OWN_HEADERS)


@pytest.mark.parametrize(
    ("name", "data", "status", "detail"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", 400, "broken.xlsx: not a readable .xlsx workbook"),
        ("numbers.csv", b"Name,Amount\nalpha,1\n", 400, "numbers.csv: no question-like column"),
        ("empty.csv", b"", 400, "empty.csv: the file is empty"),
        ("notes.pdf", b"%PDF-1.4", 415, "file 'notes.pdf': type .pdf is not a questionnaire"),
    ],
)
def test_bad_uploads(client: Any, name: str, data: bytes, status: int, detail: str) -> None:
    c, keys = client
    r = c.post("/v1/questionnaires", files={"file": (name, data, "application/octet-stream")},
               headers=_auth(keys, "staff"))  # fmt: skip
    assert r.status_code == status, r.text
    assert r.json()["detail"].startswith(detail), r.json()


def test_upload_needs_a_key_and_a_file(client: tuple[TestClient, dict[str, str]]) -> None:
    c, keys = client
    files = {"file": (CSV.name, CSV.read_bytes(), "text/csv")}
    assert c.post("/v1/questionnaires", files=files).status_code == 401
    assert c.post("/v1/questionnaires", headers=_auth(keys, "staff")).status_code == 422


def test_upload_over_the_size_limit(q_settings: Settings, q_service: Any) -> None:
    from server import create_app

    small = q_settings.model_copy(update={"max_upload_mb": 0.0005})
    from assistant.auth import create_key

    key = create_key(small, "q-small", "staff")
    with TestClient(create_app(small, q_service)) as c:
        r = c.post("/v1/questionnaires", files={"file": (CSV.name, CSV.read_bytes(), "text/csv")},
                   headers={"Authorization": f"Bearer {key}"})  # fmt: skip
    assert r.status_code == 413 and CSV.name in r.json()["detail"]


@pytest.mark.slow
def test_cli_fills_and_prints_the_summary(q_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "answered.csv"
    env = {**os.environ, "CLAUSEWISE_DATA_DIR": str(q_settings.data_dir),
           "CLAUSEWISE_CATALOG_DIR": str(q_settings.catalog_dir), "HF_HUB_OFFLINE": "1"}  # fmt: skip
    cmd = [sys.executable, "-m", "assistant.cli", "questionnaire", str(CSV), "--out", str(out), "--role", "staff"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "questions 8: answered" in done.stdout and "needs review" in done.stdout and "unknown" in done.stdout
    assert f"wrote {out}" in done.stdout and out.exists()
    bad = subprocess.run([*cmd[:4], str(tmp_path / "missing.xlsx")], env=env, capture_output=True, text=True,
                         timeout=600)  # fmt: skip
    assert bad.returncode == 2 and "missing.xlsx" in bad.stderr
    helped = subprocess.run([*cmd[:4], "--help"], env=env, capture_output=True, text=True, timeout=600)
    assert helped.returncode == 0 and "examples:" in helped.stdout and "--column" in helped.stdout
