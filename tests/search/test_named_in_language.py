"""A name asked in a language written in another script (bot.search.named_in_language): the quote read first gives
it in that writing, not the name in the question's own language."""

from __future__ import annotations

import pytest

from bot.models import LANGUAGES
from bot.search.named_in_language import asked_in, latin_language, written_in
from bot.search.retriever import Retriever
from bot.search.wordlists import WordList, words_of

JAPANESE_NAME = "イノベーション・デジタル分野での協力に係る共同声明"


@pytest.mark.parametrize(
    "question",
    [
        "Quel est le nom japonais officiel de la déclaration du 13 juillet ?",
        "Le nom en japonais de la déclaration, c'est quoi ?",
        "What is the joint declaration's official name in Japanese?",
    ],
)
def test_the_japanese_name_asked_in_french_or_english_is_quoted_first(shipped_retriever: Retriever,
                                                                       question: str) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered
    assert JAPANESE_NAME in answer.citations[0].snippet, [c.snippet[:80] for c in answer.citations]


def test_the_french_name_asked_in_japanese_is_quoted_first(shipped_retriever: Retriever) -> None:
    answer = shipped_retriever.answer("日仏共同声明のフランス語の正式名称を教えてください")
    assert answer.answered
    assert "Déclaration conjointe" in answer.citations[0].snippet


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("共同声明の英語での名称を教えてください。", "Joint declaration on"),
        ("Quel est le titre anglais de la déclaration ?", "Joint declaration on"),
        ("anyone got the french name of the declaration? need it for a doc 🙏", "Déclaration conjointe"),
    ],
)
def test_a_name_asked_in_a_language_of_the_same_script_is_quoted_in_that_language(
        shipped_retriever: Retriever, question: str, name: str) -> None:
    """The English title asked in Japanese or in French, the French one in English: a quote giving the title in the
    other Latin language (the French one for the English one asked) does not answer."""
    answer = shipped_retriever.answer(question)
    assert answer.answered
    assert name in answer.citations[0].snippet, [c.snippet[:80] for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "language", "asked"),
    [
        ("Quel est le nom japonais de la déclaration ?", "fr", "ja"),
        ("What is it called in Japanese?", "en", "ja"),
        ("共同声明の英語のタイトルは？", "ja", "en"),
        ("What is the name of the Japanese minister who signed?", "en", None),  # a person's name, in any writing
        ("Quel est le titre anglais de la déclaration ?", "fr", "en"),  # the same script: told by its words
        ("What's the English title de la déclaration ?", "fr", "en"),  # asked in English inside a French question
        ("What is the declaration's French title?", "en", "fr"),
        ("Quel est le titre français de la déclaration ?", "fr", None),  # the question's own language
        ("Quel est le nom de la déclaration ?", "fr", None),
    ],
)
def test_a_name_is_asked_in_a_language_when_the_two_words_are_side_by_side(
        question: str, language: str, asked: str | None) -> None:
    assert asked_in(question, language) == asked


def test_a_name_is_given_in_a_writing_when_it_is_quoted_or_in_brackets() -> None:
    assert written_in(f"Le METI la nomme « {JAPANESE_NAME} ».", "ja")
    assert written_in("signée par Yoji Muto (武藤容治), vice-ministre", "ja")
    assert not written_in("Le Japon et la France (日仏) ont signé.", "ja")  # two kanji name no text
    assert written_in("その名称は « Déclaration conjointe sur la coopération » です。", "fr")
    assert not written_in("その名称は « Déclaration conjointe sur la coopération » です。", "en")  # French words
    assert written_in("Its English title is « Joint declaration on Franco-Japanese cooperation ».", "en")


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Déclaration conjointe sur la coopération franco-japonaise dans les domaines de l'innovation", "fr"),
        ("Joint declaration on Franco-Japanese cooperation in the fields of innovation", "en"),
        ("French Tech Tokyo", None),  # no function word: either
    ],
)
def test_a_latin_name_is_french_or_english_by_its_function_words(name: str, language: str | None) -> None:
    assert latin_language(name) == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_named_has_a_code_of_the_bot(language: str) -> None:
    assert words_of(language, WordList.NAME_WORDS)
    named = words_of(language, WordList.LANGUAGE_NAMES)
    assert {entry.rsplit(" ", 1)[1] for entry in named} == set(LANGUAGES)
