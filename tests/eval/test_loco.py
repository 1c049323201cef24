"""bench/loco.py: leave-one-corpus-out fitting (offline parts on made-up signals) and the setting sweep through
the real service on a tiny corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_loco() -> ModuleType:
    spec = importlib.util.spec_from_file_location("loco", REPO / "bench" / "loco.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["loco"] = module
    spec.loader.exec_module(module)
    return module


loco = _load_loco()


def _fit(grid: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4, 0.5)) -> Any:
    """One threshold; a corpus's signal is the value it likes best: the objective falls with the distance."""
    return loco.Fit(
        name="toy",
        thresholds=(loco.Threshold("t", grid),),
        collect=lambda run: None,
        figures=lambda best, v: {
            "hit": (int(abs(v["t"] - best) < 1e-9), 1), "dist": (round(100 * abs(v["t"] - best)), 100)
        },
        objective=lambda f: 1 - f["dist"][0] / 100,
        current=lambda run: {"t": 0.3},
        shown=("hit",),
    )  # fmt: skip


def test_each_corpus_is_fitted_on_the_others_only() -> None:
    signals = {"a": 0.1, "b": 0.2, "c": 0.5}
    rows = loco.leave_one_out(_fit(), ["a", "b", "c"], signals, {"t": 0.3})
    by = {r.held_out: r for r in rows}
    assert by["c"].trained_on == ["a", "b"]
    # a and b like 0.1 / 0.2: the mean objective ties on [0.1, 0.2]; the upper middle of the plateau is picked.
    assert by["c"].fitted == {"t": 0.2}
    assert by["c"].held_objective == pytest.approx(0.7) and by["c"].oracle_objective == 1.0  # c wants 0.5
    # b and c tie on [0.2, 0.5]: 0.4 is the middle of that plateau; a's own signal never enters its fit.
    assert by["a"].fitted == {"t": 0.4} and by["a"].held_objective == pytest.approx(0.7)
    assert all(r.current == {"t": 0.3} for r in rows)


def test_coordinate_ascent_reaches_the_joint_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    fit = loco.Fit(
        name="two",
        thresholds=(loco.Threshold("x", (0, 1, 2, 3)), loco.Threshold("y", (0, 1, 2, 3))),
        collect=lambda run: None,
        figures=lambda s, v: {"d": (int(abs(v["x"] - s[0]) + abs(v["y"] - s[1])), 10)},
        objective=lambda f: -f["d"][0],
        current=lambda run: {"x": 0, "y": 0},
    )
    monkeypatch.setattr(loco, "PRODUCT_LIMIT", 1)  # force the coordinate search
    scorer = loco._Scorer(fit, {"a": (3, 2)})
    assert loco.search(fit, scorer, ["a"], {"x": 0, "y": 0}) == (0, {"x": 3, "y": 2})


def test_write_doc_replaces_only_the_generated_section(tmp_path: Path) -> None:
    doc = tmp_path / "calibration.md"
    doc.write_text(f"# Title\n\nintro\n\n{loco.BEGIN}\nold table\n{loco.END}\n\n## Later\nkept\n", encoding="utf-8")
    loco.write_doc(doc, "| new | table |")
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "| new | table |" in text and text.endswith("## Later\nkept\n")
    assert text.count(loco.BEGIN) == 1
    bare = tmp_path / "bare.md"
    loco.write_doc(bare, "t")
    assert bare.read_text(encoding="utf-8").strip() == f"{loco.BEGIN}\nt\n{loco.END}"


def test_markdown_table_names_every_held_out_corpus() -> None:
    rows = loco.leave_one_out(_fit(), ["a", "b", "c"], {"a": 0.1, "b": 0.2, "c": 0.5}, {"t": 0.3})
    md = loco.markdown(rows, [_fit()], "python bench/loco.py", 61.0, 0)
    assert md.startswith("Command: `python bench/loco.py`")
    assert [line.split(" | ")[1] for line in md.splitlines() if line.startswith("| toy |")] == ["a", "b", "c"]


KEY = """\
version: 1
corpus_root: docs
questions:
  - id: q1
    question: how often is the responsible AI policy reviewed?
    expected_files: [policy.md]
  - id: q2
    question: what is our budget for GPU clusters in 2026?
    expect_abstain: true
  - id: q3
    conversation: c
    question: who approves the responsible AI policy?
  - id: q4
    conversation: c
    question: and how often is it reviewed?
    tags: [follow_up]
"""

POLICY = """---
title: Responsible AI Policy
doc_type: policy
classification: internal
---
# Responsible AI Policy

The Responsible AI Policy is reviewed every 18 months by the AI Governance Lead and approved by the Board.
"""


@pytest.mark.slow
def test_setting_sweep_bisects_with_real_answers(tmp_path: Path) -> None:
    from ingestion.settings import Settings

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "policy.md").write_text(POLICY, encoding="utf-8")
    (tmp_path / "expected.yaml").write_text(KEY, encoding="utf-8")
    run = loco.open_corpus(tmp_path / "expected.yaml", Settings(data_dir=tmp_path / "data"), "t")
    # 0 never abstains on relevance, above 1 always does: every question switches inside the grid.
    sweep = loco.SettingSweep("abstain_threshold", (0.0, 0.3, 0.6, 1.01))
    signals = sweep.collect(run)
    assert len(signals) == 4 and [expect for expect, _ in signals] == [False, True, False, False]
    assert all(0 <= first <= 4 for _, first in signals)
    # Monotone: at the top of the grid no fact question is answered; at 0 only those that abstain regardless.
    top = sweep.figures(signals, {"abstain_threshold": 1.01})
    assert top["false_abstention"] == (3, 3) and top["abstention_recall"] == (1, 1)
    # The follow-up was asked after its earlier turn, in its own conversation, at each probed value.
    assert sweep.asks >= 2 * 4 + 1
