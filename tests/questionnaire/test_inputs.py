"""Finding the question column, the CSV round trip, and bad input: clear errors naming the file, bounded time."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from typing import Any

import pytest
from conftest import CSV, VARIANT
from openpyxl import Workbook, load_workbook

from assistant.models import Asker
from assistant.questionnaire import (
    OWN_HEADERS,
    QuestionnaireError,
    QuestionnaireLimitError,
    fill,
    find_layout,
    question_likeness,
    vocabulary_value,
)

STAFF = Asker(user="qtest", role="staff", channel="cli")


def _xlsx(rows: list[list[Any]], title: str = "Sheet") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_question_likeness() -> None:
    assert question_likeness("Do you encrypt model artefacts at rest?") == 1.0
    assert question_likeness("Does the vendor keep an inventory of AI systems") == 0.8
    assert question_likeness("Describe how models are approved before release.") == 0.6
    assert question_likeness("Data Management") == 0.0
    assert question_likeness("GOV-01") == 0.0


def test_header_that_is_not_question_is_found_by_meaning_and_content(embedder: Any) -> None:
    ws = load_workbook(VARIANT)["Supplier Assessment"]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    layout = find_layout(grid, embedder.embed_documents)
    assert layout is not None
    # Column C ("Guidance") holds long requests too; D holds the questions under "Control / Requirement".
    assert (layout.header_row, layout.question_col, layout.headers[layout.question_col]) == (
        1, 4, "Control / Requirement")  # fmt: skip
    by_letter = find_layout(grid, embedder.embed_documents, column="C")
    assert by_letter is not None and by_letter.question_col == 3
    by_name = find_layout(grid, embedder.embed_documents, column="control / requirement")
    assert by_name is not None and by_name.question_col == 4
    with pytest.raises(QuestionnaireError, match=r"v\.xlsx: no column 'Nope' \(headers: .*Control / Requirement"):
        find_layout(grid, embedder.embed_documents, column="Nope", where="v.xlsx")


def test_vocabulary_mapping() -> None:
    vocab = ["Compliant", "Partially Compliant", "Non-Compliant", "Not Applicable"]
    assert [vocabulary_value(v, vocab) for v in ("Yes", "Partial", "No", "Unknown")] == [
        "Compliant", "Partially Compliant", "Non-Compliant", None]  # fmt: skip
    assert vocabulary_value("Unknown", ["Yes", "No", "TBD"]) == "TBD"
    assert vocabulary_value("Unknown", ["Yes", "No", "N/A"]) is None
    assert vocabulary_value("Partial", ["Yes", "No"]) is None
    assert vocabulary_value("Yes", []) == "Yes" and vocabulary_value("Unknown", []) is None


def test_variant_workbook_fill(q_service: Any) -> None:
    before = load_workbook(VARIANT)
    result = fill(VARIANT.read_bytes(), VARIANT.name, q_service, STAFF)
    s = result.summary
    assert (s.sheet, s.question_column, s.answer_column) == (
        "Supplier Assessment", "Control / Requirement (D)", "Vendor Response (E)")  # fmt: skip
    assert s.answer_vocabulary == ["Yes", "No", "Partial", "N/A"] and s.questions == 8
    after = load_workbook(io.BytesIO(result.content))
    assert after.sheetnames == before.sheetnames
    inst_b, inst_a = before["Instructions"], after["Instructions"]
    assert [[c.value for c in r] for r in inst_a.iter_rows()] == [[c.value for c in r] for r in inst_b.iter_rows()]
    ws = after["Supplier Assessment"]
    assert [ws.cell(row=1, column=c).value for c in range(7, 11)] == list(OWN_HEADERS)
    for r in result.rows:
        assert ws.cell(row=r.row, column=5).value == (None if r.verdict == "Unknown" else r.verdict)


def test_csv_round_trip(q_service: Any) -> None:
    original = list(csv.reader(io.StringIO(CSV.read_text(encoding="utf-8"))))
    result = fill(CSV.read_bytes(), CSV.name, q_service, STAFF)
    assert result.filename == "vendor_ai_questionnaire-filled.csv" and result.media_type.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(result.content.decode("utf-8"))))
    assert rows[0] == [*original[0], *OWN_HEADERS]
    assert len(rows) == len(original)
    by_row = {r.row: r for r in result.rows}
    for i, (new, old) in enumerate(zip(rows[1:], original[1:], strict=True), start=2):
        assert new[:2] == old[:2]
        r = by_row[i]
        assert new[2] == ("" if r.verdict == "Unknown" else r.verdict)
        assert new[3] == r.verdict and new[5] == "\n".join(r.citations)
    again = fill(result.content, "again.csv", q_service, STAFF)
    assert again.summary.columns_added == [] and again.summary.kept_existing == result.summary.answered
    assert next(csv.reader(io.StringIO(again.content.decode("utf-8")))) == rows[0]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.xlsx", b"this is not a workbook at all", r"broken\.xlsx: not a readable \.xlsx workbook"),
        ("notes.pdf", b"%PDF-1.4", r"notes\.pdf: not a questionnaire format .*\.xlsx or \.csv"),
        ("empty.csv", b"", r"empty\.csv: the file is empty"),
        ("blank.csv", b" , \n,\n", r"blank\.csv: the file has no rows"),
        ("latin.csv", "Frage;Antwort\nHaben Sie eine KI-Richtlinie?;\n".encode("utf-16"), r"latin\.csv: not UTF-8"),
        ("numbers.csv", b"Name,Amount\nalpha,1\nbeta,2\n", r"numbers\.csv: no question-like column"),
    ],
)
def test_bad_files_name_the_file(q_service: Any, name: str, data: bytes, message: str) -> None:
    with pytest.raises(QuestionnaireError, match=message):
        fill(data, name, q_service, STAFF)


def test_bad_workbooks_name_the_file(q_service: Any) -> None:
    corrupt = io.BytesIO()
    with zipfile.ZipFile(corrupt, "w") as z:
        z.writestr("[Content_Types].xml", "<not xml")
    with pytest.raises(QuestionnaireError, match=r"corrupt\.xlsx: not a readable \.xlsx workbook"):
        fill(corrupt.getvalue(), "corrupt.xlsx", q_service, STAFF)
    with pytest.raises(QuestionnaireError, match=r"empty\.xlsx: every sheet is empty"):
        fill(_xlsx([]), "empty.xlsx", q_service, STAFF)
    with pytest.raises(QuestionnaireError, match=r"ledger\.xlsx: no question-like column"):
        fill(_xlsx([["Account", "Amount"], ["a", 1], ["b", 2]]), "ledger.xlsx", q_service, STAFF)
    no_column = r"q\.xlsx, sheet 'Sheet': no column 'Question' \(headers: Account, Amount\)"
    with pytest.raises(QuestionnaireError, match=no_column):
        fill(_xlsx([["Account", "Amount"], ["a", 1]]), "q.xlsx", q_service, STAFF, column="Question")


def test_huge_inputs_are_refused_before_answering(q_service: Any) -> None:
    many = [["ID", "Question"]] + [[f"Q{i}", f"Do you review model number {i} every year?"] for i in range(600)]
    started = time.perf_counter()
    refused = r"big\.xlsx, sheet 'Sheet', column 'Question': 600 questions"
    with pytest.raises(QuestionnaireLimitError, match=refused) as e:
        fill(_xlsx(many), "big.xlsx", q_service, STAFF)
    assert e.value.limit == "CLAUSEWISE_QUESTIONNAIRE_MAX_QUESTIONS"
    assert time.perf_counter() - started < 20, "refused without answering 600 questions"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(QuestionnaireLimitError, match=r"bomb\.xlsx: ") as e:
        fill(bomb.getvalue(), "bomb.xlsx", q_service, STAFF)
    assert e.value.limit in ("CLAUSEWISE_MAX_UNZIPPED_MB", "CLAUSEWISE_MAX_ZIP_RATIO")
    original = q_service.settings
    q_service.settings = original.model_copy(update={"max_file_mb": 0.0005})
    try:
        with pytest.raises(QuestionnaireLimitError, match=r"large\.csv: larger than 0\.0005 MB"):
            fill(CSV.read_bytes(), "large.csv", q_service, STAFF)
    finally:
        q_service.settings = original


def test_short_questions_are_not_taken_for_a_header(embedder: Any) -> None:
    grid: list[list[Any]] = [
        ["Security review", None],
        ["Ref", "Requirement"],
        ["A1", "Is MFA enforced for admins?"],
        ["A2", "Do you encrypt backups at rest?"],
        ["A3", "Are AI models reviewed yearly?"],
    ]
    layout = find_layout(grid, embedder.embed_documents)
    assert layout is not None and (layout.header_row, layout.question_col) == (2, 2)
