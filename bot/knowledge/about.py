"""The section about a source itself (its headline, date, site): its heading in each language, one home.

The search quotes such a section only for a question asking about a source (bot.search.about_source); the parser
warns when it is not a file's first section, since text a moderator adds after it would sit under that heading.
"""

from __future__ import annotations

import unicodedata

ABOUT_SOURCE_HEADINGS = {"en": "About this source", "fr": "À propos de cette source", "ja": "この資料について"}
_FOLDED = frozenset(unicodedata.normalize("NFKC", h).casefold() for h in ABOUT_SOURCE_HEADINGS.values())


def is_about_source(heading: str) -> bool:
    """``heading`` heads a section about the source itself (any language's, case and width aside)."""
    return unicodedata.normalize("NFKC", heading).strip().casefold() in _FOLDED
