"""The query log: batched writes, privacy, votes, deletion, failures that never stop an answer, migrations."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from querylog_data import ROWS, SECRET, fill_async

from bot.models import Answer, Citation
from bot.querylog import schema
from bot.querylog.store import LogEntry, QueryLog, QueryLogError, hash_user, load_secret, new_qid

RAW_ID = 987654321012345678


def entry(qid: str | None = None, **kw) -> LogEntry:
    base = dict(qid=qid or new_qid(), question="Qui a signé ?", language="fr", answered=True,
                citations=[("lemoci-fr#3", 9.5)], latency_ms=12.5)
    base.update(kw)
    return LogEntry(**base)


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def incident_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.querylog.store" and r.levelno >= logging.WARNING]


async def test_record_flush_writes_questions_and_citations(tmp_path: Path) -> None:
    db = tmp_path / "queries.db"
    answer = Answer(
        question="Who signed?", language="en", answered=True, latency_ms=7.0,
        citations=[Citation(1, "faq-en", "faq-en#1", "FAQ", "https://x", "en", "They signed it.", 3.25)],
    )
    async with await QueryLog.open(db, secret=SECRET) as qlog:
        qlog.record(entry("a1", citations=[("p#1", 2.0), ("p#2", 1.0, "second snippet")], frontend="discord",
                          user_id=42, guild_id=7, channel_id=8, ts=1000.0))
        qlog.record(LogEntry.from_answer(answer, qid="a2", frontend="discord", user_id=43))
        qlog.record(entry("a3", answered=False, citations=[], reason="no-match"))
        assert qlog.pending == 3
        await qlog.flush()
        assert qlog.pending == 0
    assert rows(db, "SELECT qid, ts, frontend, guild_id, channel_id, answered, reason FROM questions ORDER BY qid")[0] \
        == ("a1", 1000.0, "discord", 7, 8, 1, "")
    assert rows(db, "SELECT qid, rank, passage_id, score, snippet FROM citations ORDER BY qid, rank") == [
        ("a1", 1, "p#1", 2.0, ""),
        ("a1", 2, "p#2", 1.0, "second snippet"),
        ("a2", 1, "faq-en#1", 3.25, "They signed it."),
    ]
    assert rows(db, "SELECT question, language, latency_ms, user_hash FROM questions WHERE qid = 'a2'") == [
        ("Who signed?", "en", 7.0, hash_user(SECRET, 43)),
    ]
    assert rows(db, "SELECT answered, reason, user_hash FROM questions WHERE qid = 'a3'") == [(0, "no-match", None)]
    assert rows(db, "SELECT topic FROM questions WHERE qid = 'a3'") == [("?who sign",)]  # pinned: see test_topics


async def test_new_qid_is_uuid4_hex() -> None:
    qid = new_qid()
    assert len(qid) == 32 and int(qid, 16) >= 0 and qid != new_qid()


async def written(qlog: QueryLog, seconds: float = 5.0) -> None:
    """Wait (up to ``seconds``) for the background writer to commit every pending row."""
    for _ in range(int(seconds / 0.05)):
        if qlog.pending == 0:
            return
        await asyncio.sleep(0.05)


async def test_record_only_enqueues_and_the_background_task_writes(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    qlog = await QueryLog.open(db, secret=SECRET, batch_interval=0.05)
    try:
        for i in range(250):
            qlog.record(entry(f"b{i:03d}"))
        # no I/O on the answering path: all 250 wait in the queue, none is in the file yet
        assert qlog.pending == 250
        assert rows(db, "SELECT count(*) FROM questions") == [(0,)]
        await written(qlog)
        assert qlog.pending == 0
        assert rows(db, "SELECT count(*) FROM questions") == [(250,)]
    finally:
        await qlog.close()


async def test_a_batch_being_written_still_counts_as_pending(tmp_path: Path) -> None:
    """A maintainer (and a test) reading ``pending`` == 0 may trust that every row is in the file: a batch taken off
    the queue but not committed yet (here: the file locked by another process) still counts."""
    db = tmp_path / "q.db"
    qlog = await QueryLog.open(db, secret=SECRET, batch_interval=10, busy_timeout=5.0)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        for i in range(250):
            qlog.record(entry(f"p{i:03d}"))  # a full batch wakes the writer, which waits on the lock
        await asyncio.sleep(0.5)
        assert qlog.pending == 250
        other.execute("ROLLBACK")
        await written(qlog)
        assert qlog.pending == 0
        assert rows(db, "SELECT count(*) FROM questions") == [(250,)]
    finally:
        other.close()
        await qlog.close()


async def test_close_flushes(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    qlog = await QueryLog.open(db, secret=SECRET, batch_interval=10)
    qlog.record(entry("c1"))
    await qlog.close()
    assert rows(db, "SELECT qid FROM questions") == [("c1",)]
    qlog.record(entry("c2"))  # after close: ignored, never raises
    await qlog.close()


async def test_wal_busy_timeout_and_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    async with await QueryLog.open(db, secret=SECRET):
        pass
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(schema.current_version(),)]
    names = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"questions_ts", "questions_answered_ts", "questions_topic", "citations_passage", "votes_value"} <= names


async def test_raw_member_id_is_never_written(tmp_path: Path) -> None:
    db = tmp_path / "data" / "queries.db"
    async with await QueryLog.open(db) as qlog:
        qlog.record(entry("r1", user_id=RAW_ID, guild_id=1, channel_id=2))
        await qlog.flush()
        assert await qlog.vote("r1", RAW_ID, 1)
        expected = qlog.user_hash(RAW_ID)
    secret_file = db.parent / "log-secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    secret = secret_file.read_bytes().strip()
    assert expected == hmac.new(secret, str(RAW_ID).encode(), hashlib.sha256).hexdigest()
    assert rows(db, "SELECT user_hash FROM questions") == [(expected,)]
    assert rows(db, "SELECT user_hash FROM votes") == [(expected,)]
    for file in db.parent.iterdir():
        data = file.read_bytes()
        assert str(RAW_ID).encode() not in data, file
        assert RAW_ID.to_bytes(8, "big") not in data and RAW_ID.to_bytes(8, "little") not in data, file
    # the secret is reused on the next run: the same member gets the same hash
    async with await QueryLog.open(db) as qlog:
        assert qlog.user_hash(RAW_ID) == expected


async def test_given_secret_is_used_and_no_secret_file_made(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    async with await QueryLog.open(db, secret="from-env") as qlog:
        assert qlog.user_hash(5) == hash_user(b"from-env", 5)
    assert not (tmp_path / "log-secret").exists()
    with pytest.raises(QueryLogError, match="no log secret"):
        load_secret(db, None, create=False)


async def test_votes_are_one_per_member_and_changeable(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    async with await QueryLog.open(db, secret=SECRET, batch_interval=10) as qlog:
        qlog.record(entry("v1"))
        assert await qlog.vote("v1", 1, 1)  # flushes the pending question first
        assert await qlog.vote("v1", 2, 1)
        assert await qlog.vote("v1", 1, -1)  # changed mind
        assert not await qlog.vote("unknown", 1, 1)
        with pytest.raises(ValueError):
            await qlog.vote("v1", 1, 2)
        assert rows(db, "SELECT user_hash, value FROM votes ORDER BY value") == [
            (hash_user(SECRET, 1), -1), (hash_user(SECRET, 2), 1),
        ]
        assert await qlog.vote("v1", 2, 0)  # 0 removes the vote
        assert rows(db, "SELECT count(*) FROM votes") == [(1,)]


async def test_forget_user_deletes_questions_citations_and_votes(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await fill_async(db, time.time())
    async with await QueryLog.open(db, secret=SECRET, batch_interval=10) as qlog:
        qlog.record(entry("pending", user_id=1001))  # not written yet: forgotten too
        counts = await qlog.forget_user_counts(1001)
        assert (counts.questions, counts.citations, counts.votes) == (5, 6, 6)
        assert (await qlog.forget_user_counts(1001)).total == 0
        # q02 and q10, q10's citation, the member's vote on q10
        assert (await qlog.forget_user_counts(1002)).total == 2 + 1 + 1
        await qlog.flush()
    left = {r[0] for r in rows(db, "SELECT qid FROM questions")}
    assert left == {r[0] for r in ROWS} - {"q01", "q06", "q12", "q15", "q02", "q10"}
    assert rows(db, "SELECT count(*) FROM votes") == [(0,)]
    assert rows(db, "SELECT qid FROM citations") == [("q11",), ("q11",)]


async def test_purge_deletes_older_questions_with_their_rows(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await fill_async(db, time.time())
    async with await QueryLog.open(db, secret=SECRET) as qlog:
        counts = await qlog.purge_counts(90)
        assert (counts.questions, counts.citations, counts.votes) == (1, 1, 1)
        assert await qlog.purge(90) == 0
        assert await qlog.purge(7) == 3 + 1  # q12, q13, q14 and q12's citation
    assert rows(db, "SELECT count(*) FROM questions") == [(11,)]
    assert rows(db, "SELECT count(*) FROM questions WHERE qid IN ('q12', 'q13', 'q14', 'q15')") == [(0,)]


async def test_daily_retention_runs_on_open(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await fill_async(db, time.time())
    async with await QueryLog.open(db, secret=SECRET, retention_days=90):
        for _ in range(50):
            if rows(db, "SELECT count(*) FROM questions WHERE qid = 'q15'") == [(0,)]:
                break
            await asyncio.sleep(0.02)
    assert rows(db, "SELECT count(*) FROM questions") == [(14,)]


def test_open_refuses_a_file_that_is_not_a_query_log(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello, not a database\n" * 100)
    with pytest.raises(QueryLogError, match="not an SQLite database"):
        asyncio.run(QueryLog.open(text, secret=SECRET))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(QueryLogError, match="not a query log"):
        asyncio.run(QueryLog.open(other, secret=SECRET))


def test_open_refuses_a_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    schema.migrate(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(QueryLogError, match="version 99, newer") as info:
        asyncio.run(QueryLog.open(db, secret=SECRET))
    assert "\n" not in str(info.value)


async def test_open_creates_missing_parent_directories(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "queries.db"
    async with await QueryLog.open(db) as qlog:
        qlog.record(entry("d1"))
    assert db.is_file() and (db.parent / "log-secret").is_file()


async def test_unusable_place_keeps_rows_in_memory_then_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    db = blocker / "queries.db"
    qlog = await QueryLog.open(db, secret=SECRET, batch_interval=0.02)
    try:
        assert qlog.failing
        for i in range(3):
            qlog.record(entry(f"m{i}"))  # never raises
            await qlog.flush()
        await asyncio.sleep(0.1)
        assert qlog.pending == 3
        lines = incident_lines(caplog)
        assert len(lines) == 1 and lines[0].levelno == logging.ERROR and "cannot be written" in lines[0].getMessage()
        blocker.unlink()  # the maintainer fixes the folder
        await qlog.flush()
        assert not qlog.failing and qlog.pending == 0
        lines = incident_lines(caplog)
        assert len(lines) == 2 and "writable again: 3 questions" in lines[1].getMessage()
        assert rows(db, "SELECT qid FROM questions ORDER BY qid") == [("m0",), ("m1",), ("m2",)]
    finally:
        await qlog.close()


async def test_memory_buffer_is_bounded_and_drops_the_oldest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("x")
    db = blocker / "queries.db"
    async with await QueryLog.open(db, secret=SECRET, max_pending=5, batch_interval=10) as qlog:
        for i in range(8):
            qlog.record(entry(f"o{i}"))
        assert qlog.pending == 5 and qlog.dropped == 3
        blocker.unlink()
        await qlog.flush()
        assert "3 oldest were dropped" in incident_lines(caplog)[-1].getMessage()
    assert [r[0] for r in rows(db, "SELECT qid FROM questions ORDER BY qid")] == ["o3", "o4", "o5", "o6", "o7"]


async def test_locked_database_keeps_rows_and_retries(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "q.db"
    qlog = await QueryLog.open(db, secret=SECRET, busy_timeout=0.05, batch_interval=10)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        qlog.record(entry("l1"))
        qlog.record(entry("l2"))
        await qlog.flush()
        await qlog.flush()
        assert qlog.pending == 2 and qlog.failing
        assert len(incident_lines(caplog)) == 1
        other.execute("COMMIT")
        await qlog.flush()
        assert qlog.pending == 0 and not qlog.failing
        assert len(incident_lines(caplog)) == 2
    finally:
        other.close()
        await qlog.close()
    assert rows(db, "SELECT count(*) FROM questions") == [(2,)]


async def test_file_deleted_while_running_is_recreated(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    async with await QueryLog.open(db, secret=SECRET, batch_interval=10) as qlog:
        qlog.record(entry("f1"))
        await qlog.flush()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        qlog.record(entry("f2"))
        await qlog.flush()
        assert not qlog.failing
    assert rows(db, "SELECT qid FROM questions") == [("f2",)]
    assert rows(db, "PRAGMA user_version") == [(schema.current_version(),)]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write read-only files")
async def test_read_only_file_keeps_rows_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    schema.migrate(db)
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        async with await QueryLog.open(db, secret=SECRET, batch_interval=10) as qlog:
            qlog.record(entry("ro"))
            await qlog.flush()
            assert qlog.failing and qlog.pending == 1
    finally:
        tmp_path.chmod(0o755)
        db.chmod(0o644)


async def test_record_never_raises_on_a_bad_entry(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with await QueryLog.open(tmp_path / "q.db", secret=SECRET) as qlog:
        qlog.record(entry("bad1", latency_ms="slow"))  # type: ignore[arg-type]
        qlog.record(entry("bad2", citations=[("only-an-id",)]))
        assert qlog.pending == 0
    assert len(incident_lines(caplog)) == 1


def test_migrations_are_numbered_and_at_least_two() -> None:
    versions = [m.version for m in schema.migrations()]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 2
    assert all(m.path.name.startswith(f"{m.version:04d}_") for m in schema.migrations())


async def test_a_version_1_log_migrates_with_no_row_lost(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    assert schema.migrate(db, target=1) == 1
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO questions (qid, ts, frontend, user_hash, question, language, answered, reason, latency_ms)"
            " VALUES (?, ?, 'discord', ?, ?, ?, ?, '', 5.0)",
            [(f"old{i}", 1000.0 + i, f"h{i % 3}", q, lang, i % 2) for i, (q, lang) in
             enumerate([("qui a signé ?", "fr"), ("who signed", "en"), ("Quand ?", "fr"), ("誰が署名？", "ja")])],
        )
        conn.executemany("INSERT INTO citations (qid, rank, passage_id, score) VALUES (?, 1, 'p#1', 1.5)",
                         [("old1",), ("old3",)])
        conn.execute("INSERT INTO votes (qid, user_hash, value, ts) VALUES ('old1', 'h9', -1, 1.0)")
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    async with await QueryLog.open(db, secret=SECRET) as qlog:
        qlog.record(entry("new", citations=[("p#2", 2.0, "snippet")]))
    assert rows(db, "PRAGMA user_version") == [(schema.current_version(),)]
    assert rows(db, "SELECT count(*) FROM questions") == [(5,)]
    assert rows(db, "SELECT qid, snippet FROM citations ORDER BY qid") == [("new", "snippet"), ("old1", ""),
                                                                           ("old3", "")]
    assert rows(db, "SELECT qid, value FROM votes") == [("old1", -1)]
    assert rows(db, "SELECT qid, topic FROM questions WHERE qid IN ('old0', 'old1', 'old3') ORDER BY qid") == [
        ("old0", "?who sign"), ("old1", "?who sign"), ("old3", "?who 署名"),  # recomputed by migration 3
    ]


async def test_a_replaced_secret_is_noticed_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 12 item 11: a lost or regenerated secret is not replaced silently."""
    from bot.querylog.fingerprint import SecretCheck

    db = tmp_path / "data" / "queries.db"
    async with await QueryLog.open(db) as qlog:  # the secret file is made beside the log
        assert qlog.secret_check is SecretCheck.MATCH
    async with await QueryLog.open(db) as qlog:
        assert qlog.secret_check is SecretCheck.MATCH
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    (db.parent / "log-secret").unlink()  # lost (or the log copied without it): no new one is made in its place
    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            async with await QueryLog.open(db) as qlog:
                assert qlog.secret_check is SecretCheck.MISMATCH and qlog.temporary_secret
            assert not (db.parent / "log-secret").exists()  # restoring the old secret overwrites nothing (M5)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2 and f"there is no {db.parent / 'log-secret'}" in errors[0]
    assert "no new secret was made" in errors[0] and "BOT_LOG_SECRET" in errors[0]
    caplog.clear()
    async with await QueryLog.open(db, secret="another") as qlog:
        assert qlog.secret_check is SecretCheck.MISMATCH
    assert any("does not match the one" in r.getMessage() for r in caplog.records)
    caplog.clear()
    async with await QueryLog.open(db, secret="another") as qlog:
        assert qlog.secret_check is SecretCheck.MISMATCH  # the first secret stays the reference
    assert any("does not match" in r.getMessage() for r in caplog.records)


async def test_old_position_ids_are_renamed_once_to_stable_ids(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    log = await QueryLog.open(db, secret=SECRET)
    try:
        for qid, pid in (("a", "lemoci-en#2"), ("b", "lemoci-en#2"), ("c", "gone-en#1"), ("d", "x#intro-abc123")):
            log.record(LogEntry(qid=qid, question="q", language="en", answered=True, citations=[(pid, 1.0)],
                                latency_ms=1.0))
        await log.flush()
        mapping = {"lemoci-en#1": "lemoci-en#intro-111111", "lemoci-en#2": "lemoci-en#signing-222222"}
        assert await log.rename_passages(mapping) == 1
        assert await log.rename_passages(mapping) == 0
    finally:
        await log.close()
    with sqlite3.connect(db) as conn:
        cited = dict(conn.execute("SELECT qid, passage_id FROM citations"))
        renamed = conn.execute("SELECT old_id, new_id FROM passage_renames").fetchall()
    assert cited == {"a": "lemoci-en#signing-222222", "b": "lemoci-en#signing-222222", "c": "gone-en#1",
                     "d": "x#intro-abc123"}
    assert renamed == [("lemoci-en#2", "lemoci-en#signing-222222")]


async def test_refusals_are_counted_per_hour_server_and_reason_and_survive_a_locked_file(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    hour = 1_700_000_000 // 3600 * 3600
    async with await QueryLog.open(db, secret=SECRET, batch_interval=10, busy_timeout=0.1) as qlog:
        qlog.record_refusal("cooldown", 7, hour + 10)
        qlog.record_refusal("cooldown", 7, hour + 3599)
        qlog.record_refusal("cooldown", None, hour + 20)  # a DM
        await qlog.flush()
        locker = sqlite3.connect(db, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        qlog.record_refusal("cooldown", 7, hour + 30)
        qlog.record_refusal("duplicate", 7, hour + 3600)
        await qlog.flush()  # fails: kept in memory
        assert qlog.failing
        locker.execute("ROLLBACK")
        locker.close()
        await qlog.flush()
        assert not qlog.failing
    assert rows(db, "SELECT hour, guild_id, reason, count FROM refusals ORDER BY hour, guild_id, reason") == [
        (hour, 0, "cooldown", 1), (hour, 7, "cooldown", 3), (hour + 3600, 7, "duplicate", 1),
    ]
    assert rows(db, "SELECT count(*) FROM questions") == [(0,)]


def test_a_version_6_log_gains_the_refusals_table_with_its_questions_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    assert schema.migrate(db, target=6) == 6
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO questions (qid, ts, frontend, question, language, answered, latency_ms)"
                     " VALUES ('old', 1.0, 'discord', 'who signed', 'en', 1, 2.0)")
        assert "refusals" not in {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert schema.migrate(db) == schema.current_version() >= 7
    assert rows(db, "SELECT qid FROM questions") == [("old",)]
    assert rows(db, "SELECT count(*) FROM refusals") == [(0,)]
