"""👍/👎 buttons: stored with the logged question, one per member (changeable), working after a restart."""

from __future__ import annotations

import contextlib
import sqlite3
import time

from fake_discord import FakeDiscord
from fake_discord.plugin import StartBot, custom_ids, qid_of
from locks import held_lock

from bot.i18n import t

EPHEMERAL = 1 << 6


async def answer_message(fake: FakeDiscord, harness) -> tuple[int, str, list[str]]:
    reply = await harness.mention("Who signed the declaration?")
    message_id = max(fake.messages)  # the reply just stored by the fake
    return message_id, qid_of(reply.json), custom_ids(reply.json)


async def test_vote_is_stored_once_per_member_and_can_change(start_bot: StartBot, fake: FakeDiscord):
    harness = await start_bot()
    message_id, qid, (up, down) = await answer_message(fake, harness)
    ack = await fake.wait_response(await fake.click(message_id, up, user=fake.alice))
    assert ack.json["type"] == 4 and ack.json["data"]["flags"] & EPHEMERAL
    assert "👍" in ack.json["data"]["content"]
    await fake.wait_response(await fake.click(message_id, up, user=fake.bob))
    await fake.wait_response(await fake.click(message_id, down, user=fake.alice))  # alice changes her mind
    votes = await harness.rows("SELECT qid, value FROM votes ORDER BY value")
    assert votes == [(qid, -1), (qid, 1)]


async def test_buttons_still_work_after_a_restart(start_bot: StartBot, fake: FakeDiscord):
    first = await start_bot()
    message_id, qid, (up, _down) = await answer_message(fake, first)
    await first.bot.close()
    await first.querylog.close()
    second = await start_bot()  # a new process: new client, same database, no view registered by hand
    ack = await fake.wait_response(await fake.click(message_id, up, user=fake.bob))
    assert "👍" in ack.json["data"]["content"]
    assert await second.rows("SELECT qid, value FROM votes") == [(qid, 1)]


async def test_vote_on_an_unknown_answer_is_acknowledged(start_bot: StartBot, fake: FakeDiscord):
    harness = await start_bot()
    message_id, _qid, _ids = await answer_message(fake, harness)
    fake.messages[message_id]["components"][0]["components"][0]["custom_id"] = "vote:up:" + "0" * 32
    ack = await fake.wait_response(await fake.click(message_id, "vote:up:" + "0" * 32, user=fake.alice))
    assert "no longer in the log" in ack.json["data"]["content"]


async def test_a_vote_the_log_cannot_store_gets_an_apology_not_a_thanks(start_bot: StartBot, fake: FakeDiscord):
    harness = await start_bot()
    message_id, qid, (up, _down) = await answer_message(fake, harness)
    await harness.querylog.flush()
    with contextlib.closing(sqlite3.connect(harness.settings.db_path)) as conn:  # the file refuses the write
        conn.execute("CREATE TRIGGER refuse_votes BEFORE INSERT ON votes BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        conn.commit()
    ack = await fake.wait_response(await fake.click(message_id, up, user=fake.alice))
    assert ack.json["data"]["flags"] & EPHEMERAL
    assert ack.json["data"]["content"] == t("internal_error", "en")
    assert await harness.rows("SELECT count(*) FROM votes") == [(0,)]
    assert await harness.rows("SELECT qid FROM questions") == [(qid,)]


async def test_a_vote_on_a_locked_log_is_acknowledged_within_discords_deadline(start_bot: StartBot, fake: FakeDiscord):
    """Trial 6: with the log locked by another program, the vote's reply came after the 5 s busy timeout; Discord
    refuses a first response after 3 s, so the member saw "This interaction failed"."""
    harness = await start_bot()
    message_id, _, (up, _) = await answer_message(fake, harness)
    await harness.querylog.flush()
    with held_lock(harness.settings.db_path):
        click = await fake.click(message_id, up, user=fake.bob)
        clicked = time.monotonic()
        ack = await fake.wait_response(click, timeout=10)
        assert ack.json["type"] == 5 and ack.json["data"]["flags"] & EPHEMERAL and ack.at - clicked < 2
        told = await fake.wait_for("POST", rf"/webhooks/\d+/{click.token}", timeout=20)
    assert told.json["content"] == t("internal_error", "en") and told.json["flags"] & EPHEMERAL
    assert await harness.rows("SELECT count(*) FROM votes") == [(0,)]
