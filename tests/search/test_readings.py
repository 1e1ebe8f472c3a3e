"""Japanese readings (bot.search.readings): kana and kanji spellings of the same word meet."""

from __future__ import annotations

import paths
import pytest

from bot.knowledge.loader import load_knowledge
from bot.search.readings import ReadingLexicon, fold_reading, to_katakana
from bot.search.retriever import Retriever


def test_folding_forgets_what_spellings_disagree_on() -> None:
    assert to_katakana("すてーしょん") == "ステーション"
    assert fold_reading("ステーション") == fold_reading(to_katakana("すてしょん"))
    assert fold_reading("グザヴィエ") == fold_reading("グザビエ")


def test_hiragana_and_kanji_spellings_find_the_corpus_word() -> None:
    lexicon = ReadingLexicon(["赤星康はジェトロの理事長です。スニップスとステーションF。"])
    assert lexicon.matches("あかほしさんは誰ですか") == ["赤星"]
    assert lexicon.matches("すにっぷすってどんな会社？") == ["スニップス"]
    assert lexicon.matches("すてーしょんえふでのイベント") == ["ステーション"]
    assert lexicon.matches("これは何ですか") == []
    assert lexicon.matches("あ" * 2000) == []


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    return Retriever(load_knowledge(paths.SHIPPED_KNOWLEDGE))


@pytest.mark.parametrize(
    ("question", "expected"),
    [("すにっぷすってどんな会社？", "Snips"), ("じぇにーすてふぁんさんの肩書きは？", "ジェニ＝ステファン")],
)
def test_a_name_spelt_in_hiragana_is_answered(retriever: Retriever, question: str, expected: str) -> None:
    answer = retriever.answer(question, "ja")
    assert answer.answered and expected in " ".join(c.snippet for c in answer.citations)
