"""Evidence freshness: each document's review-due date, the rule that gave it, and whether it is past it (stale).

Precedence (``review_basis``): ``metadata`` (``review_due`` / ``next_review`` dates, or a ``review_cycle`` such as
``12 months`` / ``annual`` counted from its effective date), else ``document`` (a cycle the document states for
itself: "this policy is reviewed every 12 months"), else ``organization`` (a cycle another document states for it
by title, else the organization's stated cycle for its document type, ``ingestion/review_cycles.py``), else
``default``: ``effective_date`` plus ``CLAUSEWISE_REVIEW_CYCLE_DAYS``. "Today" comes from ``CLAUSEWISE_TODAY`` when
set, so results are reproducible. See docs/freshness.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ingestion.settings import Settings

if TYPE_CHECKING:
    from ingestion.review_cycles import CycleStatement, ReviewCycles

ReviewBasis = Literal["metadata", "document", "organization", "default"]

#: Custom metadata keys that carry a review-due date (front matter / sidecar / ``_meta.yaml``).
DUE_KEYS = ("review_due", "next_review", "review_due_date", "next_review_date", "review_by")
#: Custom metadata keys that carry a review cycle.
CYCLE_KEYS = ("review_cycle", "review_frequency", "review_period", "review_interval")

_WORD_CYCLES = {
    "annual": 365, "annually": 365, "yearly": 365, "biennial": 730, "biennially": 730,
    "semiannual": 182, "semi-annual": 182, "biannual": 182, "half-yearly": 182,
    "quarterly": 91, "monthly": 30, "weekly": 7, "daily": 1,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.4375, "year": 365.25}
_CYCLE_RE = re.compile(r"^(?:every\s+)?(\d{1,4})\s*(day|week|month|year)s?$")


def today(settings: Settings) -> dt.date:
    """The date freshness is judged on: ``settings.today`` when set, else the system date."""
    return settings.today or dt.date.today()


def parse_cycle(value: Any) -> int | None:
    """Days of a review cycle (``365``, ``12 months``, ``every 2 years``, ``annual``); None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if text in _WORD_CYCLES:
        return _WORD_CYCLES[text]
    m = _CYCLE_RE.match(text)
    if not m or int(m.group(1)) <= 0:
        return None
    return round(int(m.group(1)) * _UNIT_DAYS[m.group(2)])


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _effective(value: Any) -> dt.date | None:
    return None if value in (None, "") else _parse_date(value)


def review_due(
    effective_date: Any, custom: Mapping[str, Any] | None, settings: Settings
) -> dt.date | None:
    """A review-due date from metadata, else effective date + the default cycle; None if neither (no stated cycles:
    :func:`resolve` applies those)."""
    eff = _effective(effective_date)
    due = _metadata_due(eff, {str(k).lower(): v for k, v in (custom or {}).items()})
    if due is not None or eff is None:
        return due
    return eff + dt.timedelta(days=settings.default_review_cycle_days())


@dataclass(frozen=True)
class ReviewDue:
    """A document's review-due date, the rule that gave it, and for a stated cycle the statement it came from."""

    due: dt.date | None
    basis: ReviewBasis | None
    statement: CycleStatement | None = None

    def source(self, readable: Collection[str] | None = None) -> dict[str, Any] | None:
        """Where a stated cycle was read (document, section, sentence, days); None for metadata and the default.

        ``readable``: doc ids the reader may see; a source outside them keeps only its days and cadence words, so a
        listing never quotes a document above the reader's clearance."""
        st = self.statement
        if st is None:
            return None
        if readable is not None and st.doc_id not in readable:
            return {"doc_id": None, "section": None, "sentence": None, "subject": None, "cadence": st.cadence,
                    "days": st.days, "scope": st.scope}
        return {"doc_id": st.doc_id, "section": st.section, "sentence": st.sentence, "subject": st.subject,
                "cadence": st.cadence, "days": st.days, "scope": st.scope}

    def fields(self, settings: Settings, readable: Collection[str] | None = None) -> dict[str, Any]:
        """The keys document listings add: ``review_due``, ``stale``, ``review_basis``, ``review_source``."""
        return {"review_due": self.due.isoformat() if self.due else None, "stale": is_stale(self.due, settings),
                "review_basis": self.basis, "review_source": self.source(readable)}


def _metadata_due(effective: dt.date | None, custom: Mapping[str, Any]) -> dt.date | None:
    for key in DUE_KEYS:
        if key in custom:
            due = _parse_date(custom[key])
            if due is not None:
                return due
    if effective is None:
        return None
    for key in CYCLE_KEYS:
        if key in custom:
            days = parse_cycle(custom[key])
            if days is not None:
                return effective + dt.timedelta(days=days)
    return None


def resolve(
    record: Any, settings: Settings, cycles: ReviewCycles | None = None
) -> ReviewDue:
    """The review-due date of a ``DocumentRecord`` by the precedence above (``cycles``: the index's stated cycles;
    None reads them, ``load_cycles``)."""
    custom = {str(k).lower(): v for k, v in (record.custom or {}).items()}
    eff = _effective(record.effective_date)
    due = _metadata_due(eff, custom)
    if due is not None:
        return ReviewDue(due, "metadata")
    if eff is None:
        return ReviewDue(None, None)
    cycles = cycles if cycles is not None else load_cycles(settings)
    own = cycles.for_document(record.doc_id)
    if own is not None:
        return ReviewDue(eff + dt.timedelta(days=own.days), "document", own)
    stated = cycles.naming(record.doc_id) or cycles.for_type(str(record.doc_type))
    if stated is not None:
        return ReviewDue(eff + dt.timedelta(days=stated.days), "organization", stated)
    return ReviewDue(eff + dt.timedelta(days=settings.default_review_cycle_days()), "default")


def load_cycles(settings: Settings) -> ReviewCycles:
    """The review cycles the indexed documents state (``ingestion.review_cycles.load``)."""
    from ingestion.review_cycles import load

    return load(settings)


def resolve_all(records: Iterable[Any], settings: Settings) -> dict[str, ReviewDue]:
    """``doc_id → ReviewDue`` for every record, reading the stated cycles once."""
    records = list(records)
    cycles = load_cycles(settings) if records else None
    return {r.doc_id: resolve(r, settings, cycles) for r in records}


def is_stale(due: dt.date | None, settings: Settings) -> bool:
    """True when a review-due date has passed (a document without one is never stale)."""
    return due is not None and due < today(settings)


def stale_map(records: Iterable[Any], settings: Settings) -> dict[str, dt.date]:
    """``doc_id → review-due`` for every record (a ``DocumentRecord``) past its review-due date."""
    out: dict[str, dt.date] = {}
    for doc_id, rd in resolve_all(records, settings).items():
        if rd.due is not None and is_stale(rd.due, settings):
            out[doc_id] = rd.due
    return out
