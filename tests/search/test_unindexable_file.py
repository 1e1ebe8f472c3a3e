"""A file whose analysis raises at start is skipped with its ``path:line`` error; the rest is indexed and served."""

from __future__ import annotations

import logging
from pathlib import Path

import paths
import pytest

import bot.search.retriever as retriever_module
from bot.assistant import Assistant
from bot.cli import main
from bot.knowledge.loader import load_knowledge
from bot.models import Passage
from bot.search.cache import CACHE_NAME, IndexCache, build_index
from bot.search.retriever import _indexed_text

BAD = "bad.md"


class AnalyserFailure(RuntimeError):
    """What the injected analyser raises for the one failing passage."""


def _failing_on(path: str, line: int):
    """The retriever's own ``prepare``, raising inside one file's analysis at one passage."""

    def prepare(passage: Passage):
        if passage.path == path and passage.line >= line:
            raise AnalyserFailure("boom")
        return _indexed_text(passage)

    return prepare


def test_a_file_whose_analysis_raises_is_skipped_with_its_line_and_the_rest_indexed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    passages = load_knowledge(paths.ROOT / "knowledge").passages
    by_file: dict[str, list[Passage]] = {}
    for p in passages:
        by_file.setdefault(p.path, []).append(p)
    path, failing = next((path, ps[1]) for path, ps in by_file.items() if len(ps) > 2)
    others = [p for p in passages if p.path != path]

    cache = IndexCache(tmp_path / CACHE_NAME)
    with caplog.at_level(logging.ERROR, logger="bot.search.cache"):
        built = build_index(passages, _failing_on(path, failing.line), cache=cache)
    assert [str(e) for e in built.skipped] == [
        f"{path}:{failing.line}: could not be indexed (AnalyserFailure); the file is not served"
    ]
    assert f"{path}:{failing.line} skipped" in caplog.text and "boom" in caplog.text  # the traceback, for maintainers
    clean = build_index(others, _indexed_text)
    assert built.files == clean.files == len(by_file) - 1
    assert len(built.index.doc_lengths) == len(others)
    assert list(built.index.terms) == list(clean.index.terms)  # nothing of the failing file stays indexed
    assert dict(built.surface) == dict(clean.surface) and built.frequencies == clean.frequencies

    again = build_index(passages, _failing_on(path, failing.line), cache=cache)  # the next start: same skip
    assert again.skipped == built.skipped
    assert again.reused_files == len(by_file) - 1 and again.analysed_files == 0
    assert list(again.index.terms) == list(clean.index.terms)


@pytest.fixture
def knowledge(knowledge: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped corpus (conftest's copy) plus one file the analysis fails on."""
    directory = knowledge
    (directory / BAD).write_text(
        "---\nid: bad-file\ntitle: Zyxwv\nlanguage: en\nsource: https://example.org/bad\n---\n\n"
        "Zyxwvut quorbles only here.\n\nSecond paragraph, also quorbles.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(retriever_module, "_indexed_text", _failing_on(BAD, 0))
    return directory


def test_start_skips_the_unindexable_file_and_answers_from_the_others(knowledge: Path, tmp_path: Path) -> None:
    assistant = Assistant.from_directory(knowledge, tmp_path / CACHE_NAME)
    try:
        kb = assistant.knowledge
        assert [str(e) for e in kb.errors if e.path == BAD] == [
            f"{BAD}:8: could not be indexed (AnalyserFailure); the file is not served"
        ]
        assert "bad-file" not in {d.id for d in kb.documents} and BAD not in {p.path for p in kb.passages}
        assert kb.passages and all(p.path != BAD for p in assistant.retriever.passages)
        answer = assistant.retriever.answer("Who founded Station F?")
        assert answer.citations and all(c.doc_id != "bad-file" for c in answer.citations)
    finally:
        assistant.close()


def test_ask_and_check_report_the_skipped_file(knowledge: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "data" / "queries.db"
    assert main(["ask", "Who founded Station F?", "--knowledge", str(knowledge), "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "Station F" in out
    assert main(["knowledge", "check", str(knowledge)]) == 1
    out, _ = capsys.readouterr()
    assert f"{(knowledge / BAD).as_posix()}:8: could not be indexed" in out
    assert "1 error in 1 file (skipped;" in out
