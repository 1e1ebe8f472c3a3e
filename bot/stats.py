"""The one percentile the project reports: nearest rank, so the README's p95, ``logs summary`` and ``/logs summary``
state the same statistic (a value that was measured, never one interpolated between two)."""

from __future__ import annotations

import math
from collections.abc import Iterable


def percentile(values: Iterable[float], q: float) -> float | None:
    """The nearest-rank ``q``-th percentile (0 < q ≤ 100) of ``values``: the smallest value that at least ``q`` % of
    them do not exceed; None when there is none."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]
