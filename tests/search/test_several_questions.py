"""Outsider trial 9 (M3): a message asking two questions was "not found" when its words, searched together, matched
no passage, though its first question alone is answered. Pure splitting, then on the shipped corpus."""

from __future__ import annotations

import pytest

from bot.search.retriever import Retriever
from bot.search.several import first_of_several, split_questions


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("Elle a été signée où ? Et par combien de ministres ?", "Elle a été signée où ?"),
        ("署名はどこで？何人の大臣が署名した？", "署名はどこで？"),
        ("Where was it signed?? And by whom?", "Where was it signed??"),
    ],
)
def test_the_first_of_several_questions(message: str, first: str) -> None:
    assert first_of_several(message) == first


@pytest.mark.parametrize(
    "message",
    [
        "Where was it signed?",  # one question
        "Who signed it? I read it was in Tokyo",  # ends on words that ask nothing
        "y avait une start-up qui check si ton sac est une contrefaçon avec une photo ?? elle sort d'où 😂",
        "What is JETRO and who runs it?",  # two questions with one mark: read whole
    ],
)
def test_a_message_asking_one_question_is_not_split(message: str) -> None:
    assert first_of_several(message) is None


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Elle a été signée où ? Et par combien de ministres ?", "Paris"),  # trial 9
        ("署名はどこで？何人の大臣が署名した？", "パリ"),
        ("Quand a été signée la déclaration ? Et où ?", "2018"),
    ],
)
def test_a_message_of_two_questions_gets_at_least_the_first_answered(
    shipped_retriever: Retriever, message: str, expected: str
) -> None:
    answer = shipped_retriever.answer(message)
    assert answer.answered, (message, answer.reason)
    assert answer.question == message  # logged as the member asked it
    # quoted first, or beside the answer to the other question when the message is answered whole (何人の大臣: the
    # signatories named, then パリ)
    assert any(expected in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]


@pytest.mark.parametrize(
    "message",
    [
        "Snipsはその後どうなったの？買収された？",  # blind D's near-miss: the second alone would find a word
        "Who won the 2018 World Cup? And where was the declaration signed?",  # the first is not in the corpus
    ],
)
def test_a_later_question_is_never_answered_alone(shipped_retriever: Retriever, message: str) -> None:
    assert not shipped_retriever.answer(message).answered


@pytest.mark.parametrize("message, language, parts", [
    ("Was it signed in Tokyo? And who was there for Japan?", "en",
     ["Was it signed in Tokyo?", "And who was there for Japan?"]),
    ("What is JETRO and who runs it?", "en", ["What is JETRO", "and who runs it?"]),
    ("C'est quand et c'est où ?", "fr", ["C'est quand", "et c'est où ?"]),
    ("Elle a été signée où ? Et par combien de ministres ?", "fr",
     ["Elle a été signée où ?", "Et par combien de ministres ?"]),
    ("いつ署名されて、誰が署名した？", "ja", ["いつ署名されて", "誰が署名した？"]),
])
def test_two_questions_are_cut_apart(message: str, language: str, parts: list[str]) -> None:
    assert split_questions(message, language) == parts


@pytest.mark.parametrize("message, language", [
    ("Who signed the France and Japan declaration?", "en"),
    ("What is the declaration on innovation and digital economy?", "en"),
    ("salut, c'était où la signature ? à tokyo ?", "fr"),  # a guess at the answer is no second question
    ("hello y avait quelles startups au pitch ? des exemples ?", "fr"),
    ("Qui représentait la France et le Japon ?", "fr"),
    ("ロボットスーツの発表があったってほんと？どんなやつ？", "ja"),
    ("Who? What? When? Where?", "en"),  # more than MAX_PARTS: answered whole
    ("and when? (was the declaration signed)", "en"),  # a follow-up read with its subject (bot.conversation)
    ("qui a signé ? (c'est pour un exposé)", "fr"),  # a remark in brackets
    ("いつ？（署名したのは誰ですか）", "ja"),
])
def test_one_question_stays_whole(message: str, language: str) -> None:
    assert split_questions(message, language) == [message]
