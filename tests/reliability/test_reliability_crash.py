"""kill -9 of a real ``python -m bot run``: every question whose answer was sent is in the log (issue 12, item 3)."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from pathlib import Path

import pytest
from fake_discord import FakeDiscord, FakeUser
from reliability_harness import bot_process, qid_of, replies, until

QUESTIONS = 40


@pytest.mark.slow
async def test_answers_sent_before_a_kill_9_are_all_in_the_log(tmp_path: Path) -> None:
    db = tmp_path / "data" / "queries.db"  # where bot_process puts the log
    async with FakeDiscord() as fake, bot_process(
        fake, tmp_path, BOT_COOLDOWN_QUESTIONS="1000", BOT_DUPLICATE_WINDOW_SECONDS="0"
    ) as bot:
        member = FakeUser(fake.ids(), "member")
        sent = [
            int((await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration? ({n})",
                                         author=member))["id"])
            for n in range(QUESTIONS)
        ]
        await until(lambda: sum(m in replies(fake) for m in sent) >= QUESTIONS // 2, timeout=30)
        bot.send_signal(signal.SIGKILL)  # mid-burst, while answers are going out
        await bot.wait()
    out = [replies(fake)[m][0].json for m in sent if m in replies(fake)]
    answered = {qid_of(body) for body in out} - {None}  # abstentions carry no qid
    with contextlib.closing(sqlite3.connect(db)) as conn:
        logged = {row[0] for row in conn.execute("SELECT qid FROM questions")}
    assert answered <= logged, f"{len(answered - logged)} of {len(answered)} answered questions lost"
    assert len(logged) >= len(out), f"{len(out) - len(logged)} of {len(out)} replied questions lost"
