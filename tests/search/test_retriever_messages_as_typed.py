"""Outsider trial 6, retrieval (R1–R11): what a member sees for messages as they typed them, on the shipped corpus.
Each message goes the way `python -m bot ask "…"` takes it: ``clean_question`` (what the log keeps), then the
retriever; a follow-up also through ``Conversations``."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations
from bot.models import Answer, AnswerKind
from bot.questions import clean_question
from bot.search.retriever import Retriever

SIGNATORIES = "Mahjoubi"  # what the answer to "who signed?" names


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


def ask(retriever: Retriever, message: str) -> Answer:
    return retriever.answer(clean_question(message))


@pytest.mark.parametrize(
    "message",
    [
        "مرحبا who signed?",  # R1: a greeting in a script no served language writes
        "who signed? **bold** [click](http://evil.example) ||spoiler|| `code`",  # R3: Discord Markdown
        "# HUGE heading\nwho signed?",  # R4: a heading over the question
        "-# small print\nwho signed?",
        "who signed? " + "a" * 1950,  # R5: a word longer than any word
        "who signed the declaration number 1",  # R8: a rank the corpus does not number
        "who signed the 1st declaration",
        "W H O   S I G N E D",  # R11: letters spelt out
    ],
)
def test_what_is_written_around_who_signed_does_not_hide_the_signatories(retriever: Retriever, message: str) -> None:
    answer = ask(retriever, message)
    assert answer.answered, answer.reason
    assert answer.language == "en"
    assert SIGNATORIES in answer.citations[0].snippet


def test_a_whole_question_in_a_spoiler_or_a_heading_is_still_the_question(retriever: Retriever) -> None:
    for message in ("||who signed?||", "# who signed?", "> who signed?", "who signed **the declaration**?"):
        answer = ask(retriever, message)
        assert answer.answered and SIGNATORIES in answer.citations[0].snippet, message


def test_a_question_in_a_script_no_served_language_writes_is_not_answered(retriever: Retriever) -> None:
    assert not ask(retriever, "кто подписал декларацию?").answered


def test_letters_spelt_out_are_read_as_the_commonest_words_they_spell(retriever: Retriever) -> None:
    answer = ask(retriever, "Q U I a signé ?")
    assert answer.language == "fr" and answer.answered and SIGNATORIES in answer.citations[0].snippet


def test_who_are_you_said_casually_gets_the_introduction(retriever: Retriever) -> None:
    for message in ("t'es qui toi", "t'es qui toi ?", "et toi t'es qui"):  # R7
        answer = ask(retriever, message)
        assert answer.kind is AnswerKind.SMALL_TALK and not answer.citations, message


@pytest.mark.parametrize("message", ["ééééé", "twice"])
def test_a_word_the_corpus_lacks_after_a_question_is_no_follow_up(retriever: Retriever, message: str) -> None:
    """R6: read with the last subject, it got the last answer again; alone, it is not found."""
    talk = Conversations(clock=lambda: 0.0)
    answer = retriever.answer("who signed?", "en")
    talk.remember("p", "who signed?", "who signed?", answer)
    understood, language = talk.understand("p", message, None, retriever)
    assert understood == message
    assert not retriever.answer(understood, language).answered
    assert talk.understand("p", "and when?", "en", retriever)[0] == "and when? (signed)"  # a follow-up still leans


def test_the_log_keeps_the_heading_on_its_own_line(retriever: Retriever) -> None:
    assert clean_question("# HUGE  heading\n\n  who   signed?") == "# HUGE heading\nwho signed?"
    assert clean_question("hello\n  who   signed?") == "hello who signed?"


@pytest.mark.parametrize(
    "sign_off",
    ["thank you in advance", "thx in advance", "ty in advance", "thanks for your help", "any help appreciated",
     "merci d'avance pour votre aide", "merci pour votre aide", "toute aide est la bienvenue", "de l'aide svp"],
)
def test_a_sign_off_thanking_for_help_does_not_change_the_quote(retriever: Retriever, sign_off: str) -> None:
    """attack20: "who signed the declaration? thx in advance" quoted a passage on research cooperation, and « … ?
    merci pour votre aide » NHK's report: "advance" and "help" / « aide » are corpus words. Sign-offs are chat
    phrases (knowledge/chat/), and alone they are small talk."""
    question = "qui a signé la déclaration ?" if "aide" in sign_off else "who signed the declaration?"
    answer = ask(retriever, f"{question} {sign_off}")
    assert answer.answered, answer.reason
    assert SIGNATORIES in answer.citations[0].snippet
    assert ask(retriever, sign_off).kind is AnswerKind.SMALL_TALK


@pytest.mark.parametrize(
    ("message", "names"),
    [("who signed the declaration? <3", SIGNATORIES), ("qui a signé la déclaration ? <3", SIGNATORIES),
     ("共同声明に署名したのは誰ですか？<3", "ジェニ"), ("who signed the declaration? +1", SIGNATORIES),
     ("who signed the declaration? @Moderators", SIGNATORIES),  # a name typed after "@", not made a mention
     ("@Jean qui a signé la déclaration ?", SIGNATORIES)],
)
def test_a_heart_a_plus_one_or_a_name_called_does_not_hide_the_answer(retriever: Retriever, message: str,
                                                                      names: str) -> None:
    """attack20: "<3" and "+1" were the numbers 3 and 1, which the quotes had to hold, and "@Moderators" a name they
    had to hold: each got "not found"."""
    answer = ask(retriever, message)
    assert answer.answered, answer.reason
    assert names in answer.citations[0].snippet
    assert answer.language == ("fr" if "qui" in message else "ja" if "声明" in message else "en")
