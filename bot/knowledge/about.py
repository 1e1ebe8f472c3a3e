"""The section about a source itself (its headline, date, site): its heading in each language, one home.

The search quotes such a section only for a question asking about a source (bot.search.about_source); the parser
warns when it is not a file's first section, since text a moderator adds after it would sit under that heading.
"""

from __future__ import annotations

import unicodedata

ABOUT_SOURCE_HEADINGS = {"en": "About this source", "fr": "À propos de cette source", "ja": "この資料について"}
# A second section about the source, right after the first: its own subheadings (the parts of an article), which
# members ask about as they ask its headline ("La Ruche's subheading about the US and China?").
SUBHEADINGS_HEADINGS = {"en": "This source's subheadings", "fr": "Les intertitres de cette source",
                        "ja": "この資料の小見出し"}
# What moderators type for the same heading: "About the source", « A propos de la source : ».
_ALSO = ("About the source", "À propos de la source", "この資料について")


def _folded(heading: str) -> str:
    """Width, case, accents, a trailing colon and extra spaces aside: « A propos de cette source : » is the heading."""
    if heading.isascii():  # no width, accent or case beyond ASCII's: every passage's heading is asked at load
        return " ".join(heading.lower().rstrip(" :.").split())
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", heading).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.rstrip(" :.").split())


_FOLDED = frozenset(map(_folded, (*ABOUT_SOURCE_HEADINGS.values(), *SUBHEADINGS_HEADINGS.values(), *_ALSO)))


def is_about_source(heading: str) -> bool:
    """``heading`` heads a section about the source itself (any language's; case, accents, width aside)."""
    return _folded(heading) in _FOLDED
