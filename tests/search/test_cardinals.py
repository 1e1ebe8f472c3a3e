"""A small count typed in digits is found as the sources write it, in words (issue 10): "the 3 principles" is
"three principles", « les 3 grands principes » « trois principes », 原則って3つ 三つの原則. The corpus has no token "3",
so these questions abstained ("a number given" must be quoted) although one passage answers them. A number that
labels (article 3) or dates (3 July) is no count and is not read as one."""

from __future__ import annotations

import pytest
from answers import not_found

from bot.search.cardinals import counts, spelt_counts, written_out
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(("question", "principles"), [
    ("What are the 3 principles the cooperation rests on?", "three principles"),
    ("the declaration has 3 principles right? equality and what else", "three principles"),
    ("Quels sont les 3 principes de la coopération ?", "trois principes"),
    ("c quoi les 3 grands principes du texte ??", "trois principes"),
    ("共同声明の3つの原則を教えて", "三つの原則"),
    ("原則って3つだっけ？相互主義と何？", "三つの原則"),
])
def test_a_count_in_digits_is_answered_by_the_passage_writing_it_out(
    retriever: Retriever, question: str, principles: str
) -> None:
    answer = retriever.answer(question)
    assert answer.answered, f"{question!r} abstained ({answer.reason})"
    assert principles in answer.citations[0].snippet, [c.snippet for c in answer.citations]


@pytest.mark.parametrize("question", [
    "What does article 3 of the declaration say?",
    "What happened on 3 July 2018?",
])
def test_a_number_that_labels_or_dates_is_not_read_as_a_count(retriever: Retriever, question: str) -> None:
    not_found(retriever, question)


def test_which_digits_count() -> None:
    assert counts("les 3 grands principes", "fr") == {"3"}
    assert counts("原則って3つ、企業は4社", "ja") == {"3", "4"}
    for label_or_date in ("article 3 of the declaration", "le 3 juillet", "n°3 du texte", "3月に", "第3条", "at 3:30"):
        assert counts(label_or_date, "fr" if " le " in f" {label_or_date}" else "en" if label_or_date.isascii()
                      else "ja") == frozenset(), label_or_date


def test_two_to_ten_are_written_out_in_every_language_and_nothing_else() -> None:
    assert written_out("3") == {"trois", "three", "三"}
    assert {"dix", "ten", "十"} <= written_out("10")
    assert written_out("1") == written_out("11") == written_out("2018") == written_out("03") == frozenset()
    assert spelt_counts("What is the capital of Japan?", "en") == {}
