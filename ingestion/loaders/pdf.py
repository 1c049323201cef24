"""PDF with pypdf: one section per page (1-based page numbers kept), document info as properties."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ingestion.loaders import DEFAULT_LIMITS, LimitError, Limits, LoadedDocument, LoaderError, Section

# Standard info keys and the metadata fields they feed; other keys pass through by their own name,
# so a producer can set e.g. /Classification or /DocType directly.
_INFO_KEYS = {"/Title": "title", "/Author": "owner"}


def load_pdf(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Extract text per page; encrypted, corrupt or image-only PDFs raise :class:`LoaderError`.

    The page count is checked before any text is extracted, and the characters as pages are extracted.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf logs every repair attempt of a damaged file; the per-file error in the report says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoaderError("not a PDF file (missing %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoaderError(f"corrupt PDF: {exc}") from exc
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception as exc:  # pypdf raises many types (missing crypto package, unknown algorithm)
            raise LoaderError(f"encrypted PDF that cannot be opened: {exc}") from exc
        if not opened:
            raise LoaderError("encrypted PDF (password protected); remove the password and ingest it again")

    sections: list[Section] = []
    try:
        _check_pages(reader, limits)
        pages = list(reader.pages)
        raw_texts: list[str] = []
        chars = 0
        for page in pages:
            raw_texts.append(page.extract_text() or "")
            chars += len(raw_texts[-1])
            limits.check_chars(chars, "characters of text")
        texts = _strip_running_lines(raw_texts)
        for number, text in enumerate(texts, start=1):
            if text.strip():
                sections.append(Section(text=text.strip(), page=number))
        raw_info: Mapping[Any, Any] = reader.metadata or {}
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise LoaderError(f"corrupt PDF: {exc}") from exc
    if pages and not sections:
        raise LoaderError("no extractable text in the PDF (scanned images need OCR first)")

    properties: dict[str, str] = {}
    for key, value in raw_info.items():
        if value is None:
            continue
        text_value = str(value).strip()
        if not text_value:
            continue
        name = _INFO_KEYS.get(str(key), str(key).lstrip("/"))
        properties[name] = text_value
    return LoadedDocument(sections=sections, properties=properties)


def _check_pages(reader: Any, limits: Limits) -> None:
    over = LimitError(f"more than {limits.max_pages:,} pages", "CLAUSEWISE_MAX_PAGES")
    # The page tree's own /Count first (free), then the pages really found in it (a walk of the tree).
    declared = reader.trailer["/Root"]["/Pages"].get("/Count")
    if isinstance(declared, int) and declared > limits.max_pages:
        raise over
    if len(reader.pages) > limits.max_pages:
        raise over


_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d+\s*(of|/)\s*\d+\s*$|\bpage\s+\d+(\s+of\s+\d+)?\s*$", re.IGNORECASE)


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Drop running headers and footers: a first/last line repeated on most pages, and page-number lines.

    Left in, "Acme plc - Model Card INTERNAL" would be glued to the first sentence of every page.
    """
    pages = [_drop_numbered_edges(p, n) for n, p in enumerate(pages, start=1)]
    if len(pages) < 2:
        return [_drop_page_numbers(p) for p in pages]
    edges: dict[str, int] = {}
    for page in pages:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        for line in {*lines[:2], *lines[-2:]}:
            key = re.sub(r"\d+", "#", line)
            edges[key] = edges.get(key, 0) + 1
    running = {k for k, n in edges.items() if n >= max(2, (len(pages) + 1) // 2)}
    out: list[str] = []
    for page in pages:
        lines = page.splitlines()
        kept = [ln for ln in lines if re.sub(r"\d+", "#", ln.strip()) not in running]
        out.append(_drop_page_numbers("\n".join(kept)))
    return out


def _drop_page_numbers(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not _PAGE_NUMBER.search(ln.strip()) or len(ln.split()) > 6)


def _drop_numbered_edges(page: str, number: int) -> str:
    """Drop a first or last line that ends with this page's own number ("Acme card v2 - Internal - page 1").

    Such a line is a running header or footer even on a one-page PDF, where no repetition can show it.
    """
    ending = re.compile(rf"\bpage\s+{number}(\s*(of|/)\s*\d+)?\s*$", re.IGNORECASE)
    lines = page.splitlines()
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    edges = {*filled[:2], *filled[-2:]}
    return "\n".join(ln for i, ln in enumerate(lines) if i not in edges or not ending.search(ln.strip()))
