"""Moderators' Discord ids in knowledge/_history.jsonl follow the query log's privacy policy (trial 10 M9): a change
older than the retention keeps what, when and the file's hash but no longer who (by `logs purge` and by the bot's
daily purge), and `logs forget ID` removes a moderator's id from every change."""

from __future__ import annotations

import asyncio
import functools
import json
import time
from pathlib import Path

import pytest
from querylog_data import SECRET

from bot.cli import main
from bot.knowledge import edits
from bot.querylog.store import QueryLog

MODERATOR = "123456789012345678"
OTHER = "876543210987654321"
DAY = 86_400


def _history(knowledge: Path) -> Path:
    knowledge.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for ts, who, path in ((now - 200 * DAY, MODERATOR, "en/old.md"), (now - 200 * DAY, OTHER, "en/other.md"),
                          (now - DAY, MODERATOR, "en/new.md")):
        edits.record(knowledge, edits.Change(ts, who, edits.Action.ADD, path[3:-3], path, "ab" * 32))
    return knowledge / edits.HISTORY_FILE


def _who(history: Path) -> list[tuple[str, str]]:
    return [(raw["path"], raw["who"]) for raw in map(json.loads, history.read_text(encoding="utf-8").splitlines())]


def _log(db: Path) -> None:
    async def write() -> None:
        await (await QueryLog.open(db, secret=SECRET)).close()

    asyncio.run(write())


def test_purge_and_forget_remove_moderators_ids_from_the_history(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge, db = tmp_path / "knowledge", tmp_path / "data" / "queries.db"
    history = _history(knowledge)
    _log(db)
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    assert main(["logs", "purge", "--db", str(db), "--older-than", "90d"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"removed who made 2 changes older than 90 days from {history} (the changes stay)"
    assert _who(history) == [("en/old.md", ""), ("en/other.md", ""), ("en/new.md", MODERATOR)]
    assert main(["knowledge", "history", str(knowledge)]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert " – " in shown[-1] and "en/old.md" in shown[-1] and MODERATOR in shown[1]  # newest first

    assert main(["logs", "forget", MODERATOR, "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"removed {MODERATOR} from 1 change of {history} (the changes stay, without who made them)"
    assert out[1].startswith("no question of this member in the log")
    assert _who(history) == [("en/old.md", ""), ("en/other.md", ""), ("en/new.md", "")]
    assert MODERATOR not in history.read_text(encoding="utf-8")


async def test_the_bots_daily_retention_expires_old_moderator_ids(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    history = _history(knowledge)
    qlog = await QueryLog.open(tmp_path / "q.db", secret=SECRET, retention_days=90,
                               with_retention=functools.partial(edits.expire_moderators, knowledge))
    try:
        for _ in range(100):  # the purge runs at once, then daily
            if ("en/old.md", "") in _who(history):
                break
            await asyncio.sleep(0.1)
    finally:
        await qlog.close()
    assert _who(history) == [("en/old.md", ""), ("en/other.md", ""), ("en/new.md", MODERATOR)]
