"""Sections about a source itself: its headline, its date, the site it is on ("# About this source").

Members ask about the sources as well as the facts: "what did Le Moci call its article?", 「NHK の見出しは？」, « la
dépêche de Xinhua est parue quand ? ». A source's headline, put among the facts, also matches questions about the facts
(Le Moci's « Paris et Tokyo veulent rapprocher leurs start-up » outranked the date for « À quelle date Paris et Tokyo
ont-ils officialisé leur rapprochement ? »). So a section under one of the headings of bot.knowledge.about is quoted
only for a question using one of the ``source_words`` (headline, site, published, 見出し…) of any language (a mixed
question asks "Which 公共放送 reported it, and what did its 見出し say?"), or a ``source_title_words`` one (title, site,
source) beside a ``source_nouns`` one (article, 記事): « le titre de la déclaration », "the site of the signing",
« selon les sources, … » are the facts'.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from bot.knowledge.about import is_about_source
from bot.models import LANGUAGES
from bot.search.frequency import fold
from bot.search.wordlists import WordList, words_of


def _plain(text: str) -> str:
    """NFKC, case and accents folded: « publie » is « publié » typed fast."""
    return fold(unicodedata.normalize("NFKC", text))


def _pattern(which: WordList) -> re.Pattern[str]:
    """Any language's words of ``which``: Latin ones as whole words, Japanese ones anywhere."""
    latin, japanese = [], []
    for language in LANGUAGES:
        for word in words_of(language, which):
            (japanese if language == "ja" and not word.isascii() else latin).append(re.escape(_plain(word)))
    by_length = sorted(latin, key=len, reverse=True)
    return re.compile("|".join(filter(None, (rf"\b(?:{'|'.join(by_length)})\b" if latin else "", *japanese))))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return tuple(_pattern(w) for w in (WordList.SOURCE_WORDS, WordList.SOURCE_TITLE_WORDS, WordList.SOURCE_NOUNS))


def about_sources(headings: Iterable[str]) -> frozenset[int]:
    """The passages (positions in ``headings``, their headings) of sections about a source itself."""
    return frozenset(i for i, heading in enumerate(headings) if heading and is_about_source(heading))


def asks_about_source(question: str) -> bool:
    """``question`` asks about a source itself (its headline, site, publication, language)."""
    text = _plain(question)
    asking, title, noun = _patterns()
    return asking.search(text) is not None or (title.search(text) is not None and noun.search(title.sub(" ", text))
                                               is not None)
