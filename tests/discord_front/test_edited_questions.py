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


async def test_an_edited_question_is_read_as_if_the_text_it_replaces_was_never_asked(
    harness: Harness, fake: FakeDiscord
):
    """Trial 5: "@bot my secret name is …, who signed?" edited to "@bot when was it signed?" was read as a follow-up of
    the very text it replaced ("when was it signed? (my secret name is …)"), and that text was logged again."""
    bot = fake.bot_user.mention
    first = await fake.post_message(f"{bot} Who signed the declaration?", author=fake.alice)
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == first["id"]
                            for m in fake.messages.values()))
    asked = await fake.post_message(f"{bot} my secret name is Zacharie Quintessence, where is the Eiffel tower?",
                                    author=fake.alice)
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == asked["id"]
                            for m in fake.messages.values()))
    answer = answer_to(fake, asked)
    harness.clock.advance(30)
    await edit(fake, asked, f"{bot} and when?")
    redone = await fake.wait_for("PATCH", rf"/channels/{asked['channel_id']}/messages/{answer['id']}")
    # the conversation as it was before the replaced text: the follow-up leans on "Who signed the declaration?"
    assert embed_of(redone)["title"] == "and when? (signed the declaration)"
    rows = await harness.rows("SELECT understood FROM questions WHERE understood IS NOT NULL")
    assert rows == [("and when? (signed the declaration)",)]  # the replaced words are not logged again

    # an older question edited after another one: read on its own, and the newer one stays the subject
    newer = await fake.post_message(f"{bot} Where was the declaration signed?", author=fake.alice)
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == newer["id"]
                            for m in fake.messages.values()))
    harness.clock.advance(30)
    await edit(fake, first, f"{bot} and why?")
    older = await fake.wait_for("PATCH", rf"/channels/{first['channel_id']}/messages/{answer_to(fake, first)['id']}")
    assert embed_of(older)["title"] == "and why?"
    follow = await harness.mention("and when?")
    assert embed_of(follow)["title"] == "and when? (was the declaration signed)"


async def test_an_edited_question_answered_in_a_thread_renames_the_thread(start_bot, fake: FakeDiscord):
    """Trial 5: the redone answer showed the new question, the thread's name still the replaced one."""
    harness = await start_bot(BOT_ANSWER_IN_THREAD="true")
    bot = fake.bot_user.mention
    asked = await fake.post_message(f"{bot} my secret name is Zacharie, who signed the declaration?", author=fake.alice)
    await until(lambda: any(m["channel_id"] in fake.threads or int(m["channel_id"]) in fake.threads
                            for m in fake.messages.values()))
    (thread,) = fake.threads.values()
    answer = next(m for m in fake.messages.values() if m["channel_id"] == thread["id"])
    harness.clock.advance(30)
    await edit(fake, asked, f"{bot} Who signed the declaration?")
    await fake.wait_for("PATCH", rf"/channels/{thread['id']}/messages/{answer['id']}")
    renamed = await fake.wait_for("PATCH", rf"/channels/{thread['id']}")
    assert renamed.json == {"name": "Q: Who signed the declaration?"}
    assert "Zacharie" not in thread["name"] and not thread["thread_metadata"]["archived"]


async def test_a_bare_mention_edited_to_hold_the_question_is_answered(harness: Harness, fake: FakeDiscord):
    """Trial 5: "@bot" sent alone (the hint "Please ask a question…"), then edited to "@bot who signed?": nothing."""
    bot = fake.bot_user.mention
    asked = await fake.post_message(f"{bot}", author=fake.alice)
    hint = await fake.wait_for("POST", rf"/channels/{asked['channel_id']}/messages")
    assert hint.json["content"].startswith("Please ask a question")
    await edit(fake, asked, asked["content"])  # the same text (Discord's update for a link preview): no second hint
    harness.clock.advance(20)
    await edit(fake, asked, f"{bot} Who signed the declaration?")
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == asked["id"]
                            and m.get("embeds") for m in fake.messages.values()))
    answer = next(m for m in fake.messages.values()
                  if str((m.get("message_reference") or {}).get("message_id")) == asked["id"] and m.get("embeds"))
    assert answer["embeds"][0]["title"] == "Who signed the declaration?"
    assert await harness.rows("SELECT question FROM questions") == [("Who signed the declaration?",)]
    assert len([r for r in fake.find("POST", rf"/channels/{asked['channel_id']}/messages")
                if ((r.json or {}).get("content") or "").startswith("Please ask")]) == 1
    # answered now, so a further edit redoes it in place, as for any question
    harness.clock.advance(20)
    await edit(fake, asked, f"{bot} Where was the declaration signed?")
    await fake.wait_for("PATCH", rf"/channels/{asked['channel_id']}/messages/{answer['id']}")


async def test_an_edit_too_long_to_hold_a_question_is_told_so_and_the_answer_stays(harness: Harness, fake: FakeDiscord):
    """Trial 8's F7: an edit making the message longer than a question can be (3,234 characters, no sentence break)
    was ignored without a word; a new message that long gets the "too long" note."""
    bot = fake.bot_user.mention
    asked = await fake.post_message(f"{bot} Who signed the declaration?", author=fake.alice)
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == asked["id"]
                            for m in fake.messages.values()))
    answer = answer_to(fake, asked)
    harness.clock.advance(30)
    await edit(fake, asked, f"{bot} " + "context " * 400 + "who signed?")
    await until(lambda: any(str((m.get("message_reference") or {}).get("message_id")) == asked["id"]
                            and m["id"] != answer["id"] for m in fake.messages.values()))
    note = next(m for m in fake.messages.values()
                if str((m.get("message_reference") or {}).get("message_id")) == asked["id"] and m["id"] != answer["id"])
    assert note["content"].startswith("That message is too long (3"), note["content"]
    assert not fake.find("PATCH", rf"/channels/{asked['channel_id']}/messages/{answer['id']}")  # the answer stays
    assert await harness.rows("SELECT question FROM questions") == [("Who signed the declaration?",)]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_answer_trail_keeps_a_digest_of_each_question_not_its_text():
    """Trial 5: 10,000 answered 4,000-character questions held 83 MB of their texts (Japanese: 4 bytes a character
    in CPython) only to tell an edit from Discord's update for a link preview; a 64-bit digest does the same."""
    import tracemalloc
    from dataclasses import dataclass

    from bot.discord_front.commands.mentions import AnswerTrail

    @dataclass
    class Posted:  # what the trail reads of a discord.Message
        id: int
        content: str

    clock = Clock()
    tracemalloc.start()
    try:
        trail = AnswerTrail(clock)
        before = tracemalloc.get_traced_memory()[0]
        for i in range(10_000):
            trail.remember(Posted(10**17 + i, f"{i:06d}" + "署" * 3994), 1, 10**17 + 10**6 + i)  # type: ignore[arg-type]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 5_000_000, held  # 2.9 MB (ids, times, digests), was 83 MB
    asked = Posted(10**17 + 9_999, f"{9_999:06d}" + "署" * 3994)
    assert trail.to_redo(asked) is None  # the same text again (a link preview): nothing to redo
    asked.content += "?"
    assert trail.to_redo(asked) is not None  # an edit
    clock.now += 601
    assert trail.to_redo(asked) is None and trail.changed(asked) is not None  # too late to redo, still changed
