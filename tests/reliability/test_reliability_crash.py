"""kill -9 of a real ``python -m bot run``: every question whose answer was sent is in the log (issue 12, item 3)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
from pathlib import Path

import paths
import pytest
from fake_discord import FakeDiscord, FakeUser
from reliability_harness import qid_of, replies, until

QUESTIONS = 40


@pytest.mark.slow
async def test_answers_sent_before_a_kill_9_are_all_in_the_log(tmp_path: Path) -> None:
    db = tmp_path / "data" / "queries.db"
    async with FakeDiscord() as fake:
        env = {
            **os.environ,
            "PYTHONPATH": str(paths.ROOT),
            "DISCORD_TOKEN": "fake-token",
            "DISCORD_API_BASE": fake.api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "BOT_DB_PATH": str(db),
            "BOT_KNOWLEDGE_DIR": str(paths.SHIPPED_KNOWLEDGE),
            "BOT_LOG_SECRET": "crash-test",
            "BOT_COOLDOWN_QUESTIONS": "1000",
            "BOT_DUPLICATE_WINDOW_SECONDS": "0",
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            await fake.wait_connected(timeout=30)
            await until(lambda: bool(fake.find("PUT", r"/applications/\d+/commands")), timeout=30)
            member = FakeUser(fake.ids(), "member")
            sent = [
                int((await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration? ({n})",
                                             author=member))["id"])
                for n in range(QUESTIONS)
            ]
            await until(lambda: sum(m in replies(fake) for m in sent) >= QUESTIONS // 2, timeout=30)
            bot.send_signal(signal.SIGKILL)  # mid-burst, while answers are going out
            await bot.wait()
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
    out = [replies(fake)[m][0].json for m in sent if m in replies(fake)]
    answered = {qid_of(body) for body in out} - {None}  # abstentions carry no qid
    with contextlib.closing(sqlite3.connect(db)) as conn:
        logged = {row[0] for row in conn.execute("SELECT qid FROM questions")}
    assert answered <= logged, f"{len(answered - logged)} of {len(answered)} answered questions lost"
    assert len(logged) >= len(out), f"{len(out) - len(logged)} of {len(out)} replied questions lost"
