"""Small numbers a question gives in digits, found as the sources write them: in words.

Members type digits ("les 3 grands principes", "原則って3つ"); the sources write a small count out ("repose sur
trois principes", "三つの原則"). Matched as a digit alone, such a number is a word the corpus lacks: it weighs the
most of all, and a number the question gives must be cited (the retriever's abstention), so the answer abstained
although the passage states it. Each number from two to ten (bot/search/words/*.yaml ``cardinals``) also counts as
its words in every language served: a number is the same fact in every language, as the cited passages' other words
are found in their translations. One is left out: "one", « un » are a pronoun and an article as often.

Only a number that counts is written out: digits before the word they count ("3 principles", 3つ, 4社), not a label
("article 3 of the declaration": a passage saying "three" is no article 3) nor a day ("le 3 juillet", 3月).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.models import LANGUAGES
from bot.search.analysis import analyze, is_cjk, normalize
from bot.search.evidence import counting_numbers
from bot.search.wordlists import WordList, words_of

FIRST = 2  # the number the ``cardinals`` lists start with
_JA_NOT_COUNTERS = frozenset("月日時年")  # 3月 is March, 3日 a day, 3時 an hour (and 3年 a year as often as a span)
# digits (not inside a word, a decimal, a time, a date, a label such as n°3 or #3) and the word after them; the
# text is normalised (lower case, no accents), and kana before them is Japanese grammar (原則って3つ)
_NUMBER_THEN_WORD = re.compile(r"(?<![a-z\d.,:/#°\-第])(\d{1,2})(?![\d.,:/])\s*([^\W\d_]+)")


def counts(question: str, language: str) -> frozenset[str]:
    """The digits of ``question`` that count what the word after them names: "3" of "les 3 grands principes" and of
    "原則って3つ", not of "article 3 of the declaration" (a function word after it), "le 3 juillet" (a month), 3月."""
    found = set()
    for match in _NUMBER_THEN_WORD.finditer(normalize(question)):
        digits, after = match.groups()
        if is_cjk(after[0]):
            counting = after[0] not in _JA_NOT_COUNTERS
        else:
            tokens = analyze(f"{digits} {after}", language)  # a function word after it is no word of it
            counting = len(tokens) > 1 and counting_numbers(tokens, language)[:1] == [0]  # nor a month: a day
        if counting:
            found.add(digits)
    return frozenset(found)


def spelt_counts(question: str, language: str) -> dict[str, frozenset[str]]:
    """Each number that counts in ``question`` (digits) with the tokens it is written out with (``written_out``)."""
    if not any(map(str.isdigit, question)):  # map: no generator frame per character
        return {}
    return {digits: spelt for digits in counts(question, language) if (spelt := written_out(digits))}


@lru_cache(maxsize=64)
def written_out(token: str) -> frozenset[str]:
    """The analysed tokens of the number ``token`` (digits) written out in each served language ("3": trois, three,
    三); empty for a number the lists do not write (1, 11, 2018) and for anything else."""
    if not token.isdigit() or token[0] == "0":
        return frozenset()
    n = int(token) - FIRST
    found: set[str] = set()
    for language in LANGUAGES:
        words = words_of(language, WordList.CARDINALS)
        if 0 <= n < len(words):
            found.update(analyze(words[n], language))
    return frozenset(found)
