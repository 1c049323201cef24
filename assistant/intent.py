"""Deterministic intent routing: the same question always takes the same path."""

from __future__ import annotations

import re

from assistant.crosswalk import find_refs
from assistant.models import Intent

_RULES: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (
        "policy_draft",
        re.compile(
            r"\b(draft|write|prepare|create|generate)\b.{0,40}\b(policy|procedure|standard|skeleton|template)\b"
            r"|\bpolicy (draft|skeleton|template)\b",
            re.I,
        ),
    ),
    (
        "checklist",
        re.compile(
            r"\bcheck\s?-?lists?\b|\baudit (questions|items|checks)\b|\bwhat (should|would) an auditor (check|ask)",
            re.I,
        ),
    ),
    (
        "gap",
        re.compile(
            r"\b(gaps?|missing|weak(ness|nesses|est)?|coverage|covered|compliant|compliance status)\b"
            r"|\bdo we (cover|meet|satisfy|comply with|address|document)\b"
            r"|\bdo we have (a|an|any|anything|evidence|documented|records?|process(es)?|polic(y|ies)|procedures?)\b"
            r"|\bare we (covering|compliant|meeting|ready|doing)\b"
            r"|\b(is|are) there (any )?(evidence|documents?|records?|anything)\b"
            r"|\bhave we (got|documented|covered|implemented)\b"
            r"|\bdo we have anything\b"
            r"|^\s*(do|are|have|did) (all |any )?(we|our|of our)\b|^\s*is there\b"
            r"|^\s*(where'?s|where is) (our|the) (inventory|register|record)"
            r"|\bgap[- ]check\b|\bare we (ok|okay|good|fine)\b",
            re.I,
        ),
    ),
    (
        "evidence",
        re.compile(
            r"^\s*(show|list|find|give|pull|fetch|get)\b|\b(show|list|find) (me )?(the |all |our )?"
            r"(records?|evidence|documents?|docs|minutes|reports?|logs?|registers?)\b|\brecords? of\b"
            r"|\bwhere (is|are|can i find)\b",
            re.I,
        ),
    ),
    (
        "interpretation",
        re.compile(
            r"\bwhat (does|do|is|are)\b.{0,30}\b(clause|control|annex|a\.\d|\d+\.\d)\b.{0,40}"
            r"\b(ask|require|mean|say|expect|cover|about|need|want)\w*"
            r"|\b(explain|interpret|meaning of|summari[sz]e)\b.{0,30}(clause|control|annex|\d+\.\d|a\.?\d)"
            r"|\bdoes\b.{0,20}\b(clause|control|a\.?\d+(\.\d+)*|\d+\.\d+(\.\d+)?)\b.{0,30}\bapply\b"
            r"|\bwhat (is|are) (the )?(requirements?|obligations?) (of|for|under|in)\b"
            r"|^\s*(clause|control)?\s*(a\.?\d+(\.\d+)*|\d+(\.\d+)+)\s*\??\s*$",
            re.I,
        ),
    ),
)


def route(question: str) -> Intent:
    """The intent of a question; ``fact`` when no rule matches.

    A question naming a NIST AI RMF subcategory or an EU AI Act article is answered through the crosswalks.
    """
    if find_refs(question):
        return "crosswalk"
    for intent, pattern in _RULES:
        if pattern.search(question):
            return intent
    return "fact"
