"""The search's word lists live in one data file per language (bot/search/words/), read by every module using them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import paths
import pytest

from bot.knowledge.problems import FileProblem
from bot.models import LANGUAGES, ChatKind, ChatPhrases
from bot.search import evidence, kinds
from bot.search.analysis import analyze
from bot.search.cleanup import ChatLexicon
from bot.search.wordlists import WordList, parse_words, stop_words, word_set, words_of


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
        assert words_of(language, WordList.SAYS) and words_of(language, WordList.AGREEMENTS)
    assert "found" in evidence.beginning_tokens("en") and "設立" in evidence.beginning_tokens("ja")
    assert evidence.topic_asked("Does the declaration touch on 5G?", "en") == "5g"
    assert evidence.topic_asked("Is cybersecurity covered?", "en") == "cybersecurity"
    assert evidence.topic_asked("La déclaration évoque-t-elle la 5G ?", "fr") == "la 5g "
    assert evidence.topic_asked("5Gについて触れていますか", "ja") == "5g"
    assert evidence.topic_said("what did the declaration say about bitcoin?", "en") == "bitcoin"
    assert evidence.topic_said("que dit-elle sur la 5G ?", "fr") == "la 5g "
    assert evidence.topic_said("5Gについては何と書いてある？", "ja") == "5g"
    assert evidence.agreement_topic("a defence agreement?", "en") == "defence"
    assert evidence.agreement_topic("what is the goal of the agreement?", "en") == ""  # names no topic
    assert evidence.agreement_topic("l'accord de défense", "fr") == "défense"
    assert evidence.agreement_topic("原子力協定", "ja") == "原子力"


def test_a_language_the_bot_does_not_serve_has_no_words() -> None:
    assert words_of("de", WordList.NUMBERS) == ()
    assert stop_words("de") == frozenset()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_stop_words_of_the_file_are_the_words_the_search_drops(language: str) -> None:
    """A word added to a file's stop words is dropped from questions and passages (analysis had them as code)."""
    assert len(stop_words(language)) == len(words_of(language, WordList.STOP_WORDS)) > 5
    for word in stop_words(language):
        assert analyze(word, language) == [], word
    assert analyze("declaration", language)


def test_elisions_clitics_and_inverted_pronouns_of_the_files_are_dropped_from_a_word() -> None:
    for elided in word_set("fr", WordList.ELISIONS):  # l'économie, jusqu'à: in a text of any language
        assert analyze(f"{elided}'economie", "en") == analyze("economie", "en"), elided
    for clitic in word_set("en", WordList.CLITICS):  # Japan's, don't
        assert analyze(f"japan'{clitic}", "fr") == analyze("japan", "fr"), clitic
    for pronoun in word_set("fr", WordList.INVERTED_PRONOUNS):  # parle-t-elle, vont-ils
        assert analyze(f"parle-t-{pronoun}", "fr") == analyze("parle", "fr"), pronoun
    assert {"l", "qu"} <= word_set("fr", WordList.ELISIONS) and "s" in word_set("en", WordList.CLITICS)


def test_a_message_of_stop_words_around_help_is_small_talk() -> None:
    """cleanup reads the same stop words: "and" / "et" join two help phrases without making a question."""
    lexicon = ChatLexicon([ChatPhrases("en", ChatKind.HELP, ("help", "commands"))])
    for joined in ("help and commands", "help et commands"):
        assert lexicon.clean(joined).removed == {ChatKind.HELP}, joined
    assert lexicon.clean("help with startups and commands").removed == frozenset()


_IMPORT_THEN_ANALYSE = """
import importlib, json, pkgutil, sys
import bot
opened = []
sys.addaudithook(lambda event, args: event == "open" and "words" in str(args[0]) and opened.append(str(args[0])))
for module in pkgutil.walk_packages(bot.__path__, "bot."):
    if not module.name.endswith("__main__"):
        try:
            importlib.import_module(module.name)
        except ImportError:  # an optional library (datasette) not installed
            pass
at_import = [path for path in opened if "/search/words/" in path]
bot.search.analysis.analyze("Who signed the declaration?", "en")
print(json.dumps([at_import, opened]))
"""


def test_no_words_file_is_read_at_import() -> None:
    """Importing any module of the bot reads no words file (evidence.py analysed the month names at import); the
    first analysis reads them: the audit hook does see the reads."""
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT)}
    done = subprocess.run([sys.executable, "-c", _IMPORT_THEN_ANALYSE], capture_output=True, text=True, env=env,
                          cwd=paths.ROOT, timeout=120, check=True)
    at_import, after_analysis = json.loads(done.stdout)
    assert at_import == []
    assert any(path.endswith("en.yaml") for path in after_analysis)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("language: en\nnumbers: [two]\n", 1, 'starts with "type: words"'),
        ("type: words\nlanguage: fr\n", 2, '"language" must be en'),
        ("type: words\nlanguage: en\nnumber: [two]\n", 3, 'unknown list "number"'),
        ("type: words\nlanguage: en\nnumbers: [two, two]\n", 3, '"numbers" lists two more than once'),
        ("type: words\nlanguage: en\nnumbers: [two]\n", 1, "has no list beginnings, mentions, mentioned, stop_words"),
    ],
)
def test_a_broken_words_file_is_named_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FileProblem) as raised:
        parse_words(text, "en")
    assert raised.value.line == line and message in raised.value.message
