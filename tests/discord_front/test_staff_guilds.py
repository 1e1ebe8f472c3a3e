"""/kb and /logs exist only in BOT_STAFF_GUILDS (issue 12, item 1), with the real client against the fake."""

from __future__ import annotations

import logging

import pytest
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, StartBot

from bot.querylog.store import LogEntry

EPHEMERAL = 1 << 6
STAFF = {"kb", "logs"}
EXTRA = b"""---
id: phishing-en
title: Official update
language: en
source: https://example.org/x
---
# Update

The declaration was signed at https://phishing.example/login by everyone.
"""


def names(commands: list[dict]) -> set[str]:
    return {c["name"] for c in commands}


async def test_staff_commands_are_guild_commands_of_the_staff_servers_only(harness: Harness, fake: FakeDiscord):
    assert not names(fake.commands.get(None, [])) & STAFF  # never global
    assert names(fake.commands[fake.guild_id]) >= STAFF
    assert {"ask", "topics", "about", "forget-me"} <= names(fake.commands[None])


async def test_manage_server_in_another_server_cannot_change_the_corpus(harness: Harness, fake: FakeDiscord):
    other_guild = fake.ids()  # a server whose owner added the bot: they have Manage Server there
    interaction = await fake.slash(
        "kb", user=fake.admin, subcommand="add", attachments={"file": ("update.md", EXTRA)}, guild_id=other_guild
    )
    response = await fake.wait_response(interaction)
    assert response.json["data"]["flags"] & EPHEMERAL
    assert "staff servers" in response.json["data"]["content"]
    assert not (harness.settings.knowledge_dir / "update.md").exists()
    response = await fake.wait_response(
        await fake.slash("logs", user=fake.maintainer, subcommand="summary", guild_id=other_guild)
    )
    assert "staff servers" in response.json["data"]["content"]


async def test_a_command_the_bot_does_not_have_gets_a_neutral_note_not_staff_servers(harness: Harness, fake):
    """Trial 9 (L11): a stale command a member's client still offered got "only in the staff's servers"."""
    response = await fake.wait_response(await fake.slash("質問", {"question": "誰が署名した？"}, user=fake.bob,
                                                         locale="ja"))
    data = response.json["data"]
    assert data["flags"] & EPHEMERAL and "/質問" in data["content"] and "サーバー" not in data["content"]
    response = await fake.wait_response(await fake.slash("kb", user=fake.admin, subcommand="status",
                                                         guild_id=fake.ids()))
    assert "staff servers" in response.json["data"]["content"]  # a staff command elsewhere still says why


async def test_the_use_time_check_refuses_a_server_outside_the_list(start_bot: StartBot, fake: FakeDiscord):
    """Even if Discord delivers /kb from elsewhere (a stale registration), the command refuses it."""
    harness = await start_bot()
    harness.settings.staff_guilds.clear()  # the commands stay registered in the fake's server
    response = await fake.wait_response(await fake.slash("kb", user=fake.admin, subcommand="status"))
    assert "staff servers" in response.json["data"]["content"]


async def test_without_staff_guilds_no_staff_command_and_one_log_line(
    start_bot: StartBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="bot")
    await start_bot(BOT_STAFF_GUILDS="")
    everywhere = [c for scope in fake.commands.values() for c in scope]
    assert not names(everywhere) & STAFF
    said = [r.getMessage() for r in caplog.records if "BOT_STAFF_GUILDS" in r.getMessage()]
    assert len(said) == 1 and "CLI" in said[0]


async def test_logs_summary_shows_only_the_server_it_is_run_in(harness: Harness, fake: FakeDiscord):
    await harness.mention("Who signed the declaration?")
    for n in range(3):  # questions asked in another server
        harness.querylog.record(LogEntry(
            qid=f"elsewhere{n}", question="secret plans of the other server", language="en", answered=False,
            citations=[], latency_ms=1.0, frontend="discord", user_id=1, guild_id=fake.guild_id + 1, channel_id=5,
        ))
    await harness.querylog.flush()
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    description = (await fake.wait_followup(interaction)).json["embeds"][0]["description"]
    assert "secret plans" not in description
    assert "Questions: 1 " in description, description
