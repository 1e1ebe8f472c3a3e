"""Follow-ups: which questions lean on the previous one, and how long, where and for whom it is remembered."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations, leans_on_previous, subject_of
from bot.models import Answer, AnswerKind


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("question", "language"),
    [("and for Japan?", "en"), ("et quand ?", "fr"), ("それはどこで？", "ja"), ("who else?", "en"),
     ("Et la France ?", "fr"), ("What about it?", "en"), ("他には？", "ja")],
)
def test_short_questions_that_do_not_stand_alone(question: str, language: str) -> None:
    assert leans_on_previous(question, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Who signed the declaration?", "en"),
        ("Qui a fondé Station F ?", "fr"),
        ("共同声明に署名したのは誰ですか？", "ja"),
        ("What is J-Startup?", "en"),
        ("Quel est le rôle de Bpifrance et de la NEDO ?", "fr"),
    ],
)
def test_questions_that_stand_alone(question: str, language: str) -> None:
    assert not leans_on_previous(question, language)


def test_the_subject_is_the_question_without_what_it_asks() -> None:
    assert subject_of("Qui a signé la déclaration ?") == "a signé la déclaration"
    assert subject_of("共同声明に署名したのは誰ですか？") == "共同声明に署名した"


def answered(question: str, language: str = "en") -> Answer:
    return Answer(question, language, True)


def test_a_follow_up_is_read_with_the_subject_for_ten_minutes_same_member_same_place() -> None:
    clock = Clock()
    talk = Conversations(clock=clock)
    talk.remember(("alice", "general"), "Qui a signé la déclaration ?", "Qui a signé la déclaration ?",
                  answered("Qui a signé la déclaration ?", "fr"))
    assert talk.understand(("alice", "general"), "et quand ?", "fr") == ("et quand ? (a signé la déclaration)", "fr")
    assert talk.understand(("alice", "thread"), "et quand ?", "fr") == ("et quand ?", "fr")  # another place
    assert talk.understand(("bob", "general"), "et quand ?", "fr") == ("et quand ?", "fr")  # another member
    # asking nothing of its own, it takes the whole question; its language when its own is unclear
    assert talk.understand(("alice", "general"), "Japon ?", None) == ("Japon ? (Qui a signé la déclaration)", "fr")
    clock.now = 601.0
    assert talk.understand(("alice", "general"), "et quand ?", "fr") == ("et quand ?", "fr")  # too late


def test_a_chain_of_follow_ups_keeps_the_first_subject_and_small_talk_keeps_nothing() -> None:
    talk = Conversations(clock=Clock())
    place = ("alice", "dm")
    talk.remember(place, "Who founded Station F?", "Who founded Station F?", answered("Who founded Station F?"))
    understood, _ = talk.understand(place, "and when?", "en")
    talk.remember(place, "and when?", understood, answered(understood))
    assert talk.understand(place, "where?", "en")[0] == "where? (founded Station F)"
    talk.remember(place, "hi", "hi", Answer("hi", "en", False, kind=AnswerKind.SMALL_TALK))
    assert talk.understand(place, "where?", "en")[0] == "where? (founded Station F)"


def test_questions_that_stand_alone_are_left_as_they_are() -> None:
    talk = Conversations(clock=Clock())
    talk.remember("p", "Who founded Station F?", "Who founded Station F?", answered("Who founded Station F?"))
    assert talk.understand("p", "When was the declaration signed?", "en")[0] == "When was the declaration signed?"
