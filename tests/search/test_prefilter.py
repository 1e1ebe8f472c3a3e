"""A regex screened by its leading literals (bot.search.prefilter) answers as the regex does."""

from __future__ import annotations

import random
import re

import evaluation
import pytest

from bot.search import kinds
from bot.search.analysis import _JA_WHAT, DURATION, QUESTION_TYPES
from bot.search.kinds import fold
from bot.search.prefilter import Screened, required_literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bhow much\b|\bcombien\b|いくら", {"how much", "combien", "いくら"}),
        (r"(?<!\w)où\b|\b(?:who|whom)\b", {"où", "who"}),  # whom holds who: a text with whom has who
        (r"\bcost(?:s|ed)?\b|\bco[uû]t", {"co"}),
        (r"\b(?:est|sont|il) toujours\b|\bnow\b", {" toujours", "now"}),  # the longest run, wherever it is
        (r"^\W*qui\b|\bwho\b", {"qui", "who"}),
        (r"\d+ (?:days|jours)", {"days", "jours"}),
        (r"\bwho\b|", None),  # an empty alternative matches anywhere
        (r"\bwho\b|\d+", None),  # an alternative with no literal
        (r"[abc]+", None),
        (r"(?i)who", None),  # case-insensitive: the literals say nothing
        (r"(?i:who)|what", None),
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(re.compile(pattern))
    assert found == (None if literals is None else frozenset(literals))


def test_a_case_insensitive_pattern_is_never_screened() -> None:
    assert required_literals(re.compile("who", re.IGNORECASE)) is None
    assert Screened(re.compile("who", re.IGNORECASE)).search("WHO signed?") is not None


def test_screened_question_patterns_answer_as_the_patterns() -> None:
    texts = [
        "how much did it cost?", "combien ça a coûté ?", "いくらかかった？", "who won the prize", "c'est qui ?",
        "quand est-ce que la déclaration a été signée", "how long did he stay?", "何日間滞在した？", "", "?",
        "the current minister", "qu'est-elle devenue ensuite", "follow-up meeting", "où ça ?", "fondée par qui",
    ]
    rng = random.Random(0)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choices(words, k=rng.randint(1, 8))) for _ in range(300)]
    texts += [item.question for items in evaluation.available_sets().values() for item in items]
    patterns = (*kinds._QUESTION.values(), DURATION, *QUESTION_TYPES.values(), _JA_WHAT)
    screened = [Screened(pattern) for pattern in patterns]
    assert sum(s.literals is not None for s in screened) >= 25  # most are screened
    for text in map(fold, texts):
        for screen in screened:
            assert bool(screen.search(text)) == bool(screen.pattern.search(text)), (screen.pattern.pattern[:40], text)
            spans = [m.span() for m in screen.finditer(text)]
            assert spans == [m.span() for m in screen.pattern.finditer(text)], (screen.pattern.pattern[:40], text)
