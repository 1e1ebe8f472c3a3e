"""``python -m bot -v run`` (DEBUG) writes no member id, name, interaction token or bot token (issue 12, item 4).

A real process against the fake Discord; its whole stderr is read afterwards.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from fake_discord import FakeDiscord
from reliability_harness import TOKEN, bot_process, replies, stop, until

QUESTION = "Who signed the declaration between France and Japan, and what did ZEBRAMARKER say about it?"


@pytest.mark.slow
async def test_debug_logs_carry_no_member_data(tmp_path: Path) -> None:
    async with FakeDiscord() as fake, bot_process(
        fake, tmp_path, options=["-v"], stderr=asyncio.subprocess.PIPE, BOT_STAFF_GUILDS=str(fake.guild_id)
    ) as bot:
        await until(lambda: bool(fake.find("PUT", r"/applications/\d+/guilds/\d+/commands")), timeout=30)
        await asyncio.sleep(0.5)
        message = await fake.post_message(f"{fake.bot_user.mention} {QUESTION}", author=fake.alice)
        await until(lambda: int(message["id"]) in replies(fake), timeout=15)
        interaction = await fake.slash("ask", {"question": QUESTION + " (again)"}, user=fake.bob)
        await fake.wait_response(interaction, timeout=15)
        await fake.wait_response(await fake.slash("kb", user=fake.alice, subcommand="status"), timeout=15)
        text = await stop(bot)
    assert "DEBUG discord.gateway" in text and "DEBUG discord.http" in text  # debug logging was on
    for member in (fake.alice, fake.bob):
        assert str(member.id) not in text, f"{member.name}'s id in the log"
        assert re.search(rf"\b{member.name}\b", text) is None, f"{member.name}'s name in the log"
    assert interaction.token not in text and "tok-" not in text
    assert TOKEN not in text and TOKEN.split(".")[0] not in text
    assert "ZEBRAMARKER" not in text  # question text only as a short excerpt …
    lines = [line for line in text.splitlines() if "Who signed the declaration between" in line]
    assert lines and all(" DEBUG bot." in line for line in lines), lines  # … in the bot's own DEBUG lines
