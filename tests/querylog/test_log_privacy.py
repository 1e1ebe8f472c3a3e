"""Query log privacy: file modes (issue 12, item 10) and DM channel ids (item 5), on real SQLite files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from bot.querylog import schema
from bot.querylog.store import LogEntry, QueryLog


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def test_the_log_folder_and_files_are_private_whatever_the_umask(tmp_path: Path):
    previous = os.umask(0o022)  # the usual default: 0755 folders, 0644 files
    try:
        qlog = await QueryLog.open(tmp_path / "data" / "queries.db")  # no BOT_LOG_SECRET: the secret file too
        qlog.record(LogEntry(qid="q1", question="Who signed it?", language="en", answered=False, citations=[],
                             latency_ms=1.0))
        await qlog.flush()
        folder = tmp_path / "data"
        assert mode(folder) == 0o700
        for name in ("queries.db", "queries.db-wal", "queries.db-shm", "log-secret"):
            assert mode(folder / name) == 0o600, name
        await qlog.close()
    finally:
        os.umask(previous)


async def test_a_dm_channel_id_is_never_stored(tmp_path: Path):
    db = tmp_path / "queries.db"
    async with await QueryLog.open(db, secret="s") as qlog:
        for qid, guild in (("dm", None), ("server", 7)):
            qlog.record(LogEntry(qid=qid, question="Who signed it?", language="en", answered=False, citations=[],
                                 latency_ms=1.0, frontend="discord", user_id=42, guild_id=guild, channel_id=99))
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert dict(conn.execute("SELECT qid, channel_id FROM questions")) == {"dm": None, "server": 99}


def test_dm_channel_ids_stored_before_are_erased_by_the_migration(tmp_path: Path):
    db = tmp_path / "queries.db"
    schema.migrate(db, target=4)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.executemany(
            "INSERT INTO questions (qid, ts, frontend, guild_id, channel_id, question, language, answered, latency_ms)"
            " VALUES (?, 0, 'discord', ?, 99, 'q', 'en', 0, 1)",
            [("dm", None), ("server", 7)],
        )
        conn.commit()
    schema.migrate(db)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert dict(conn.execute("SELECT qid, channel_id FROM questions")) == {"dm": None, "server": 99}
