"""Contradictions: two current documents giving different values of the same quantity about the same subject.

Each sentence yields quantities — a value, its unit class (duration, working days, frequency, percent, money,
ratio) and the *subject*, the phrase the quantity is about ("AI policy reviewed", "availability"). Two quantities
contradict only when their unit classes match, their values differ once normalised (12 months = 1 year =
annually), and their subjects are the same by meaning: the embedding similarity of the subject phrases reaches
:data:`SUBJECT_SIMILARITY` and that of the clauses with the quantity masked reaches :data:`CONTEXT_SIMILARITY`.
So "99.9 % availability" and "a 38 % market share", or "logs kept for 1 day" and "complaints answered within
30 days", are not contradictions.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ingestion.embedding import Embedder

#: Cosine similarity of two subject phrases from which they name the same thing.
SUBJECT_SIMILARITY = 0.65
#: Cosine similarity of the two clauses, quantities masked, from which they say the same kind of thing.
CONTEXT_SIMILARITY = 0.6
#: Relative difference below which two durations are the same (30 days = 1 month, 52 weeks = 1 year).
DURATION_TOLERANCE = 0.03
#: Phrases whose vectors are kept per embedder (subject and context phrases).
CACHE_SIZE = 20_000

_HOURS = {"hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "quarter": 2190.0, "year": 8760.0}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted((w for w in _NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
    + r")"
)
_UNIT = r"(?P<unit>hours?|hrs?|days?|weeks?|months?|quarters?|years?)"
_WORKING = r"(?P<unit>(?:working|business) days?)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            r"(?P<cur>[£€$])\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mult>k|m|bn|million|"
            r"thousand|billion)?\b|(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult2>k|m|million|thousand)?\s*"
            r"(?P<cur2>GBP|EUR|USD)\b",
            re.I,
        ),
    ),
    ("percent", re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|per ?cent\b|percent\b)", re.I)),
    (
        "frequency",
        re.compile(
            r"\b(?:every|each)\s+(?:" + _NUM + r"[\s-]+)?" + _UNIT + r"\b"
            r"|\b(?P<times>once|twice|"
            + _NUM.replace("?P<num>", "?P<tnum>")
            + r" times)\s+(?:a|per|each|every)\s+"
            + _UNIT.replace("?P<unit>", "?P<tunit>")
            + r"\b"
            r"|\b(?P<word>annually|annual|yearly|quarterly|monthly|weekly|daily|bi-?annually|semi-?annually|"
            r"biennially|biennial|fortnightly)\b",
            re.I,
        ),
    ),
    ("working_duration", re.compile(r"\b(?:" + _NUM + r"|(?P<art>an?))[\s-]+" + _WORKING + r"\b", re.I)),
    ("duration", re.compile(r"\b(?:" + _NUM + r"|(?P<art>an?))[\s-]+" + _UNIT + r"\b'?", re.I)),
    (
        "ratio",
        re.compile(
            r"\b(?P<metric>psi|score|threshold|ratio|index|auc|gini|f1|precision|recall|drift|limit|cap)\b"
            r"(?:\s+[a-z]+){0,4}?\s+(?:of\s+|is\s+|at\s+|exceeds\s+|above\s+|below\s+|to\s+|than\s+|least\s+|most\s+)?"
            r"(?P<num>\d*\.\d+|\d+\.\d+)(?![\d.]*\d)",
            re.I,
        ),
    ),
)
_FREQ_WORDS = {
    "annually": 8760.0, "annual": 8760.0, "yearly": 8760.0, "quarterly": 2190.0, "monthly": 730.0,
    "weekly": 168.0, "daily": 24.0, "biannually": 4380.0, "bi-annually": 4380.0, "semiannually": 4380.0,
    "semi-annually": 4380.0, "biennially": 17520.0, "biennial": 17520.0, "fortnightly": 336.0,
}  # fmt: skip
_MULT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_CURRENCY = {"£": "GBP", "€": "EUR", "$": "USD"}

#: Where a clause ends: the subject of a quantity is looked for inside its own clause.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]|]|\s[\u2013\u2014-]\s|,\s+(?=(?:and|but|or|while|whereas|which|unless|except|if|so|then|sooner)\b)"
    r"|\.\s"
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:\.\d+)?")
#: Words that never name a subject: function words, auxiliaries, and the words that link a quantity to it.
_FUNCTION = frozenset(
    """
    a an the this that these those its it their our your his her my we they you he she i us them any all each every
    of in on at to for by with within from after before during over under above below up down than then as per via
    and or but nor so if when while whereas unless until since because though although whether which who whom whose
    is are was were be been being am has have had do does did will would shall should must may might can could
    not no never only also just least most more less no-one none same other such own very too about around
    approximately roughly some there here where what how why set kept held capped limited targeted stay stays remain
    remains exceed exceeds exceeding reach reaches at-least
    """.split()  # noqa: SIM905
)
#: Words that start an agent or a trailing qualifier after the quantity ("by the lead", "and sooner if ...").
_RIGHT_STOP = frozenset("by and or but if unless while when after before of from to for in on at with".split())  # noqa: SIM905


@dataclass(frozen=True)
class Quantity:
    """One quantity of a sentence: its normalised value, unit class and what it is about."""

    text: str
    value: float
    unit_class: str
    start: int
    end: int
    #: The phrase the quantity is about: content words before it in its clause, and the noun right after it.
    subject: str
    #: The quantity's clause with the quantity replaced by a placeholder.
    context: str


def _number(raw: str | None) -> float | None:
    if raw is None:
        return None
    raw = raw.lower().replace(",", "")
    if raw in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _unit_hours(unit: str) -> float:
    u = unit.lower().rstrip("s")
    u = {"hr": "hour"}.get(u, u)
    return _HOURS[u]


def _value(kind: str, m: re.Match[str]) -> tuple[str, float] | None:
    g = m.groupdict()
    if kind == "money":
        cur = g.get("cur") or g.get("cur2") or ""
        num = _number(g.get("num") or g.get("num2"))
        mult = (g.get("mult") or g.get("mult2") or "").lower()
        if num is None:
            return None
        return f"money:{_CURRENCY.get(cur, cur.upper())}", num * _MULT.get(mult, 1.0)
    if kind == "percent":
        num = _number(g.get("num"))
        return None if num is None else ("percent", num)
    if kind == "frequency":
        if g.get("word"):
            return "frequency", _FREQ_WORDS[g["word"].lower()]
        if g.get("times"):
            times = {"once": 1.0, "twice": 2.0}.get(g["times"].lower()) or _number(g.get("tnum")) or 1.0
            return "frequency", _unit_hours(g["tunit"]) / times
        num = _number(g.get("num")) or 1.0
        return "frequency", num * _unit_hours(g["unit"])
    if kind in ("duration", "working_duration"):
        num = 1.0 if g.get("art") else _number(g.get("num"))
        if num is None:
            return None
        if kind == "working_duration":
            return "working_duration", num
        return "duration", num * _unit_hours(g["unit"])
    if kind == "ratio":
        num = _number(g.get("num"))
        return None if num is None else ("ratio", num)
    return None


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause holding ``sentence[start:end]``."""
    lo, hi = 0, len(sentence)
    for b in _CLAUSE_BREAK.finditer(sentence):
        if b.end() <= start:
            lo = b.end()
        elif b.start() >= end:
            hi = b.start()
            break
    return lo, hi


def _subject(sentence: str, start: int, end: int, lo: int, hi: int, quantity_spans: Sequence[tuple[int, int]]) -> str:
    left = sentence[lo:start]
    for s, e in quantity_spans:  # other quantities of the clause say nothing about this one's subject
        if lo <= s and e <= start:
            left = left.replace(sentence[s:e], " ")
    words = [w for w in _TOKEN.findall(left) if w.lower() not in _FUNCTION and not w[0].isdigit()]
    head = words[-6:]
    tail = _TOKEN.findall(sentence[end:hi].lstrip(" '’"))
    right: list[str] = []
    # "5 % false positive rate", "30 days' notice": the noun right after the quantity is what it measures;
    # "10 % of conversations": so is the noun phrase after "of".
    rest = tail[1:] if tail and tail[0].lower() == "of" else tail
    for w in rest:
        if w.lower() in _RIGHT_STOP or (w.lower() in _FUNCTION and right) or len(right) >= 3:
            break
        if w.lower() not in _FUNCTION and not w[0].isdigit():
            right.append(w)
    if len(head) < 2:
        # The quantity opens its clause ("At least 10 % of chats are sampled"): the words after it say what it is.
        right = [w for w in rest if w.lower() not in _FUNCTION and not w[0].isdigit()][:6]
    return " ".join([*head, *right]).strip()


def extract(sentence: str) -> list[Quantity]:
    """Every quantity of ``sentence`` with its unit class, normalised value, subject and masked clause."""
    found: list[tuple[int, int, str, float]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            got = _value(kind, m)
            if got is None:
                continue
            if kind == "ratio":
                # Only the number is the quantity; the metric's name is part of the subject.
                s = m.start("num")
            found.append((s, e, got[0], got[1]))
            taken.append((s, e))
    spans = [(s, e) for s, e, _, _ in found]
    out: list[Quantity] = []
    for s, e, unit_class, value in sorted(found):
        lo, hi = _clause(sentence, s, e)
        context = " ".join((sentence[lo:s] + " N " + sentence[e:hi]).split())
        subject = _subject(sentence, s, e, lo, hi, spans)
        out.append(Quantity(sentence[s:e].strip(), value, unit_class, s, e, subject, context))
    return out


def values_differ(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of the same unit class state different values (durations within a tolerance)."""
    if a.unit_class != b.unit_class:
        return False
    if a.unit_class in ("duration", "frequency"):
        return abs(a.value - b.value) > DURATION_TOLERANCE * max(a.value, b.value)
    return abs(a.value - b.value) > 1e-9


def _phrases(q: Quantity) -> tuple[str, str]:
    """(subject phrase, masked clause) of a quantity; a quantity without subject words is its clause."""
    return q.subject or q.context, q.context


class SubjectMatcher:
    """Compares quantity subjects by meaning with the project's embedder; phrase vectors are cached."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        subject_threshold: float = SUBJECT_SIMILARITY,
        context_threshold: float = CONTEXT_SIMILARITY,
    ) -> None:
        self.embedder = embedder
        self.subject_threshold = subject_threshold
        self.context_threshold = context_threshold
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, phrases: Sequence[str]) -> dict[str, np.ndarray]:
        """Unit vectors of the phrases (embedded in one batch, cached)."""
        with self._lock:
            have = {p: self._cache[p] for p in phrases if p in self._cache}
        missing = list(dict.fromkeys(p for p in phrases if p not in have))
        if missing:
            vecs = np.asarray(self.embedder.embed_documents(missing), dtype=np.float32)
            with self._lock:
                for p, v in zip(missing, vecs, strict=True):
                    self._cache[p] = v
                    have[p] = v
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return have

    def similarity(self, a: Quantity, b: Quantity) -> tuple[float, float]:
        """(subject similarity, context similarity) of two quantities."""
        (sa, ca), (sb, cb) = _phrases(a), _phrases(b)
        vec = self.vectors([sa, ca, sb, cb])
        return float(vec[sa] @ vec[sb]), float(vec[ca] @ vec[cb])

    def same_subject(self, a: Quantity, b: Quantity) -> bool:
        """Whether two quantities are about the same thing (both similarities reach their thresholds)."""
        subj, ctx = self.similarity(a, b)
        return subj >= self.subject_threshold and ctx >= self.context_threshold

    def contradiction(self, first: str, second: str) -> tuple[Quantity, Quantity] | None:
        """The first pair of quantities, one from each sentence, that contradict each other (or None)."""
        qa, qb = extract(first), extract(second)
        pairs = [(a, b) for a in qa for b in qb if a.unit_class == b.unit_class and values_differ(a, b)]
        if not pairs:
            return None
        # One batch for every phrase the comparisons need.
        self.vectors([p for a, b in pairs for p in (*_phrases(a), *_phrases(b))])
        for a, b in pairs:
            if self.same_subject(a, b):
                return a, b
        return None


class _Candidate(Protocol):
    hit: Any
    span: Any
    score: float


@dataclass(frozen=True)
class Conflict:
    """Two current documents that state different values of the same quantity about the same subject."""

    first: Any
    second: Any
    first_quantity: Quantity
    second_quantity: Quantity

    @property
    def unit_class(self) -> str:
        """The kind of quantity they disagree on."""
        return self.first_quantity.unit_class


_matchers: dict[int, SubjectMatcher] = {}
_matchers_lock = threading.Lock()


def matcher_for(embedder: Embedder) -> SubjectMatcher:
    """The process-wide matcher for ``embedder`` (so phrase vectors are cached across answers)."""
    with _matchers_lock:
        m = _matchers.get(id(embedder))
        if m is None or m.embedder is not embedder:
            m = SubjectMatcher(embedder)
            _matchers[id(embedder)] = m
        return m


#: Sentences of one document compared for a contradiction, per kind of quantity (see ``find_conflict``).
PER_DOC = 2


def find_conflict(cands: Sequence[Any], embedder: Embedder, *, window: float = 0.6, top: int = 12) -> Conflict | None:
    """A contradiction among the top sentences of different current documents, if any.

    ``cands`` are scored candidates (with ``hit``, ``span`` and ``score``), best first; only those within
    ``window`` of the best score are compared.
    """
    if not cands:
        return None
    best = cands[0].score
    # A contradiction is between documents, over one kind of quantity: each document brings at most PER_DOC
    # sentences per kind (dates, durations, amounts, ...), so a document with many close sentences of one kind
    # (the control table of a document the question names) cannot crowd out the one that disagrees with it.
    pool: list[Any] = []
    quantities: list[list[Quantity]] = []
    slots: dict[tuple[str, str], int] = {}
    for c in cands[: top * 4]:
        if len(pool) >= top or c.score < best * window:
            break
        if c.hit.meta.get("status", "current") != "current":
            continue
        found = [q for q in extract(c.span.text) if slots.get((c.hit.doc_id, q.unit_class), 0) < PER_DOC]
        if not found:
            continue
        for kind in {q.unit_class for q in found}:
            slots[(c.hit.doc_id, kind)] = slots.get((c.hit.doc_id, kind), 0) + 1
        pool.append(c)
        quantities.append(found)
    matcher = matcher_for(embedder)
    pairs: list[tuple[Any, Any, Quantity, Quantity]] = []
    for i, a in enumerate(pool):
        for j in range(i + 1, len(pool)):
            b = pool[j]
            if b.hit.doc_id == a.hit.doc_id:
                continue
            for qa in quantities[i]:
                for qb in quantities[j]:
                    if qa.unit_class == qb.unit_class and values_differ(qa, qb):
                        pairs.append((a, b, qa, qb))
    if not pairs:
        return None
    # Every phrase the comparisons need, embedded in one batch (and cached for later answers).
    matcher.vectors([p for _, _, qa, qb in pairs for p in (*_phrases(qa), *_phrases(qb))])
    for a, b, qa, qb in pairs:
        if matcher.same_subject(qa, qb):
            return Conflict(a, b, qa, qb)
    return None
