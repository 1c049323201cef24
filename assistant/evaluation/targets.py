"""Quality figures against their targets (issue 10's table) and the CI floors on the shipped keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from assistant.evaluation.stats import Ratio

if TYPE_CHECKING:
    from assistant.evaluation.report import EvalReport

Direction = Literal[">=", "<="]


@dataclass(frozen=True)
class Figure:
    """One quality figure: how to read it from a report, and its target (``None``: reported, no target)."""

    name: str
    label: str
    direction: Direction
    target: float | None
    read: Callable[[EvalReport], Ratio | float | None]
    #: Shown as a count rather than a percentage.
    count: bool = False


def _recall5(rep: EvalReport) -> Ratio | None:
    hyb = rep.retrieval.get("hybrid")
    return hyb.recall["@5"] if hyb else None


def _vector_margin(rep: EvalReport) -> float | None:
    """Points the answers' first-5-citation figure is above a naive vector-only top-5 on the same index."""
    vec = rep.retrieval.get("vector-only")
    mine = rep.answers.cited_expected_top5.value
    base = vec.hit["@5"].value if vec else None
    return None if mine is None or base is None else mine - base


def _gap(status: str | None) -> Callable[[EvalReport], Ratio | None]:
    def read(rep: EvalReport) -> Ratio | None:
        if rep.coverage is None:
            return None
        c = rep.coverage.confusion
        return c.accuracy if status is None else c.per_status[status]

    return read


#: The figures ``clausewise eval`` prints first, in this order (targets from issue 10).
FIGURES: tuple[Figure, ...] = (
    Figure("cited_top5", "expected file among the answer's first 5 citations", ">=", 0.90,
           lambda r: r.answers.cited_expected_top5),
    Figure("cited_top5_vs_vector", "… minus naive vector-only top-5 (hit@5), points", ">=", 0.05, _vector_margin),
    Figure("recall_at_5", "recall@5 of the answer's retrieval (pooled)", ">=", None, _recall5),
    Figure("containment", "expected facts contained (every must_contain group)", ">=", 0.80,
           lambda r: r.answers.containment),
    Figure("false_abstention", "false abstention (answerable questions answered 'no evidence')", "<=", 0.05,
           lambda r: r.answers.false_abstention),
    Figure("abstention_recall", "abstention recall (absent topics)", ">=", 0.90, lambda r: r.abstention.recall),
    Figure("gap_report_agreement", "gap report agreement with the coverage map", ">=", 0.85, _gap(None)),
    Figure("gap_covered_recall", "… covered entries reported covered", ">=", 0.85, _gap("covered")),
    Figure("gap_missing_recall", "… missing entries reported missing", ">=", 0.85, _gap("missing")),
    Figure("register_rows_exact", "register questions: exact set of rows", ">=", 0.90,
           lambda r: r.answers.register_rows_exact),
    Figure("follow_up_right", "follow-up turns right (graded per turn)", ">=", 0.85,
           lambda r: r.answers.follow_up_right),
    Figure("quotes_verbatim", "quotes verbatim in the stored chunk", ">=", 1.0,
           lambda r: r.answers.quote_locatability),
    Figure("invented_ids", "invented clause ids", "<=", 0, lambda r: float(r.answers.invented_clause_ids), count=True),
    Figure("leaks", "restricted leaks (retrieved or cited above clearance)", "<=", 0,
           lambda r: float(r.answers.clearance_leaks + r.answers.forbidden_citations), count=True),
)  # fmt: skip
FIGURE_NAMES: tuple[str, ...] = tuple(f.name for f in FIGURES)

#: ``--ci`` fails below these on the shipped keys (issue 10); ``--floor NAME=VALUE`` changes or adds one.
DEFAULT_FLOORS: dict[str, float] = {"recall_at_5": 0.85, "containment": 0.70, "gap_report_agreement": 0.75}


class FigureRow(BaseModel):
    """One figure of one run: its value and interval, the target, and the CI floor when one is set."""

    name: str
    label: str
    direction: Direction
    value: float | None
    k: int | None = None
    n: int | None = None
    low: float | None = None
    high: float | None = None
    target: float | None
    #: ``ok``, ``below`` (the target is missed) or ``n/a`` (not measured, or no target).
    status: str
    floor: float | None = None
    #: ``pass``, ``FAIL`` or ``n/a`` (not measured: the floor is not applied); ``None`` when no floor is set.
    floor_status: str | None = None
    count: bool = False


def _meets(value: float, bound: float, direction: Direction) -> bool:
    # A hair of tolerance: 0.9 computed as 27/30 must meet a 0.90 target.
    return value >= bound - 1e-9 if direction == ">=" else value <= bound + 1e-9


def quality_rows(rep: EvalReport, floors: Mapping[str, float] | None = None) -> list[FigureRow]:
    """Every figure of ``FIGURES`` for the report, with target status and (when given) floor status."""
    floors = dict(DEFAULT_FLOORS if floors is None else floors)
    rows: list[FigureRow] = []
    for f in FIGURES:
        raw = f.read(rep)
        row = FigureRow(name=f.name, label=f.label, direction=f.direction, value=None, target=f.target, status="n/a",
                        count=f.count)  # fmt: skip
        if isinstance(raw, Ratio):
            row.value, row.k, row.n, row.low, row.high = raw.value, raw.k, raw.n, raw.low, raw.high
        else:
            row.value = raw
        if row.value is not None and f.target is not None:
            row.status = "ok" if _meets(row.value, f.target, f.direction) else "below"
        if f.name in floors:
            row.floor = floors[f.name]
            row.floor_status = "n/a" if row.value is None else (
                "pass" if _meets(row.value, row.floor, f.direction) else "FAIL"
            )
        rows.append(row)
    return rows


def parse_floors(items: list[str] | None, base: Mapping[str, float] | None = None) -> dict[str, float]:
    """``["containment=0.75", "recall_at_5=85%"]`` over ``base`` (default floors); ``ValueError`` names the item."""
    out = dict(DEFAULT_FLOORS if base is None else base)
    for raw in items or []:
        for item in raw.split(","):
            if not item.strip():
                continue
            name, sep, value = item.partition("=")
            name, value = name.strip(), value.strip()
            if not sep or not name or not value:
                raise ValueError(f"--floor: {item.strip()!r} is not NAME=VALUE")
            if name not in FIGURE_NAMES:
                raise ValueError(f"--floor: unknown figure {name!r}; known: {', '.join(FIGURE_NAMES)}")
            if value.lower() in {"off", "none"}:
                out.pop(name, None)
                continue
            try:
                number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
            except ValueError:
                raise ValueError(f"--floor: {name}={value!r} is not a number (0.85 or 85%)") from None
            out[name] = number
    return out


def fmt_value(row: FigureRow) -> str:
    """The value as a percentage (or a count, or signed points), ``n/a`` when not measured."""
    if row.value is None:
        return "n/a" if row.n is None else f"n/a (0/{row.n})"
    if row.count:
        return f"{row.value:.0f}"
    if row.name == "cited_top5_vs_vector":
        return f"{100 * row.value:+.1f} pts"
    frac = f" ({row.k}/{row.n})" if row.n is not None else ""
    return f"{100 * row.value:.1f} %{frac}"


def fmt_ci(row: FigureRow) -> str:
    """The Wilson 95 % interval, ``–`` when the figure has none."""
    if row.low is None or row.high is None:
        return "–"
    return f"{100 * row.low:.1f}–{100 * row.high:.1f}"


def fmt_bound(row: FigureRow, bound: float | None) -> str:
    """``≥ 90 %`` / ``≤ 5 %`` / ``0``; ``–`` when there is none."""
    if bound is None:
        return "–"
    sign = "≥" if row.direction == ">=" else "≤"
    if row.count:
        return f"{sign} {bound:.0f}" if bound else "0"
    if row.name == "cited_top5_vs_vector":
        return f"{sign} {100 * bound:+.0f} pts"
    return f"{sign} {round(100 * bound, 2):g} %"
