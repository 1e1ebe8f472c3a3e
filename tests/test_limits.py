"""The one reader of time windows and ages shared by the CLI, the reports and /logs."""

from datetime import UTC, datetime

import pytest

from bot.limits import DAY, HOUR, parse_duration, parse_window

NOW = 1_800_000_000.0


def test_windows_count_back_from_now():
    assert parse_window("7d", NOW) == NOW - 7 * DAY
    assert parse_window("30d", NOW) == NOW - 30 * DAY
    assert parse_window("12h", NOW) == NOW - 12 * HOUR
    assert parse_window("2w", NOW) == NOW - 14 * DAY
    assert parse_window("2026-11-01", NOW) == datetime(2026, 11, 1, tzinfo=UTC).timestamp()
    assert parse_window(" ALL ", NOW) is None


def test_a_bare_number_is_days_as_for_ages():  # `--since 7` as `--older-than 90` (trial 10 L7)
    assert parse_window("7", NOW) == NOW - 7 * DAY


@pytest.mark.parametrize("bad", ["x7d", "2026-13-01", "", "7 days", "-3d"])
def test_a_bad_window_is_a_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="bad time window"):
        parse_window(bad, NOW)


def test_ages_accept_a_bare_number_of_days():
    assert parse_duration("90") == 90 * DAY
    assert parse_duration("12h") == 12 * HOUR
    assert parse_duration("1.5d") == 1.5 * DAY
    with pytest.raises(ValueError):
        parse_duration("soon")
    with pytest.raises(ValueError):
        parse_duration("7", bare_unit=None)
