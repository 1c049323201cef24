"""DOCX with python-docx: heading styles give the section path, tables become ``header: value`` rows."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ingestion.loaders import DEFAULT_LIMITS, LimitError, Limits, LoadedDocument, LoaderError, Section
from ingestion.loaders.archive import check_archive

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
#: XML elements of the main document part per allowed paragraph (``max_paragraphs``); real documents have
#: 5–15 per paragraph (properties, runs, run properties, text).
ELEMENTS_PER_PARAGRAPH = 10


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


class _HeadingLevels:
    """Heading level of a paragraph by its style, the styles looked up once per document.

    ``Paragraph.style`` searches the styles part with XPath on every call: 99,000 paragraphs took 276 s.
    """

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self._names: dict[str, str] = {}
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id:
                self._names[style.style_id] = style.name or ""
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        # python-docx answers the default paragraph style for a missing or unknown style id; so does this.
        self._default = (default.name or "") if default is not None else ""

    def __call__(self, paragraph: Any) -> int | None:
        style_id = paragraph._p.style
        name = self._names.get(style_id, self._default) if style_id else self._default
        if name.lower() == "title":
            return 0
        match = _HEADING_STYLE.match(name)
        return int(match.group(1)) if match else None


_R, _HYPERLINK, _P = f"{{{_W}}}r", f"{{{_W}}}hyperlink", f"{{{_W}}}p"
#: The run children python-docx reads as text (``CT_R.text``); each element's ``str()`` is its text.
_RUN_TEXT = frozenset(f"{{{_W}}}{t}" for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _run_text(run: Any) -> str:
    return "".join(str(e) for e in run if e.tag in _RUN_TEXT)


def _paragraph_text(p: Any) -> str:
    """``Paragraph.text`` without its two XPath queries per run (most of the time of a long document)."""
    parts: list[str] = []
    for child in p:
        if child.tag == _R:
            parts.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child if r.tag == _R)
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    """``_Cell.text``: its own paragraphs, one per line."""
    return "\n".join(_paragraph_text(p) for p in cell._tc if p.tag == _P)


class _Over(Exception):
    """Raised from inside the expat handlers to stop the scan at the first limit."""


def _expat(handlers: dict[str, Any]) -> Any:
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    for name, handler in handlers.items():
        setattr(parser, name, handler)

    def no_doctype(*_args: object) -> None:
        # OOXML never declares a DTD; one here could only define entities (a billion laughs).
        raise LoaderError("not a valid DOCX file: XML with a DOCTYPE declaration")

    parser.StartDoctypeDeclHandler = no_doctype
    return parser


def _feed(parser: Any, archive: zipfile.ZipFile, name: str) -> None:
    import xml.parsers.expat

    try:
        with archive.open(name) as member:
            while block := member.read(1024 * 1024):
                parser.Parse(block, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise LoaderError(f"not a valid DOCX file: {name}: {exc}") from exc


def _main_part(archive: zipfile.ZipFile) -> str:
    """The package's main document part, as ``_rels/.rels`` names it (usually ``word/document.xml``)."""
    targets: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_RELS} Relationship" and attrs.get("Type", "").endswith(_OFFICE_DOCUMENT):
            targets.append(attrs.get("Target", ""))

    try:
        _feed(_expat({"StartElementHandler": start}), archive, "_rels/.rels")
    except KeyError:
        return "word/document.xml"
    target = (targets[0] if targets else "word/document.xml").lstrip("/")
    return target


def _scan_body(data: bytes, limits: Limits) -> None:
    """Count paragraphs, table cells and characters of the main document part, streaming, before
    python-docx builds its whole tree; stop at the first limit.

    python-docx holds every element of the document in memory at once (a 1 MB file of 400,000 short
    paragraphs took 2.6 GB), so a document over the limits must be refused before it is parsed.
    """
    blocks = chars = elements = 0
    in_text = 0
    paragraph, cell, text = f"{_W} p", f"{_W} tc", f"{_W} t"
    span = f"{_W} gridSpan"
    value = f"{_W} val"
    # Runs, their formatting and everything else are elements too: 850,000 one-letter runs in 85 paragraphs
    # (a 2.4 MB file) held 766 MB in python-docx's tree.
    max_elements = limits.max_paragraphs * ELEMENTS_PER_PARAGRAPH

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal blocks, in_text, elements
        elements += 1
        if elements > max_elements:
            raise _Over(
                LimitError(
                    f"more than {max_elements:,} XML elements ({ELEMENTS_PER_PARAGRAPH} per allowed paragraph)",
                    "CLAUSEWISE_MAX_PARAGRAPHS",
                )
            )
        if tag == text:
            in_text += 1
        elif tag in (paragraph, cell):
            blocks += 1
        elif tag == span:
            # A cell spanning n grid columns is handed out n times by python-docx.
            raw = attrs.get(value, "1")
            blocks += max(int(raw) - 1, 0) if raw.isdigit() else 0
        else:
            return
        if blocks > limits.max_paragraphs:
            raise _Over(
                LimitError(
                    f"more than {limits.max_paragraphs:,} paragraphs and table cells", "CLAUSEWISE_MAX_PARAGRAPHS"
                )
            )

    def end(tag: str) -> None:
        nonlocal in_text
        if tag == text:
            in_text -= 1

    def characters(data: str) -> None:
        nonlocal chars
        if in_text:
            chars += len(data)
            if chars > limits.max_chars:
                raise _Over(LimitError(f"more than {limits.max_chars:,} characters of text", "CLAUSEWISE_MAX_CHARS"))

    parser = _expat({"StartElementHandler": start, "EndElementHandler": end, "CharacterDataHandler": characters})
    # Bigger text runs per callback: fewer Python calls.
    parser.buffer_text = True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = _main_part(archive)
            try:
                _feed(parser, archive, name)
            except KeyError as exc:
                raise LoaderError(f"not a valid DOCX file: no main document part {name}") from exc
    except _Over as over:
        raise over.args[0] from None


def load_docx(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load a Word document in reading order (paragraphs and tables interleaved), within ``limits``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    check_archive(data, "DOCX", limits)
    _scan_body(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise LoaderError(f"not a valid DOCX file: {exc}") from exc

    heading_level = _HeadingLevels(document)
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
            rows = [[_cell_text(cell) for cell in row.cells] for row in block.rows]
            buffer.extend(table_rows(rows))
            continue
        text = _paragraph_text(block._p).strip()
        if not text:
            continue
        level = heading_level(block)
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
