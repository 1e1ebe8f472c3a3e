"""How common words are (bot.search.frequency): what a question word weighs when the corpus has it or not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.search.frequency import FREQUENCIES_NAME, WordFrequencies


@pytest.fixture(scope="module")
def words() -> WordFrequencies:
    return WordFrequencies()


def test_an_everyday_word_the_corpus_has_says_less_than_a_specific_one(words: WordFrequencies) -> None:
    assert words.informativeness("avant", "fr") < words.informativeness("signature", "fr") <= 1.0
    assert words.informativeness("day", "en") < words.informativeness("declaration", "en")
    assert words.informativeness(("話",), "ja") < words.informativeness(("署名",), "ja")
    assert words.informativeness("2019", "en") == 1.0  # numbers always count


def test_a_kanji_number_before_a_counter_is_an_everyday_word(words: WordFrequencies) -> None:
    assert words.zipf("一人", "ja") == words.zipf("人", "ja") > 4.0  # the list has 一 and 人, not 一人: it was 0
    assert words.zipf("二十社", "ja") == words.zipf("社", "ja") > 3.0
    assert words.zipf("統一", "ja") > 0 and words.zipf("一部", "ja") > 0  # words of their own, read as they are


def test_an_inflected_word_is_as_common_as_its_family(words: WordFrequencies) -> None:
    assert words.zipf("listées", "fr") < 3.0
    assert words.family_zipf("listées", "fr") >= words.zipf("liste", "fr")
    assert words.rarity("listées", "fr") < 0.2  # an everyday verb, however inflected, weighs little
    assert words.rarity("Akahoshi", "en") == 1.0
    assert words.family_zipf("x" * 2000, "fr") == 0.0


def test_a_restart_reads_the_saved_tables_and_weighs_words_the_same(
    words: WordFrequencies, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    saved = tmp_path / FREQUENCIES_NAME
    WordFrequencies(saved)
    assert saved.exists()
    with caplog.at_level(logging.INFO, logger="bot.search.frequency"):
        again = WordFrequencies(saved)
    assert not caplog.records  # read back, not made again
    assert again.everyday == words.everyday
    for word, language in [("avant", "fr"), ("listées", "fr"), ("day", "en"), ("Akahoshi", "en"), ("話", "ja"),
                           ("署名", "ja"), ("quokkas", "en"), ("été", "fr")]:
        assert again.zipf(word, language) == words.zipf(word, language)
        assert again.rarity(word, language) == words.rarity(word, language)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_saved_tables_are_made_again_with_one_log_line(
    words: WordFrequencies, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    saved = tmp_path / FREQUENCIES_NAME
    WordFrequencies(saved)
    data = bytearray(saved.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 3] ^= 0xFF
    saved.write_bytes(bytes(data))
    with caplog.at_level(logging.INFO, logger="bot.search.frequency"):
        again = WordFrequencies(saved)
    assert len(caplog.records) == 1 and "making them again" in caplog.records[0].getMessage()
    assert again.zipf("signature", "fr") == words.zipf("signature", "fr")
    assert again.everyday == words.everyday
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.search.frequency"):
        WordFrequencies(saved)  # rewritten
    assert not caplog.records
