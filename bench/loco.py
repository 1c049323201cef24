"""Leave-one-corpus-out calibration: every threshold is fitted on two corpora and reported on the third.

Usage:
    .venv/bin/python bench/loco.py [--keys K1 K2 K3 ...] [--only FIT ...] [--write docs/calibration.md]

Each key runs through the real service on the eval runner's own isolated index (``<data_dir>/eval/<hash>``,
built or refreshed exactly as ``clausewise eval`` does). Per corpus, every fit collects its per-question or
per-entry signals once; the candidate grid is then swept offline. For each held-out corpus the fit picks the
values that maximise the mean objective over the other corpora, and the table reports the held-out objective at
those values, at the values configured today, and at the best values for the held-out corpus itself (the
oracle, an upper bound no fit can beat).

To add a threshold, append a :class:`Fit` to ``FITS``: the settings it sets, their candidate grids, how to
collect its signals from a :class:`CorpusRun` (through the service), how to turn signals plus candidate values
into figures (offline), and the objective over those figures. ``SettingSweep`` does all of that for any
setting the answering layer reads from ``svc.settings`` at ask time whose effect is monotone (a higher value
makes the answer abstain on more questions): it finds each question's switch point by bisection over the grid
with real ``svc.ask`` calls, so it needs nothing from the answering code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from assistant.evaluation.key import AnswerKey, KeyQuestion, load_key
from assistant.evaluation.metrics import predicted_abstain
from assistant.evaluation.runner import AUDITOR_ROLE, build_index, eval_settings
from assistant.models import Asker
from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT_KEYS = [
    REPO / "corpus" / "org" / "expected.yaml",
    REPO / "corpus" / "dev" / "healthcare" / "expected.yaml",
    REPO / "corpus" / "dev" / "logistics" / "expected.yaml",
    REPO / "corpus" / "dev" / "waterworks" / "expected.yaml",
    REPO / "corpus" / "dev" / "university" / "expected.yaml",
    REPO / "corpus" / "dev" / "council" / "expected.yaml",
    REPO / "corpus" / "dev" / "media" / "expected.yaml",
    REPO / "corpus" / "dev" / "manufacturer" / "expected.yaml",
]
#: Markers around the generated section of docs/calibration.md.
BEGIN, END = "<!-- loco:begin -->", "<!-- loco:end -->"

Values = dict[str, float]
#: Figure name → (successes, trials).
Figures = dict[str, tuple[int, int]]


@dataclass
class CorpusRun:
    """One corpus: its key and a service over the eval runner's isolated index."""

    name: str
    key: AnswerKey
    svc: Any
    run_id: str

    def asker(self, q: KeyQuestion) -> Asker:
        """The question's asker, as the eval runner builds it (one user for every turn)."""
        return Asker(user="eval", role=q.role, channel="eval")


@dataclass(frozen=True)
class Threshold:
    """One setting and the candidate values tried for it."""

    setting: str
    grid: tuple[float, ...]


@dataclass
class Fit:
    """Thresholds fitted jointly (over the product of their grids) against one objective."""

    name: str
    thresholds: tuple[Threshold, ...]
    #: Signals of one corpus, collected once through the real service.
    collect: Callable[[CorpusRun], Any]
    #: The figures the signals give at one combination of values (offline, called for every combination).
    figures: Callable[[Any, Values], Figures]
    #: Higher is better.
    objective: Callable[[Figures], float]
    #: The values configured today.
    current: Callable[[CorpusRun], Values]
    #: Figures shown beside the objective in the table.
    shown: tuple[str, ...] = ()

    def combinations(self) -> Iterator[Values]:
        """Every combination of the grids, in grid order."""
        names = [t.setting for t in self.thresholds]
        for combo in itertools.product(*(t.grid for t in self.thresholds)):
            yield dict(zip(names, combo, strict=True))


def rate(f: Figures, name: str) -> float | None:
    """``k / n`` of one figure; ``None`` when it had no trials."""
    k, n = f.get(name, (0, 0))
    return k / n if n else None


def _mean(values: Sequence[float | None]) -> float:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else 0.0


# --------------------------------------------------------------------------------------------------
# Any monotone setting read from svc.settings at ask time: bisection with real answers


@contextmanager
def _setting(svc: Any, name: str, value: float) -> Iterator[None]:
    original = svc.settings
    svc.settings = original.model_copy(update={name: value})
    try:
        yield
    finally:
        svc.settings = original


@dataclass
class SettingSweep:
    """Signals of one monotone setting: per question, the first grid index at which its answer abstains."""

    setting: str
    grid: tuple[float, ...]
    #: Question types swept (default: all). A question the setting does not decide costs two asks (the ends of
    #: the grid agree) and counts at its constant outcome, so the figures are the eval report's own.
    types: frozenset[str] | None = None
    asks: int = field(default=0, init=False)

    def _abstains(self, run: CorpusRun, q: KeyQuestion, value: float) -> bool:
        turns = run.key.conversations().get(q.conversation or "", [q])
        earlier = turns[: next(i for i, t in enumerate(turns) if t.id == q.id)] if q.conversation else []
        # A fresh conversation per probe, earlier turns replayed at the same value: the follow-up sees the
        # conversation it would see in an eval run.
        conversation_id = f"loco-{run.run_id}-{q.id}-{self.asks}" if q.conversation else None
        with _setting(run.svc, self.setting, value):
            for turn in earlier:
                run.svc.ask(turn.question, run.asker(turn), conversation_id=conversation_id)
                self.asks += 1
            answer = run.svc.ask(q.question, run.asker(q), conversation_id=conversation_id)
        self.asks += 1
        return predicted_abstain(answer)

    def collect(self, run: CorpusRun) -> list[tuple[bool, int]]:
        """(expect_abstain, first abstaining grid index; len(grid) when it never abstains) per question."""
        if self.setting not in type(run.svc.settings).model_fields:
            raise SystemExit(f"bench/loco.py: {self.setting!r} is not a setting (ingestion/settings.py); update FITS")
        out: list[tuple[bool, int]] = []
        last = len(self.grid) - 1
        for q in run.key.questions:
            if self.types is not None and q.type not in self.types:
                continue
            if not self._abstains(run, q, self.grid[last]):
                out.append((q.expect_abstain, len(self.grid)))
                continue
            if self._abstains(run, q, self.grid[0]):
                out.append((q.expect_abstain, 0))
                continue
            lo, hi = 0, last  # answers at lo, abstains at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if self._abstains(run, q, self.grid[mid]):
                    hi = mid
                else:
                    lo = mid
            out.append((q.expect_abstain, hi))
        if all(first in (0, len(self.grid)) for _, first in out):
            # Nothing switched anywhere on the grid: the setting may no longer be read from svc.settings.
            print(f"warning: {self.setting} changed no answer on {run.name} over {self.grid[0]}..{self.grid[-1]}",
                  file=sys.stderr)  # fmt: skip
        return out

    def figures(self, signals: list[tuple[bool, int]], values: Values) -> Figures:
        """False abstention and abstention recall at one value of the setting."""
        i = self.grid.index(values[self.setting])
        answerable = [first <= i for expect, first in signals if not expect]
        absent = [first <= i for expect, first in signals if expect]
        return {
            "false_abstention": (sum(answerable), len(answerable)),
            "abstention_recall": (sum(absent), len(absent)),
        }


def balanced_abstention(f: Figures) -> float:
    """Mean of abstention recall and (1 − false abstention): neither kind of mistake is traded for the other."""
    fa, rec = rate(f, "false_abstention"), rate(f, "abstention_recall")
    return _mean([None if fa is None else 1 - fa, rec])


#: False abstention the guarded objective allows before it costs recall (issue 10's target: at most 5 %).
FA_BUDGET = 0.05


def guarded_abstention(f: Figures) -> float:
    """Abstention recall, less ten points per point of false abstention above :data:`FA_BUDGET`: the target on false
    abstention first, then as many absent topics caught as it allows."""
    fa, rec = rate(f, "false_abstention"), rate(f, "abstention_recall")
    if fa is None or rec is None:
        return _mean([None if fa is None else 1 - fa, rec])
    return rec - 10 * max(0.0, fa - FA_BUDGET)


def setting_fit(name: str, sweep: SettingSweep, objective: Callable[[Figures], float]) -> Fit:
    """A :class:`Fit` of one setting through :class:`SettingSweep`."""
    return Fit(
        name=name,
        thresholds=(Threshold(sweep.setting, sweep.grid),),
        collect=sweep.collect,
        figures=sweep.figures,
        objective=objective,
        current=lambda run: {sweep.setting: float(getattr(run.svc.settings, sweep.setting))},
        shown=("false_abstention", "abstention_recall"),
    )


# --------------------------------------------------------------------------------------------------
# The gap judge's thresholds (assistant/gaps.py GapThresholds): features once per entry, verdicts offline

#: Candidate values per GapThresholds field; a field not named here gets a grid around its default.
GAP_GRID: dict[str, tuple[float, ...]] = {
    "obligation": (0.50, 0.54, 0.58, 0.62, 0.65, 0.68),
    "referenced": (0.30, 0.35, 0.40, 0.45, 0.50),
    "explicit_bonus": (0.0, 0.05, 0.10, 0.15, 0.20),
    "guidance_penalty": (0.0, 0.05, 0.10, 0.15, 0.25),
    "covered": (0.34, 0.4, 0.5, 0.6, 0.75),
    "unreferenced_share": (0.5, 0.75, 1.01),
    "min_share": (0.0, 0.1, 0.2, 0.34),
    "weak": (0.4, 0.45, 0.5, 0.55, 0.6, 1.01),
}


def gap_grid() -> dict[str, tuple[float, ...]]:
    """A grid for every float field of today's ``GapThresholds`` (the judge's own list of thresholds)."""
    import dataclasses

    from assistant.gaps import GapThresholds

    out: dict[str, tuple[float, ...]] = {}
    for f in dataclasses.fields(GapThresholds):
        default = f.default
        if not isinstance(default, float):
            continue
        grid = GAP_GRID.get(f.name) or tuple(sorted({round(default * r, 3) for r in (0.6, 0.8, 1.0, 1.2, 1.4)}))
        out[f.name] = tuple(sorted({*grid, default}))
    return out


def _gap_leaves(run: CorpusRun) -> list[str]:
    catalog = run.svc.catalog
    return [i for i in run.key.coverage if i in catalog and not catalog.children(i)]


def collect_gap_features(run: CorpusRun) -> list[tuple[str, Any, Any]]:
    """(expected status, the judge's evidence features, the judge) per leaf of the coverage map, as an auditor."""
    assessor = run.svc.assessor
    clearance = run.svc.clearance(Asker(role=AUDITOR_ROLE))
    leaves = _gap_leaves(run)
    assessor._warm([run.svc.catalog[i] for i in leaves])
    return [(run.key.coverage[i].status, assessor.features(i, clearance), assessor) for i in leaves]


def gap_figures(signals: list[tuple[str, Any, Any]], v: Values) -> Figures:
    """Agreement with the coverage map and recall per expected status, from the judge's own ``decide``."""
    from assistant.gaps import GapThresholds

    t = GapThresholds(**v)
    got = [(expected, assessor.decide(feats, t)[0].status) for expected, feats, assessor in signals]
    out: Figures = {"agreement": (sum(e == g for e, g in got), len(got))}
    for status in ("covered", "partial", "missing"):
        rows = [g for e, g in got if e == status]
        out[f"{status}_recall"] = (sum(g == status for g in rows), len(rows))
    return out


def gap_objective(f: Figures) -> float:
    """As bench/calibrate.py: the mean of balanced accuracy (rare statuses count) and plain accuracy."""
    balanced = _mean([rate(f, f"{s}_recall") for s in ("covered", "partial", "missing")])
    return (balanced + (rate(f, "agreement") or 0.0)) / 2


def _gap_current(run: CorpusRun) -> Values:
    t = run.svc.assessor.thresholds
    return {name: float(getattr(t, name)) for name in gap_grid()}


def gap_fit() -> Fit:
    """The gap judge's thresholds, fitted jointly (coordinate ascent: the product grid is too large)."""
    return Fit(
        name="gap judge (GapThresholds)",
        thresholds=tuple(Threshold(name, grid) for name, grid in gap_grid().items()),
        collect=collect_gap_features,
        figures=gap_figures,
        objective=gap_objective,
        current=_gap_current,
        shown=("agreement", "covered_recall", "missing_recall"),
    )


ABSTAIN_SWEEP = SettingSweep("abstain_threshold", tuple(round(0.20 + 0.02 * i, 2) for i in range(21)))
FOCUS_SWEEP = SettingSweep("abstain_focus_threshold", tuple(round(0.20 + 0.02 * i, 2) for i in range(19)))

#: What gets fitted. The abstain grid spans the relevance values the composer produces (0.2–0.6).
FITS: list[Fit] = [
    setting_fit("abstention (abstain_threshold)", ABSTAIN_SWEEP, balanced_abstention),
    setting_fit("abstention focus (abstain_focus_threshold)", FOCUS_SWEEP, guarded_abstention),
    gap_fit(),
]


# --------------------------------------------------------------------------------------------------
# Fitting and the table


@dataclass
class Row:
    """One fit on one held-out corpus."""

    fit: str
    held_out: str
    trained_on: list[str]
    fitted: Values
    train_objective: float
    held_objective: float
    held_figures: Figures
    current: Values
    current_objective: float
    current_figures: Figures
    oracle_objective: float
    oracle: Values


def _pick(scored: list[tuple[float, Values]]) -> tuple[float, Values]:
    """The best combination; among ties the middle one in grid order (the centre of the plateau)."""
    best = max(s for s, _ in scored)
    tied = [v for s, v in scored if s >= best - 1e-12]
    return best, tied[len(tied) // 2]


def _nearest(fit: Fit, values: Values) -> Values:
    # Today's value may sit between grid points; score it at the nearest one.
    return {t.setting: min(t.grid, key=lambda g: abs(g - values[t.setting])) for t in fit.thresholds}


#: Above this many combinations a fit is searched by coordinate ascent instead of the full product.
PRODUCT_LIMIT = 2000


class _Scorer:
    """The objective and figures of a fit per corpus and combination, each computed once."""

    def __init__(self, fit: Fit, signals: Mapping[str, Any]) -> None:
        self.fit, self.signals = fit, signals
        self._figures: dict[tuple[str, tuple[float, ...]], Figures] = {}

    def figures(self, corpus: str, v: Values) -> Figures:
        key = (corpus, tuple(v[t.setting] for t in self.fit.thresholds))
        if key not in self._figures:
            self._figures[key] = self.fit.figures(self.signals[corpus], v)
        return self._figures[key]

    def objective(self, corpora: Sequence[str], v: Values) -> float:
        return statistics.fmean(self.fit.objective(self.figures(c, v)) for c in corpora)


def _size(fit: Fit) -> int:
    size = 1
    for t in fit.thresholds:
        size *= len(t.grid)
    return size


def search(fit: Fit, scorer: _Scorer, corpora: Sequence[str], start: Values) -> tuple[float, Values]:
    """The best combination on ``corpora``: the full product, or coordinate ascent from ``start``."""
    if _size(fit) <= PRODUCT_LIMIT:
        return _pick([(scorer.objective(corpora, v), v) for v in fit.combinations()])
    current = dict(start)
    best = scorer.objective(corpora, current)
    for _ in range(4):  # passes; stops early once no single threshold improves
        improved = False
        for t in fit.thresholds:
            trial = [(scorer.objective(corpora, {**current, t.setting: g}), {**current, t.setting: g}) for g in t.grid]
            score, values = _pick(trial)
            if score > best + 1e-12:
                best, current, improved = score, values, True
        if not improved:
            break
    return best, current


def leave_one_out(fit: Fit, names: Sequence[str], signals: Mapping[str, Any], current: Values) -> list[Row]:
    """For each corpus: fit on the others, report on it."""
    scorer = _Scorer(fit, signals)
    now = _nearest(fit, current)
    rows: list[Row] = []
    for held in names:
        train = [n for n in names if n != held]
        train_obj, fitted = search(fit, scorer, train, now)
        oracle, oracle_values = search(fit, scorer, [held], now)
        rows.append(
            Row(
                fit=fit.name, held_out=held, trained_on=train, fitted=fitted, train_objective=train_obj,
                held_objective=scorer.objective([held], fitted), held_figures=scorer.figures(held, fitted),
                current=now, current_objective=scorer.objective([held], now),
                current_figures=scorer.figures(held, now), oracle_objective=oracle, oracle=oracle_values,
            )
        )  # fmt: skip
    return rows


def _fmt_values(v: Values) -> str:
    return ", ".join(f"{k}={x:g}" for k, x in v.items())


def _fmt_figures(f: Figures, shown: Sequence[str]) -> str:
    parts = []
    for name in shown:
        k, n = f.get(name, (0, 0))
        parts.append(f"{name.replace('_', ' ')} {100 * k / n:.0f} % ({k}/{n})" if n else f"{name} n/a")
    return "; ".join(parts)


def markdown(rows: Sequence[Row], fits: Sequence[Fit], command: str, seconds: float, asks: int) -> str:
    """The leave-one-corpus-out table for docs/calibration.md."""
    out = [
        f"Command: `{command}` ({dt.date.today().isoformat()}, {seconds / 60:.1f} min, {asks} answers asked "
        "for the setting sweeps).",
        "",
        "| threshold | held out | fitted on the others | objective: fit → held out | held-out figures at "
        "the fitted values | today's values on the held-out corpus | oracle |",
        "|---|---|---|---|---|---|---|",
    ]
    shown = {f.name: f.shown for f in fits}
    for r in rows:
        out.append(
            f"| {r.fit} | {r.held_out} | {_fmt_values(r.fitted)} | {r.train_objective:.3f} → "
            f"**{r.held_objective:.3f}** | {_fmt_figures(r.held_figures, shown[r.fit])} | "
            f"{r.current_objective:.3f} ({_fmt_figures(r.current_figures, shown[r.fit])}) | "
            f"{r.oracle_objective:.3f} ({_fmt_values(r.oracle)}) |"
        )
    out += [
        "",
        "Objective: abstention = mean of abstention recall and 1 − false abstention over every question of the "
        "key (as `clausewise eval` counts them: a gap verdict missing is an abstention); abstention focus = "
        "abstention recall less ten points per point of false abstention above 5 % (the other abstention threshold "
        "at its configured value); gap judge = mean of "
        "balanced accuracy and accuracy over the coverage map's leaf entries. *Oracle* = the best objective the same "
        "search finds when fitted on the held-out corpus itself (an upper bound for the fit).",
    ]
    return "\n".join(out)


def write_doc(path: Path, section: str) -> None:
    """Replace the generated section of ``path`` (between the loco markers), or append it."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = f"{BEGIN}\n{section}\n{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def open_corpus(path: Path, settings: Settings, run_id: str) -> CorpusRun:
    """The key's isolated eval index (built or refreshed like ``clausewise eval``) and a service over it."""
    from assistant.service import ClausewiseService

    key = load_key(path, known_roles=settings.role_clearance)
    es = eval_settings(key, settings)
    info = build_index(key, es)
    name = path.parent.name if path.parent.name != "org" else "sample"
    print(f"{name}: {info.documents} documents, {info.chunks} chunks ({info.ingest_seconds:.0f} s)", file=sys.stderr)
    return CorpusRun(name=name, key=key, svc=ClausewiseService.from_settings(es), run_id=run_id)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keys", nargs="+", type=Path, default=DEFAULT_KEYS, help="answer keys (at least two)")
    ap.add_argument("--only", nargs="+", default=None, help="fit only these (substring of the fit name)")
    ap.add_argument("--write", type=Path, default=None, help="replace the generated section of this Markdown file")
    args = ap.parse_args(argv)
    if len(args.keys) < 2:
        ap.error("--keys: leave-one-out needs at least two corpora")
    fits = [f for f in FITS if not args.only or any(o in f.name for o in args.only)]
    started = time.perf_counter()
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    settings = Settings()
    runs = [open_corpus(p, settings, run_id) for p in args.keys]
    names = [r.name for r in runs]
    rows: list[Row] = []
    for fit in fits:
        signals: dict[str, Any] = {}
        for run in runs:
            t0 = time.perf_counter()
            signals[run.name] = fit.collect(run)
            print(f"{fit.name}: {run.name} signals in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        rows += leave_one_out(fit, names, signals, fit.current(runs[0]))
    asks = ABSTAIN_SWEEP.asks
    command = "python bench/loco.py" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    table = markdown(rows, fits, command, time.perf_counter() - started, asks)
    print(table)
    if args.write is not None:
        write_doc(args.write, table)
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
