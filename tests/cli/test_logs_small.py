"""``logs summary`` of an empty period and ``logs export`` to a folder that does not exist (trial 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from querylog_data import fill

from bot.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("BOT_DB_PATH", "BOT_LOG_SECRET", "BOT_LOG_RETENTION_DAYS", "BOT_KNOWLEDGE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data" / "queries.db"
    fill(path)
    return path


def test_an_empty_period_shows_dashes_not_none(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs", "summary", "--db", str(db), "--since", "2099-01-01"]) == 0
    out = capsys.readouterr().out
    assert "None" not in out
    assert "latency     p50 –       p95 –  max –" in out.splitlines()


def test_export_to_a_missing_folder_is_one_plain_line(db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "x.jsonl"
    assert main(["logs", "export", "--db", str(db), "--out", str(target)]) == 2
    assert capsys.readouterr().err == f"error: cannot write {target}: no such file or directory\n"
    assert not target.parent.exists()


def test_chat_says_an_unknown_command_is_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    from paths import ROOT

    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-log"], input="/foo\n/sujetss\n/topics\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    replies = done.stdout.split("\n? ")[1:]
    assert replies[0].startswith("I do not know the command /foo: /topics, /about, /help, /quit (or Ctrl-D).")
    assert replies[1].startswith("I do not know the command /sujetss")
    assert replies[2].startswith("What I know")
