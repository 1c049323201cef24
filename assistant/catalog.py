"""The ISO/IEC 42001 clause catalog: ``corpus/standard/*.yaml`` loaded and validated into typed entries.

Numbers and titles are facts of the standard; every summary, obligation and keyword is Clausewise's own
wording.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from ingestion.settings import Settings

Kind = Literal["clause", "annex_a_objective", "annex_a_control"]
KINDS: tuple[Kind, ...] = ("clause", "annex_a_objective", "annex_a_control")

#: Scope words accepted by :meth:`Catalog.ids_in_scope` besides an id prefix.
SCOPE_ALL = "all"
SCOPE_CLAUSES = "clauses"
SCOPE_ANNEX_A = "annex-a"

_REQUIRED_FIELDS = ("id", "title", "kind", "summary", "obligations", "evidence")
_OPTIONAL_FIELDS = ("parent", "related", "keywords", "suggested_owner")
_LIST_FIELDS = ("obligations", "evidence", "related", "keywords")
_CLAUSE_ID = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}$")
_ANNEX_ID = re.compile(r"^A\.\d{1,2}(?:\.\d{1,2}){0,3}$")
# Loose spellings people type for an id: "a.6.2.4", "A6.2.4", " 6.1.4 ".
_LOOSE_ANNEX = re.compile(r"^[Aa]\s*\.?\s*(\d{1,2}(?:\.\d{1,2}){0,3})$")


class CatalogError(ValueError):
    """The catalog files are malformed; the message names the file, the entry id and the field."""


@dataclass(frozen=True)
class CatalogEntry:
    """One clause, Annex A objective group or Annex A control of ISO/IEC 42001:2023."""

    id: str
    title: str
    kind: Kind
    parent: str | None
    summary: str
    obligations: tuple[str, ...]
    evidence: tuple[str, ...]
    related: tuple[str, ...]
    keywords: tuple[str, ...]
    suggested_owner: str

    @property
    def is_annex_a(self) -> bool:
        """True for Annex A objectives and controls."""
        return self.kind != "clause"

    @property
    def label(self) -> str:
        """Human label, e.g. ``clause 6.1.4`` or ``control A.10.3``."""
        word = {"clause": "clause", "annex_a_objective": "objective", "annex_a_control": "control"}[self.kind]
        return f"{word} {self.id}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping (lists instead of tuples)."""
        data = asdict(self)
        for name in _LIST_FIELDS:
            data[name] = list(data[name])
        return data


def normalize_id(text: str) -> str:
    """Canonical spelling of an id typed loosely: ``a6.2.4`` → ``A.6.2.4``; other text is only stripped."""
    stripped = text.strip().rstrip(".")
    loose = _LOOSE_ANNEX.match(stripped)
    if loose:
        return f"A.{loose.group(1)}"
    return stripped


def id_sort_key(entry_id: str) -> tuple[int, tuple[int, ...]]:
    """Document order: clauses by numeric components, then Annex A by numeric components."""
    if entry_id.startswith("A."):
        return (1, tuple(int(part) for part in entry_id[2:].split(".")))
    return (0, tuple(int(part) for part in entry_id.split(".")))


def is_valid_id_syntax(entry_id: str) -> bool:
    """Whether a string is shaped like a clause id (``6.1.4``) or an Annex A id (``A.6.2.4``)."""
    return bool(_CLAUSE_ID.match(entry_id) or _ANNEX_ID.match(entry_id))


class Catalog:
    """All catalog entries, indexed by id and kept in document order."""

    def __init__(self, entries: Iterable[CatalogEntry], *, source: Path | None = None) -> None:
        ordered = sorted(entries, key=lambda e: id_sort_key(e.id))
        self._entries: tuple[CatalogEntry, ...] = tuple(ordered)
        self._by_id: dict[str, CatalogEntry] = {}
        for entry in ordered:
            if entry.id in self._by_id:
                raise CatalogError(f"duplicate catalog id {entry.id!r}")
            self._by_id[entry.id] = entry
        self._children: dict[str, list[str]] = {entry.id: [] for entry in ordered}
        for entry in ordered:
            if entry.parent is not None and entry.parent in self._children:
                self._children[entry.parent].append(entry.id)
        self.source = source
        self._hash = _hash_entries(self._entries)

    # --- loading --------------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | str) -> Catalog:
        """Load and validate every ``*.yaml`` file of a catalog directory."""
        folder = Path(directory)
        if not folder.is_dir():
            raise CatalogError(f"{folder}: catalog directory not found")
        files = sorted(folder.glob("*.yaml"))
        if not files:
            raise CatalogError(f"{folder}: no *.yaml catalog files")
        origin: dict[str, Path] = {}
        entries: list[CatalogEntry] = []
        for path in files:
            for entry in _parse_file(path):
                if entry.id in origin:
                    raise CatalogError(
                        f"{path}: entry {entry.id!r}: field 'id': duplicate id (already defined in {origin[entry.id]})"
                    )
                origin[entry.id] = path
                entries.append(entry)
        _check_references(entries, origin)
        return cls(entries, source=folder)

    # --- lookup ---------------------------------------------------------------------------------
    def get(self, entry_id: str) -> CatalogEntry | None:
        """The entry with this id (loose spellings such as ``a6.2.4`` accepted), or None."""
        return self._by_id.get(normalize_id(entry_id))

    def __getitem__(self, entry_id: str) -> CatalogEntry:
        entry = self.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        return entry

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and normalize_id(entry_id) in self._by_id

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[CatalogEntry, ...]:
        """Every entry in document order (clauses 4–10, then Annex A)."""
        return self._entries

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id in document order."""
        return tuple(entry.id for entry in self._entries)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the entries' content (not of the files' bytes, so comments don't count)."""
        return self._hash

    def children(self, entry_id: str) -> list[CatalogEntry]:
        """Direct children of an entry, in document order; KeyError for an unknown id."""
        key = normalize_id(entry_id)
        if key not in self._children:
            raise KeyError(entry_id)
        return [self._by_id[child] for child in self._children[key]]

    def descendants(self, entry_id: str) -> list[CatalogEntry]:
        """Children, grandchildren, … of an entry, in document order."""
        key = normalize_id(entry_id)
        if key not in self._by_id:
            raise KeyError(entry_id)
        return [e for e in self._entries if e.id.startswith(key + ".")]

    def clauses(self) -> list[CatalogEntry]:
        """Entries of kind ``clause``."""
        return [e for e in self._entries if e.kind == "clause"]

    def objectives(self) -> list[CatalogEntry]:
        """Entries of kind ``annex_a_objective``."""
        return [e for e in self._entries if e.kind == "annex_a_objective"]

    def controls(self) -> list[CatalogEntry]:
        """Entries of kind ``annex_a_control``."""
        return [e for e in self._entries if e.kind == "annex_a_control"]

    def ids_in_scope(self, scope: str) -> list[str]:
        """Ids for ``all`` | ``clauses`` | ``annex-a`` | an id prefix (the id and its descendants)."""
        word = scope.strip().lower().replace("_", "-").replace(" ", "-")
        if word == SCOPE_ALL:
            return list(self.ids)
        if word in (SCOPE_CLAUSES, "clause"):
            return [e.id for e in self._entries if e.kind == "clause"]
        if word in (SCOPE_ANNEX_A, "annexa", "a"):
            return [e.id for e in self._entries if e.is_annex_a]
        prefix = normalize_id(scope)
        if prefix not in self._by_id:
            raise ValueError(
                f"unknown scope {scope!r}: use 'all', 'clauses', 'annex-a' or a catalog id such as '6.1' or 'A.6'"
            )
        return [e.id for e in self._entries if e.id == prefix or e.id.startswith(prefix + ".")]


# --- parsing & validation ---------------------------------------------------------------------------
def _fail(path: Path, entry_id: str | None, field: str | None, problem: str) -> CatalogError:
    where = f"{path}"
    if entry_id is not None:
        where += f": entry {entry_id!r}"
    if field is not None:
        where += f": field {field!r}"
    return CatalogError(f"{where}: {problem}")


def _parse_file(path: Path) -> list[CatalogEntry]:
    try:
        # libyaml's loader when built in: the same objects, ~10x faster (the catalog is parsed by every CLI call).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise _fail(path, None, None, f"invalid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, None, f"cannot read: {exc}") from exc
    if not isinstance(data, dict) or "entries" not in data:
        raise _fail(path, None, None, "expected a mapping with an 'entries' list at the top level")
    raw_entries = data["entries"]
    if not isinstance(raw_entries, list):
        raise _fail(path, None, "entries", "must be a list")
    return [_parse_entry(path, index, raw) for index, raw in enumerate(raw_entries)]


def _parse_entry(path: Path, index: int, raw: object) -> CatalogEntry:
    if not isinstance(raw, dict):
        raise _fail(path, f"#{index + 1}", None, "entry must be a mapping")
    raw_id = raw.get("id")
    if not isinstance(raw_id, str | int | float) or isinstance(raw_id, bool) or not str(raw_id).strip():
        raise _fail(path, f"#{index + 1}", "id", "missing or not a string")
    if not isinstance(raw_id, str):
        # An unquoted 9.2 is read by YAML as a float and would lose a trailing zero (10.10 → 10.1).
        raise _fail(path, str(raw_id), "id", "must be a quoted string (YAML reads it as a number)")
    entry_id = raw_id.strip()
    if not is_valid_id_syntax(entry_id):
        raise _fail(path, entry_id, "id", "not a clause id like '6.1.4' or an Annex A id like 'A.6.2.4'")
    mapping = cast(Mapping[str, object], raw)
    unknown = sorted(set(map(str, mapping)) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        allowed = ", ".join(_REQUIRED_FIELDS + _OPTIONAL_FIELDS)
        raise _fail(path, entry_id, unknown[0], f"unknown field (allowed: {allowed})")
    for name in _REQUIRED_FIELDS:
        if name not in mapping or mapping[name] is None:
            raise _fail(path, entry_id, name, "missing")

    def text(name: str, *, required: bool = True) -> str:
        value = mapping.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise _fail(path, entry_id, name, "must be a non-empty string")
        return " ".join(value.split())

    def items(name: str, *, required: bool) -> tuple[str, ...]:
        value = mapping.get(name)
        if value is None and not required:
            return ()
        if not isinstance(value, list):
            raise _fail(path, entry_id, name, "must be a list of strings")
        out: list[str] = []
        for position, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise _fail(path, entry_id, name, f"item {position + 1} must be a non-empty string")
            out.append(" ".join(item.split()))
        if required and not out:
            raise _fail(path, entry_id, name, "must not be empty")
        return tuple(out)

    kind = mapping["kind"]
    if kind not in KINDS:
        raise _fail(path, entry_id, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if (kind == "clause") != bool(_CLAUSE_ID.match(entry_id)):
        problem = f"{kind!r} does not fit the id (clause ids are numeric, Annex A ids start with 'A.')"
        raise _fail(path, entry_id, "kind", problem)

    parent_raw = mapping.get("parent")
    parent: str | None
    if parent_raw is None:
        parent = None
    elif isinstance(parent_raw, str) and parent_raw.strip():
        parent = parent_raw.strip()
        if not entry_id.startswith(parent + "."):
            raise _fail(path, entry_id, "parent", f"{parent!r} is not a prefix of the id")
    else:
        raise _fail(path, entry_id, "parent", "must be a quoted id string or null")

    related = items("related", required=False)
    if entry_id in related:
        raise _fail(path, entry_id, "related", "lists the entry itself")

    return CatalogEntry(
        id=entry_id,
        title=text("title"),
        kind=kind,
        parent=parent,
        summary=text("summary"),
        obligations=items("obligations", required=True),
        evidence=items("evidence", required=True),
        related=tuple(dict.fromkeys(related)),
        keywords=tuple(dict.fromkeys(items("keywords", required=False))),
        suggested_owner=text("suggested_owner", required=False),
    )


def _check_references(entries: list[CatalogEntry], origin: Mapping[str, Path]) -> None:
    for entry in entries:
        if entry.parent is not None and entry.parent not in origin:
            raise _fail(origin[entry.id], entry.id, "parent", f"unknown id {entry.parent!r}")
        for other in entry.related:
            if other not in origin:
                raise _fail(origin[entry.id], entry.id, "related", f"unknown id {other!r}")


def _hash_entries(entries: Iterable[CatalogEntry]) -> str:
    payload = json.dumps([e.to_dict() for e in entries], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- cached access -----------------------------------------------------------------------------------
def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    stats = []
    for path in sorted(folder.glob("*.yaml")):
        info = path.stat()
        stats.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(stats)


@lru_cache(maxsize=8)
def _load_cached(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Catalog:
    del signature  # part of the cache key only: an edited file yields a new signature
    return Catalog.load(folder)


#: The project checkout this module belongs to; the shipped catalog lives in its ``corpus/standard``.
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


def catalog_path(settings: Settings) -> Path:
    """The catalog folder: ``catalog_dir`` as given, or, when relative and absent from the working
    directory, relative to the project checkout (so ``clausewise`` works from any directory)."""
    folder = Path(settings.catalog_dir).expanduser()
    if folder.is_dir() or folder.is_absolute():
        return folder.resolve()
    shipped = _PROJECT_ROOT / folder
    return shipped.resolve() if shipped.is_dir() else folder.resolve()


def load_catalog(settings: Settings) -> Catalog:
    """The catalog of ``settings.catalog_dir``, cached per directory until one of its files changes."""
    folder = catalog_path(settings)
    if not folder.is_dir():
        raise CatalogError(f"{folder}: catalog directory not found (setting catalog_dir / CLAUSEWISE_CATALOG_DIR)")
    return _load_cached(folder, _signature(folder))
