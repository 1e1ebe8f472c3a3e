"""A member deletes the message that asked the bot: the bot's answer goes too (trial 4: the answer stayed, its
title still showing the member's words to everyone after they took them back)."""

from __future__ import annotations

import logging
from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, embed_of, until
from fake_discord.server import json_response

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



async def test_a_deleted_question_answered_in_a_thread_takes_its_words_out_of_the_thread_name(
    start_bot, fake: FakeDiscord
):
    """Trial 5: with BOT_ANSWER_IN_THREAD the thread opened for a question is named with its words ("Q: my neighbour
    Jean Dupont … who signed?"); deleting the question deleted the answer in it, and the name stayed."""
    harness = await start_bot(BOT_ANSWER_IN_THREAD="true")
    bot = fake.bot_user.mention
    asked = await fake.post_message(f"{bot} my neighbour Jean Dupont asks: who signed the declaration?",
                                    author=fake.alice)
    await until(lambda: fake.threads and any(str(m["channel_id"]) in {str(t) for t in fake.threads}
                                             for m in fake.messages.values()))
    (thread,) = fake.threads.values()
    assert "Jean Dupont" in thread["name"]
    answer = next(m for m in fake.messages.values() if m["channel_id"] == thread["id"])
    await delete(fake, asked)
    await fake.wait_for("DELETE", rf"/channels/{thread['id']}/messages/{answer['id']}")
    renamed = await fake.wait_for("PATCH", rf"/channels/{thread['id']}")
    assert renamed.json == {"name": "Question withdrawn", "archived": True}  # what its creator may change
    assert thread["name"] == "Question withdrawn" and thread["thread_metadata"]["archived"]
    assert await harness.rows("SELECT count(*) FROM questions") == [(1,)]


async def test_an_edit_that_takes_the_mention_out_takes_the_answer_away(harness: Harness, fake: FakeDiscord):
    """Trial 5: "@bot who signd?" edited to "never mind" (the bot no longer asked) left the answer titled with it."""
    asked = await fake.post_message(f"{fake.bot_user.mention} Who signd the declaration?", author=fake.alice)
    await until(lambda: answers_to(fake, asked))
    answer = answer_to(fake, asked)
    asked["content"], asked["edited_timestamp"] = "never mind", asked["timestamp"]
    await fake.dispatch("MESSAGE_UPDATE", dict(asked))
    await fake.wait_for("DELETE", rf"{MESSAGES}/{answer['id']}")
    # the same update again (or a link preview) deletes nothing more; an edit keeping the mention is not a deletion
    await fake.dispatch("MESSAGE_UPDATE", dict(asked))
    kept = await fake.post_message(f"{fake.bot_user.mention} Where was the declaration signed?", author=fake.bob)
    await until(lambda: answers_to(fake, kept))
    kept["content"], kept["edited_timestamp"] = f"{fake.bot_user.mention} Where was it signed?", kept["timestamp"]
    await fake.dispatch("MESSAGE_UPDATE", dict(kept))
    await fake.wait_for("PATCH", rf"{MESSAGES}/{answer_to(fake, kept)['id']}")
    assert len(fake.find("DELETE", rf"{MESSAGES}/\d+")) == 1


async def test_a_follow_up_after_a_deleted_question_does_not_show_its_words(harness: Harness, fake: FakeDiscord):
    """Trial 5: "@bot my secret name is Zacharie Quintessence, who signed?" deleted, then "@bot and when?": the new
    answer's title was "and when? (my secret name is Zacharie Quintessence, signed)"."""
    bot = fake.bot_user.mention
    first = await fake.post_message(f"{bot} Where was the declaration signed?", author=fake.alice)
    await until(lambda: answers_to(fake, first))
    secret = await fake.post_message(f"{bot} my secret name is Zacharie Quintessence, who signed the declaration?",
                                     author=fake.alice)
    await until(lambda: answers_to(fake, secret))
    await delete(fake, secret)
    await fake.wait_for("DELETE", rf"{MESSAGES}/{answer_to(fake, secret)['id']}")
    follow = await harness.mention("and when?")
    assert embed_of(follow)["title"] == "and when? (was the declaration signed)"  # the question before it
    rows = await harness.rows("SELECT understood FROM questions WHERE understood IS NOT NULL")
    assert rows == [("and when? (was the declaration signed)",)]


async def test_a_question_deleted_while_it_is_answered_gets_no_answer_left(harness: Harness, fake: FakeDiscord):
    """Trial 8: "@bot …" deleted at once (a name typed by mistake) was answered after the deletion, and the answer,
    titled with the member's words, stayed. Now none is left, however the deletion and the answer cross."""
    bot = fake.bot_user.mention
    asked = [await fake.post_message(f"{bot} my neighbour Jean Dupont asks: who signed?", author=fake.alice)]
    await delete(fake, asked[0])  # before its answer is sent
    for question in ("When was the declaration signed?", "Where was it signed?", "Qui a signé ?"):
        asked.append(await fake.post_message(f"{bot} {question}", author=fake.bob))
        await delete(fake, asked[-1])
    kept = await fake.post_message(f"{bot} Who signed the declaration?", author=fake.alice)
    await until(lambda: answers_to(fake, kept))
    await until(lambda: all(not answers_to(fake, q) or fake.find("DELETE", rf"{MESSAGES}/{answer_to(fake, q)['id']}")
                            for q in asked))
    assert len(answers_to(fake, kept)) == 1 and not fake.find("DELETE", rf"{MESSAGES}/{answer_to(fake, kept)['id']}")
    assert await harness.rows("SELECT count(*) FROM questions") == [(5,)]  # logged all the same: /forget-me's business


async def test_a_reply_discord_refuses_is_one_log_line(harness: Harness, fake: FakeDiscord, caplog):
    """Discord refuses a reply to a message deleted meanwhile (400, Unknown message): one line, no traceback."""
    unknown = {"message": "Invalid Form Body", "code": 50035,
               "errors": {"message_reference": {"_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                                            "message": "Unknown message"}]}}}
    fake.override("POST", MESSAGES, lambda _request: json_response(unknown, 400))
    caplog.set_level(logging.INFO)
    await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    await fake.wait_for("POST", MESSAGES)
    await until(lambda: "could not send an answer" in caplog.text)
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)
