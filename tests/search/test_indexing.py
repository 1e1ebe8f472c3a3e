"""The fast indexing path gives exactly the analysis's tokens, surface words and rankings."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import evaluation
import numpy as np
import paths
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.search.bm25 as bm25_module
import bot.search.retriever as retriever_module
from bot.knowledge.loader import load_knowledge
from bot.search.analysis import analyze, base_tokens, is_cjk, normalize, normalize_with_map, stem
from bot.search.bm25 import contenders
from bot.search.indexing import PassageAnalyzer
from bot.search.retriever import LANGUAGE_BOOST, RERANK_DEPTH, Retriever, passage_index_text

ALPHABET = "aAbBéÉèœŒæßİ–±α·µ\u00a0'’‑-0123 .,?!\nステーションｽﾃｰｼｮﾝが゙ぱ日仏合意・ー年ーJj"


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    return Retriever(load_knowledge(paths.ROOT / "knowledge"))


# Text without CJK is cut on its UTF-8 bytes, non-ASCII letters and punctuation staying inside the runs
LATIN = "aAbBzZéÉèçœŒæßİıﬁ–—±α·µ×\u00a0\u2009'’‘‑-_0123 .,;:?!()/\n"


@given(st.text(alphabet=ALPHABET, max_size=60), st.sampled_from(["fr", "en", "ja"]))
@settings(max_examples=400, deadline=None)
def test_fast_tokens_equal_analyze(text: str, language: str) -> None:
    assert normalize(text) == normalize_with_map(text)[0]  # the fast path, and the one with offsets
    analyzer = PassageAnalyzer()
    tokens = analyzer.analyse([(text, language, ["?who@en"])]).tokens
    assert [analyzer.terms[t] for t in tokens.tolist()] == [*analyze(text, language), "?who@en"]


@given(st.lists(st.text(alphabet=LATIN, max_size=80), min_size=1, max_size=4), st.sampled_from(["fr", "en", "ja"]))
@settings(max_examples=400, deadline=None)
def test_fast_tokens_equal_analyze_without_cjk(texts: list[str], language: str) -> None:
    analyzer = PassageAnalyzer()  # one analyser for all: a run met again is looked up, not analysed
    analysed = analyzer.analyse([(text, language, []) for text in texts])
    tokens, at = analysed.tokens.tolist(), 0
    for text, length in zip(texts, analysed.lengths.tolist(), strict=True):
        assert [analyzer.terms[t] for t in tokens[at : at + length]] == analyze(text, language)
        at += length


def test_shipped_corpus_tokens_and_surface_words(retriever: Retriever) -> None:
    surface: dict[str, set[str]] = defaultdict(set)
    frequencies: Counter[str] = Counter()
    corpus = retriever.corpus_tokens
    for i, passage in enumerate(retriever.passages):
        text = passage_index_text(passage)
        assert corpus[i][: len(analyze(text, passage.language))] == analyze(text, passage.language)
        for raw, _, _ in base_tokens(text, passage.language):
            if not is_cjk(raw):
                surface[raw].add(stem(raw, "en" if passage.language == "ja" else passage.language))
                frequencies[raw] += 1
    assert retriever._surface == {w: frozenset(t) for w, t in surface.items()}
    assert retriever.parser._speller._frequencies == {w: n for w, n in frequencies.items() if w.isalpha()}


def _full_rank(retriever: Retriever, corpus: list[frozenset[str]], question: str, language: str) -> list[int]:
    """The ranking as first written: score every passage, sort every match."""
    query = retriever.parse(question, language)
    scores = retriever.scores(query)
    matched = np.flatnonzero([not token_set.isdisjoint(query.terms) for token_set in corpus])
    ranking = scores.copy()
    ranking[retriever._languages == retriever._language_code(language)] *= LANGUAGE_BOOST
    order = np.lexsort((matched, -ranking[matched], scores[matched] <= 0))
    return matched[order[:RERANK_DEPTH]].tolist()


@pytest.mark.parametrize("language", ["fr", "en", "ja"])
def test_top_k_ranking_equals_full_scoring(retriever: Retriever, language: str) -> None:
    corpus = [frozenset(tokens) for tokens in retriever.corpus_tokens]
    questions = [*[q for p in retriever.passages for q in p.questions][:40], "Station F", "JETRO 2018", "déclaration"]
    for question in questions:
        query = retriever.parse(question, language)
        before_rerank = sorted(hit.index for hit in retriever.rank(query))
        assert before_rerank == sorted(_full_rank(retriever, corpus, question, language)), question


def test_ranking_only_the_contenders_ranks_the_same(shipped_retriever: Retriever,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """rank() reads every passage's score but ranks only those that can make its top RERANK_DEPTH (bm25.contenders):
    on the shipped corpus (three languages, so the language boost's spread counts), a third of every evaluation set
    ranks the same passages with the same scores, ranking scores and coverages, to the last bit, as when every
    passage scoring above 0 is ranked (as a corpus this small is: forced off here); and the cut does leave passages
    out."""
    items = [item for items in evaluation.available_sets().values() for item in items[::3]]
    queries = [shipped_retriever.parse(item.question, item.language) for item in items]
    monkeypatch.setattr(retriever_module, "EVERY_CONTENDER", 0)
    cut: list[bool] = []

    def counted(values: np.ndarray, sample: np.ndarray, k: int, spread: float = 1.0) -> np.ndarray:
        ranked = contenders(values, sample, k, spread)
        cut.append(ranked.shape[0] < np.count_nonzero(values > 0))
        return ranked

    monkeypatch.setattr(retriever_module, "contenders", counted)
    ranked = [shipped_retriever.rank(query) for query in queries]
    monkeypatch.setattr(retriever_module, "contenders", lambda values, *_: np.flatnonzero(values > 0))
    assert [shipped_retriever.rank(query) for query in queries] == ranked
    assert sum(cut) > len(queries) // 4, (sum(cut), len(queries))


def test_ranking_with_score_bounds_ranks_the_same(shipped_retriever: Retriever,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """rank() skips the postings that score bounds show cannot place a passage (bm25.pruned_contenders, used from
    PRUNE_POSTINGS postings a question; forced here on the shipped corpus, three languages): every evaluation
    question ranks the same passages with the same scores, ranking scores and coverages, to the last bit, as when
    every posting is read; and the bounds are used for many of them."""
    items = [item for items in evaluation.available_sets().values() for item in items[1::3]]
    queries = [shipped_retriever.parse(item.question, item.language) for item in items]
    monkeypatch.setattr(bm25_module, "PRUNE_POSTINGS", 0)
    used: list[bool] = []
    pruned = bm25_module.BM25Index.pruned_contenders

    def counted(index: bm25_module.BM25Index, *args: object) -> object:
        result = pruned(index, *args)
        used.append(result is not None)
        return result

    monkeypatch.setattr(bm25_module.BM25Index, "pruned_contenders", counted)
    ranked = [shipped_retriever.rank(query) for query in queries]
    monkeypatch.setattr(bm25_module.BM25Index, "pruned_contenders", lambda *_: None)
    assert [shipped_retriever.rank(query) for query in queries] == ranked
    assert sum(used) > len(queries) // 8, (sum(used), len(queries))  # 19 % of every other question


@given(st.text(alphabet="aAzZ09'-‐ .,!?\n\t_", max_size=80), st.sampled_from(["fr", "en", "ja"]))
@settings(max_examples=300, deadline=None)
def test_fast_tokens_equal_analyze_on_ascii(text: str, language: str) -> None:
    analyzer = PassageAnalyzer()
    tokens = analyzer.analyse([(text, language, [])]).tokens
    assert [analyzer.terms[t] for t in tokens.tolist()] == analyze(text, language)


@given(st.lists(st.text(alphabet="aAsSlLdDtT09'-- .,;()/_\"\n\x1c", max_size=60), min_size=1, max_size=4),
       st.sampled_from(["fr", "en"]))
@settings(max_examples=300, deadline=None)
def test_ascii_runs_give_the_words_their_tokens_and_counts(texts: list[str], language: str) -> None:
    """An ASCII passage is cut into runs of [a-z0-9'-] (one str.split): tokens, per-passage lengths, surface
    words and their counts are those of the analysis's words ("--l'x-", "a--a": several words in one run)."""
    analyzer = PassageAnalyzer()
    out = analyzer.analyse([(text, language, []) for text in texts])
    expected = [analyze(text, language) for text in texts]
    assert [analyzer.terms[t] for t in out.tokens.tolist()] == [t for tokens in expected for t in tokens]
    assert out.lengths.tolist() == [len(tokens) for tokens in expected]
    raws = [raw for text in texts for raw, _, _ in base_tokens(text, language)]
    counts = {analyzer.words[w]: n for w, n in zip(out.count_words.tolist(), out.counts.tolist(), strict=True)}
    assert counts == dict(Counter(raws))
    pairs = {(analyzer.words[w], analyzer.terms[t]) for w, t in zip(out.pair_words.tolist(), out.pair_terms.tolist(),
                                                                    strict=True)}
    assert pairs == {(raw, stem(raw, language)) for raw in raws}



def test_runs_found_in_the_table_get_the_memo_keys() -> None:
    """Thousands of distinct runs of every length about PACKED_RUN_BYTES (8, 9, 16, 17 bytes; accented, so several
    bytes a letter), met again in later files and batches split by a CJK passage and an FAQ entry's extra token:
    the table grows, probes and hands a longer run to the memo, and every file's tokens are the analysis's."""
    rng = np.random.default_rng(0)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyzé"))
    words = ["".join(rng.choice(letters, n)) for n in rng.choice([1, 3, 7, 8, 9, 15, 16, 17, 30], 6000)]
    analyzer = PassageAnalyzer()
    for _ in range(4):
        texts = [" ".join(rng.choice(words, 40)) for _ in range(60)]
        texts[20] += " 日仏の合意"
        passages = [(text, "fr", ["?who@fr"] if i == 40 else []) for i, text in enumerate(texts)]
        out = analyzer.analyse(passages)
        expected = [[*analyze(text, "fr"), *extra] for text, _, extra in passages]
        assert [analyzer.terms[t] for t in out.tokens.tolist()] == [t for tokens in expected for t in tokens]
        assert out.lengths.tolist() == [len(tokens) for tokens in expected]
    table = analyzer._tables["fr"]
    assert table._used == (table._keys >= 0).sum() > 2048 and table._used * 4 <= table._keys.shape[0]  # it grew


_JOIN = """
import hashlib
from pathlib import Path
import numpy as np
from bot.search.indexing import joined

def kb(field):
    status = Path("/proc/self/status").read_text()
    return int(status.split(field + ":", 1)[1].split()[0])

rng = np.random.default_rng(0)
pieces = [{"tokens": rng.integers(0, 1000, 20_000).astype(np.int32)} for _ in range(2_500)]  # 200 MB in the heap
expected = hashlib.sha256()
for p in pieces:  # a piece at a time: no whole copy before the peak is read
    expected.update(p["tokens"].tobytes())
whole = sum(p["tokens"].shape[0] for p in pieces) * 4
before = kb("VmRSS")
out = joined(pieces, "tokens")
grown = kb("VmHWM") - before
assert out.dtype == np.int32 and hashlib.sha256(out.tobytes()).digest() == expected.digest() and not any(pieces)
mixed = joined([{"a": np.arange(3, dtype=np.int32)}, {"a": np.arange(2, dtype=np.int64)}], "a")
assert mixed.dtype == np.int64 and mixed.tolist() == [0, 1, 2, 0, 1]  # np.concatenate's result type
print(grown * 1024 / whole)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the kernel's figures of a process")
def test_the_files_arrays_are_joined_without_holding_them_twice():
    """A cold start joins each file's tokens into one array: concatenated at once, the pieces and the whole were
    held together (at 1M SciFact passages, ~0.8 GB twice). Now each piece is dropped once copied and the heap's
    freed pages handed back as the whole fills: a fresh process's peak grows by a fraction of the whole."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _JOIN], capture_output=True, text=True, check=True,
                          cwd=paths.ROOT)
    assert float(done.stdout) < 0.4, done.stdout  # ~1 (the whole again) with np.concatenate


@pytest.mark.parametrize("threads", [1, 2, 8])
def test_the_arrays_joined_in_threads_are_np_concatenate_of_each(threads: int) -> None:
    from bot.search.indexing import joined_all

    rng = np.random.default_rng(threads)
    names = ("tokens", "lengths", "counts")
    pieces = [{"tokens": rng.integers(0, 99, rng.integers(0, 50)).astype(np.int32),
               "lengths": rng.integers(0, 9, 3).astype(np.int32),
               "counts": rng.integers(0, 9, rng.integers(1, 5)).astype(np.int64 if i % 3 else np.int32)}
              for i in range(40)]
    expected = {name: np.concatenate([p[name] for p in pieces]) for name in names}
    out = joined_all(pieces, names, threads)
    assert list(out) == list(names) and not any(pieces)  # every piece dropped once copied
    for name in names:
        assert out[name].dtype == expected[name].dtype
        np.testing.assert_array_equal(out[name], expected[name])
    assert {n: a.tolist() for n, a in joined_all([], names, threads).items()} == {n: [] for n in names}
