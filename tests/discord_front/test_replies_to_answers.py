"""Trial 9 (M4): replying to the bot's answer (Discord's "Reply", ping on, no typed @bot) is how members follow up;
it was silently ignored. It is now read as a follow-up of the question that answer answered."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import StartBot, embed_of, replies, reply_to


def answer_message(fake: FakeDiscord, question: dict) -> dict:
    """The bot's message that replies to ``question`` (as members see it, to reply to it in turn)."""
    (message,) = [m for m in fake.messages.values()
                  if str((m.get("message_reference") or {}).get("message_id")) == question["id"]
                  and m["author"]["id"] == fake.bot_user.payload["id"]]
    return message


async def test_a_reply_to_an_answer_is_a_follow_up_of_that_answer(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)
    harness = await start_bot()
    bot = fake.bot_user.mention
    signed = await fake.post_message(f"{bot} Qui a signé la déclaration ?", author=fake.alice)
    await reply_to(fake, int(signed["id"]))
    signed_answer = answer_message(fake, signed)
    jetro = await fake.post_message(f"{bot} What is JETRO?", author=fake.alice)  # alice's own last subject now
    await reply_to(fake, int(jetro["id"]))
    harness.clock.advance(5)

    # bob replies to alice's answer: no @bot typed, the reply's ping mentions the bot
    where = await fake.post_message("c'était où ?", author=fake.bob, reply_to=signed_answer)
    answer = await reply_to(fake, int(where["id"]))
    embed = embed_of(answer)
    assert embed["title"] == "c'était où ? (a signé la déclaration)"
    assert "Paris" in embed["description"].splitlines()[0]
    assert answer.json["allowed_mentions"]["parse"] == []
    # alice replies to her first answer: read with that question, not with her last one (JETRO)
    when = await fake.post_message("and when?", author=fake.alice, reply_to=signed_answer)
    assert embed_of(await reply_to(fake, int(when["id"])))["title"].startswith("and when? (")
    assert "JETRO" not in embed_of(replies(fake)[int(when["id"])][0])["title"]

    # a reply with its ping off (Discord gives the bot no text then), or to another member's message: silence
    quiet = await fake.post_message("et pourquoi ?", author=fake.bob, reply_to=signed_answer, ping=False)
    other = await fake.post_message("et pourquoi ?", author=fake.bob, reply_to=jetro)
    await asyncio.sleep(0.5)
    assert int(quiet["id"]) not in replies(fake) and int(other["id"]) not in replies(fake)
    rows = await harness.rows("SELECT question, understood FROM questions ORDER BY ts")
    assert rows[2:] == [("c'était où ?", "c'était où ? (a signé la déclaration)"), ("and when?", rows[3][1])]

