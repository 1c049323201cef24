"""Review cycles the organization's own documents state, per document type and per document.

Sentences such as "Policies are reviewed at least annually", "Each impact assessment is refreshed every 6 months",
"The owner reviews this procedure every two years", key/value boxes (``| Review | every 12 months |``) and tables
with a review-frequency column are read out of the manifest's chunk text. Each statement has a *scope*:

* ``type``: a kind of document (its subject is plural or generic: "policies", "each model card"), mapped to the
  index's ``doc_type`` values by the subject's noun, else by embedding similarity of the subject phrase to each
  type's name (only for subjects whose head noun names a kind of document: "system cards", "risk logs");
* ``document``: the document it is written in ("this policy", a ``Review`` row in its header box);
* ``named``: another indexed document named by its title ("The AI Risk Register is reviewed quarterly").

Only sentences passing a cheap word filter (review/refresh/revalidate/reassess and a cadence) are parsed, and only
subject phrases with no literal noun are embedded, in one batch. Conflicting statements: the shortest cycle wins
(the stricter rule), every statement is kept with its source. The result lives in ``<data_dir>/review_cycles.json``
stamped with the manifest generation; ingest rebuilds it with BM25 and the tables, and a reader whose file lags the
manifest recomputes it (:func:`load`). See docs/freshness.md.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, Field, PrivateAttr

from ingestion.chunking import SECTION_SEPARATOR
from ingestion.metadata import DOC_TYPES

if TYPE_CHECKING:
    from ingestion.manifest import DocumentRecord
    from ingestion.settings import Settings

_log = logging.getLogger(__name__)
CYCLES_FILE = "review_cycles.json"
#: Changes whenever what is recognised changes, so an older file is recomputed.
SCHEMA_VERSION = "2"
#: Cosine similarity a subject phrase needs to a document type's name (and its lead over the runner-up).
SIMILARITY = 0.5
MARGIN = 0.08
#: A statement for every document type ("all controlled documents are reviewed every 12 months").
ALL_TYPES = "*"

Scope = Literal["type", "document", "named"]


class TextEmbedder(Protocol):
    """What the subject mapping needs of a model: normalised vectors for a batch of texts."""

    def embed_documents(self, texts: Sequence[str]) -> Any: ...


class CycleStatement(BaseModel):
    """One stated review cycle: what it applies to, how many days, and where it was read."""

    scope: Scope
    #: Document types (``scope == "type"``; ``*`` for every type) or doc ids (``document`` / ``named``).
    targets: list[str]
    days: int
    cadence: str = Field(description="the cadence words as written, e.g. 'every two years'")
    subject: str = Field(description="the subject phrase as written, e.g. 'All AIMS procedures'")
    doc_id: str
    section: str = ""
    sentence: str
    #: How the subject was mapped: ``noun``, ``embedding`` (with its similarity), ``title``, ``self``.
    matched_by: str = "noun"
    similarity: float | None = None


class ReviewCycles(BaseModel):
    """Every statement found, with the winning (shortest) cycle per document type and per document."""

    generation: int = 0
    version: str = SCHEMA_VERSION
    statements: list[CycleStatement] = Field(default_factory=list)
    _index_cache: dict[tuple[str, str], CycleStatement] | None = PrivateAttr(default=None)
    _index_size: int = PrivateAttr(default=-1)

    def _winners(self) -> dict[tuple[str, str], CycleStatement]:
        # (scope, target) -> shortest statement, built once: a lookup per document on every answer scanned every
        # statement, which at 100k chunks was most of an ask (docs/benchmarks.md).
        index = self._index_cache
        if index is None or self._index_size != len(self.statements):
            index = {}
            for st in self.statements:  # manifest order: ties keep the first statement read
                for target in st.targets:
                    key = (st.scope, target)
                    if key not in index or st.days < index[key].days:
                        index[key] = st
            self._index_cache, self._index_size = index, len(self.statements)
        return index

    def for_type(self, doc_type: str) -> CycleStatement | None:
        """The shortest type-level cycle for ``doc_type`` (statements for every type count too)."""
        index = self._winners()
        return _shortest([s for s in (index.get(("type", doc_type)), index.get(("type", ALL_TYPES))) if s])

    def for_document(self, doc_id: str) -> CycleStatement | None:
        """The shortest cycle a document states for itself."""
        return self._winners().get(("document", doc_id))

    def naming(self, doc_id: str) -> CycleStatement | None:
        """The shortest cycle other documents state for this one by its title."""
        return self._winners().get(("named", doc_id))

    def by_type(self) -> dict[str, CycleStatement]:
        """``doc_type → winning statement`` for every type some statement covers."""
        out: dict[str, CycleStatement] = {}
        for t in DOC_TYPES:
            found = self.for_type(t)
            if found is not None:
                out[t] = found
        return out


def _shortest(cands: Sequence[CycleStatement]) -> CycleStatement | None:
    # Stricter rule first; ties keep the first statement read (manifest order), so results are stable.
    return min(cands, key=lambda s: s.days) if cands else None


# --- cadence ------------------------------------------------------------------------------------------------

_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36, "a": 1,
}  # fmt: skip
_UNIT = {"day": 1.0, "week": 7.0, "month": 30.4375, "quarter": 91.3125, "year": 365.25}
_NUM = r"(\d{1,3}|" + "|".join(sorted((w for w in _NUM_WORDS if w != "a"), key=len, reverse=True)) + r")"
_UNITS = r"(day|week|month|quarter|year)s?"
#: (pattern, fixed days or None when the pattern carries a number and a unit). Longer phrasings first.
_CADENCES: list[tuple[re.Pattern[str], int | None]] = [
    (re.compile(r"\b(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|half-?yearly|twice (?:a|per|each|every) year"
                r"|every half[- ]year)\b"), 182),
    (re.compile(r"\b(?:bienni(?:al|ally)|every other year)\b"), 730),
    (re.compile(r"\btrienni(?:al|ally)\b"), 1095),
    (re.compile(r"\b(?:every|each|at intervals of(?: not| no)?(?: more than)?|no later than|no more than"
                r"|not more than|at most|within|on an?|once every)\s+" + _NUM + r"[\s-]" + _UNITS), None),
    (re.compile(r"\b" + _NUM + r"-(day|week|month|year)(?:ly)? (?:review )?(?:cycle|interval|period)\b"), None),
    (re.compile(r"\b(?:twice|two times) (?:a|per|each|every) (month|quarter)\b"), -1),
    (re.compile(r"\b(?:annual(?:ly)?|yearly|every year|each year|once (?:a|per|each|every) year|per year"
                r"|every twelve months)\b"), 365),
    (re.compile(r"\b(?:quarterly|every quarter|each quarter|once (?:a|per|each|every) quarter)\b"), 91),
    (re.compile(r"\b(?:monthly|every month|each month|once (?:a|per|each|every) month)\b"), 30),
    (re.compile(r"\b(?:weekly|every week|each week|once (?:a|per|each|every) week)\b"), 7),
    (re.compile(r"\b(?:daily|every day|each day)\b"), 1),
]


@dataclass(frozen=True)
class Cadence:
    """A cadence found in text: days, the words as written, and where they start."""

    days: int
    text: str
    start: int


def find_cadences(text: str) -> list[Cadence]:
    """Every cadence phrase in ``text`` (lower-cased matching), in order of position, overlaps removed."""
    low = text.lower()
    found: list[Cadence] = []
    taken: list[tuple[int, int]] = []
    for pattern, fixed in _CADENCES:
        for m in pattern.finditer(low):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if fixed is None:
                groups = [g for g in m.groups() if g]
                n = int(groups[0]) if groups[0].isdigit() else _NUM_WORDS[groups[0]]
                days = round(n * _UNIT[groups[1]])
            elif fixed == -1:
                days = round(_UNIT[m.group(1)] / 2)
            else:
                days = fixed
            if days <= 0:
                continue
            found.append(Cadence(days, text[m.start() : m.end()], m.start()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)


def parse_cadence(text: str) -> Cadence | None:
    """The first cadence in a short text (a table cell, a key/value value), or None."""
    found = find_cadences(text)
    return found[0] if found else None


# --- subjects -----------------------------------------------------------------------------------------------

#: Generic English nouns of document types (singular token tuples, longest match wins).
_TYPE_NOUNS: dict[tuple[str, ...], str] = {
    ("policy",): "policy",
    ("procedure",): "procedure",
    ("standard", "operating", "procedure"): "procedure",
    ("sop",): "procedure",
    ("work", "instruction"): "procedure",
    ("risk", "assessment"): "risk_assessment",
    ("risk", "register"): "risk_assessment",
    ("risk", "analysis"): "risk_assessment",
    ("impact", "assessment"): "impact_assessment",
    ("dpia",): "impact_assessment",
    ("audit", "report"): "audit_report",
    ("nonconformity", "log"): "nonconformity_log",
    ("nonconformity", "register"): "nonconformity_log",
    ("non-conformity", "log"): "nonconformity_log",
    ("corrective", "action", "log"): "nonconformity_log",
    ("corrective", "action", "register"): "nonconformity_log",
    ("capa", "log"): "nonconformity_log",
    ("management", "review", "minutes"): "management_review",
    ("management", "review", "record"): "management_review",
    ("management", "review", "report"): "management_review",
    ("record",): "record",
    ("model", "card"): "model_card",
    ("data", "inventory"): "data_inventory",
    ("dataset", "inventory"): "data_inventory",
    ("data", "register"): "data_inventory",
    ("document",): ALL_TYPES,
    ("controlled", "document"): ALL_TYPES,
}
#: Head nouns that name a kind of document; a subject with another head ("incidents", "results") is no type.
_DOC_HEADS = frozenset(
    [
        "policy", "procedure", "standard", "guideline", "guidance", "plan", "framework", "charter", "manual",
        "handbook", "statement", "register", "log", "inventory", "catalogue", "catalog", "assessment", "analysis",
        "report", "record", "minutes", "card", "sheet", "datasheet", "documentation", "document", "programme",
        "program", "playbook", "runbook", "instruction", "specification", "notice", "questionnaire", "checklist",
        "matrix", "schedule", "sop", "dpia"
    ]
)
#: Names the embedding compares a subject phrase with, per document type.
_TYPE_NAMES = {t: ("management review minutes" if t == "management_review" else t.replace("_", " "))
               for t in DOC_TYPES if t != "other"}
_GENERIC_DETS = frozenset({"each", "every", "all", "any", "a", "an", "our"})
_SCOPE_ADJECTIVES = frozenset({"whole", "entire", "full", "complete", "current", "latest"})
_SELF_DETS = frozenset({"this", "these"})
_DETS = _GENERIC_DETS | _SELF_DETS | {"the"}
#: Words a subject noun phrase never runs across (verbs, prepositions, relative words).
_NP_STOP = frozenset(
    [
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "shall", "will", "must", "should",
        "may", "can", "could", "would", "does", "do", "that", "which", "who", "whom", "whose", "where", "when",
        "while", "if", "unless", "because", "so", "than", "by", "under", "with", "for", "in", "on", "at", "from",
        "after", "before", "during", "within", "per", "via", "to", "into", "upon", "through", "over", "as", "and",
        "or", "but", "nor", "not", "also", "then", "there"
    ]
)
_AUX = (r"(?:(?:is|are) to be|is|are|shall be|must be|will be|should be|to be|gets|get|being|has to be|have to be"
        r"|needs to be)")
_PASSIVE = re.compile(
    r"\b(?P<aux>" + _AUX + r")?\s*(?:(?:formally|independently|fully|normally|also|then|each|jointly)\s+)?"
    r"(?:at least\s+)?(?P<verb>reviewed|refreshed|re-?validated|re-?assessed|re-?approved|re-?certified"
    r"|re-?examined|subject to (?:an? )?(?:[\w-]+ ){0,2}(?:review|refresh|revalidation|re-validation))\b",
    re.I,
)
_ACTIVE = re.compile(
    r"\b(?P<verb>reviews|refreshes|re-?validates|re-?assesses|re-?approves|re-?examines"
    r"|(?:shall|will|must|should) (?:also )?(?:review|refresh|re-?validate|re-?assess)"
    r"|(?<![\w-])(?:we|they) (?:(?:also|formally|jointly) )?(?:review|refresh|re-?validate|re-?assess))"
    r"\s+(?P<object>[^,;:.]+)",
    re.I,
)
_HAS_REVIEW = re.compile(
    r"\b(?:has|have|carries|carry|gets|get|follows?|(?:is|are) on)\s+an?\s+(?:[\w-]+\s+){0,2}?"
    r"review\s+(?:date|cycle|interval|period|frequency|schedule)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no longer)\b", re.I)
#: Advice, not a rule the organization states ("we recommend ...", "could be reviewed").
_HEDGE = re.compile(r"\b(?:recommend\w*|suggest\w*|consider\w*|(?-i:may)|might|could|ideally|for example|e\.g\.)\s",
                    re.I)  # "may" in lower case only: "reviewed in May each year" is a rule
_PRONOUNS = frozenset(["we", "you", "they", "it", "he", "she", "i", "one", "someone"])
#: Words that must appear for a sentence to be parsed at all (the cheap pre-filter).
PREFILTER = re.compile(r"review|refresh|re-?validat|re-?assess|re-?approv|re-?certif|re-?examin", re.I)
_KV_KEYS = r"(?:review(?: cycle| frequency| interval| period| schedule)?|frequency of review|reviewed)"
_MD_KV = re.compile(r"^\|\s*\**(" + _KV_KEYS + r")\**\s*\|\s*([^|]+?)\s*\|\s*$", re.I)
_PAIR_KV = re.compile(r"^(" + _KV_KEYS + r")\s*:\s*(.+)$", re.I)
_PAIR2_KV = re.compile(r"^[^:;]{1,80}:\s*(" + _KV_KEYS + r")\s*;\s*[^:;]{1,80}:\s*(.+)$", re.I)
_REVIEW_COLUMN = re.compile(r"\breview(?:ed)?\b.*\b(?:frequency|cycle|interval|period|schedule)\b"
                            r"|\bfrequency of review\b|^\s*review(?:ed)?\s*$|^\s*next review\s*$", re.I)
_FREQ_COLUMN = re.compile(r"^\s*(?:frequency|cycle|interval)\s*$", re.I)
_SUBJECT_COLUMN = re.compile(r"\b(?:document|type|record|artefact|artifact|item|category|title|name)s?\b", re.I)
_ACRONYM = re.compile(r"((?:[A-Za-z][\w-]*\s+){0,6}[A-Za-z][\w-]*)\s*\(\s*([A-Z][A-Za-z]{1,7}?)s?\s*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_PAREN = re.compile(r"\([^)]*\)")


def _singular(word: str) -> str:
    w = word.lower()
    if w in {"minutes", "analysis", "process", "status", "always"} or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("yses"):
        return w[:-2] + "is"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _tokens(text: str) -> list[str]:
    return [m.group(0) for m in _WORD.finditer(text)]


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Acronyms the documents define ("data protection impact assessments (DPIAs)") → their expansion, lower case."""
    out: dict[str, str] = {}
    for text in texts:
        if "(" not in text:
            continue
        for m in _ACRONYM.finditer(text):
            acro = m.group(2)
            if sum(c.isupper() for c in acro) < 2:
                continue
            words = m.group(1).split()
            for k in range(1, min(len(words), 7) + 1):
                tail = words[-k:]
                initials = "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in tail)
                if initials.lower() == acro.lower():
                    out.setdefault(acro.lower(), " ".join(tail).lower())
                    break
    return out


@dataclass
class _Subject:
    """A subject noun phrase: its words as written, determiner, content tokens (singular), whether plural."""

    text: str
    det: str
    words: list[str]
    plural: bool


def _noun_phrase(before: str, *, leading: bool = False) -> _Subject | None:
    """The noun phrase ending ``before`` (or, with ``leading``, starting it), stopping at verbs and prepositions."""
    # A noun phrase never runs across a colon, a semicolon, brackets or quotes.
    before = re.split(r"[:;()\"“”]", before)[0 if leading else -1]
    toks = _tokens(before)
    if leading:
        run: list[str] = []
        for t in toks:
            if t.lower() in _NP_STOP:
                break
            run.append(t)
    else:
        run = []
        for t in reversed(toks):
            if t.lower() in _NP_STOP:
                break
            run.insert(0, t)
            if t.lower() in _DETS:
                break
    if not run or run[0].lower() in _PRONOUNS:
        return None
    det = ""
    # "each of the policies", "all of our procedures": the determiner is the first word.
    while run and run[0].lower() in _DETS | {"of"}:
        det = det or run[0].lower()
        run = run[1:]
    # "the whole register", "the current policy": the adjective does not change which document is meant.
    while len(run) > 1 and run[0].lower() in _SCOPE_ADJECTIVES:
        run = run[1:]
    if " of " in " ".join(run).lower():
        run = " ".join(run).split(" of ")[0].split()
    if not run:
        return None
    head = run[-1]
    singular = [_singular(w) for w in run]
    plural = singular[-1] != head.lower() and head.lower() not in {"minutes"}
    return _Subject(" ".join(([det] if det else []) + run), det, singular, plural)


def _literal_type(words: Sequence[str]) -> str | None:
    for size in (3, 2, 1):
        if len(words) >= size and tuple(words[-size:]) in _TYPE_NOUNS:
            return _TYPE_NOUNS[tuple(words[-size:])]
    return None


def _norm_title(title: str) -> list[str]:
    cut = _PAREN.sub(" ", title)
    cut = re.split(r"\s[-—–:]\s", cut)[0]
    return [_singular(t) for t in _tokens(cut) if not re.fullmatch(r"v?\d[\w.]*|version", t.lower())]


# --- reading statements -------------------------------------------------------------------------------------


@dataclass
class _Doc:
    doc_id: str
    title: list[str]
    doc_type: str
    current: bool


@dataclass
class _Pending:
    """A statement whose subject still needs the embedding to pick a document type."""

    statement: CycleStatement
    phrase: str


class _Reader:
    """Collects statements over one index: documents, their acronyms, and the chunks' candidate sentences."""

    def __init__(self, docs: Sequence[DocumentRecord], acronym_map: dict[str, str]) -> None:
        # Superseded and draft documents state no rules for other documents (only for themselves).
        self.docs = {d.doc_id: _Doc(d.doc_id, _norm_title(d.title), d.doc_type, d.status == "current")
                     for d in docs}
        self.acronyms = acronym_map
        self.statements: list[CycleStatement] = []
        self.pending: list[_Pending] = []
        self._seen: set[tuple[str, str, int, str]] = set()

    # Subjects -> scope and targets.
    def _expand(self, subject: _Subject) -> list[str]:
        words: list[str] = []
        for w in subject.words:
            words.extend(self.acronyms[w].split() if w in self.acronyms else [w])
        return [_singular(w) for w in words]

    def _titled(self, words: Sequence[str]) -> list[str]:
        if len(words) < 2:
            return []
        out = []
        for d in self.docs.values():
            t = d.title
            if t == list(words):
                out.append(d.doc_id)
            elif len(t) - len(words) == 1 and t[1:] == list(words) and _literal_type(words) != " ".join(words):
                out.append(d.doc_id)  # "Document Control Procedure" names "AIMS Document Control Procedure"
        return out

    def _add(self, doc_id: str, section: str, sentence: str, subject: _Subject, cadence: Cadence) -> None:
        here = self.docs.get(doc_id)
        words = self._expand(subject)
        if not words:
            return
        literal = _literal_type(words)
        head = words[-1]
        base = CycleStatement(scope="type", targets=[], days=cadence.days, cadence=cadence.text,
                              subject=subject.text, doc_id=doc_id, section=section, sentence=sentence)

        def emit(scope: Scope, targets: list[str], matched_by: str, similarity: float | None = None) -> None:
            key = (scope, ",".join(targets), cadence.days, sentence)
            if key in self._seen:
                return
            self._seen.add(key)
            self.statements.append(base.model_copy(update={"scope": scope, "targets": targets,
                                                           "matched_by": matched_by, "similarity": similarity}))

        if subject.det in _SELF_DETS:
            # "this policy", "this plan": the document it is written in, when the noun names a document.
            if (head in _DOC_HEADS or literal) and not subject.plural:
                emit("document", [doc_id], "self")
            return
        # A superseded or draft document states no rules for others.
        if here is not None and not here.current:
            return
        # Only a definite singular names one document ("The AI Risk Register"); "a model card" is a kind.
        named = self._titled(words) if subject.det in ("the", "our", "") and not subject.plural else []
        if named and doc_id in named:
            emit("document", [doc_id], "title")
            return
        if named:
            emit("named", named, "title")
            return
        if subject.det == "the" and not subject.plural:
            # "the policy" inside a policy is the document itself; elsewhere only a literal type noun counts.
            ends = [d.doc_id for d in self.docs.values() if d.current and d.title and d.title[-1] == head]
            if here is not None and here.title and head == here.title[-1] and head in _DOC_HEADS:
                emit("document", [doc_id], "self")
            elif len(words) == 1 and head in _DOC_HEADS and len(ends) == 1:
                # "the inventory" where one current document's title ends so ("AI Data Inventory"): that one.
                emit("named" if ends[0] != doc_id else "document", ends, "title")
            elif literal:
                emit("type", [literal], "noun")
            return
        if literal:
            emit("type", [literal], "noun")
        elif head in _DOC_HEADS:
            self.pending.append(_Pending(base.model_copy(update={"matched_by": "embedding"}), " ".join(words)))

    # Sentences.
    def sentence(self, doc_id: str, section: str, sentence: str) -> None:
        """Statements of one sentence (already pre-filtered)."""
        for clause in re.split(r";\s+", sentence):
            self._clause(doc_id, section, sentence, clause)

    def _clause(self, doc_id: str, section: str, sentence: str, clause: str) -> None:
        cadences = find_cadences(clause)
        if not cadences or _HEDGE.search(clause):
            return
        for m in _PASSIVE.finditer(clause):
            after = [c for c in cadences if c.start >= m.start("verb")]
            if not after:
                continue
            if _NEGATION.search(clause[max(0, m.start() - 12) : m.end()]):
                continue
            subject: _Subject | None = None
            tail = clause[: m.start()].rstrip()
            if m.group("aux") and not re.search(r"(?:\band|,)$", tail):
                subject = _noun_phrase(tail)
            else:
                # A participle coordinated with an earlier verb ("... is required ..., and is refreshed", "has a
                # model card, kept ... and reviewed"): the clause's own subject, else the phrase before a comma.
                lead = _noun_phrase(tail, leading=True)
                subject = lead if lead and self._maps(lead) else None
                if subject is None and "," in tail:
                    subject = _noun_phrase(tail.split(",")[0])
            if subject is not None:
                self._add(doc_id, section, sentence, subject, after[0])
                return
        for m in _ACTIVE.finditer(clause):
            after = [c for c in cadences if c.start >= m.start("object")]
            if not after:
                continue
            obj = clause[m.start("object") : after[0].start]
            obj = re.split(r"\b(?:with|by|at|in|on|for|and|before|after|every|each|once|twice|when)\b", obj)[0]
            subject = _noun_phrase(obj, leading=True)
            if subject is not None:
                self._add(doc_id, section, sentence, subject, after[0])
                return
        for m in _HAS_REVIEW.finditer(clause):
            # The cadence may sit inside the phrase ("an annual review cycle") or follow it ("... no later than").
            after = [c for c in cadences if c.start >= m.start()]
            subject = _noun_phrase(clause[: m.start()])
            if after and subject is not None:
                self._add(doc_id, section, sentence, subject, after[0])
                return

    def _maps(self, subject: _Subject) -> bool:
        words = self._expand(subject)
        return bool(words) and (_literal_type(words) is not None or words[-1] in _DOC_HEADS
                                or bool(self._titled(words)))

    # Key/value boxes and tables.
    def key_value(self, doc_id: str, section: str, line: str) -> bool:
        """A ``Review | every 12 months`` row of a document's own header box: its own cycle."""
        stripped = line.strip().lstrip("-* ").strip()
        m = _MD_KV.match(stripped) or _PAIR2_KV.match(stripped) or _PAIR_KV.match(stripped)
        if not m:
            return False
        cadence = parse_cadence(m.group(2))
        if cadence is None:
            return False
        key = (("document", doc_id, cadence.days, stripped))
        if key not in self._seen:
            self._seen.add(key)
            self.statements.append(CycleStatement(
                scope="document", targets=[doc_id], days=cadence.days, cadence=cadence.text,
                subject=m.group(1), doc_id=doc_id, section=section, sentence=stripped, matched_by="self"))
        return True

    def table(
        self, doc_id: str, section: str, headers: Sequence[str], rows: Sequence[tuple[str, dict[str, str]]]
    ) -> None:
        """Rows of a table with a review-frequency column: each row's subject cell and its cadence."""
        review = next((h for h in headers if _REVIEW_COLUMN.search(h)), None)
        subject_col = next((h for h in headers if h != review and _SUBJECT_COLUMN.search(h)), None)
        if review is None and subject_col is not None:
            review = next((h for h in headers if _FREQ_COLUMN.match(h)), None)
        if review is None:
            return
        subject_col = subject_col or next((h for h in headers if h != review), None)
        if subject_col is None:
            return
        for quote, cells in rows:
            cadence = parse_cadence(cells.get(review, ""))
            subject = _noun_phrase(cells.get(subject_col, ""), leading=True)
            if cadence is None or subject is None:
                continue
            # A table row lists a kind of document ("Policies", "Model card"), unless it names one by its title.
            if not subject.det:
                subject.det = "each"
            self._add(doc_id, section, quote, subject, cadence)

    def resolve_pending(self, embedder: TextEmbedder | None) -> None:
        """Map the subjects with no literal noun by embedding similarity (one batch), or drop them."""
        if not self.pending or embedder is None:
            self.pending = []
            return
        names = list(_TYPE_NAMES)
        type_vecs = embedder.embed_documents([_TYPE_NAMES[t] for t in names])
        phrase_vecs = embedder.embed_documents([p.phrase for p in self.pending])
        sims = phrase_vecs @ type_vecs.T
        for p, row in zip(self.pending, sims, strict=True):
            order = sorted(range(len(names)), key=lambda i: -float(row[i]))
            best, second = float(row[order[0]]), float(row[order[1]])
            if best >= SIMILARITY and best - second >= MARGIN:
                st = p.statement.model_copy(update={"targets": [names[order[0]]], "similarity": round(best, 3)})
                self.statements.append(st)
        self.pending = []


def _section_of(meta: dict[str, Any]) -> str:
    section = str(meta.get("section", ""))
    return section.split(SECTION_SEPARATOR, 1)[1] if SECTION_SEPARATOR in section else section


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def _sentences(text: str) -> Iterable[str]:
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+(?:\.\d+)*[.)]?\s|#|\|))", text):
        flat = " ".join(block.replace("**", "").replace("`", "").split())
        flat = re.sub(r"^(?:[-*•]\s+|#+\s+|\d+(?:\.\d+)*[.)]?\s+)", "", flat)
        yield from (s for s in _SENTENCE_SPLIT.split(flat) if s)


_SPREADSHEET = (".csv", ".xlsx")
_CELL = re.compile(r"^[^:\n]{1,80}:\s(.*)$")


def _register_row(reader: _Reader, doc_id: str, section: str, text: str) -> None:
    """A spreadsheet row (``header: value`` lines): a two-cell ``Review | annually`` row of a key/value sheet is the
    document's own cycle; other cells are read as prose, each on its own (a register's cells are no header box)."""
    cells = [m.group(1).strip() if (m := _CELL.match(line)) else line.strip() for line in text.splitlines()]
    cells = [c for c in cells if c]
    if len(cells) == 2 and re.fullmatch(_KV_KEYS, cells[0], re.I) and parse_cadence(cells[1]) is not None:
        reader.key_value(doc_id, section, f"{cells[0]}: {cells[1]}")
        return
    for cell in cells:
        for sentence in _sentences(cell):
            if PREFILTER.search(sentence):
                reader.sentence(doc_id, section, sentence)


def find_statements(
    docs: Sequence[DocumentRecord],
    chunks: Iterable[tuple[str, str, dict[str, Any]]],
    embedder: TextEmbedder | None,
) -> list[CycleStatement]:
    """Every review-cycle statement in the chunks (``(chunk_id, text, metadata)`` in manifest order)."""
    from ingestion.tables import read_tables

    rows = list(chunks)
    reader = _Reader(docs, acronyms(text for _cid, text, _m in rows))
    # Only documents with a review word somewhere have tables worth reading back.
    candidates = {str(meta.get("doc_id", "")) for _cid, text, meta in rows if PREFILTER.search(text)}
    for _cid, text, meta in rows:
        if not PREFILTER.search(text):
            continue
        doc_id, section = str(meta.get("doc_id", "")), _section_of(meta)
        if str(meta.get("source", doc_id)).lower().endswith(_SPREADSHEET):
            _register_row(reader, doc_id, section, text)
            continue
        for line in text.splitlines():
            if PREFILTER.search(line):
                reader.key_value(doc_id, section, line)
        for sentence in _sentences(text):
            if PREFILTER.search(sentence) and not sentence.startswith("|"):
                reader.sentence(doc_id, section, sentence)
    for table in read_tables(r for r in rows if str(r[2].get("doc_id", "")) in candidates):
        if any(_REVIEW_COLUMN.search(h) or _FREQ_COLUMN.match(h) for h in table.headers):
            reader.table(table.doc_id, table.name, table.headers, [(r.quote, r.cells) for r in table.rows])
    reader.resolve_pending(embedder)
    return reader.statements


# --- the file next to the manifest --------------------------------------------------------------------------

_cache_lock = threading.Lock()
_cache: dict[str, tuple[float, ReviewCycles]] = {}


def cycles_path(settings: Settings) -> Any:
    """``<data_dir>/review_cycles.json``."""
    return settings.data_dir / CYCLES_FILE


def compute(settings: Settings, *, embedder: TextEmbedder | None = None, load_model: bool = True) -> ReviewCycles:
    """Statements over the whole index as the manifest holds it now (the model is loaded only if needed)."""
    from ingestion.manifest import Manifest

    with Manifest(settings) as manifest:
        generation = manifest.generation
        docs = manifest.documents()
        chunks = list(manifest.iter_chunks())
    model: Any = embedder if embedder is not None else (_LazyEmbedder(settings) if load_model else None)
    return ReviewCycles(generation=generation, statements=find_statements(docs, chunks, model))


class _LazyEmbedder:
    """The configured model, loaded on first use: most indexes have no subject phrase that needs it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def embed_documents(self, texts: Sequence[str]) -> Any:
        from ingestion.embedding import get_embedder

        return get_embedder(self.settings).embed_documents(texts)

    def embed_query(self, text: str) -> Any:
        return self.embed_documents([text])[0]


def build(
    settings: Settings,
    generation: int,
    docs: Sequence[DocumentRecord],
    chunks: Iterable[tuple[str, str, dict[str, Any]]],
) -> ReviewCycles:
    """Compute over the given manifest rows and write the file atomically (temp file + rename), stamped with
    ``generation``; the ingest calls this with the manifest it holds."""
    try:
        statements = find_statements(docs, chunks, _LazyEmbedder(settings))
    except Exception:  # a heuristic over free text never fails an ingest
        _log.exception("reading stated review cycles failed; the default review cycle applies")
        statements = []
    cycles = ReviewCycles(generation=generation, statements=statements)
    try:
        _write(settings, cycles)
    except OSError:  # derived data: a reader recomputes what could not be written
        _log.warning("could not write %s", cycles_path(settings), exc_info=True)
    return cycles


def _write(settings: Settings, cycles: ReviewCycles) -> None:
    path = cycles_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(cycles.model_dump_json(indent=1), encoding="utf-8")
    os.replace(tmp, path)


def built_generation(settings: Settings) -> int | None:
    """The generation the file reflects, None when absent, unreadable or of another schema version."""
    try:
        data = json.loads(cycles_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != SCHEMA_VERSION:
        return None
    gen = data.get("generation")
    return gen if isinstance(gen, int) else None


def load(settings: Settings) -> ReviewCycles:
    """The statements for the index as it is now: the file when it matches the manifest, else recomputed (and the
    file rewritten); an empty set when nothing is indexed. Cached per process by file modification time."""
    from ingestion.manifest import read_generation

    if not settings.manifest_path.exists():
        return ReviewCycles()
    generation = read_generation(settings)
    path = cycles_path(settings)
    with _cache_lock:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        hit = _cache.get(str(path))
        if hit is not None and hit[0] == mtime and hit[1].generation == generation and mtime >= 0:
            return hit[1]
        cycles: ReviewCycles | None = None
        if built_generation(settings) == generation:
            try:
                cycles = ReviewCycles.model_validate_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                cycles = None
        if cycles is None:
            try:
                cycles = compute(settings)
            except Exception:  # freshness falls back to the default cycle rather than failing
                _log.exception("reading stated review cycles failed; the default review cycle applies")
                cycles = ReviewCycles()
            cycles.generation = generation
            # A read-only data dir still gets the cycles, recomputed per process.
            with contextlib.suppress(OSError):
                _write(settings, cycles)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        _cache[str(path)] = (mtime, cycles)
        return cycles
