"""Meaning-based signals for choosing answer sentences: the question's named things, and the sentence-vector cache.

Word overlap between a question and a sentence fails on paraphrases ("who keeps an eye on the models once they
are live?" against a section on post-deployment monitoring) and on everyday synonyms (a chatbot's brand name for
"public AI service"). The embedding model already reads meaning; ``ingestion.sentence_vectors`` makes its sentence-level
judgement cheap: each sentence's vector is pooled from its chunk's own encoding at ingest and kept in the data
dir, so an answer encodes only its question."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The cache lives in ingestion, which fills it while embedding chunks; re-exported for the answerer.
from ingestion.sentence_vectors import SentenceVectors as SentenceVectors

# --- named things in the question ---------------------------------------------------------------------

#: Record and document identifiers: letters, a separator, digits (ABC-114, XY_07, Q-3-7).
_IDENTIFIER = re.compile(r"\b[A-Za-z]{1,8}(?:[-_][A-Za-z]{1,8})*[-_]\d[\w-]*\b")
#: A capitalised word or a CamelCase name: how systems, suppliers and people are written.
_NAME = re.compile(r"\b[A-Z][a-z]*[A-Z][A-Za-z]*\b|\b[A-Z][a-z]{2,}\b|\b[A-Z]{2,}[a-z]*\b")


def question_identifiers(question: str) -> list[str]:
    """Record, system and document ids the question writes ("HZ-12", "NC-2025-02"); clause ids excluded."""
    out: list[str] = []
    for m in _IDENTIFIER.finditer(question):
        token = m.group(0)
        if not re.fullmatch(r"[Aa]\.?\d+(\.\d+)*", token) and token not in out:
            out.append(token)
    return out


@dataclass(frozen=True)
class Entity:
    """A named thing in the question that an answer must be about."""

    text: str
    kind: str  # "identifier" | "name"

    def mentioned_in(self, text: str) -> bool:
        """Whether ``text`` names this entity (case-insensitive, whole word).

        An acronym ("VPE") is also named by the capitalised words it abbreviates ("Vice President Engineering") and
        by the record ids it prefixes ("FND" of "FND-2025-01"): documents write roles out in full and number
        their findings, while people ask by the short form.
        """
        if re.search(rf"(?<![\w-]){re.escape(self.text)}(?![\w-])", text, re.I) is not None:
            return True
        if self.kind != "name" or not _ACRONYM.fullmatch(self.text):
            return False
        if re.search(rf"(?<![\w-]){re.escape(self.text)}[-_]?\d", text) is not None:
            return True
        return spells_acronym(self.text, text)


#: An acronym: two to six capitals ("VPE", "AIQB").
_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: Small words an expansion may hold without giving a letter ("Head of Data", "Audit and Risk Committee").
_CONNECTORS = frozenset({"of", "and", "for", "the", "&", "on", "to"})


def spells_acronym(acronym: str, text: str) -> bool:
    """Whether ``text`` holds adjacent capitalised words whose initials spell ``acronym`` ("Vice President
    Engineering" for VPE); a word in capitals gives all its letters ("AI Quality Board" for AIQB)."""
    words = re.findall(r"[A-Za-z]+|&", text)
    for i, first in enumerate(words):
        if first[0] != acronym[0]:
            continue
        pos, j = 0, i
        while pos < len(acronym) and j < len(words):
            w = words[j]
            if pos and w.lower() in _CONNECTORS:
                j += 1
                continue
            if not w[0].isupper():
                break
            if len(w) > 1 and w.isupper() and acronym.startswith(w, pos):
                pos += len(w)
            elif w[0] == acronym[pos]:
                pos += 1
            else:
                break
            j += 1
        if pos == len(acronym):
            return True
    return False


def named_entities(
    question: str,
    is_general: Callable[[str], bool],
    corpus_frequency: Callable[[str], float],
    written_forms: Callable[[str], Sequence[str]] | None = None,
) -> list[Entity]:
    """Identifiers and names in the question that the indexed documents contain and the standard's wording does not.

    ``is_general`` says whether a word belongs to the vocabulary of AI governance (the catalog's words):
    "Policy" or "Committee" capitalised in a question are not names. ``corpus_frequency`` gives the share of
    chunks containing a term; a term absent from the documents cannot constrain anything (the user may call the
    public AI service by a chatbot's brand name while the documents never do), and a term in most chunks names
    nothing.
    """
    out: list[Entity] = []
    seen: set[str] = set()
    #: Spans of every identifier (clause ids too): "HZ" of "HZ-12" is part of an id, not a name of its own;
    #: as a name it would have to stand alone in a passage, which the row holding "HZ-12" never does.
    inside: list[tuple[int, int]] = []
    for m in _IDENTIFIER.finditer(question):
        token = m.group(0)
        inside.append(m.span())
        if re.fullmatch(r"[Aa]\.?\d+(\.\d+)*", token):
            continue  # a clause id; the resolver handles those
        key = token.lower()
        if key not in seen and corpus_frequency(token) > 0.0:
            seen.add(key)
            out.append(Entity(token, "identifier"))
    for m in _NAME.finditer(question):
        token = m.group(0)
        key = token.lower()
        if key in seen or key in _QUESTION_WORDS or is_general(token):
            continue
        if any(a <= m.start() and m.end() <= b for a, b in inside):
            continue
        if m.start() == 0 and (key in _COMMON_START or not _written_as_name(key, written_forms)):
            continue  # a question's first word is capitalised anyway ("Summarise what ..."): the documents decide
        share = corpus_frequency(token)
        if 0.0 < share <= MAX_ENTITY_SHARE:
            seen.add(key)
            out.append(Entity(token, "name"))
    if written_forms is not None:
        # Users type names in lower case ("whats the auc floor for triagebot"): a lower-case word the documents
        # write capitalised in mid-sentence nearly every time is a name too.
        for m in re.finditer(r"\b[a-z][a-z]{3,}\b", question):
            token = m.group(0)
            if token in seen or token in _QUESTION_WORDS or token in _CALENDAR or is_general(token):
                continue
            share = corpus_frequency(token)
            if not 0.0 < share <= MAX_ENTITY_SHARE:
                continue
            forms = written_forms(token)
            capitalised = sum(1 for f in forms if f[:1].isupper())
            if len(forms) >= MIN_NAME_SIGHTINGS and capitalised >= NAME_CASE_SHARE * len(forms):
                seen.add(token)
                out.append(Entity(token, "name"))
    return out


def _written_as_name(word: str, written_forms: Callable[[str], Sequence[str]] | None) -> bool:
    """Whether the documents write ``word`` capitalised in mid-sentence nearly every time they write it there
    (true when that cannot be looked up)."""
    if written_forms is None:
        return True
    forms = written_forms(word)
    return bool(forms) and sum(1 for f in forms if f[:1].isupper()) >= NAME_CASE_SHARE * len(forms)


#: English capitalises months and weekdays, which name no system, supplier or person: "in june" is a date, and a
#: record dated 2025-06-12 answers it without the word.
_CALENDAR = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)

#: A lower-case question word counts as a name when the documents write it capitalised in mid-sentence at least
#: this often, in this share of its sightings ("TriageBot" 40 of 40; "policy" capitalised in titles only).
MIN_NAME_SIGHTINGS = 3
NAME_CASE_SHARE = 0.9


#: A name found in more than this share of chunks is the organization's own name or a common word, not a subject.
MAX_ENTITY_SHARE = 0.25

_QUESTION_WORDS = frozenset(
    """who what when where which why how is are do does did can could should would will may must have has
    our we i my me you your the a an and or of in on for to""".split()  # noqa: SIM905
)
#: Capitalised only because they start the question.
_COMMON_START = frozenset("tell show list give find please any all there".split())  # noqa: SIM905


def entity_filter(entities: Sequence[Entity], chunk_text: str, title: str, section: str) -> bool:
    """Whether a passage may answer a question naming ``entities``: each must be named in its text or headings."""
    where = f"{title}\n{section}\n{chunk_text}"
    return all(e.mentioned_in(where) for e in entities)
