"""Countries a text names (bot.search.countries): ISO names, everyday names, demonyms, and case."""

from __future__ import annotations

import pytest

from bot.search.countries import Countries


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("l'Allemagne et le Japon", {"DE", "JP"}),
        ("has germany signed a similar declaration with japan?", {"DE", "JP"}),  # no capitals: case says nothing
        ("l'italie a signé un accord ?", {"IT"}),
        ("Which Italian startups pitched?", {"IT"}),  # demonyms and adjectives, in any case
        ("quelles start-up israéliennes ?", {"IL"}),
        ("des groupes chinois", {"CN"}),
        ("des start-up allemandes", {"DE"}),
        ("the UK–Japan partnership", {"GB", "JP"}),  # everyday names ISO lacks
        ("why did the US protest?", {"US"}),
        ("アメリカはなぜ抗議したの？", {"US"}),
    ],
)
def test_a_country_is_named_by_its_name_adjective_or_everyday_name(countries: Countries, text: str, codes) -> None:
    assert countries.named(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "une réunion de suivi avec Mounir Mahjoubi",  # a capital tells a name: not La Réunion
        "what did the jetro guy say about us?",  # "us", lower case, is a word
        "What is the full English title?",  # a language, not a country
        "la feuille de route signée par Hollande et Abe",  # François Hollande
        "the chin of the robot",
        "ステーションFの広さは何平米？",
    ],
)
def test_words_that_only_look_like_countries_name_none(countries: Countries, text: str) -> None:
    assert countries.named(text) == frozenset()


def test_the_additions_can_be_turned_off_for_calibration() -> None:
    plain = Countries(aliases={}, demonyms=False, uncased=False)
    assert plain.named("has germany signed?") == frozenset()
    assert plain.named("Italian startups") == frozenset()
    assert plain.named("the UK") == frozenset()
    assert plain.named("l'Italie") == {"IT"}
