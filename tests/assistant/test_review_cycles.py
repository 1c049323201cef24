"""Review cycles the organization states in its own documents (issue 12 item 4, the middle rule), over a real ingest."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 6, 1)

# path -> (front matter, body). Cycles are stated in different phrasings, one table, and some sentences that must
# not count (no document type as subject, no cadence, advice).
DOCS: dict[str, tuple[str, str]] = {
    "governance/document_control.md": (
        "doc_type: procedure\neffective_date: 2025-01-01",
        "## Review of documents\n\n"
        "All policies are reviewed at least annually by their owners.\n"
        "AIMS procedures shall be reviewed every two years.\n\n"
        "| Document type | Review frequency |\n|---|---|\n| Model cards | Quarterly |\n"
        "| Data inventories | Every 6 months |\n\n"
        "The committee reviews incidents monthly. Access requests are reviewed by the CISO. "
        "Each supplier is reviewed annually. We recommend that records could be reviewed weekly.\n",
    ),
    # Confidential: staff see the dates it gives other documents, never its sentences.
    "governance/assessment_procedure.md": (
        "doc_type: procedure\neffective_date: 2024-01-10\nclassification: confidential",
        "## Refresh\n\nEach impact assessment is refreshed every 6 months or on material change.\n\n"
        "## Own review\n\nThe process owner reviews this procedure every three years.\n"
        "Policies are reviewed every 24 months.\n"
        "Risk logs are re-validated every 4 months.\n"
        "The Vendor Register is reviewed every 2 months by procurement.\n",
    ),
    "policies/privacy_policy.md": ("doc_type: policy\neffective_date: 2024-03-01", "Personal data is minimised."),
    "policies/security_policy.md": (
        "doc_type: policy\neffective_date: 2025-01-01\nreview_cycle: 3 months", "Secrets are kept in a vault."
    ),
    "models/scoring_model_card.md": ("doc_type: model_card\neffective_date: 2025-01-15", "The model scores leads."),
    "assessments/chatbot_impact.md": ("doc_type: impact_assessment\neffective_date: 2025-02-01", "Users are told."),
    "risk/risk_log.md": ("doc_type: risk_assessment\neffective_date: 2025-03-01", "Drift is a risk."),
    "records/training_log.md": ("doc_type: record\neffective_date: 2024-01-01", "Annotators were trained."),
    "records/vendor_register.md": ("doc_type: record\neffective_date: 2025-05-01", "Two vendors are listed."),
}


def _write(root: Path) -> None:
    for name, (meta, body) in DOCS.items():
        title = Path(name).stem.replace("_", " ").title()
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        level = "" if "classification:" in meta else "classification: internal\n"
        path.write_text(f"---\ntitle: {title}\n{level}{meta}\n---\n# {title}\n\n{body}\n")


@pytest.fixture(scope="module")
def cycles_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from ingestion.pipeline import ingest

    root = tmp_path_factory.mktemp("cyclecorpus")
    _write(root)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("cycles") / "data",
        catalog_dir=REPO_ROOT / "corpus" / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
        today=TODAY,
    )
    report = ingest([root], settings)
    assert report.ok, [str(f) for f in report.failed]
    return settings


def test_cadence_phrases() -> None:
    from ingestion.review_cycles import find_cadences

    def days(text: str) -> list[int]:
        return [c.days for c in find_cadences(text)]

    assert days("reviewed at least annually") == [365]
    assert days("every two years") == [730]
    assert days("Every 6 months or on material change") == [183]
    assert days("re-validated quarterly") == [91]
    assert days("twice a year") == [182]
    assert days("biennially") == [730]
    assert days("on a 12-month review cycle") == [365]
    assert days("monthly, and every week") == [30, 7]
    assert days("reviewed by the CISO") == []


def test_statements_found_at_ingest(cycles_settings: Settings) -> None:
    from ingestion.manifest import read_generation
    from ingestion.review_cycles import built_generation, load

    # The ingest wrote the file, stamped with the manifest generation it reflects.
    assert built_generation(cycles_settings) == read_generation(cycles_settings) > 0
    cycles = load(cycles_settings)
    found = {(s.scope, tuple(s.targets), s.days, s.doc_id) for s in cycles.statements}
    control, assess = "governance/document_control.md", "governance/assessment_procedure.md"
    assert ("type", ("policy",), 365, control) in found
    assert ("type", ("procedure",), 730, control) in found
    assert ("type", ("model_card",), 91, control) in found  # the table
    assert ("type", ("data_inventory",), 183, control) in found
    assert ("type", ("impact_assessment",), 183, assess) in found
    assert ("type", ("policy",), 730, assess) in found
    assert ("document", (assess,), 1096, assess) in found  # "this procedure"
    assert ("named", ("records/vendor_register.md",), 61, assess) in found
    # "Risk logs" has no literal type noun: the embedding maps it to risk assessments.
    risk = next(s for s in cycles.statements if s.subject == "Risk logs")
    assert risk.targets == ["risk_assessment"] and risk.matched_by == "embedding" and risk.similarity
    # Incidents and suppliers are no document type; "reviewed by the CISO" has no cadence; advice is no rule.
    subjects = " ".join(s.subject.lower() + " " + s.sentence.lower() for s in cycles.statements)
    for word in ("incident", "supplier", "ciso", "recommend"):
        assert word not in subjects, word
    assert len(cycles.statements) == 9, [s.subject for s in cycles.statements]
    # Conflicting statements: the shortest cycle wins and keeps its source sentence.
    policy = cycles.for_type("policy")
    assert policy is not None and policy.days == 365 and policy.doc_id == control
    assert policy.sentence == "All policies are reviewed at least annually by their owners."
    assert cycles.for_type("other") is None


def test_review_due_and_basis_in_document_rows(cycles_settings: Settings) -> None:
    from assistant.models import Asker
    from assistant.service import ClausewiseService

    svc = ClausewiseService.from_settings(cycles_settings)
    rows = {r["doc_id"]: r for r in svc.documents(Asker(user="t", role="auditor", channel="cli"))}

    def check(doc_id: str, due: str, basis: str, stale: bool, source: str | None = None) -> None:
        row = rows[doc_id]
        assert (row["review_due"], row["review_basis"], row["stale"]) == (due, basis, stale), row
        if source is None:
            assert row["review_source"] is None
        else:
            assert row["review_source"]["doc_id"] == source and row["review_source"]["sentence"]

    control, assess = "governance/document_control.md", "governance/assessment_procedure.md"
    check("policies/privacy_policy.md", "2025-03-01", "organization", True, control)  # 2024-03-01 + 365
    check("policies/security_policy.md", "2025-04-02", "metadata", True)  # its own review_cycle (91 d) wins
    check("models/scoring_model_card.md", "2025-04-16", "organization", True, control)  # + 91 (the table)
    check("assessments/chatbot_impact.md", "2025-08-03", "organization", False, assess)  # + 183
    check("risk/risk_log.md", "2025-07-01", "organization", False, assess)  # + 122 (embedding)
    check("records/training_log.md", "2024-12-31", "default", True)  # no statement about records (+ 365)
    check("records/vendor_register.md", "2025-07-01", "organization", False, assess)  # named: + 61
    check(assess, "2027-01-10", "document", False, assess)  # "this procedure every three years"
    check(control, "2027-01-01", "organization", False, control)  # procedures every two years

    staff = {r["doc_id"]: r for r in svc.documents(Asker(user="t", role="staff", channel="cli"))}
    assert assess not in staff
    withheld = staff["assessments/chatbot_impact.md"]
    assert withheld["review_due"] == "2025-08-03" and withheld["review_basis"] == "organization"
    assert withheld["review_source"]["doc_id"] is None and withheld["review_source"]["sentence"] is None
    assert staff["policies/privacy_policy.md"]["review_source"]["doc_id"] == control

    # The HTTP listing carries the same keys under the key's clearance.
    from fastapi.testclient import TestClient

    from assistant.auth import create_key
    from server import create_app

    key = create_key(cycles_settings, "cycles-staff", "staff")
    with TestClient(create_app(cycles_settings, svc)) as client:
        resp = client.get("/v1/documents", headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 200, resp.text
    http = {r["doc_id"]: r for r in resp.json()["documents"]}
    assert http["assessments/chatbot_impact.md"]["review_source"] == withheld["review_source"]
    assert http["policies/privacy_policy.md"]["review_basis"] == "organization"

    stale = {r["doc_id"] for r in svc.stale_documents(Asker(user="t", role="staff", channel="cli"))}
    assert stale == {"policies/privacy_policy.md", "policies/security_policy.md", "models/scoring_model_card.md",
                     "records/training_log.md"}


def _docs(settings: Settings, *args: str) -> str:
    env = dict(os.environ, CLAUSEWISE_DATA_DIR=str(settings.data_dir), CLAUSEWISE_TODAY=TODAY.isoformat())
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "docs", *args], capture_output=True, text=True, env=env,
        timeout=120, cwd=REPO_ROOT,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_docs_cli_shows_basis_and_cycles(cycles_settings: Settings) -> None:
    # --cycles for staff: statements from documents staff may read only, with the winner per type.
    listed = json.loads(_docs(cycles_settings, "--cycles", "--json", "--role", "staff"))
    assert {s["doc_id"] for s in listed["statements"]} == {"governance/document_control.md"}
    assert listed["by_type"]["policy"]["days"] == 365 and "impact_assessment" not in listed["by_type"]
    auditor = json.loads(_docs(cycles_settings, "--cycles", "--json"))
    assert auditor["by_type"]["impact_assessment"]["doc_id"] == "governance/assessment_procedure.md"
    rows = {r["doc_id"]: r for r in json.loads(_docs(cycles_settings, "--stale", "--json"))}
    assert rows["policies/privacy_policy.md"]["review_basis"] == "organization"
    assert rows["policies/privacy_policy.md"]["review_source"]["doc_id"] == "governance/document_control.md"
    assert rows["records/training_log.md"]["review_basis"] == "default"
    assert "risk/risk_log.md" not in rows


def test_file_recomputed_when_it_lags_the_manifest(cycles_settings: Settings, tmp_path: Path) -> None:
    import shutil

    from ingestion.review_cycles import cycles_path, load

    data = tmp_path / "data"
    shutil.copytree(cycles_settings.data_dir, data)
    settings = Settings(**{**cycles_settings.model_dump(), "data_dir": data})
    cycles_path(settings).unlink()
    cycles = load(settings)
    assert cycles_path(settings).exists() and cycles.for_type("policy") is not None


@pytest.mark.slow  # runs in CI (make test with CI set); one of the slowest locally
def test_sample_corpus_cycles(ingested_settings: Settings) -> None:
    from assistant.freshness import resolve_all
    from ingestion.manifest import Manifest
    from ingestion.review_cycles import load

    cycles = load(ingested_settings)
    assert cycles.statements, "the sample corpus states review cycles"
    with Manifest(ingested_settings) as manifest:
        records = manifest.documents()
    resolved = resolve_all(records, ingested_settings)
    by_id = {r.doc_id: r for r in records}
    for doc_id, rd in resolved.items():
        rec = by_id[doc_id]
        if rd.basis in ("document", "organization"):
            assert rd.statement is not None and rec.effective_date is not None
            assert rd.due == rec.effective_date + dt.timedelta(days=rd.statement.days)
            # The statement it came from is really in the index, verbatim apart from whitespace.
            with Manifest(ingested_settings) as manifest:
                text = " ".join(" ".join(c.text for c in manifest.chunks_of(rd.statement.doc_id)).split())
            assert " ".join(rd.statement.sentence.replace("**", "").split())[:60] in text.replace("**", "")
    bases = {rd.basis for rd in resolved.values()}
    assert {"document", "organization", "default"} <= bases
    # Every type-level statement names a real document type.
    from ingestion.metadata import DOC_TYPES

    assert all(t in (*DOC_TYPES, "*") for s in cycles.statements if s.scope == "type" for t in s.targets)


def test_more_phrasings_without_an_index() -> None:
    """find_statements over handmade chunk rows: active and passive voice, cycles in a noun phrase, hedges."""
    from ingestion.manifest import DocumentRecord
    from ingestion.review_cycles import find_statements

    doc = DocumentRecord(doc_id="p.md", title="Acceptable Use Policy", doc_type="policy", classification="internal",
                         status="current", source="p.md", content_hash="h", ingested_at="t", chunk_count=1,
                         root="/", path="/p.md")
    draft = doc.model_copy(update={"doc_id": "d.md", "source": "d.md", "status": "draft", "title": "Draft Rules"})
    cases = {
        "We review our procedures every year.": ("type", ["procedure"], 365),
        "Model cards follow a 6-month review cycle.": ("type", ["model_card"], 183),
        "Risk assessments are reviewed in May each year.": ("type", ["risk_assessment"], 365),
        "The policy shall be reviewed twice a year.": ("document", ["p.md"], 182),
        "Audit reports may be reviewed every quarter.": None,
        "Nonconformity logs are not reviewed monthly.": None,
        "Suppliers are reviewed every 6 months.": None,
    }
    for sentence, expected in cases.items():
        meta = {"doc_id": "p.md", "source": "p.md", "section": "Acceptable Use Policy › Review"}
        found = [(s.scope, s.targets, s.days) for s in find_statements([doc], [("c", sentence, meta)], None)]
        assert found == ([expected] if expected else []), sentence
    # A draft states no rule for other documents, only for itself.
    meta = {"doc_id": "d.md", "source": "d.md"}
    rows = [("c", "Policies are reviewed quarterly. This policy is reviewed monthly.", meta)]
    assert [(s.scope, s.days) for s in find_statements([doc, draft], rows, None)] == [("document", 30)]
