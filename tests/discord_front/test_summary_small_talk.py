"""``/logs summary`` and the weekly digest say how much small talk there was, and leave it out of the answer
rate, as ``logs summary`` does in the terminal (trial 2: "Questions: 4 · answered: 1 (50.0%)" did not add up)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import paths
import pytest
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, StartBot

from bot.querylog import reports
from bot.querylog.chart import Day


@pytest.fixture
async def harness(start_bot: StartBot, knowledge_dir: Path) -> Harness:
    """A bot on the test corpus with the shipped chat phrases ("hi", "thanks" are small talk)."""
    shutil.copytree(paths.SHIPPED_KNOWLEDGE / "chat", knowledge_dir / "chat")
    return await start_bot()


async def _chat_then_ask(harness: Harness, fake: FakeDiscord) -> None:
    await harness.mention("hi")
    await harness.mention("thanks", author=fake.bob)
    await harness.mention("Who signed the declaration?")
    await harness.mention("What is the best ramen recipe?", author=fake.bob)


async def test_logs_summary_counts_small_talk_apart(harness: Harness, fake: FakeDiscord) -> None:
    await _chat_then_ask(harness, fake)
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    lines = (await fake.wait_followup(interaction)).json["embeds"][0]["description"].split("\n")
    assert "Questions: 4 · members: 2 · answered: 1 (50.0% of the questions, small talk apart)" in lines
    assert "Small talk (“hi”, “thanks”): 2, not in the answer rate" in lines


async def test_the_digest_counts_small_talk_apart_in_the_servers_language(start_bot: StartBot, fake: FakeDiscord,
                                                                          knowledge_dir: Path) -> None:
    fake.guild_locale = "ja"
    shutil.copytree(paths.SHIPPED_KNOWLEDGE / "chat", knowledge_dir / "chat")
    harness = await start_bot(BOT_DIGEST_CHANNEL=str(fake.other_channel_id))
    await _chat_then_ask(harness, fake)
    start = len(fake.requests)
    assert await harness.bot.digest.post() is not None
    sent = await fake.wait_for("POST", rf"/channels/{fake.other_channel_id}/messages", after=start)
    lines = sent.json["embeds"][0]["description"].split("\n")
    assert "質問: 4 · メンバー: 2 · 回答済み: 1 (雑談を除く質問の50.0%)" in lines
    assert "雑談（「こんにちは」「ありがとう」）: 2件（回答率に含めない）" in lines


async def test_the_charts_daily_answer_rate_leaves_small_talk_out(harness: Harness, fake: FakeDiscord) -> None:
    await _chat_then_ask(harness, fake)
    await harness.querylog.flush()
    now = time.time()
    days = reports.daily(harness.settings.db_path, since=now - 3600, now=now)
    today = [d for d in days if d.questions]
    assert today == [Day(today[0].day, questions=4, answered=1, small_talk=2)]
    assert today[0].answer_rate == 0.5  # 1 of the 2 questions, as the summary says; not 1 of 4
