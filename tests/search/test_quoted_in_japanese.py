"""A French phrase a Japanese question quotes is read in French (issue 10, mixed languages): its function words
(« que », « ça », « les », « et ») are no words to search for, as in an English question quoting French. Read with
English rules they were words the corpus lacks, the heaviest of the question, and the answer abstained or quoted
another passage."""

from __future__ import annotations

import pytest

from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


def test_a_quoted_french_phrase_finds_the_passage_it_comes_from(retriever: Retriever) -> None:
    answer = retriever.answer("記事の « les Américains et les Chinois » ってどういう文脈？")
    assert answer.answered, answer.reason
    assert "Américains" in answer.citations[0].snippet, [c.snippet for c in answer.citations]


def test_a_quoted_french_phrase_of_function_words_is_not_a_name_the_corpus_lacks(retriever: Retriever) -> None:
    query = retriever.parse("記事の « Rien que ça » って何のこと？", "ja")
    assert not any(u.unknown_name for u in query.units), [u.token for u in query.units if u.unknown_name]
    assert retriever.answer("記事の « Rien que ça » って何のこと？").answered
