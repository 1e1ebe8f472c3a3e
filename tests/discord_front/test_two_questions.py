"""A member's message asking two questions, in Discord (the real discord.py client against the fake, the shipped
corpus): both are answered in one reply, each under its own words with its own quote, and logged as one row whose
reading shows the two questions."""

from __future__ import annotations

import shutil
from pathlib import Path

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import embed_of, running_bot


async def test_a_mention_asking_two_questions_gets_both_answers(fake: FakeDiscord, tmp_path: Path):
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, tmp_path / "knowledge")
    async with running_bot(fake, tmp_path) as bot:
        embed = embed_of(await bot.mention("What is JETRO and who runs it?"))
        description = embed["description"]
        first, second = description.split("\n\n")[:2]
        assert first.startswith("**What is JETRO**\n> ") and "**[1]**" in first
        assert second.startswith("**and who runs it?**\n> ") and "**[2]**" in second
        assert len(description) <= 4096 and len(embed["title"]) <= 256
        rows = await bot.rows("SELECT question, understood, answered FROM questions")
        assert rows == [("What is JETRO and who runs it?", "What is JETRO | and who runs it?", 1)]
        citations = await bot.rows("SELECT rank FROM citations")
        assert len(citations) == 2  # one source per question
