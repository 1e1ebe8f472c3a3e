"""A name asked in a language written in another script than the question's: « Quel est le nom japonais officiel de
la déclaration ? », "What is it called in Japanese?", 「フランス語の正式名称は？」. The passage sharing most words
gives the name in the question's own language (« Son titre est « Déclaration conjointe… » »), which answers another
question; a quote giving it in the script asked does (« … sous le nom « イノベーション・デジタル分野での協力に係る共同
声明 » »). Such a passage, ranked close to the best, is cited first.

The words of a name and the languages' names are each language's word lists (``name_words``, ``language_names``),
next to each other (WORDS_BETWEEN at most: "the name in Japanese"). A language written in the same script as the
question's (the English title asked in French, the French one asked in English) is told by its function words: « …
sur la coopération… dans les domaines de… » is a French name, "…on… cooperation in the fields of…" an English one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from bot.models import LANGUAGES
from bot.search.frequency import fold
from bot.search.query import Ranked, moved_first
from bot.search.wordlists import WordList, stop_words, words_of

WORDS_BETWEEN = 1  # words between the name's and the language's: "le titre en japonais", "called in Japanese"
_JA_BETWEEN = 2  # characters between them in Japanese: 日本語の名称, 英語での題名
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{4,}")  # a Japanese name: four kana or kanji at least
# a name is quoted or put in brackets where a passage gives it: « イノベーション… », 武藤容治 (Yoji Muto)
_QUOTED = re.compile(r"«[^»]+»|「[^」]+」|『[^』]+』|“[^”]+”|\"[^\"]+\"|\([^)]+\)|（[^）]+）")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]+(?:[\s'’-]+[A-Za-zÀ-ÿ]+){2,}")  # a French or English name: three words at least


def _plain(text: str) -> str:
    """NFKC, case and accents folded: « dénomination » is typed « denomination » too."""
    return fold(unicodedata.normalize("NFKC", text))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=len(LANGUAGES))
def _patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """For a question in ``language``: one pattern per language named (either order), with that language's code."""
    names = _alternation(_plain(w) for w in words_of(language, WordList.NAME_WORDS))
    found = []
    for entry in words_of(language, WordList.LANGUAGE_NAMES):
        word, code = entry.rsplit(" ", 1)
        said = re.escape(_plain(word))
        if language == "ja":
            gap = f".{{0,{_JA_BETWEEN}}}?"
            pattern = re.compile(f"{said}{gap}(?:{names})")
        else:
            gap = rf"\s+(?:[\w'’-]+\s+){{0,{WORDS_BETWEEN}}}"
            pattern = re.compile(rf"\b(?:(?:{names}){gap}{said}|{said}{gap}(?:{names}))\b")
        found.append((pattern, code))
    return tuple(found)


def script(language: str) -> re.Pattern[str]:
    """What a name written in ``language`` looks like in a passage of any language."""
    return _JAPANESE if language == "ja" else _LATIN


def asked_in(question: str, language: str | None) -> str | None:
    """The language, other than the question's (``language``), that ``question`` asks a name in; None otherwise.
    A French or an English question is read in both (« What's the English title de la déclaration ? »)."""
    if language not in LANGUAGES:
        return None
    plain = _plain(question)
    read_in = (language,) if language == "ja" else tuple(code for code in LANGUAGES if code != "ja")
    for pattern, code in (found for each in read_in for found in _patterns(each)):
        if code != language and pattern.search(plain):
            return code
    return None


def latin_language(name: str) -> str | None:
    """French or English: the language whose function words (none of the other's) a Latin-script name holds more
    of; None when they tie ("French Tech": none)."""
    words = re.findall(r"[^\W\d_]+", _plain(name))
    french, english = stop_words("fr"), stop_words("en")
    fr = sum(w in french and w not in english for w in words)
    en = sum(w in english and w not in french for w in words)
    return "fr" if fr > en else "en" if en > fr else None


def written_in(text: str, language: str) -> bool:
    """``text`` (a passage) gives a name in ``language``'s writing, quoted or in brackets: « イノベーション…共同声明 »,
    (武藤容治); a French or an English one in that language's words (a French title is no English one)."""
    for match in _QUOTED.finditer(text):
        name = script(language).search(match.group())
        if name is not None and (language == "ja" or latin_language(name.group()) in (language, None)):
            return True
    return False


def written_in_first(
    ranked: list[Ranked], language: str, text_of: Callable[[Ranked], str], ratio: float, closest: int
) -> list[Ranked]:
    """``ranked`` with the first passage giving a name in ``language``'s writing moved first, when the best does not
    and that one is among the ``closest`` (the quotes an answer may give: further down, one giving a name in that
    script gives another thing's, "the Japanese name of the institute CNRS works with" is not the declaration's)
    and ranks at least ``ratio`` of its score (``text_of``: a ranked passage's text)."""
    return moved_first(ranked, lambda hit: written_in(text_of(hit), language), ratio, closest)
