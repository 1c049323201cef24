"""Crosswalks between ISO/IEC 42001 and other frameworks (NIST AI RMF 1.0, the EU AI Act), and coverage derived
from the organization's 42001 gap verdicts.

The pairs live as data in ``<catalog_dir>/crosswalks/*.yaml``: one file per framework with ``framework``,
``title``, ``source`` and ``entries`` (``id``, ``title``, ``text``, ``iso42001``: ids, or ``{id, rationale}``).
A framework requirement's derived coverage is the *weakest link* over its mapped 42001 ids
(missing < partial < covered): it is no better covered than the least-covered id it rests on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

import yaml
from pydantic import BaseModel, Field

from assistant.catalog import Catalog, normalize_id
from assistant.models import GapItem, Verdict

FrameworkName = Literal["nist-ai-rmf", "eu-ai-act", "iso-42001"]
#: Frameworks that have a crosswalk file (every one maps onto ISO/IEC 42001).
FRAMEWORKS: tuple[FrameworkName, ...] = ("nist-ai-rmf", "eu-ai-act")
FRAMEWORK_LABEL: dict[str, str] = {
    "nist-ai-rmf": "NIST AI RMF 1.0",
    "eu-ai-act": "EU AI Act (Regulation (EU) 2024/1689)",
    "iso-42001": "ISO/IEC 42001:2023",
}
#: Order of verdicts for the weakest link.
VERDICT_RANK: dict[str, int] = {"missing": 0, "partial": 1, "covered": 2}
#: Rationale of a pair whose data file gives none (the NIST pairs come from the published crosswalk as a list).
PUBLISHED_PAIR = "listed for this subcategory in the published NIST AI RMF to ISO/IEC 42001 crosswalk (see source)"

_NIST_FUNCTIONS = {"GOVERN": "GOVERN", "GV": "GOVERN", "MAP": "MAP", "MP": "MAP",
                   "MEASURE": "MEASURE", "MS": "MEASURE", "MANAGE": "MANAGE", "MG": "MANAGE"}  # fmt: skip
_NIST_EXACT = re.compile(
    r"^\s*(?:NIST\s+)?(?:AI\s*RMF\s*(?:1\.0\s*)?)?(GOVERN|GV|MAP|MP|MEASURE|MS|MANAGE|MG)\s*[-\s.]?\s*"
    r"(\d{1,2})\s*\.\s*(\d{1,2})\s*$",
    re.I,
)
_EU_EXACT = re.compile(
    r"^\s*(?:(?:the\s+)?(?:EU\s+)?AI\s+Act\s*,?\s*)?(?:art(?:icle)?s?\.?|§)\s*(\d{1,3})\s*(?:\(\s*(\d{1,2})\s*\))?"
    r"(?:\s*\(\s*[a-z]\s*\))?(?:\s+(?:of\s+)?(?:the\s+)?(?:EU\s+)?(?:AI\s+Act)?)?\s*$",
    re.I,
)
# In free text: the frameworks' own identifier formats (NIST "GOVERN 1.1" / "GV-1.1", the Act's "Article 9").
_NIST_IN_TEXT = re.compile(r"\b(GOVERN|MAP|MEASURE|MANAGE|GV|MP|MS|MG)(?:\s+|-)(\d{1,2})\.(\d{1,2})\b", re.I)
# Not "article 6.1.2" (a 42001 id written after the word).
_EU_IN_TEXT = re.compile(r"\b(art(?:icle)?s?\.?)\s*(\d{1,3})\b(?!\.\d)(?:\s*\(\s*(\d{1,2})\s*\))?", re.I)
_NIST_NAMED = re.compile(r"\bNIST\b|\bAI\s*RMF\b", re.I)
_ACT_NAMED = re.compile(r"\bAI\s+Act\b|\bEU\b|\bRegulation\s+\(EU\)", re.I)


class CrosswalkDataError(ValueError):
    """A crosswalk file is malformed or names an id the catalog lacks; the message names file, entry and field."""


class UnknownRefError(LookupError):
    """A reference that names nothing in any crosswalk or in the catalog; ``suggestions`` are the nearest."""

    def __init__(self, message: str, suggestions: Sequence[str]) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions)

    def __str__(self) -> str:
        return self.message


# --- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One framework requirement ↔ one 42001 id, with why they correspond."""

    iso_id: str
    rationale: str


@dataclass(frozen=True)
class FrameworkEntry:
    """One requirement of a framework (a NIST subcategory, an EU AI Act article) and its 42001 pairs."""

    framework: str
    id: str
    title: str
    text: str
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class Crosswalk:
    """One framework's crosswalk file."""

    framework: str
    title: str
    source: str
    entries: tuple[FrameworkEntry, ...]

    def get(self, entry_id: str) -> FrameworkEntry | None:
        """The entry with exactly this (normalised) id, or None."""
        return next((e for e in self.entries if e.id == entry_id), None)


class Crosswalks:
    """Every crosswalk file of a catalog, with a reverse index from 42001 ids to framework entries."""

    def __init__(self, crosswalks: Iterable[Crosswalk]) -> None:
        self._by_framework = {c.framework: c for c in crosswalks}

    def __iter__(self) -> Iterator[Crosswalk]:
        return iter(self._by_framework.values())

    def get(self, framework: str) -> Crosswalk | None:
        """The crosswalk of ``framework`` (``nist-ai-rmf``, ``eu-ai-act``), or None."""
        return self._by_framework.get(framework)

    def require(self, framework: str) -> Crosswalk:
        """The crosswalk of ``framework``; ValueError naming the known ones otherwise."""
        found = self.get(normalize_framework(framework))
        if found is None:
            known = ", ".join(self._by_framework) or "none"
            raise ValueError(f"framework: unknown {framework!r}; use one of {known}")
        return found

    def mapping_to(self, iso_id: str, catalog: Catalog) -> list[tuple[FrameworkEntry, Pair]]:
        """Framework entries paired with ``iso_id`` or one of its sub-ids (``6.1`` also finds ``6.1.2``)."""
        out: list[tuple[FrameworkEntry, Pair]] = []
        for crosswalk in self:
            for entry in crosswalk.entries:
                for pair in entry.pairs:
                    if pair.iso_id == iso_id or pair.iso_id.startswith(iso_id + "."):
                        out.append((entry, pair))
        return out

    @classmethod
    def load(cls, folder: Path, catalog: Catalog) -> Crosswalks:
        """Load and validate every ``*.yaml`` of a crosswalks folder (none when the folder is absent)."""
        if not folder.is_dir():
            return cls([])
        return cls(_parse_file(path, catalog) for path in sorted(folder.glob("*.yaml")))


def normalize_framework(name: str) -> str:
    """``NIST``, ``nist_ai_rmf``, ``AI RMF`` → ``nist-ai-rmf``; ``EU AI Act``, ``eu`` → ``eu-ai-act``."""
    word = re.sub(r"[\s_]+", "-", name.strip().lower())
    if word in ("nist", "ai-rmf", "nist-rmf", "nist-ai-rmf-1.0", "airmf", "nist-airmf"):
        return "nist-ai-rmf"
    if word in ("eu", "ai-act", "eu-ai-act", "euaiact", "eu-act"):
        return "eu-ai-act"
    return word


def _fail(path: Path, entry: str | None, field: str | None, problem: str) -> CrosswalkDataError:
    where = str(path) + (f": entry {entry!r}" if entry else "") + (f": field {field!r}" if field else "")
    return CrosswalkDataError(f"{where}: {problem}")


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _parse_file(path: Path, catalog: Catalog) -> Crosswalk:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _fail(path, None, None, f"cannot read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise _fail(path, None, None, "expected a mapping with 'framework' and an 'entries' list")
    framework = _text(data.get("framework"))
    if not framework:
        raise _fail(path, None, "framework", "missing")
    entries: list[FrameworkEntry] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["entries"]):
        if not isinstance(raw, dict) or not _text(raw.get("id")):
            raise _fail(path, f"#{index + 1}", "id", "missing or not a string")
        entry_id = _text(raw["id"])
        if entry_id in seen:
            raise _fail(path, entry_id, "id", "duplicate")
        seen.add(entry_id)
        text = _text(raw.get("text"))
        if not text:
            raise _fail(path, entry_id, "text", "must be a non-empty string")
        pairs: list[Pair] = []
        raw_pairs = raw.get("iso42001")
        if not isinstance(raw_pairs, list) or not raw_pairs:
            raise _fail(path, entry_id, "iso42001", "must be a non-empty list")
        for item in raw_pairs:
            iso, why = (item.get("id"), item.get("rationale")) if isinstance(item, dict) else (item, PUBLISHED_PAIR)
            iso_id = normalize_id(str(iso)) if isinstance(iso, str) else ""
            if iso_id not in catalog:
                raise _fail(path, entry_id, "iso42001", f"{iso!r} is not an id of the 42001 catalog")
            if not _text(why):
                raise _fail(path, entry_id, "iso42001", f"pair {iso_id}: rationale must be a non-empty string")
            pairs.append(Pair(iso_id=catalog[iso_id].id, rationale=_text(why)))
        entries.append(FrameworkEntry(framework, entry_id, _text(raw.get("title")) or text, text, tuple(pairs)))
    return Crosswalk(framework, _text(data.get("title")), _text(data.get("source")), tuple(entries))


@lru_cache(maxsize=8)
def _load_cached(folder: Path, signature: tuple[tuple[str, int, int], ...], catalog_hash: str,
                 catalog: Catalog) -> Crosswalks:  # fmt: skip
    del signature, catalog_hash  # cache key only: an edited file or catalog loads again
    return Crosswalks.load(folder, catalog)


def load_crosswalks(catalog: Catalog) -> Crosswalks:
    """The crosswalks beside the catalog (``<catalog_dir>/crosswalks``), cached until a file changes."""
    if catalog.source is None:
        return Crosswalks([])
    folder = (catalog.source / "crosswalks").resolve()
    stats = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml")))
    return _load_cached(folder, stats, catalog.content_hash, catalog)


# --- references ---------------------------------------------------------------------------------------


class ParsedRef(BaseModel):
    """A reference to a framework requirement, normalised: ``GOVERN 1.1``, ``Art. 9`` (paragraph 2)."""

    framework: FrameworkName
    id: str
    paragraph: int | None = None

    @property
    def label(self) -> str:
        """The reference as written back to people: ``Art. 9(2)``, ``GOVERN 1.1``."""
        return f"{self.id}({self.paragraph})" if self.paragraph is not None else self.id


def _nist(function: str, major: str, minor: str) -> ParsedRef:
    return ParsedRef(framework="nist-ai-rmf", id=f"{_NIST_FUNCTIONS[function.upper()]} {int(major)}.{int(minor)}")


def _eu(article: str, paragraph: str | None) -> ParsedRef:
    return ParsedRef(framework="eu-ai-act", id=f"Art. {int(article)}",
                     paragraph=int(paragraph) if paragraph else None)  # fmt: skip


def parse_ref(text: str) -> ParsedRef | None:
    """A NIST subcategory or EU AI Act article typed on its own ("GV-1.1", "govern 1.1", "art 9(2)"), or None."""
    nist = _NIST_EXACT.match(text)
    if nist:
        return _nist(*nist.groups())
    eu = _EU_EXACT.match(text)
    if eu:
        return _eu(eu.group(1), eu.group(2))
    return None


def find_refs(text: str) -> list[ParsedRef]:
    """NIST subcategory and EU AI Act article references in a question, in order of appearance.

    NIST function words count when written in capitals or title case, or when the text names NIST / AI RMF
    (so "map 6.1 to our controls" is not read as MAP 6.1); likewise a bare lower-case "art 5" needs the Act named.
    """
    found: list[tuple[int, ParsedRef]] = []
    named = bool(_NIST_NAMED.search(text))
    for m in _NIST_IN_TEXT.finditer(text):
        word = m.group(1)
        if named or not word.islower():
            found.append((m.start(), _nist(word, m.group(2), m.group(3))))
    act = bool(_ACT_NAMED.search(text))
    for m in _EU_IN_TEXT.finditer(text):
        # "Art. 9", "Article 9", "article 9"; a bare lower-case "art 5" only beside the Act's name
        # (not "state-of-the-art 3 models").
        if act or m.group(1).lower().startswith("article") or m.group(1) != m.group(1).lower() or "." in m.group(1):
            found.append((m.start(), _eu(m.group(2), m.group(3))))
    out: list[ParsedRef] = []
    for _, ref in sorted(found, key=lambda item: item[0]):
        if ref not in out:
            out.append(ref)
    return out


# --- views --------------------------------------------------------------------------------------------


class CrosswalkLink(BaseModel):
    """One id on the other side of a pair, with its title and why it corresponds."""

    framework: FrameworkName
    id: str
    title: str
    rationale: str
    #: For a 42001 ref: the sub-ids of the ref the pairs name (``6.1.2`` for ``6.1``); empty for the ref itself.
    via: list[str] = Field(default_factory=list)


class CrosswalkView(BaseModel):
    """A reference resolved through the crosswalks, with coverage derived from the asker's 42001 verdicts."""

    ref: str = Field(description="the reference normalised: 'GOVERN 1.1', 'Art. 9(2)', 'A.6.2.4'")
    framework: FrameworkName
    title: str
    text: str
    source: str = ""
    mapped: list[CrosswalkLink] = Field(default_factory=list)
    #: Framework ref: weakest verdict over the mapped 42001 ids; 42001 ref: the id's own verdict.
    coverage: Verdict | None = None
    #: The 42001 verdicts the coverage rests on (the mapped ids, or the 42001 ref itself), with evidence.
    verdicts: list[GapItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class MappedVerdict(BaseModel):
    """A mapped 42001 id in a framework coverage report: its verdict and why it is mapped."""

    id: str
    title: str
    status: Verdict
    rationale: str


class FrameworkCoverageItem(BaseModel):
    """One framework requirement's derived coverage and the 42001 verdicts it rests on."""

    ref: str
    title: str
    text: str
    status: Verdict
    #: The mapped ids with the weakest verdict (why the status is what it is).
    weakest: list[str] = Field(default_factory=list)
    mapped: list[MappedVerdict]


class FrameworkCoverage(BaseModel):
    """A framework's coverage derived from the 42001 gap report of one asker."""

    framework: FrameworkName
    title: str
    source: str
    role: str
    items: list[FrameworkCoverageItem]
    counts: dict[str, int]
    config_hash: str = ""


Verdicts = Callable[[Sequence[str]], list[GapItem]]
#: Why a view carries no coverage when the index is empty.
NOT_INDEXED = "no documents are indexed, so no coverage is derived — run `clausewise ingest PATH`"


def weakest(statuses: Iterable[str]) -> Verdict:
    """The weakest verdict (missing < partial < covered); ``missing`` for none."""
    ranked = sorted(statuses, key=lambda s: VERDICT_RANK[s])
    return cast(Verdict, ranked[0]) if ranked else "missing"


def _nearest(wanted: str, candidates: Sequence[str], n: int = 3) -> list[str]:
    """Candidates closest to ``wanted``: same prefix word first, then by number distance, then by spelling."""
    def numbers(text: str) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", text))

    head, nums = wanted.split(" ")[0], numbers(wanted)

    def distance(candidate: str) -> tuple[int, int, str]:
        cand = numbers(candidate)
        pad = max(len(cand), len(nums))
        a = list(nums) + [0] * (pad - len(nums))
        b = list(cand) + [0] * (pad - len(cand))
        value = sum(abs(x - y) * 100 ** (pad - 1 - i) for i, (x, y) in enumerate(zip(a, b, strict=True)))
        return (0 if candidate.split(" ")[0] == head else 1, value, candidate)

    if nums:
        return sorted(candidates, key=distance)[:n]
    return difflib.get_close_matches(wanted, list(candidates), n=n, cutoff=0.4)


def resolve(
    ref: str, crosswalks: Crosswalks, catalog: Catalog, lookup: Callable[[str], str | None],
    nearest_iso: Callable[[str], list[str]],
) -> tuple[ParsedRef, FrameworkEntry | None]:  # fmt: skip
    """The framework entry (or 42001 id, as a ``iso-42001`` ref) a reference names; UnknownRefError otherwise."""
    text = " ".join(ref.split())
    if not text:
        raise UnknownRefError("ref: must not be empty", [])
    if len(text) > 200:
        raise UnknownRefError("ref: longer than 200 characters", [])
    parsed = parse_ref(text)
    if parsed is not None:
        crosswalk = crosswalks.get(parsed.framework)
        entry = crosswalk.get(parsed.id) if crosswalk else None
        if entry is None:
            ids = [e.id for e in crosswalk.entries] if crosswalk else []
            near = _nearest(parsed.id, ids)
            label = FRAMEWORK_LABEL[parsed.framework]
            where = "not in the crosswalk" if parsed.framework == "eu-ai-act" else "not a subcategory"
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise UnknownRefError(f"{parsed.label} is {where} of {label}{hint}", near)
        return parsed, entry
    found = lookup(text)
    if found is not None:
        return ParsedRef(framework="iso-42001", id=found), None
    every = [e.id for c in crosswalks for e in c.entries]
    near = difflib.get_close_matches(text.upper(), [i.upper() for i in every], n=3, cutoff=0.6)
    suggestions = [i for i in every if i.upper() in near] or nearest_iso(text)
    hint = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
    raise UnknownRefError(
        f"{text!r} is not a NIST AI RMF subcategory (GOVERN 1.1), an EU AI Act article (Art. 9) or an "
        f"ISO/IEC 42001 id (A.6.2.4){hint}",
        suggestions,
    )


def build_view(
    ref: str,
    crosswalks: Crosswalks,
    catalog: Catalog,
    *,
    lookup: Callable[[str], str | None],
    nearest_iso: Callable[[str], list[str]],
    verdicts: Verdicts | None,
    no_coverage_note: str = NOT_INDEXED,
) -> CrosswalkView:
    """The view of one reference; ``verdicts`` (42001 ids → gap items) is None when no coverage is derived (the
    view then carries ``no_coverage_note`` as a warning)."""
    parsed, entry = resolve(ref, crosswalks, catalog, lookup, nearest_iso)
    warnings: list[str] = []
    if entry is None:  # a 42001 id: the framework requirements that map onto it
        iso = catalog[parsed.id]
        grouped: dict[tuple[str, str], CrosswalkLink] = {}
        for e, p in crosswalks.mapping_to(iso.id, catalog):
            link = grouped.setdefault((e.framework, e.id), CrosswalkLink(
                framework=cast(FrameworkName, e.framework), id=e.id, title=e.title, rationale=p.rationale))  # fmt: skip
            if p.iso_id != iso.id and p.iso_id not in link.via:
                link.via.append(p.iso_id)
        links = list(grouped.values())
        items = verdicts([iso.id]) if verdicts else []
        view = CrosswalkView(
            ref=iso.id, framework="iso-42001", title=iso.title, text=iso.summary, mapped=links,
            coverage=items[0].status if items else None, verdicts=items,
            source="; ".join(c.source for c in crosswalks if c.source),
        )  # fmt: skip
    else:
        crosswalk = crosswalks.require(parsed.framework)
        links = [
            CrosswalkLink(framework="iso-42001", id=p.iso_id, title=catalog[p.iso_id].title, rationale=p.rationale)
            for p in entry.pairs
        ]
        ids = list(dict.fromkeys(p.iso_id for p in entry.pairs))
        items = verdicts(ids) if verdicts else []
        view = CrosswalkView(
            ref=parsed.label, framework=parsed.framework, title=entry.title, text=entry.text, source=crosswalk.source,
            mapped=links, coverage=weakest(i.status for i in items) if items else None, verdicts=items,
        )  # fmt: skip
        if parsed.paragraph is not None:
            warnings.append(f"the crosswalk maps whole articles: {parsed.label} is shown as {entry.id}")
    if verdicts is None and no_coverage_note:
        warnings.append(no_coverage_note)
    view.warnings = warnings
    return view


def framework_coverage(
    framework: str, crosswalks: Crosswalks, catalog: Catalog, items: Sequence[GapItem], role: str
) -> FrameworkCoverage:
    """Every requirement of ``framework`` with its weakest-link coverage over a 42001 gap report's items."""
    crosswalk = crosswalks.require(framework)
    by_id = {i.id: i for i in items}
    out: list[FrameworkCoverageItem] = []
    for entry in crosswalk.entries:
        mapped = [
            MappedVerdict(id=p.iso_id, title=catalog[p.iso_id].title, status=by_id[p.iso_id].status,
                          rationale=p.rationale)
            for p in entry.pairs if p.iso_id in by_id
        ]  # fmt: skip
        if not mapped:
            continue
        status = weakest(m.status for m in mapped)
        out.append(FrameworkCoverageItem(
            ref=entry.id, title=entry.title, text=entry.text, status=status, mapped=mapped,
            weakest=list(dict.fromkeys(m.id for m in mapped if m.status == status)),
        ))  # fmt: skip
    counts = {v: sum(1 for i in out if i.status == v) for v in ("covered", "partial", "missing")}
    return FrameworkCoverage(
        framework=cast(FrameworkName, crosswalk.framework), title=crosswalk.title, source=crosswalk.source,
        role=role, items=out, counts=counts,
    )  # fmt: skip
