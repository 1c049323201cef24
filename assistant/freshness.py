"""Evidence freshness: each document's review-due date and whether it is past it (stale).

Precedence: the document's own metadata (``review_due`` / ``next_review`` dates, or a ``review_cycle`` such as
``12 months`` / ``annual`` counted from its effective date), else ``effective_date`` plus the configured default
cycle (``CLAUSEWISE_REVIEW_CYCLE_DAYS``). "Today" comes from ``CLAUSEWISE_TODAY`` when set, so results are
reproducible. See docs/freshness.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ingestion.settings import Settings

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
    """A document's review-due date from its metadata, else effective date + the default cycle; None if neither."""
    custom = {str(k).lower(): v for k, v in (custom or {}).items()}
    for key in DUE_KEYS:
        if key in custom:
            due = _parse_date(custom[key])
            if due is not None:
                return due
    eff = _effective(effective_date)
    if eff is None:
        return None
    for key in CYCLE_KEYS:
        if key in custom:
            days = parse_cycle(custom[key])
            if days is not None:
                return eff + dt.timedelta(days=days)
    return eff + dt.timedelta(days=settings.default_review_cycle_days())


def is_stale(due: dt.date | None, settings: Settings) -> bool:
    """True when a review-due date has passed (a document without one is never stale)."""
    return due is not None and due < today(settings)


def stale_map(records: Iterable[Any], settings: Settings) -> dict[str, dt.date]:
    """``doc_id → review-due`` for every record (a ``DocumentRecord``) past its review-due date."""
    out: dict[str, dt.date] = {}
    for r in records:
        due = review_due(r.effective_date, r.custom, settings)
        if due is not None and is_stale(due, settings):
            out[r.doc_id] = due
    return out
