"""Registers (CSV and XLSX): one section per data row, each cell written as ``header: value``.

A register row (a risk, a nonconformity, a dataset) is the unit a question is about, so rows are
never merged; the first non-empty row of a table gives the column headers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ingestion.loaders import DEFAULT_LIMITS, LimitError, Limits, LoadedDocument, LoaderError, Section
from ingestion.loaders.archive import check_archive
from ingestion.loaders.plaintext import decode_text, encoding_warning

#: Grid cells read per allowed row (``max_rows``): a row padded out to column XFD is 16,384 cells.
CELLS_PER_ROW = 20


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class RowBudget:
    """Rows, cells, characters and rows with data read so far from one file, against its limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rows = self.cells = self.chars = self.sections = 0

    def row(self, width: int) -> None:
        """Count one row of ``width`` grid cells before its cells are converted."""
        self.rows += 1
        self.cells += width
        if self.rows > self.limits.max_rows:
            raise LimitError(f"more than {self.limits.max_rows:,} rows", "CLAUSEWISE_MAX_ROWS")
        if self.cells > self.limits.max_rows * CELLS_PER_ROW:
            raise LimitError(
                f"more than {self.limits.max_rows * CELLS_PER_ROW:,} cells ({CELLS_PER_ROW} per allowed row)",
                "CLAUSEWISE_MAX_ROWS",
            )

    def text(self, cells: Sequence[str]) -> None:
        """Count the characters of one converted row."""
        self.chars += sum(len(c) for c in cells)
        self.limits.check_chars(self.chars, "characters of text")

    def section(self) -> None:
        """Count one data row (one section, so one chunk at least)."""
        self.sections += 1
        self.limits.check_sections(self.sections)


def rows_to_sections(
    rows: Iterable[Sequence[object]], prefix: tuple[str, ...] = (), budget: RowBudget | None = None
) -> list[Section]:
    """Header row + data rows → one section per non-empty data row (row numbers as in the file).

    ``rows`` is consumed lazily and ``budget`` counts as it goes, so a file over a limit stops being read there.
    """
    budget = budget or RowBudget(DEFAULT_LIMITS)
    sections: list[Section] = []
    headers: list[str] | None = None
    for number, raw in enumerate(rows, start=1):
        budget.row(len(raw))
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        budget.text(cells)
        if headers is None:
            headers = [h or f"Column {i + 1}" for i, h in enumerate(cells)]
            continue
        pairs = []
        for i, value in enumerate(cells):
            if value:
                header = headers[i] if i < len(headers) else f"Column {i + 1}"
                pairs.append(f"{header}: {value}")
        budget.section()
        sections.append(Section(text="\n".join(pairs), section_path=(*prefix, f"Row {number}")))
    return sections


def load_csv(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load a CSV register; the delimiter is sniffed (comma, semicolon, tab or pipe)."""
    text, encoding = decode_text(data)
    limits.check_chars(len(text))
    sample = text[:16384]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        sections = rows_to_sections(csv.reader(io.StringIO(text, newline=""), dialect), budget=RowBudget(limits))
    except csv.Error as exc:
        raise LoaderError(f"malformed CSV: {exc}") from exc
    if not sections:
        raise LoaderError("no data rows (a register needs a header row and at least one row)")
    return LoadedDocument(sections=sections, warnings=encoding_warning(encoding))


class _Extent:
    """The last row and column that hold a value, seen while the rows stream past."""

    def __init__(self) -> None:
        self.rows = self.columns = 0

    def watch(self, rows: Iterable[Sequence[object]]) -> Iterable[Sequence[object]]:
        for number, row in enumerate(rows, start=1):
            last = next((i for i in range(len(row), 0, -1) if row[i - 1] is not None and row[i - 1] != ""), 0)
            if last:
                self.rows = number
                self.columns = max(self.columns, last)
            yield row


def _dimension_warning(sheet: Any, declared: tuple[Any, ...], extent: _Extent) -> list[str]:
    """A remark when the sheet's ``<dimension>`` tag understates where its data ends."""
    from openpyxl.utils import get_column_letter

    min_row, min_col, max_row, max_col = declared
    if not all(isinstance(v, int) and v > 0 for v in declared):
        return []
    if extent.rows <= max_row and extent.columns <= max_col:
        return []
    ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
    last = f"{get_column_letter(max(extent.columns, 1))}{extent.rows}"
    return [f"sheet {sheet.title!r}: its <dimension> tag says {ref} but data reaches {last}; all rows were read"]


def load_xlsx(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load every worksheet of an XLSX workbook; the section path names the sheet and the row.

    Rows stream (openpyxl read-only mode) and are counted as they come, so a sheet over the limits
    stops being read at the limit.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(data, "XLSX", limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise LoaderError(f"not a valid XLSX workbook: {exc}") from exc
    warnings: list[str] = []
    try:
        sections: list[Section] = []
        budget = RowBudget(limits)
        for sheet in workbook.worksheets:
            declared = tuple(getattr(sheet, a, None) for a in ("min_row", "min_column", "max_row", "max_column"))
            # Read-only mode stops at the size the sheet's <dimension> tag states, and some writers
            # state too little: forget it and read every row the sheet really has.
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            extent = _Extent()
            rows = extent.watch(sheet.iter_rows(values_only=True))
            sections.extend(rows_to_sections(rows, prefix=(str(sheet.title),), budget=budget))
            warnings.extend(_dimension_warning(sheet, declared, extent))
        props = workbook.properties
        raw = {
            "title": props.title,
            "owner": props.creator,
            "doc_type": props.category,
            "status": props.contentStatus,
            "version": props.version,
        }
    finally:
        workbook.close()
    if not sections:
        raise LoaderError("no data rows in any worksheet")
    properties = {k: str(v).strip() for k, v in raw.items() if v and str(v).strip()}
    return LoadedDocument(sections=sections, properties=properties, warnings=warnings)
