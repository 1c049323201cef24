"""PDF with pypdf: one section per page (1-based page numbers kept), document info as properties."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ingestion.loaders import LoadedDocument, LoaderError, Section

# Standard info keys and the metadata fields they feed; other keys pass through by their own name,
# so a producer can set e.g. /Classification or /DocType directly.
_INFO_KEYS = {"/Title": "title", "/Author": "owner"}


def load_pdf(data: bytes, path: Path) -> LoadedDocument:
    """Extract text per page; encrypted, corrupt or image-only PDFs raise :class:`LoaderError`."""
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
        except Exception as exc:  # pypdf raises several types (DependencyError, NotImplementedError)
            raise LoaderError(f"encrypted PDF that cannot be opened: {exc}") from exc
        if not opened:
            raise LoaderError("encrypted PDF (password protected); remove the password and ingest it again")

    sections: list[Section] = []
    try:
        pages = list(reader.pages)
        for number, page in enumerate(pages, start=1):
            text = page.extract_text() or ""
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
