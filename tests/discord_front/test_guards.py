"""Cooldown and duplicates as a member sees them (issue 12, items 6 and 7)."""

from __future__ import annotations

from fake_discord import FakeDiscord, RecordedRequest
from fake_discord.plugin import Harness, StartBot, replies, until

EPHEMERAL = 1 << 6


async def ask(fake: FakeDiscord, question: str, user) -> dict:
    response = await fake.wait_response(await fake.slash("ask", {"question": question}, user=user))
    return response.json["data"]


async def test_a_question_refused_by_the_cooldown_is_not_later_called_a_duplicate(start_bot: StartBot, fake):
    harness = await start_bot(
        BOT_COOLDOWN_QUESTIONS="1", BOT_COOLDOWN_SECONDS="60", BOT_DUPLICATE_WINDOW_SECONDS="120"
    )
    await ask(fake, "Who signed the declaration?", fake.alice)
    refused = await ask(fake, "Where was it signed?", fake.alice)
    assert refused["flags"] & EPHEMERAL and "<t:" in refused["content"]  # cooldown
    harness.clock.advance(60)  # the cooldown is over, still inside the duplicate window of the refused question
    again = await ask(fake, "Where was it signed?", fake.alice)
    assert not again.get("flags"), again  # answered, not "you already asked this"
    assert await harness.rows("SELECT question FROM questions ORDER BY ts") == [
        ("Who signed the declaration?",), ("Where was it signed?",)
    ]


async def test_refused_and_duplicate_messages_do_not_use_up_the_cooldown(start_bot: StartBot, fake):
    """(Held before issue 12 too; kept so the reordering cannot break it.)"""
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="2", BOT_COOLDOWN_SECONDS="60")
    await ask(fake, "Who signed the declaration?", fake.alice)
    for _ in range(3):  # duplicates: refused, not counted
        assert (await ask(fake, "Who signed the declaration?", fake.alice))["flags"] & EPHEMERAL
    second = await ask(fake, "Where was it signed?", fake.alice)
    assert not second.get("flags"), second
    assert "<t:" in (await ask(fake, "What about AI?", fake.alice))["content"]  # now cooled down
    harness.clock.advance(30)
    assert "<t:" in (await ask(fake, "What about AI?", fake.alice))["content"]  # refusals did not extend it
    harness.clock.advance(30)
    assert not (await ask(fake, "What about AI?", fake.alice)).get("flags")


async def burst(harness: Harness, texts: list[str], replies_due: int) -> list[RecordedRequest]:
    """Alice mentions the bot with each of ``texts``; the bot's replies to them once all are handled.

    Mentions are read in order and refused or let through at once, so once Bob's question posted after the
    burst is answered every message of the burst has been decided; the ``replies_due`` let through are then
    awaited (their answers may still be on their way)."""
    fake = harness.fake
    ids = [int((await fake.post_message(f"{fake.bot_user.mention} {text}", author=fake.alice))["id"]) for text in texts]
    await harness.reply_to_mention("Who signed the declaration?", fake.bob)

    def to_burst() -> list[RecordedRequest]:
        return [r for message_id in ids for r in replies(fake).get(message_id, [])]

    await until(lambda: len(to_burst()) >= replies_due)
    return to_burst()


async def test_a_burst_of_mentions_gets_one_cooldown_note_per_window(start_bot: StartBot, fake):
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="2", BOT_COOLDOWN_SECONDS="60")
    posts = await burst(harness, [f"question number {n} about the signature" for n in range(20)], 3)
    notes = [r for r in posts if "<t:" in (r.json.get("content") or "")]
    assert len(posts) == 3 and len(notes) == 1, [r.json.get("content") for r in posts]  # 2 answers + 1 note
    harness.clock.advance(60)  # a new window: a new note is allowed once the member is cooled down again
    posts = await burst(harness, [f"another question {n} about the signature" for n in range(5)], 3)
    assert len([r for r in posts if "<t:" in (r.json.get("content") or "")]) == 1


def test_uncount_gives_a_question_back():
    from bot.discord_front.guards import Cooldown

    now = [0.0]
    cooldown = Cooldown(1, 60, lambda: now[0])
    assert cooldown.hit("a") == 0
    assert cooldown.retry_after("a") > 0
    cooldown.uncount("a")  # small talk: answered without retrieval, not counted
    assert cooldown.retry_after("a") == 0
    cooldown.uncount("a")  # nothing left to give back: no error, nothing changes
    assert cooldown.hit("a") == 0
