"""A member edits the question they asked the bot soon after its answer: the answer is redone in place (trial 4:
"@bot who signd the declaraton?" fixed to "…Where was the declaration signed?" was left with the first answer)."""

from __future__ import annotations

from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, embed_of, until

from bot.discord_front.commands.mentions import EDIT_WINDOW


def answer_to(fake: FakeDiscord, question: dict[str, Any]) -> dict[str, Any]:
    (answer,) = [m for m in fake.messages.values()
                 if str((m.get("message_reference") or {}).get("message_id")) == question["id"]]
    return answer


async def edit(fake: FakeDiscord, message: dict[str, Any], content: str) -> None:
    message["content"], message["edited_timestamp"] = content, message["timestamp"]
    await fake.dispatch("MESSAGE_UPDATE", dict(message))


async def test_an_edited_question_has_its_answer_redone_in_place(harness: Harness, fake: FakeDiscord):
    bot = fake.bot_user.mention
    asked = await fake.post_message(f"{bot} Who signed the declaration?", author=fake.alice)
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == asked["id"]
                            for m in fake.messages.values()))
    answer = answer_to(fake, asked)
    patch = rf"/channels/{asked['channel_id']}/messages/{answer['id']}"

    harness.clock.advance(30)
    await edit(fake, asked, f"{bot} Where was the declaration signed?")
    redone = await fake.wait_for("PATCH", patch)
    assert embed_of(redone)["title"] == "Where was the declaration signed?"
    assert "Paris" in embed_of(redone)["description"]
    assert redone.json["allowed_mentions"]["parse"] == []
    votes = [c["custom_id"] for row in redone.json["components"] for c in row["components"]]
    assert votes and all(v.startswith("vote:") for v in votes)  # the new answer's own buttons
    assert await harness.rows("SELECT question FROM questions ORDER BY ts") == [
        ("Who signed the declaration?",), ("Where was the declaration signed?",)]

    await edit(fake, asked, asked["content"])  # the same text again (a link preview arriving): nothing redone
    harness.clock.advance(EDIT_WINDOW + 1)
    await edit(fake, asked, f"{bot} When was the declaration signed?")  # too late: the answer stays
    other = await fake.post_message(f"{bot} thanks", author=fake.bob)  # something to wait for
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == other["id"]
                            for m in fake.messages.values()))
    assert len(fake.find("PATCH", patch)) == 1
