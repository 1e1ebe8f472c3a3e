"""What a member notices in a conversation: follow-ups, small talk, the thanks for a vote in the answer's language."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import paths
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, StartBot, custom_ids, embed_of, qid_of, until

from bot.i18n import t

EPHEMERAL = 1 << 6


async def ask(fake: FakeDiscord, question: str, user, **kw):
    return await fake.wait_response(await fake.slash("ask", {"question": question}, user=user, **kw))


async def test_a_follow_up_is_answered_with_the_previous_subject_and_logged_both_ways(harness: Harness, fake):
    await ask(fake, "Qui a signé la déclaration ?", fake.alice)
    follow_up = await ask(fake, "et quand ?", fake.alice)
    embed = embed_of(follow_up)
    assert embed["title"] == "et quand ? (a signé la déclaration)"  # how the bot read it
    assert "13 juillet 2018" in embed["description"].splitlines()[0]
    alone = await ask(fake, "et quand ?", fake.bob)  # another member: nothing to lean on
    assert embed_of(alone)["title"] == "et quand ?"
    rows = await harness.rows("SELECT question, understood FROM questions ORDER BY ts")
    assert rows == [
        ("Qui a signé la déclaration ?", None),
        ("et quand ?", "et quand ? (a signé la déclaration)"),
        ("et quand ?", None),
    ]


async def test_a_follow_up_is_read_in_the_retrieval_worker_not_on_the_event_loop(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    """Review 12 (H1): reading a follow-up (the question parsed as retrieval parses it: MeCab, spelling; its
    subject's translation looked up) ran on the event loop, holding the heartbeat and every other member for each
    follow-up; it runs in the worker that answers, and reads the index that worker reads."""
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)  # documents and their translations
    harness = await start_bot()
    conversations = harness.bot.desk.conversations
    understand, threads = conversations.understand, []

    def seen_from_its_thread(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return understand(*args, **kwargs)

    conversations.understand = seen_from_its_thread
    await ask(fake, "Qui a signé la déclaration ?", fake.alice)
    follow_up = embed_of(await ask(fake, "When was it signed?", fake.alice))  # its subject, translated
    assert follow_up["title"] == "When was it signed? (signed the France-Japan declaration)"
    assert "July 13, 2018" in follow_up["description"].splitlines()[0]
    assert len(threads) == 2 and all(name.startswith("retrieval") for name in threads), threads


async def test_a_follow_up_the_subject_leaves_unanswered_is_answered_on_its_own(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    """"who else signed?" read with the Station F evening found nothing; typed on its own it asks who signed."""
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)
    harness = await start_bot()
    await ask(fake, "who is yoji muto?", fake.alice)
    await ask(fake, "and what did he do at station f?", fake.alice)
    alone = embed_of(await ask(fake, "who else signed?", fake.alice))
    assert alone["title"] == "who else signed?"  # not "who else signed? (what did he do at station f)"
    assert "Gény-Stephann" in alone["description"].splitlines()[0]
    rows = await harness.rows("SELECT question, reason, understood FROM questions ORDER BY ts")
    assert rows[2] == ("who else signed?", "", None)


async def test_who_else_after_every_one_was_quoted_is_nothing_more(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    """The signatories quoted, "who else signed?" says the sources have no one more ("could not find" before)."""
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)
    harness = await start_bot()
    await ask(fake, "who signed the declaration?", fake.alice)
    more = embed_of(await ask(fake, "who else signed?", fake.alice))
    assert more["description"].startswith(t("not_found.more", "en")), more["description"]
    rows = await harness.rows("SELECT reason FROM questions ORDER BY ts")
    assert [reason for (reason,) in rows] == ["", "no-more"]


async def test_small_talk_gets_a_short_reply_and_does_not_use_up_the_cooldown(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    shutil.copytree(paths.SHIPPED_KNOWLEDGE / "chat", knowledge_dir / "chat")  # the moderators' chat phrases
    await start_bot(BOT_COOLDOWN_QUESTIONS="1", BOT_COOLDOWN_SECONDS="60")
    hello = await ask(fake, "aide", fake.alice, locale="fr")
    data = hello.json["data"]
    description = embed_of(hello)["description"]
    assert "« Qui a signé la déclaration ? »" in description and "/sujets" in description  # examples and /topics
    assert not data.get("components") and not data.get("flags")  # no passages to vote on
    answer = await ask(fake, "Qui a signé la déclaration ?", fake.alice)
    assert not answer.json["data"].get("flags")  # answered: "aide" did not use up the one question allowed
    assert embed_of(answer)["description"].startswith("> ")
    refused = await ask(fake, "Où a-t-elle été signée ?", fake.alice)
    assert refused.json["data"]["flags"] & EPHEMERAL  # the cooldown still counts real questions


async def test_the_thanks_for_a_vote_is_in_the_answer_language(harness: Harness, fake: FakeDiscord):
    await ask(fake, "Qui a signé la déclaration ?", fake.alice)
    message_id = max(fake.messages)
    up = custom_ids(fake.messages[message_id])[0]
    assert up.endswith(":fr")
    ack = await fake.wait_response(await fake.click(message_id, up, user=fake.bob, locale="ja"))
    assert ack.json["data"]["content"].startswith("Merci")


async def test_an_abstention_offers_questions_it_can_answer_as_buttons_that_ask_them(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    shutil.copy(paths.SHIPPED_KNOWLEDGE / "en" / "faq.yaml", knowledge_dir / "en" / "faq.yaml")
    harness = await start_bot()
    response = await ask(fake, "What is the best ramen recipe in Lyon?", fake.alice)
    embed = embed_of(response)
    assert embed["description"].startswith("I could not find this") and embed["description"].endswith("I can answer:")
    buttons = fake.buttons(response.json["data"])
    assert 1 <= len(buttons) <= 3
    assert all(b["custom_id"].startswith("ask:faq-en#") and len(b["label"]) <= 80 for b in buttons)
    assert buttons[0]["label"] == "Who signed the France-Japan declaration?"
    message_id = max(fake.messages)
    answer = await fake.wait_response(await fake.click(message_id, buttons[0]["custom_id"], user=fake.bob))
    answered = embed_of(answer)
    assert answered["title"] == "Who signed the France-Japan declaration?"
    assert answered["description"].startswith("> ") and "Muto" in answered["description"]
    rows = await harness.rows("SELECT question, answered FROM questions ORDER BY ts")
    assert rows == [("What is the best ramen recipe in Lyon?", 0), ("Who signed the France-Japan declaration?", 1)]


async def test_ask_autocomplete_offers_faq_and_most_asked_questions_in_the_member_language(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    for language in ("fr", "en"):
        shutil.copy(paths.SHIPPED_KNOWLEDGE / language / "faq.yaml", knowledge_dir / language / "faq.yaml")
    harness = await start_bot()
    for user in (fake.alice, fake.bob):  # asked by two members: suggested to everyone from now on
        await ask(fake, "La déclaration parle-t-elle de 5G ?", user)
    await ask(fake, "Mon voisin a-t-il signé la déclaration ?", fake.alice)  # one member only: stays private
    await harness.querylog.flush()
    await harness.bot.refresh_questions()
    typing = await fake.autocomplete("ask", "question", "déclaration", user=fake.bob, locale="fr")
    typed = await fake.wait_response(typing)
    assert typed.json["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    choices = typed.json["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and c["name"] == c["value"] for c in choices)
    names = [c["name"] for c in choices]
    assert names[0] == "Qui a signé la déclaration franco-japonaise ?"  # the FAQ first, in its order
    assert "La déclaration parle-t-elle de 5G ?" in names
    assert not any("voisin" in n for n in names)
    assert all("declaration" not in n for n in names)  # French, the member's language
    empty = await fake.wait_response(await fake.autocomplete("ask", "question", "", user=fake.bob, locale="en-US"))
    choices = empty.json["data"]["choices"]
    assert len(choices) == 25 and choices[0]["name"] == "Who signed the France-Japan declaration?"


async def test_thanks_own_subjects_and_languages_in_a_discord_conversation(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    shutil.rmtree(knowledge_dir)
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, knowledge_dir)  # the corpus, its glossary and its chat phrases
    harness = await start_bot()
    first = embed_of(await harness.mention("Qui a signé la déclaration ?"))
    assert "Gény-Stephann" in first["description"]
    thanks = await harness.mention("merci")  # "@bot merci": a short reply in French, not the answer again
    assert embed_of(thanks)["description"].startswith("Avec plaisir !") and not thanks.json.get("components")
    follow_up = embed_of(await harness.mention("When was it signed?"))  # English, after a French question
    assert follow_up["title"] == "When was it signed? (signed the France-Japan declaration)"
    assert "July 13, 2018" in follow_up["description"].splitlines()[0]
    jetro = embed_of(await harness.mention("JETRO?"))  # its own subject: not read with "who signed"
    assert jetro["title"] == "JETRO?" and "Gény-Stephann" not in jetro["description"]
    name = embed_of(await harness.mention("Kono"))  # no language of its own: the member's previous message's
    assert name["footer"]["text"].startswith("Quoted from")
    rows = await harness.rows("SELECT question, reason, understood FROM questions ORDER BY ts")
    assert [row[1] for row in rows] == ["", "small-talk", "", "", ""]
    assert rows[2][2] == "When was it signed? (signed the France-Japan declaration)" and rows[3][2] is None


async def test_a_follow_up_in_the_thread_the_bot_opened_leans_on_its_question(start_bot: StartBot, fake: FakeDiscord):
    """Trial 6: with BOT_ANSWER_IN_THREAD, "@bot et quand ?" asked in the thread opened for "Qui a signé la
    déclaration ?" was read alone ("not found"): the thread is where the bot put the conversation."""
    harness = await start_bot(BOT_ANSWER_IN_THREAD="true")
    bot = fake.bot_user.mention
    for asked, how in (("Qui a signé la déclaration ?", "mention"), ("Who signed the declaration?", "slash")):
        before = set(fake.threads)
        if how == "mention":
            await fake.post_message(f"{bot} {asked}", author=fake.bob)
        else:
            await fake.wait_response(await fake.slash("ask", {"question": asked}, user=fake.bob))
        await until(lambda before=before: set(fake.threads) - before
                    and any(int(m["channel_id"]) in set(fake.threads) - before for m in fake.messages.values()))
        (thread,) = [fake.threads[t] for t in set(fake.threads) - before]
        await fake.dispatch("THREAD_CREATE", {**thread, "newly_created": True})  # as Discord sends it
        harness.clock.advance(5)
        follow_up = "et quand ?" if how == "mention" else "and when?"
        start = len(fake.requests)
        await fake.post_message(f"{bot} {follow_up}", author=fake.bob, channel_id=int(thread["id"]))
        answer = await fake.wait_for("POST", rf"/channels/{thread['id']}/messages", after=start)
        assert qid_of(answer.json)  # an answer with its vote buttons, not "not found"
        assert embed_of(answer)["title"].startswith(f"{follow_up} (")
    rows = await harness.rows("SELECT question, understood IS NOT NULL FROM questions ORDER BY ts")
    assert rows == [("Qui a signé la déclaration ?", 0), ("et quand ?", 1), ("Who signed the declaration?", 0),
                    ("and when?", 1)]


async def test_another_member_following_up_in_the_thread_the_bot_opened_leans_on_its_question(
    start_bot: StartBot, fake: FakeDiscord
):
    """Trial 9 (M5): in the thread "Q : Qui a signé la déclaration ?", alice's "@bot et quand ?" was read alone
    ("not found"): only the member who asked had the thread's question to lean on."""
    harness = await start_bot(BOT_ANSWER_IN_THREAD="true")
    bot = fake.bot_user.mention
    await fake.post_message(f"{bot} Qui a signé la déclaration ?", author=fake.bob)
    await until(lambda: fake.threads and any(int(m["channel_id"]) in fake.threads for m in fake.messages.values()))
    (thread,) = fake.threads.values()
    await fake.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
    harness.clock.advance(5)
    start = len(fake.requests)
    await fake.post_message(f"{bot} et quand ?", author=fake.alice, channel_id=int(thread["id"]))
    answer = await fake.wait_for("POST", rf"/channels/{thread['id']}/messages", after=start)
    assert embed_of(answer)["title"] == "et quand ? (a signé la déclaration)"
    assert qid_of(answer.json)  # an answer with its vote buttons, not "not found"


async def test_source_after_an_answer_gives_that_answers_sources_not_a_new_search(
    start_bot: StartBot, fake: FakeDiscord, knowledge_dir: Path
):
    """Issue 11 (product): "source?", "lien ?", ソースは？ after an answer were searched as words (or got "OK!"); they
    ask for the title and link of the answer just given, in that conversation."""
    shutil.copytree(paths.SHIPPED_KNOWLEDGE / "chat", knowledge_dir / "chat")
    harness = await start_bot()
    nothing_yet = embed_of(await harness.mention("link?"))
    assert nothing_yet["title"] == "Sources of my previous answer"
    assert nothing_yet["description"].startswith("I have not answered anything here yet")

    answer = embed_of(await harness.mention("Qui a signé la déclaration ?"))
    link = answer["description"].split("](")[1].split(")")[0]  # the first source's link, as the answer gave it
    for asked in ("lien ?", "source?", "ソースは？"):
        reply = await harness.mention(asked)
        embed = embed_of(reply)
        assert not custom_ids(reply.json)  # no votes: not an answer
        lines = embed["description"].splitlines()
        assert lines[0] in ("« Qui a signé la déclaration ? » :", "“Qui a signé la déclaration ?”:",
                            "「Qui a signé la déclaration ?」："), lines
        assert lines[1].startswith("**[1]** *") and f"]({link})" in lines[1], lines
    assert embed_of(await harness.mention("lien ?", author=fake.bob))["description"].startswith(
        "Je n’ai encore rien répondu ici")  # another member's conversation
    await harness.mention("What is the best ramen recipe?")
    assert "quoted no source" in embed_of(await harness.mention("the source?"))["description"]
    rows = await harness.rows("SELECT question, reason FROM questions WHERE question IN ('lien ?', 'source?')")
    assert {reason for _, reason in rows} == {"small-talk"}
