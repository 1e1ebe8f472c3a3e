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
    made = load_knowledge(knowledge).passages  # parsed without the cache: a Passage each
    assert not any(isinstance(chunk, PassageBlock) for chunk in made.chunks)
    cold = _start(knowledge, cache).kb
    assert all(isinstance(chunk, PassageBlock) for chunk in cold.passages.chunks)  # parsed now, kept as columns
    warm = _start(knowledge, cache).kb
    assert all(isinstance(chunk, PassageBlock) for chunk in warm.passages.chunks)
    assert len(warm.passages) == len(cold.passages) == len(made) > 100
    assert _fields(warm.passages) == _fields(cold.passages) == _fields(made)  # the Japanese, FAQ questions, tags too
    assert {p.kind for p in warm.passages} == {"document", "faq"} and "ja" in warm.languages
    for name in Passage.__slots__:
        assert column(warm.passages, name) == column(cold.passages, name) == [getattr(p, name) for p in made]
    assert [warm.passages[i] for i in (0, -1, 57)] == [made[i] for i in (0, -1, 57)]
    assert warm.passages[10:20:3] == made[10:20:3]
    assert warm.passages[5:150] == cold.passages[5:150] == list(made)[5:150]  # a run across files


def test_a_changed_file_is_parsed_again_the_others_stay_columns(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / PARSED_CACHE_NAME
    _start(knowledge, cache)
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nA paragraph added after the cache was written.\n",
                      encoding="utf-8")
    parsed = ParsedFiles(cache, racy_ns=0)
    warm = load_directory(knowledge, parsed.served, parsed.parse, parsed.last_good, parsed).kb
    assert parsed.hits == len(parsed.sources) - 1  # the other files come from the cache, that one is parsed again
    assert all(isinstance(chunk, PassageBlock) for chunk in warm.passages.chunks)
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
