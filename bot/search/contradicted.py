"""A count a question takes for granted that the quotes contradict: a false premise, not a question to answer.

"Which ten start-ups pitched at Station F?", "what events marked the 150th anniversary of relations?", « quelles sont
les douze start-up ? »: every word but the number matches the passages on the nine start-ups or the 160th
anniversary, so the coverage passes and the answer quotes a fact that denies what the question supposes, as if it
answered it (blind L, K, M). A wh-question supposes its count; the quotes answer it only when one of them states that
count of the same thing. So the answer abstains when a cited passage counts what the question counts (the number and
one of the words right after it, as ``evidence.counting_numbers`` reads numbers: not a year, not a day) with another
number, and none with the question's. A yes/no question asks whether ("were ten start-ups there?"): the quote stating
nine answers it, and is left to the retriever's restatement (bot.search.lead). Numbers are compared by value: digits,
ordinals (160th, 160e: their digits are their token) and the words files' ``cardinals`` (nine, neuf, 九 are 9); other
number words (douze, dozens) by their token.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.models import LANGUAGES
from bot.search.analysis import analyze
from bot.search.cardinals import FIRST
from bot.search.evidence import counting_numbers
from bot.search.wordlists import WordList, words_of

WORDS_AFTER = 1  # the counted thing is the word right after its number ("nine start-ups", "160th anniversary");
# 3 also paired "the two countries" with "the 160th anniversary of diplomatic relations" (blind B, D: two losses)
COUNT_MAX = 999  # a larger number is a year or an amount, which the question's other checks read (treaty of 1858)


@lru_cache(maxsize=1)
def _values() -> dict[str, int]:
    """The analysed tokens of the ``cardinals`` of every language, with their values (nine, neuf: 9)."""
    values: dict[str, int] = {}
    for language in LANGUAGES:
        for n, word in enumerate(words_of(language, WordList.CARDINALS), start=FIRST):
            for token in analyze(word, language):
                values.setdefault(token, n)
    return values


def counts(tokens: Sequence[str], language: str) -> dict[int | str, frozenset[str]]:
    """Each count ``tokens`` (analysed, in ``language``) state, by value, with the words after it (up to
    WORDS_AFTER words that are not numbers themselves): "nine start-ups pitched" → {9: {startup, start, up}}."""
    positions = counting_numbers(tokens, language)
    numbers = set(positions)
    found: dict[int | str, set[str]] = {}
    for i in positions:
        token = tokens[i]
        value: int | str = int(token) if token.isdigit() else _values().get(token, token)
        if isinstance(value, int) and value > COUNT_MAX:
            continue
        after = [t for j, t in enumerate(tokens[i + 1:i + 1 + 2 * WORDS_AFTER], start=i + 1) if j not in numbers]
        found.setdefault(value, set()).update(after[:WORDS_AFTER])
    return {value: frozenset(words) for value, words in found.items()}


def contradicted(asked: Sequence[str], language: str, cited: Iterable[tuple[Sequence[str], str]]) -> bool:
    """A count the question states (``asked``: its tokens, in ``language``) is stated otherwise by the ``cited``
    passages (their tokens and language), and by none of them as asked."""
    supposed = counts(asked, language)
    if not supposed:
        return False
    stated = [counts(tokens, passage_language) for tokens, passage_language in cited]
    for value, words in supposed.items():
        same = any(not words.isdisjoint(said.get(value, ())) for said in stated)
        other = any(n != value and not words.isdisjoint(after) for said in stated for n, after in said.items())
        if other and not same:
            return True
    return False
