"""Query log storage: numbered migrations (``bot/migrations/NNNN_name.sql``), schema version checks, connections.

The schema version is ``PRAGMA user_version``; migration ``NNNN`` brings the file to version ``NNNN``.
Each migration runs in its own transaction. Used by ``querylog`` (writer) and ``reports`` (reader).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.datadir import private_folder
from bot.querylog import topics

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
TOPIC_VERSION = 3  # the last migration that reset questions.topic (refilled in Python by backfill_topics)


class QueryLogError(Exception):
    """The query log cannot be used: missing, not SQLite, not a query log, newer schema, or a failed write."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with the bot, in order; their numbers must be 1, 2, 3, …"""
    found = []
    for path in MIGRATIONS_DIR.glob("*.sql"):
        match = _FILE_NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path.stem, path))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations in {MIGRATIONS_DIR} are not numbered 0001, 0002, …")
    return tuple(found)


def private_file(path: Path) -> None:
    """Create an empty ``path`` readable by the bot's user only (0600) if missing; SQLite gives its -wal and
    -shm files the same mode. Member questions are personal data: no other account on the machine reads them."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, 0o600)


FULL_DISK_BYTES = 64 * 1024  # less free space than this where the log is: the disk is full for SQLite


def disk_full(path: Path, exc: BaseException) -> bool:
    """Whether ``exc``, met writing or reading ``path``, means its disk is full: ENOSPC, SQLite's "database or
    disk is full", or its "disk I/O error" (what it says in WAL mode when the write-ahead log or its index cannot
    grow, which reads like failing hardware) with almost no free space left. Another error is never "the disk is
    full", even on a file system that shows 0 free bytes (``/proc``: "no such file", "permission denied")."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return False
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    try:
        return code & 0xFF == sqlite3.SQLITE_IOERR and shutil.disk_usage(path.parent).free < FULL_DISK_BYTES
    except OSError:
        return False


def read_only(path: Path, exc: BaseException) -> bool:
    """Whether ``exc``, met writing ``path``, means the log or its folder cannot be written at all: SQLite's "readonly
    database", a read-only file system or an immutable file (``chattr +i``), or an error SQLite words only as "disk
    I/O error" or "unable to open" while the folder or the file refuses writing (what immutability gives in WAL mode:
    it reads like failing hardware)."""
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EPERM, errno.EACCES):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return False
    if code & 0xFF == sqlite3.SQLITE_READONLY:
        return True
    if code & 0xFF not in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return False
    return not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def _full_hint(path: Path, exc: BaseException) -> str:
    """Reading a log in WAL mode needs room for its shared-memory index: on a full disk, say so."""
    return "; the disk is full: free some space on it" if disk_full(path, exc) else ""


def current_version() -> int:
    return len(migrations())


def connect(
    path: Path | str, *, readonly: bool = False, timeout: float = 5.0, immutable: bool = False
) -> sqlite3.Connection:
    """An autocommit connection with a busy timeout (``readonly`` opens with ``mode=ro``; ``immutable``: a file
    nobody writes, read without the -shm index SQLite would create beside it)."""
    path = Path(path)
    if readonly or immutable:
        query = "?mode=ro&immutable=1" if immutable else "?mode=ro"
        conn = sqlite3.connect(path.resolve().as_uri() + query, uri=True, timeout=timeout, isolation_level=None)
    else:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return conn


def read_version(conn: sqlite3.Connection, path: Path | str) -> int:
    """The schema version of an open file; ``QueryLogError`` if it is not a query log this bot can use."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "not a database" not in str(exc):
            raise
        raise QueryLogError(_unreadable(path, exc)) from exc
    if version > current_version():
        raise QueryLogError(
            f"{path} has query log schema version {version}, newer than this version of the bot knows "
            f"({current_version()}): upgrade the bot"
        )
    if (version == 0 and tables) or (version > 0 and "questions" not in tables):
        raise QueryLogError(f"{path} is an SQLite database but not a query log")
    return version


def _unreadable(path: Path | str, exc: sqlite3.DatabaseError) -> str:
    """Why SQLite cannot read ``path``: a damaged database (its header is there: truncated, half-copied) or
    another kind of file altogether (trial 6: a truncated log was called "not an SQLite database")."""
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError:
        header = b""
    if header == SQLITE_HEADER:
        return f"{path} is a damaged query log (SQLite: {exc}; a truncated or half-copied file?): restore a backup"
    return f"{path} is not a query log (not an SQLite database)"


def check_intact(conn: sqlite3.Connection, path: Path | str) -> None:
    """``QueryLogError`` when the file is damaged inside (SQLite's quick_check), as a truncated file is refused:
    a log damaged in its middle opened without a word, took new questions, and ``logs forget`` reported a deletion
    of nothing (trial 10 M4). quick_check reads every page once: 171 ms of CPU for 100,000 questions (59 MB)."""
    try:
        found = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            raise  # locked, busy: not damage
        found = (str(exc),)
    if found is not None and found[0] != "ok":
        said = [line for line in str(found[0]).splitlines() if line.strip() and not line.startswith("***")]
        raise QueryLogError(
            f"{path} is a damaged query log (SQLite's check: {'; '.join(said) or found[0]}): restore a backup "
            f"(`sqlite3 {path} .recover` saves what can still be read)"
        )


def migrate(path: Path | str, *, target: int | None = None, timeout: float = 5.0) -> int:
    """Create (with parent dirs) or upgrade the log at ``path`` to ``target`` (default: current); returns it.

    Raises ``QueryLogError`` for a file that is not a query log or is newer; ``sqlite3.Error``/``OSError``
    when the file cannot be created or written.
    """
    path = Path(path)
    target = current_version() if target is None else target
    private_folder(path.parent)
    private_file(path)
    conn = connect(path, timeout=timeout)
    try:
        version = read_version(conn, path)
        if version:
            check_intact(conn, path)
        start = version
        for migration in migrations()[version:target]:
            script = f"BEGIN IMMEDIATE;\n{migration.sql}\n;PRAGMA user_version = {migration.version};\nCOMMIT;"
            try:
                conn.executescript(script)
            except sqlite3.Error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if read_version(conn, path) >= migration.version:  # another process migrated meanwhile
                    continue
                raise
            version = migration.version
        if start < TOPIC_VERSION <= version:
            backfill_topics(conn)
        return version
    finally:
        conn.close()


def backfill_topics(conn: sqlite3.Connection) -> int:
    """Fill ``questions.topic`` for rows whose key was reset by a migration (NULL); returns the count."""
    rows = conn.execute("SELECT rowid, question, language FROM questions WHERE topic IS NULL").fetchall()
    if rows:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "UPDATE questions SET topic = ? WHERE rowid = ?",
            [(topics.topic_key(question, language), rowid) for rowid, question, language in rows],
        )
        conn.execute("COMMIT")
    return len(rows)


def _closed(path: Path) -> bool:
    """No process has the log open (no -shm index beside it) and its write-ahead log holds nothing: the file alone
    is the whole log, safe to read as immutable."""
    shm, wal = path.with_name(path.name + "-shm"), path.with_name(path.name + "-wal")
    return not shm.exists() and (not wal.exists() or wal.stat().st_size == 0)


def _read(path: Path, timeout: float, *, immutable: bool) -> tuple[sqlite3.Connection, int]:
    """A read-only connection and the log's schema version (the connection closed when that fails)."""
    conn = connect(path, readonly=True, timeout=timeout, immutable=immutable)
    try:
        return conn, read_version(conn, path)
    except BaseException:
        conn.close()
        raise


def open_reader(path: Path | str, *, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection to an existing log, migrated first if it is older; ``QueryLogError`` otherwise."""
    path = Path(path)
    if not path.is_file():
        raise QueryLogError(f"no query log at {path}")
    try:
        conn, version = _read(path, timeout, immutable=False)
    except sqlite3.Error as exc:
        if not (read_only(path, exc) and _closed(path)):
            raise QueryLogError(f"cannot read the query log {path}: {exc}{_full_hint(path, exc)}") from exc
        try:  # a read-only volume or backup: SQLite cannot make its -shm index there, and nobody writes the file
            conn, version = _read(path, timeout, immutable=True)
        except sqlite3.Error as again:
            raise QueryLogError(f"cannot read the query log {path}: {again}") from again
    if version < current_version():
        conn.close()
        try:
            migrate(path, timeout=timeout)
        except (sqlite3.Error, OSError) as exc:
            raise QueryLogError(f"{path} has schema version {version} and could not be migrated: {exc}") from exc
        conn = connect(path, readonly=True, timeout=timeout)
    return conn
