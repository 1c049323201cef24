"""Understanding a question in its conversation: is it a follow-up, and what does it refer back to?"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.answering.semantic import question_identifiers
from assistant.text import content_terms

#: Named rule: words that point back at something said before ("who approved it?", "what about the other
#: supplier?", "show me the evidence for that"). A reference needs an antecedent, which only the conversation
#: has; the embedding model sees the words but not what they stand for.
_REFERENCE = re.compile(
    r"\b(it|its|it's|that|this|those|these|they|them|their|theirs|he|she|him|his|her|hers|there|then|"
    r"the other|the others|the same|same one|that one|this one|which one|the latter|the former|above|"
    r"previous answer|you said|you mentioned)\b",
    re.I,
)
#: Named rule: openings that continue the previous question ("and for the pricing model?", "what about …").
_CONTINUATION = re.compile(
    r"^\s*(and|also|plus|but|so|what about|how about|same for|and for|what of|ok and|okay and|then|"
    r"anything else|any others?|more on)\b",
    re.I,
)
#: Named rule: a follow-up about the *other* one of what was discussed ("what about the other supplier?", "and
#: the other one?"): the earlier question's named thing is the one *not* meant now.
_CONTRAST = re.compile(r"\b(the|that|this) other\b(?! (hand|way|day|week))|\bother one\b|\bthe second one\b", re.I)
#: Named rule: a follow-up pointing at the first of the things discussed ("so is the first one overdue?", "the
#: former"): its documents are those of the chain's first question, not of the last answer.
_FIRST = re.compile(
    r"\b(the|that) first one\b|\bthe former\b|\bthe (first|original) (one|supplier|system|vendor)\b", re.I
)
#: A question with at least this many content words and no reference is read on its own (a new topic).
SELF_CONTAINED_TERMS = 4
#: Record ids a follow-up may point back at ("has anything been done about it since?" after an answer naming
#: NC-2025-03): at most this many, from the earlier questions first, then the previous answer.
CONTEXT_IDS = 6


class TurnLike(Protocol):
    """What the understanding needs of an earlier turn (``assistant.audit.Turn`` has it)."""

    @property
    def question(self) -> str:
        """The earlier question."""
        ...

    @property
    def answer(self) -> str:
        """The answer given to it."""
        ...

    @property
    def cited_doc_ids(self) -> list[str]:
        """Documents its answer cited."""
        ...


@dataclass(frozen=True)
class Understood:
    """The context a question is read in: earlier questions it continues and the documents they cited."""

    follow_up: bool
    context: str = ""
    context_docs: tuple[str, ...] = field(default_factory=tuple)
    #: It asks about the other one: the earlier question's named things are excluded, not continued.
    contrast: bool = False
    #: Record ids the question points back at: those the earlier questions wrote, then the previous answer's.
    context_ids: tuple[str, ...] = field(default_factory=tuple)


def is_follow_up(question: str) -> bool:
    """Whether a question continues the conversation rather than starting a new topic."""
    if _CONTINUATION.search(question):
        return True
    terms = content_terms(question)
    if len(terms) < SELF_CONTAINED_TERMS:
        return True
    return bool(_REFERENCE.search(question)) and len(terms) < 2 * SELF_CONTAINED_TERMS


def understand(question: str, turns: Sequence[TurnLike]) -> Understood:
    """Read a question against the earlier turns (oldest first); a follow-up inherits the chain it continues."""
    if not turns or not is_follow_up(question):
        return Understood(follow_up=False)
    chain: list[TurnLike] = [turns[-1]]
    # The previous turn was itself a follow-up: its own antecedent is part of what "it" means now.
    for earlier in reversed(turns[:-1]):
        if not is_follow_up(chain[0].question):
            break
        chain.insert(0, earlier)
    source = chain[:1] if _FIRST.search(question) and len(chain) > 1 else chain[-1:]
    docs = tuple(dict.fromkeys(d for t in source for d in t.cited_doc_ids))
    contrast = bool(_CONTRAST.search(question))
    return Understood(follow_up=True, context=" ".join(t.question for t in chain), context_docs=docs,
                      contrast=contrast, context_ids=_context_ids(question, chain, source, contrast))  # fmt: skip


def _context_ids(
    question: str, chain: Sequence[TurnLike], source: Sequence[TurnLike], contrast: bool
) -> tuple[str, ...]:
    """Record ids a follow-up points back at: none when it names its own or asks about the other one; else the
    earlier questions' ids, and, when it refers back ("it", "them"), those the previous answer wrote."""
    if contrast or question_identifiers(question):
        return ()
    ids = [i for t in chain for i in question_identifiers(t.question)]
    if _REFERENCE.search(question):
        ids += [i for t in source for i in question_identifiers(t.answer)]
    return tuple(dict.fromkeys(ids))[:CONTEXT_IDS]
