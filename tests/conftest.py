"""Root of the test suite: ``tests/`` is on ``sys.path`` (pyproject ``pythonpath``), the fake Discord's fixtures
come from its plugin, and tests under ``tests/reliability/`` carry the ``reliability`` marker.

What is read-only and costly is built once per test session:

- the word lists every ``Retriever`` reads (wordfreq's three frequency lists, the everyday-word speller built
  from them, pycountry's country names): ~80 MB and ~3-5 s per build, and the suite builds well over a hundred
  retrievers (each fake-Discord bot, each small corpus). A ``Retriever`` given no ``frequencies``/``countries``
  gets the session's (``_word_lists_once``); the tests of those classes build their own.
- the shipped corpus (``knowledge/``) and its retriever (``shipped_knowledge``, ``shipped_retriever``), which
  tests only ask questions of.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import paths
import pytest

import bot.search.retriever as retriever_module
from bot.knowledge.loader import load_knowledge
from bot.models import KnowledgeBase
from bot.search.countries import Countries
from bot.search.frequency import WordFrequencies
from bot.search.retriever import Retriever
from bot.search.spelling import EverydaySpeller

pytest_plugins = ["fake_discord.plugin"]

RELIABILITY = Path(__file__).parent / "reliability"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the reliability tests by where they live, so ``-m "not reliability"`` gives a quick run."""
    for item in items:
        if RELIABILITY in Path(item.path).parents:
            item.add_marker(pytest.mark.reliability)


@functools.cache
def shared_frequencies() -> WordFrequencies:
    return WordFrequencies()


def _session_frequencies(saved: Path | None = None) -> WordFrequencies:
    """The session's word lists, for a retriever that would have read or saved its own at ``saved``."""
    return shared_frequencies()


@functools.cache
def shared_countries() -> Countries:
    return Countries()


@functools.cache
def _shared_everyday() -> EverydaySpeller:
    return EverydaySpeller(shared_frequencies().everyday)


def _everyday_speller(words: Mapping[str, Mapping[str, float]]) -> EverydaySpeller:
    return _shared_everyday() if words is shared_frequencies().everyday else EverydaySpeller(words)


@pytest.fixture(scope="session", autouse=True)
def _word_lists_once() -> Iterator[None]:
    """Retrievers built without their word lists share one set (built at the first need), as a running bot's
    reloads do (``Assistant.reload`` passes the loaded lists on). The lists are read-only; their per-word
    memo gives the same figure whoever fills it."""
    patch = pytest.MonkeyPatch()
    patch.setattr(retriever_module, "WordFrequencies", _session_frequencies)
    patch.setattr(retriever_module, "Countries", shared_countries)
    patch.setattr(retriever_module, "EverydaySpeller", _everyday_speller)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def shipped_knowledge() -> KnowledgeBase:
    """``knowledge/`` loaded once (tests read it, none changes it)."""
    return load_knowledge(paths.SHIPPED_KNOWLEDGE)


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of ``knowledge/`` in the test's folder, for tests that change, add or delete its files (restarts,
    caches): the shipped corpus itself is never written."""
    directory = tmp_path / "knowledge"
    shutil.copytree(paths.SHIPPED_KNOWLEDGE, directory)
    return directory


@pytest.fixture(scope="session")
def shipped_retriever(shipped_knowledge: KnowledgeBase) -> Retriever:
    """The retriever of ``knowledge/``, built once: tests only ask it questions."""
    return Retriever(shipped_knowledge)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``tmpfs(size)`` mounts a real tmpfs of ``size`` ("3m", "512k") to fill up as a full disk; the test is skipped
    where mounting is not allowed (root with mount rights only). Unmounted after the test."""
    mounts: list[Path] = []

    def mount(size: str) -> Path:
        if os.geteuid() != 0 or not shutil.which("mount"):
            pytest.skip("mounting a tmpfs needs root")
        point = tmp_path / f"tmpfs-{len(mounts)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounts.append(point)
        return point

    yield mount
    for point in mounts:
        subprocess.run(["umount", "-l", str(point)], check=False)
