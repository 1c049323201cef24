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

from ingestion.loaders import LoadedDocument, LoaderError, Section
from ingestion.loaders.plaintext import decode_text, encoding_warning


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


def rows_to_sections(rows: Iterable[Sequence[object]], prefix: tuple[str, ...] = ()) -> list[Section]:
    """Header row + data rows → one section per non-empty data row (row numbers as in the file)."""
    sections: list[Section] = []
    headers: list[str] | None = None
    for number, raw in enumerate(rows, start=1):
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        if headers is None:
            headers = [h or f"Column {i + 1}" for i, h in enumerate(cells)]
            continue
        pairs = []
        for i, value in enumerate(cells):
            if value:
                header = headers[i] if i < len(headers) else f"Column {i + 1}"
                pairs.append(f"{header}: {value}")
        sections.append(Section(text="\n".join(pairs), section_path=(*prefix, f"Row {number}")))
    return sections


def load_csv(data: bytes, path: Path) -> LoadedDocument:
    """Load a CSV register; the delimiter is sniffed (comma, semicolon, tab or pipe)."""
    text, encoding = decode_text(data)
    sample = text[:16384]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise LoaderError(f"malformed CSV: {exc}") from exc
    sections = rows_to_sections(rows)
    if not sections:
        raise LoaderError("no data rows (a register needs a header row and at least one row)")
    return LoadedDocument(sections=sections, warnings=encoding_warning(encoding))


def load_xlsx(data: bytes, path: Path) -> LoadedDocument:
    """Load every worksheet of an XLSX workbook; the section path names the sheet and the row."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise LoaderError(f"not a valid XLSX workbook: {exc}") from exc
    try:
        sections: list[Section] = []
        for sheet in workbook.worksheets:
            sections.extend(rows_to_sections(sheet.iter_rows(values_only=True), prefix=(str(sheet.title),)))
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
    return LoadedDocument(sections=sections, properties=properties)
