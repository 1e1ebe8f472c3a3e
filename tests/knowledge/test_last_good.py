"""A served file broken by a moderator's edit keeps being served in its last good version (outsider trial).

Before, a bad edit skipped the file at the next reload or restart: a broken FAQ lost all its answers and a
broken chat file made "thanks" a search. The last load's parse of each served file is kept in the knowledge
cache beside the query log, so the bot serves it until the file is fixed, and says so with the problems.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.assistant import Assistant
from bot.models import AnswerKind
from bot.search.cache import cache_path_beside

QUESTION = "Who signed the France-Japan declaration?"
SIGNED = "answer: The joint declaration of 13 July 2018 was signed"
KEPT = "en/faq.yaml: serving its last good version until the problems above are fixed"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, folder)
    return folder


def _start(knowledge: Path) -> Assistant:
    """The bot's start: the knowledge cache beside its query log."""
    return Assistant.from_directory(knowledge, cache_path_beside(knowledge.parent / "data" / "queries.db"))


async def _first_doc(assistant: Assistant, question: str) -> str:
    answer = await assistant.ask(question)
    assert answer.answered
    return answer.citations[0].doc_id


async def test_a_served_faq_broken_by_an_edit_keeps_answering_until_fixed(
    knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    faq = knowledge / "en" / "faq.yaml"
    good = faq.read_text()
    assistant = _start(knowledge)
    try:
        assert await _first_doc(assistant, QUESTION) == "faq-en"
        faq.write_text(good.replace(SIGNED, "answr: The joint declaration of 13 July 2018 was signed", 1))
        with caplog.at_level(logging.WARNING):
            result = await assistant.reload()
        assert result.swapped and result.kept == ["en/faq.yaml"]
        assert [e.where for e in result.errors if e.path == "en/faq.yaml"]  # its problems, each file:line
        assert all(e.line > 0 for e in result.errors)
        assert KEPT in caplog.text
        assert await _first_doc(assistant, QUESTION) == "faq-en"  # still answered from the last good version
    finally:
        assistant.close()

    restarted = _start(knowledge)  # a restart remembers it too
    try:
        assert restarted.knowledge.kept == ["en/faq.yaml"]
        assert await _first_doc(restarted, QUESTION) == "faq-en"
        faq.write_text(good.replace(SIGNED, "answer: Yoji Muto and two French junior ministers signed", 1))
        result = await restarted.reload()  # fixed: the new version is served, nothing is kept
        assert result.kept == [] and not [e for e in result.errors if e.path == "en/faq.yaml"]
        answer = await restarted.ask(QUESTION)
        assert "two French junior ministers" in answer.summary + " ".join(c.snippet for c in answer.citations)
    finally:
        restarted.close()


async def test_a_broken_chat_file_keeps_thanks_as_small_talk(knowledge: Path) -> None:
    chat = knowledge / "chat" / "en.yaml"
    assistant = _start(knowledge)
    try:
        assert (await assistant.ask("thanks")).kind is AnswerKind.SMALL_TALK
        chat.write_text(chat.read_text() + "thankss: [ty\n")  # an unclosed list
        result = await assistant.reload()
        assert result.kept == ["chat/en.yaml"] and any(e.path == "chat/en.yaml" for e in result.errors)
        assert (await assistant.ask("thanks")).kind is AnswerKind.SMALL_TALK
    finally:
        assistant.close()


async def test_a_file_broken_before_it_was_ever_served_is_skipped(knowledge: Path) -> None:
    assistant = _start(knowledge)
    try:
        (knowledge / "en" / "notes.md").write_text("---\nid: notes-en\nlanguage: en\n---\nNo title, no source.\n")
        result = await assistant.reload()
        assert result.kept == [] and {e.path for e in result.errors} == {"en/notes.md"}
        assert "notes-en" not in {d.id for d in assistant.knowledge.documents}
    finally:
        assistant.close()


LYON_FR = """---
id: pavillon-lyon
title: Le pavillon de Lyon
language: {language}
source: https://www.example.org/lyon
---
Le pavillon de Lyon a ouvert ses portes en septembre 2018 pour accueillir les jeunes pousses japonaises et françaises
dans le cadre de la déclaration.
"""


async def test_a_text_marked_in_another_language_is_refused_and_the_last_good_version_served(knowledge: Path) -> None:
    """Trial 10 H4: French text marked `en` was indexed as English: French questions never found it, and its words
    let another passage answer them. It is refused like any broken file; a served version stays served."""
    lyon = knowledge / "fr" / "pavillon-lyon.md"
    question = "Quand le pavillon de Lyon a-t-il ouvert ?"
    lyon.write_text(LYON_FR.format(language="en"), encoding="utf-8")
    assistant = _start(knowledge)
    try:
        assert [str(e) for e in assistant.knowledge.errors] == [
            'fr/pavillon-lyon.md:4: the text reads as French but "language" says en: write "language: fr" '
            "(or put the English text here); the file was not loaded"]
        answer = await assistant.ask(question)
        assert not answer.answered  # as when the file is absent, not a Station F passage
        lyon.write_text(LYON_FR.format(language="fr"), encoding="utf-8")
        assert (await assistant.reload()).errors == []
        assert await _first_doc(assistant, question) == "pavillon-lyon"
        lyon.write_text(LYON_FR.format(language="ja"), encoding="utf-8")  # a later slip keeps the good version
        result = await assistant.reload()
        assert result.kept == ["fr/pavillon-lyon.md"] and [e.line for e in result.errors] == [4]
        assert await _first_doc(assistant, question) == "pavillon-lyon"
    finally:
        assistant.close()
