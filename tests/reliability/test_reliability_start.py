"""A real ``python -m bot run`` started with the attack's one-word file in knowledge/ (issue 12, item 2): it
starts, answers, and logs the file's path:line warning, instead of dying with MemoryError at every restart."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import paths
import pytest
from fake_discord import FakeDiscord
from reliability_harness import bot_process, replies, stop, until

WORD = "---\nid: word-en\ntitle: One word\nlanguage: en\nsource: https://example.org/w\n---\n# Word\n\n" + "a" * 2_400


@pytest.mark.slow
async def test_the_bot_starts_and_answers_with_a_2400_letter_word_in_its_corpus(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge)
    (knowledge / "word.md").write_text(WORD + "\n", encoding="utf-8")
    async with FakeDiscord() as fake, bot_process(
        fake, tmp_path, knowledge=knowledge, stderr=asyncio.subprocess.PIPE
    ) as bot:
        message = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
        await until(lambda: int(message["id"]) in replies(fake), timeout=30)
        text = await stop(bot)
    assert bot.returncode == 0
    assert replies(fake)[int(message["id"])][0].json["embeds"]
    assert "MemoryError" not in text
    assert "knowledge file warning: word.md:9: a word of " in text or "word.md:9:" in text, text
