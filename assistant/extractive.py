"""Sentence selection for the default, fully local answerer: verbatim quotes scored against the question."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.injection import injection_sentences
from assistant.retrieval import Hit
from assistant.text import Span, content_terms, is_heading_like, sentences

_FREQUENCY = re.compile(
    r"\b(every|each)\s+(\d+|one|two|three|six|twelve|twenty-four)?\s*(days?|weeks?|months?|years?|quarters?)\b"
    r"|\b(annual(ly)?|quarterly|monthly|weekly|daily|biannual(ly)?|yearly|at least once)\b",
    re.I,
)
_DURATION = re.compile(r"\b\d+\s*(hours?|days?|weeks?|months?|years?|working days|business days)\b", re.I)
_NUMBER = re.compile(r"[£€$]\s?\d|\d+(\.\d+)?\s*(%|per ?cent)|\b\d+\.\d+\b|\b\d{2,}\b|≥|<=|>=|>|<")
_DATE = re.compile(
    r"\b(19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{4}\b"
    r"|\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(Committee|Board|Officer|Lead|Manager|Head|Director|Owner|Officer|Team|Unit|Council|CRO|DPO|CISO|AIGC|BRC)\b"
)
_APPROVAL = re.compile(r"\b(approv|sign(s|ed)?[- ]off|signs|authori[sz]|accept|endors|chair)", re.I)

_QUESTION_TYPES: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = (
    (re.compile(r"\bhow (often|frequently)\b|\binterval\b|\bfrequency\b|\bcadence\b", re.I), (_FREQUENCY,)),
    (re.compile(r"\bhow (long|quickly|soon|fast)\b|\bwithin\b|\bdeadline\b|\btimeframe\b", re.I), (_DURATION,)),
    (
        re.compile(
            r"\bwho\b|\bwhich (role|team|body|committee|person)\b|\bowner\b|\bresponsible\b|\baccountable\b", re.I
        ),
        (_ROLE,),
    ),
    (re.compile(r"\b(approv|sign(s)?[- ]?off|signs)", re.I), (_APPROVAL, _ROLE)),
    (re.compile(r"\bwhen\b|\bdate\b|\bwhat year\b", re.I), (_DATE,)),
    (
        re.compile(
            r"\b(threshold|limit|cap|floor|ceiling|how (much|many)|score|percent|rate|value|level|maximum|"
            r"minimum|max|min)\b",
            re.I,
        ),
        (_NUMBER,),
    ),
)


@dataclass
class Candidate:
    """A verbatim sentence of a retrieved chunk, scored against the question."""

    hit: Hit
    hit_rank: int
    span: Span
    score: float
    overlap: float


@dataclass(frozen=True)
class QueryTerms:
    """Weighted content terms of the question (and, lighter, its context)."""

    weights: dict[str, float]
    expected: tuple[re.Pattern[str], ...]

    @classmethod
    def build(cls, question: str, context: str = "", expansion: str = "") -> QueryTerms:
        """Question terms weigh 1, conversation context 0.5, catalog expansion 0.25."""
        weights: dict[str, float] = {}
        for text, w in ((expansion, 0.25), (context, 0.5), (question, 1.0)):
            for t in content_terms(text):
                weights[t] = max(weights.get(t, 0.0), w)
        expected: list[re.Pattern[str]] = []
        for trigger, patterns in _QUESTION_TYPES:
            if trigger.search(question):
                expected.extend(patterns)
        return cls(weights, tuple(expected))


def candidates(hits: Sequence[Hit], terms: QueryTerms, listing_docs: Collection[str] = ()) -> list[Candidate]:
    """Every usable sentence of the hits, scored and sorted best first; listing-document rows rank lower."""
    pool: list[tuple[int, Hit, Span, list[str]]] = []
    # Sentences addressed to an AI are document data, never evidence (one batch for all hits).
    injected = injection_sentences([h.text for h in hits])
    for rank, hit in enumerate(hits):
        for span in sentences(hit.text):
            if span.text in injected[rank]:
                continue
            pool.append((rank, hit, span, content_terms(span.text)))
    if not pool:
        return []
    df: Counter[str] = Counter()
    for _, _, _, toks in pool:
        df.update(set(toks))
    n = len(pool)

    def idf(t: str) -> float:
        return math.log(1.0 + n / (1.0 + df.get(t, 0)))

    total = sum(w * idf(t) for t, w in terms.weights.items()) or 1.0
    best_hit = max((h.score for h in hits), default=1.0) or 1.0
    out: list[Candidate] = []
    for rank, hit, span, toks in pool:
        present = set(toks)
        overlap = sum(w * idf(t) for t, w in terms.weights.items() if t in present) / total
        score = overlap
        score += 0.25 * (hit.score / best_hit)
        score += 0.15 * max(hit.dense, 0.0)
        if terms.expected and any(p.search(span.text) for p in terms.expected):
            score += 0.2
        words = len(span.text.split())
        if is_heading_like(span.text):
            score -= 0.35
        elif words < 5:
            score -= 0.25
        elif words > 70:
            score -= 0.1
        if "|" in span.text and span.text.count("|") > 6:
            score -= 0.05
        if hit.doc_id in listing_docs:
            score -= 0.2
        out.append(Candidate(hit, rank, span, score, overlap))
    out.sort(key=lambda c: c.score, reverse=True)
    return out


def select(cands: Sequence[Candidate], *, limit: int = 3, ratio: float = 0.72) -> list[Candidate]:
    """The best sentence plus close runners-up, at most one per chunk and never near-duplicates."""
    if not cands:
        return []
    best = cands[0].score
    chosen: list[Candidate] = []
    seen_text: list[set[str]] = []
    used_chunks: set[str] = set()
    for cand in cands:
        if len(chosen) >= limit or cand.score < best * ratio:
            break
        if cand.hit.chunk_id in used_chunks:
            continue
        toks = set(content_terms(cand.span.text))
        if any(len(toks & s) / max(1, len(toks | s)) > 0.6 for s in seen_text):
            continue
        chosen.append(cand)
        seen_text.append(toks)
        used_chunks.add(cand.hit.chunk_id)
    return chosen


def best_sentence(text: str, target: str) -> str | None:
    """The sentence of ``text`` sharing most content words with ``target`` (never a heading or an injection)."""
    want = set(content_terms(target))
    best: tuple[float, str] | None = None
    injected = injection_sentences([text])[0]
    for span in sentences(text):
        if span.text in injected or is_heading_like(span.text):
            continue
        toks = set(content_terms(span.text))
        if not toks:
            continue
        score = len(toks & want) / (1 + 0.02 * len(toks))
        if best is None or score > best[0]:
            best = (score, span.text)
    return best[1] if best else None
