"""Login, command sync and a mention answered, against the fake Discord."""

from __future__ import annotations

from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, custom_ids, embed_of


def by_name(commands: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in commands}


async def test_login_and_command_sync(harness: Harness, fake: FakeDiscord):
    paths = [(r.method, r.path) for r in fake.requests]
    assert paths[:3] == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("PUT", f"/applications/{fake.application_id}/commands"),
    ]
    assert fake.identifies[0]["intents"] == (1 << 0) | (1 << 9) | (1 << 12)  # guilds, guild and DM messages
    put = fake.find("PUT", rf"/applications/{fake.application_id}/commands")[0]
    assert set(by_name(put.json)) == {"ask", "topics", "about", "forget-me"}  # staff commands are never global
    staff = fake.find("PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands")[0]
    assert set(by_name(staff.json)) == {"kb", "logs"}  # only in BOT_STAFF_GUILDS
    commands = by_name(put.json) | by_name(staff.json)

    ask = commands["ask"]
    assert ask["name_localizations"] == {"fr": "demander", "ja": "質問"}
    assert ask["description_localizations"]["fr"].startswith("Poser une question")
    assert ask["description_localizations"]["ja"]
    (question,) = ask["options"]
    assert question["name"] == "question" and question["type"] == 3 and question["required"] is True
    assert question["max_length"] == 2000  # a whole Discord message
    assert question["name_localizations"] == {"fr": "question", "ja": "質問文"}
    assert ask["default_member_permissions"] is None

    kb = commands["kb"]
    assert kb["default_member_permissions"] == 1 << 5  # Manage Server
    assert kb["contexts"] == [0]  # guild only
    assert {o["name"] for o in kb["options"]} == {
        "status", "reload", "add", "list", "show", "remove", "restore", "history"
    }
    add = next(o for o in kb["options"] if o["name"] == "add")
    assert add["options"][0]["type"] == 11 and add["options"][0]["name"] == "file"
    logs = commands["logs"]
    assert logs["default_member_permissions"] == 1 << 5
    summary = logs["options"][0]
    assert summary["options"][0] == summary["options"][0] | {"name": "days", "type": 4, "required": False}


async def test_commands_sync_to_the_dev_guild(start_bot, fake: FakeDiscord):
    await start_bot(BOT_DEV_GUILD=str(fake.guild_id))
    assert fake.find("PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands")
    assert not fake.find("PUT", rf"/applications/{fake.application_id}/commands")


async def test_mention_gets_a_cited_embed_without_pings(harness: Harness, fake: FakeDiscord):
    reply = await harness.mention("**When** was the joint declaration signed?")  # (this corpus names no signatory)
    body = reply.json
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert body["message_reference"]["message_id"]
    embed = embed_of(reply)
    assert embed["title"] == "\\*\\*When\\*\\* was the joint declaration signed?"
    assert embed["description"].startswith("> ")
    assert "(https://example.org/declaration-en)" in embed["description"]
    assert embed["footer"]["text"]
    ids = custom_ids(body)
    assert len(ids) == 2 and ids[0].startswith("vote:up:") and ids[1].startswith("vote:down:")
    rows = await harness.rows("SELECT question, language, answered, frontend FROM questions")
    assert rows == [("**When** was the joint declaration signed?", "en", 1, "discord")]
