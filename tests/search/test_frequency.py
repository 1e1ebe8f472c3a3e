"""How common words are (bot.search.frequency): what a question word weighs when the corpus has it or not."""

from __future__ import annotations

import pytest

from bot.search.frequency import WordFrequencies


@pytest.fixture(scope="module")
def words() -> WordFrequencies:
    return WordFrequencies()


def test_an_everyday_word_the_corpus_has_says_less_than_a_specific_one(words: WordFrequencies) -> None:
    assert words.informativeness("avant", "fr") < words.informativeness("signature", "fr") <= 1.0
    assert words.informativeness("day", "en") < words.informativeness("declaration", "en")
    assert words.informativeness(("話",), "ja") < words.informativeness(("署名",), "ja")
    assert words.informativeness("2019", "en") == 1.0  # numbers always count


def test_an_inflected_word_is_as_common_as_its_family(words: WordFrequencies) -> None:
    assert words.zipf("listées", "fr") < 3.0
    assert words.family_zipf("listées", "fr") >= words.zipf("liste", "fr")
    assert words.rarity("listées", "fr") < 0.2  # an everyday verb, however inflected, weighs little
    assert words.rarity("Akahoshi", "en") == 1.0
    assert words.family_zipf("x" * 2000, "fr") == 0.0
