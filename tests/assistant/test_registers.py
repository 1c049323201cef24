"""Register questions (list, filter, count) over registers nobody tuned for: real ingest, model, Chroma and DuckDB.

The corpus is invented here, with header wordings of its own ("Current state", "Approved by", "Next
reassessment"), in every table format the loaders read: CSV, XLSX, a Markdown pipe table and a DOCX table.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Answer, Asker
from ingestion import tables
from ingestion.settings import Settings

STAFF = Asker(user="u-staff", role="staff", channel="cli")
COMPLIANCE = Asker(user="u-comp", role="compliance", channel="cli")
AUDITOR = Asker(user="u-aud", role="auditor", channel="cli")

FINDINGS = """Ref,Raised on,Finding,Raised by,Action owner,Target date,Current state
F-01,2024-02-01,Model inventory missing two chatbots,Internal audit,Ingrid Holm,2024-03-31,Closed
F-02,2024-05-12,No bias test before the scoring model release,Internal audit,Marta Quist,2020-06-30,Open
F-03,2024-06-03,Supplier contract lacks a model change notice,Supplier review,Omar Haddad,2099-09-30,In progress
F-04,2024-07-19,Monitoring dashboard not reviewed in June,Self-identified,Ingrid Holm,2024-08-31,Closed
F-05,2024-09-09,Training records incomplete for new analysts,Internal audit,Paula Brandt,2099-12-31,Open
F-06,2024-10-01,Impact assessment not refreshed after retraining,Management review,Marta Quist,2024-11-30,Closed
F-07,2025-01-15,Incident log entries without a root cause,Self-identified,Omar Haddad,2020-02-28,Awaiting verification
"""

HAZARDS = [
    ["Hazard ref", "Hazard", "Area", "Residual rating", "Decision", "Approved by", "Next review"],
    ["HZ-1", "Forecast drift after a tariff change", "Pricing", "High", "Treat", None, "2026-01-15"],
    ["HZ-2", "Chatbot quotes an outdated refund rule", "Service", "Medium", "Accepted",
     "Chief Financial Officer (Lena Park)", "2026-03-01"],
    ["HZ-3", "Document reader misreads handwritten amounts", "Claims", "Low", "Treat", None, "2026-06-30"],
    ["HZ-4", "Fraud model flags one postcode group more often", "Claims", "High", "Treat", None, "2026-01-15"],
    ["HZ-5", "Vendor outage stops the triage queue", "Operations", "Medium", "Accepted",
     "Head of Operations (Tom Reyes)", "2026-02-10"],
    ["HZ-6", "Staff paste client data into public chat tools", "All areas", "Medium", "Accepted",
     "Chief Financial Officer (Lena Park)", "2026-05-20"],
]  # fmt: skip

SUPPLIERS_MD = """# Supplier Oversight Plan

This plan lists the suppliers of AI components and when each is reassessed.

## Supplier schedule

| Supplier | Service | Hosting | Next reassessment |
|---|---|---|---|
| Brightline Analytics | Claims scoring model | Vendor cloud | 2026-02-15 |
| Corvid Speech | Call transcription | Vendor cloud | 2026-07-01 |
| Tessellate Maps | Route optimisation | Our data centre | 2026-01-20 |
| Quillon Labs | Document reading | Vendor cloud | 2026-11-30 |

Every reassessment uses the supplier questionnaire.
"""

TRAINING = [
    ["Employee", "Course", "Completed", "Score"],
    ["Ana Silva", "Model validation basics", "Yes", "82"],
    ["Ben Okoro", "Model validation basics", "No", ""],
    ["Chen Wu", "Responsible AI awareness", "Yes", "91"],
    ["Dina Farah", "Model validation basics", "No", ""],
    ["Eli Novak", "Responsible AI awareness", "Yes", "64"],
    ["Femi Adeyemi", "Model validation basics", "Yes", "58"],
]

CONTROLS = """Control,Title,Implementation status,Owner
CT-01,Event logging,Not yet implemented,Platform lead
CT-02,Access reviews,Implemented,Security lead
CT-03,Supplier checks,Planned,Procurement lead
CT-04,Model inventory,Implemented,Data lead
CT-05,Impact reviews,Partially implemented,Risk lead
CT-06,Change notices,Not yet implemented,Product lead
CT-07,Training records,Implemented,People lead
"""

INVESTIGATIONS = """Case,Opened,Subject,Current state
INV-1,2025-03-02,Suspected misuse of the scoring model by a contractor,Open
INV-2,2025-04-11,Leak of a validation dataset,Closed
"""


def _write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], title: str) -> None:
    book = openpyxl.Workbook()
    for i, (name, rows) in enumerate(sheets.items()):
        sheet = book.active if i == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        for row in rows:
            sheet.append(row)
    book.properties.title = title
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))


def _write_docx(path: Path, rows: list[list[str]]) -> None:
    document = docx.Document()
    document.add_heading("Training Matrix", level=0)
    document.add_heading("1. Purpose", level=1)
    document.add_paragraph("This matrix records who has completed the AI courses their role requires.")
    document.add_heading("2. Course completion", level=1)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.core_properties.title = "Training Matrix"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _meta(path: Path, **values: str) -> None:
    lines = "".join(f"{k}: {v}\n" for k, v in values.items())
    Path(f"{path}.meta.yaml").write_text(lines, encoding="utf-8")


def build_registers(root: Path) -> Path:
    """The invented organization: four registers in four formats, one restricted log, and some prose."""
    (root / "quality").mkdir(parents=True)
    findings = root / "quality" / "finding_log.csv"
    findings.write_text(FINDINGS, encoding="utf-8")
    _meta(findings, title="Finding Log", doc_type="nonconformity_log", classification="internal")
    hazards = root / "risk" / "hazard_register.xlsx"
    _write_xlsx(
        hazards,
        {"Hazards": HAZARDS, "Scoring": [["Item", "Value"], ["Scale", "1-5"], ["Bands", "Low, Medium, High"]]},
        "Hazard Register",
    )
    _meta(hazards, doc_type="risk_assessment", classification="internal")
    (root / "suppliers").mkdir()
    (root / "suppliers" / "supplier_oversight.md").write_text(
        "---\ntitle: Supplier Oversight Plan\ndoc_type: procedure\nclassification: internal\n---\n" + SUPPLIERS_MD,
        encoding="utf-8",
    )
    training = root / "people" / "training_matrix.docx"
    _write_docx(training, TRAINING)
    _meta(training, doc_type="record", classification="internal")
    controls = root / "quality" / "control_status.csv"
    controls.write_text(CONTROLS, encoding="utf-8")
    _meta(controls, title="Control Status Register", doc_type="record", classification="internal")
    (root / "audit").mkdir()
    investigations = root / "audit" / "investigation_log.csv"
    investigations.write_text(INVESTIGATIONS, encoding="utf-8")
    _meta(investigations, title="Investigation Log", doc_type="record", classification="restricted")
    (root / "policies").mkdir()
    (root / "policies" / "quality_policy.md").write_text(
        "---\ntitle: Quality Policy\ndoc_type: policy\nclassification: internal\n---\n# Quality Policy\n\n"
        "## Findings\n\nEvery finding is logged in the Finding Log with an action owner and a target date. "
        "The quality lead reviews open findings every month and reports overdue ones to the board.\n\n"
        "## Hazards\n\nHazards of AI systems are rated and recorded in the Hazard Register; a medium or high "
        "residual rating needs an approver.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def reg_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = build_registers(tmp_path_factory.mktemp("registers") / "docs")
    return ingest_corpus(root, tmp_path_factory.mktemp("registers-data") / "data")


@pytest.fixture(scope="module")
def svc(reg_settings: Settings) -> Any:
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(reg_settings)


def ids_in(text: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, text))


def assert_rows_cited(svc: Any, answer: Answer) -> None:
    """Every row line carries a citation whose quote is verbatim in the stored chunk."""
    assert answer.citations
    stored = svc.retriever.get_chunks(
        [c.chunk_id for c in answer.citations], ["public", "internal", "confidential", "restricted"]
    )
    for c in answer.citations:
        assert c.quote in stored[c.chunk_id].text
    for line in answer.answer.splitlines()[1:]:
        if line.startswith("- "):
            assert re.search(r"\[\d+\]$", line), line


# --- the tables file --------------------------------------------------------------------------------------------


def test_every_table_format_is_kept_as_typed_rows(reg_settings: Settings) -> None:
    with tables.reading(reg_settings) as con:
        assert con is not None
        registers = {r[0]: r[1:] for r in con.execute("SELECT doc_id, kind, n_rows, table_id FROM registers").fetchall()
                     if r[0] != "policies/quality_policy.md"}  # fmt: skip
        assert registers["quality/finding_log.csv"][:2] == ("sheet", 7)
        assert registers["suppliers/supplier_oversight.md"][:2] == ("markdown", 4)
        assert registers["people/training_matrix.docx"][:2] == ("table", 6)
        sheets = con.execute(
            "SELECT name, n_rows FROM registers WHERE doc_id = 'risk/hazard_register.xlsx' ORDER BY name"
        ).fetchall()
        assert sheets == [("Hazards", 6), ("Scoring", 2)]
        # Dates and numbers get typed shadow columns; a text column does not.
        table_id = registers["quality/finding_log.csv"][2]
        cols = {h: (n, d) for h, n, d in con.execute(
            "SELECT header, has_number, has_date FROM columns WHERE table_id = ?", [table_id]).fetchall()}  # fmt: skip
        assert cols["Target date"] == (False, True) and cols["Current state"] == (False, False)
        late = con.execute(f"SELECT c0 FROM t{table_id} WHERE c5_d < DATE '2021-01-01' ORDER BY _row").fetchall()
        assert [r[0] for r in late] == ["F-02", "F-07"]
        # Each row's quote is verbatim in the chunk it names.
        from ingestion.manifest import Manifest

        with Manifest(reg_settings) as manifest:
            texts = {cid: text for cid, text, _ in manifest.iter_chunks()}
        for table_id in [r[2] for r in registers.values()]:
            for chunk_id, quote in con.execute(f"SELECT _chunk_id, _quote FROM t{table_id}").fetchall():
                assert quote in texts[chunk_id]
    assert tables.built_generation(reg_settings) == Manifest(reg_settings).generation


# --- register answers through the service ----------------------------------------------------------------------

NAME = r"[A-Z][a-z]+ [A-Z][a-z]+(?=;)"
CASES = [
    # (question, asker, id pattern, expected ids, words the first line must carry)
    ("which findings are still open?", STAFF, r"F-\d\d", {"F-02", "F-03", "F-05", "F-07"}, ["4"]),
    ("how many findings have been closed?", STAFF, r"F-\d\d", {"F-01", "F-04", "F-06"}, ["3"]),
    ("how many findings are overdue?", STAFF, r"F-\d\d", {"F-02", "F-07"}, ["2"]),
    ("which findings raised by internal audit are still open?", STAFF, r"F-\d\d", {"F-02", "F-05"}, []),
    ("which hazards were accepted and by whom?", STAFF, r"HZ-\d", {"HZ-2", "HZ-5", "HZ-6"}, ["3"]),
    ("list the hazards with a high residual rating", STAFF, r"HZ-\d", {"HZ-1", "HZ-4"}, []),
    # Two values of one column going separate ways: "Medium" asked for, "High" excluded (found on the waterworks
    # key: "rated High ... (not the Very High ones)" selected both).
    ("which hazards are rated medium (not the high ones)?", STAFF, r"HZ-\d", {"HZ-2", "HZ-5", "HZ-6"}, []),
    ("which hazards did the CFO approve?", STAFF, r"HZ-\d", {"HZ-2", "HZ-6"}, []),
    ("which hazards are due for review before February 2026?", STAFF, r"HZ-\d", {"HZ-1", "HZ-4"}, []),
    (
        "which suppliers are due for reassessment before 1 March 2026?",
        STAFF,
        r"Brightline|Corvid|Tessellate|Quillon",
        {"Brightline", "Tessellate"},
        ["2"],
    ),
    ("who has not completed the model validation course?", STAFF, NAME, {"Ben Okoro", "Dina Farah"}, ["2"]),
    ("which employees scored below 70?", STAFF, NAME, {"Eli Novak", "Femi Adeyemi"}, []),
    # A value holding a negation ("Not yet implemented") is named as a whole, not read as "implemented".
    ("which controls are only planned or not yet implemented?", STAFF, r"CT-\d\d", {"CT-01", "CT-03", "CT-06"},
     ["3"]),
]


@pytest.mark.parametrize(("question", "asker", "pattern", "expected", "headline"), CASES)
def test_register_questions_select_exactly_the_matching_rows(
    svc: Any, question: str, asker: Asker, pattern: str, expected: set[str], headline: list[str]
) -> None:
    answer = svc.ask(question, asker)
    first, _, rest = answer.answer.partition("\n")
    assert re.search(r"\*\*\d+\*\* of \d+ rows? match", first), answer.answer
    assert ids_in(rest, pattern) == expected, answer.answer
    assert f"**{len(expected)}**" in first
    for word in headline:
        assert word in first
    # One cited bullet per row, nothing else cited.
    assert len([ln for ln in rest.splitlines() if ln.startswith("- ")]) == len(expected)
    assert_rows_cited(svc, answer)


def test_a_follow_up_keeps_the_earlier_filter(svc: Any) -> None:
    first = svc.ask("which findings were raised by internal audit?", STAFF, conversation_id="conv-reg-1")
    assert ids_in(first.answer, r"F-\d\d") == {"F-01", "F-02", "F-05"}
    follow = svc.ask("which of those are still open?", STAFF, conversation_id="conv-reg-1")
    assert ids_in(follow.answer, r"F-\d\d") == {"F-02", "F-05"}, follow.answer


def test_restricted_rows_never_reach_a_lower_clearance(svc: Any) -> None:
    """The investigation log is restricted: staff get no row of it, the auditor gets its open case."""
    question = "which investigations are still open?"
    for asker in (STAFF, COMPLIANCE):
        answer = svc.ask(question, asker)
        assert "INV-" not in answer.answer
        assert all(c.classification != "restricted" for c in answer.citations)
    audited = svc.ask(question, AUDITOR)
    assert ids_in(audited.answer, r"INV-\d") == {"INV-1"}, audited.answer


def test_restricted_rows_are_filtered_inside_the_query(svc: Any, reg_settings: Settings) -> None:
    """Even handed the restricted log's own chunks as hits, a staff clearance selects none of its rows."""
    from assistant.registers import answer_register
    from assistant.retrieval import SearchRequest

    hits = svc.retriever.search(
        SearchRequest(query="investigations still open", clearance=("public", "internal", "confidential", "restricted"))
    )
    assert any(h.doc_id == "audit/investigation_log.csv" for h in hits)
    staff = answer_register("which investigations are still open?", hits, ("public", "internal"), reg_settings,
                            svc.retriever.embedder.embed_documents)  # fmt: skip
    assert staff is None or all("INV-" not in r.quote for r in staff.rows)


def test_not_a_register_question_is_left_to_the_fact_path(svc: Any) -> None:
    answer = svc.ask("what does the quality policy say about overdue findings?", STAFF)
    assert not re.search(r"\*\*\d+\*\* of \d+ rows? match", answer.answer)


# --- consistency with the manifest --------------------------------------------------------------------------------


def test_tables_follow_changes_and_removals(reg_settings: Settings, tmp_path: Path) -> None:
    from ingestion.manifest import Manifest
    from ingestion.pipeline import ingest

    root = build_registers(tmp_path / "docs")
    settings = reg_settings.model_copy(update={"data_dir": tmp_path / "data"})
    assert ingest([root], settings).ok
    (root / "quality" / "finding_log.csv").write_text(FINDINGS.replace("F-07,", "F-77,"), encoding="utf-8")
    (root / "suppliers" / "supplier_oversight.md").unlink()
    report = ingest([root], settings)
    assert report.ok and "suppliers/supplier_oversight.md" in report.removed
    with tables.reading(settings) as con:
        assert con is not None
        docs = {r[0] for r in con.execute("SELECT doc_id FROM registers").fetchall()}
        assert "suppliers/supplier_oversight.md" not in docs
        (table_id,) = con.execute("SELECT table_id FROM registers WHERE doc_id = 'quality/finding_log.csv'").fetchone()
        refs = [r[0] for r in con.execute(f"SELECT c0 FROM t{table_id} ORDER BY _row").fetchall()]
        assert refs[-1] == "F-77" and "F-07" not in refs
    with Manifest(settings) as manifest:
        assert tables.built_generation(settings) == manifest.generation


def test_stale_tables_are_not_used(svc: Any, reg_settings: Settings, tmp_path: Path) -> None:
    """Tables stamped with an older manifest generation (a crash before their rebuild) answer nothing; the
    start-up repair rebuilds them."""
    from assistant.registers import answer_register
    from assistant.retrieval import SearchRequest
    from ingestion.manifest import Manifest
    from ingestion.pipeline import repair_if_interrupted

    data = tmp_path / "data"
    shutil.copytree(reg_settings.data_dir, data)
    settings = reg_settings.model_copy(update={"data_dir": data})
    with Manifest(settings) as manifest:
        generation = manifest.generation
        tables.build(settings, manifest.iter_chunks(), generation - 1)
    hits = svc.retriever.search(SearchRequest(query="findings still open", clearance=("public", "internal")))
    question = "which findings are still open?"
    assert answer_register(question, hits, ("public", "internal"), settings) is None
    assert repair_if_interrupted(settings)
    assert tables.built_generation(settings) == generation
    found = answer_register(question, hits, ("public", "internal"), settings, today=dt.date(2025, 1, 1))
    assert found is not None and found.count == 4
