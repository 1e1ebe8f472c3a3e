"""Outsider trial 10 (H1): a member who says who they are before asking keeps the answer, on the shipped corpus.

"Hi, I'm Jean, who signed?" had opened on the foreign ministers' passage (Jean-Yves Le Drian, Taro Kono): the
member's first name was searched. Introductions (knowledge/chat/*.yaml, ``introductions``) and contact details are
cut before the search like greetings; a message that is only an introduction is small talk."""

from __future__ import annotations

import pytest

from bot.knowledge.parse import parse_file
from bot.knowledge.problems import FileProblem
from bot.models import AnswerKind, ChatKind, ChatPhrases
from bot.render import small_talk_key
from bot.search.cleanup import ChatLexicon
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    ("message", "plain"),
    [
        ("Hi, I'm Jean, who signed the declaration?", "who signed the declaration?"),  # trial 10
        ("Bonjour, je m'appelle Yves, qui a signé la déclaration ?", "qui a signé la déclaration ?"),  # trial 10
        ("こんにちは、太郎です。共同声明は誰が署名しましたか？", "共同声明は誰が署名しましたか？"),  # trial 10
        ("Hello, my name is Taro, when was the declaration signed?", "when was the declaration signed?"),  # trial 10
        ("My name is Jean, who signed it?", "who signed it?"),  # trial 10
        ("My email is jean.dupont@example.com, who signed it?", "who signed it?"),  # trial 10
        ("I'm Marie Curie, phone +33 6 12 34 56 78, when was it signed?", "when was it signed?"),  # trial 10
        ("salut, moi c'est Yves ! qui a signé pour le Japon ?", "qui a signé pour le Japon ?"),
        ("はじめまして、花子と申します。署名したのは誰ですか？", "署名したのは誰ですか？"),
    ],
)
def test_a_member_who_says_who_they_are_gets_the_answer_to_the_question(
    shipped_retriever: Retriever, message: str, plain: str
) -> None:
    expected = shipped_retriever.answer(plain)
    answer = shipped_retriever.answer(message)
    assert expected.answered and answer.answered, message
    assert answer.citations[0].passage_id == expected.citations[0].passage_id, (message, answer.citations[0].snippet)
    assert "Le Drian" not in answer.citations[0].snippet and "ル・ドリアン" not in answer.citations[0].snippet


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("I'm writing a paper about Station F, who founded it?", "writing a paper about Station F"),
        ("was it signed here, in Paris?", "signed here"),
        ("署名したのは武藤です、合ってる？", "武藤"),  # the answer the member offers, not their name
        ("共同声明はパリです。", "パリ"),
        ("いや、2013年のほうです", "2013年のほう"),  # a correction, not a name (tests/cli/test_about_the_bot.py)
        ("いや、去年のほうです", "去年のほう"),
        ("いや、東京です", "東京"),  # a correction alone: 「{name}です」 introduces only before a question
        ("Is the signatory Muto? I'm not sure", "Muto"),
    ],
)
def test_an_introduction_never_takes_words_of_the_question(shipped_retriever: Retriever, message: str,
                                                           kept: str) -> None:
    assert kept in shipped_retriever.lexicon.clean(message).text


@pytest.mark.parametrize("message", ["Hi, I'm Jean!", "je suis Yves", "私は太郎です", "こんにちは、花子と申します。"])
def test_a_member_who_only_says_who_they_are_is_greeted(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(message)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.citations == []
    assert small_talk_key(answer) == "small_talk"  # the introduction with example questions, not a bare "ok"


def test_a_moderator_introduction_is_removed() -> None:
    lexicon = ChatLexicon([ChatPhrases("fr", ChatKind.INTRODUCTIONS, ("ici {name}",))])
    assert lexicon.clean("Ici Jean-Yves, qui a fondé Station F ?").text == ", qui a fondé Station F ?"
    assert lexicon.clean("ici Station F est connue ?").text == "ici Station F est connue ?"  # no comma: not a name


@pytest.mark.parametrize(
    ("phrases", "said"),
    [("[je suis]", "has no {name}"), ('["{name} here"]', "needs words before {name}")],
)
def test_an_introduction_without_its_slot_is_refused_with_its_line(phrases: str, said: str) -> None:
    text = f"type: chat\nlanguage: fr\ngreetings: [salut]\nintroductions: {phrases}\n"
    with pytest.raises(FileProblem) as problem:
        parse_file("chat/x.yaml", text.encode())
    assert problem.value.line == 4 and said in problem.value.message
