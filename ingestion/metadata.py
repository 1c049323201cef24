"""Document metadata and its precedence chain.

Sources, later wins:

1. folder defaults ``_meta.yaml`` (its folder and every folder below, deeper files win),
2. document properties (DOCX core properties, PDF info, XLSX properties, HTML ``<meta>``),
3. YAML front matter (Markdown),
4. a sidecar ``<filename>.meta.yaml`` next to the file,
5. command-line / API overrides.

Explicit sources (1, 3, 4, 5) are validated strictly: a bad value fails the file with an error that
names the source and the field. Document properties are written by office tools, not by people
thinking of Clausewise, so an unusable value there is ignored with a warning instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

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
    """One metadata source: a label for error messages, its values, and whether it is validated strictly."""

    label: str
    values: Mapping[str, object]
    strict: bool = True


@dataclass
class ResolvedMeta:
    """The result of applying the precedence chain to one document."""

    meta: DocumentMeta
    classification_defaulted: bool
    warnings: list[str] = field(default_factory=list)


def _slug(value: str) -> str:
    return re.sub(r"[\s\-/]+", "_", value.strip().lower())


def normalise_key(key: str) -> str:
    """Canonical field name for a metadata key (``doc-type`` → ``doc_type``)."""
    slug = _slug(key)
    return _KEY_ALIASES.get(slug, slug)


def normalise_value(name: str, value: object) -> object:
    """Validate and normalise one field value; raises :class:`MetadataError` (without the source label)."""
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
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise MetadataError(f"effective_date must be a date YYYY-MM-DD, got {value!r}")
    if not isinstance(value, str):
        raise MetadataError(f"{name} must be a text, got {value!r}")
    slug = _slug(value)
    if name == "classification":
        if slug in CLASSIFICATIONS:
            return slug
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


def resolve_metadata(
    layers: Sequence[MetaLayer],
    *,
    doc_id: str,
    content_hash: str,
    ingested_at: str,
    fallback_title: str,
    default_classification: Classification,
) -> ResolvedMeta:
    """Apply the layers in order (later wins) and build the :class:`DocumentMeta`."""
    values: dict[str, object] = {}
    warnings: list[str] = []
    for layer in layers:
        for raw_key, raw_value in layer.values.items():
            key = normalise_key(str(raw_key))
            if key not in META_FIELDS or raw_value is None:
                continue
            try:
                values[key] = normalise_value(key, raw_value)
            except MetadataError as exc:
                if layer.strict:
                    raise MetadataError(f"{layer.label}: {exc}") from exc
                warnings.append(f"{layer.label}: {exc}; ignored")
    defaulted = "classification" not in values
    if defaulted:
        values["classification"] = default_classification
    values.setdefault("title", fallback_title)
    meta = DocumentMeta.model_validate(
        {**values, "doc_id": doc_id, "source": doc_id, "content_hash": content_hash, "ingested_at": ingested_at}
    )
    return ResolvedMeta(meta=meta, classification_defaulted=defaulted, warnings=warnings)


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
    """Keys of a metadata file that match no field (most likely typos)."""
    return sorted(str(k) for k in values if normalise_key(str(k)) not in META_FIELDS)


def title_from_filename(path: Path) -> str:
    """A readable title from a file name: ``ai_risk-register.v2.csv`` → ``Ai risk register v2``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else path.name
