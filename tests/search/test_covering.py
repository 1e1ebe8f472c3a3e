"""A passage covering the question leads when the best-scored ones do not cover it (bot.search.covering)."""

from __future__ import annotations

import pytest

from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


def test_a_close_passage_covering_the_question_is_quoted_rather_than_not_found(retriever: Retriever) -> None:
    """The passages on the two countries' start-ups score best but hold a third of the question; the one ranked
    sixth names the trade shows asked about: quoted first, instead of "not found"."""
    answer = retriever.answer("両国の新興企業がお互いの催しに参加する話で、名前が挙がった見本市は？")
    assert answer.answered
    assert "CEATEC" in answer.summary


@pytest.mark.parametrize(
    "question",
    [
        "Who runs the French Tech Tokyo community?",  # a passage meets "runs" alone: met in passing
        "マジュビ氏は政府を離れたあと何をしていますか？",  # the covering passages lack 政府, the heaviest word
    ],
)
def test_a_passage_covering_the_question_by_chance_does_not_answer_it(retriever: Retriever, question: str) -> None:
    assert not retriever.answer(question).answered
