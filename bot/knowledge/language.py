"""Does a document read in the language its ``language:`` key names? A warning for moderators, never an error.

Counted over the whole text, so a few Japanese names in an English text (or English names in a Japanese one)
do not tip it; fr and en are told apart by the search's function-word detector on the Latin part.
"""

from __future__ import annotations

import re

from bot.knowledge.problems import FileProblem
from bot.search.analysis import detect_language

MIN_CHARS = 200  # shorter texts are not judged
SAMPLE_CHARS = 4000
JAPANESE_SHARE = 0.3  # Japanese characters (kana, kanji) among all letters, above which a text reads as Japanese
LANGUAGE_NAMES = {"fr": "French", "en": "English", "ja": "Japanese"}
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def detected_language(text: str) -> str | None:
    """``fr``, ``en`` or ``ja`` for a text of at least MIN_CHARS characters; None when too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < MIN_CHARS:
        return None
    japanese = len(_JAPANESE.findall(sample))
    if japanese >= JAPANESE_SHARE * letters:
        return "ja"
    return detect_language(_JAPANESE.sub(" ", sample))


def language_warning(declared: str, texts: list[str], line: int) -> FileProblem | None:
    """A warning when the passages read in another language than ``declared``."""
    found = detected_language("\n".join(texts))
    if found is None or found == declared:
        return None
    return FileProblem(
        line,
        f'the text reads as {LANGUAGE_NAMES[found]} but "language" says {declared}; '
        "check which one is right (the file was loaded as written)",
    )
