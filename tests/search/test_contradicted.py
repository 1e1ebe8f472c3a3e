"""A count a wh-question takes for granted and the quotes deny gets "not found" (bot.search.contradicted); the same
question with the corpus's count, and the yes/no question asking whether, are still answered."""

from __future__ import annotations

import pytest
from answers import not_found

from bot.search.analysis import analyze
from bot.search.contradicted import contradicted, counts
from bot.search.retriever import Retriever


def _tokens(text: str, language: str = "en") -> list[str]:
    return analyze(text, language)


def test_counts_are_read_by_value_with_the_word_they_count() -> None:
    assert counts(_tokens("Nine start-ups pitched"), "en") == {9: frozenset({"startup"})}
    assert counts(_tokens("the 160th anniversary"), "en") == {160: frozenset({"anniversari"})}
    assert counts(_tokens("neuf start-up", "fr"), "fr") == {9: frozenset({"startup"})}
    assert counts(_tokens("signed on 13 July 2018 after the treaty of 1858"), "en") == {}  # days and years


def test_another_count_of_the_same_thing_contradicts_unless_one_quote_states_the_asked_count() -> None:
    asked = _tokens("Which ten start-ups pitched?")
    assert contradicted(asked, "en", [(_tokens("Nine start-ups pitched at Station F."), "en")])
    assert contradicted(asked, "en", [(_tokens("Neuf start-up ont fait un pitch.", "fr"), "fr")])
    assert not contradicted(asked, "en", [(_tokens("Nine start-ups pitched."), "en"),
                                          (_tokens("Ten start-ups applied."), "en")])
    assert not contradicted(asked, "en", [(_tokens("Nine ministers came."), "en")])  # another thing counted
    assert not contradicted(_tokens("Which start-ups pitched?"), "en", [(_tokens("Nine start-ups pitched."), "en")])


@pytest.mark.parametrize("question", [
    "What events marked the 150th anniversary of France–Japan relations in 2018?",
    "Why did the declaration mark the 150th anniversary of France–Japan relations?",
    "Quelles sont les douze start-up qui ont pitché à Station F ce soir-là ?",
])
def test_a_count_the_sources_deny_gets_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("Which anniversary of France–Japan relations did the declaration mark?", "160"),
    ("What did the 160th anniversary of France–Japan relations celebrate?", "160"),
    ("Quelles sont les neuf start-up qui ont pitché à Station F ce soir-là ?", "neuf"),
    ("Was 2018 the 150th anniversary of France–Japan relations?", "160"),  # asks whether: the quote settles it
])
def test_the_count_the_sources_give_and_the_yes_no_question_are_answered(
        shipped_retriever: Retriever, question: str, fact: str) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, answer.reason
    assert any(fact in c.snippet.casefold() for c in answer.citations), [c.snippet for c in answer.citations]
