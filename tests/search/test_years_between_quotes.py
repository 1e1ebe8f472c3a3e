"""Two pieces of a member's question the quotes answer together (issue 10).

"How many years before the signing did French Tech start?" asks for two years the member subtracts: one quote says
French Tech began at the end of 2013, another that the declaration was signed in 2018; no single passage holds both,
and the bot used to say "not found". In a Japanese question, English words typed in lower case ("launch event で
pitch した") are words, not names the quotes must all hold: "how many pitched?" is answered by the count."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.evidence import names_in
from bot.search.kinds import years_across
from bot.search.retriever import Retriever


@pytest.mark.parametrize(("texts", "two"), [
    (["French Tech started at the end of 2013.", "The declaration was signed on 13 July 2018."], True),
    (["フレンチテックは2013年末に始まった。", "2013年の話です。"], False),
    (["signed in 2018", "a campus opened in 2017"], True),
    (["nine startups pitched", "on 13 July 2018"], False),
])
def test_years_across_quotes(texts: list[str], two: bool) -> None:
    assert years_across(texts) is two


@pytest.mark.parametrize(("question", "fact"), [
    ("フレンチテックは署名の何年前に始まったの？", "2013"),
    ("La French Tech a été lancée combien d'années avant J-Startup ?", "2013"),
])
def test_years_before_the_signing_are_answered_with_the_start(shipped_retriever: Retriever, question: str,
                                                             fact: str) -> None:
    answered_with(shipped_retriever, question, fact)


def test_english_words_in_lower_case_are_no_names_in_japanese(shipped_retriever: Retriever) -> None:
    names = names_in("Station F の launch event で pitch した Snips", "ja", shipped_retriever.frequencies)
    assert {"launch", "event", "pitch"}.isdisjoint(names)
    assert "snips" in names


def test_a_japanese_count_asked_with_english_words_is_answered(shipped_retriever: Retriever) -> None:
    answer = shipped_retriever.answer("Station F の launch event で pitch したスタートアップって全部で何社？")
    assert answer.answered, answer.reason
    assert any("9社" in c.snippet or "Nine" in c.snippet for c in answer.citations[:3])


def test_two_years_given_are_answered_by_a_quote_for_each(shipped_retriever: Retriever) -> None:
    """Blind T: "both the 2013 statement and the 2015 launch" asks of two things, each told by a passage of its own;
    the best quote was asked to hold both years, and the answer was "not found"."""
    answer = shipped_retriever.answer("Which Japanese prime minister took part in both the 2013 joint statement and the"
                                      " 2015 Innovation Year launch?")
    assert answer.answered, answer.reason
    quoted = [c.snippet for c in answer.citations]
    assert "Abe" in quoted[0]
    assert any("2013" in q for q in quoted) and any("2015" in q for q in quoted), quoted


@pytest.mark.parametrize(("question", "apart"), [
    ("Which Japanese prime minister took part in both the 2013 joint statement and the 2015 Innovation Year launch?",
     {"2013", "2015"}),
    ("Quelles manifestations ont eu lieu à Paris les 12 et 14 juillet ?", set()),  # days: not yet
    ("2018年7月14日、安倍首相はこの声明についてどんなコメントを出しましたか？", set()),  # a month and a day: one date
    ("Since the declaration was signed on 14 February 2019, what happened at the launch?", set()),  # one date
    ("What happened in 2015?", set()),
])
def test_numbers_apart_are_years_of_things_apart(shipped_retriever: Retriever, question: str,
                                                         apart: set[str]) -> None:
    query = shipped_retriever.parse(question)
    assert {u.token for u in shipped_retriever.numbers_apart(query)} == apart


def test_a_day_and_a_year_are_one_date_the_best_quote_holds(shipped_retriever: Retriever) -> None:
    not_found(shipped_retriever, "Since the declaration was signed on 14 February 2019, what happened at the launch?")
