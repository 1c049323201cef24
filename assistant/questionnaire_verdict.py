"""A questionnaire verdict (Yes / Partial / No / Unknown) from one ``Answer``'s own signals.

The answer comes from ``ClausewiseService.ask`` like on every other channel; this module only reads it: the
abstention flag, the gap verdict of the clause it names (when that clause is about the question), status
wording in its best quotes, how close its quotes are to the question, and question terms no document uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from assistant.models import Answer
from ingestion.lexical import tokenize

QuestionVerdict = Literal["Yes", "Partial", "No", "Unknown"]

#: A named clause's gap verdict counts only when its title and summary are this close to the question.
CLAUSE_SIMILARITY = 0.55
#: Quotes within this much of the best quote's similarity are read for status wording.
QUOTE_WINDOW = 0.12
#: Each question term that no indexed chunk contains costs this much answerability (a buyer's term such as
#: "bug bounty" that the documents never use means the evidence found is about something else).
UNFAMILIAR_TERM_COST = 0.1
#: Below this answerability (best quote similarity minus the unfamiliar-term cost) the verdict is Unknown.
MIN_ANSWERABILITY = 0.22
#: Below this answerability a Yes is still marked for review.
CONFIDENT_ANSWERABILITY = 0.4

_GAP_TO_VERDICT: dict[str, QuestionVerdict] = {"covered": "Yes", "partial": "Partial", "missing": "No"}

#: Status wording of a register or statement of applicability: not in place at all.
_ABSENT = re.compile(
    r"\b(not (yet )?implemented|not in place|not started|not established|planned|to be (implemented|defined|agreed)"
    r"|no [a-z ]{0,30}(exists?|yet|defined|in place))\b",
    re.I,
)
#: Wording that says the practice exists with a recorded gap.
_PARTIAL = re.compile(
    r"\b(partial(ly)?( implemented)?|partly|in progress|incomplete|overdue|not (yet )?(been )?(signed|produced|"
    r"carried out|completed|defined|agreed|set out|validated)|(has|have) not (yet )?been|only for)\b",
    re.I,
)
#: A status field saying the control operates ("Implementation status: Implemented").
_IMPLEMENTED = re.compile(r"\bstatus:?\s+(fully )?implemented\b", re.I)

Embed = Callable[[Sequence[str]], np.ndarray]
GapOf = Callable[[str], str]
TermShare = Callable[[str], float]


class VerdictSignals(BaseModel):
    """What the verdict was read from (kept with each row for review)."""

    best_quote_similarity: float = 0.0
    unfamiliar_terms: list[str] = Field(default_factory=list)
    answerability: float = 0.0
    clause: str | None = None
    clause_similarity: float = 0.0
    clause_status: str | None = None
    status_wording: str | None = None


class QuestionAnswer(BaseModel):
    """The verdict for one question, why, and whether a person should check it."""

    verdict: QuestionVerdict
    needs_review: bool
    reasons: list[str] = Field(default_factory=list)
    signals: VerdictSignals = Field(default_factory=VerdictSignals)


def unfamiliar_terms(question: str, term_share: TermShare) -> list[str]:
    """Question words (three letters or more) that no indexed chunk contains."""
    return [t for t in dict.fromkeys(tokenize(question)) if len(t) > 2 and t.isalpha() and term_share(t) == 0.0]


def judge(
    question: str,
    answer: Answer,
    *,
    embed: Embed,
    gap_status: GapOf,
    catalog_text: Callable[[str], str | None],
    term_share: TermShare,
) -> QuestionAnswer:
    """Map ``answer`` (to ``question``) onto Yes / Partial / No / Unknown."""
    signals = VerdictSignals(unfamiliar_terms=unfamiliar_terms(question, term_share))
    reasons: list[str] = []
    review_warnings = [w for w in answer.warnings if w.startswith("Contradiction") or "addressed to" in w.lower()]
    if answer.abstained or not answer.citations:
        reasons.append("no evidence found in the documents this role can read")
        if answer.verdict == "missing" and answer.clauses:
            reasons.append(f"closest clause {answer.clauses[0]} has no evidence")
        return QuestionAnswer(verdict="Unknown", needs_review=True, reasons=reasons, signals=signals)

    quotes = [c.quote for c in answer.citations]
    clause_texts = {cid: text for cid in answer.clauses[:3] if (text := catalog_text(cid))}
    vectors = embed([question, *quotes, *clause_texts.values()])
    q, rest = vectors[0], vectors[1:]
    quote_sims = [float(q @ v) for v in rest[: len(quotes)]]
    clause_sims = {cid: float(q @ v) for cid, v in zip(clause_texts, rest[len(quotes) :], strict=True)}
    best = max(quote_sims)
    signals.best_quote_similarity = round(best, 3)
    signals.answerability = round(best - UNFAMILIAR_TERM_COST * len(signals.unfamiliar_terms), 3)

    if signals.answerability < MIN_ANSWERABILITY:
        reasons.append("the evidence found does not address this question closely")
        if signals.unfamiliar_terms:
            reasons.append("no document uses: " + ", ".join(signals.unfamiliar_terms))
        return QuestionAnswer(verdict="Unknown", needs_review=True, reasons=reasons, signals=signals)

    verdict: QuestionVerdict = "Yes"
    # 1. Status wording in the quotes closest to the question (a statement of applicability row, a gap recorded
    # in minutes or an audit report) is the most direct signal.
    close = [quote for quote, s in zip(quotes, quote_sims, strict=True) if s >= best - QUOTE_WINDOW]
    for quote in close:
        if _IMPLEMENTED.search(quote):
            continue
        if m := _ABSENT.search(quote):
            verdict, signals.status_wording = "No", m.group(0)
            break
        if m := _PARTIAL.search(quote):
            verdict, signals.status_wording = "Partial", m.group(0)
    if signals.status_wording:
        reasons.append(f"the evidence says '{signals.status_wording}'")
    # 2. The gap verdict of the named clause closest to the question (answers name topical clauses too).
    if clause_sims:
        cid, sim = max(clause_sims.items(), key=lambda kv: kv[1])
        if sim >= CLAUSE_SIMILARITY:
            named_first = bool(answer.clauses) and cid == answer.clauses[0] and answer.verdict is not None
            status = str(answer.verdict) if named_first else gap_status(cid)
            signals.clause, signals.clause_similarity, signals.clause_status = cid, round(sim, 3), status
            mapped = _GAP_TO_VERDICT.get(status)
            if mapped is not None and _rank(mapped) < _rank(verdict) and signals.status_wording is None:
                verdict = mapped
                reasons.append(f"gap verdict for {cid}: {status}")
    needs_review = verdict != "Yes" or signals.answerability < CONFIDENT_ANSWERABILITY or bool(review_warnings)
    if signals.answerability < CONFIDENT_ANSWERABILITY:
        reasons.append("the evidence is only loosely related to the question")
    reasons.extend(review_warnings[:2])
    return QuestionAnswer(verdict=verdict, needs_review=needs_review, reasons=reasons, signals=signals)


def _rank(verdict: QuestionVerdict) -> int:
    """Yes > Partial > No: a weaker signal may lower a verdict, never raise it."""
    return {"Yes": 3, "Partial": 2, "No": 1, "Unknown": 0}[verdict]
