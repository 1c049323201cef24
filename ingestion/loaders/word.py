"""DOCX with python-docx: heading styles give the section path, tables become ``header: value`` rows."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ingestion.loaders import LoadedDocument, LoaderError, Section

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def table_rows(rows: list[list[str]]) -> list[str]:
    """Turn a table (first row = headers) into one ``header: value; ...`` line per data row."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    if len(rows) == 1:
        return ["; ".join(_dedupe(rows[0]))]
    headers = rows[0]
    if len(headers) == 2 and headers[0] and not headers[1]:
        # A two-column table whose first row has no second header is a key/value table
        # ("Document control" | "" / "Version" | "2.1"): each row is already a pair.
        kv_lines = [headers[0]]
        kv_lines.extend(f"{k}: {v}" if k and v else (k or v) for k, v in (r[:2] for r in rows[1:] if len(r) >= 2))
        return [line for line in kv_lines if line]
    lines: list[str] = []
    for row in rows[1:]:
        pairs: list[str] = []
        seen: set[tuple[str, str]] = set()
        for i, value in enumerate(row):
            if not value:
                continue
            header = headers[i] if i < len(headers) and headers[i] else f"Column {i + 1}"
            # Merged cells repeat the same text in every grid cell they span.
            if (header, value) in seen:
                continue
            seen.add((header, value))
            pairs.append(f"{header}: {value}")
        if pairs:
            lines.append("; ".join(pairs))
    return lines


def _dedupe(cells: list[str]) -> list[str]:
    out: list[str] = []
    for cell in cells:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


def _heading_level(paragraph: Any) -> int | None:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if name.lower() == "title":
        return 0
    match = _HEADING_STYLE.match(name)
    return int(match.group(1)) if match else None


def load_docx(data: bytes, path: Path) -> LoadedDocument:
    """Load a Word document in reading order (paragraphs and tables interleaved)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise LoaderError(f"not a valid DOCX file: {exc}") from exc

    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    heading = ""
    buffer: list[str] = []
    title_hint: str | None = None

    def flush() -> None:
        body = "\n".join(buffer).strip()
        if body:
            text = f"{heading}\n\n{body}" if heading else body
            sections.append(Section(text=text, section_path=tuple(h for _, h in stack)))
        buffer.clear()

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [[cell.text for cell in row.cells] for row in block.rows]
            buffer.extend(table_rows(rows))
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _heading_level(block)
        if level is None:
            buffer.append(text)
            continue
        flush()
        if level == 0 or (level == 1 and title_hint is None):
            title_hint = title_hint or text
        while stack and stack[-1][0] >= max(level, 1):
            stack.pop()
        stack.append((max(level, 1), text))
        heading = text
    flush()

    core = document.core_properties
    raw = {
        "title": core.title,
        "owner": core.author,
        "doc_type": core.category,
        "status": core.content_status,
        "version": core.version,
    }
    properties = {k: str(v).strip() for k, v in raw.items() if v and str(v).strip()}
    return LoadedDocument(sections=sections, properties=properties, title_hint=title_hint)
