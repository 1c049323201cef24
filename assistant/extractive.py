"""Sentence selection for the default, fully local answerer: verbatim quotes scored against the question."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answering.semantic import Entity
from assistant.injection import injection_sentences
from assistant.retrieval import Hit
from assistant.text import Span, content_terms, is_heading_like, is_label_value, sentences, stem

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
#: Role words, or an acronym of three to five capitals (how organizations name committees and officers).
_ROLE = re.compile(r"\b(Committee|Board|Officer|Lead|Manager|Head|Director|Owner|Team|Unit|Council)\b|\b[A-Z]{3,5}\b")
#: A person: an honorific before a name, or a labelled line whose value opens with a first and last name
#: ("Apologies: <first> <last>", "System owner: <first> <last>"): how documents write who holds a duty.
_PERSON = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Sir|Dame)\.?\s+[A-Z][a-z]"
    r"|^[^:\n]{1,60}:\s+[A-Z][a-z]+(\s+[A-Z][a-z'-]+){1,2}\s*([,.;(]|$)",
    re.M,
)
_APPROVAL = re.compile(r"\b(approv|sign(s|ed)?[- ]off|signs|authori[sz]|accept|endors|chair)", re.I)

_QUESTION_TYPES: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = (
    (re.compile(r"\bhow (often|frequently)\b|\binterval\b|\bfrequency\b|\bcadence\b", re.I), (_FREQUENCY,)),
    (re.compile(r"\bhow (long|quickly|soon|fast)\b|\bwithin\b|\bdeadline\b|\btimeframe\b", re.I), (_DURATION,)),
    (
        re.compile(
            r"\bwho\b|\bwhich (role|team|body|committee|person)\b|\bowner\b|\bresponsible\b|\baccountable\b", re.I
        ),
        (_ROLE, _PERSON),
    ),
    (re.compile(r"\b(approv|sign(s)?[- ]?off|signs)", re.I), (_APPROVAL, _ROLE)),
    (re.compile(r"\bwhen\b|\bdate\b|\bwhat year\b", re.I), (_DATE,)),
    (
        re.compile(
            r"\b(threshold|limit|cap|floor|ceiling|how (much|many)|score|percent|rate|value|level|maximum|"
            r"minimum|max|min|version)\b",
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
    #: Cosine similarity of the sentence (with its section heading) to the question; 0.0 when not measured.
    meaning: float = 0.0


#: Scores sentences against the question by meaning (cosine similarity, one value per sentence). Each sentence
#: comes as its passage, its span there, and its text with its section heading (what is encoded when the
#: sentence has no vector pooled from its passage's own encoding).
MeaningScorer = Callable[[Sequence[tuple[Hit, Span, str]]], np.ndarray]

#: Weights of the candidate score when the sentence's meaning is measured: meaning leads, shared words and the
#: passage's retrieval rank follow. Set by hand (not fitted); the abstention threshold applied on top of these
#: signals is fitted leave-one-corpus-out (docs/calibration.md).
W_MEANING = 0.35
W_OVERLAP = 0.65
#: Added for a sentence of a document the question names by title ("what version is the model change standard
#: on?"): the document's own statement leads, another's mention of it follows. Kept small (set by hand, checked
#: on the three keys): a larger one pushed a second document's contradicting statement out of the answer.
W_NAMED_DOC = 0.1


#: Nouns that name a kind of document (stemmed as ``content_terms`` stems them). Named rule: "the AI policy"
#: names the policy whose title holds "AI", or words with those initials ("Enterprise Policy on Artificial
#: Intelligence in Clinical Use"), although no tail of that title is what people say. English document
#: vocabulary, not any organization's.
DOC_KINDS = frozenset(content_terms(
    "policy procedure standard guideline guidance plan charter manual register statement report log playbook "
    "handbook framework minutes inventory card protocol"
))  # fmt: skip


#: Subtracted from a sentence that speaks of its own document as another kind than the question asks about
#: ("This standard is reviewed every 2 years" for "how often is the AI policy reviewed?"): its subject is a
#: different document. Set by hand, like W_NAMED_DOC.
W_OTHER_KIND = 0.2
#: Added for a sentence that writes a record id the question names ("HZ-12"): the row or the sentence about
#: that record, not a neighbour in the same passage. Set by hand, like W_NAMED_DOC.
W_IDENTIFIER = 0.2
#: "this policy", "the present procedure": a document speaking of itself.
_SELF_REFERENCE = re.compile(r"\b(?:this|the present)\s+([a-z]+)", re.I)


def _self_kinds(sentence: str) -> frozenset[str]:
    """Document kinds a sentence calls itself ("This standard …" → standard)."""
    found = (stem(m.group(1).lower()) for m in _SELF_REFERENCE.finditer(sentence))
    return frozenset(k for k in found if k in DOC_KINDS)


def named_documents(question: str, hits: Sequence[Hit]) -> frozenset[str]:
    """Documents among ``hits`` whose title the question names, by a tail of the title or a kind phrase.

    Titles often lead with the organization ("Northwind Freight Ltd Enterprise AI Policy") while people name
    the document by its tail ("the enterprise AI policy"); a tail of three words, or the whole title of two or
    more, counts. A kind phrase also counts: a document-kind noun of the question with the words just before it
    ("the AI policy"), all found in a title of that kind (initials of adjacent title words included). Only the
    longest match among the hits is kept, so "incident management procedure" names the incident procedure, not
    every "... management procedure".
    """
    asked = content_terms(question)
    joined = " " + " ".join(asked) + " "
    phrases = _kind_phrases(asked)
    matches: dict[str, float] = {}
    for hit in hits:
        title = content_terms(str(hit.meta.get("title", "")))
        for n in range(len(title), 1, -1):
            if (n == len(title) or n >= 3) and " " + " ".join(title[-n:]) + " " in joined:
                matches[hit.doc_id] = max(matches.get(hit.doc_id, 0), n)
                break
        if phrases and hit.doc_id not in matches:
            words = set(title) | _initialisms(title)
            for kind, modifiers in phrases:
                if kind in title and modifiers and set(modifiers) <= words:
                    # Looser than a tail: a title the question says word for word wins at the same length.
                    matches[hit.doc_id] = max(matches.get(hit.doc_id, 0), len(modifiers) + 0.5)
    if not matches:
        return frozenset()
    longest = max(matches.values())
    return frozenset(d for d, n in matches.items() if n == longest)


def _kind_phrases(asked: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(kind noun, the 1–3 content words before it) for every document-kind noun of the question, longest first."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for i, term in enumerate(asked):
        if term not in DOC_KINDS:
            continue
        for n in range(min(3, i), 0, -1):
            mods = tuple(t for t in asked[i - n : i] if t not in DOC_KINDS)
            if len(mods) == n:
                out.append((term, mods))
    return out


def _initialisms(title: Sequence[str]) -> set[str]:
    """Initials of 2–4 adjacent content words of a title: "artificial intelligence" also reads as "ai"."""
    return {"".join(w[0] for w in title[i : i + n]) for n in (2, 3, 4) for i in range(len(title) - n + 1)}


@dataclass(frozen=True)
class QueryTerms:
    """Weighted content terms of the question (and, lighter, its context)."""

    weights: dict[str, float]
    expected: tuple[re.Pattern[str], ...]
    #: The question opens by asking for an interval or a duration (see ``lead_value``).
    asks_value: bool = False
    #: Document kinds the question names ("policy" of "the AI policy"), see ``DOC_KINDS``.
    kinds: frozenset[str] = frozenset()

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
        kinds = frozenset(t for t in content_terms(question) if t in DOC_KINDS)
        return cls(weights, tuple(expected), bool(_ASKS_VALUE.search(question)), kinds)


def candidates(
    hits: Sequence[Hit],
    terms: QueryTerms,
    listing_docs: Collection[str] = (),
    *,
    meaning: MeaningScorer | None = None,
    must_name: Callable[[Hit], bool] | None = None,
    named_docs: Collection[str] = (),
    identifiers: Sequence[str] = (),
) -> list[Candidate]:
    """Every usable sentence of the hits, scored and sorted best first; listing-document rows rank lower.

    ``meaning`` scores sentences against the question by the embedding model; ``must_name`` keeps only passages
    about the named things of the question (a sentence about another supplier is never the answer); a sentence
    writing one of the question's record ``identifiers`` itself ranks above the passage's other sentences.
    """
    named_ids = [Entity(i, "identifier") for i in identifiers]
    pool: list[tuple[int, Hit, Span, list[str]]] = []
    # Sentences addressed to an AI are document data, never evidence (one batch for all hits).
    injected = injection_sentences([h.text for h in hits])
    for rank, hit in enumerate(hits):
        if must_name is not None and not must_name(hit):
            continue
        headings = _headings(hit)
        for span in sentences(hit.text):
            if span.text in injected[rank] or _normal(span.text) in headings:
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
    sims: np.ndarray | None = None
    if meaning is not None:
        # The heading travels with the sentence: "Post-deployment monitoring" says what its sentences are about.
        sims = meaning([(hit, span, _with_heading(hit, span)) for _, hit, span, _ in pool])
    out: list[Candidate] = []
    for n_, (rank, hit, span, toks) in enumerate(pool):
        present = set(toks)
        overlap = sum(w * idf(t) for t, w in terms.weights.items() if t in present) / total
        sim = float(sims[n_]) if sims is not None else 0.0
        score = W_MEANING * sim + W_OVERLAP * overlap if sims is not None else overlap
        score += 0.25 * (hit.score / best_hit)
        score += 0.15 * max(hit.dense, 0.0)
        if terms.expected and any(p.search(span.text) for p in terms.expected):
            score += 0.2
        words = len(span.text.split())
        if is_heading_like(span.text):
            score -= 0.35
        elif words < 5 and not is_label_value(span.text):
            score -= 0.25
        elif words > 70:
            score -= 0.1
        if "|" in span.text and span.text.count("|") > 6:
            score -= 0.05
        if hit.doc_id in listing_docs:
            score -= 0.2
        if hit.doc_id in named_docs:
            score += W_NAMED_DOC
        if terms.kinds and _self_kinds(span.text) - terms.kinds:
            score -= W_OTHER_KIND
        if any(e.mentioned_in(span.text) for e in named_ids):
            score += W_IDENTIFIER
        out.append(Candidate(hit, rank, span, score, overlap, sim))
    out.sort(key=lambda c: c.score, reverse=True)
    return out


#: Value types precise enough to lead an answer: an interval, a duration.
_LEAD_PATTERNS = (_FREQUENCY, _DURATION)
#: Named rule: only a question that *asks* for the value ("how often…", "how long…") gets it as its first line;
#: the words occurring later ("what did X get when …") do not ask for one.
_ASKS_VALUE = re.compile(r"^\s*(how (often|frequently|long|soon|quickly)|within how)\b", re.I)


def lead_value(terms: QueryTerms, sentence: str) -> str | None:
    """The part of the best sentence that answers the question's type (an interval, a date, a number, a role).

    Only for questions whose type asks for such a value; the value is quoted from the sentence itself, so the
    first line of an answer states it directly and stays verbatim evidence.
    """
    if not terms.asks_value:
        return None
    for pattern in terms.expected:
        if pattern not in _LEAD_PATTERNS:
            continue  # a bare role word or the first number of a sentence is too often not the answer
        m = pattern.search(sentence)
        if m and m.group(0).strip() and len(m.group(0).strip()) > 1:
            return m.group(0).strip()
    return None


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[#*_`>|]+", " ", text).split()).strip(" :.-").lower()


def _headings(hit: Hit) -> frozenset[str]:
    """The chunk's title and section headings, normalised: a line equal to one of them is a heading, not an answer."""
    parts = [str(hit.meta.get("title", "")), *re.split(r"\s*[›>]\s*", str(hit.meta.get("section", "")))]
    return frozenset(n for n in (_normal(p) for p in parts) if n)


def _with_heading(hit: Hit, span: Span) -> str:
    section = re.split(r"\s*[›>]\s*", str(hit.meta.get("section", "")))[-1].strip()
    return f"{section}: {span.text}" if section and section not in span.text else span.text


#: Further sentences of an already chosen passage an answer may quote, when they score with the runners-up: the
#: sentence that answers often follows the one that names the topic in the same passage ("Human oversight: <system>
#: never declines a claim on its own - an investigator decides"), which one sentence per passage would drop.
SAME_PASSAGE_EXTRA = 2
#: Share of the best score such a further sentence needs (its passage already earned its place).
SAME_PASSAGE_RATIO = 0.6


#: Passages an answer quotes at most, each by its best sentence (plus :data:`SAME_PASSAGE_EXTRA` more sentences of
#: them). Five, not three: on the eight development keys 3 -> 5 added 24 right answers and 21 expected facts, while
#: a fact answer's mean quotes went 4.2 -> 5.3 (six of the keys); runners-up below ``ratio`` of the best never count.
ANSWER_PASSAGES = 5


def select(cands: Sequence[Candidate], *, limit: int = ANSWER_PASSAGES, ratio: float = 0.72,
           same_passage: int | None = None, history: bool = True) -> list[Candidate]:
    """The best sentence plus close runners-up, never near-duplicates: at most one per chunk, and up to
    ``same_passage`` (default :data:`SAME_PASSAGE_EXTRA`) more from the chosen chunks, each after its chunk's.
    Without ``history`` a superseded version is no runner-up to a current best sentence."""
    if not cands:
        return []
    same_passage = SAME_PASSAGE_EXTRA if same_passage is None else same_passage
    best = cands[0].score
    chosen: list[Candidate] = []
    seen_text: list[set[str]] = []
    used_chunks: set[str] = set()
    extras: dict[str, list[Candidate]] = {}
    n_extra = 0
    floor = min(ratio, SAME_PASSAGE_RATIO)
    current = not history and _status(cands[0]) != "superseded"
    for cand in cands:
        if cand.score < best * floor:
            break
        if current and _status(cand) == "superseded":
            continue  # the withdrawn text of a policy is no alternative answer to a question about the current one
        if cand.score < best * ratio and cand.hit.chunk_id not in used_chunks:
            continue
        toks = set(content_terms(cand.span.text))
        if any(len(toks & s) / max(1, len(toks | s)) > 0.6 for s in seen_text):
            continue
        if cand.hit.chunk_id in used_chunks:
            # A heading earns no place of its own: it only labels the sentence already quoted.
            if n_extra < same_passage and not is_heading_like(cand.span.text):
                extras.setdefault(cand.hit.chunk_id, []).append(cand)
                seen_text.append(toks)
                n_extra += 1
            continue
        if len(chosen) >= limit:
            continue
        chosen.append(cand)
        seen_text.append(toks)
        used_chunks.add(cand.hit.chunk_id)
    if not extras:
        return chosen
    out: list[Candidate] = []
    for cand in chosen:
        out.append(cand)
        out.extend(extras.get(cand.hit.chunk_id, []))
    return out


def _status(cand: Candidate) -> str:
    return str(cand.hit.meta.get("status") or "current")


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
