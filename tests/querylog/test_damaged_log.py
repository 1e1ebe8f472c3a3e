"""A query log damaged in its middle (trial 10 M4) is refused when opened, as a truncated one is: `ask` answers
without logging and says why, `logs forget` and `logs purge` refuse instead of reporting a deletion of nothing.
(`run` exits 2 on it: tests/discord_front/test_run.py.) Real damaged SQLite files."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from querylog_data import SECRET, damage_in_the_middle

from bot.cli import main


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    for name in ("BOT_DB_PATH", "BOT_LOG_RETENTION_DAYS", "BOT_KNOWLEDGE_DIR"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "data" / "queries.db"
    db.parent.mkdir()
    damage_in_the_middle(db)
    return db


def raw_bytes(db: Path) -> bytes:
    return db.read_bytes() + (db.with_name(db.name + "-wal").read_bytes() if db.with_name(db.name + "-wal").exists()
                              else b"")


def test_ask_answers_without_logging_and_says_the_log_is_damaged(damaged: Path, capsys) -> None:
    before = raw_bytes(damaged)
    assert main(["ask", "Who signed the declaration?", "--db", str(damaged)]) == 0
    captured = capsys.readouterr()
    assert "Gény-Stephann" in captured.out  # the member's answer is never held up
    assert captured.err.startswith(f"warning: the query log {damaged} cannot be used ({damaged} is a damaged query "
                                   "log (SQLite's check: ")
    assert captured.err.rstrip().endswith("; answering without logging")
    assert raw_bytes(damaged) == before  # nothing appended to the damaged file


@pytest.mark.parametrize("command", [["forget", "123456789012345678"], ["purge", "--older-than", "1d", "--yes"]])
def test_deleting_tools_refuse_a_damaged_log(damaged: Path, command: list[str], capsys) -> None:
    assert main(["logs", *command, "--db", str(damaged)]) == 1
    captured = capsys.readouterr()
    assert "deleted" not in captured.out
    assert captured.err.startswith(f"error: {damaged} is a damaged query log (SQLite's check: ")
    assert f"`sqlite3 {damaged} .recover`" in captured.err and captured.err.count("\n") == 1


def test_an_intact_log_is_opened_as_before(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    db = tmp_path / "queries.db"
    assert main(["ask", "Who signed the declaration?", "--db", str(db)]) == 0
    assert main(["ask", "When was it signed?", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM questions").fetchone() == (2,)
