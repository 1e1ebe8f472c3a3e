"""A thing asked for by its kind ("which news agency?", « quelle agence de presse ? », どの通信社): a quote naming a
thing the glossary describes as of that kind answers it (Xinhua is a news agency, Station F an incubator), though no
word of the kind stands beside the name. A list asked for ("which incubators?") or a kind word inside a name the
question gives (« la Banque du Japon ») is not answered so."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found, quoted_first

from bot.models import GlossaryEntry
from bot.search.evidence import described_kinds, kinds_asked
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(("question", "name"), [
    ("Quelle agence de presse a rapporté le 14 juillet 2018 la réaction des ministres des Affaires étrangères à la "
     "déclaration ?", "Xinhua"),
    ("The « partenariat d'exception » headline of 14 July 2018 — which news agency ran it?", "Xinhua"),
    ("Which incubator « initiée par Xavier Niel » hosted the launch evening?", "Station F"),
])
def test_a_thing_of_the_kind_asked_is_named_by_a_quote(retriever: Retriever, question: str, name: str) -> None:
    answered_with(retriever, question, name)


@pytest.mark.parametrize("question", [
    "bonjour, quelle agence de presse a rapporté la réaction des ministres ?",  # not the Élysée's « communiqué de
    # presse », which a source asked about had opened on
    "Quelle agence de presse d'État chinoise a rendu compte de l'accueil réservé au texte par les deux chefs de la "
    "diplomatie ?",
])
def test_the_quote_naming_a_thing_of_the_kind_asked_comes_first(retriever: Retriever, question: str) -> None:
    quoted_first(retriever, question, "Xinhua")


@pytest.mark.parametrize("question", [
    "Which Paris incubators agreed to take in Japanese start-ups under the declaration?",
    "Quels incubateurs parisiens se sont engagés à accueillir des start-up japonaises grâce à l'accord ?",
    "Quelle part la Banque du Japon prend-elle dans les projets cofinancés par la NEDO et Bpifrance ?",
    "quels investisseurs japonais étaient là ?",  # JETRO gathered groups and investors: none is named
    "which investors came to station f?",
])
def test_a_list_of_the_kind_or_a_name_holding_the_kind_is_not_answered_so(retriever: Retriever, question: str) -> None:
    not_found(retriever, question)


def test_the_kind_asked_is_one_thing_of_a_kind_not_a_list_nor_a_name() -> None:
    assert kinds_asked("Which news agency ran the story?", "en") == ("news agency",)
    assert kinds_asked("どの通信社が報じましたか？", "ja") == ("通信社",)
    assert kinds_asked("Which incubators took part?", "en") == ()
    assert kinds_asked("Quelle part la Banque du Japon prend-elle ?", "fr") == ()


def test_each_word_a_description_gives_leads_to_the_things_it_describes() -> None:
    entry = GlossaryEntry(id="xinhua", terms=("Xinhua", "新華社"), described=((("Chinese", "中国"),
                                                                              ("news agency", "通信社")),))
    kinds = described_kinds([entry])
    assert kinds["news agency"] == kinds["通信社"] == frozenset({"xinhua", "新華社"})
