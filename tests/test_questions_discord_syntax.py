"""Outsider trial 8, retrieval noise (R2, R3): Discord syntax around "who signed?" as members paste it, on the shipped
corpus, the way `python -m bot ask "…"` takes it (``clean_question``, what the log keeps, then the retriever)."""

from __future__ import annotations

import pytest

from bot.questions import clean_question
from bot.search.retriever import Retriever

SIGNATORIES = "Mahjoubi"  # what the answer to "who signed?" names


@pytest.mark.parametrize(
    "message",
    [
        "[who signed](https://evil.example/@everyone) discord.gg/abc",  # R2: a mention inside a masked link's URL
        "[who signed](https://evil.example/x/@here/y)",
        "who signed? https://evil.example/@everyone?ref=1",  # a mention inside a plain link
        "who signed? discord.gg/abc",  # an invite pasted without its https://
        "-# who signed?",  # R3: subtext is drawing, as a heading is
    ],
)
def test_links_and_subtext_around_who_signed_are_not_read_as_words(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(clean_question(message))
    assert answer.answered, (message, answer.reason)
    assert SIGNATORIES in answer.citations[0].snippet


def test_a_mention_inside_a_link_is_cut_out_of_it_not_into_two() -> None:
    """The log keeps no mention, and the link stays one address (a masked link still reads as its text)."""
    assert clean_question("[who signed](https://evil.example/@everyone) ok") == "[who signed](https://evil.example/) ok"
    assert clean_question("@everyone who signed?") == "who signed?"
