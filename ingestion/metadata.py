"""Document metadata and its precedence chain.

Sources, later wins:

1. folder defaults ``_meta.yaml`` (its folder and every folder below, deeper files win),
2. document properties (DOCX core properties, PDF info, XLSX properties, HTML ``<meta>``),
3. YAML front matter (Markdown),
4. a sidecar ``<filename>.meta.yaml`` next to the file,
5. command-line / API overrides.

Sources written for Clausewise (1, 4, 5) are validated strictly: a bad value fails the file with an
error that names the source and the field. Document properties and front matter are written for other
tools (office suites, Jekyll and other site generators: ``type: post``, ``layout:``), so an unusable
value there never fails the document: it falls back with a warning naming the source and the key
(doc_type, status: the earlier sources' value or the default; a date: dropped; a classification: see
:func:`classification_level` and the safe level below). Keys that are no metadata field are kept as
the document's *custom* metadata (manifest and ``clausewise docs``, never Chroma).

An unrecognisable classification marking (``Board eyes only``) resolves to the *safe level*: the highest
of the configured ``unknown_classification``, the default classification and what earlier sources gave.
The author marked the document as something, most likely as protected, and we cannot tell how
protected; guessing too low could show it to people it was kept from (a leak nobody notices), guessing
too high only hides it until someone reads the warning and adds a sidecar.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict

from ingestion.settings import CLASSIFICATION_ORDER, Classification

DocType = Literal[
    "policy",
    "procedure",
    "risk_assessment",
    "impact_assessment",
    "audit_report",
    "nonconformity_log",
    "management_review",
    "record",
    "model_card",
    "data_inventory",
    "other",
]
Status = Literal["current", "superseded", "draft"]

DOC_TYPES: tuple[str, ...] = get_args(DocType)
STATUSES: tuple[str, ...] = get_args(Status)
CLASSIFICATIONS: tuple[str, ...] = CLASSIFICATION_ORDER

#: Fields a metadata source may set.
META_FIELDS: tuple[str, ...] = (
    "title",
    "doc_type",
    "owner",
    "version",
    "effective_date",
    "classification",
    "status",
)
_KEY_ALIASES = {
    "type": "doc_type",
    "doctype": "doc_type",
    "document_type": "doc_type",
    "owners": "owner",
    "effective": "effective_date",
    "date_effective": "effective_date",
}
_STATUS_SYNONYMS = {
    "final": "current",
    "approved": "current",
    "active": "current",
    "published": "current",
    "in_force": "current",
    "obsolete": "superseded",
    "retired": "superseded",
    "withdrawn": "superseded",
    "archived": "superseded",
    "in_review": "draft",
    "under_review": "draft",
    "proposed": "draft",
    "effective": "current",
    "live": "current",
    "released": "current",
    "issued": "current",
    "deprecated": "superseded",
    "replaced": "superseded",
    "expired": "superseded",
    "wip": "draft",
    "work_in_progress": "draft",
    "in_progress": "draft",
    "pending": "draft",
    "pending_approval": "draft",
}
_DOC_TYPE_SYNONYMS = {
    "risk_register": "risk_assessment",
    "ai_impact_assessment": "impact_assessment",
    "aiia": "impact_assessment",
    "internal_audit_report": "audit_report",
    "nonconformity_register": "nonconformity_log",
    "nc_log": "nonconformity_log",
    "management_review_minutes": "management_review",
    "dataset_inventory": "data_inventory",
}

#: Bump when these rules change what an unchanged file resolves to (fallbacks, custom metadata, clause ids
#: listed in front matter): the next ingest then re-reads every document once, and rewrites only metadata
#: where the chunks stay the same (no re-embedding).
METADATA_VERSION = "2"

# Words of classification markings and the level they mean (``classification_level``).
_LEVEL_WORDS: dict[str, Classification] = {
    "public": "public",
    "unrestricted": "public",
    "internal": "internal",
    "official": "internal",
    "confidential": "confidential",
    "sensitive": "confidential",
    "private": "confidential",
    "restricted": "restricted",
    "secret": "restricted",
}
#: "Strictly confidential", "highly sensitive": one level up.
_INTENSIFIERS = frozenset({"strictly", "highly", "very", "extremely", "top"})
#: "Not public", "non-confidential": whoever wrote it meant some other level, which one we cannot tell.
_NEGATIONS = frozenset({"not", "non", "no"})
#: Traffic Light Protocol (FIRST TLP 2.0; WHITE is the 1.0 name of CLEAR).
_TLP: dict[str, Classification] = {
    "red": "restricted",
    "amber": "confidential",
    "green": "internal",
    "clear": "public",
    "white": "public",
}
_WHAT = {
    "title": "a text",
    "owner": "a text",
    "version": "a text such as '2.1'",
    "effective_date": "a date (YYYY-MM-DD)",
    "doc_type": f"a document type ({', '.join(DOC_TYPES)})",
    "status": f"a status ({', '.join(STATUSES)})",
    "classification": f"a classification level ({', '.join(CLASSIFICATIONS)})",
}
# Dates people write besides ISO 8601; day/month order is unambiguous in each (no 01/03/2025).
_DATE_FORMATS = ("%Y/%m/%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
#: Custom metadata kept per document: values (every list item and mapping entry counts) and characters of
#: JSON. Front matter is bounded by the file size already; this bounds what YAML aliases could expand it to.
CUSTOM_MAX_VALUES = 5_000
CUSTOM_MAX_CHARS = 64_000


class MetadataError(ValueError):
    """A metadata source holds a value that cannot be used; the message names source and field."""


class DocumentMeta(BaseModel):
    """Metadata of one ingested document, copied onto every chunk in Chroma."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str
    title: str
    doc_type: DocType = "other"
    owner: str | None = None
    version: str | None = None
    effective_date: dt.date | None = None
    classification: Classification
    status: Status = "current"
    source: str
    content_hash: str
    ingested_at: str

    def chroma_metadata(self) -> dict[str, str]:
        """Scalar metadata for Chroma: absent values are omitted, never ``None``."""
        out: dict[str, str] = {}
        for key, value in self.model_dump().items():
            if value is None:
                continue
            out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out


@dataclass(frozen=True)
class MetaLayer:
    """One metadata source: a label for messages, its values, whether it is validated strictly.

    ``keep_custom``: keys that are no metadata field are kept as the document's custom metadata.
    """

    label: str
    values: Mapping[str, object]
    strict: bool = True
    keep_custom: bool = True


@dataclass
class ResolvedMeta:
    """The result of applying the precedence chain to one document."""

    meta: DocumentMeta
    classification_defaulted: bool
    warnings: list[str] = field(default_factory=list)
    #: Keys of the sources that are no metadata field (``layout``, ``tags``, ``iso-42001_references``), as
    #: JSON values; later sources win per key.
    custom: dict[str, Any] = field(default_factory=dict)


def _slug(value: str) -> str:
    return re.sub(r"[\s\-/]+", "_", value.strip().lower())


def normalise_key(key: str) -> str:
    """Canonical field name for a metadata key (``doc-type`` → ``doc_type``)."""
    slug = _slug(key)
    return _KEY_ALIASES.get(slug, slug)


def classification_level(value: str) -> Classification | None:
    """The level a classification marking means, or ``None`` when it cannot be told.

    Case-insensitive, on its words: a level's name or a synonym (``Confidential - HR``, ``INTERNAL USE ONLY``,
    ``secret``, ``sensitive``), an abbreviation of a level's name of four letters or more (``Conf.``), an
    intensifier one level up (``strictly confidential``), TLP colours. Several levels in one marking: the
    highest. A negation (``not public``) is never guessed.
    """
    words = re.findall(r"[a-z]+", value.lower())
    if not words or any(w in _NEGATIONS for w in words):
        return None
    levels: list[Classification] = []
    if "tlp" in words:
        levels = [_TLP[w] for w in words if w in _TLP]
    else:
        for index, word in enumerate(words):
            level = _LEVEL_WORDS.get(word)
            if level is None and len(word) >= 4:
                level = next((c for c in CLASSIFICATION_ORDER if c.startswith(word)), None)
            if level is None:
                continue
            if index and words[index - 1] in _INTENSIFIERS and level != "restricted":
                level = CLASSIFICATION_ORDER[CLASSIFICATION_ORDER.index(level) + 1]
            levels.append(level)
    if not levels:
        return None
    return max(levels, key=CLASSIFICATION_ORDER.index)


def _parse_date(value: str) -> dt.date | None:
    text = " ".join(value.split())
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def normalise_value(name: str, value: object) -> object:
    """Validate and normalise one field value; raises :class:`MetadataError` (without the source label)."""
    if name == "owner" and isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        # Front matter often lists owners: ``owner: [CISO, DPO]``.
        return ", ".join(" ".join(v.split()) for v in value)
    if name in ("title", "owner"):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise MetadataError(f"{name} must be a non-empty text, got {value!r}")
        return " ".join(str(value).split())
    if name == "version":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            raise MetadataError(f"version must be a text such as '2.1', got {value!r}")
        return str(value).strip()
    if name == "effective_date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and (parsed := _parse_date(value)) is not None:
            return parsed
        raise MetadataError(f"effective_date must be a date YYYY-MM-DD, got {value!r}")
    if not isinstance(value, str):
        raise MetadataError(f"{name} must be a text, got {value!r}")
    slug = _slug(value)
    if name == "classification":
        level = classification_level(value)
        if level is not None:
            return level
        raise MetadataError(f"classification {value!r} is not one of {', '.join(CLASSIFICATIONS)}")
    if name == "doc_type":
        slug = _DOC_TYPE_SYNONYMS.get(slug, slug)
        if slug in DOC_TYPES:
            return slug
        raise MetadataError(f"doc_type {value!r} is not one of {', '.join(DOC_TYPES)}")
    if name == "status":
        slug = _STATUS_SYNONYMS.get(slug, slug)
        if slug in STATUSES:
            return slug
        raise MetadataError(f"status {value!r} is not one of {', '.join(STATUSES)}")
    raise MetadataError(f"unknown metadata field {name!r}")


def safe_level(*levels: str | None) -> Classification:
    """The highest of the given classification levels (``None`` and unknown names are skipped)."""
    known = [c for c in CLASSIFICATION_ORDER if c in levels]
    return known[-1] if known else CLASSIFICATION_ORDER[-1]


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# What a field is when no source sets it (DocumentMeta's defaults), for the fallback warnings.
_DEFAULTS: dict[str, object] = {"doc_type": "other", "status": "current"}
#: ``set_by`` marker of a classification that is the safe level for an unrecognisable marking.
_SAFE = "(safe level)"


def _fallback_warning(label: str, raw_key: str, raw_value: object, name: str, final: object, source: str | None) -> str:
    head = f"{label} key {raw_key!r} has value {_shown(raw_value)}, not {_WHAT[name]}"
    if final is None:
        return f"{head}; dropped" if name == "effective_date" else f"{head}; ignored"
    shown = final.isoformat() if isinstance(final, dt.date) else final
    if source == _SAFE:
        return (
            f"{head}; using {shown!r}, the level for markings that cannot be read (CLAUSEWISE_UNKNOWN_CLASSIFICATION); "
            "give the document a sidecar <file>.meta.yaml with its classification"
        )
    if source is not None and source != label:
        return f"{head}; using {shown!r} from {source}"
    return f"{head}; using {shown!r}"


def resolve_metadata(
    layers: Sequence[MetaLayer],
    *,
    doc_id: str,
    content_hash: str,
    ingested_at: str,
    fallback_title: str,
    default_classification: Classification,
    unknown_classification: Classification = "restricted",
) -> ResolvedMeta:
    """Apply the layers in order (later wins) and build the :class:`DocumentMeta` and custom metadata.

    A value a lenient layer cannot use falls back (see the module docstring) and adds a warning.
    """
    values: dict[str, object] = {}
    set_by: dict[str, str] = {}
    custom: dict[str, object] = {}
    fallbacks: list[tuple[str, str, object, str]] = []
    for layer in layers:
        for raw_key, raw_value in layer.values.items():
            key = normalise_key(str(raw_key))
            if key not in META_FIELDS:
                if layer.keep_custom:
                    custom[str(raw_key)] = raw_value
                continue
            if raw_value is None:
                continue
            try:
                values[key] = normalise_value(key, raw_value)
                set_by[key] = layer.label
            except MetadataError as exc:
                if layer.strict:
                    raise MetadataError(f"{layer.label}: {exc}") from exc
                if key == "classification":
                    # Never lower than what the document would get otherwise: see the module docstring.
                    current = values.get("classification")
                    values[key] = safe_level(
                        current if isinstance(current, str) else None, default_classification, unknown_classification
                    )
                    set_by[key] = _SAFE
                fallbacks.append((layer.label, str(raw_key), raw_value, key))
    defaulted = "classification" not in values
    if defaulted:
        values["classification"] = default_classification
    values.setdefault("title", fallback_title)
    warnings = [
        _fallback_warning(label, raw_key, raw_value, key, values.get(key, _DEFAULTS.get(key)), set_by.get(key))
        for label, raw_key, raw_value, key in fallbacks
    ]
    kept, dropped = custom_metadata(custom)
    warnings.extend(dropped)
    meta = DocumentMeta.model_validate(
        {**values, "doc_id": doc_id, "source": doc_id, "content_hash": content_hash, "ingested_at": ingested_at}
    )
    return ResolvedMeta(meta=meta, classification_defaulted=defaulted, warnings=warnings, custom=kept)


class _TooLarge(Exception):
    pass


def _json_value(value: object, budget: list[int]) -> Any:
    # ``budget`` counts down the values still allowed; YAML aliases share objects, so without it a
    # few lines of front matter could expand to millions of values here.
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _json_value(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v, budget) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_json_value(v, budget) for v in value), key=str)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def custom_metadata(values: Mapping[str, object]) -> tuple[dict[str, Any], list[str]]:
    """Custom metadata as JSON values within the size bounds, and a warning for each key left out."""
    kept: dict[str, Any] = {}
    warnings: list[str] = []
    budget = [CUSTOM_MAX_VALUES]
    chars = 0
    for key, value in values.items():
        try:
            converted = _json_value(value, budget)
        except _TooLarge:
            warnings.append(f"custom metadata key {key!r} not kept: over {CUSTOM_MAX_VALUES:,} values in all")
            budget = [0]
            continue
        size = len(json.dumps(converted, ensure_ascii=False)) + len(key)
        if chars + size > CUSTOM_MAX_CHARS:
            warnings.append(f"custom metadata key {key!r} not kept: over {CUSTOM_MAX_CHARS:,} characters in all")
            continue
        chars += size
        kept[key] = converted
    return kept, warnings


def read_meta_file(path: Path, data: bytes | None = None) -> dict[str, object]:
    """Parse a ``_meta.yaml`` or sidecar file; raises :class:`MetadataError` naming the file."""
    try:
        raw = path.read_bytes() if data is None else data
        parsed = yaml.safe_load(raw.decode("utf-8-sig")) if raw.strip() else {}
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path.name}: not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise MetadataError(f"{path.name}: malformed YAML: {problem}{where}") from exc
    except OSError as exc:
        raise MetadataError(f"{path.name}: cannot be read: {exc.strerror}") from exc
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise MetadataError(f"{path.name}: expected key: value pairs, got {type(parsed).__name__}")
    return {str(k): v for k, v in parsed.items()}


def unknown_keys(values: Mapping[str, object]) -> list[str]:
    """Keys of a metadata file that match no field (kept as custom metadata; in a sidecar often a typo)."""
    return sorted(str(k) for k in values if normalise_key(str(k)) not in META_FIELDS)


def near_field(key: str) -> str | None:
    """The metadata field an unknown key is most likely a typo of (``clasification``), or ``None``."""
    close = difflib.get_close_matches(normalise_key(key), [*META_FIELDS, *_KEY_ALIASES], n=1, cutoff=0.8)
    return normalise_key(close[0]) if close else None


def title_from_filename(path: Path) -> str:
    """A readable title from a file name: ``ai_risk-register.v2.csv`` → ``Ai risk register v2``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else path.name
