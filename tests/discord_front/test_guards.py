"""Cooldown and duplicates as a member sees them (issue 12, items 6 and 7)."""

from __future__ import annotations

import pytest
from fake_discord import FakeDiscord, RecordedRequest
from fake_discord.plugin import Harness, StartBot, replies, until

from bot.discord_front.guards import Cooldown, DuplicateGuard

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


async def test_refused_questions_are_counted_for_the_maintainers_without_who_or_what(
    start_bot: StartBot, fake, capsys
):
    """Issue 11 (product): maintainers see how many questions were refused, by reason; never the member or text."""
    from bot.cli import main

    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="2", BOT_COOLDOWN_SECONDS="60")
    await ask(fake, "Who signed the declaration?", fake.alice)
    await ask(fake, "Who signed the declaration?", fake.alice)  # the same again at once: a duplicate
    await ask(fake, "Where was it signed?", fake.alice)
    for question in ("When was it signed?", "Who was there?"):  # over the rate limit
        assert "<t:" in (await ask(fake, question, fake.alice))["content"]
    await burst(harness, ["Where was it signed?"], 0)  # a mention over the limit (no second note) counts too
    assert await harness.rows("SELECT reason, sum(count) FROM refusals GROUP BY reason ORDER BY reason") == [
        ("cooldown", 3), ("duplicate", 1)
    ]
    stored = str(await harness.rows("SELECT * FROM refusals"))
    assert str(fake.alice.id) not in stored and "signed" not in stored
    assert await harness.rows("SELECT count(*) FROM questions") == [(3,)]  # refusals are not questions (Bob's is)

    assert main(["logs", "summary", "--db", str(harness.settings.db_path)]) == 0
    out = capsys.readouterr().out
    assert "refused     4 " in out and "rate limit 3, repeated question 1" in out, out
    assert main(["logs", "summary", "--db", str(harness.settings.db_path), "--json"]) == 0
    assert '"refused": {\n    "cooldown": 3,\n    "duplicate": 1\n  }' in capsys.readouterr().out


async def test_logs_summary_in_discord_shows_the_servers_refusals(start_bot: StartBot, fake):
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="1", BOT_COOLDOWN_SECONDS="60")
    await ask(fake, "Who signed the declaration?", fake.alice)
    for question in ("Where was it signed?", "When was it signed?"):
        await ask(fake, question, fake.alice)
    harness.querylog.record_refusal("cooldown", fake.guild_id + 1)  # another server's: not shown here
    await harness.querylog.flush()
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    lines = (await fake.wait_followup(interaction)).json["embeds"][0]["description"].split("\n")
    assert "Refused before an answer (not logged as questions): 2 — rate limit 2" in lines, lines


# -- the guards alone, on a clock the test moves ---------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_cooldown_is_a_sliding_window_per_member():
    clock = Clock()
    cooldown = Cooldown(2, 60, clock)
    assert cooldown.hit("a") == 0
    clock.now = 30
    assert cooldown.hit("a") == 0
    clock.now = 40
    assert cooldown.hit("a") == pytest.approx(20)  # refused: not counted
    assert cooldown.hit("b") == 0
    clock.now = 60
    assert cooldown.hit("a") == 0  # the first question left the window
    assert cooldown.hit("a") == pytest.approx(30)


def test_duplicates_within_the_window():
    """As ``AskDesk.prepare`` uses it: ``seen`` before answering, ``remember`` once the question is answered."""
    clock = Clock()
    guard = DuplicateGuard(5, clock)
    assert not guard.seen(1, "Who signed it?")
    guard.remember(1, "Who signed it?")
    assert guard.seen(1, "  who  SIGNED it? ")
    assert not guard.seen(2, "Who signed it?")
    assert not guard.seen(2, "Who signed it?")  # looking does not remember (a refused question is no duplicate)
    clock.now = 5
    assert not guard.seen(1, "Who signed it?")
