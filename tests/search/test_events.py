"""The two events a "how many years between A and B?" question dates, each searched on its own (bot.search.events)."""

from __future__ import annotations

import pytest

from bot.search.events import MAX_CUTS, two_events
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    ("question", "language", "events"),
    [
        ("How many years between the start of French Tech and the signing of the declaration?", "en",
         ("the start of French Tech", "the signing of the declaration")),
        ("Combien d'années entre le lancement de la French Tech et la signature ?", "fr",
         ("le lancement de la French Tech", "la signature")),
        ("フレンチテックが始まってから共同声明が結ばれるまで、何年？", "ja",
         ("フレンチテックが始まって", "共同声明が結ばれる")),
    ],
)
def test_the_two_events_are_cut_out_of_the_question(question: str, language: str, events: tuple[str, str]) -> None:
    assert two_events(question, language)[0] == events


def test_separate_offers_each_cut_at_a_de() -> None:
    question = "Combien d'années séparent les débuts de la French Tech de la signature de la déclaration ?"
    cuts = two_events(question, "fr")
    assert ("les débuts de la French Tech", "la signature de la déclaration") in cuts


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Combien d'années de liens officiels entre Paris et Tokyo célébrait-on ?", "fr"),  # two places, no events
        ("When was the declaration signed?", "en"),
    ],
)
def test_no_two_events_no_cut(question: str, language: str) -> None:
    assert two_events(question, language) == []


@pytest.mark.parametrize(
    ("question", "dates"),
    [
        # the quotes on French Tech and the declaration together dated neither: it abstained (wrong kind)
        ("How many years between the start of French Tech and the signing of the declaration?", ("2013", "2018")),
        # « années » met « l'Année de l'innovation 2015-2016 »: 2015 and 2018 were quoted, not 2013 (blind Y)
        ("Combien d'années environ séparent les débuts de la French Tech de la signature de la déclaration ?",
         ("2013", "2018")),
    ],
)
def test_each_event_asked_is_dated_by_a_quote(shipped_retriever: Retriever, question: str,
                                              dates: tuple[str, str]) -> None:
    answer = shipped_retriever.answer(question)
    shown = " ".join(c.snippet for c in answer.citations)
    assert answer.answered and all(year in shown for year in dates), shown


def test_a_message_of_many_de_offers_a_bounded_number_of_cuts() -> None:
    """Each cut is two searches: sixty « de » (a pasted wall of text) must not make sixty questions of one."""
    question = "Combien d'années séparent " + " ".join(["les débuts de la French Tech"] * 60) + " ?"
    assert 0 < len(two_events(question, "fr")) <= MAX_CUTS
