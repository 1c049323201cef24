"""Sentence spans of a chunk: shared by ingestion (sentence vectors computed with the chunk's own encoding)
and the answerer (candidate sentences), so both split a chunk the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£€$])")
#: Abbreviations a full stop does not end a sentence after; honorifics too ("Chair: Dr. <name>, ...").
_ABBREVIATION = re.compile(
    r"\b(e\.g|i\.e|etc|vs|no|cf|approx|incl|dept|ref|fig|para|cl|art|sec|dr|mr|mrs|ms|mx|prof|rev|st|jr|sr)\.$", re.I
)
_LEADING_NOISE = re.compile(r"^[\s#>*|\-•–—:]+|^\d+(\.\d+)*[.)]?\s+(?=[A-Z*_])")
_TRAILING_NOISE = re.compile(r"[\s|]+$")


@dataclass(frozen=True)
class Span:
    """A sentence as a verbatim slice of its chunk text."""

    start: int
    end: int
    text: str


_BLOCK_START = re.compile(r"^\s*([-*+•>|#]|\d+(\.\d+)*[.)]?\s|[A-Za-z][\w /()&-]{0,40}:\s)")
_RECORD_LINE = re.compile(r"^\s*[A-Za-z][\w /()&-]{0,40}:\s+\S")


def is_record(text: str) -> bool:
    """True for a register row rendered as ``header: value`` lines (CSV/XLSX rows)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return len(lines) >= 3 and sum(1 for ln in lines if _RECORD_LINE.match(ln)) >= 0.7 * len(lines)


def sentences(text: str) -> list[Span]:
    """Split a chunk into sentence spans; every span's text is ``text[start:end]`` exactly.

    Hard-wrapped paragraphs are read as one block (a sentence may span a line break); list items, table rows
    and headings start new blocks. A register row (``header: value`` lines) is one span: its fields belong together.
    """
    if is_record(text):
        body = text.strip()
        if not body:
            return []
        start = text.index(body)
        return [Span(start, start + len(body), body)]
    spans: list[Span] = []
    for b_start, b_end in _blocks(text):
        block = text[b_start:b_end]
        pos = 0
        for m in _SENTENCE_END.finditer(block):
            if _ABBREVIATION.search(block, 0, m.start()):
                continue
            _add(spans, text, b_start + pos, b_start + m.start())
            pos = m.end()
        _add(spans, text, b_start + pos, b_end)
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            if start is not None:
                blocks.append((start, end))
                start = None
            continue
        if start is None or _BLOCK_START.match(body) or text[start:end].lstrip().startswith(("#", "|")):
            if start is not None:
                blocks.append((start, end))
            start = line_start
        end = line_start + len(body)
    if start is not None:
        blocks.append((start, end))
    return blocks


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    lead = _LEADING_NOISE.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAILING_NOISE.search(text[start:end])
    if trail:
        end = start + trail.start()
    if end - start >= 12 and re.search(r"[A-Za-z]{3}", text[start:end]):
        spans.append(Span(start, end, text[start:end]))
