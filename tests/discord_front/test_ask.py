"""/ask through the interaction callback: answers, abstention, refusals, cooldown, duplicates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, StartBot, custom_ids, embed_of
from fake_discord.server import json_response

EPHEMERAL = 1 << 6


async def test_ask_answers_through_the_interaction_callback(harness: Harness, fake: FakeDiscord):
    interaction = await fake.slash("ask", {"question": "Qui a signé la déclaration ?"}, user=fake.bob)
    response = await fake.wait_response(interaction)
    assert response.json["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE
    data = response.json["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert not data.get("flags")  # public
    embed = embed_of(response)
    assert embed["title"] == "Qui a signé la déclaration ?"
    description = embed["description"]
    assert description.startswith("> ")  # the answer first: the quoted sentence that says it
    first = description.splitlines()[0]
    assert "**signée** par Delphine Gény-Stephann" in first  # who signed, the question's own words in bold
    assert "**[1]** *La déclaration conjointe" in description  # then its source: title · link
    assert "(https://example.org/declaration-fr)" in description
    assert "ms" not in embed["footer"]["text"] and "#" not in description  # no timings or ids for members
    assert embed["footer"]["text"].startswith("Cité d")  # "quoted from N sources", in the question's language
    assert [b["label"] for row in data["components"] for b in row["components"]] == ["Utile", "Pas utile"]
    assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4096
    rows = await harness.rows("SELECT question, language, answered, frontend FROM questions")
    assert rows == [("Qui a signé la déclaration ?", "fr", 1, "discord")]


async def test_slow_answers_are_deferred_then_sent_as_followup(harness: Harness, fake: FakeDiscord):
    harness.bot.defer_after = 0.0
    interaction = await fake.slash("ask", {"question": "共同声明に署名したのは誰ですか？"}, user=fake.alice)
    response = await fake.wait_response(interaction)
    assert response.json["type"] == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "thinking…"
    followup = await fake.wait_followup(interaction)
    assert followup.query.get("wait") in ("1", "true")
    assert followup.json["embeds"][0]["footer"]["text"].split("\n")[0].endswith("資料からの引用（生成ではありません）")
    assert len(custom_ids(followup.json)) == 2


async def test_question_not_in_the_corpus_abstains_honestly(harness: Harness, fake: FakeDiscord):
    question = "@everyone what is the best ramen recipe? [click](https://evil.example/x) <@&123456789012345678>"
    interaction = await fake.slash("ask", {"question": question}, user=fake.alice)
    response = await fake.wait_response(interaction)
    data = response.json["data"]
    embed = embed_of(response)
    assert embed["description"].startswith("I could not find this in my sources")
    assert "/topics" in embed["description"]
    assert "components" not in data or data["components"] == []  # nothing to vote on
    title = embed["title"]
    assert "@everyone" not in title and "<@&" not in title  # mentions broken
    assert "\\[click]" in title and "https://" not in title  # no masked or bare link
    assert data["allowed_mentions"] == {"parse": []}
    rows = await harness.rows("SELECT answered, reason FROM questions")
    assert rows[0][0] == 0 and rows[0][1]


async def test_invalid_question_is_refused_ephemerally_in_the_member_locale(harness: Harness, fake: FakeDiscord):
    interaction = await fake.slash("ask", {"question": "???"}, user=fake.alice, locale="ja")
    response = await fake.wait_response(interaction)
    assert response.json["data"]["flags"] & EPHEMERAL
    assert response.json["data"]["content"].startswith("質問に言葉が見つかりませんでした")
    assert await harness.rows("SELECT count(*) FROM questions") == [(0,)]


async def test_cooldown_answers_ephemerally_with_the_retry_time(start_bot, fake: FakeDiscord):
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="2", BOT_COOLDOWN_SECONDS="60")
    for question in ("Who signed the declaration?", "Where was it signed?"):
        await fake.wait_response(await fake.slash("ask", {"question": question}, user=fake.alice))
    refused = await fake.wait_response(await fake.slash("ask", {"question": "What about AI?"}, user=fake.alice))
    data = refused.json["data"]
    assert data["flags"] & EPHEMERAL
    assert re.search(r"try again <t:\d+:R>", data["content"])
    other = await fake.wait_response(await fake.slash("ask", {"question": "What about AI?"}, user=fake.bob))
    assert not other.json["data"].get("flags")  # per member
    harness.clock.advance(60)
    again = await fake.wait_response(await fake.slash("ask", {"question": "What about AI?"}, user=fake.alice))
    assert not again.json["data"].get("flags")
    assert await harness.rows("SELECT count(*) FROM questions") == [(4,)]


async def test_duplicate_questions_are_answered_once(harness: Harness, fake: FakeDiscord):
    first = await fake.wait_response(await fake.slash("ask", {"question": "Who signed it?"}, user=fake.alice))
    second = await fake.wait_response(await fake.slash("ask", {"question": "  who SIGNED it? "}, user=fake.alice))
    assert not first.json["data"].get("flags")
    assert second.json["data"]["flags"] & EPHEMERAL
    assert "same question" in second.json["data"]["content"]
    # by mention: the duplicate gets no reply at all
    await harness.mention("Where was the declaration signed?")
    before = len(fake.requests)
    await fake.post_message(f"{fake.bot_user.mention} Where was the declaration signed?", author=fake.alice)
    await harness.mention("Who signed the declaration?", author=fake.bob)
    assert len(fake.find("POST", rf"/channels/{fake.channel_id}/messages")[-1:]) == 1
    assert len([r for r in fake.requests[before:] if r.method == "POST"]) == 1  # only bob's answer
    harness.clock.advance(10)
    third = await fake.wait_response(await fake.slash("ask", {"question": "Who signed it?"}, user=fake.alice))
    assert not third.json["data"].get("flags")
    assert await harness.rows("SELECT count(*) FROM questions") == [(4,)]


async def test_mentions_outside_allowed_channels_and_dms(start_bot, fake: FakeDiscord):
    harness = await start_bot(BOT_ALLOWED_CHANNELS=str(fake.channel_id), BOT_ALLOW_DMS="false")
    start = len(fake.requests)
    await fake.post_message(
        f"{fake.bot_user.mention} Who signed it?", author=fake.alice, channel_id=fake.other_channel_id
    )
    await fake.post_message("Who signed it? (no mention)", author=fake.alice)
    dm = await fake.post_message("Who signed the declaration?", author=fake.alice, dm=True)
    note = await fake.wait_for("POST", rf"/channels/{dm['channel_id']}/messages", after=start)
    assert "direct messages" in note.json["content"]
    reply = await harness.mention("Who signed the declaration?")
    assert [r.path for r in fake.requests[start:] if r.method == "POST"] == [note.path, reply.path]


async def test_the_dm_refusal_speaks_the_language_of_the_message(start_bot, fake: FakeDiscord):
    """Trial 4: "qui a signé ?" in a DM got "I don't answer direct messages here…" in English."""
    await start_bot(BOT_ALLOW_DMS="false")
    notes = []
    for text in ("qui a signé la déclaration ?", "誰が署名しましたか", "Kono"):
        start = len(fake.requests)
        dm = await fake.post_message(text, author=fake.bob, dm=True)
        notes.append((await fake.wait_for("POST", rf"/channels/{dm['channel_id']}/messages", after=start)).json)
    assert notes[0]["content"].startswith("Je ne réponds pas aux messages privés ici")
    assert notes[1]["content"].startswith("ここではダイレクトメッセージには答えません")
    assert notes[2]["content"].startswith("I don't answer direct messages here")  # no language told: English
    assert all(note["allowed_mentions"]["parse"] == [] for note in notes)


async def test_direct_messages_are_answered_when_allowed(harness: Harness, fake: FakeDiscord):
    start = len(fake.requests)
    dm = await fake.post_message("Who signed the declaration?", author=fake.alice, dm=True)
    reply = await fake.wait_for("POST", rf"/channels/{dm['channel_id']}/messages", after=start)
    assert embed_of(reply)["description"].startswith("> ")
    rows = await harness.rows("SELECT guild_id, channel_id FROM questions")
    assert rows == [(None, None)]  # a DM channel is one per member: not stored (issue 12, item 5)


async def test_answers_in_a_thread_when_configured(start_bot, fake: FakeDiscord):
    await start_bot(BOT_ANSWER_IN_THREAD="true")
    start = len(fake.requests)
    msg = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    thread = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages/{msg['id']}/threads", after=start)
    assert thread.json["name"].startswith("Q: Who signed")
    answer = await fake.wait_for("POST", r"/channels/\d+/messages", after=start)
    assert answer.path != f"/channels/{fake.channel_id}/messages"
    interaction = await fake.slash("ask", {"question": "Where was it signed?"}, user=fake.alice)
    deferred = await fake.wait_response(interaction)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & EPHEMERAL
    created = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/threads", after=start)
    assert created.json["type"] == 11
    note = await fake.wait_followup(interaction)
    assert "Answered in <#" in note.json["content"]


async def test_mentioning_the_bots_role_counts_as_a_mention(harness: Harness, fake: FakeDiscord):
    start = len(fake.requests)
    await fake.post_message(f"<@&{fake.bot_role}> Who signed the declaration?", author=fake.alice)
    reply = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages", after=start)
    assert embed_of(reply)["title"] == "Who signed the declaration?"


async def test_ask_in_dms_is_refused_when_dms_are_off(start_bot, fake: FakeDiscord):
    """Trial 6 D11: /ask in a DM was refused in the locale's language, a DM message in its own language."""
    await start_bot(BOT_ALLOW_DMS="false")
    contents = []
    asked = (("共同声明に署名したのは誰ですか？", fake.alice), ("Who signed it?", fake.bob), ("Kono", fake.bob))
    for question, user in asked:
        response = await fake.wait_response(await fake.slash("ask", {"question": question}, user=user, dm=True))
        assert response.json["data"]["flags"] & EPHEMERAL
        contents.append(response.json["data"]["content"])
    assert contents[0].startswith("ここではダイレクトメッセージには答えません")  # alice's locale is en-US
    assert contents[1].startswith("I don't answer direct messages here")  # bob's is fr
    assert contents[2].startswith("Je ne réponds pas aux messages privés")  # no language told: the locale's


async def test_answers_in_place_when_a_thread_cannot_be_opened(start_bot, fake: FakeDiscord):
    await start_bot(BOT_ANSWER_IN_THREAD="true")
    missing_access = {"message": "Missing Permissions", "code": 50013}
    fake.override("POST", r"/channels/\d+/(messages/\d+/)?threads", lambda _request: json_response(missing_access, 403))
    start = len(fake.requests)
    msg = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    reply = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages", after=start)
    assert int(reply.json["message_reference"]["message_id"]) == int(msg["id"])
    assert embed_of(reply)["description"].startswith("> ")
    interaction = await fake.slash("ask", {"question": "Where was it signed?"}, user=fake.alice)
    answer = await fake.wait_followup(interaction)
    assert embed_of(answer)["description"].startswith("> ")


async def test_the_footer_counts_the_sources_the_answer_shows(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    """Trial 9 (L1): "what is J-Startup?" showed two sources (the third left out to stay short) under the footer
    "Quoted from 3 sources"."""
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)
    harness = await start_bot()
    embed = embed_of(await harness.mention("what is J-Startup?"))
    shown = sum(line.startswith("**[") for line in embed["description"].splitlines())
    assert shown == 2  # the shipped corpus has three sources for it: the third does not fit
    assert embed["footer"]["text"].startswith(f"Quoted from {shown} sources")
