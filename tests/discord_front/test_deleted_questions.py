"""A member deletes the message that asked the bot: the bot's answer goes too (trial 4: the answer stayed, its
title still showing the member's words to everyone after they took them back)."""

from __future__ import annotations

from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, until

MESSAGES = r"/channels/\d+/messages"


def answers_to(fake: FakeDiscord, question: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot's messages replying to ``question``."""
    return [m for m in fake.messages.values()
            if str((m.get("message_reference") or {}).get("message_id")) == question["id"]]


def answer_to(fake: FakeDiscord, question: dict[str, Any]) -> dict[str, Any]:
    (answer,) = answers_to(fake, question)
    return answer


async def delete(fake: FakeDiscord, message: dict[str, Any]) -> None:
    data = {"id": message["id"], "channel_id": message["channel_id"]}
    if "guild_id" in message:
        data["guild_id"] = message["guild_id"]
    await fake.dispatch("MESSAGE_DELETE", data)


async def test_a_deleted_question_takes_its_answer_with_it(harness: Harness, fake: FakeDiscord):
    kept = await fake.post_message(f"{fake.bot_user.mention} Where was the declaration signed?", author=fake.bob)
    await until(lambda: answers_to(fake, kept))
    asked = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    await until(lambda: answers_to(fake, asked))
    answer = answer_to(fake, asked)
    await delete(fake, asked)
    gone = await fake.wait_for("DELETE", rf"{MESSAGES}/{answer['id']}")
    assert gone.path == f"/channels/{asked['channel_id']}/messages/{answer['id']}"
    # a message the bot did not answer is deleted: nothing else goes (bob's answer stays)
    other = await fake.post_message("just chatting", author=fake.bob)
    await delete(fake, other)
    await delete(fake, asked)  # twice: Discord may repeat an event
    dm = await fake.post_message("Who signed the declaration?", author=fake.bob, dm=True)
    await until(lambda: answers_to(fake, dm))
    await delete(fake, dm)
    dm_answer = answer_to(fake, dm)
    await fake.wait_for("DELETE", rf"/channels/{dm['channel_id']}/messages/{dm_answer['id']}")
    deleted = [r.path for r in fake.find("DELETE", rf"{MESSAGES}/\d+")]
    assert deleted == [gone.path, f"/channels/{dm['channel_id']}/messages/{dm_answer['id']}"]
    assert await harness.rows("SELECT count(*) FROM questions") == [(3,)]  # the log is /forget-me's business

