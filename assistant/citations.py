"""The citation verifier: every answer, extractive or generated, passes through it before it leaves the core.

Rules enforced: a citation's quote is a verbatim substring of its stored chunk; every ``[n]`` refers to a kept
citation; a sentence that carries no valid citation is dropped unless the composer declared it structural
(headings, labelled catalog guidance, abstention notes); sentences naming clause ids that do not exist in the
catalog are dropped; citations are renumbered by first use and unused ones removed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from assistant.models import Citation
from assistant.resolver import ClauseResolver
from assistant.text import display, sentences

_MARKER = re.compile(r"\[(\d{1,3})\]")


@dataclass
class Verified:
    """The answer text and citations that survived verification, and what was removed."""

    text: str
    citations: list[Citation]
    dropped_sentences: list[str] = field(default_factory=list)
    dropped_citations: list[int] = field(default_factory=list)


def verify(
    text: str,
    citations: Sequence[Citation],
    chunk_texts: Mapping[str, str],
    resolver: ClauseResolver,
    *,
    structural: Collection[str] = (),
    tolerated_ids: Collection[str] = (),
    sentence_level: bool = True,
) -> Verified:
    """Check ``text`` against ``citations`` and the stored chunks; return only what is supported."""
    valid: dict[int, Citation] = {}
    dropped_citations: list[int] = []
    for c in citations:
        if quote_in_chunk(c.quote, chunk_texts.get(c.chunk_id)):
            valid[c.n] = c
        else:
            dropped_citations.append(c.n)

    structural_set = {s.strip() for s in structural if s.strip()}
    tolerated = set(tolerated_ids)
    kept_lines: list[str] = []
    dropped_sentences: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            kept_lines.append("")
            continue
        if stripped in structural_set or _is_heading(stripped):
            kept_lines.append(line)
            continue
        if sentence_level:
            kept = verify_line(line, valid, resolver, tolerated, dropped_sentences)
        else:
            kept = _verify_whole_line(line, valid, resolver, tolerated, dropped_sentences)
        if kept is not None:
            kept_lines.append(kept)

    body = _collapse_blank_lines("\n".join(kept_lines)).strip()
    body, renumbered = _renumber(body, valid)
    return Verified(body, renumbered, dropped_sentences, dropped_citations)


def quote_in_chunk(quote: str, chunk: str | None) -> bool:
    """The citation rule: a non-empty quote that is a verbatim substring of the stored chunk text."""
    return chunk is not None and bool(quote) and quote in chunk


def find_quote(quote: str, chunk_texts: Mapping[str, str]) -> str | None:
    """The id of the first stored chunk that holds ``quote`` verbatim (the rule :func:`verify` applies), or None."""
    return next((cid for cid, text in chunk_texts.items() if quote_in_chunk(quote, text)), None)


def verify_line(
    line: str,
    valid: Mapping[int, Citation],
    resolver: ClauseResolver,
    tolerated: set[str],
    dropped: list[str],
) -> str | None:
    spans = sentences(line) or []
    if not spans:
        dropped.append(line.strip())
        return None
    pieces: list[str] = []
    for span in spans:
        # The sentence splitter cuts before a trailing marker; re-attach markers that follow the span.
        tail = re.match(r"\s*((?:\[\d{1,3}\]\s*)+)", line[span.end :])
        sentence = span.text + (" " + tail.group(1).strip() if tail else "")
        markers = [int(m) for m in _MARKER.findall(sentence)]
        good = [m for m in markers if m in valid]
        if not good:
            dropped.append(sentence)
            continue
        ids = resolver.resolve(_MARKER.sub(" ", sentence), topical=False)
        if [i for i in ids.invalid if i not in tolerated] and not _quotes_its_citation(sentence, good, valid):
            dropped.append(sentence)
            continue
        cleaned = _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", sentence)
        pieces.append(re.sub(r"\s{2,}", " ", cleaned).strip())
    if not pieces:
        return None
    prefix = re.match(r"^\s*([-*]|\d+\.)\s+", line)
    return (prefix.group(0) if prefix else "") + " ".join(pieces)


def _verify_whole_line(
    line: str,
    valid: Mapping[int, Citation],
    resolver: ClauseResolver,
    tolerated: set[str],
    dropped: list[str],
) -> str | None:
    """A composed evidence line (one quote, one marker) is kept whole when its citation is valid."""
    markers = [int(m) for m in _MARKER.findall(line)]
    if not any(m in valid for m in markers):
        dropped.append(line.strip())
        return None
    invalid = [i for i in resolver.resolve(_MARKER.sub(" ", line), topical=False).invalid if i not in tolerated]
    if invalid and not _quotes_its_citation(line, [m for m in markers if m in valid], valid):
        dropped.append(line.strip())
        return None
    return _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", line).rstrip()


def _quotes_its_citation(text: str, markers: Sequence[int], valid: Mapping[int, Citation]) -> bool:
    """Whether ``text`` (markers and bullet aside) is part of the verbatim quote of one of its citations.

    Numbers in a document's own words ("Version | 7.9") are not clause ids the answer invented; a sentence
    that merely cites a quote holding the number is still checked.
    """
    said = " ".join(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", _MARKER.sub(" ", text)).split())
    return bool(said) and any(said in " ".join(display(valid[m].quote).split()) for m in markers if m in valid)


def _is_heading(line: str) -> bool:
    return line.startswith("#") and len(line.split()) <= 12 and not _MARKER.search(line)


def _collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)


def _renumber(text: str, valid: Mapping[int, Citation]) -> tuple[str, list[Citation]]:
    order: dict[int, int] = {}
    for m in _MARKER.finditer(text):
        old = int(m.group(1))
        if old in valid and old not in order:
            order[old] = len(order) + 1
    new_text = _MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]" if int(m.group(1)) in order else "", text)
    cites = [valid[old].model_copy(update={"n": new}) for old, new in sorted(order.items(), key=lambda kv: kv[1])]
    return new_text, cites
