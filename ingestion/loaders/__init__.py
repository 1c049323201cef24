"""File loaders: one module per format, each turning raw bytes into a :class:`LoadedDocument`.

A loader never decides metadata precedence; it only reports what the file itself says
(``properties`` from document properties, ``front_matter`` from a Markdown header) and the text
split at the file's own structure (headings, pages, rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingestion.settings import Settings


class LoaderError(Exception):
    """A file could not be read; the message says why (the caller adds the file name)."""


class LimitError(LoaderError):
    """A file is over one of the configured size limits; ``limit`` names the setting's variable."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(f"{message} (limit {limit})")
        self.limit = limit


@dataclass(frozen=True)
class Limits:
    """What one document may cost to read; loaders check these while they read, not afterwards.

    The defaults match the settings' defaults (``ingestion.settings``), so a loader called on its own is
    bounded too.
    """

    #: Bytes a DOCX/XLSX may unpack to (all ZIP members together).
    max_unzipped_bytes: int = 50 * 1024 * 1024
    #: Largest compression ratio of a ZIP member above 1 MiB unpacked.
    max_zip_ratio: float = 200.0
    #: Rows read from a CSV or XLSX (all sheets, empty rows included).
    max_rows: int = 50_000
    #: Paragraphs of a DOCX (table cells included).
    max_paragraphs: int = 100_000
    #: Pages of a PDF.
    max_pages: int = 2_000
    #: Characters of text of one document (for text formats: of the decoded file).
    max_chars: int = 5_000_000
    #: Chunks of one document; a register row is one chunk at least, so this bounds rows with data too.
    max_chunks: int = 10_000

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits configured in ``settings`` (``CLAUSEWISE_MAX_*``)."""
        return cls(
            max_unzipped_bytes=int(settings.max_unzipped_mb * 1024 * 1024),
            max_zip_ratio=settings.max_zip_ratio,
            max_rows=settings.max_rows,
            max_paragraphs=settings.max_paragraphs,
            max_pages=settings.max_pages,
            max_chars=settings.max_chars,
            max_chunks=settings.max_chunks,
        )

    def check_chars(self, count: int, what: str = "characters") -> None:
        """Raise :class:`LimitError` when ``count`` characters are over the limit."""
        if count > self.max_chars:
            raise LimitError(f"more than {self.max_chars:,} {what}", "CLAUSEWISE_MAX_CHARS")

    def check_sections(self, count: int, unit: str = "rows with data") -> None:
        """Raise when ``count`` one-chunk-each sections (register rows) already exceed the chunk limit."""
        if count > self.max_chunks:
            raise LimitError(f"more than {self.max_chunks:,} {unit}, one chunk each", "CLAUSEWISE_MAX_CHUNKS")


DEFAULT_LIMITS = Limits()


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


Loader = Callable[[bytes, Path, Limits], LoadedDocument]


def _markdown(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.markdown import load_markdown

    return load_markdown(data, path, limits)


def _text(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.plaintext import load_text

    return load_text(data, path, limits)


def _pdf(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.pdf import load_pdf

    return load_pdf(data, path, limits)


def _docx(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.word import load_docx

    return load_docx(data, path, limits)


def _csv(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.spreadsheet import load_csv

    return load_csv(data, path, limits)


def _xlsx(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.spreadsheet import load_xlsx

    return load_xlsx(data, path, limits)


def _html(data: bytes, path: Path, limits: Limits) -> LoadedDocument:
    from ingestion.loaders.html_page import load_html

    return load_html(data, path, limits)


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


def load_file(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load ``data`` (the bytes of ``path``) with the loader for its extension, within ``limits``.

    Raises :class:`LoaderError` with a reason when the file cannot be read or holds no text, and
    :class:`LimitError` (naming the limit) as soon as reading it goes over one of ``limits``.
    """
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoaderError(f"unsupported file type {path.suffix or '(no extension)'}")
    if not data:
        raise LoaderError("empty file")
    document = loader(data, path, limits)
    document.sections = [s for s in document.sections if s.text.strip()]
    # Each loader counts as it reads; this is the same rule for whatever a loader let through.
    limits.check_chars(sum(len(s.text) for s in document.sections), "characters of text")
    if not document.sections:
        raise LoaderError("no text could be extracted")
    return document


__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_EXTENSIONS",
    "LimitError",
    "Limits",
    "LoadedDocument",
    "LoaderError",
    "Section",
    "is_supported",
    "load_file",
]
