"""Plain text: decoding of any text-like file (UTF-8, UTF-16 with BOM, cp1252, guessed) and ``.txt``."""

from __future__ import annotations

import codecs
from pathlib import Path

from ingestion.loaders import DEFAULT_LIMITS, Limits, LoadedDocument, LoaderError, Section

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, form feed and carriage return do not occur in real text.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch in _CONTROL)
    return controls / len(sample) > 0.05


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a text file; returns ``(text, encoding)``.

    UTF-8 first, then cp1252 (the usual encoding of Windows exports), then a statistical guess.
    Raises :class:`LoaderError` for binary content.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoaderError(f"invalid {encoding} text: {exc.reason}") from exc
            return text, encoding
    if b"\x00" in data[:8192]:
        raise LoaderError("binary content in a text file (NUL bytes)")
    decoded: str | None = None
    encoding = ""
    for candidate in ("utf-8", "cp1252"):
        try:
            decoded = data.decode(candidate)
            encoding = candidate
            break
        except UnicodeDecodeError:
            continue
    if decoded is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise LoaderError("binary content in a text file (no text encoding fits)")
        decoded, encoding = str(best), best.encoding
    if _looks_binary(decoded):
        raise LoaderError("binary content in a text file (control characters)")
    return decoded, encoding


def encoding_warning(encoding: str) -> list[str]:
    """A report line when the text was not UTF-8."""
    if encoding in ("utf-8", "utf-8-sig", "ascii"):
        return []
    return [f"decoded as {encoding} (not UTF-8)"]


def load_text(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """A ``.txt`` file is one section; the chunker splits it at blank lines, then by size."""
    text, encoding = decode_text(data)
    limits.check_chars(len(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    # A short first line is almost always the document's title in a plain-text export.
    hint = first_line if 0 < len(first_line) <= 120 else None
    return LoadedDocument(sections=[Section(text=text.strip())], title_hint=hint, warnings=encoding_warning(encoding))
