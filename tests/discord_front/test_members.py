"""/topics, /about and /forget-me."""

from __future__ import annotations

import re
import shutil
import time

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, embed_of, reply_to
from locks import held_lock

from bot.i18n import t

EPHEMERAL = 1 << 6


async def test_topics_lists_documents_and_languages(harness: Harness, fake: FakeDiscord):
    response = await fake.wait_response(await fake.slash("topics", user=fake.bob))
    data = response.json["data"]
    assert data["flags"] & EPHEMERAL
    embed = data["embeds"][0]
    assert embed["title"] == "Ce que je sais"
    description = embed["description"]
    assert "3 documents" in description and "en, fr, ja" in description
    # trial 11 (L7): the member's language's documents by title, the others in one line, not every title thrice
    assert "**Mes documents en français :**\n• La déclaration conjointe franco-japonaise" in description
    assert "joint declaration of 13 July" not in description
    assert "Les mêmes faits aussi en anglais (1 document), japonais (1 document)." in description


async def test_about_explains_sources_and_logging(harness: Harness, fake: FakeDiscord):
    response = await fake.wait_response(await fake.slash("about", user=fake.alice))
    description = response.json["data"]["embeds"][0]["description"]
    assert "BM25" in description and "90 days" in description and "/forget-me" in description
    assert "(<https://example.org/declaration-ja>)" in description


async def test_about_titles_a_shared_source_in_the_members_language(start_bot, fake: FakeDiscord,
                                                                     knowledge_dir):
    for path in knowledge_dir.glob("*/declaration.md"):  # three translations of one page
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"source: \S+", "source: https://example.org/declaration", text), encoding="utf-8")
    await start_bot()
    response = await fake.wait_response(await fake.slash("about", user=fake.bob))  # bob writes French
    description = response.json["data"]["embeds"][0]["description"]
    assert description.count("(<https://example.org/declaration>)") == 1
    assert "[La déclaration conjointe franco-japonaise du 13 juillet 2018]" in description


async def test_forget_me_deletes_the_callers_questions_and_votes(harness: Harness, fake: FakeDiscord):
    await harness.mention("Who signed the declaration?")
    answer_id = max(fake.messages)
    await harness.mention("Where was the declaration signed?", author=fake.bob)
    up = fake.buttons(fake.messages[answer_id])[0]["custom_id"]
    await fake.wait_response(await fake.click(answer_id, up, user=fake.alice))
    await fake.wait_response(await fake.click(answer_id, up, user=fake.bob))

    prompt = await fake.wait_response(await fake.slash("forget-me", user=fake.alice))
    data = prompt.json["data"]
    assert data["flags"] & EPHEMERAL and "cannot be undone" in data["content"]
    prompt_id = int(prompt.json["data"].get("id", 0)) or max(fake.messages)
    yes, no = fake.buttons(fake.messages[prompt_id])
    assert yes["label"] == "Delete my data" and no["label"] == "Cancel"
    click = await fake.click(prompt_id, yes["custom_id"], user=fake.alice)
    assert (await fake.wait_response(click)).json["type"] == 6  # DEFERRED_UPDATE: acknowledged before deleting
    done = await fake.wait_for("PATCH", rf"/webhooks/\d+/{click.token}/messages/@original")
    assert done.json["content"] == ("Done: 1 question and 2 votes were deleted from the log (the votes you "
                                    "cast and those on your questions).")
    assert done.json["components"] == []  # the prompt becomes the result, buttons removed
    assert fake.messages[prompt_id]["content"] == done.json["content"]
    assert await harness.rows("SELECT question FROM questions") == [("Where was the declaration signed?",)]
    assert await harness.rows("SELECT count(*) FROM votes") == [(0,)]  # her vote, and bob's on her answer


async def test_forget_me_left_unanswered_expires_and_deletes_nothing(start_bot, fake: FakeDiscord):
    harness = await start_bot(bot_options={"forget_timeout": 0.1})
    await harness.mention("Who signed the declaration?")
    interaction = await fake.slash("forget-me", user=fake.alice)
    prompt = await fake.wait_response(interaction)
    assert "cannot be undone" in prompt.json["data"]["content"]
    expired = await fake.wait_for("PATCH", rf"/webhooks/\d+/{interaction.token}/messages/@original")
    assert expired.json["content"] == "No answer given; nothing was deleted."
    assert expired.json["components"] == []
    assert await harness.rows("SELECT question FROM questions") == [("Who signed the declaration?",)]


async def test_a_tower_of_combining_marks_is_not_echoed_in_the_answer_title(harness: Harness, fake: FakeDiscord):
    """Trial 5: "who " + 500 combining acute accents + "signed?" was answered with those ~250 accents stacked on one
    letter of the title (drawn over the messages around it); two accents in a row (Vietnamese, Thai) stay."""
    import unicodedata

    reply = await harness.mention("who" + "\u0301" * 500 + " signed the declaration?")
    title = embed_of(reply)["title"]
    assert title.startswith("who\u0301\u0301\u0301 signed")
    longest = run = 0
    for char in title:
        run = run + 1 if unicodedata.category(char) == "Mn" else 0
        longest = max(longest, run)
    assert longest == 3
    reply = await harness.mention("Ai đã ký tuyên bố? who signed the declaration? ผู้ลงนาม")
    assert "Ai đã ký tuyên bố" in embed_of(reply)["title"] and "ผู้ลงนาม" in embed_of(reply)["title"]


async def test_forget_me_on_a_locked_log_is_acknowledged_at_once_and_says_nothing_was_deleted(
    harness: Harness, fake: FakeDiscord
):
    """Trial 6: with the log locked by another program, "Delete my data" got no response at all (Discord:
    "This interaction failed"), a traceback in the bot's log, and the prompt's timer task leaked."""
    await harness.mention("Who signed the declaration?")
    await harness.querylog.flush()
    interaction = await fake.slash("forget-me", user=fake.alice)
    prompt_id = int((await fake.wait_response(interaction)).json["data"].get("id", 0)) or max(fake.messages)
    yes, _ = fake.buttons(fake.messages[prompt_id])
    with held_lock(harness.settings.db_path):
        click = await fake.click(prompt_id, yes["custom_id"], user=fake.alice)
        clicked = time.monotonic()
        ack = await fake.wait_response(click, timeout=10)
        assert ack.json["type"] == 6 and ack.at - clicked < 2  # within Discord's 3 s, while the log waits
        told = await fake.wait_for("PATCH", rf"/webhooks/\d+/{click.token}/messages/@original", timeout=20)
    assert told.json["content"] == t("forget.failed", "en") and told.json["components"] == []
    assert await harness.rows("SELECT count(*) FROM questions") == [(1,)]  # nothing deleted, as said


def footer(reply) -> str:
    return embed_of(reply)["footer"]["text"]


async def test_a_members_first_reply_says_once_what_is_logged_and_how_to_delete_it(harness: Harness, fake: FakeDiscord):
    """Members in the EU and Japan: the first reply to each says, in their language, that questions are logged, why,
    for how long and how to delete theirs; the later ones do not; /forget-me makes them new again."""
    first = footer(await harness.mention("Qui a signé la déclaration ?"))
    assert first.endswith("🔒 Les questions sont enregistrées 90 jours pour améliorer les réponses. /oublie-moi efface "
                          "les vôtres ; /a-propos en dit plus."), first
    assert first.startswith("Cité d")  # under the usual footer
    assert "🔒" not in footer(await harness.mention("Where was it signed?"))
    assert "🔒" not in footer(await harness.mention("What is the best ramen recipe?"))  # an abstention: not again
    ja = footer(await harness.mention("共同声明に署名したのは誰ですか？", author=fake.bob))
    assert ja.endswith("🔒 回答の改善のため、質問は90日間記録されます。/忘れて で削除でき、詳しくは /概要 へ。"), ja
    interaction = await fake.slash("ask", {"question": "When was it signed?"}, user=fake.admin)
    assert "Questions are logged for 90 days" in embed_of(await fake.wait_response(interaction))["footer"]["text"]

    stored = await harness.rows("SELECT user_hash FROM notices")  # remembered by keyed hash, never the id
    assert len(stored) == 3 and not {str(user.id) for user in (fake.alice, fake.bob, fake.admin)} & {
        value for (value,) in stored
    }
    assert harness.querylog.user_hash(fake.alice.id) in {value for (value,) in stored}


async def test_the_privacy_notice_is_remembered_across_restarts_and_forgotten_with_the_member(tmp_path) -> None:
    from bot.querylog.store import QueryLog

    db = tmp_path / "queries.db"
    async with await QueryLog.open(db, secret="s") as qlog:
        assert qlog.first_notice(42) and not qlog.first_notice(42)
    async with await QueryLog.open(db, secret="s") as qlog:
        assert not qlog.first_notice(42)  # a restart remembers it
        assert qlog.first_notice(43)
        await qlog.flush()
        await qlog.forget_user_counts(42)
        assert qlog.first_notice(42)  # nothing of theirs kept: told again
        await qlog.flush()
        assert await qlog.purge_counts(0) is not None  # the retention purge drops the notices with the questions
        assert qlog.first_notice(43)


async def test_a_mention_saying_only_about_gets_what_about_shows_in_its_language(start_bot, fake: FakeDiscord,
                                                                                  knowledge_dir):
    """Trial 11 (L7): "@bot about", « @bot à propos », 「@bot このボットについて」 were searched and got "not found"."""
    shutil.copytree(paths.SHIPPED_KNOWLEDGE / "chat", knowledge_dir / "chat")  # the moderators' chat phrases
    harness = await start_bot()
    for text, title, logged in (("à propos", "À propos de cet assistant", "90 jours"),
                                ("about", "About this assistant", "90 days"),
                                ("このボットについて", "このアシスタントについて", "90 日")):
        reply = await harness.mention(text)
        assert reply.json["allowed_mentions"]["parse"] == []
        embed = embed_of(reply)
        assert embed["title"] == title
        assert "BM25" in embed["description"] and logged in embed["description"]
        assert "(<https://example.org/declaration-" in embed["description"]  # its sources, linked
        assert len(embed["description"]) <= 4096
        assert not reply.json.get("components")  # nothing to vote on
    answer = await harness.mention("What is the declaration about?")  # "about" inside a question: still a question
    assert embed_of(answer)["description"].startswith("> ")


async def test_a_question_about_today_is_told_the_sources_date_from_2018(harness: Harness, fake: FakeDiscord):
    """Trial 11 (M6): "is she still a minister?" got the plain "not found… try rephrasing with names", as if the
    words were wrong; the reply now says why: the sources stop in 2018."""
    reply = await harness.mention("Delphine Gény-Stephann est-elle encore ministre ?")
    description = embed_of(reply)["description"]
    assert description.startswith("Mes sources datent de 2018") and "aujourd’hui" in description
    reply = await harness.mention("Is Yoji Muto still vice-minister?", author=fake.bob)
    assert embed_of(reply)["description"].startswith("My sources date from 2018")


async def test_forget_me_takes_the_members_words_out_of_follow_ups_others_asked_on_them(
    start_bot, fake: FakeDiscord, knowledge_dir
):
    """attack20: bob replied "and when?" to alice's answer; his row kept "and when? (my grandmother Odette Vasseur
    from Lyon wants to know signed the declaration)" after alice's /forget-me, and `logs top` showed it. The
    follow-up of another member that leans on a forgotten question keeps only its own words."""
    from discord_front.test_replies_to_answers import answer_message

    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)
    harness = await start_bot()
    asked = await fake.post_message(
        f"{fake.bot_user.mention} my grandmother Odette Vasseur wants to know who signed the declaration?",
        author=fake.alice)
    await reply_to(fake, int(asked["id"]))
    other = await fake.post_message(f"{fake.bot_user.mention} What is JETRO?", author=fake.admin)
    await reply_to(fake, int(other["id"]))
    harness.clock.advance(5)
    when = await fake.post_message("and when?", author=fake.bob, reply_to=answer_message(fake, asked))
    assert "Odette" in embed_of(await reply_to(fake, int(when["id"])))["title"]
    who = await fake.post_message("who runs it?", author=fake.bob, reply_to=answer_message(fake, other))
    await reply_to(fake, int(who["id"]))

    prompt = await fake.wait_response(await fake.slash("forget-me", user=fake.alice))
    prompt_id = int(prompt.json["data"].get("id", 0)) or max(fake.messages)
    yes, _ = fake.buttons(fake.messages[prompt_id])
    click = await fake.click(prompt_id, yes["custom_id"], user=fake.alice)
    await fake.wait_for("PATCH", rf"/webhooks/\d+/{click.token}/messages/@original")
    rows = await harness.rows("SELECT question, understood, topic FROM questions ORDER BY ts")
    assert [row[:2] for row in rows] == [("What is JETRO?", None), ("and when?", None),
                                         ("who runs it?", "who runs it? (What is JETRO)")]  # another's: kept
    assert not any("odette" in str(row).casefold() or "grandmoth" in str(row).casefold() for row in rows)
