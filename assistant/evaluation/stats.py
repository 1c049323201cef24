"""Small statistics used by the evaluation report: Wilson intervals and percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel

#: Two-sided 95 % normal quantile.
Z95 = 1.959963984540054


class Ratio(BaseModel):
    """``k`` successes out of ``n`` trials with a Wilson 95 % interval (all ``None`` when ``n`` is 0)."""

    k: int
    n: int
    value: float | None
    low: float | None
    high: float | None

    def fmt(self, percent: bool = True) -> str:
        """``"87.5 % (7/8, 95 % CI 52.9–97.8)"``, or ``"n/a (0/0)"`` when there were no trials."""
        if self.value is None or self.low is None or self.high is None:
            return f"n/a ({self.k}/{self.n})"
        if percent:
            return f"{100 * self.value:.1f} % ({self.k}/{self.n}, CI {100 * self.low:.1f}–{100 * self.high:.1f})"
        return f"{self.value:.3f} ({self.k}/{self.n}, CI {self.low:.3f}–{self.high:.3f})"


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials; ``(0, 1)`` when ``n`` is 0."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"wilson needs 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 0.0, 1.0
    p = k / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # Clamp: floating error can push the bounds a hair outside [0, 1] at p = 0 or 1.
    return max(0.0, centre - half), min(1.0, centre + half)


def ratio(k: int, n: int) -> Ratio:
    """A :class:`Ratio` with its Wilson 95 % interval."""
    if n == 0:
        return Ratio(k=k, n=n, value=None, low=None, high=None)
    low, high = wilson(k, n)
    return Ratio(k=k, n=n, value=k / n, low=low, high=high)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (``p`` in 0–100) like numpy's default; ``None`` for no values."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError(f"percentile p must be within 0..100, got {p}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return float(ordered[lo])
    return float(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo))
