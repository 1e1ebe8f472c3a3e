"""A snippet's sentences are read for the question's words by ``sentences_token_sets``, which stems the words new
to its memo all at once: the tokens must be ``analyze_spans``'s, whatever the memo already holds (``sentence_tokens``:
word for word)."""

from __future__ import annotations

import paths
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search import analysis
from bot.search.analysis import analyze_spans, sentence_tokens, sentences_token_sets
from bot.search.snippets import plain_text, split_sentences

TRICKY = [
    "Qu'il l'a signé le 13 juillet 2018, c'est-à-dire a-t-elle dit : le 1er et le 2e covid-19 d'un' --x",
    "Les start-up signées, signée et signées par l'État ; aujourd'hui l'arrivée des entrepreneurs.",
    "The J-Startup programme's 92 companies weren't there; it's the CEATEC's 3rd edition (state-of-the-art).",
    "ジェトロは13日、パリでJ-Startupの企業を紹介した。Station F",
    "TNF-α and IL-1β rose (p ≤ 0.05; 12–15 µg/ml ± 2), the ﬁrst ½ dose—Œuvre’s ²H-labelled Ωmega\u00a0cells.",
]


def _reference(sentences: list[str], language: str) -> list[list[str]]:
    return [[t for t, _, _ in analyze_spans(s, language)] for s in sentences]


def _sets(sentences: list[str], language: str) -> list[frozenset[str]]:
    return [frozenset(tokens) for tokens in _reference(sentences, language)]


def _fresh() -> None:
    for memo in analysis._RUN_TOKENS.values():
        memo.clear()


def _sentences(text: str) -> list[str]:
    return split_sentences(plain_text(text)) or [text]


@pytest.mark.parametrize("language", ["en", "fr", "ja"])
def test_the_shipped_corpus_is_read_as_analyze_spans_reads_it(language: str) -> None:
    _fresh()
    texts = [p for f in sorted(paths.SHIPPED_KNOWLEDGE.rglob("*.md")) for p in f.read_text("utf-8").split("\n\n")]
    for text in [*TRICKY, *texts]:
        sentences = _sentences(text)
        assert sentences_token_sets(sentences, language) == _sets(sentences, language), text[:80]
        assert [sentence_tokens(s, language) for s in sentences] == _reference(sentences, language)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdeéiklmnorstuy '-019.αβµ–—±ﬁ½²Ωœ’\u00a0", max_size=60), min_size=1, max_size=4),
       st.sampled_from(["en", "fr", "ja"]), st.booleans())
def test_any_ascii_or_latin_text_is_read_the_same(sentences: list[str], language: str, fresh: bool) -> None:
    if fresh:
        _fresh()
    assert sentences_token_sets(sentences, language) == _sets(sentences, language)
