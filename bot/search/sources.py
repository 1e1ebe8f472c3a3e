"""The names of the sources themselves (issue 10, mixed-language questions).

Members name the site or the page a fact comes from, often in its own language amid theirs: "Which 原則 does Le
Moci say the cooperation rests on?", "which organisation's « Edito : chiche »…". The passages never write that name:
it stands in their document's title ("… (after Le Moci)") and address (…/edito-chiche-1.html). Read as a name the
corpus lacks, it made the answer abstain although the quotes cited come from that very source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.models import Passage
from bot.search.analysis import stem
from bot.search.frequency import fold
from bot.search.query import Unit

_WORD = re.compile(r"[^\W_]+")
SOURCES_KEPT = 256  # documents' (title, address) pairs whose words are kept: a knowledge folder has few documents


@lru_cache(maxsize=SOURCES_KEPT)
def _words(title: str, source: str) -> frozenset[str]:
    folded = {fold(word) for word in _WORD.findall(f"{title} {source}")}
    return frozenset(folded | {stem(word, language) for word in folded for language in ("fr", "en")})


def source_words(passage: Passage) -> frozenset[str]:
    """The folded words of the title and the address of the document ``passage`` comes from ("moci", "edito"), and
    their French and English stems (the question's words are stemmed)."""
    return _words(passage.title, passage.source)


def names_source(unit: Unit, passages: Iterable[Passage]) -> bool:
    """The question's word ``unit`` is itself a word of the name of the source one of ``passages`` comes from: its
    token, not a part of it ("UE-Japon" is no source for the « Japon » of a title)."""
    return any(unit.token in source_words(p) for p in passages)
