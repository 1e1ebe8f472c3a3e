"""``logs unanswered`` and ``logs top`` on a log with more distinct questions than are grouped by meaning (outsider
trial 7: 200,000 distinct unanswered questions had not been grouped after 7.5 min of CPU; each distinct phrasing
costs a search). Real SQLite files, filled by SQL as a long-lived community's log would be; real processes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import paths
import pytest

from bot.querylog import reports, schema

EXTRA = 40  # distinct questions beyond the ones grouped


def _log(path: Path, singletons: int) -> Path:
    """``singletons`` distinct unanswered questions asked once each (one made-up word each: no two are alike),
    and two asked more: 5× and 3× (the 3× one a
    while ago), with the topic keys the bot stores."""
    schema.migrate(path)
    now = time.time()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO questions (qid, ts, frontend, user_hash, guild_id, channel_id, question, language, answered,"
            " reason, latency_ms) SELECT lower(hex(randomblob(16))), ? - i, 'discord', lower(hex(randomblob(16))),"
            " 5, 6, 'zq' || lower(hex(randomblob(6))) || '?', 'en', 0, 'no-match', 3.0 FROM n",
            (singletons, now),
        )
        for times, question, age in ((5, "where is the full text?", 60.0), (3, "who pays for the exchanges?", 9e5)):
            conn.executemany(
                "INSERT INTO questions (qid, ts, frontend, user_hash, question, language, answered, reason,"
                " latency_ms) VALUES (?, ?, 'cli', NULL, ?, 'en', 0, 'no-match', 3.0)",
                [(f"{question}-{i}", now - age - i, question) for i in range(times)],
            )
        conn.commit()
        schema.backfill_topics(conn)
    return path


def test_the_most_asked_are_grouped_and_the_rest_counted(tmp_path: Path) -> None:
    db = _log(tmp_path / "queries.db", reports.MAX_TOPIC_KEYS + EXTRA)
    found = reports.grouped(db, unanswered_only=True)
    assert [(t["topic"], t["count"]) for t in found.topics[:2]] == [
        ("where is the full text?", 5), ("who pays for the exchanges?", 3),
    ]
    assert found.questions == reports.MAX_TOPIC_KEYS + EXTRA + 8
    # the 1,000 most asked topic keys are grouped: the two asked more, and the 998 most recent of the others
    assert found.left_out == found.left_out_keys == EXTRA + 2
    assert sum(t["count"] for t in found.topics) == found.questions - found.left_out
    assert found.topics[2]["last_seen"] == reports.iso(max(
        row[0] for row in sqlite3.connect(db).execute("SELECT ts FROM questions WHERE question LIKE 'zq%'")
    ))
    top = reports.top(db, limit=1)
    assert [(t["topic"], t["count"]) for t in top] == [("where is the full text?", 5)]


def test_the_cli_says_what_it_left_out(tmp_path: Path) -> None:
    db = _log(tmp_path / "queries.db", reports.MAX_TOPIC_KEYS + EXTRA)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "logs", "unanswered", "--words-only", "--limit", "3", "--db", str(db)],
        capture_output=True, text=True, cwd=paths.ROOT, env={**os.environ, "BOT_LOG_SECRET": "test-secret"},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    heading = done.stdout.splitlines()[0]
    assert f"({EXTRA + 2} more, asked in {EXTRA + 2} other ways, are not listed: only the " \
           f"{reports.MAX_TOPIC_KEYS:,} most asked ways of asking are grouped)" in heading
    assert "where is the full text?" in done.stdout


@pytest.mark.parametrize("limit", [None, 0])
def test_a_log_of_ordinary_size_is_grouped_whole(tmp_path: Path, limit: int | None) -> None:
    db = _log(tmp_path / "queries.db", 30)
    found = reports.grouped(db, unanswered_only=True)
    assert (found.questions, found.left_out, found.left_out_keys) == (38, 0, 0)
    assert len(reports.unanswered(db, limit=limit)) == len(found.topics)
