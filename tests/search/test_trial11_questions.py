"""Outsider trial 11 (M8): a masked link after a question is a link, not words of the question, on the shipped
corpus, the way `python -m bot ask "…"` takes it (``clean_question``, what the log keeps, then the retriever)."""

from __future__ import annotations

import pytest

from bot.questions import clean_question
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    "message",
    ["who signed it? [free nitro](https://evil.example)", "who signed it? [article](<https://evil.example/a>)",
     "[who signed it](https://evil.example)"],  # a message of a link only: its text is all it says
)
def test_a_masked_link_after_the_question_does_not_sink_it(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(clean_question(message))
    assert answer.answered, answer.reason
    assert "Mahjoubi" in answer.citations[0].snippet
