"""What a member sees, asserted once for every search test: an answer whose quotes hold the fact, or "not found"
with nothing quoted and no summary (a reason is logged for the maintainer, never shown)."""

from __future__ import annotations

from bot.search.retriever import Retriever


def answered_with(retriever: Retriever, question: str, *facts: str) -> None:
    """The answer quotes one of ``facts`` (compared case-folded: "Nine" at a sentence's start is still nine)."""
    answer = retriever.answer(question)
    assert answer.answered, f"{question!r} abstained ({answer.reason})"
    text = " ".join(c.snippet for c in answer.citations).casefold()
    assert any(fact.casefold() in text for fact in facts), text


def quoted_first(retriever: Retriever, question: str, fact: str) -> None:
    """The first quote, the one a member reads, holds ``fact`` (as written)."""
    answer = retriever.answer(question)
    assert answer.answered, f"{question!r} abstained ({answer.reason})"
    assert fact in answer.citations[0].snippet, [c.snippet[:80] for c in answer.citations]


def not_found(retriever: Retriever, question: str) -> str:
    """The answer is "not found": no quote, no summary. Returns the logged reason."""
    answer = retriever.answer(question)
    assert not answer.answered and answer.citations == [] and answer.summary == "", (
        question, answer.reason, [c.snippet for c in answer.citations])
    return answer.reason
