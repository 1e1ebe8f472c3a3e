"""The one percentile every report and benchmark states: nearest rank, a value that was measured."""

from __future__ import annotations

from bot.formatting import MISSING, ms
from bot.stats import percentile


def test_nearest_rank_is_a_measured_value_never_an_interpolated_one() -> None:
    twenty = [float(n) for n in range(1, 21)]
    assert percentile(twenty, 95) == 19.0  # 95 % of 20 values is 19 of them
    assert percentile(reversed(twenty), 50) == 10.0  # any order
    assert percentile([10.0, 20.0], 50) == 10.0  # numpy's linear interpolation said 15.0: never measured
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 95) is None


def test_a_latency_is_written_to_the_tenth_without_a_trailing_zero() -> None:
    assert [ms(100.0), ms(12.34), ms(1234567.8), ms(None)] == ["100 ms", "12.3 ms", "1234567.8 ms", MISSING]
