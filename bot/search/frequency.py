"""How common a word is in everyday French, English and Japanese (wordfreq, offline), to weigh unknown words.

A question word the corpus does not contain used to weigh the corpus's highest IDF, so "job", "about" or
要するに outweighed the names the corpus did match. Its weight now follows its rarity in the language: an
everyday word weighs little, a word no frequency list knows (a name, a specific thing, a number) weighs fully.
"""

from __future__ import annotations

import math
import unicodedata

import wordfreq

# Zipf scale: log10 of occurrences per billion words ("the" ≈ 7.7, "job" 5.5, "nutshell" 3.4, a name ≈ 0-2).
COMMON_ZIPF = 4.5  # a word at least this common weighs RARITY_FLOOR of an unknown word
RARE_ZIPF = 2.5  # a word at most this common weighs as much as an unknown word
RARITY_FLOOR = 0.05
EVERYDAY_ZIPF = 3.0  # the everyday words typos are corrected into (about 30,000 per language)
LANGUAGES = ("fr", "en", "ja")


def fold(word: str) -> str:
    """Case and accents folded, as the analysis folds Latin words ("Rôle" → "role")."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


class WordFrequencies:
    """Zipf frequencies from wordfreq's bundled lists (no network), cached per word; built once in main()."""

    def __init__(self) -> None:
        """Loads the three lists now (~0.3 s, ~100 MB): a first question must not stall a worker holding the GIL."""
        self._cache: dict[tuple[str, str], float] = {}
        self._tables: dict[str, dict[str, float]] = {lang: wordfreq.get_frequency_dict(lang) for lang in LANGUAGES}
        self.everyday: dict[str, dict[str, float]] = {}  # Latin languages: folded everyday word -> Zipf
        floor = 10 ** (EVERYDAY_ZIPF - 9)
        for lang in ("fr", "en"):
            table: dict[str, float] = {}
            for word, frequency in self._tables[lang].items():
                if frequency >= floor and word.isalpha():
                    key = fold(word)
                    table[key] = max(table.get(key, 0.0), _zipf(frequency))
            self.everyday[lang] = table

    def zipf(self, word: str, language: str) -> float:
        """Zipf frequency of ``word`` (as written, accents kept) in ``language``; 0 when no list has it.

        Japanese words are looked up whole in the Japanese list (a morpheme or a run of one script), which
        needs no word splitter; a Latin word is as common as it is in its language or in English, whichever
        is more (members mix them).
        """
        key = (word, language)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._lookup(word.casefold(), language)
        return found

    def _lookup(self, word: str, language: str) -> float:
        if not word or len(word) > 60:
            return 0.0
        word = unicodedata.normalize("NFKC", word)
        if not word.isascii() and any("\u3040" <= c <= "\u9fff" for c in word):
            return _zipf(self._tables["ja"].get(word, 0.0))
        languages = {language if language in ("fr", "en") else "en", "en"}
        return max(_zipf(self._tables[lang].get(word, 0.0)) for lang in languages)

    def rarity(self, word: str, language: str) -> float:
        """Weight factor of a word the corpus lacks: RARITY_FLOOR for an everyday word … 1 for a rare one.

        Numbers are always rare: a year the corpus lacks ("in 2023?") is what makes a question out of scope.
        """
        if any(c.isdigit() for c in word):
            return 1.0
        zipf = self.zipf(word, language)
        share = (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)
        return min(1.0, max(RARITY_FLOOR, share))


def _zipf(frequency: float) -> float:
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0
