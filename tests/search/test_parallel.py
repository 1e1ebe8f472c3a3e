"""A cold start's analysis shared with a second process gives the one-process index, byte for byte."""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

import numpy as np
import paths
import pytest

from bot.knowledge.loader import load_knowledge
from bot.models import Passage
from bot.search import parallel
from bot.search.cache import CACHE_NAME, IndexCache, IndexedCorpus, _read_file, build_index
from bot.search.retriever import _indexed_text

pytestmark = pytest.mark.skipif(not parallel.second_process_allowed(), reason="needs two cores")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped corpus (256 passages, three languages, FAQ entries) in chunks of a few files each, shared."""
    monkeypatch.setattr(parallel, "MIN_PASSAGES", 0)
    monkeypatch.setattr(parallel, "CHUNK_PASSAGES", 12)


def _same(a: IndexedCorpus, b: IndexedCorpus) -> None:
    assert list(a.index.terms) == list(b.index.terms)
    for name, array in a.index.arrays().items():
        np.testing.assert_array_equal(array, b.index.arrays()[name], err_msg=name)
    assert list(a.surface) == list(b.surface) and dict(a.surface) == dict(b.surface)
    assert list(a.frequencies.items()) == list(b.frequencies.items())  # the words' order too (the spellers read it)
    assert a.skipped == b.skipped


def _analysis_processes() -> list[int]:
    """This process's children running the second analysis."""
    pids = [int(pid) for task in Path(f"/proc/{os.getpid()}/task").iterdir()
            for pid in (task / "children").read_text().split()]
    return [pid for pid in pids if b"bot.search.parallel" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def _passages() -> list[Passage]:
    return list(load_knowledge(paths.ROOT / "knowledge").passages)


def _shares(caplog: pytest.LogCaptureFixture) -> tuple[int, int, int]:
    """Files analysed here, in the second process, and here for it (from the build's log line)."""
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("index analysis:"))
    here, there, left = (int(word) for word in line.split() if word.isdigit())
    return here, there, left


def test_two_processes_build_the_one_process_index(small_chunks: None, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    passages = _passages()
    one = build_index(passages, _indexed_text, processes=1, cache=IndexCache(tmp_path / "one" / CACHE_NAME))
    with caplog.at_level(logging.INFO, logger="bot.search.parallel"):
        two = build_index(passages, _indexed_text, processes=2, cache=IndexCache(tmp_path / "two" / CACHE_NAME))
    _, there, left = _shares(caplog)
    assert there > 0 and left == 0 and not [r for r in caplog.records if r.levelno >= logging.WARNING]
    _same(one, two)
    for name in (CACHE_NAME, CACHE_NAME.replace(".bin", "-segments.bin")):  # what the next start reads: the same
        manifest_one, arrays_one = _read_file(tmp_path / "one" / name)
        manifest_two, arrays_two = _read_file(tmp_path / "two" / name)
        assert {**manifest_one, "generation": ""} == {**manifest_two, "generation": ""}
        assert arrays_one.keys() == arrays_two.keys()
        for array, other in zip(arrays_one.values(), arrays_two.values(), strict=True):
            assert array.dtype == other.dtype and array.tobytes() == other.tobytes()


def test_a_file_that_cannot_be_analysed_is_skipped_the_same(small_chunks: None,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    passages = _passages()
    failing = passages[len(passages) // 2]

    def prepare(passage: Passage):
        if passage.path == failing.path and passage.line >= failing.line:
            raise RuntimeError("boom")
        return _indexed_text(passage)

    one = build_index(passages, prepare, processes=1)
    with caplog.at_level(logging.ERROR, logger="bot.search.cache"):
        two = build_index(passages, prepare, processes=2)
    assert [str(e) for e in two.skipped] == [
        f"{failing.path}:{failing.line}: could not be indexed (RuntimeError); the file is not served"
    ]
    assert "boom" in caplog.text
    _same(one, two)


def test_a_second_process_killed_midway_leaves_its_files_to_this_one(small_chunks: None,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    passages = _passages()
    prepared_there: list[str] = []

    def prepare(passage: Passage):
        if threading.current_thread().name == "index-analysis-helper":
            prepared_there.append(passage.path)
            if len(set(prepared_there)) == 3:  # its second chunk: the process is killed before it gets it
                for pid in _analysis_processes():
                    os.kill(pid, signal.SIGKILL)
        return _indexed_text(passage)

    one = build_index(passages, _indexed_text, processes=1)
    with caplog.at_level(logging.INFO, logger="bot.search.parallel"):
        two = build_index(passages, prepare, processes=2)
    _same(one, two)
    if len(set(prepared_there)) >= 3:  # the helper got that far (this process may have taken every chunk first)
        assert "its files are analysed in this one" in caplog.text and _shares(caplog)[2] > 0
