"""How common a word is in everyday French, English and Japanese (wordfreq, offline), to weigh unknown words.

A question word the corpus does not contain used to weigh the corpus's highest IDF, so "job", "about" or
要するに outweighed the names the corpus did match. Its weight now follows its rarity in the language: an
everyday word weighs little, a word no frequency list knows (a name, a specific thing, a number) weighs fully.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import math
import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import wordfreq

from bot.atomic import atomic_write
from bot.datadir import private_folder
from bot.search.analysis import stem

log = logging.getLogger(__name__)

# Zipf scale: log10 of occurrences per billion words ("the" ≈ 7.7, "job" 5.5, "nutshell" 3.4, a name ≈ 0-2).
COMMON_ZIPF = 4.5  # a word at least this common weighs RARITY_FLOOR of an unknown word
RARE_ZIPF = 2.0  # a word at most this common weighs as much as an unknown word (cross-validated: checks.py)
RARITY_FLOOR = 0.05
# A word the corpus HAS is weighed by its IDF times how informative it is in the language: a corpus of a few
# hundred passages gives "avant", "day", 話 or 前 a high IDF, though they say nothing about what is asked.
INFO_RARE_ZIPF = 5.0  # a known word at most this common keeps its whole IDF
INFO_COMMON_ZIPF = 7.0  # ... one at least this common keeps INFO_FLOOR of it
INFO_FLOOR = 0.3
EVERYDAY_ZIPF = 3.0  # the everyday words typos are corrected into (about 30,000 per language)
LANGUAGES = ("fr", "en", "ja")
FREQUENCIES_NAME = "word-frequencies.npz"  # beside the index cache: the tables below, read back at a restart
FREQUENCIES_FORMAT = 1  # bump when what the saved tables hold, or how they are made, changes
FOLDED_KEPT = 1024  # non-ASCII texts kept folded (fold)
# Endings tried on a stem to find the everyday words of its family (family_zipf).
FAMILY_ENDINGS: dict[str, tuple[str, ...]] = {
    "fr": ("", "e", "es", "s", "x", "er", "es", "ee", "ees", "ent", "ant", "ion", "ions", "ique", "iques", "eur",
           "ir", "re", "le", "les", "ite", "isme"),
    "en": ("", "e", "s", "es", "ed", "ing", "er", "ion", "y", "ies", "ment", "al", "ate", "ity", "ize", "t"),
}


def fold(word: str) -> str:
    """Case and accents folded, as the analysis folds Latin words ("Rôle" → "role"). ASCII text has no accent to
    fold (its casefold is its lower case): a question's or passage's text is read at C speed, not character by
    character; other text is, once while it is among the last FOLDED_KEPT (a question is folded by several checks,
    the passages they cite question after question)."""
    if word.isascii():
        return word.lower()
    return _folded(word)


@lru_cache(maxsize=FOLDED_KEPT)
def _folded(word: str) -> str:
    """``fold`` of a text that is not ASCII."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


class WordFrequencies:
    """Zipf frequencies from wordfreq's bundled lists (no network), cached per word; built once in main()."""

    def __init__(self, saved: Path | None = None) -> None:
        """Loads the three lists now (~0.3 s, ~20 MB): a first question must not stall a worker holding the GIL.

        ``saved``: a file (FREQUENCIES_NAME) the tables are read from, made by an earlier start; unpacking
        wordfreq's lists and making the tables took ~0.6 s of every restart. A file that cannot be read or was
        made otherwise is made again, with one log line.
        """
        self._cache: dict[tuple[str, str], float] = {}
        tables = _read_tables(saved) if saved is not None else None
        if tables is None:
            lists = {lang: wordfreq.get_frequency_list(lang) for lang in LANGUAGES}
            wordfreq.get_frequency_list.cache_clear()  # its lists of str are ours now, and dropped once compacted
            self._tables: dict[str, ZipfTable] = {lang: ZipfTable.of(buckets) for lang, buckets in lists.items()}
            self.everyday: dict[str, dict[str, float]] = {lang: _everyday(lists[lang]) for lang in ("fr", "en")}
            if saved is not None:
                _save_tables(saved, self._tables, self.everyday)
        else:
            self._tables, self.everyday = tables  # Latin languages: folded everyday word -> Zipf

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

    def listed(self, word: str, language: str) -> float:
        """Zipf frequency of ``word`` in ``language``'s own list ("fr", "en"), not the commoner of it and English as
        :meth:`zipf` reads it: how much a word belongs to one language rather than the other."""
        return self._tables[language].zipf(unicodedata.normalize("NFKC", word.casefold()))

    def _lookup(self, word: str, language: str) -> float:
        if not word or len(word) > 60:
            return 0.0
        word = unicodedata.normalize("NFKC", word)
        if not word.isascii() and any("\u3040" <= c <= "\u9fff" for c in word):
            found = self._tables["ja"].zipf(word)
            counted = _KANJI_COUNT.fullmatch(word) if not found else None
            return self._tables["ja"].zipf(counted.group(1)) if counted else found
        languages = {language if language in ("fr", "en") else "en", "en"}
        return max(self._tables[lang].zipf(word) for lang in languages)

    def common_words(self, language: str, zipf: float) -> list[str]:
        """The words of ``language``'s list at least this common (Zipf), most common first."""
        return self._tables[language].common(zipf)

    def rarity(self, word: str, language: str, family: bool = True) -> float:
        """Weight factor of a word the corpus lacks: RARITY_FLOOR for an everyday word … 1 for a rare one.

        Numbers are always rare: a year the corpus lacks ("in 2023?") is what makes a question out of scope.
        """
        if any(map(str.isdigit, word)):
            return 1.0
        zipf = self.zipf(word, language)
        if family and 0 < zipf < EVERYDAY_ZIPF:  # a form the lists barely know ("listées", "govts") is as common as its
            # family; one they do not know at all may be a misspelt other word ("salère" is no form of "saler")
            zipf = max(zipf, self.family_zipf(word, language))
        share = (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)
        return min(1.0, max(RARITY_FLOOR, share))

    def family_zipf(self, word: str, language: str) -> float:
        """Zipf of the commonest everyday word sharing ``word``'s stem ("listées" → liste, "technos" → techno).

        Inflected forms are rarer than their family: a member's "listées" is no rarer a word than "liste".
        The family is found from the stem and a few endings of the language (a bounded, cached lookup).
        """
        key = (word, "~" + language)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._family(fold(word), language)
        return found

    def _family(self, word: str, language: str) -> float:
        best = 0.0
        if not word.isascii() or not word.isalpha() or len(word) > 30:
            return best
        for lang in dict.fromkeys((language if language in ("fr", "en") else "en", "en")):
            root = stem(word, lang)
            table = self.everyday[lang]
            for ending in FAMILY_ENDINGS[lang]:
                candidate = root + ending
                zipf = table.get(candidate, 0.0)
                if zipf > best and stem(candidate, lang) == root:
                    best = zipf
        return best

    def informativeness(self, words: tuple[str, ...] | str, language: str) -> float:
        """Weight factor of a word the corpus has: INFO_FLOOR for the commonest words … 1 for a rare one.

        ``words``: the forms of one word (as written, its dictionary form): the most common one counts.
        """
        forms = (words,) if isinstance(words, str) else words
        if any(map(str.isdigit, "".join(forms))):  # map: no generator frame per character (read for every word)
            return 1.0
        zipf = max((self.zipf(form, language) for form in forms), default=0.0)
        share = (INFO_COMMON_ZIPF - zipf) / (INFO_COMMON_ZIPF - INFO_RARE_ZIPF)
        return min(1.0, max(INFO_FLOOR, share))


class ZipfTable:
    """word -> Zipf frequency of one wordfreq list (buckets of words, most common first), compact.

    wordfreq's dict of a list is ~300,000 str keys and floats (~30 MB a language, more than a 100,000-passage
    index's weights): here the words are one string, found by their CRC-32 (sorted; the same in every process,
    unlike ``hash``, so the arrays can be saved) and checked against the string, with a uint16 bucket each.
    """

    __slots__ = ("_buckets", "_hashes", "_offsets", "_positions", "_text", "_zipf")

    def __init__(self, text: str, arrays: dict[str, np.ndarray]) -> None:
        self._text = text
        self._hashes, self._positions = arrays["hashes"].astype(np.int64, copy=False), arrays["positions"]
        self._buckets, self._offsets = arrays["buckets"], arrays["offsets"]
        self._zipf: list[float] = arrays["zipf"].tolist()
        if not (self._hashes.shape == self._positions.shape == self._buckets.shape
                and self._offsets.shape[0] == self._hashes.shape[0] + 1 and int(self._offsets[-1]) == len(text)):
            raise ValueError("inconsistent word table")

    @classmethod
    def of(cls, buckets: Sequence[Sequence[str]]) -> ZipfTable:
        words = [w for bucket in buckets for w in bucket]
        hashes = np.fromiter((_crc(w) for w in words), dtype=np.int64, count=len(words))
        order = np.argsort(hashes, kind="stable")  # equal hashes (different words) are all compared on lookup
        offsets = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=offsets[1:])
        return cls("".join(words), {
            "hashes": hashes[order],
            "positions": order.astype(np.int32),
            "buckets": np.repeat(np.arange(len(buckets), dtype=np.uint16), [len(b) for b in buckets])[order],
            "offsets": offsets,
            "zipf": np.array([_zipf(wordfreq.cB_to_freq(-index)) for index in range(len(buckets))]),
        })

    @property
    def text(self) -> str:
        """The words, one after the other (``offsets`` cut them)."""
        return self._text

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything but ``text``, as :meth:`__init__` takes it back."""
        return {"hashes": self._hashes, "positions": self._positions, "buckets": self._buckets,
                "offsets": self._offsets, "zipf": np.array(self._zipf)}

    def common(self, zipf: float) -> list[str]:
        """The words at least this common (Zipf), most common first: the list's first words."""
        buckets = np.empty_like(self._buckets)
        buckets[self._positions] = self._buckets  # each word's bucket, in the list's order
        frequent = np.asarray(self._zipf)[buckets] >= zipf
        count = int(frequent.argmin()) if not frequent.all() else frequent.shape[0]
        offsets, text = self._offsets, self._text
        return [text[offsets[i] : offsets[i + 1]] for i in range(count)]

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` exactly as written; 0 when the list does not have it."""
        h = _crc(word)
        at = int(self._hashes.searchsorted(h))  # int64, as a Python int is: a uint32 array would be converted
        while at < self._hashes.shape[0] and self._hashes[at] == h:
            position = self._positions[at]
            if self._text[self._offsets[position] : self._offsets[position + 1]] == word:
                return self._zipf[self._buckets[at]]
            at += 1
        return 0.0


# 一人, 五社, 二十社: a kanji number before a counter, which the Japanese list splits (一 + 人) and so lacks whole,
# is as common as its counter: an everyday word, not a rare one (a number the quotes must give is read elsewhere)
_KANJI_COUNT = re.compile(
    r"[一二三四五六七八九十]{1,3}(人|社|名|件|つ|回|か国|カ国|ヶ国|日|年|か月|カ月|ヶ月|日間|年間|時間)")


def _crc(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass"))


def _everyday(buckets: Sequence[Sequence[str]]) -> dict[str, float]:
    """Folded everyday word (EVERYDAY_ZIPF or commoner, letters only) -> its Zipf, from one language's buckets."""
    table: dict[str, float] = {}
    floor = 10 ** (EVERYDAY_ZIPF - 9)
    for index, bucket in enumerate(buckets):
        frequency = wordfreq.cB_to_freq(-index)
        if frequency < floor:
            break  # buckets go from the most common words down
        zipf = _zipf(frequency)
        for word in bucket:
            if word.isalpha():
                key = word.lower() if word.isascii() else fold(word)  # fold, at C speed for ASCII
                table[key] = max(table.get(key, 0.0), zipf)
    return table


def _key() -> dict:
    return {"format": FREQUENCIES_FORMAT, "wordfreq": importlib.metadata.version("wordfreq"),
            "everyday_zipf": EVERYDAY_ZIPF}


def _read_tables(path: Path) -> tuple[dict[str, ZipfTable], dict[str, dict[str, float]]] | None:
    """The tables saved at ``path``, or None (logged once when the file is there but cannot serve)."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        key = json.loads(arrays.pop("key").tobytes().decode("utf-8"))
        if key != _key():
            log.info("word frequencies %s were saved by another version; making them again", path)
            return None
        tables = {lang: ZipfTable(arrays[f"{lang}_text"].tobytes().decode("utf-8", "surrogatepass"),
                                  {n: arrays[f"{lang}_{n}"] for n in ("hashes", "positions", "buckets", "offsets",
                                                                       "zipf")})
                  for lang in LANGUAGES}
        everyday = {}
        for lang in ("fr", "en"):
            text = arrays[f"everyday_{lang}_words"].tobytes().decode("utf-8", "surrogatepass")
            words = text.split("\x00") if text else []
            zipfs = arrays[f"everyday_{lang}_zipf"].tolist()
            if len(words) != len(zipfs):
                raise ValueError("everyday sizes")
            everyday[lang] = dict(zip(words, zipfs, strict=True))
    except Exception as error:  # any damage: never trusted, made again
        log.warning("word frequencies %s are unreadable (%s); making them again", path, type(error).__name__)
        return None
    return tables, everyday


def _save_tables(path: Path, tables: dict[str, ZipfTable], everyday: dict[str, dict[str, float]]) -> None:
    """Write atomically (temporary file, then rename); a failure is logged and the bot goes on."""
    arrays: dict[str, np.ndarray] = {"key": _bytes(json.dumps(_key()))}
    for lang, table in tables.items():
        arrays[f"{lang}_text"] = _bytes(table.text)
        arrays |= {f"{lang}_{name}": array for name, array in table.arrays().items()}
    for lang, words in everyday.items():
        arrays[f"everyday_{lang}_words"] = _bytes("\x00".join(words))
        arrays[f"everyday_{lang}_zipf"] = np.array(list(words.values()), dtype=np.float64)
    try:
        private_folder(path.parent)
        with atomic_write(path, ".word-frequencies-") as handle:
            np.savez(handle, **arrays)
    except OSError as error:
        log.warning("word frequencies %s cannot be written (%s)", path, error.strerror or type(error).__name__)


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _zipf(frequency: float) -> float:
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0
