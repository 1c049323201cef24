"""Evidence freshness (issue 12 item 4): review-due dates from metadata or defaults, over a real ingest."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 6, 1)

DOCS = {
    # review_due in the past: stale, whatever the effective date says.
    "retraining.md": ("review_due: 2025-01-01\neffective_date: 2025-05-01\nclassification: internal",
                      "Model retraining approvals are signed by the model review board within ten working days."),
    # review_due in the future wins over an old effective date.
    "future.md": ("review_due: 2026-01-01\neffective_date: 2020-01-01\nclassification: internal",
                  "Vendor questionnaires are archived in the procurement workspace."),
    # a review cycle from front matter: 2025-01-01 + 3 months is past.
    "quarterly.md": ("review_cycle: 3 months\neffective_date: 2025-01-01\nclassification: internal",
                     "Incident drills for AI services take place every quarter."),
    "annual.md": ("review_cycle: annual\neffective_date: 2025-01-01\nclassification: internal",
                  "Training records for annotators are kept for three years."),
    # nothing but an old effective date: the default cycle applies; restricted, so staff never see it.
    "old_restricted.md": ("effective_date: 2023-01-01\nclassification: restricted",
                          "Board compensation for the oversight committee is set each spring."),
    # no date at all: no review-due, never stale.
    "undated.md": ("classification: internal", "Desk labels follow the house style."),
}


def _write(root: Path) -> None:
    for name, (meta, body) in DOCS.items():
        title = name.removesuffix(".md").replace("_", " ").title()
        (root / name).write_text(f"---\ntitle: {title}\ndoc_type: procedure\n{meta}\n---\n# {title}\n\n{body}\n")


@pytest.fixture(scope="module")
def fresh_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from ingestion.pipeline import ingest

    root = tmp_path_factory.mktemp("freshcorpus")
    _write(root)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("fresh") / "data",
        catalog_dir=REPO_ROOT / "corpus" / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
        today=TODAY,
    )
    report = ingest([root], settings)
    assert report.ok, [str(f) for f in report.failed]
    return settings


def test_parse_cycle_and_legacy_setting() -> None:
    from assistant.freshness import parse_cycle

    assert parse_cycle("12 months") == 365
    assert parse_cycle("every 2 years") == 730
    assert parse_cycle("Annual") == 365
    assert parse_cycle(90) == 90
    assert parse_cycle("whenever") is None
    assert parse_cycle(0) is None
    assert Settings(stale_after_days=100).default_review_cycle_days() == 100
    assert Settings(stale_after_days=100, review_cycle_days=30).default_review_cycle_days() == 30
    assert Settings().default_review_cycle_days() == 365


def test_documents_rows_and_http_listing(fresh_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from assistant.auth import create_key
    from assistant.models import Asker
    from assistant.service import ClausewiseService
    from server import create_app

    svc = ClausewiseService.from_settings(fresh_settings)
    rows = {r["doc_id"]: r for r in svc.documents(Asker(user="t", role="auditor", channel="cli"))}
    assert rows["retraining.md"]["review_due"] == "2025-01-01" and rows["retraining.md"]["stale"] is True
    assert rows["future.md"]["review_due"] == "2026-01-01" and rows["future.md"]["stale"] is False
    assert rows["quarterly.md"]["stale"] is True
    assert rows["annual.md"]["review_due"] == "2026-01-01" and rows["annual.md"]["stale"] is False
    assert rows["old_restricted.md"]["review_due"] == "2024-01-01" and rows["old_restricted.md"]["stale"] is True
    assert rows["undated.md"]["review_due"] is None and rows["undated.md"]["stale"] is False

    staff_key = create_key(fresh_settings, "fresh-staff", "staff")
    with TestClient(create_app(fresh_settings, svc)) as client:
        resp = client.get("/v1/documents", headers={"Authorization": f"Bearer {staff_key}"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    listed = body if isinstance(body, list) else body.get("documents", body)
    by_id = {r["doc_id"]: r for r in listed}
    assert "old_restricted.md" not in by_id
    assert by_id["retraining.md"]["stale"] is True and by_id["retraining.md"]["review_due"] == "2025-01-01"
    assert by_id["future.md"]["stale"] is False

    # Answers citing a stale document warn, naming its review-due date.
    ans = svc.ask("who signs model retraining approvals?", Asker(user="t", role="staff", channel="cli"))
    cited = {c.doc_id for c in ans.citations}
    assert "retraining.md" in cited, ans
    assert any("retraining.md" in w and "2025-01-01" in w and "stale" in w for w in ans.warnings), ans.warnings


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CLAUSEWISE_DATA_DIR=str(settings.data_dir), CLAUSEWISE_TODAY=TODAY.isoformat())
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "docs", *args], capture_output=True, text=True, env=env,
        timeout=120, cwd=REPO_ROOT,
    )


def test_docs_stale_cli(fresh_settings: Settings) -> None:
    out = _cli(fresh_settings, "--stale", "--json", "--role", "staff")
    assert out.returncode == 0, out.stderr
    ids = sorted(r["doc_id"] for r in json.loads(out.stdout))
    assert ids == ["quarterly.md", "retraining.md"]
    out = _cli(fresh_settings, "--stale", "--json")
    assert sorted(r["doc_id"] for r in json.loads(out.stdout)) == ["old_restricted.md", "quarterly.md", "retraining.md"]
    table = _cli(fresh_settings, "--stale", "--role", "staff")
    assert table.returncode == 0, table.stderr
    assert "retraining.md" in table.stdout and "future.md" not in table.stdout
    assert "old_restricted" not in table.stdout and "2025-06-01" in table.stdout


def test_gap_verdicts_capped_when_all_evidence_is_stale(clone_ingested: Callable[..., Settings]) -> None:
    from assistant.models import Asker
    from assistant.service import ClausewiseService

    settings = clone_ingested("freshgaps", today=dt.date(2025, 9, 30))
    svc = ClausewiseService.from_settings(settings)
    auditor = Asker(user="t", role="auditor", channel="cli")
    fresh = {i.id: i for i in svc.gaps("A.6", auditor).items}
    assert any(i.status == "covered" for i in fresh.values())
    svc.settings.today = dt.date(2040, 1, 1)  # every document is past its review-due date now
    late = svc.gaps("A.6", auditor)
    assert late.counts["covered"] == 0
    for item in late.items:
        if item.citations:
            assert item.stale and set(item.stale_documents) == {c.doc_id for c in item.citations}
            assert item.status != "covered"
            if fresh[item.id].status == "covered":
                assert item.status == "partial" and "review-due" in item.rationale
        assert item.status == fresh[item.id].status or fresh[item.id].status == "covered"
