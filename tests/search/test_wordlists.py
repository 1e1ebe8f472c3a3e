"""The search's word lists live in one data file per language (bot/search/words/), read by every module using them."""

from __future__ import annotations

import pytest

from bot.knowledge.problems import FileProblem
from bot.models import LANGUAGES
from bot.search import evidence, kinds
from bot.search.analysis import analyze
from bot.search.wordlists import WordList, parse_words, words_of


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_number_word_of_the_file_counts_for_the_kind_and_the_evidence(language: str) -> None:
    """One list feeds both checks: a number word is a count in a passage (kinds) and next to what is counted
    (evidence); the two modules had a copy each."""
    numbers = words_of(language, WordList.NUMBERS)
    assert numbers
    for word in numbers:
        assert kinds.holds(kinds.Kind.COUNT, f"{word} startups"), word
        tokens = analyze(f"{word} startups", language)
        assert evidence.counts_near([frozenset(analyze("startups", language))], tokens, language), word


def test_the_verbs_of_a_beginning_and_of_a_mention_come_from_the_files() -> None:
    for language in LANGUAGES:
        assert words_of(language, WordList.BEGINNINGS)
        assert words_of(language, WordList.MENTIONS)
    assert "found" in evidence.beginning_tokens("en") and "設立" in evidence.beginning_tokens("ja")
    assert evidence.topic_asked("Does the declaration touch on 5G?", "en") == "5g"
    assert evidence.topic_asked("Is cybersecurity covered?", "en") == "cybersecurity"
    assert evidence.topic_asked("La déclaration évoque-t-elle la 5G ?", "fr") == "la 5g "
    assert evidence.topic_asked("5Gについて触れていますか", "ja") == "5g"


def test_a_language_the_bot_does_not_serve_has_no_words() -> None:
    assert words_of("de", WordList.NUMBERS) == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("language: en\nnumbers: [two]\n", 1, 'starts with "type: words"'),
        ("type: words\nlanguage: fr\n", 2, '"language" must be en'),
        ("type: words\nlanguage: en\nnumber: [two]\n", 3, 'unknown list "number"'),
        ("type: words\nlanguage: en\nnumbers: [two, two]\n", 3, '"numbers" lists two more than once'),
        ("type: words\nlanguage: en\nnumbers: [two]\n", 1, "has no list beginnings, mentions, mentioned"),
    ],
)
def test_a_broken_words_file_is_named_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FileProblem) as raised:
        parse_words(text, "en")
    assert raised.value.line == line and message in raised.value.message
