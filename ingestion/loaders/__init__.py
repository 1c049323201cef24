"""File loaders: one module per format, each turning raw bytes into a :class:`LoadedDocument`.

A loader never decides metadata precedence; it only reports what the file itself says
(``properties`` from document properties, ``front_matter`` from a Markdown header) and the text
split at the file's own structure (headings, pages, rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class LoaderError(Exception):
    """A file could not be read; the message says why (the caller adds the file name)."""


@dataclass(frozen=True)
class Section:
    """A structural unit of a document: text under one heading, one page, or one register row."""

    text: str
    section_path: tuple[str, ...] = ()
    page: int | None = None


@dataclass
class LoadedDocument:
    """What a loader extracted from one file."""

    sections: list[Section]
    #: Metadata the file carries itself (DOCX core properties, PDF info, HTML ``<meta>``), raw values.
    properties: dict[str, str] = field(default_factory=dict)
    #: YAML front matter of a Markdown file, as parsed.
    front_matter: dict[str, object] = field(default_factory=dict)
    #: The title the content suggests (first H1, ``<title>``), the weakest title source.
    title_hint: str | None = None
    #: Non-fatal remarks (e.g. the text encoding that had to be guessed).
    warnings: list[str] = field(default_factory=list)


Loader = Callable[[bytes, Path], LoadedDocument]


def _markdown(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.markdown import load_markdown

    return load_markdown(data, path)


def _text(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.plaintext import load_text

    return load_text(data, path)


def _pdf(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.pdf import load_pdf

    return load_pdf(data, path)


def _docx(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.word import load_docx

    return load_docx(data, path)


def _csv(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.spreadsheet import load_csv

    return load_csv(data, path)


def _xlsx(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.spreadsheet import load_xlsx

    return load_xlsx(data, path)


def _html(data: bytes, path: Path) -> LoadedDocument:
    from ingestion.loaders.html_page import load_html

    return load_html(data, path)


# Loader modules are imported on first use: an unchanged re-ingest never needs pypdf, docx or openpyxl.
LOADERS: dict[str, Loader] = {
    ".md": _markdown,
    ".markdown": _markdown,
    ".txt": _text,
    ".text": _text,
    ".pdf": _pdf,
    ".docx": _docx,
    ".csv": _csv,
    ".xlsx": _xlsx,
    ".html": _html,
    ".htm": _html,
}

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(LOADERS)


def is_supported(path: Path) -> bool:
    """Whether a loader exists for the file's extension (case-insensitive)."""
    return path.suffix.lower() in LOADERS


def load_file(path: Path, data: bytes) -> LoadedDocument:
    """Load ``data`` (the bytes of ``path``) with the loader for its extension.

    Raises :class:`LoaderError` with a reason when the file cannot be read or holds no text.
    """
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoaderError(f"unsupported file type {path.suffix or '(no extension)'}")
    if not data:
        raise LoaderError("empty file")
    document = loader(data, path)
    document.sections = [s for s in document.sections if s.text.strip()]
    if not document.sections:
        raise LoaderError("no text could be extracted")
    return document


__all__ = [
    "SUPPORTED_EXTENSIONS",
    "LoadedDocument",
    "LoaderError",
    "Section",
    "is_supported",
    "load_file",
]
