"""A source named in the question (« Le Moci », the CCI's « Edito : chiche ») is no name the corpus lacks when the
quotes come from it: its name stands in their document's title and address, never in their text."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.models import KnowledgeBase
from bot.search.retriever import Retriever
from bot.search.sources import source_words


def test_what_a_named_source_says_is_answered(shipped_retriever: Retriever) -> None:
    answered_with(shipped_retriever, "What principles does Le Moci say the cooperation rests on?", "reciprocity")


@pytest.mark.parametrize("question", [
    "What did Le Figaro say about the declaration?",
    "Que dit l'accord commercial UE-Japon sur les start-up ?",  # a title's « Japon » is no source named « UE-Japon »
])
def test_a_source_or_a_name_the_corpus_lacks_is_still_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


def test_a_source_is_named_by_its_title_and_its_address(shipped_knowledge: KnowledgeBase) -> None:
    words = {p.doc_id: source_words(p) for p in shipped_knowledge.passages}
    assert {"le", "moci", "lemoci"} <= words["lemoci-en"]
    assert {"edito", "chiche", "ccifj"} <= words["ccifj-fr"]
