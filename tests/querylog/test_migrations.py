"""A migration that fails part-way leaves the log as it was: same version, same columns, same rows."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from bot.querylog import schema


def _columns(db: Path, table: str) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return [name for _, name, *_ in conn.execute(f"PRAGMA table_info({table})")]


def _one(db: Path, sql: str) -> tuple:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchone()


def test_a_failed_migration_rolls_back_then_succeeds_once_the_cause_is_gone(tmp_path: Path) -> None:
    db = tmp_path / "queries.db"
    assert schema.migrate(db, target=1) == 1
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "INSERT INTO questions (qid, ts, frontend, user_hash, question, language, answered, reason, latency_ms)"
            " VALUES ('q1', 1000.0, 'cli', NULL, 'who signed', 'en', 1, '', 5.0)"
        )
        # Migration 2 adds two columns, then creates this index: its last statement fails.
        conn.execute("CREATE INDEX votes_user ON votes (qid)")
    before = _columns(db, "citations"), _columns(db, "questions")

    with pytest.raises(sqlite3.OperationalError, match="votes_user"):
        schema.migrate(db, target=2)

    assert _one(db, "PRAGMA user_version") == (1,)
    assert (_columns(db, "citations"), _columns(db, "questions")) == before  # the ALTER TABLEs were undone
    assert _one(db, "SELECT qid, question FROM questions") == ("q1", "who signed")

    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP INDEX votes_user")
    assert schema.migrate(db) == schema.current_version()
    assert "snippet" in _columns(db, "citations")
    assert _one(db, "SELECT qid, question FROM questions") == ("q1", "who signed")
