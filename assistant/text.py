"""Sentence spans and content-word tokens used by the extractive answerer and the verifier."""

from __future__ import annotations

import re

# Re-exported: the answerer splits chunks exactly as ingestion does (see ingestion.sentences).
from ingestion.sentences import Span as Span
from ingestion.sentences import is_record as is_record
from ingestion.sentences import sentences as sentences

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


def is_heading_like(text: str) -> bool:
    """A short line without a verb-bearing sentence, or a line in capitals: a heading or a label, not a statement."""
    words = text.split()
    if len(words) < 7 and not re.search(r"[.!?:;|]\s*$|\d", text) and not is_record(text) and not is_label_value(text):
        return True
    return is_caps_heading(text)


def is_caps_heading(text: str) -> bool:
    """A line or two in capitals without a sentence end (the title block of a set of meeting minutes).

    Plain-text and PDF documents mark headings by capitals rather than markup; a statement is rarely all capitals.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or len(text.split()) > 24 or re.search(r"[.!?]\s*$", text):
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_label_value(text: str) -> bool:
    """One label and its value, as a table row ("Version | 2.1") or a labelled line ("Apologies: <name>"):
    a whole fact however short."""
    cells = [c.strip() for c in text.split("|")]
    if len(cells) == 2 and all(cells) and len(cells[0].split()) <= 6:
        return True
    m = _LABELLED_LINE.match(text)
    return m is not None and len(m.group(1).split()) <= 6


#: A labelled line: a label without digits (so "Section 3: Scope" stays a heading) before a colon, then a value.
_LABELLED_LINE = re.compile(r"^\s*([A-Za-z][^:|\d\n]{0,60}):\s+(?=\S)[^\n]*\w")


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
