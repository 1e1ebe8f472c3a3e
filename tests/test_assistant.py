"""The async entry point: answers off the loop, reloads atomically, keeps the old index on failure."""

import asyncio
import gc
import shutil
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

import bot.assistant
from bot.assistant import Assistant
from bot.questions import QuestionError

KNOWLEDGE = SHIPPED_KNOWLEDGE

DOC = """---
id: {id}
title: {title}
language: en
source: https://example.org/{id}
---
# Facts

{text}
"""


def write_doc(directory: Path, name: str, text: str, doc_id: str | None = None) -> None:
    doc_id = doc_id or name
    (directory / f"{name}.md").write_text(DOC.format(id=doc_id, title=name.title(), text=text), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    write_doc(directory, "signing", "The joint declaration was signed in Paris on 13 July 2018 by Yoji Muto.")
    return directory


async def test_ask_answers_from_the_worker_thread(corpus: Path):
    assistant = Assistant.from_directory(corpus)
    try:
        answer = await assistant.ask("Where was the joint declaration signed?")
        assert answer.answered
        assert answer.citations[0].passage_id.startswith("signing#facts-")
    finally:
        assistant.close()


async def test_unusable_question_raises_question_error(corpus: Path):
    assistant = Assistant.from_directory(corpus)
    try:
        with pytest.raises(QuestionError):
            await assistant.ask("   ")
    finally:
        assistant.close()


async def test_reload_swaps_in_new_passages(corpus: Path):
    assistant = Assistant.from_directory(corpus)
    try:
        assert not (await assistant.ask("Which robot suit reads brain signals?")).answered
        write_doc(corpus, "robot", "A Japanese robot suit reads weak brain signals to help a person move.")
        result = await assistant.reload()
        assert result.swapped and result.passages == 2 and not result.errors
        answer = await assistant.ask("Which robot suit reads brain signals?")
        assert answer.answered and answer.citations[0].doc_id == "robot"
    finally:
        assistant.close()


def _in_a_generation(obj: object) -> bool:
    """``obj`` is among what the cyclic collector walks (not frozen by ``gc.freeze``)."""
    return any(o is obj for o in gc.get_objects())


async def test_the_serving_process_freezes_each_index_it_builds_and_raises_the_collectors_threshold(corpus: Path):
    """After the start and after a reload, the new index is out of the collector's generations (frozen: its next
    collections do not walk it) and the first generation is SERVING_GC_THRESHOLD's, for the questions that follow."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        assistant = Assistant.from_directory(corpus)
        try:
            assert gc.get_threshold() == bot.assistant.SERVING_GC_THRESHOLD
            assert gc.is_tracked(assistant.retriever) and not _in_a_generation(assistant.retriever)
            gc.set_threshold(700, 10, 10)
            write_doc(corpus, "robot", "A Japanese robot suit reads weak brain signals to help a person move.")
            assert (await assistant.reload()).swapped
            assert gc.get_threshold() == bot.assistant.SERVING_GC_THRESHOLD
            assert gc.is_tracked(assistant.retriever) and not _in_a_generation(assistant.retriever)
        finally:
            assistant.close()
    finally:
        gc.set_threshold(*before)


async def test_reload_keeps_previous_index_when_nothing_loads(corpus: Path):
    assistant = Assistant.from_directory(corpus)
    try:
        (corpus / "signing.md").write_text("---\nid: [broken\n---\n", encoding="utf-8")
        result = await assistant.reload()
        assert not result.swapped
        assert result.errors and result.errors[0].path.endswith("signing.md")
        assert (await assistant.ask("Where was the joint declaration signed?")).answered
    finally:
        assistant.close()


async def test_reload_serves_good_files_and_reports_bad_ones(corpus: Path):
    assistant = Assistant.from_directory(corpus)
    try:
        (corpus / "bad.md").write_text("no front matter at all\n", encoding="utf-8")
        write_doc(corpus, "robot", "A Japanese robot suit reads weak brain signals to help a person move.")
        result = await assistant.reload()
        assert result.swapped and result.documents == 2
        assert [e.path for e in result.errors] == ["bad.md"]
    finally:
        assistant.close()


async def test_questions_during_a_reload_are_answered(tmp_path: Path):
    directory = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, directory)
    assistant = Assistant.from_directory(directory)
    try:
        reload = asyncio.create_task(assistant.reload())
        answers = await asyncio.gather(*(assistant.ask("Who signed the declaration?") for _ in range(20)))
        assert (await reload).swapped
        assert all(a.answered for a in answers)
    finally:
        assistant.close()


def test_a_build_hands_its_free_heap_back_before_the_first_question(corpus: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's garbage is returned once the index is made: questions are answered in another thread, whose
    memos grow a heap of their own on top of the build's free pages (100k: the ask's peak 620 -> 573 MB)."""
    events: list[str] = []
    build = bot.assistant._build_retriever
    monkeypatch.setattr(bot.assistant, "_build_retriever", lambda *args: events.append("built") or build(*args))
    monkeypatch.setattr(bot.assistant, "release_free_heap", lambda: events.append("released"))
    Assistant.from_directory(corpus, tmp_path / "cache" / "index-cache.bin").close()
    assert events == ["built", "released"]
