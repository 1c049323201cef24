"""ISO/IEC 42001 identifiers mentioned in a text, normalised (``A6.2.4`` → ``A.6.2.4``, ``clause 8.2`` → ``8.2``).

Forms recognised:

* Annex A controls: ``A.6.2.4``, ``A6.2.4``, ``Annex A.7``, ranges ``A.5.2–A.5.4``;
* clauses after a keyword: ``clause 8.2``, ``clauses 6.1.2 and 6.1.3``, ``cl. 8``, ``§ 9.2``,
  ``ISO/IEC 42001:2023 9.2``, ranges ``clauses 4.1–4.4``;
* bare three-level numbers ``6.1.4`` (two-level bare numbers such as ``4.2`` are far more often a
  document's own section numbering, so they need a keyword).

Without ``known_ids`` the syntax alone decides (clauses 4–10, Annex A.2–A.10, no zero components).
With ``known_ids`` (the catalog's ids) an id must exist there — the assistant never invents ids —
and ranges expand to the known ids between their ends.

Ids listed in metadata (front matter ``iso-42001_references: [A.6.2.6]``) are read by
:func:`metadata_clause_refs`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import yaml

_NUM = r"\d{1,2}(?:\.\d{1,2}){0,2}"
_DASH = r"(?:\s*[–—-]\s*|\s+to\s+)"
_ANNEX_ID = rf"(?:Annex\s+)?A(?:\.|\s)?{_NUM}"

# An Annex A identifier: "A.6.2.4", "A6.2.4", "A 6.2.4", "Annex A.7". The look-behind keeps
# "DATA.6" or "BA.1" out; the look-ahead stops at the id's end so "A.6.2.45" is not cut short.
_ANNEX = re.compile(rf"(?<![\w.])(?P<annex>Annex\s+)?A(?P<sep>\.|\s)?(?P<num>{_NUM})(?![\d])(?!\.\d)")
_ANNEX_RANGE = re.compile(
    rf"(?<![\w.])(?P<a>{_ANNEX_ID})(?![\d])(?!\.\d){_DASH}(?P<b>(?:A(?:\.|\s)?)?{_NUM})(?![\d])(?!\.\d)"
)
_KEYWORD = re.compile(
    r"(?:\b[Cc]lauses?|\b[Cc]l\.|§+|\bISO/IEC\s*42001(?::\s?2023)?,?|\b42001(?::\s?2023)?,?)\s*"
    rf"(?P<list>{_NUM}(?![\d])(?:\s*(?:,|&|/|\band\b|\bor\b|[–—-]|\bto\b)\s*{_NUM}(?![\d]))*)"
)
_BARE = re.compile(r"(?<![\w.£$€/:])(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})(?![\w])(?!\.\d)")
_VERSION_BEFORE = re.compile(r"(?:\bv|\bversion\s*|\brev\.?\s*|\bISO\s*\d+\s*)$", re.IGNORECASE)
_LIST_ITEM = re.compile(rf"(?P<num>{_NUM})(?![\d])|(?P<dash>[–—-]|\bto\b)")

_MAX_COMPONENT = 20


def _components_ok(parts: list[int], *, annex: bool) -> bool:
    if not parts or any(p == 0 or p > _MAX_COMPONENT for p in parts):
        return False
    top = parts[0]
    return 2 <= top <= 10 if annex else 4 <= top <= 10


def normalise_clause_id(raw: str) -> str | None:
    """Normalise one identifier (``a6.2.4``, ``Annex A.7``, ``clause 8.2``, ``8.2``); ``None`` if invalid."""
    text = raw.strip()
    text = re.sub(r"^(?:clauses?|cl\.)\s*", "", text, flags=re.IGNORECASE)
    match = re.fullmatch(rf"(?:Annex\s+)?(?P<a>[Aa])?(?:\.|\s)?(?P<num>{_NUM})", text)
    if not match:
        return None
    annex = match.group("a") is not None
    parts = [int(p) for p in match.group("num").split(".")]
    if not _components_ok(parts, annex=annex):
        return None
    body = ".".join(str(p) for p in parts)
    return f"A.{body}" if annex else body


def clause_sort_key(clause_id: str) -> tuple[int, tuple[int, ...]]:
    """Sort clauses 4–10 first, then Annex A, each in numeric order."""
    annex = clause_id.startswith("A.")
    body = clause_id[2:] if annex else clause_id
    return (1 if annex else 0, tuple(int(p) for p in body.split(".") if p.isdigit()))


def _expand_range(start: str, end: str, known_ids: Collection[str] | None) -> list[str]:
    if known_ids is None or start == end:
        return [start, end]
    s_parts, e_parts = start.split("."), end.split(".")
    if len(s_parts) != len(e_parts) or s_parts[:-1] != e_parts[:-1]:
        return [start, end]
    prefix = ".".join(s_parts[:-1])
    lo, hi = int(s_parts[-1]), int(e_parts[-1])
    if lo > hi:
        return [start, end]
    out = [start, end]
    for value in range(lo, hi + 1):
        candidate = f"{prefix}.{value}" if prefix else str(value)
        if candidate in known_ids:
            out.append(candidate)
    return out


def extract_clause_refs(text: str, known_ids: Collection[str] | None = None) -> list[str]:
    """Every ISO/IEC 42001 id ``text`` mentions, normalised, de-duplicated and sorted."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _ANNEX_RANGE.finditer(text):
        a = normalise_clause_id(match.group("a"))
        b_raw = match.group("b")
        b = normalise_clause_id(b_raw if b_raw.lstrip().upper().startswith("A") else f"A.{b_raw}")
        if a and b and a.startswith("A.") and b.startswith("A."):
            found.extend(_expand_range(a, b, known_ids))
            taken.append(match.span())

    for match in _KEYWORD.finditer(text):
        if not free(*match.span("list")):
            continue
        items = list(_LIST_ITEM.finditer(match.group("list")))
        previous: str | None = None
        pending_range = False
        for item in items:
            if item.group("dash"):
                pending_range = previous is not None
                continue
            clause = normalise_clause_id(item.group("num"))
            if clause is None:
                pending_range = False
                continue
            if pending_range and previous is not None:
                found.extend(_expand_range(previous, clause, known_ids))
            else:
                found.append(clause)
            previous, pending_range = clause, False
        taken.append(match.span())

    for match in _ANNEX.finditer(text):
        if not free(*match.span()):
            continue
        sep = match.group("sep")
        num = match.group("num")
        # "A6" or "A 6" alone is a paper size or a grid cell; without a dot after "A" (and no
        # "Annex") require a multi-level number such as A6.2.4.
        if not match.group("annex") and sep != "." and "." not in num:
            continue
        clause = normalise_clause_id(f"A.{num}")
        if clause:
            found.append(clause)
            taken.append(match.span())

    for match in _BARE.finditer(text):
        if not free(*match.span()):
            continue
        if _VERSION_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        clause = normalise_clause_id(match.group("num"))
        if clause:
            found.append(clause)

    if known_ids is not None:
        found = [c for c in found if c in known_ids]
    return sorted(set(found), key=clause_sort_key)


def catalog_files(catalog_dir: Path) -> list[Path]:
    """The catalog YAML files (``*.yaml`` / ``*.yml``) in ``catalog_dir``, sorted; empty if absent."""
    if not catalog_dir.is_dir():
        return []
    return sorted(p for p in catalog_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def catalog_digest(catalog_dir: Path) -> str:
    """A cheap fingerprint of the catalog files (names and bytes), without parsing them."""
    digest = hashlib.sha256()
    for path in catalog_files(catalog_dir):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def load_known_ids(catalog_dir: Path) -> frozenset[str] | None:
    """Ids from ``entries[].id`` of the catalog files; ``None`` when there is no usable catalog."""
    ids: set[str] = set()
    for path in catalog_files(catalog_dir):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            # The catalog belongs to another component; a broken file there must not stop ingestion,
            # it only means fewer ids are known.
            continue
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, dict) and entry.get("id") is not None:
                clause = normalise_clause_id(str(entry["id"]))
                if clause:
                    ids.add(clause)
    return frozenset(ids) if ids else None


def _yaml_loader() -> type[yaml.SafeLoader]:
    # libyaml's loader parses the catalog several times faster than the pure-Python one.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Metadata keys whose values are clause/control ids: ``iso-42001_references``, ``clauses``, ``controls``,
# ``annex_a``, ``refs``, ``iso``. A key naming another standard's number (``iso_27001_controls``) does not
# count: ISO/IEC 27001 has Annex A controls of the same syntax.
_REF_KEY = re.compile(r"referenc|(?:^|_)refs?(?:_|$)|clause|control|annex|42001|^iso", re.IGNORECASE)
_STANDARD_NUMBER = re.compile(r"(?<!\d)\d{4,5}(?!\d)")
# An item of an unnamed list that is an id on its own: ``A.6.2.6``, ``A.5``, ``6.1.2``. As in running text, a
# two-level number (``4.2``) or a bare one (``4``) is more often a section number or a value: it needs a named key.
_ID_ITEM = re.compile(rf"\s*(?:A\.?\s?{_NUM}|\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}})\s*", re.IGNORECASE)
_SPLIT_ITEMS = re.compile(r"[,;]")
#: Values looked at in one document's metadata (YAML aliases can make a small block huge).
_MAX_METADATA_VALUES = 5_000


def _ref_key(key: str) -> bool | None:
    """True: the key names clause ids; None: it names another standard (its values never count); else False."""
    for number in _STANDARD_NUMBER.findall(key):
        if number != "42001":
            return None
    return bool(_REF_KEY.search(key.replace("-", "_").replace(" ", "_")))


def metadata_clause_refs(values: Mapping[str, object], known_ids: Collection[str] | None = None) -> list[str]:
    """Clause/control ids listed in metadata (front matter, sidecar), normalised and sorted.

    A key named like ``*references*``, ``*clauses*``, ``*controls*``, ``iso*`` counts every id its value
    names (a list, a comma-separated text, a nested mapping; ``6.1`` there is clause 6.1). Any other key
    counts the items of a list or comma-separated text that are Annex A or three-level ids on their own
    (``tags: [A.6.2.6, ai]``).
    With ``known_ids`` only catalog ids count, as in :func:`extract_clause_refs`.
    """
    found: list[str] = []
    budget = [_MAX_METADATA_VALUES]

    def items(value: object) -> Iterable[object]:
        if isinstance(value, str):
            return _SPLIT_ITEMS.split(value)
        if isinstance(value, (list, tuple, set, frozenset)):
            return value
        return (value,)

    def walk(value: object, named: bool) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if isinstance(value, Mapping):
            for key, child in value.items():
                kind = _ref_key(str(key))
                if kind is not None:
                    walk(child, named or kind)
            return
        if isinstance(value, (list, tuple, set, frozenset)) and any(
            isinstance(v, (Mapping, list, tuple)) for v in value
        ):
            for child in value:
                walk(child, named)
            return
        listed = isinstance(value, (list, tuple, set, frozenset)) or (
            isinstance(value, str) and _SPLIT_ITEMS.search(value) is not None
        )
        for item in items(value):
            budget[0] -= 1
            if budget[0] < 0:
                return
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                continue
            text = str(item).strip()
            if named:
                clause = normalise_clause_id(text)
                found.extend([clause] if clause else extract_clause_refs(text, known_ids))
            elif listed and isinstance(item, str) and _ID_ITEM.fullmatch(text):
                clause = normalise_clause_id(text)
                if clause:
                    found.append(clause)

    walk(values, False)
    if known_ids is not None:
        found = [c for c in found if c in known_ids]
    return sorted(set(found), key=clause_sort_key)


def merge_refs(groups: Iterable[Iterable[str]]) -> list[str]:
    """Union of several id lists, sorted."""
    return sorted({c for group in groups for c in group}, key=clause_sort_key)
