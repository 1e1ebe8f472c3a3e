"""A passage made ready for snippets (``snippets.prepare``): what the quicker paths of an answer rely on.

* A sentence's words (``PreparedText.words``, what the window, the lead and the premise checks read first) are
  exactly the tokens of its spans (``analyze_spans``): a sentence whose words lack what is looked for is not
  analysed with its spans at all, so the two must never differ.
* Sentences are cut where the look-behind splitter of earlier versions cut them (the end mark is now looked for
  first, at C speed), on the shipped corpus, on tricky text and on generated text.
"""

from __future__ import annotations

import re

import paths
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search.analysis import analyze_spans
from bot.search.snippets import plain_text, prepare, split_sentences

TRICKY = [
    "Qu'il l'a signé le 13 juillet 2018, c'est-à-dire a-t-elle dit : le 1er et le 2e covid-19 d'un' --x",
    "Les start-up signées, signée et signées par l'État ; aujourd'hui l'arrivée des entrepreneurs.",
    "The J-Startup programme's 92 companies weren't there; it's the CEATEC's 3rd edition (state-of-the-art).",
    "ジェトロは13日、パリでJ-Startupの企業を紹介した。Station F",
    '**日本**政府は「Society 5.0」を掲げる。 He said « yes. » Then left!! Really?! "Quoted." (Aside.) End…',
    "。。！ a.b. c  ..  ?」 x。」 y",
]

# the splitter before this version: a look-behind on the end mark, tried at every character (with the rule it has
# since: a Latin end mark ends no sentence before lower case or a bracket, its closing quotes taken whole)
_LOOK_BEHIND = re.compile(r"(?<=[.!?…])((?:\s?[\"»”’)\]])*+)\s+(?![a-zà-ÿ(])|(?<=[。！？])([」』）]*)\s*")


def _split_before(text: str) -> list[str]:
    sentences = []
    start = 0
    for match in _LOOK_BEHIND.finditer(text):
        end = match.start() + len(match.group(1) or match.group(2) or "")
        if end > start:
            sentences.append(text[start:end].strip())
        start = match.end()
    if start < len(text) and text[start:].strip():
        sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def _shipped_passages() -> list[str]:
    return [p for f in sorted(paths.SHIPPED_KNOWLEDGE.rglob("*.md")) for p in f.read_text("utf-8").split("\n\n")]


@pytest.mark.parametrize("language", ["en", "fr", "ja"])
def test_a_sentences_words_are_its_spans_tokens(language: str) -> None:
    for text in [*TRICKY, *_shipped_passages()]:
        prepared = prepare(text, language)
        for n, sentence in enumerate(prepared.sentences):
            spans = analyze_spans(sentence, language)
            assert prepared.words[n] == frozenset(t for t, _, _ in spans), sentence
            assert list(prepared.spans(n)) == spans


def test_sentences_are_cut_where_they_were() -> None:
    for text in [*TRICKY, *_shipped_passages()]:
        plain = plain_text(text)
        assert split_sentences(plain) == _split_before(plain), plain[:80]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab é.!?…。！？」』）\"»”’)] \n", max_size=40))
def test_any_text_is_cut_where_it_was(text: str) -> None:
    assert split_sentences(text) == _split_before(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeéiklmnorstuy '-019.本日政府パリ", max_size=80), st.sampled_from(["en", "fr", "ja"]))
def test_any_texts_words_are_its_spans_tokens(text: str, language: str) -> None:
    prepared = prepare(text, language)
    for n, sentence in enumerate(prepared.sentences):
        assert prepared.words[n] == frozenset(t for t, _, _ in analyze_spans(sentence, language))
