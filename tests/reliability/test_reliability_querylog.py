"""Reliability of the query log under faults: locked, read-only, full, deleted or replaced database.

Questions go through the same path as Discord's (``AskDesk``: retrieval in the assistant's worker, then
``QueryLog.record``). Through every fault the answers keep flowing; the rows that could not be written wait
in memory (bounded) and reach the file once it is back; the maintainer sees one log line when an incident
starts and one when it ends, never one per question.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import aiosqlite
import paths
import pytest

from bot.assistant import Assistant
from bot.discord_front.ask import AskDesk, Asker, Outcome
from bot.discord_front.guards import Cooldown, DuplicateGuard
from bot.querylog.store import RETRY_MAX_SECONDS, QueryLog

CORPUS = paths.DISCORD_CORPUS
QUESTIONS = (
    "Who signed the declaration?",
    "Qui a signé la déclaration ?",
    "共同声明に署名したのは誰ですか？",
    "When was the declaration signed?",
    "Quels domaines de coopération ?",
)
STARTED = "cannot be written"  # the line that opens an incident
ENDED = "is writable again"  # the line that closes it
REPLACED = "was deleted or replaced while running"
DROPPING = "dropping the oldest"


@pytest.fixture(scope="module")
def assistant() -> Iterator[Assistant]:
    helper = Assistant.from_directory(CORPUS)
    yield helper
    helper.close()


class Front:
    """Asks like the Discord front end does (no cooldown, no duplicate window)."""

    def __init__(self, assistant: Assistant, querylog: QueryLog) -> None:
        self.desk = AskDesk(assistant, querylog, Cooldown(10**6, 60.0), DuplicateGuard(0))
        self.count = 0

    async def ask(self, user: int = 1) -> Outcome:
        self.count += 1
        text = f"{QUESTIONS[self.count % len(QUESTIONS)]} {self.count}"
        prepared = self.desk.prepare(text, Asker(user, 10, 20, "en"))
        assert prepared.kind == "answer", prepared
        outcome = await self.desk.answer(prepared)
        assert outcome.kind in ("answer", "abstain") and outcome.qid
        return outcome

    async def burst(self, n: int, users: int = 5) -> list[Outcome]:
        return list(await asyncio.gather(*(self.ask(user=i % users) for i in range(n))))

    async def bursts(self, rounds: int, n: int, stop: Callable[[], bool] = lambda: False) -> list[Outcome]:
        """``rounds`` bursts of ``n`` questions 50 ms apart (fewer once ``stop()`` holds after a burst)."""
        outcomes: list[Outcome] = []
        for _ in range(rounds):
            outcomes += await self.burst(n)
            await asyncio.sleep(0.05)
            if stop():
                break
        return outcomes


async def until(condition: Callable[[], bool], timeout: float = RETRY_MAX_SECONDS + 15.0) -> None:
    """Wait for ``condition``. The writer's retry delay doubles through an incident up to RETRY_MAX_SECONDS, so
    on a busy machine (a longer incident) the write after it may be that far off."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def stored_qids(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {row[0] for row in conn.execute("SELECT qid FROM questions")}


def lines(caplog: pytest.LogCaptureFixture, fragment: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "bot.querylog.store" and r.levelno >= logging.WARNING and fragment in r.getMessage()
    ]


def incident_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return lines(caplog, "")


OpenLog = Callable[..., Awaitable[QueryLog]]


@pytest.fixture
async def open_log(tmp_path: Path) -> AsyncIterator[OpenLog]:
    opened: list[QueryLog] = []

    async def open_(path: Path | None = None, cls: type[QueryLog] = QueryLog, **kw: object) -> QueryLog:
        options: dict[str, object] = {"secret": "test-secret", "batch_interval": 0.02, "busy_timeout": 0.2, **kw}
        qlog = await cls.open(path or tmp_path / "data" / "queries.db", **options)  # type: ignore[arg-type]
        opened.append(qlog)
        return qlog

    yield open_
    for qlog in opened:
        await qlog.close()


async def test_locked_by_another_process_longer_than_the_busy_timeout(
    assistant: Assistant, open_log: OpenLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log()
    front = Front(assistant, qlog)
    before = await front.burst(5)
    await qlog.flush()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.readline()\n"
            "c.execute('COMMIT')\n",
            str(qlog.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        during: list[Outcome] = []
        waiting = 0
        for _ in range(6):  # ~1 s of questions while the file is locked (until the holder is told to commit)
            during += await asyncio.wait_for(front.burst(5), 60)
            await asyncio.sleep(0.15)
            waiting = max(waiting, qlog.pending)
        await until(lambda: qlog.failing)
        # the 30 answers came back while the file was still locked: none waited for the database
        assert holder.poll() is None and waiting > 0
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(10)
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert {o.qid for o in before + during} <= stored_qids(qlog.path)
    assert len(lines(caplog, STARTED)) == 1 and "database is locked" in lines(caplog, STARTED)[0]
    assert len(lines(caplog, ENDED)) == 1
    assert len(incident_lines(caplog)) == 2


class FullDisk(QueryLog):
    """The log's own connection with ``PRAGMA max_page_count`` pinned to the current size: SQLITE_FULL."""

    full = False

    async def _connect(self) -> aiosqlite.Connection:
        conn = await super()._connect()
        if self.full:
            async with conn.execute("PRAGMA page_count") as cursor:
                row = await cursor.fetchone()
            assert row is not None
            await conn.execute(f"PRAGMA max_page_count = {row[0]}")
        return conn


async def test_disk_full(
    assistant: Assistant, open_log: OpenLog, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log(cls=FullDisk)
    assert isinstance(qlog, FullDisk)
    front = Front(assistant, qlog)
    await front.burst(3)
    await qlog.flush()
    qlog.full = True
    await qlog._disconnect()  # the next write reconnects with the size pinned
    outcomes = await front.bursts(8, 10)
    await until(lambda: qlog.failing)
    assert qlog.pending > 0
    assert "full" in lines(caplog, STARTED)[0]
    qlog.full = False
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert {o.qid for o in outcomes} <= stored_qids(qlog.path)
    assert len(lines(caplog, STARTED)) == 1 and len(lines(caplog, ENDED)) == 1
    assert len(incident_lines(caplog)) == 2


@pytest.fixture
def tiny_disk(tmpfs: Callable[[str], Path]) -> Path:
    """A real 512 kB tmpfs."""
    return tmpfs("512k")


async def test_real_full_disk(
    assistant: Assistant, open_log: OpenLog, tiny_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log(tiny_disk / "queries.db")
    front = Front(assistant, qlog)
    await front.burst(3)
    await qlog.flush()
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\1" * 4096)
    finally:
        os.close(fd)
    outcomes = await front.bursts(10, 20, stop=lambda: qlog.failing)
    await until(lambda: qlog.failing)
    filler.unlink()
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert {o.qid for o in outcomes} <= stored_qids(qlog.path)
    # each answer commits its question, and on a nearly full disk a small commit can still fit: an incident
    # may end and start again, but each start and end is said once
    started, ended = len(lines(caplog, STARTED)), len(lines(caplog, ENDED))
    assert 1 <= started == ended <= 3, (started, ended)


def _chattr(flag: str, *paths: Path) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    return subprocess.run([tool, flag, *map(str, paths)], capture_output=True).returncode == 0


async def test_read_only_database(
    assistant: Assistant, open_log: OpenLog, caplog: pytest.LogCaptureFixture
) -> None:
    """The file and its folder made immutable (``chattr +i``: even root cannot write; never the mmapped -shm)."""
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log()
    front = Front(assistant, qlog)
    await front.burst(3)
    await qlog.flush()
    folder = qlog.path.parent
    frozen = [folder, *(p for p in folder.iterdir() if not p.name.endswith("-shm"))]
    if not _chattr("+i", *frozen):
        pytest.skip("chattr +i is not available here (needs root on ext4/xfs/btrfs)")
    try:
        outcomes = await front.bursts(5, 10)
        await until(lambda: qlog.failing)
        assert qlog.pending > 0
    finally:
        _chattr("-i", *frozen)
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert {o.qid for o in outcomes} <= stored_qids(qlog.path)
    assert len(lines(caplog, STARTED)) == 1 and len(lines(caplog, ENDED)) == 1
    assert len(incident_lines(caplog)) == 2
    # trial 8's F8: SQLite says "disk I/O error", which reads like failing hardware; the line says what to do
    (started,) = lines(caplog, STARTED)
    assert f"the file or its folder {folder} is read-only" in started and "chattr -i" in started, started
    assert not any(question in started for question in QUESTIONS)  # no member data


async def test_folder_replaced_by_a_file_then_restored(
    assistant: Assistant, open_log: OpenLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Someone moves ``data/`` away and leaves a file in its place: the log cannot open; then it comes back."""
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log()
    front = Front(assistant, qlog)
    await front.burst(3)
    await qlog.flush()
    folder = qlog.path.parent
    folder.rename(tmp_path / "moved")
    folder.write_text("not a folder")
    outcomes = await front.bursts(5, 10)
    await until(lambda: qlog.failing)
    folder.unlink()
    (tmp_path / "moved").rename(folder)
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert {o.qid for o in outcomes} <= stored_qids(qlog.path)
    assert len(stored_qids(qlog.path)) == 53
    assert len(lines(caplog, REPLACED)) == 1
    assert len(lines(caplog, STARTED)) == 1 and len(lines(caplog, ENDED)) == 1
    assert len(incident_lines(caplog)) == 3


async def test_deleted_while_running(
    assistant: Assistant, open_log: OpenLog, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log()
    front = Front(assistant, qlog)
    await front.burst(10)
    await qlog.flush()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{qlog.path}{suffix}").unlink(missing_ok=True)
    after = await front.bursts(4, 10)
    await until(lambda: qlog.pending == 0)
    await qlog.flush()
    assert qlog.path.exists()
    assert stored_qids(qlog.path) == {o.qid for o in after}  # a fresh, migrated file holds the new questions
    assert len(lines(caplog, REPLACED)) == 1
    assert len(incident_lines(caplog)) == 1


async def test_memory_buffer_is_bounded_and_newest_rows_survive(
    assistant: Assistant, open_log: OpenLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log(max_pending=25)
    front = Front(assistant, qlog)
    folder = qlog.path.parent
    folder.rename(tmp_path / "moved")
    folder.write_text("not a folder")
    outcomes = await front.burst(100)
    await until(lambda: qlog.failing)
    assert qlog.pending == 25 and qlog.dropped == 75
    folder.unlink()
    (tmp_path / "moved").rename(folder)
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert stored_qids(qlog.path) == {o.qid for o in outcomes[-25:]}
    assert len(lines(caplog, DROPPING)) == 1
    (ended,) = lines(caplog, ENDED)
    assert "75 oldest were dropped" in ended
    assert len(lines(caplog, STARTED)) == 1


async def test_unwritable_at_start_then_fixed(
    assistant: Assistant, open_log: OpenLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The bot starts while the log's folder is unusable: it still answers, and logs once the folder is fixed."""
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    qlog = await open_log()
    assert qlog.failing
    front = Front(assistant, qlog)
    outcomes = await front.burst(20)
    blocker.unlink()  # the log's retry makes its folder again itself (bot/datadir.py)
    await until(lambda: qlog.pending == 0 and not qlog.failing)
    assert stored_qids(qlog.path) == {o.qid for o in outcomes}
    assert len(lines(caplog, STARTED)) == 1 and len(lines(caplog, ENDED)) == 1


@pytest.mark.parametrize(
    ("asked", "said"),
    [(30, "30 questions could not be written and are lost"), (1, "1 question could not be written and is lost")],
)
async def test_close_while_failing_reports_the_loss_once(
    assistant: Assistant, open_log: OpenLog, caplog: pytest.LogCaptureFixture, asked: int, said: str
) -> None:
    """Trial 8's F8: one question lost was "1 questions could not be written and are lost"."""
    caplog.set_level(logging.INFO, logger="bot.querylog.store")
    qlog = await open_log()
    folder = qlog.path.parent
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    await Front(assistant, qlog).burst(asked)
    await qlog.close()
    assert lines(caplog, "could not be written and") == [f"query log {qlog.path}: {said}"]
    assert len(incident_lines(caplog)) <= 3
