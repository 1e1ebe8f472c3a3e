"""The query log: every question asked (CLI, Discord) written to SQLite, off the answering path.

``record()`` only enqueues; a background task writes batches in one transaction. A log failure never stops
an answer: rows that cannot be written stay in memory (bounded) and are retried, and the maintainer sees one
log line when the incident starts and one when it ends. Member ids are stored only as HMAC-SHA256 hashes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import aiosqlite

from bot.datadir import private_folder
from bot.i18n import plural
from bot.limits import DAY, HOUR
from bot.models import AbstentionReason, Answer, FrontEnd, RefusalReason
from bot.querylog import fingerprint, renames, schema, topics
from bot.querylog.fingerprint import SecretCheck
from bot.querylog.leaning import leans_on
from bot.querylog.personal import mask
from bot.querylog.schema import QueryLogError, disk_full, read_only

__all__ = ["DeleteCounts", "LogEntry", "QueryLog", "QueryLogError", "hash_user", "load_secret", "new_qid"]

log = logging.getLogger("bot.querylog.store")

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a connection waits for another writer (or a reader) of the log
SECRET_FILE = "log-secret"
MAX_PENDING = 10_000
RETRY_MAX_SECONDS = 30.0
INLINE_TOPIC_KEYS = 8  # batches this small get their topic keys on the event loop (~10 µs each)
DURABLE_WAIT_SECONDS = 0.5  # longest an answer waits for its question to be committed
CHECKPOINT_SECONDS = 1.0  # at most this often the WAL is copied into the database
TOMBSTONE_SECONDS = 3_600.0  # how long /forget-me also drops questions asked before it that arrive late

_INSERT_QUESTION = (
    "INSERT OR IGNORE INTO questions (qid, ts, frontend, user_hash, guild_id, channel_id, question, language,"
    " answered, reason, latency_ms, topic, understood) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_CITATION = "INSERT OR IGNORE INTO citations (qid, rank, passage_id, score, snippet) VALUES (?, ?, ?, ?, ?)"
_NOTICE = "INSERT OR IGNORE INTO notices (user_hash, ts) VALUES (?, ?)"
_COUNT_REFUSALS = (
    "INSERT INTO refusals (hour, guild_id, reason, count) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (hour, guild_id, reason) DO UPDATE SET count = count + excluded.count"
)


def new_qid() -> str:
    """A client-generated question id (uuid4 hex) that Discord buttons can carry."""
    return uuid.uuid4().hex


def _unwritable(path: Path, exc: BaseException) -> str:
    """What to do about a log its folder or file will not let be written: SQLite may word it only as "disk I/O
    error" or "unable to open database file", which reads like failing hardware."""
    return (f"the file or its folder {path.parent} is read-only ({exc}); make both writable by the bot's user "
            "(permissions, chattr -i, the mount's options)")


@dataclass
class LogEntry:
    """One question as the front end saw it. ``citations`` holds ``(passage_id, score[, snippet])``."""

    qid: str
    question: str
    language: str
    answered: bool
    citations: list[tuple[Any, ...]]
    latency_ms: float
    frontend: FrontEnd = "cli"
    user_id: int | str | None = None
    guild_id: int | None = None
    channel_id: int | None = None
    reason: AbstentionReason = ""
    ts: float = field(default_factory=time.time)
    understood: str | None = None  # a follow-up read with the previous question's subject (None: stood alone)

    @classmethod
    def from_answer(
        cls,
        answer: Answer,
        *,
        qid: str | None = None,
        frontend: FrontEnd = "cli",
        user_id: int | str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        typed: str | None = None,
    ) -> LogEntry:
        """Build the entry from a ``bot.models.Answer`` (citations keep their snippets).

        ``typed`` is the question as the member wrote it when the answer is to it as understood (a follow-up).
        """
        return cls(
            qid=qid or new_qid(),
            question=typed or answer.question,
            understood=" | ".join(part.question for part in answer.parts) if answer.parts
            else answer.question if typed and typed != answer.question else None,
            language=answer.language,
            answered=answer.answered and all(part.answered for part in answer.parts),  # a question left unanswered
            # in a message of several: the message is listed by `logs unanswered`, with that question's reason
            citations=[(c.passage_id, c.score, c.snippet) for c in answer.citations],
            latency_ms=answer.latency_ms,
            frontend=frontend,
            user_id=user_id,
            guild_id=guild_id,
            channel_id=channel_id,
            reason=answer.reason,
        )


class _Row(NamedTuple):
    """A question ready to write: the member is already hashed, types are already checked."""

    qid: str
    ts: float
    frontend: str
    user_hash: str | None
    guild_id: int | None
    channel_id: int | None
    question: str
    language: str
    answered: int
    reason: str
    latency_ms: float
    citations: tuple[tuple[int, str, float, str], ...]
    understood: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteCounts:
    questions: int = 0
    citations: int = 0
    votes: int = 0  # every vote deleted: those on the deleted questions and (forget) the member's own
    own_votes: int = 0  # forget: the votes the member cast; the others were cast by other members on her questions

    @property
    def total(self) -> int:
        return self.questions + self.citations + self.votes


def hash_user(secret: bytes, user_id: int | str) -> str:
    """HMAC-SHA256 of a member id with the log secret (hex). The raw id is never stored."""
    return hmac.new(secret, str(user_id).encode("utf-8"), hashlib.sha256).hexdigest()


def load_secret(db_path: Path | str, secret: bytes | str | None = None, *, create: bool = True) -> bytes:
    """The HMAC key: ``secret`` if given (``BOT_LOG_SECRET``), else ``<db dir>/log-secret`` (made 0600 if missing).

    Raises ``QueryLogError`` when the file is missing and ``create`` is false, ``OSError`` when it cannot be made.
    """
    if secret:
        return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    file = Path(db_path).parent / SECRET_FILE
    for _ in range(2):
        with contextlib.suppress(FileNotFoundError):
            value = file.read_bytes().strip()
            if value:
                return value
        if not create:
            raise QueryLogError(f"no log secret at {file} (set BOT_LOG_SECRET): member ids cannot be matched")
        private_folder(file.parent)
        try:
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # made by another process meanwhile: read it
        value = secrets.token_hex(32).encode("ascii")
        with os.fdopen(fd, "wb") as fh:
            fh.write(value + b"\n")
        os.chmod(file, 0o600)
        return value
    raise OSError(f"cannot read or create {file}")


def _has_fingerprint(path: Path) -> bool:
    """Whether the log at ``path`` already records its secret's fingerprint (read only; False if it cannot tell)."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(schema.connect(path, readonly=True, timeout=0.5)) as conn:
            return fingerprint.stored(conn) is not None
    except (sqlite3.Error, OSError):
        return False


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class QueryLog:
    """An open query log. Create with ``await QueryLog.open(path)``; end with ``await close()``."""

    def __init__(
        self,
        path: Path,
        secret: bytes,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        batch_interval: float = 0.25,
        batch_size: int = 100,
        max_pending: int = MAX_PENDING,
        report_incidents: bool = True,
    ) -> None:
        self.path = path
        self._report = logging.ERROR if report_incidents else logging.DEBUG  # the bot's log, or the caller says it
        self.lost = 0  # questions still unwritten when the log was closed
        self.last_error: str | None = None  # why the last write failed
        self.disk_full = False  # ... and whether the disk was full then (SQLite may only say "disk I/O error")
        self.read_only = False  # ... or the file or its folder refused writing (likewise)
        self._secret = secret
        self._busy_timeout = busy_timeout
        self._interval = batch_interval
        self._batch_size = max(1, batch_size)
        self._max_pending = max(1, max_pending)
        self._pending: deque[_Row] = deque()
        self._in_flight = 0  # rows taken off the queue by a write not yet committed: still pending
        self._conn: aiosqlite.Connection | None = None
        self._file_id: tuple[int, int] | None = None
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._failing: str | None = None
        self._dropped = 0
        self._bad_entries = 0
        self._retry_delay = batch_interval
        self._retry_at = 0.0
        self._closed = False
        self._tasks: list[asyncio.Task[None]] = []
        self.secret_check = SecretCheck.UNKNOWN
        self.secret_problem: str | None = None  # why the secret in use is not the log's (said by the caller too)
        self.temporary_secret = False  # no secret file and none made: this run's key is never written
        self._commits: set[asyncio.Future[None]] = set()  # commits an answer stopped waiting for
        self._unchecked = False  # rows committed since the last checkpoint
        self._checkpoint_at = 0.0
        self._forgotten: dict[str, float] = {}  # member hash → when /forget-me ran (rows asked before it are dropped)
        self._refusals: Counter[tuple[int, int, str]] = Counter()  # (hour, server, reason) → refusals not yet written
        self._noticed: dict[str, float] = {}  # member hash → when the privacy notice was shown (as in the file)
        self._new_notices: dict[str, float] = {}  # ... of those, not yet written

    # -- lifecycle -------------------------------------------------------------------------------------
    @classmethod
    async def open(
        cls,
        path: Path | str,
        *,
        secret: bytes | str | None = None,
        retention_days: int | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        batch_interval: float = 0.25,
        batch_size: int = 100,
        max_pending: int = MAX_PENDING,
        record_fingerprint: bool = True,
        report_incidents: bool = True,
        create_secret: bool = True,
        with_retention: Callable[[int], object] | None = None,
    ) -> QueryLog:
        """Open (create, migrate) the log. A file that is not a query log or is newer raises ``QueryLogError``;
        an unwritable place still gives a ``QueryLog`` that keeps rows in memory and retries.
        ``retention_days`` starts a daily purge of older questions (``BOT_LOG_RETENTION_DAYS``); ``with_retention``
        (called with the days, in a thread) purges what else the retention covers (the moderators' ids of old
        knowledge changes).

        The secret is compared with the fingerprint kept in the log (``secret_check``); a mismatch is logged as
        an error at once. ``record_fingerprint`` stores it in a log that has none (the bot and ``ask`` do; the
        deleting tools do not, so a wrong secret there cannot become the log's reference). With
        ``report_incidents`` false, write failures and losses are left to the caller (``lost``, ``last_error``):
        a one-shot ``ask`` says them in one line instead of the bot's incident lines.

        The secret file ``log-secret`` beside the log is made only when ``create_secret`` (the bot: it hashes
        members; ``ask`` and ``chat`` log none) and the log has no fingerprint yet (a new log). Otherwise a missing
        secret gives this run a key that is never written nor recorded (``temporary_secret``)."""
        path = Path(path)
        # the secret file is made only for a log that has no fingerprint yet, and only by a writer that hashes
        # members: beside a copied log, or one whose secret was lost, a new secret would become a second reference
        # that restoring the old one must overwrite (trial 10 M5)
        signed = await asyncio.to_thread(_has_fingerprint, path) if not secret else False
        temporary = False
        try:
            key = load_secret(path, secret, create=create_secret and not signed)
        except QueryLogError:  # none at hand and none to make: this run's hashes use a key never written
            key, temporary = secrets.token_hex(32).encode("ascii"), True
        except OSError as exc:
            log.log(logging.WARNING if report_incidents else logging.DEBUG,  # else the caller's line says the loss
                    "query log: cannot create %s (%s); member hashes will change on restart", SECRET_FILE, exc)
            key = secrets.token_hex(32).encode("ascii")
        self = cls(
            path, key, busy_timeout=busy_timeout, batch_interval=batch_interval, batch_size=batch_size,
            max_pending=max_pending, report_incidents=report_incidents,
        )
        self.temporary_secret = temporary
        try:
            await self._connect()
        except QueryLogError:
            raise
        except (sqlite3.Error, OSError) as exc:
            self._incident(exc)
        else:
            await self._check_secret(record_fingerprint and not temporary)
            await self._load_notices()
        self._tasks.append(asyncio.create_task(self._writer(), name="querylog-writer"))
        if retention_days:
            self._tasks.append(asyncio.create_task(self._retention(retention_days, with_retention),
                                                   name="querylog-retention"))
        return self

    async def close(self) -> None:
        """Write what is pending, stop the background tasks and close the file."""
        if self._closed:
            return
        self._closed = True
        self._wake.set()
        for task in self._tasks:
            if task.get_name() == "querylog-retention":
                task.cancel()
        await asyncio.gather(*self._tasks, *self._commits, return_exceptions=True)
        await self._drain()
        self.lost = len(self._pending)
        if self.lost:
            log.log(self._report, "query log %s: %s could not be written and %s lost", self.path,
                    plural("count.questions", self.lost, "en"), "is" if self.lost == 1 else "are")
        await self._disconnect()

    async def __aenter__(self) -> QueryLog:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _check_secret(self, record: bool) -> None:
        conn = self._conn
        if conn is None:
            return
        mine = fingerprint.fingerprint(self._secret)
        try:
            async with conn.execute(fingerprint.SELECT) as cur:
                row = await cur.fetchone()
            if row is None and record:
                await conn.execute(fingerprint.RECORD, (fingerprint.KEY, mine))
                row = (mine,)
        except sqlite3.Error as exc:
            log.warning("query log %s: cannot read the secret fingerprint (%s)", self.path, exc)
            return
        self.secret_check = fingerprint.compare(row[0] if row else None, self._secret)
        if self.secret_check is SecretCheck.MISMATCH:
            missing = self.path.parent / SECRET_FILE if self.temporary_secret else None
            self.secret_problem = fingerprint.mismatch_message(self.path, self.path.parent / SECRET_FILE, missing)
            log.log(self._report, "query log %s: %s", self.path, self.secret_problem)

    async def _load_notices(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            async with conn.execute("SELECT user_hash, ts FROM notices") as cur:
                self._noticed.update({user: ts async for user, ts in cur})
        except sqlite3.Error as exc:  # the notice is shown again rather than the log refused
            log.warning("query log %s: cannot read who had the privacy notice (%s)", self.path, exc)

    @property
    def pending(self) -> int:
        """Questions recorded but not yet written (a batch being written counts until it is committed)."""
        return len(self._pending) + self._in_flight

    @property
    def failing(self) -> bool:
        """True while writes fail (the rows wait in memory)."""
        return self._failing is not None

    @property
    def dropped(self) -> int:
        """Questions dropped from the memory buffer during the current incident."""
        return self._dropped

    def user_hash(self, user_id: int | str) -> str:
        return hash_user(self._secret, user_id)

    # -- hot path --------------------------------------------------------------------------------------
    def record(self, entry: LogEntry) -> None:
        """Enqueue a question for writing. Never raises and never waits."""
        try:
            row = self._row(entry)
            if row.user_hash is not None and row.ts <= self._forgotten.get(row.user_hash, -1.0):
                return  # the member ran /forget-me while this question was being answered
            if self._closed:
                log.warning("query log %s: question recorded after close() was not logged", self.path)
                return
            if len(self._pending) >= self._max_pending:
                self._pending.popleft()
                self._dropped += 1
                if self._dropped == 1:
                    log.error(
                        "query log %s: %d questions waiting in memory; dropping the oldest", self.path,
                        self._max_pending,
                    )
            self._pending.append(row)
            if len(self._pending) >= self._batch_size:
                self._wake.set()
        except Exception as exc:  # the log must never stop an answer
            self._bad_entries += 1
            if self._bad_entries == 1:
                log.error("query log %s: cannot record a question (%s: %s)", self.path, type(exc).__name__, exc)

    def first_notice(self, user_id: int | str, ts: float | None = None) -> bool:
        """True the first time this member is seen (then remembered by their keyed hash, written with the next
        batch): their reply carries the privacy notice. Never raises, never waits."""
        user = self.user_hash(user_id)
        if user in self._noticed or self._closed:
            return False
        self._noticed[user] = self._new_notices[user] = time.time() if ts is None else ts
        return True

    def record_refusal(self, reason: RefusalReason, guild_id: int | None, ts: float | None = None) -> None:
        """Count a question refused before it was answered (rate limit, duplicate, invalid): written with the next
        batch as a count per UTC hour, server and reason; never who, never the text. Never raises, never waits."""
        if self._closed:
            return
        moment = time.time() if ts is None else ts
        self._refusals[(int(moment // HOUR * HOUR), int(guild_id or 0), str(reason))] += 1

    async def record_durably(self, entry: LogEntry, *, wait: float = DURABLE_WAIT_SECONDS) -> None:
        """Record and commit at once (WAL), so the question survives a crash once its answer is sent.

        Concurrent callers share a commit (whoever holds the writer lock writes everything pending). The
        answer never waits long for the log: during a write incident, or past ``wait`` seconds (a file locked
        by another process), the row stays queued like any other and the writer keeps retrying. Never raises.
        """
        self.record(entry)
        if self._closed or self._failing is not None:
            return  # during an incident the writer retries on its own schedule; answers do not wait for it
        commit = asyncio.ensure_future(self._drain(unless_failing=True))
        self._commits.add(commit)
        commit.add_done_callback(self._commit_done)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(commit), wait)

    def _commit_done(self, commit: asyncio.Future[None]) -> None:
        self._commits.discard(commit)
        if not commit.cancelled() and commit.exception() is not None:
            log.error("query log %s: unexpected error while committing", self.path, exc_info=commit.exception())

    def _row(self, entry: LogEntry) -> _Row:
        cites = []
        for rank, cite in enumerate(entry.citations, start=1):
            snippet = str(cite[2]) if len(cite) > 2 and cite[2] is not None else ""
            cites.append((rank, str(cite[0]), float(cite[1]), snippet))
        return _Row(
            qid=str(entry.qid),
            ts=float(entry.ts),
            frontend=str(entry.frontend),
            user_hash=None if entry.user_id is None else self.user_hash(entry.user_id),
            guild_id=None if entry.guild_id is None else int(entry.guild_id),
            # outside a server the channel is a member's DM channel, one per member: never stored
            channel_id=None if entry.channel_id is None or entry.guild_id is None else int(entry.channel_id),
            question=mask(str(entry.question)),  # e-mails, phone numbers, typed ids: never stored
            language=str(entry.language or ""),
            answered=1 if entry.answered else 0,
            reason=str(entry.reason or ""),
            latency_ms=float(entry.latency_ms),
            citations=tuple(cites),
            understood=None if entry.understood is None else mask(str(entry.understood)),
        )

    # -- writing ---------------------------------------------------------------------------------------
    async def flush(self) -> None:
        """Write everything enqueued so far (one attempt: if the file fails, the rows stay in memory)."""
        await self._drain()

    async def _writer(self) -> None:
        while not self._closed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)
            self._wake.clear()
            if (self._pending or self._counts_due) and not self._closed and time.monotonic() >= self._retry_at:
                try:
                    await self._drain()
                except Exception:  # keep the writer alive whatever happens
                    log.exception("query log %s: unexpected error in the writer", self.path)
            if self._unchecked and time.monotonic() >= self._checkpoint_at and not self._closed:
                await self._checkpoint()

    async def _checkpoint(self) -> None:
        """Copy the WAL into the database from another connection, off the answers' commit path.

        The writer connection has automatic checkpoints off: one ran inside an answer's COMMIT every
        ~100 questions and cost that answer milliseconds (an fsync). A PASSIVE checkpoint never blocks writers.
        """
        self._unchecked = False
        self._checkpoint_at = time.monotonic() + CHECKPOINT_SECONDS

        def run() -> None:
            with contextlib.closing(schema.connect(self.path, timeout=self._busy_timeout)) as conn:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

        try:
            await asyncio.to_thread(run)
        except (sqlite3.Error, OSError) as exc:
            log.debug("query log %s: checkpoint postponed (%s)", self.path, exc)
            self._unchecked = True

    async def _drain(self, *, unless_failing: bool = False) -> None:
        async with self._lock:
            if not (self._pending or self._counts_due) or (unless_failing and self._failing is not None):
                return  # (an answer's commit queued behind one that failed leaves the retries to the writer)
            written = 0
            try:
                conn = await self._ensure_conn()
                while self._pending:
                    batch = [self._pending.popleft() for _ in range(min(len(self._pending), self._batch_size))]
                    self._in_flight = len(batch)
                    try:
                        await self._write(conn, batch)
                    except BaseException:
                        self._pending.extendleft(reversed(batch))
                        while len(self._pending) > self._max_pending:
                            self._pending.popleft()
                            self._dropped += 1
                        raise
                    finally:
                        self._in_flight = 0
                    written += len(batch)
                await self._write_counts(conn)
            except (sqlite3.Error, OSError, QueryLogError) as exc:
                self._incident(exc)
                await self._disconnect()
                return
            self._recovered(written)

    async def _write(self, conn: aiosqlite.Connection, batch: list[_Row]) -> None:
        def keys_of() -> list[str]:
            return [topics.topic_key(r.understood or r.question, r.language) for r in batch]

        # a few keys cost microseconds: computed here rather than paying a thread hop on each answer's commit
        keys = keys_of() if len(batch) <= INLINE_TOPIC_KEYS else await asyncio.to_thread(keys_of)
        questions = [(*row[:11], key, row.understood) for row, key in zip(batch, keys, strict=True)]
        cites = [(row.qid, *cite) for row in batch for cite in row.citations]
        await conn.execute("BEGIN IMMEDIATE")
        try:
            await conn.executemany(_INSERT_QUESTION, questions)
            if cites:
                await conn.executemany(_INSERT_CITATION, cites)
            await conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await conn.execute("ROLLBACK")
            raise
        self._unchecked = True

    @property
    def _counts_due(self) -> bool:
        """Refusals counted or privacy notices shown since the last write."""
        return bool(self._refusals or self._new_notices)

    async def _write_counts(self, conn: aiosqlite.Connection) -> None:
        """Add the refusals counted since the last write to their hours and record the notices shown (in one
        transaction; kept in memory again if it fails)."""
        if not self._counts_due:
            return
        counts, self._refusals = self._refusals, Counter()
        notices, self._new_notices = self._new_notices, {}
        try:
            await conn.execute("BEGIN IMMEDIATE")
            await conn.executemany(_COUNT_REFUSALS, [(*key, n) for key, n in counts.items()])
            await conn.executemany(_NOTICE, [(user, ts) for user, ts in notices.items() if user in self._noticed])
            await conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await conn.execute("ROLLBACK")
            self._refusals.update(counts)
            self._new_notices = {**notices, **self._new_notices}
            raise

    def _incident(self, exc: BaseException) -> None:
        self.last_error = str(exc)
        self.disk_full = disk_full(self.path, exc)
        self.read_only = not self.disk_full and read_only(self.path, exc)
        if self._failing is None:
            self._failing = str(exc)
            if self.read_only:  # SQLite may say only "disk I/O error", which reads like failing hardware
                why = f": {_unwritable(self.path, exc)}"
            else:
                why = f" ({exc}{'; the disk is full' if self.disk_full else ''})"
            log.log(self._report, "query log %s cannot be written%s; questions are kept in memory (up to %d) and "
                    "retried", self.path, why, self._max_pending)
        self._retry_later()

    def _retry_later(self) -> None:
        """The next write is tried after a delay doubled at each failure, up to RETRY_MAX_SECONDS."""
        self._retry_delay = min(max(self._retry_delay * 2, self._interval), RETRY_MAX_SECONDS)
        self._retry_at = time.monotonic() + self._retry_delay

    def _recovered(self, written: int) -> None:
        if self._failing is not None:
            dropped = f"; {self._dropped} oldest were dropped" if self._dropped else ""
            log.warning("query log %s is writable again: %s kept in memory %s written%s", self.path,
                        plural("count.questions", written, "en"), "was" if written == 1 else "were", dropped)
            self._failing = None
            self._dropped = 0
        self._retry_delay = self._interval
        self._retry_at = 0.0

    # -- connection ------------------------------------------------------------------------------------
    async def _connect(self) -> aiosqlite.Connection:
        await asyncio.to_thread(schema.migrate, self.path, timeout=self._busy_timeout)
        conn = await aiosqlite.connect(self.path, timeout=self._busy_timeout, isolation_level=None)
        try:
            for pragma in (
                f"busy_timeout = {int(self._busy_timeout * 1000)}",
                "journal_mode = WAL",
                "synchronous = NORMAL",
                "foreign_keys = ON",
                "secure_delete = ON",
                "wal_autocheckpoint = 0",  # checkpoints run in the background (_checkpoint), not in a commit
            ):
                await conn.execute(f"PRAGMA {pragma}")
        except BaseException:
            await conn.close()
            raise
        self._conn, self._file_id = conn, _file_id(self.path)
        return conn

    async def _ensure_conn(self) -> aiosqlite.Connection:
        if self._conn is not None:
            if _file_id(self.path) == self._file_id:
                return self._conn
            log.warning("query log %s was deleted or replaced while running; opening it again", self.path)
            await self._disconnect()
        return await self._connect()

    async def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await conn.close()

    async def rename_passages(self, mapping: dict[str, str]) -> int:
        """Point the citations logged with old ``doc#n`` ids at stable ids (see ``renames``); count renamed.

        Never raises: a log that cannot be written keeps its old ids until the next start."""
        await self.flush()
        async with self._lock:
            try:
                count = await asyncio.to_thread(renames.rename_in_file, self.path, mapping, timeout=self._busy_timeout)
            except (sqlite3.Error, OSError, QueryLogError) as exc:
                log.warning("query log %s: old passage ids not renamed (%s)", self.path, exc)
                return 0
        if count:
            log.info("query log %s: %d old passage ids renamed to stable ids", self.path, count)
        return count

    # -- votes and deletion ----------------------------------------------------------------------------
    async def vote(self, qid: str, user_id: int | str, value: int) -> bool:
        """Store a member's +1/-1 on an answer (one per member, changeable; 0 removes it).

        Returns False when ``qid`` is unknown. Raises ``QueryLogError`` if the file cannot be written.
        """
        if value not in (-1, 0, 1):
            raise ValueError("a vote is +1, -1 or 0 (remove)")
        await self.flush()
        user = self.user_hash(user_id)
        async with self._lock:
            try:
                conn = await self._ensure_conn()
                async with conn.execute("SELECT 1 FROM questions WHERE qid = ?", (qid,)) as cur:
                    if await cur.fetchone() is None:
                        return False
                if value == 0:
                    await conn.execute("DELETE FROM votes WHERE qid = ? AND user_hash = ?", (qid, user))
                else:
                    await conn.execute(
                        "INSERT INTO votes (qid, user_hash, value, ts) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (qid, user_hash) DO UPDATE SET value = excluded.value, ts = excluded.ts",
                        (qid, user, value, time.time()),
                    )
                return True
            except (sqlite3.Error, OSError) as exc:
                await self._disconnect()
                raise QueryLogError(f"query log {self.path}: cannot record the vote: {exc}") from exc

    async def forget_user_counts(self, user_id: int | str) -> DeleteCounts:
        """Delete a member's questions (with their citations and votes) and the member's votes; what went."""
        user = self.user_hash(user_id)
        now = time.time()
        # a tombstone: a question of this member asked before now but still being answered is not written later
        self._forgotten = {u: at for u, at in self._forgotten.items() if at > now - TOMBSTONE_SECONDS}
        self._forgotten[user] = now
        self._noticed.pop(user, None)  # nothing of theirs is kept: the next reply tells them again
        self._new_notices.pop(user, None)
        return await self._delete("user_hash = ?", (user,), lambda row: row.user_hash == user, voter=user,
                                  unlean=True)

    async def purge(self, older_than_days: float) -> int:
        """Delete questions older than ``older_than_days`` with their citations and votes; rows deleted."""
        return (await self.purge_counts(older_than_days)).total

    async def purge_counts(self, older_than_days: float) -> DeleteCounts:
        cutoff = time.time() - float(older_than_days) * DAY
        self._noticed = {user: ts for user, ts in self._noticed.items() if ts >= cutoff}
        self._new_notices = {user: ts for user, ts in self._new_notices.items() if ts >= cutoff}
        return await self._delete("ts < ?", (cutoff,), lambda row: row.ts < cutoff)

    async def _delete(
        self, where: str, params: tuple[Any, ...], in_memory: Callable[[_Row], bool], voter: str | None = None,
        unlean: bool = False,
    ) -> DeleteCounts:
        """Delete the questions ``where`` selects (and ``in_memory`` in the queue); ``unlean``: other members'
        follow-ups read with their words keep only their own (see bot.querylog.leaning)."""
        async with self._lock:
            gone = [row for row in self._pending if in_memory(row)]
            self._pending = deque(row for row in self._pending if not in_memory(row))
            selected = f"qid IN (SELECT qid FROM questions WHERE {where})"
            try:
                conn = await self._ensure_conn()
                await conn.execute("BEGIN IMMEDIATE")
                try:
                    if unlean:
                        asked = [*await conn.execute_fetchall(f"SELECT question, ts FROM questions WHERE {where}",
                                                              params), *((row.question, row.ts) for row in gone)]
                        await self._unlean(conn, asked, f"qid NOT IN (SELECT qid FROM questions WHERE {where})",
                                           params)
                    citations = (await conn.execute(f"DELETE FROM citations WHERE {selected}", params)).rowcount
                    own = 0
                    if voter:
                        own = (await conn.execute("DELETE FROM votes WHERE user_hash = ?", (voter,))).rowcount
                    votes = own + (await conn.execute(f"DELETE FROM votes WHERE {selected}", params)).rowcount
                    questions = (await conn.execute(f"DELETE FROM questions WHERE {where}", params)).rowcount
                    await conn.execute(f"DELETE FROM notices WHERE {where}", params)  # same columns: user_hash, ts
                    await conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error, ValueError):
                        await conn.execute("ROLLBACK")
                    raise
                with contextlib.suppress(sqlite3.Error):
                    await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # deleted text leaves the WAL too
            except (sqlite3.Error, OSError) as exc:
                await self._disconnect()
                why = _unwritable(self.path, exc) if read_only(self.path, exc) else str(exc)
                raise QueryLogError(f"query log {self.path}: cannot delete: {why}") from exc
            return DeleteCounts(
                questions + len(gone), citations + sum(len(row.citations) for row in gone), votes, own
            )

    async def _unlean(
        self, conn: aiosqlite.Connection, asked: list[tuple[str, float]], others: str, params: tuple[Any, ...]
    ) -> None:
        """The follow-ups asked after ``asked`` (questions about to be deleted) by ``others`` that lean on one of
        them lose their ``understood`` (and its topic key): they are logged as the member typed them."""
        if not asked:
            return
        texts = [question for question, _ in asked]

        def leaning(understood: str | None) -> bool:
            return understood is not None and any(leans_on(understood, text) for text in texts)

        since = min(ts for _, ts in asked)
        rows = await conn.execute_fetchall(
            f"SELECT qid, question, language, understood FROM questions WHERE understood IS NOT NULL AND ts >= ?"
            f" AND {others}", (since, *params))
        await conn.executemany("UPDATE questions SET understood = NULL, topic = ? WHERE qid = ?",
                               [(topics.topic_key(question, language), qid)
                                for qid, question, language, understood in rows if leaning(understood)])
        self._pending = deque(row._replace(understood=None) if leaning(row.understood) else row
                              for row in self._pending)

    async def _retention(self, days: int, also: Callable[[int], object] | None = None) -> None:
        while not self._closed:
            try:
                counts = await self.purge_counts(days)
                if counts.questions:
                    log.info("query log %s: deleted %d questions older than %d days", self.path, counts.questions,
                             days)
            except QueryLogError as exc:
                log.warning("%s", exc)
            if also is not None:
                try:
                    await asyncio.to_thread(also, days)
                except OSError as exc:
                    log.warning("retention beside the query log %s failed: %s", self.path, exc)
            await asyncio.sleep(DAY)
