"""A restart keeps the passages of unchanged files as the parsed-files cache holds them (columns): a passage is made
when a question reads it, equal to the one a fresh parse makes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bot.knowledge.loader import Loader, Served, load_directory, load_knowledge
from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles
from bot.models import Passage, PassageBlock, Passages, column


def _start(knowledge: Path, cache: Path) -> Loader:
    """One start through the parsed-files cache (as build_retriever loads)."""
    parsed = ParsedFiles(cache, racy_ns=0)
    loader = load_directory(knowledge, parsed.served, parsed.parse, parsed.last_good, parsed)
    parsed.remember(Served.of(loader.kb), loader.added)
    parsed.save()
    return loader


def _fields(passages: object) -> list[tuple]:
    return [tuple(getattr(p, name) for name in Passage.__slots__) for p in passages]


def test_a_restart_serves_the_cached_passages_as_columns(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / PARSED_CACHE_NAME
    cold = _start(knowledge, cache).kb
    assert not any(isinstance(chunk, PassageBlock) for chunk in cold.passages.chunks)  # parsed now: made
    warm = _start(knowledge, cache).kb
    assert all(isinstance(chunk, PassageBlock) for chunk in warm.passages.chunks)
    assert len(warm.passages) == len(cold.passages) > 100
    assert _fields(warm.passages) == _fields(cold.passages)  # the Japanese, the FAQ questions and tags too
    assert {p.kind for p in warm.passages} == {"document", "faq"} and "ja" in warm.languages
    for name in Passage.__slots__:
        assert column(warm.passages, name) == [getattr(p, name) for p in cold.passages]
    assert [warm.passages[i] for i in (0, -1, 57)] == [cold.passages[i] for i in (0, -1, 57)]
    assert warm.passages[10:20:3] == cold.passages[10:20:3]


def test_a_changed_file_is_parsed_again_the_others_stay_columns(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / PARSED_CACHE_NAME
    _start(knowledge, cache)
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nA paragraph added after the cache was written.\n",
                      encoding="utf-8")
    warm = _start(knowledge, cache).kb
    parsed_now = [chunk for chunk in warm.passages.chunks if not isinstance(chunk, PassageBlock)]
    assert [{p.path for p in chunk} for chunk in parsed_now] == [{"en/elysee.md"}]
    assert _fields(warm.passages) == _fields(load_knowledge(knowledge).passages)
    assert any(p.text == "A paragraph added after the cache was written." for p in warm.passages)


def test_a_block_is_its_passages() -> None:
    passages = [
        Passage("d#a", "d", "T", "https://example.org", "ja", "日本とフランス 🇫🇷 — déclaration", heading="H",
                path="ja/d.md", line=3, tags=("x",)),
        Passage("d#b", "d", "T", "https://example.org/faq", "ja", "", kind="faq", questions=("何？", "why?"),
                path="ja/d.md", line=9),
    ]
    block = pickle.loads(pickle.dumps(PassageBlock.of(passages)))
    assert list(block) == passages and block[-1] == passages[-1] and len(block) == 2
    assert column(block, "text") == [p.text for p in passages] and column(block, "questions") == [(), ("何？", "why?")]
    with pytest.raises(IndexError):
        block[2]
    both = Passages([block, passages[:1]])
    assert len(both) == 3 and list(both) == [*passages, passages[0]] and both == [*passages, passages[0]]
    assert both[-1] == passages[0] and both[::2] == [passages[0], passages[0]]
    with pytest.raises(IndexError):
        both[3]
