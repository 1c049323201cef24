"""The filled workbook is the customer's own: formatting, other sheets, validations and given answers kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import MAIN
from openpyxl import Workbook, load_workbook

from assistant.questionnaire import OWN_HEADERS


@pytest.fixture(scope="module")
def books(filled_main: Any) -> tuple[Workbook, Workbook]:
    return load_workbook(MAIN), load_workbook(io.BytesIO(filled_main.content))


def _cells(ws: Any, max_col: int | None = None) -> dict[str, Any]:
    return {c.coordinate: c.value for row in ws.iter_rows(max_col=max_col) for c in row}


def test_other_sheet_untouched(books: tuple[Workbook, Workbook]) -> None:
    before, after = books
    assert after.sheetnames == before.sheetnames
    b, a = before["Instructions"], after["Instructions"]
    assert _cells(a) == _cells(b)
    assert a.column_dimensions["A"].width == b.column_dimensions["A"].width
    assert a["A1"].font.bold and a["A1"].font.size == b["A1"].font.size


def test_formatting_validation_and_layout_preserved(books: tuple[Workbook, Workbook]) -> None:
    before, after = books
    b, a = before["Questionnaire"], after["Questionnaire"]
    assert a.freeze_panes == b.freeze_panes
    assert {str(m) for m in a.merged_cells.ranges} == {str(m) for m in b.merged_cells.ranges}
    for letter in "ABCD":
        assert a.column_dimensions[letter].width == b.column_dimensions[letter].width, letter
    for col in range(1, 5):
        hb, ha = b.cell(row=4, column=col), a.cell(row=4, column=col)
        assert (ha.value, ha.font.bold, ha.font.color.rgb, ha.fill.fgColor.rgb) == (
            hb.value, hb.font.bold, hb.font.color.rgb, hb.fill.fgColor.rgb)  # fmt: skip
    dv_b = [(str(d.sqref), d.type, d.formula1) for d in b.data_validations.dataValidation]
    dv_a = [(str(d.sqref), d.type, d.formula1) for d in a.data_validations.dataValidation]
    assert dv_a == dv_b and dv_b == [("C5:C52", "list", '"Yes,No,Partial,N/A"')]
    # Question, ID and comment columns read exactly as before; only empty Response cells may change.
    for row in range(1, b.max_row + 1):
        for col in (1, 2, 4):
            assert a.cell(row=row, column=col).value == b.cell(row=row, column=col).value, (row, col)
        if b.cell(row=row, column=3).value not in (None, ""):
            assert a.cell(row=row, column=3).value == b.cell(row=row, column=3).value, row


def test_new_columns_and_response_dropdown_values(books: tuple[Workbook, Workbook], filled_main: Any) -> None:
    _, after = books
    ws = after["Questionnaire"]
    assert [ws.cell(row=4, column=c).value for c in range(5, 9)] == list(OWN_HEADERS)
    assert ws.cell(row=4, column=5).fill.fgColor.rgb == ws.cell(row=4, column=2).fill.fgColor.rgb  # header style
    vocabulary = {"Yes", "No", "Partial", "N/A"}
    for r in filled_main.rows:
        response = ws.cell(row=r.row, column=3).value
        assert ws.cell(row=r.row, column=5).value == r.verdict
        assert (ws.cell(row=r.row, column=8).value or "").startswith("Yes" if r.needs_review else "No")
        if r.response_kept is not None:
            assert response == r.response_kept and r.response_written is None
            continue
        assert response is None or response in vocabulary
        # Unknown is left blank for a person, never "N/A" (which would claim the requirement does not apply).
        assert (response is None) == (r.verdict == "Unknown"), (r.question_id, r.verdict, response)
        if r.verdict != "Unknown":
            assert response == r.verdict
    kept = {r.question_id: r.response_kept for r in filled_main.rows if r.response_kept is not None}
    assert kept == {"GOV-04": "Yes", "SEC-02": "N/A"}
    assert filled_main.summary.kept_existing == 2
    sec02 = next(r for r in filled_main.rows if r.question_id == "SEC-02")
    assert sec02.needs_review  # the given 'N/A' is kept; the row is still flagged


@pytest.mark.slow
def test_second_run_reuses_the_clausewise_columns(filled_main: Any, q_service: Any, tmp_path: Path) -> None:
    """Filling an already filled workbook adds no columns and keeps every answer written the first time."""
    from assistant.models import Asker
    from assistant.questionnaire import fill

    again = fill(filled_main.content, "again.xlsx", q_service, Asker(role="auditor"))
    assert again.summary.columns_added == []
    ws = load_workbook(io.BytesIO(again.content))["Questionnaire"]
    assert ws.max_column == 8
    first = sum(1 for r in filled_main.rows if r.response_written is not None or r.response_kept is not None)
    assert again.summary.kept_existing == first
    assert [r.verdict for r in again.rows] == [r.verdict for r in filled_main.rows]  # deterministic
