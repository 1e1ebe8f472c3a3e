"""Trial 3, in Discord (the real discord.py client against the fake, the shipped corpus): a thanks with a name is
small talk, and a Japanese follow-up's title is the member's question read in whole Japanese."""

from __future__ import annotations

import shutil
from pathlib import Path

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import embed_of, running_bot


async def test_thanks_kevin_and_a_japanese_follow_up(fake: FakeDiscord, tmp_path: Path):
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, tmp_path / "knowledge")
    async with running_bot(fake, tmp_path) as bot:
        await bot.mention("Who signed the declaration?")
        thanks = await bot.mention("thanks Kevin")
        assert embed_of(thanks)["description"].startswith("You’re welcome!")
        assert not thanks.json.get("components")  # no FAQ buttons, no votes: not an abstention
        await bot.mention("共同声明はいつ署名されましたか？")
        where = embed_of(await bot.mention("どこで？"))
        assert where["title"] == "どこで？（共同声明は署名されました）"  # was （共同声明は 署名され）
        assert "パリ" in where["description"]
        rows = await bot.rows("SELECT question, reason FROM questions ORDER BY ts")
        assert ("thanks Kevin", "small-talk") in rows
