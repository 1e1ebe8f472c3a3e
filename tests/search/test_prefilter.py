"""A regex screened by its leading literals (bot.search.prefilter) answers as the regex does."""

from __future__ import annotations

import random
import re

import evaluation
import pytest

from bot.search import kinds
from bot.search.analysis import _JA_WHAT, DURATION, QUESTION_TYPES
from bot.search.kinds import fold
from bot.search.prefilter import Screened, Screens, required_literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bhow much\b|\bcombien\b|いくら", {"how much", "combien", "いくら"}),
        (r"(?<!\w)où\b|\b(?:who|whom)\b", {"où", "who"}),  # whom holds who: a text with whom has who
        (r"\bcost(?:s|ed)?\b|\bco[uû]t", {"co"}),
        (r"\bm[ée]t[ée]o\b|\bweather\b", {"meteo", "metéo", "méteo", "météo", "weather"}),  # a run reads on
        # through a class of a few literals
        (r"\bpour ?quoi\b", {"pourquoi", "pour quoi"}),  # ... and an optional literal
        (r"\bcolou?r", {"color", "colour"}),
        (r"s?\bwho", {"who"}),  # a run of nothing but an optional literal requires nothing
        (r"\d[a-z]\b(?:th|st)", {"th", "st"}),  # a range is no class of literals
        (r"^(?=.*\bwho\b)(?=.*\bsigned\b)", {"signed"}),  # what a lookahead must match, the text holds
        (r"(?<=prix )\d+", {"prix "}),  # ... a lookbehind too
        (r"(?!who)\w+", None),  # not what a negative one must not match
        (r"(?:19|20)\d\d.*(?:déjà|already|もう)", {"déjà", "already", "もう"}),  # of two as short: longer on average
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


def test_screens_in_one_pass_match_as_each_pattern() -> None:
    """``Screens`` (the literals of several patterns looked for in one pass) finds the keys whose pattern matches:
    a literal inside a longer one (who in whom), two overlapping (ab, bc in abc), a pattern with no literal."""
    patterns = {"who": re.compile(r"\bwho"), "whom": re.compile(r"\bwhom\b"), "ab": re.compile("ab"),
                "bc": re.compile("bc"), "digits": re.compile(r"\d+"), "never": re.compile(r"zz\b")}
    screens = Screens(patterns)
    for text in ("", "to whom", "who", "abc", "a1", "zzz", "whomever abc 2"):
        assert screens.matching(text) == {key for key, pattern in patterns.items() if pattern.search(text)}, text
    texts = [item.question for items in evaluation.available_sets().values() for item in items]
    asked = Screens(kinds._QUESTION)
    for text in map(fold, texts):
        assert asked.matching(text) == {k for k, pattern in kinds._QUESTION.items() if pattern.search(text)}, text
