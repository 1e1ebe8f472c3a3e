"""The questions-per-day chart: per-day counts, the PNG itself, and the text fallback without matplotlib."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from datetime import date
from pathlib import Path

import pytest
from querylog_data import D, fill

from bot.discord_front.commands.logs import summary_chart
from bot.querylog import chart, reports


def test_daily_counts_include_quiet_days(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    now = fill(db, now=1_796_000_000.0)  # 2026-11-30 (UTC), mid-morning
    days = reports.daily(db, since=now - 7 * D, now=now)
    assert len(days) == 8 and days[0].day == date(2026, 11, 23) and days[-1].day == date(2026, 11, 30)
    assert sum(d.questions for d in days) == 11 and sum(d.answered for d in days) == 4
    longer = reports.daily(db, since=now - 14 * D, now=now)
    assert len(longer) == 15 and [d.questions for d in longer[:4]] == [0, 0, 1, 0]  # quiet days are zeros
    assert longer[0].answer_rate is None
    assert chart.sparkline(days)[0] in "▁▂▃▄▅▆▇█" and len(chart.sparkline(days)) == 8
    assert chart.sparkline([chart.Day(date(2026, 1, 1), 0, 0)]) == "▁"


def test_daily_counts_of_one_server(tmp_path: Path) -> None:
    """/logs summary and the digest chart one server's questions (the log holds every server's)."""
    db = tmp_path / "q.db"
    now = fill(db)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        query = "SELECT count(*) FROM questions WHERE guild_id = 5 AND ts >= ?"
        (here,) = conn.execute(query, (now - 7 * D,)).fetchone()
    assert 0 < here < 11  # fill() logs CLI questions without a server too
    assert sum(d.questions for d in reports.daily(db, since=now - 7 * D, now=now, guild_id=5)) == here
    assert sum(d.questions for d in reports.daily(db, since=now - 7 * D, now=now, guild_id=6)) == 0


def test_the_chart_is_a_small_png(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    now = fill(db)
    png = chart.render_png(reports.daily(db, since=now - 14 * D, now=now), title="Questions per day",
                           questions_label="questions", rate_label="answer rate")
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (640, 280) and len(png) < 100_000
    assert chart.render_png([], title="t", questions_label="q", rate_label="r") is None


def test_without_matplotlib_the_summary_shows_a_sparkline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "q.db"
    now = fill(db)
    png, text = summary_chart(db, 7, "fr", now=now)
    assert png is not None and text == ""
    monkeypatch.setattr(chart, "available", lambda: False)  # as when the charts extra is not installed
    png, text = summary_chart(db, 7, "fr", now=now)
    assert png is None and text.startswith("Questions par jour : ") and "installer l’extra charts" in text
