"""Does a document read in the language its ``language:`` key names? If clearly not, the file is refused (trial 10
H4: a French text marked ``en`` was indexed as English, so French questions never found it while its words made
another passage look answerable); the last good version of a served file stays served, as for any other error.

Counted over the whole text, so a few Japanese names in an English text (or English names in a Japanese one)
do not tip it; fr and en are told apart by their commonest function words (the loader sits below the search
layer, so it has its own small detector).
"""

from __future__ import annotations

import re
import string
from itertools import repeat

from bot.knowledge.problems import FileProblem

MIN_CHARS = 40  # letters; shorter texts are not judged (a title, a one-line answer)
MIN_MARKERS = 4  # a fr/en verdict needs this many function words of the language (one short paragraph has ~8)
MIN_JAPANESE = 20  # a ja verdict needs this many Japanese characters
SAMPLE_CHARS = 4000
JAPANESE_SHARE = 0.3  # Japanese characters (kana, kanji) among all letters, above which a text reads as Japanese
LANGUAGE_NAMES = {"fr": "French", "en": "English", "ja": "Japanese"}
MARKER_MARGIN = 2.0  # one language's function words must be this many times the other's
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FR_MARKERS = "le la les des du un une et est sont dans pour par avec sur qui que au aux ce cette ont été"
_EN_MARKERS = "the of and is are in to for by with on which that was were has have this from"
_MARKERS = {"fr": frozenset(_FR_MARKERS.split()), "en": frozenset(_EN_MARKERS.split())}
_ELISIONS = ("l'", "d'", "qu'")  # a French word opening on one counts as a French marker
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def _latin_language(text: str) -> str | None:
    # ASCII text lower-cased whole: the same words (at C speed); no marker has an apostrophe, so the words that are
    # markers and those opening on an elision are counted apart
    words = _WORD.findall(text.lower()) if text.isascii() else [w.lower() for w in _WORD.findall(text)]
    fr = sum(map(_MARKERS["fr"].__contains__, words)) + sum(map(str.startswith, words, repeat(_ELISIONS)))
    en = sum(map(_MARKERS["en"].__contains__, words))
    if fr >= MIN_MARKERS and fr >= MARKER_MARGIN * max(en, 1):
        return "fr"
    if en >= MIN_MARKERS and en >= MARKER_MARGIN * max(fr, 1):
        return "en"
    return None


def detected_language(text: str) -> str | None:
    """``fr``, ``en`` or ``ja`` for a text of at least MIN_CHARS letters; None when too short or unclear.

    One paragraph is enough when it is clear: MIN_MARKERS function words of one language (twice the other's),
    or MIN_JAPANESE Japanese characters making JAPANESE_SHARE of the letters."""
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():  # no Japanese; its letters counted at C speed
        data = sample.encode("ascii")
        return _latin_language(sample) if len(data) - len(data.translate(None, _ASCII_LETTERS)) >= MIN_CHARS else None
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_CHARS:
        return None
    japanese = len(_JAPANESE.findall(sample))
    if japanese >= MIN_JAPANESE and japanese >= JAPANESE_SHARE * letters:
        return "ja"
    return _latin_language(_JAPANESE.sub(" ", sample))


def language_problem(declared: str, texts: list[str], line: int) -> FileProblem | None:
    """An error when the passages clearly read in another language than ``declared``."""
    found = detected_language("\n".join(texts))
    if found is None or found == declared:
        return None
    return FileProblem(
        line,
        f'the text reads as {LANGUAGE_NAMES[found]} but "language" says {declared}: write "language: {found}" '
        f"(or put the {LANGUAGE_NAMES[declared]} text here); the file was not loaded",
    )
