"""Messages of shapes members write and the bot mishandled (issue 10): two questions in one message, a count of
another noun, a list asked for, a first-person context clause. Asked of the assistant on
the shipped corpus, as ``python -m bot ask`` asks it."""

from __future__ import annotations

import asyncio

import paths
import pytest

from bot.assistant import Assistant
from bot.cli.terminal import answer_text
from bot.models import Answer
from bot.render import render_markdown
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def assistant(shipped_retriever: Retriever) -> Assistant:
    return Assistant(shipped_retriever, paths.SHIPPED_KNOWLEDGE)


def answer(assistant: Assistant, question: str) -> Answer:
    """What ``ask`` answers (the Markdown Discord gets is ``render_markdown`` of it)."""
    return asyncio.run(assistant.ask(question))


@pytest.mark.parametrize("message, first, second", [
    ("Was it signed in Tokyo? And who was there for Japan?", "Paris", ""),
    ("What is JETRO and who runs it?", "JETRO", "JETRO"),
    ("いつ署名されて、誰が署名した？", "2018年7月13日", "武藤容治"),
])
def test_two_questions_in_one_message_get_an_answer_each(
    assistant: Assistant, message: str, first: str, second: str
) -> None:
    reply = render_markdown(answer(assistant, message))
    blocks = reply.split("\n\n")
    assert len(blocks) == 2, reply  # one block per question: its words, its quote, its source
    assert blocks[0].startswith("**") and "\n> " in blocks[0] and first in blocks[0], reply
    assert blocks[1].startswith("**") and "\n> " in blocks[1] and second in blocks[1], reply
    sources = [block.rsplit("\n", 1)[1] for block in blocks]
    assert sources[0].startswith("**[1]**")
    # one source quoted for both questions keeps its one number (the footer counts it once), another is [2]
    assert sources[1] == sources[0] or sources[1].startswith("**[2]**"), reply


def test_two_questions_in_a_terminal_each_under_its_words_and_one_source_counted_once(assistant: Assistant) -> None:
    reply = answer_text(answer(assistant, "Where was it signed? And what is the GDP of Peru?")).plain
    assert reply.startswith("Where was it signed?\n▌ ") and "Paris" in reply.split("\n\n")[0]
    assert "\n\nAnd what is the GDP of Peru?\nMy sources do not answer this question." in reply
    assert reply.endswith("Quoted from 1 source, nothing generated")
    both = answer_text(answer(assistant, "Where was it signed? And who signed for Japan?")).plain
    assert both.count("[1] ") == 2 and "[2]" not in both and both.endswith("Quoted from 1 source, nothing generated")


@pytest.mark.parametrize("message", [
    "Who signed the France and Japan declaration?",
    "What does the declaration on innovation and digital economy say?",
    "salut, c'était où la signature ? à tokyo ?",
    "Who signed for France and who for Japan?",  # two questions, one passage answering both: quoted once
])
def test_one_question_with_and_in_it_is_not_split(assistant: Assistant, message: str) -> None:
    reply = render_markdown(answer(assistant, message))
    assert not reply.startswith("**"), reply  # the quote first, no heading per question


def test_a_count_of_start_ups_is_not_answered_by_a_count_of_companies(assistant: Assistant) -> None:
    start_ups, companies, pitched = (answer(assistant, q) for q in (
        "ジェトロが集めたスタートアップは何社？", "ジェトロは何社集めた？",
        "ステーションFでピッチしたスタートアップは何社？"))
    assert not start_ups.answered  # the sources count "large groups and investors" (30社), not start-ups
    assert "30社" in companies.summary
    assert "9社のスタートアップ" in pitched.summary


@pytest.mark.parametrize("message", ["参加企業の名前を全部教えて", "list all the companies",
                                     "donne-moi toutes les entreprises"])
def test_a_list_of_companies_the_sources_do_not_give_is_not_bluffed(assistant: Assistant, message: str) -> None:
    reply = answer(assistant, message)
    assert not reply.answered, reply.citations[:1]  # was: the spelling of the JETRO executive's name


@pytest.mark.parametrize("message, signatory", [
    ("I'm writing a paper for Sciences Po, who signed?", "Mahjoubi"),
    ("Je prépare un exposé pour Sciences Po, qui a signé ?", "Mahjoubi"),
    ("レポートを書いているんですが、誰が署名しましたか？", "武藤容治"),
])
def test_a_context_clause_with_an_unknown_name_does_not_weigh_in_the_search(
    assistant: Assistant, message: str, signatory: str
) -> None:
    reply = answer(assistant, message)
    assert reply.answered and signatory in reply.summary, reply.summary
