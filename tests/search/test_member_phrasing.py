"""How members phrase questions, read on the shipped corpus: a hyphenated word the corpus lacks whole, a span of
days asked "from when to when"."""

from __future__ import annotations

from bot.search.retriever import Retriever


def test_a_compound_the_corpus_lacks_whole_is_read_as_its_words(shipped_retriever: Retriever) -> None:
    """"next-generation" is two everyday words, not one unknown word weighing as a name the quotes must hold."""
    question = "Which next-generation mobile network standard is among the technologies the text mentions?"
    tokens = {u.token for u in shipped_retriever.parse(question).units}
    assert "nextgener" not in tokens and "next" in tokens
    answer = shipped_retriever.answer(question)
    assert answer.answered, answer.reason
    assert "5G" in answer.citations[0].snippet


def test_a_century_is_read_as_a_rank_and_a_word(shipped_retriever: Retriever) -> None:
    """"19th-century": the rank "19th" names no number the quotes must give (the corpus gives a year, 1858)."""
    answer = shipped_retriever.answer("Which 19th-century treaty is the 2018 anniversary counted from?")
    assert answer.answered, answer.reason
    assert "1858" in answer.citations[0].snippet


def test_a_compound_the_related_words_know_stays_one_word(shipped_retriever: Retriever) -> None:
    """"give-and-take" is a line of knowledge/related/ (→ reciprocity): read whole, as the moderators wrote it."""
    units = shipped_retriever.parse("What kind of give-and-take did the agreement insist on?").units
    assert any(u.related for u in units if u.token.startswith("giveandtak"))


def test_from_when_to_when_quotes_the_span(shipped_retriever: Retriever) -> None:
    """"de quand à quand" asks the days of a stay: the quote read first gives them, not only the signing date."""
    answer = shipped_retriever.answer("le ministre japonais Yoji Mutto il etait en france de quand a quand ?")
    assert answer.answered, answer.reason
    assert "12 au 14" in answer.citations[0].snippet
