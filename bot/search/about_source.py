"""Sections about a source itself: its headline, its date, the site it is on ("# About this source").

Members ask about the sources as well as the facts: "what did Le Moci call its article?", 「NHK の見出しは？」, « la
dépêche de Xinhua est parue quand ? ». A source's headline, put among the facts, also matches questions about the facts
(Le Moci's « Paris et Tokyo veulent rapprocher leurs start-up » outranked the date for « À quelle date Paris et Tokyo
ont-ils officialisé leur rapprochement ? »). So a section under one of the headings of bot.knowledge.about is quoted
only for a question using one of the ``source_words`` (headline, site, published, 見出し…) of any language (a mixed
question asks "Which 公共放送 reported it, and what did its 見出し say?"), or a ``source_title_words`` one (title, site,
source) beside a ``source_nouns`` one (article, 記事): « le titre de la déclaration », "the site of the signing",
« selon les sources, … » are the facts', and so is a question that only says where its fact comes from ("who signed,
according to Le Moci's website?", 経産省のリリースによると…).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.knowledge.about import is_about_source
from bot.models import LANGUAGES
from bot.search.frequency import fold
from bot.search.kinds import TITLE_GIVEN
from bot.search.kinds import fold as casefolded
from bot.search.people import ATTRIBUTION
from bot.search.readings import to_katakana
from bot.search.wordlists import WordList, words_of

_SPACE_IN_KANA = re.compile(r"(?<=[\u3041-\u30ff]) +(?=[\u3041-\u30ff])")  # ぷれす りりーす: one word, spaced


def _plain(text: str) -> str:
    """NFKC, case and accents folded: « publie » is « publié » typed fast."""
    return fold(unicodedata.normalize("NFKC", text))


def _pattern(*lists: WordList) -> re.Pattern[str]:
    """Any language's words of ``lists``: Latin ones as whole words, Japanese ones anywhere."""
    latin, japanese = [], []
    for language in LANGUAGES:
        for word in (w for which in lists for w in words_of(language, which)):
            (japanese if language == "ja" and not word.isascii() else latin).append(re.escape(_plain(word)))
    by_length = sorted(latin, key=len, reverse=True)
    # whole Latin words, though kana touch them (記事のURLは: kana are word characters to \b)
    return re.compile("|".join(filter(None, (rf"(?<![a-z0-9])(?:{'|'.join(by_length)})(?![a-z0-9])" if latin else "",
                                             *japanese))))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return tuple(_pattern(*w) for w in ((WordList.SOURCE_WORDS,), (WordList.SOURCE_TITLE_WORDS,),
                                         (WordList.SOURCE_NOUNS, WordList.SOURCE_NAMES), (WordList.SOURCE_NAMES,)))


def about_sources(headings: Iterable[str]) -> frozenset[int]:
    """The passages (positions in ``headings``, their headings) of sections about a source itself."""
    return frozenset(i for i, heading in enumerate(headings) if heading and is_about_source(heading))


def asks_about_source(question: str, *, attributed: bool = False) -> bool:
    """``question`` asks about a source itself (its headline, site, publication, language); with ``attributed``,
    also in what says where its fact comes from ("when did Abe visit France, according to the Élysée's press
    release?": a source's section may hold that fact, "who signed, according to Le Moci's website?" asks the facts)."""
    if TITLE_GIVEN.search(casefolded(question)):  # « sous quel titre l'article présente-t-il Muto ? »: his role
        return False
    plain = _plain(question if attributed else ATTRIBUTION.sub(" ", question))
    asking, title, noun, _ = _patterns()
    # a loanword typed in hiragana (ぷれす りりーす, たいとる) is the katakana word the lists hold
    kana = to_katakana(_SPACE_IN_KANA.sub("", plain))
    return any(asking.search(text) is not None or (title.search(text) is not None and noun.search(
        title.sub(" ", text)) is not None) for text in dict.fromkeys((plain, kana)))


def without_attribution(question: str) -> str | None:
    """``question`` without what only says where its fact comes from, when that names a source of the corpus
    ("Who signed, according to Le Moci's website?", 経産省のリリースによると、武藤副大臣は誰と会談した？); None
    otherwise: "according to the 2023 report, …" names none, and its year is what the question is about."""
    named = _patterns()[3]
    said = [m for m in ATTRIBUTION.finditer(question) if named.search(_plain(m.group()))]
    if not said:
        return None
    rest = ATTRIBUTION.sub(" ", question)
    return rest if any(c.isalnum() for c in rest) else None


# a source named after one of these is set aside, not asked about (« le vrai, pas la version de la ruche »)
_SET_ASIDE = re.compile(r"\b(?:not|rather than|instead of|pas|non|sans|plutot que|au lieu de)\b\W+(?:\w+\W+){0,4}$")
# ... or before one of these, folded as the question is (で → て): ラ・リューシュではなく
_SET_ASIDE_JA = tuple(map(_plain, ("ではなく", "じゃなく", "以外")))


def sources_named(question: str) -> frozenset[str]:
    """The sources of the corpus ``question`` names (``source_names``, folded: "tokyo at paris", "moci", "nhk"), not
    those it sets aside ("the real one, not La Ruche's", ラ・リューシュではなく); a name typed a letter off is named
    too (_typed_names)."""
    plain = _plain(question)
    named = frozenset(m.group() for m in _patterns()[3].finditer(plain)
                      if not _SET_ASIDE.search(plain, max(0, m.start() - 40), m.start())
                      and not plain.startswith(_SET_ASIDE_JA, m.end()))
    return named or _typed_names(plain)


TYPED_NAME_LENGTH = 4  # a word of a source's name of several words this long may be typed a letter off ("tokio at
# pari"); a name of one word only when longer (« la ruch »: not "met" for METI, "moc" for Moci)
_LATIN_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _latin_names() -> tuple[tuple[str, ...], ...]:
    """The Latin source names, as their folded words."""
    names = {_plain(w) for language in LANGUAGES for w in words_of(language, WordList.SOURCE_NAMES)}
    return tuple(tuple(name.split()) for name in sorted(names) if re.fullmatch(r"[a-z0-9 ]+", name))


def _typed_names(plain: str) -> frozenset[str]:
    """The source names ``plain`` (folded) types a letter off: each word of a name of several ("tokio at pari" is
    Tokyo at Paris) one edit away, the short ones ("at") as written; a one-word name with one letter left out
    (« la ruch », "xinhu"), never one changed (« riche » is no Ruche, "mois" no Moci)."""
    words = _LATIN_WORD.findall(plain)
    found = set()
    for name in _latin_names():
        for at in range(len(words) - len(name) + 1):
            typed = words[at:at + len(name)]
            if typed == list(name):
                continue
            if len(name) == 1:
                close = len(name[0]) > TYPED_NAME_LENGTH and len(typed[0]) == len(name[0]) - 1 and OSA.distance(
                    typed[0], name[0], score_cutoff=1) == 1
            else:
                close = all(t == w or (len(w) >= TYPED_NAME_LENGTH and OSA.distance(t, w, score_cutoff=1) <= 1)
                            for t, w in zip(typed, name, strict=True))
            if close:
                found.add(" ".join(name))
    return frozenset(found)


def names_source(text: str, named: frozenset[str]) -> bool:
    """``text`` (a section about a source) names one of the sources ``named`` (sources_named)."""
    plain = _plain(text)
    return any(name in plain for name in named)
