"""Wilson intervals and percentiles against values computed by hand / by numpy."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.evaluation.stats import percentile, ratio, wilson


def test_wilson_known_values() -> None:
    # Reference: Wilson score interval for 7/8 at 95 % is 0.5291–0.9776 (Newcombe 1998, Table I style).
    low, high = wilson(7, 8)
    assert low == pytest.approx(0.5291, abs=1e-4)
    assert high == pytest.approx(0.9776, abs=1e-4)
    low, high = wilson(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson(10, 10)
    assert high == pytest.approx(1.0)
    assert low == pytest.approx(0.7225, abs=1e-4)


def test_wilson_rejects_bad_counts() -> None:
    with pytest.raises(ValueError, match="0 <= k <= n"):
        wilson(3, 2)


def test_ratio_empty_and_format() -> None:
    empty = ratio(0, 0)
    assert empty.value is None and empty.fmt() == "n/a (0/0)"
    r = ratio(3, 4)
    assert r.value == 0.75
    assert r.fmt().startswith("75.0 % (3/4, CI ")


@pytest.mark.parametrize("p", [0, 5, 50, 95, 100])
def test_percentile_matches_numpy(p: float) -> None:
    values = [12.0, 3.5, 7.25, 100.0, 41.0, 8.0, 8.0]
    assert percentile(values, p) == pytest.approx(float(np.percentile(values, p)))


def test_percentile_empty() -> None:
    assert percentile([], 50) is None
