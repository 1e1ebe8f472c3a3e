"""Follow-ups: which questions lean on the previous one, and how long, where and for whom it is remembered."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations, leans_on_previous, names_its_own_subject, subject_of
from bot.models import Answer, AnswerKind
from bot.search.retriever import Retriever


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


def test_a_conversation_followed_into_a_thread_goes_on_there_and_is_taken_back_there_too() -> None:
    """Trial 6: the thread the bot opens for a question is where its follow-ups are asked; a deleted question's
    words must not come back there either."""
    talk = Conversations(clock=Clock())
    channel, thread = ("bob", "general"), ("bob", "thread")
    talk.remember(channel, "Qui a signé la déclaration ?", "Qui a signé la déclaration ?",
                  answered("Qui a signé la déclaration ?", "fr"), key=1)
    talk.follow(channel, thread)
    assert talk.understand(thread, "et quand ?", "fr") == ("et quand ? (a signé la déclaration)", "fr")
    assert talk.language(thread, None, "en") == "fr"
    talk.withdraw(1)  # bob deleted his question
    assert talk.understand(thread, "et quand ?", "fr") == ("et quand ?", "fr")
    assert talk.understand(channel, "et quand ?", "fr") == ("et quand ?", "fr")


def test_a_chain_of_follow_ups_keeps_the_first_subject_and_small_talk_keeps_nothing() -> None:
    talk = Conversations(clock=Clock())
    place = ("alice", "dm")
    talk.remember(place, "Who founded Station F?", "Who founded Station F?", answered("Who founded Station F?"))
    understood, _ = talk.understand(place, "and when?", "en")
    talk.remember(place, "and when?", understood, answered(understood))
    assert talk.understand(place, "where?", "en")[0] == "where? (founded Station F)"
    talk.remember(place, "hi", "hi", Answer("hi", "en", False, kind=AnswerKind.SMALL_TALK))
    assert talk.understand(place, "where?", "en")[0] == "where? (founded Station F)"


def test_a_follow_up_to_a_follow_up_replies_to_the_turn_before_as_understood() -> None:
    """Trial 9 (M1): "and when?" after "Who signed the declaration?" and "and for Japan?" was read with the first
    question alone, as if "and for Japan?" had not been said."""
    talk = Conversations(clock=Clock())
    place = ("alice", "dm")
    talk.remember(place, "Who signed the declaration?", "Who signed the declaration?",
                  answered("Who signed the declaration?"))
    understood, _ = talk.understand(place, "and for Japan?", "en")
    assert understood == "and for Japan? (Who signed the declaration)"
    talk.remember(place, "and for Japan?", understood, answered(understood))
    assert talk.understand(place, "and when?", "en")[0] == "and when? (for Japan, signed the declaration)"
    assert talk.understand(place, "and in 2019?", "en")[0] == "and in 2019? (for Japan, Who signed the declaration)"


def test_questions_that_stand_alone_are_left_as_they_are() -> None:
    talk = Conversations(clock=Clock())
    talk.remember("p", "Who founded Station F?", "Who founded Station F?", answered("Who founded Station F?"))
    assert talk.understand("p", "When was the declaration signed?", "en")[0] == "When was the declaration signed?"


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(
    ("question", "language", "own"),
    [
        ("JETRO?", None, True), ("what about 5G?", "en", True), ("et combien de start-up ?", "fr", True),
        ("Station F ?", None, True), ("and Macron?", "en", True), ("ジェトロは？", "ja", True),
        ("and in Japan?", "en", False), ("Japon ?", None, False), ("et quand ?", "fr", False),
        ("who else?", "en", False), ("and when did he arrive?", "en", False), ("それはいつ？", "ja", False),
        ("日本では？", "ja", False),
    ],
)
def test_a_short_message_names_its_own_subject_or_leans(
    retriever: Retriever, question: str, language: str, own: bool
) -> None:
    assert names_its_own_subject(question, language, retriever) is own


def test_small_talk_and_own_subjects_are_never_read_with_the_previous_subject(retriever: Retriever) -> None:
    talk = Conversations(clock=Clock())
    answer = retriever.answer("who signed?", "en")
    talk.remember("p", "who signed?", "who signed?", answer)
    for message in ("thanks", "ok cool", "lol", "merci", "thanks!!", "ありがとう", "ども！", "JETRO?"):
        assert talk.understand("p", message, "en", retriever)[0] == message
    assert talk.understand("p", "who else?", "en", retriever)[0] == "who else? (signed)"


@pytest.mark.parametrize("nonsense", ["Supercalifragilisticexpialidocious", "qsdfghjklmqsdfghjklmqsdfghjklmqs ?",
                                      "hkcimdehpkonycqsobngmssvyittyeexx"])
def test_a_word_no_language_writes_is_no_follow_up_but_not_found(retriever: Retriever, nonsense: str) -> None:
    """After "who signed?", a long nonsense word is not read with its subject (it was answered with the signatories);
    short follow-ups still are (and their answers stay: tests above)."""
    talk = Conversations(clock=Clock())
    talk.remember("p", "who signed?", "who signed?", retriever.answer("who signed?", "en"))
    understood = talk.understand("p", nonsense, "en", retriever)[0]
    assert understood == nonsense and not retriever.answer(understood, "en").answered
    for follow_up, language in (("and the French side?", "en"), ("et la date ?", "fr"), ("日付は？", "ja")):
        assert talk.understand("p", follow_up, language, retriever)[0] != follow_up


def test_a_message_in_no_clear_language_takes_the_members_previous_one_here() -> None:
    clock = Clock()
    talk = Conversations(clock=clock)
    assert talk.language("p", None, "en") == "en"
    talk.remember("p", "Qui est Muto ?", "Qui est Muto ?", answered("Qui est Muto ?", "fr"))
    assert talk.language("p", None, "en") == "fr" and talk.language("p", "ja", "en") == "ja"
    assert talk.language("q", None, "en") == "en"  # another place
    clock.now = 601.0
    assert talk.language("p", None, "en") == "en"


def test_only_a_follow_up_asking_for_more_leaves_out_what_was_quoted(retriever: Retriever) -> None:
    talk = Conversations(clock=Clock())
    answer = retriever.answer("who signed the declaration?", "en")
    talk.remember("p", "who signed the declaration?", "who signed the declaration?", answer)
    quoted = {c.passage_id for c in answer.citations}
    more = talk.understand("p", "who else?", "en", retriever)[0]
    assert talk.already_quoted("p", "who else?", more) == quoted
    again = retriever.answer(more, "en", leave_out=frozenset(quoted))
    assert not quoted & {c.passage_id for c in again.citations}
    when = talk.understand("p", "and when?", "en", retriever)[0]
    assert talk.already_quoted("p", "and when?", when) == frozenset()
    assert talk.already_quoted("p", "who else signed it, Muto?", "who else signed it, Muto?") == frozenset()


def test_tell_me_more_in_another_language_asks_the_last_question_in_that_language(retriever: Retriever) -> None:
    """"who signed?" then « plus de détails » raised AttributeError (the knowledge base handed where the retriever
    was due): the member got a traceback instead of more on the signatories, in French."""
    talk = Conversations(clock=Clock())
    answer = retriever.answer("who signed the declaration?", "en")
    talk.remember("p", "who signed the declaration?", "who signed the declaration?", answer)
    more, language = talk.understand("p", "plus de détails", "fr", retriever)
    assert more.startswith("plus de détails (") and "sign" in more and "who" not in more and language == "fr"
    again = retriever.answer(more, "fr", leave_out=talk.already_quoted("p", "plus de détails", more))
    assert again.answered and again.language == "fr"


def test_a_question_in_romaji_is_answered_from_the_japanese_passages(retriever: Retriever) -> None:
    who = retriever.answer("muto san tte dare")
    assert who.answered and who.language == "ja"
    assert who.citations[0].passage_id.split("#")[0].endswith("-ja") and "武藤容治" in who.citations[0].snippet
    what = retriever.answer("station f tte nani")
    assert what.answered and what.language == "ja" and "ステーションF" in what.citations[0].snippet
