"""Sentence spans and content-word tokens used by the extractive answerer and the verifier."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£€$])")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|vs|no|cf|approx|incl|dept|ref|fig|para|cl|art|sec)\.$", re.I)
_LEADING_NOISE = re.compile(r"^[\s#>*|\-•–—:]+|^\d+(\.\d+)*[.)]?\s+(?=[A-Z])")
_TRAILING_NOISE = re.compile(r"[\s|]+$")
_WORD = re.compile(r"[a-z0-9£€$%][a-z0-9£€$%.\-/']*[a-z0-9%]|[a-z0-9£€$%]")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "it's",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "ours",
        "shall",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "about",
        "any",
        "all",
        "also",
        "am",
        "each",
        "just",
        "more",
        "most",
        "no",
        "not",
        "only",
        "other",
        "own",
        "same",
        "some",
        "very",
        "via",
        "per",
        "tell",
        "show",
        "give",
        "find",
        "me",
        "please",
        "pls",
        "hi",
        "hey",
        "know",
        "need",
        "want",
        "get",
        "got",
        "let",
        "lets",
        "whats",
        "what's",
        "wat",
    ]
)

#: Lines that read as instructions aimed at an AI system: data in a document, never obeyed or quoted as fact.
INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all)\b[^.]{0,30}"
    r"\b(instructions?|prompts?|rules?|guidance)\b|\byou are now\b|\bsystem prompt\b|\bact as\b[^.]{0,30}\bassistant\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A sentence as a verbatim slice of its chunk text."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """Split a chunk into sentence spans; every span's text is ``text[start:end]`` exactly."""
    spans: list[Span] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        pos = 0
        for m in _SENTENCE_END.finditer(body):
            if _ABBREVIATION.search(body, 0, m.start()):
                continue
            _add(spans, text, line_start + pos, line_start + m.start())
            pos = m.end()
        _add(spans, text, line_start + pos, line_start + len(body))
    return spans


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
