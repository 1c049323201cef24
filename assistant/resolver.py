"""Clause resolver: finds ISO/IEC 42001 clause and control references in free text.

Two kinds of match:
- explicit ids ("6.1.4", "clause 8", "A6.2.4", "Annex A.7", "§9.2", "A.5.2–A.5.4"), checked against the
  catalog: real ones go to ``ids``, well-formed ones that do not exist ("A.11.2", "6.5") to ``invalid``;
- topical matches on titles and keywords ("internal audit" → 9.2), scored so callers can rank them.

The resolver never returns an id that is not in the catalog; ``invalid`` only reports what the text claimed.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from assistant.catalog import Catalog, id_sort_key, normalize_id

# --- explicit references ----------------------------------------------------------------------------

# Things that look like clause numbers but are not: each span is blanked (same length) before scanning.
_TRAPS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # ISO/IEC 27001's own Annex A numbering ("ISO 27001 A.5.15"), then any standard's number
        r"\b2700[12](?::\d{4})?\s*,?\s*(?:annex\s*)?(?:controls?\s*)?A\s?\.?\s?\d+(?:\.\d+)*",
        r"\b(?:ISO|IEC)(?:\s*/\s*IEC)?\s*\d{4,5}(?:-\d+)*(?::\d{4})?",
        # dates and times
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",
        r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b(?!\.\d)",
        r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm)\b",
        r"\b\d{1,2}:\d{2}(?::\d{2})?\b",
        # versions and product numbers
        r"(?<![\w.])(?:v|ver\.?|version|release|rel\.?|rev\.?|revision|python|py|gpt-?|llama\s?|node|java|ios|"
        r"android|windows|macos|ubuntu|chrome|firefox|php|build)\s?-?\d+(?:\.\d+)*",
        # other frameworks' numbering: EU AI Act articles, NIST AI RMF subcategories, figures, tables, pages
        r"\b(?:art\.?|articles?|recitals?|annex\s+[ivx]+|figures?|fig\.?|tables?|pages?|pp?\.|steps?|items?|"
        r"lines?|rows?|govern|map|measure|manage|gv|mp|ms|mg|level|tier|phase|score|rating|threshold|ratio)"
        r"\s?-?\d+(?:\.\d+)*(?:\s*(?:,|and|or|to|–|-)\s*\d+(?:\.\d+)*)*",
        # money, percentages, thousands separators, scores, quantities with units
        r"[£$€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion|thousand))?\b",
        r"\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b|pp\b|bps\b)",
        r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?",
        r"(?<![\d.])\d+(?:\.\d+)?\s?(?:/|out\s+of)\s?\d+\b(?!\.\d)",
        r"\b\d+\.\d+\s?-?(?:x|times|k|m|bn|million|billion|thousand|gbp|usd|eur|hours?|hrs?|h|mins?|minutes?|"
        r"seconds?|secs?|s|ms|days?|weeks?|months?|years?|yrs?|points?|pts|stars?|gb|mb|kb|tb|kg|km|miles?|"
        r"mph|fte|sigma|std|degrees?)\b",
        # IP addresses and longer dotted numbers
        r"\b\d+(?:\.\d+){4,}\b",
    )
)

# An Annex A id ("A.6.2.4", "A6.2.4", "a.5").
# A numeric id ("6.1.4", "8", "10.2"); judged later by its prefix and shape.
_ATOM = re.compile(
    r"(?P<a>(?<![\w.])[Aa](?P<dot>\.)?(?P<anum>\d{1,3}(?:\.\d{1,3})*))(?![\w]|\.\d)"
    r"|(?P<n>(?<![\w.,£$€¥#+:])\d{1,3}(?:\.\d{1,3})*)(?![\w%]|\.\d|,\d)"
)
_STRONG_PREFIX = re.compile(r"(?:\b(?:clauses?|cl\.?|sub-?clauses?)|§§?)\s*$", re.IGNORECASE)
_WEAK_PREFIX = re.compile(r"\b(?:sections?|sec\.|sub-?sections?)\s*$", re.IGNORECASE)
_ANNEX_PREFIX = re.compile(r"\bannex\s*$", re.IGNORECASE)
_CONTROL_PREFIX = re.compile(r"\b(?:controls?|ctrl\.?)\s*(?:annex\s*)?$", re.IGNORECASE)
# "Annex A 7" is rewritten to "Annex A.7" (same length, so positions stay valid).
_ANNEX_SPACE = re.compile(r"(\bannex\s+[Aa])\s(?=\d)", re.IGNORECASE)
_LIST_GLUE = re.compile(r"^\s*(?:,|;|/|&|\+|and|or|as well as)?\s*(?:and|or)?\s*$", re.IGNORECASE)
_RANGE_GLUE = re.compile(r"^\s*(?:–|—|-|to|through|thru|\.\.\.?)\s*$", re.IGNORECASE)
# "section 3.2 of the AI policy" names a section of a document, not of the standard.
_DOC_SECTION = re.compile(
    r"^\s*(?:of|in)\s+(?:the\s+|our\s+|this\s+|that\s+|your\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:policy|procedure|document|doc|handbook|manual|report|plan|charter|register|contract|agreement|sop|"
    r"playbook|guide|guideline|standard\s+operating|template|minutes|card|terms|schedule|dpa|msa|sla)\b",
    re.IGNORECASE,
)
_ABBREV_DOT = re.compile(r"\b(cl|sec|ctrl)\.(?=\d)", re.IGNORECASE)
_LINE_LEAD = re.compile(r"\s*(?:#{1,6}\s*|[-*>]\s+)?(?:\*\*|__)?")
_HEADING_TAIL = re.compile(r"(?:\*\*|__)?\.?\s+(?:\*\*|__|[A-Z])")
_MAX_RANGE = 30


@dataclass(frozen=True)
class _Ref:
    """A reference found in text, before it is checked against the catalog."""

    start: int
    end: int
    annex: bool
    parts: tuple[int, ...]
    #: "strong" (clause/§/annex/control/A. form), "weak" (section) or "bare".
    strength: str

    @property
    def id(self) -> str:
        """Canonical spelling."""
        body = ".".join(str(p) for p in self.parts)
        return f"A.{body}" if self.annex else body


@dataclass
class Resolution:
    """What a piece of text refers to: real ids, claimed-but-unknown ids and topical matches."""

    #: Real catalog ids named explicitly, in order of appearance, deduplicated.
    ids: list[str] = field(default_factory=list)
    #: Well-formed ids the text names that are not in the catalog ("A.11.2", "6.5").
    invalid: list[str] = field(default_factory=list)
    #: Catalog ids matched by title or keyword, best first, with a score in (0, 1]; excludes ``ids``.
    topical: list[tuple[str, float]] = field(default_factory=list)

    def ranked(self, limit: int | None = None, min_score: float = 0.0) -> list[str]:
        """Explicit ids first (in order of appearance), then topical ids by score."""
        out = list(self.ids) + [i for i, score in self.topical if score >= min_score and i not in self.ids]
        return out if limit is None else out[:limit]

    @property
    def empty(self) -> bool:
        """True when nothing at all was found."""
        return not (self.ids or self.invalid or self.topical)


# --- topical matching -------------------------------------------------------------------------------


def _words(*chunks: str) -> frozenset[str]:
    # Filled with the normalised forms once the normaliser is defined (see below).
    return frozenset(" ".join(chunks).split())


_STOPWORDS = _words(
    "a an the of off and or for to in on with by at from is are be been we our us you your do does did what",
    "how who when where which why it its this that these those vs about into after before must should can",
    "could would need needed there any all per e.g i.e as if not no yes than then so such has have had",
)
# Words too common in this domain to signal one entry on their own or inside a partial phrase.
_GENERIC = _words(
    "ai system management organization process policy data model information use new general requirement",
    "document documentation control review plan iso iec 42001 clause annex standard result report record",
    "evidence update approval team staff people tool check",
)
# All-caps keywords that are also ordinary words once lower-cased: only the capitalised form matches them.
_CASED_ACRONYMS = frozenset({"aims", "nc", "mr", "it", "us"})
_NUMBER = re.compile(r"^\d[\d.]*$")
_JOIN_PREFIXES = frozenset({"non", "pre", "re", "co", "sub", "multi", "cross", "self"})
# Dotted numbers stay one token so that "clause 4.1" never matches the keyword "clause 4".
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_BRITISH = (
    ("isation", "ization"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("ise", "ize"),
    ("programme", "program"),
    ("behaviour", "behavior"),
    ("catalogue", "catalog"),
    ("licence", "license"),
    ("labelling", "labeling"),
)

_TITLE_WEIGHT = 1.0
_KEYWORD_WEIGHT = 0.85
#: Share of a group entry's topical score given to its direct children.
_CHILD_SHARE = 0.5
#: A single word that is only part of a keyword counts only if it occurs in at most this many entries.
_DISTINCTIVE_DF = 5
#: A short word counts alone for an entry when at least this many of the entry's phrases contain it.
_CENTRAL_PHRASES = 3


def _undouble(stem: str) -> str:
    # "planned" → "plan", "logging" → "log"; "assessed" and "filled" keep their double letter.
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouslz":
        return stem[:-1]
    return stem


def _fold_verb(token: str) -> str:
    """Light suffix folding so "reviewed", "reviewing" and "review" (and "approve"/"approved") meet."""
    if len(token) > 7 and token.endswith("ation"):
        return token[:-3]  # "validation" meets "validated" and "validate" ("validat")
    if len(token) > 5 and token.endswith("ing"):
        token = _undouble(token[:-3])
    elif len(token) > 4 and token.endswith("ed") and not token.endswith("eed"):
        token = _undouble(token[:-2])
    if len(token) > 4 and token.endswith("e") and not token.endswith("ee"):
        token = token[:-1]
    return token


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith("sses"):
        return token[:-2]
    if len(token) > 4 and token.endswith(("ches", "shes", "xes")):
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _normalize_token(raw: str) -> str:
    token = raw.replace("’", "'").split("'")[0]
    if token.isupper() and token.lower() in _CASED_ACRONYMS:
        return "#" + token.lower()
    token = _stem(token.lower())
    for british, american in _BRITISH:
        # Short suffixes need a stem in front ("rise" stays); whole words ("programme") always fold.
        if token.endswith(british) and (len(token) > len(british) + 2 or len(british) >= 6):
            token = token[: -len(british)] + american
            break
    return _fold_verb(token)


_STOPWORDS = frozenset(_normalize_token(w) for w in _STOPWORDS)
_GENERIC = frozenset(_normalize_token(w) for w in _GENERIC)


def tokenize(text: str) -> list[str]:
    """Normalised word tokens: lower-case, hyphens split, light plural and British-spelling folding."""
    out: list[str] = []
    pending = ""
    for match in _TOKEN.finditer(text.replace("&", " and ")):
        token = _normalize_token(match.group(0))
        if not token:
            continue
        if pending:
            token = pending + token.lstrip("#")
            pending = ""
        if token in _JOIN_PREFIXES:
            # "non-conformity", "non conformity" and "nonconformity" become one token.
            pending = token
            continue
        out.append(token)
    if pending:
        out.append(pending)
    return out


@dataclass(frozen=True)
class _PhraseHit:
    entry_id: str
    length: int
    is_title: bool
    full: bool


class ClauseResolver:
    """Resolves clause/control references in free text against one catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._index: dict[tuple[str, ...], list[_PhraseHit]] = defaultdict(list)
        self._max_len = 1
        df: dict[str, set[str]] = defaultdict(set)
        # How many of an entry's phrases contain a word: "log" is in five of A.6.2.8's keywords.
        per_entry: dict[tuple[str, str], int] = defaultdict(int)
        acronyms: set[str] = set()
        phrases: list[tuple[str, tuple[str, ...], bool]] = []
        for entry in catalog:
            titles = [] if entry.title.strip().lower() == "general" else [entry.title]
            for text, is_title in [(t, True) for t in titles] + [(k, False) for k in entry.keywords]:
                tokens = tuple(tokenize(text))
                acronyms.update(_normalize_token(w) for w in text.split() if len(w) > 1 and w.isupper())
                if tokens:
                    phrases.append((entry.id, tokens, is_title))
                    for token in set(tokens):
                        df[token].add(entry.id)
                        per_entry[(entry.id, token)] += 1
        for entry_id, tokens, is_title in phrases:
            length = len(tokens)
            self._max_len = max(self._max_len, length)
            self._index[tokens].append(_PhraseHit(entry_id, length, is_title, True))
            for n in range(1, length):
                for i in range(length - n + 1):
                    gram = tokens[i : i + n]
                    central = n == 1 and per_entry[(entry_id, gram[0])] >= _CENTRAL_PHRASES
                    if _partial_ok(gram, df, acronyms, central=central):
                        self._index[gram].append(_PhraseHit(entry_id, length, is_title, False))

    # --- public API -----------------------------------------------------------------------------
    def resolve(self, text: str, *, topical: bool = True) -> Resolution:
        """Explicit ids (valid and invalid) in order of appearance, plus topical matches when asked."""
        ids: list[str] = []
        invalid: list[str] = []
        found, spans = self._explicit(text)
        for ref_id, real in found:
            bucket = ids if real else invalid
            if ref_id not in bucket:
                bucket.append(ref_id)
        if not topical:
            return Resolution(ids=ids, invalid=invalid)
        # Topical matching skips the explicit references, so "clause 4.1" does not also match "clause 4".
        rest = list(text)
        for start, end in spans:
            rest[start:end] = " " * (end - start)
        matches = [(i, s) for i, s in self.topical("".join(rest)) if i not in ids]
        return Resolution(ids=ids, invalid=invalid, topical=matches)

    def topical(self, text: str) -> list[tuple[str, float]]:
        """Catalog ids whose title or keywords occur in the text, best first, scores in (0, 1]."""
        tokens = tokenize(text)
        candidates: list[tuple[int, bool, int, tuple[str, ...]]] = []
        for i in range(len(tokens)):
            for n in range(1, min(self._max_len, len(tokens) - i) + 1):
                gram = tuple(tokens[i : i + n])
                hits = self._index.get(gram)
                if hits:
                    candidates.append((n, any(h.full for h in hits), i, gram))
        # Longest phrase first, full phrases before partial ones, then leftmost. A span is skipped when it
        # overlaps a longer one (or an equally long full phrase, if it is itself partial), so "internal
        # audit programme" takes its words from "internal audit", while "AI policy review" keeps both
        # "AI policy" and "policy review".
        candidates.sort(key=lambda c: (-c[0], not c[1], c[2]))
        cover: list[tuple[int, bool]] = [(0, False)] * len(tokens)
        per_span_scores: list[dict[str, float]] = []
        for n, full, start, gram in candidates:
            if any(length > n or (length == n and held and not full) for length, held in cover[start : start + n]):
                continue
            for k in range(start, start + n):
                if cover[k][0] < n or (full and not cover[k][1]):
                    cover[k] = (n, full)
            best: dict[str, float] = {}
            for hit in self._index[gram]:
                score = _phrase_score(n, hit)
                if score > best.get(hit.entry_id, 0.0):
                    best[hit.entry_id] = score
            per_span_scores.append(best)
        # Independent spans reinforce each other (probabilistic OR keeps scores within (0, 1]).
        miss: dict[str, float] = defaultdict(lambda: 1.0)
        for best in per_span_scores:
            for entry_id, score in best.items():
                miss[entry_id] *= 1.0 - score
        scores = {entry_id: 1.0 - m for entry_id, m in miss.items()}
        for entry_id, score in list(scores.items()):
            for child in self.catalog.children(entry_id):
                scores[child.id] = max(scores.get(child.id, 0.0), score * _CHILD_SHARE)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], id_sort_key(kv[0])))
        return [(entry_id, round(score, 4)) for entry_id, score in ranked if score > 0]

    def nearest(self, bad_id: str, n: int = 3) -> list[str]:
        """Real ids closest to a non-existent one: same family and parent first, then by number distance."""
        wanted = normalize_id(bad_id)
        parsed = _parse_id(wanted)
        if parsed is None:
            return self._nearest_by_text(bad_id, n)
        annex, parts = parsed
        family = [e.id for e in self.catalog if e.is_annex_a == annex]
        if not family:
            family = list(self.catalog.ids)
        depth = 4

        def distance(candidate: str) -> tuple[float, tuple[int, tuple[int, ...]]]:
            cand = _parse_id(candidate)
            cand_parts = cand[1] if cand else ()
            a = list(parts[:depth]) + [0] * (depth - len(parts[:depth]))
            b = list(cand_parts[:depth]) + [0] * (depth - len(cand_parts[:depth]))
            # Earlier components dominate: A.10.2 is nearer to A.11.2 than A.9.2 or A.11 (absent) would be.
            pairs = enumerate(zip(a, b, strict=True))
            value = sum(abs(x - y) * 100 ** (depth - 1 - i) for i, (x, y) in pairs)
            value += abs(len(cand_parts) - len(parts))
            return (value, id_sort_key(candidate))

        return sorted((i for i in family if i != wanted), key=distance)[:n]

    def suggestion(self, bad_id: str, n: int = 3) -> str:
        """A sentence telling the user the id does not exist and which real ids are nearest."""
        shown = normalize_id(bad_id)
        near = self.nearest(bad_id, n)
        base = f"{shown} does not exist in ISO/IEC 42001"
        return f"{base}; did you mean {', '.join(near)}?" if near else f"{base}."

    def lookup(self, text: str) -> str | None:
        """The one real id a short input names ("8", "cl. 8", "a6.2.4", "clause 6.1.4"), or None."""
        direct = self.catalog.get(text)
        if direct is not None:
            return direct.id
        found = self.resolve(text, topical=False).ids
        return found[0] if found else None

    # --- internals ------------------------------------------------------------------------------
    def _nearest_by_text(self, text: str, n: int) -> list[str]:
        topical = [entry_id for entry_id, _ in self.topical(text)]
        if topical:
            return topical[:n]
        titles = {e.title.lower(): e.id for e in self.catalog}
        close = difflib.get_close_matches(text.strip().lower(), list(titles), n=n, cutoff=0.5)
        return [titles[t] for t in close]

    def _explicit(self, text: str) -> tuple[list[tuple[str, bool]], list[tuple[int, int]]]:
        """(id, exists) per explicit reference (ranges expanded) in order of appearance, and their spans."""
        masked = _mask_traps(text)
        refs = _find_refs(masked)
        out: list[tuple[str, bool]] = []
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(refs):
            ref = refs[i]
            nxt = refs[i + 1] if i + 1 < len(refs) else None
            if nxt is not None and _RANGE_GLUE.match(masked[ref.end : nxt.start]):
                expanded = self._expand_range(ref, nxt)
                if expanded is not None:
                    out.extend(expanded)
                    spans.append((ref.start, nxt.end))
                    i += 2
                    continue
            judged = self._judge(ref, masked)
            if judged is not None:
                out.append(judged)
                spans.append((ref.start, ref.end))
            i += 1
        return out, spans

    def _judge(self, ref: _Ref, masked: str) -> tuple[str, bool] | None:
        ref_id = ref.id
        if not ref.annex and _DOC_SECTION.match(masked[ref.end :]):
            return None  # "clause 11.4 of the contract", "section 3.2 of the AI policy"
        if ref_id in self.catalog:
            return (ref_id, True)
        if ref.strength == "bare" and _numbers_a_line(ref, masked):
            return None  # "4.5 **Decision authorities:** ..." numbers the document's own section
        if ref.strength == "strong" or _plausible(ref):
            return (ref_id, False)
        return None

    def _expand_range(self, first: _Ref, last: _Ref) -> list[tuple[str, bool]] | None:
        annex = first.annex
        end_parts = last.parts
        # "A.5.2–5.4": the second end inherits the Annex A prefix.
        if last.annex != annex and (not annex or last.strength != "bare"):
            return None
        if first.strength == "bare" and not annex and len(first.parts) < 2:
            return None
        if len(end_parts) != len(first.parts) or end_parts[:-1] != first.parts[:-1]:
            return None
        lo, hi = first.parts[-1], end_parts[-1]
        if not 0 < hi - lo <= _MAX_RANGE:
            return None
        out: list[tuple[str, bool]] = []
        for k in range(lo, hi + 1):
            ref = _Ref(first.start, last.end, annex, (*first.parts[:-1], k), first.strength)
            if ref.id in self.catalog:
                out.append((ref.id, True))
            elif k in (lo, hi) and (ref.strength == "strong" or annex or _plausible(ref)):
                # Only the ends were written by the user; absent numbers between them are not claims.
                out.append((ref.id, False))
        return out


def _partial_ok(gram: tuple[str, ...], df: dict[str, set[str]], acronyms: set[str], *, central: bool = False) -> bool:
    """Whether part of a phrase is specific enough to count: two content words, or one rare word."""
    if gram[0] in _STOPWORDS or gram[-1] in _STOPWORDS:
        return False
    content = [t for t in gram if t not in _STOPWORDS and t not in _GENERIC and not _NUMBER.match(t)]
    if len(gram) == 1:
        token = gram[0]
        rare = len(df.get(token, ())) <= _DISTINCTIVE_DF
        # Short words ("act", "map") are too ambiguous alone unless written as an acronym ("AIIA") or
        # recurring across the entry's own phrases ("log" for event logging).
        return bool(content) and rare and (len(token) >= 5 or token in acronyms or central)
    return len(content) >= 2


def _phrase_score(n: int, hit: _PhraseHit) -> float:
    weight = _TITLE_WEIGHT if hit.is_title else _KEYWORD_WEIGHT
    specificity = min(1.0, 0.4 + 0.2 * n)
    coverage = 1.0 if hit.full else math.sqrt(n / hit.length)
    return weight * specificity * coverage


def _mask_traps(text: str) -> str:
    # "cl.8.4" / "sec.9.2": the dot after the abbreviation would otherwise glue onto the number.
    masked = _ABBREV_DOT.sub(lambda m: m.group(1) + " ", text)
    for pattern in _TRAPS:
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    return _ANNEX_SPACE.sub(r"\1.", masked)


def _find_refs(masked: str) -> list[_Ref]:
    refs: list[_Ref] = []
    chain_strength: str | None = None
    chain_annex = False
    prev_end = -1
    for m in _ATOM.finditer(masked):
        before = masked[max(0, m.start() - 40) : m.start()]
        glued = prev_end >= 0 and bool(_LIST_GLUE.match(masked[prev_end : m.start()]))
        if m.group("a"):
            parts_text = m.group("anum")
            annex_prefixed = bool(_ANNEX_PREFIX.search(before) or _CONTROL_PREFIX.search(before))
            if not m.group("dot") and "." not in parts_text and not annex_prefixed:
                continue  # "A4 paper", "a 5-point scale"
            parts = _parts(parts_text)
            if parts is None:
                continue
            refs.append(_Ref(m.start(), m.end(), True, parts, "strong"))
            # An A-form id does not lend its "A." to a following number: "A.11.2 and 6.5" are two claims.
            chain_strength, chain_annex = None, False
            prev_end = m.end()
            continue
        parts = _parts(m.group("n"))
        if parts is None:
            continue
        annex = False
        if _CONTROL_PREFIX.search(before) and not _ANNEX_PREFIX.search(before):
            # "control 6.2.4" names Annex A.6.2.4: only Annex A has controls.
            strength, annex = "strong", True
        elif _STRONG_PREFIX.search(before):
            strength = "strong"
        elif _WEAK_PREFIX.search(before):
            strength = "weak"
        elif glued and chain_strength in ("strong", "weak"):
            # "clauses 4, 5 and 6", "controls 5.2 and 5.3": later items inherit the list's prefix.
            strength, annex = chain_strength, chain_annex
        elif len(parts) < 2:
            # A lone number is a clause only when something says so; it may still end a range.
            strength = "bare-int"
        else:
            strength = "bare"
        refs.append(_Ref(m.start(), m.end(), annex, parts, strength))
        chain_strength = None if strength == "bare-int" else strength
        chain_annex = annex
        prev_end = m.end()
    # A lone bare integer survives only as the end of a prefixed integer range ("clauses 4-10").
    kept: list[_Ref] = []
    for idx, ref in enumerate(refs):
        if ref.strength != "bare-int":
            kept.append(ref)
            continue
        prev = refs[idx - 1] if idx else None
        if (
            prev is not None
            and prev.strength in ("strong", "weak")
            and len(prev.parts) == 1
            and _RANGE_GLUE.match(masked[prev.end : ref.start])
        ):
            kept.append(_Ref(ref.start, ref.end, prev.annex, ref.parts, prev.strength))
    return kept


def _numbers_a_line(ref: _Ref, masked: str) -> bool:
    """A bare number opening a line or heading and followed by a capitalised or bold heading."""
    line_start = masked.rfind("\n", 0, ref.start) + 1
    return bool(_LINE_LEAD.fullmatch(masked[line_start : ref.start]) and _HEADING_TAIL.match(masked[ref.end :]))


def _parts(text: str) -> tuple[int, ...] | None:
    pieces = text.split(".")
    if any(len(p) > 2 or (len(p) > 1 and p.startswith("0")) for p in pieces) or len(pieces) > 4:
        return None
    parts = tuple(int(p) for p in pieces)
    if any(p == 0 for p in parts):
        return None
    return parts


def _plausible(ref: _Ref) -> bool:
    """Shaped like a 42001 id even without a prefix: 4–10 then small sub-numbers, at most three levels."""
    if ref.annex:
        return 1 <= ref.parts[0] <= 20 and len(ref.parts) <= 3 and all(p <= 20 for p in ref.parts)
    first, rest = ref.parts[0], ref.parts[1:]
    return 4 <= first <= 10 and len(ref.parts) <= 3 and all(1 <= p <= 9 for p in rest)


def _parse_id(entry_id: str) -> tuple[bool, tuple[int, ...]] | None:
    annex = entry_id.startswith("A.")
    body = entry_id[2:] if annex else entry_id
    if not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,3}", body):
        return None
    return annex, tuple(int(p) for p in body.split("."))
