"""Whether a thing existed at a year ("was Station F already open in 2016?", « ça existe depuis 2015 ? »): the year is
the member's guess, and the quote dating the thing's start answers it (issue 10). A thing whose start no source dates
still abstains."""

from __future__ import annotations

import paths
import pytest
from answers import quoted_first

from bot.search.kinds import Kind, asked_kinds
from bot.search.retriever import Retriever

pytestmark = pytest.mark.skipif(not paths.SHIPPED_KNOWLEDGE.is_dir(), reason="needs knowledge/")


@pytest.mark.parametrize(("question", "start"), [
    ("wsh station f c'était déjà ouvert en 2016 ou pas encore ? 🏢", "2017"),
    ("was station f already open in 2016?", "2017"),
    ("2016年にはステーションFはもうあった？", "2017"),
    # J-Startup's start, not French Tech's ("begun at the end of 2013"), which holds more of the words
    ("Did J-Startup exist in 2015?", "June 2018"),
    ("help : j-startup ça existe depuis genre 2015 ou c'est tout neuf ? 😬", "juin 2018"),
    # a date asked of a beginning (Kind.BEGAN): the quote dating the start leads, not the evening of 2018 at Station F
    # that holds more of the question's words
    ("when was french tech launched?", "2013"),
    ("ステーションFってできたの何年だっけ？", "2017"),
    ("@bot la Station F elle a ouvert quand ?", "2017"),
    ("À quelle période l'État français a-t-il démarré son label national pour les jeunes entreprises innovantes ?",
     "2013"),  # blind K: paraphrased, French Tech unnamed
    # blind AH: "national" is a word of French Tech's description (it met AIST, "Japan's National Institute…")
    ("when was france's national startup scheme born", "end of 2013"),
])
def test_the_quote_dating_the_start_answers_first(shipped_retriever: Retriever, question: str, start: str) -> None:
    quoted_first(shipped_retriever, question, start)


def test_a_thing_no_source_dates_still_abstains(shipped_retriever: Retriever) -> None:
    """Snips is described, never dated: French Tech's start is no answer."""
    answer = shipped_retriever.answer("Did Snips already exist in 2015?")
    assert not answer.answered and answer.citations == []


@pytest.mark.parametrize(("question", "asked"), [
    ("Was Station F already open in 2016?", True),
    ("La French Tech existait-elle en 2012 ?", True),
    ("2016年にはステーションFはもうあった？", True),
    ("Was Station F open on Sundays?", False),  # no year: opening hours
    ("2019年にもステーションFで日仏スタートアップイベントはあった？", False),  # another event, not a start
    ("Did the declaration exist?", False),
])
def test_existing_at_a_year_is_asked(question: str, asked: bool) -> None:
    assert (Kind.EXISTED in asked_kinds(question)) is asked

