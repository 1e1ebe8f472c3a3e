"""A query log on a disk that fills up, as a maintainer meets it (trial 5): a real tmpfs filled to the last byte,
real ``python -m bot ask`` and ``logs summary`` processes. SQLite says only "disk I/O error" when the write-ahead
log cannot grow, which reads like failing hardware; the bot says the disk is full."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import paths
import pytest
from frozen import frozen


@pytest.fixture
def small_disk(tmpfs: Callable[[str], Path]) -> Path:
    """A real 3 MB tmpfs: room for the log and the index caches, not for more."""
    return tmpfs("3m")


def bot(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BOT_LOG_SECRET": "test-secret"}
    return subprocess.run([sys.executable, "-m", "bot", *argv], capture_output=True, text=True, cwd=paths.ROOT,
                          env=env, timeout=120)


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\1" * 65536)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\1")
    finally:
        os.close(fd)


def test_a_full_disk_is_named_as_such_when_a_question_cannot_be_logged(small_disk: Path):
    db = small_disk / "queries.db"
    first = bot("ask", "Who signed the declaration?", "--db", str(db))
    assert first.returncode == 0 and "warning: 1 question not logged" not in first.stderr
    fill(small_disk)
    asked = bot("ask", "When was the declaration signed?", "--db", str(db))
    assert asked.returncode == 0 and "13 July 2018" in asked.stdout  # the answer is given all the same
    assert f"warning: 1 question not logged: the query log {db} cannot be written: the disk is full" in asked.stderr
    summary = bot("logs", "summary", "--db", str(db))
    if summary.returncode != 0:  # reading needs room for the log's shared-memory index
        assert "the disk is full: free some space on it" in summary.stderr
    (small_disk / "filler").unlink()
    summary = bot("logs", "summary", "--db", str(db))
    assert summary.returncode == 0 and "questions   1 " in summary.stdout


@pytest.mark.skipif(not os.path.isdir("/proc") or shutil.disk_usage("/proc").free != 0,
                    reason="needs a pseudo file system that shows 0 free bytes")
def test_a_log_that_cannot_be_created_on_a_pseudo_file_system_is_not_a_full_disk():
    """Outsider trial 7's T10: /proc shows 0 free bytes, and "no such file" was followed by "the disk is full"."""
    asked = bot("ask", "When was the declaration signed?", "--db", "/proc/trial-queries.db")
    assert asked.returncode == 0 and "13 July 2018" in asked.stdout
    assert "warning: 1 question not logged: the query log /proc/trial-queries.db cannot be created there" in (
        asked.stderr
    )
    assert "disk is full" not in asked.stderr
    assert len(asked.stderr.splitlines()) == 1, asked.stderr  # trial 8's F10: not a log line per cache before it


def test_a_data_folder_that_cannot_be_written_is_one_line(tmp_path: Path):
    """Trial 8's F10: ``ask --db`` where nothing can be written printed the bot's log lines (knowledge cache, index
    cache, word frequencies, log secret: four timestamped WARNINGs) before its own line."""
    folder = tmp_path / "data"
    folder.mkdir()
    with frozen(folder):
        asked = bot("ask", "When was the declaration signed?", "--db", str(folder / "queries.db"))
    assert asked.returncode == 0 and "13 July 2018" in asked.stdout
    (line,) = asked.stderr.splitlines()
    assert line.startswith(f"warning: 1 question not logged: the query log {folder / 'queries.db'} is read-only ("), (
        line
    )
    assert list(folder.iterdir()) == []
