"""Sentence spans and content-word tokens used by the extractive answerer and the verifier."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£€$])")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|vs|no|cf|approx|incl|dept|ref|fig|para|cl|art|sec)\.$", re.I)
_LEADING_NOISE = re.compile(r"^[\s#>*|\-•–—:]+|^\d+(\.\d+)*[.)]?\s+(?=[A-Z*_])")
_TRAILING_NOISE = re.compile(r"[\s|]+$")
_WORD = re.compile(r"[a-z0-9£€$%][a-z0-9£€$%.\-/']*[a-z0-9%]|[a-z0-9£€$%]")

STOPWORDS = frozenset(
    """
    a about all also am an and any are as at be been being but by can could did do does doing done each
    find for from get give got had has have having hey hi how i if in into is it it's its just know let
    lets me more most my need no not of on only or other our ours own per please pls same shall should
    show so some such tell than that the their them then there these they this those to up us very via
    want was wat we were what what's whats when where which while who whom why will with would you your
    yours
    """.split()  # noqa: SIM905
)

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


def is_heading_like(text: str) -> bool:
    """A short line without a verb-bearing sentence, or a line in capitals: a heading or a label, not a statement."""
    words = text.split()
    if len(words) < 7 and not re.search(r"[.!?:;|]\s*$|\d", text) and not is_record(text):
        return True
    return is_caps_heading(text)


def is_caps_heading(text: str) -> bool:
    """A line or two in capitals without a sentence end ("MODEL OVERSIGHT BOARD - MINUTES OF MEETING").

    Plain-text and PDF documents mark headings by capitals rather than markup; a statement is rarely all capitals.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or len(text.split()) > 24 or re.search(r"[.!?]\s*$", text):
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_label_value(text: str) -> bool:
    """A table row of one label and one value ("Version | 2.1", "Next review due | 2026-03-01"): a whole fact."""
    cells = [c.strip() for c in text.split("|")]
    return len(cells) == 2 and all(cells) and len(cells[0].split()) <= 6


#: Markup and glyphs that are formatting, not words: Markdown emphasis, PDF bullet and control characters.
_MARKUP = re.compile(r"\*\*|__|[\x00-\x08\x0b-\x1f\x7f\u2022\u25aa\u25cf\uf0b7]")


def display(quote: str) -> str:
    """A quote as shown in an answer: wrapped lines joined, record fields ``; ``, no markup or stray glyphs.

    The citation keeps the verbatim quote (the verifier checks it against the stored chunk); only the line a
    reader sees is cleaned.
    """
    clean = _MARKUP.sub(" ", quote)
    if is_record(clean):
        return "; ".join(" ".join(ln.split()) for ln in clean.splitlines() if ln.strip())
    return " ".join(clean.split())


def stem(token: str) -> str:
    """A light suffix stripper: enough to match review/reviewed/reviews, not a linguistic stemmer."""
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            if suffix in ("ies", "ied"):
                return token[: -len(suffix)] + "y"
            return token[: -len(suffix)]
    return token


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words of a text (stopwords dropped)."""
    out: list[str] = []
    for raw in _WORD.findall(text.lower()):
        tok = raw.strip(".-/'")
        if not tok or tok in STOPWORDS:
            continue
        out.append(stem(tok))
    return out


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())
