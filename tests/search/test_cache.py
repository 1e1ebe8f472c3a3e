"""The index cache: a restart reuses it, a changed file is re-analysed alone, damage is never trusted."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import paths
import pytest

from bot.assistant import Assistant
from bot.knowledge.loader import load_knowledge
from bot.search import cache as cache_module
from bot.search.cache import CACHE_NAME, SOURCES_CACHE_NAME, IndexCache
from bot.search.retriever import Retriever
from bot.search.wordlists import words_file

QUESTIONS = ("Who founded Station F?", "Quand la déclaration a-t-elle été signée ?", "ジェトロとは", "J-Startup")


def _same_index(a: Retriever, b: Retriever) -> None:
    assert list(a.index.terms) == list(b.index.terms)
    assert a.index.average_idf == b.index.average_idf
    for name, array in a.index.arrays().items():
        np.testing.assert_array_equal(array, b.index.arrays()[name], err_msg=name)
    assert a._surface == b._surface
    assert a.parser._speller._frequencies == b.parser._speller._frequencies
    for question in QUESTIONS:
        assert a.answer(question).citations == b.answer(question).citations


def _cached_then_damaged(knowledge: Path, tmp_path: Path, damage: str) -> tuple[IndexCache, Retriever]:
    """A start that writes the cache, then the cache damaged as a crash or a disk would: cut in half, overwritten,
    one byte flipped ("none": left as is). The first start's retriever is the reference."""
    cache = IndexCache(tmp_path / CACHE_NAME)
    reference = Retriever(load_knowledge(knowledge), cache=cache)
    path = cache.path
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"not a cache at all")
    elif damage == "flip":
        data[len(data) // 3] ^= 0xFF
    path.write_bytes(bytes(data))
    return cache, reference


def _restart(knowledge: Path, cache: IndexCache, caplog: pytest.LogCaptureFixture) -> tuple[Retriever, list[str]]:
    """A restart through ``cache``, and what bot.search.cache logged meanwhile."""
    with caplog.at_level(logging.INFO, logger="bot.search.cache"):
        again = Retriever(load_knowledge(knowledge), cache=cache)
    return again, [r.getMessage() for r in caplog.records if r.name == "bot.search.cache"]


def test_restart_reads_the_cache_and_answers_the_same(knowledge: Path, tmp_path: Path) -> None:
    cache = IndexCache(tmp_path / CACHE_NAME)
    first = Retriever(load_knowledge(knowledge), cache=cache)
    assert cache.path.exists()
    again = Retriever(load_knowledge(knowledge), cache=cache)
    assert again.indexed.reused_files == again.indexed.files and again.indexed.analysed_files == 0
    _same_index(first, again)
    _same_index(Retriever(load_knowledge(knowledge)), again)
    assert not list(tmp_path.glob(".index-cache-*"))  # no temporary file left behind


def test_a_changed_file_is_analysed_alone(knowledge: Path, tmp_path: Path) -> None:
    cache = IndexCache(tmp_path / CACHE_NAME)
    Retriever(load_knowledge(knowledge), cache=cache)
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nZanzibar quokkas signed nothing in 2031.\n",
                      encoding="utf-8")
    (knowledge / "en" / "nhk.md").unlink()
    changed = Retriever(load_knowledge(knowledge), cache=cache)
    assert changed.indexed.analysed_files == 1
    assert changed.indexed.reused_files == changed.indexed.files - 1
    fresh = Retriever(load_knowledge(knowledge))
    _same_index(fresh, changed)  # scores equal to rank-bm25's on the new corpus, unused terms gone
    assert changed.answer("quokkas Zanzibar").answered
    # and the cache now holds the new state
    assert Retriever(load_knowledge(knowledge), cache=cache).indexed.analysed_files == 0


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
def test_a_damaged_cache_is_rebuilt_with_one_log_line(
    knowledge: Path, tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    cache, reference = _cached_then_damaged(knowledge, tmp_path, damage)
    rebuilt, logged = _restart(knowledge, cache, caplog)
    assert len(logged) == 1 and "rebuilding" in logged[0]
    assert rebuilt.indexed.analysed_files == rebuilt.indexed.files
    _same_index(reference, rebuilt)
    assert Retriever(load_knowledge(knowledge), cache=cache).indexed.analysed_files == 0  # rewritten


@pytest.mark.parametrize("damage", ["flip", "truncate", "none"])
def test_a_cache_read_ahead_serves_a_restart_and_is_checked_as_any_read(
    knowledge: Path, tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A start reads the cache in a thread while the knowledge files load (IndexCache.read_ahead)."""
    cache, reference = _cached_then_damaged(knowledge, tmp_path, damage)
    ahead = IndexCache(cache.path)
    ahead.read_ahead()
    again, logged = _restart(knowledge, ahead, caplog)
    _same_index(reference, again)
    if damage == "none":
        assert again.indexed.reused_files == again.indexed.files and not logged
    else:  # never trusted: one log line, every file analysed
        assert again.indexed.analysed_files == again.indexed.files
        assert len(logged) == 1 and "rebuilding" in logged[0]


@pytest.mark.parametrize("damage", ["flip", "missing", "another-generation"])
def test_a_damaged_second_file_is_a_rebuild_when_a_file_changed(
    knowledge: Path, tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each file's surface words live in a second file, read only when a file changed: a restart with nothing
    changed does not need it; after a change, one that is damaged, gone, or left by another save (a crash between
    the two renames) is never trusted: every file is analysed again, with one log line."""
    cache = IndexCache(tmp_path / CACHE_NAME)
    Retriever(load_knowledge(knowledge), cache=cache)
    older = cache.segments_path.read_bytes()
    (knowledge / "en" / "nhk.md").unlink()
    Retriever(load_knowledge(knowledge), cache=cache)  # a new generation of both files
    data = bytearray(cache.segments_path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
        cache.segments_path.write_bytes(bytes(data))
    elif damage == "missing":
        cache.segments_path.unlink()
    else:
        cache.segments_path.write_bytes(older)
    assert Retriever(load_knowledge(knowledge), cache=cache).indexed.analysed_files == 0  # nothing changed
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nZanzibar quokkas signed nothing in 2031.\n",
                      encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="bot.search.cache"):
        rebuilt = Retriever(load_knowledge(knowledge), cache=cache)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.search.cache"]
    assert len(lines) == 1 and "rebuilding" in lines[0] and cache.segments_path.name in lines[0]
    assert rebuilt.indexed.analysed_files == rebuilt.indexed.files
    _same_index(Retriever(load_knowledge(knowledge)), rebuilt)
    assert rebuilt.answer("quokkas Zanzibar").answered


def test_a_cache_for_other_parameters_is_not_used(knowledge: Path, tmp_path: Path) -> None:
    cache = IndexCache(tmp_path / CACHE_NAME)
    Retriever(load_knowledge(knowledge), cache=cache, k1=1.2)
    other = Retriever(load_knowledge(knowledge), cache=cache)
    assert other.indexed.analysed_files == other.indexed.files
    assert other.index.k1 == 1.5


def test_a_cache_made_with_other_word_lists_is_not_used(knowledge: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A stop word added to bot/search/words/fr.yaml changes how every passage is analysed: the cache of the old
    lists is analysed again, not served (its tokens would keep the word the questions now drop)."""
    cache = IndexCache(tmp_path / CACHE_NAME)
    Retriever(load_knowledge(knowledge), cache=cache)
    edited = tmp_path / "fr.yaml"
    edited.write_text(words_file("fr").read_text(encoding="utf-8") + "\n# a moderator's edit\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "words_file",
                        lambda language: edited if language == "fr" else words_file(language))
    again = Retriever(load_knowledge(knowledge), cache=cache)
    assert again.indexed.analysed_files == again.indexed.files


async def test_reload_after_an_added_file_reuses_the_others(knowledge: Path, tmp_path: Path) -> None:
    assistant = Assistant.from_directory(knowledge, tmp_path / CACHE_NAME)
    try:
        (knowledge / "en" / "added.md").write_text(
            "---\nid: added-en\ntitle: Added\nlanguage: en\nsource: https://example.org/a\n---\n"
            "The quokka summit took place in Zanzibar.\n",
            encoding="utf-8",
        )
        result = await assistant.reload()
        assert result.swapped
        assert assistant.retriever.indexed.analysed_files == 1
        answer = await assistant.ask("Where did the quokka summit take place?")
        assert answer.answered and answer.citations[0].doc_id == "added-en"
    finally:
        assistant.close()



def test_a_parsed_files_cache_cut_short_after_its_check_costs_a_parse_not_a_crash(knowledge: Path,
                                                                                   tmp_path: Path) -> None:
    """Its files are read from it as the load asks for them (the whole file is never held): another program
    truncating it in place meanwhile leaves those files to be parsed again."""
    from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles

    path = tmp_path / PARSED_CACHE_NAME
    first = ParsedFiles(path)
    kb = load_knowledge(knowledge, parse=first.parse)
    first.save()
    checked = ParsedFiles(path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    again = load_knowledge(knowledge, parse=checked.parse)
    assert 0 < checked.hits < len(kb.documents)
    assert again.passages == kb.passages and again.documents == kb.documents and again.glossary == kb.glossary

@pytest.mark.parametrize("write_bytes", [1, 5_000, 1 << 30])
def test_the_parsed_files_cache_is_the_same_file_written_in_buffers_of_any_size(
        knowledge: Path, tmp_path: Path, write_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file a buffer (1), a few files a buffer, or all of them in one: the same bytes, read back the same."""
    from bot.knowledge import parsed_cache
    from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles

    one = ParsedFiles(tmp_path / "one" / PARSED_CACHE_NAME)
    kb = load_knowledge(knowledge, parse=one.parse)
    one.save()
    monkeypatch.setattr(parsed_cache, "WRITE_BYTES", write_bytes)
    other = ParsedFiles(tmp_path / "other" / PARSED_CACHE_NAME)
    load_knowledge(knowledge, parse=other.parse)
    other.save()
    assert other.path.read_bytes() == one.path.read_bytes()
    again = ParsedFiles(other.path)
    assert load_knowledge(knowledge, parse=again.parse).passages == kb.passages and again.hits > 0


def test_parsed_files_are_reused_and_a_damaged_cache_is_ignored(
    knowledge: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles

    path = tmp_path / PARSED_CACHE_NAME
    first = ParsedFiles(path)
    kb = load_knowledge(knowledge, parse=first.parse)
    first.save()
    assert first.hits == 0 and path.exists()
    again = ParsedFiles(path)
    reloaded = load_knowledge(knowledge, parse=again.parse)
    assert again.hits > 0 and reloaded.passages == kb.passages and reloaded.documents == kb.documents
    assert reloaded.glossary == kb.glossary
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    changed = ParsedFiles(path)
    kb2 = load_knowledge(knowledge, parse=changed.parse)
    assert any(p.text == "A new paragraph." for p in kb2.passages)  # the changed file was parsed again
    assert len(kb.documents) - 1 <= changed.hits < len(kb.documents) + len(kb.glossary) + 5
    changed.save()
    kb = kb2
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.parsed_cache"):
        damaged = ParsedFiles(path)
    assert damaged.hits == 0 and len(caplog.records) == 1 and "rebuilding" in caplog.records[0].getMessage()
    assert load_knowledge(knowledge, parse=damaged.parse).passages == kb.passages


def test_a_passage_pickles_every_field() -> None:
    """Passage.__reduce__ (the parsed-files cache's fast path) keeps every field, none left at its default."""
    import dataclasses
    import pickle

    from bot.models import Passage

    values = {"id": "d#p-1", "doc_id": "d", "title": "T", "source": "https://x.org", "language": "fr",
              "text": "Texte.", "heading": "H", "kind": "faq", "questions": ("Q ?",), "path": "d.md", "line": 7,
              "tags": ("t",)}
    assert set(values) == {f.name for f in dataclasses.fields(Passage)}
    passage = Passage(**values)
    assert pickle.loads(pickle.dumps(passage, protocol=pickle.HIGHEST_PROTOCOL)) == passage


def test_surface_words_get_a_missing_word_and_read_a_word_twice() -> None:
    retriever = Retriever(load_knowledge(paths.ROOT / "knowledge"))
    surface = retriever._surface
    assert surface.get("zzzunknownword") is None and surface.get("zzzunknownword", frozenset()) == frozenset()
    word = next(iter(surface))
    assert surface.get(word) == surface[word] == surface[word] and surface[word]


def _traced_peak(work):
    """``work()``'s result and the most memory (bytes, numpy arrays included) it held at once beyond what it started
    with."""
    import tracemalloc

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = work()
        return result, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_the_surface_words_and_their_totals_are_read_without_a_copy_of_every_pair(monkeypatch):
    """At 1M SciFact passages the files' (word, term) pairs and word counts number ~100 million: keying them all as
    int64 (and ``np.bincount``'s float64 copy of the counts) added ~0.8 GB each to a cold start's peak. Read a chunk
    at a time, the same sorted keys and totals."""
    from bot.search import cache
    from bot.search.cache import _surface_pairs, _word_totals

    monkeypatch.setattr(cache, "PAIRS_CHUNK", 1 << 16)  # the corpus-sized copy stands out at a test's size
    rng = np.random.default_rng(0)
    n, n_words, n_terms = 1 << 22, 300, 200  # files repeat their words: few distinct pairs
    seg = {"pair_words": rng.integers(0, n_words, n).astype(np.int32),
           "pair_terms": rng.integers(0, n_terms, n).astype(np.int32),
           "count_words": rng.integers(0, n_words, n).astype(np.int32),
           "counts": rng.integers(1, 50, n).astype(np.int64)}
    keys, held = _traced_peak(lambda: _surface_pairs(["t"] * n_terms, seg))
    assert held < 2 * n, held  # 8 bytes a pair before, and the sort's copy
    everything = np.unique(seg["pair_words"].astype(np.int64) * n_terms + seg["pair_terms"])
    np.testing.assert_array_equal(keys, everything)
    totals, held = _traced_peak(lambda: _word_totals(seg, n_words))
    assert held < 2 * n, held
    expected = np.bincount(seg["count_words"], weights=seg["counts"], minlength=n_words).astype(np.int64)
    np.testing.assert_array_equal(totals, expected)
    assert totals.dtype == np.int64


def test_the_sources_view_keeps_its_index_beside_the_main_one(tmp_path: Path) -> None:
    """The index that holds the sections about each source (made at the first question about a source) is cached
    too: a restart answers a source question from it without analysing a file again, and answers the same."""
    if not paths.SHIPPED_KNOWLEDGE.is_dir():
        pytest.skip("needs knowledge/")
    question = "What headline did NHK put on its story?"
    cache = IndexCache(tmp_path / CACHE_NAME)
    first = Retriever(load_knowledge(paths.SHIPPED_KNOWLEDGE), cache=cache)
    expected = first.answer(question)
    assert expected.answered and (tmp_path / SOURCES_CACHE_NAME).exists()
    again = Retriever(load_knowledge(paths.SHIPPED_KNOWLEDGE), cache=cache)
    assert again.answer(question).citations == expected.citations
    view = again._sources_view()
    assert view.indexed.analysed_files == 0 and view.indexed.reused_files == view.indexed.files


def test_a_cache_saved_later_is_the_one_saved_now_and_its_failure_is_raised_at_the_wait(
        knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.search.cache import _read_file, build_index
    from bot.search.retriever import _indexed_text

    passages = load_knowledge(knowledge).passages
    now, later = IndexCache(tmp_path / "now" / CACHE_NAME), IndexCache(tmp_path / "later" / CACHE_NAME)
    build_index(passages, _indexed_text, cache=now)
    build_index(passages, _indexed_text, cache=later, save_later=True).wait_saved()
    (manifest, arrays), (manifest_later, arrays_later) = _read_file(now.path), _read_file(later.path)
    assert {**manifest, "generation": ""} == {**manifest_later, "generation": ""}  # a random name each write
    assert arrays.keys() == arrays_later.keys()
    for name, array in arrays.items():
        np.testing.assert_array_equal(array, arrays_later[name], err_msg=name)

    def fails(*args: object) -> None:
        raise RuntimeError("a bug in the write")

    monkeypatch.setattr(IndexCache, "save_index", fails)
    built = build_index(passages, _indexed_text, cache=IndexCache(tmp_path / "failed" / CACHE_NAME), save_later=True)
    with pytest.raises(RuntimeError, match="a bug in the write"):
        built.wait_saved()
