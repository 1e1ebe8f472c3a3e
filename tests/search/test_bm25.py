"""BM25Index equals rank-bm25's BM25Okapi, and handles rank-bm25's pitfalls on purpose."""

from __future__ import annotations

import random

import numpy as np
import paths
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from bot.knowledge.loader import load_knowledge
from bot.search import bm25
from bot.search.bm25 import BM25Index, best_positions, contenders
from bot.search.retriever import Retriever

TOL = 1e-9
ROOT = paths.ROOT


def zipf_corpus(seed: int, n_docs: int, vocab: int, max_len: int = 40) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [f"w{min(int(rng.paretovariate(1.0)), vocab)}" for _ in range(rng.randint(0, max_len))] for _ in range(n_docs)
    ]


def zipf_queries(seed: int, vocab: int, n: int = 30) -> list[list[str]]:
    rng = random.Random(seed + 1000)
    # vocab + 3 also asks for terms that are absent from the corpus
    return [[f"w{rng.randint(1, vocab + 3)}" for _ in range(rng.randint(1, 6))] for _ in range(n)]


def expected_top(scores: np.ndarray, matched: set[int], k: int) -> list[int]:
    """Reference ranking: matching passages by score desc, ties by lower index."""
    return sorted(matched, key=lambda i: (-scores[i], i))[:k]


def assert_equal_to_rank_bm25(corpus: list[list[str]], queries: list[list[str]], **params: float) -> None:
    ref = BM25Okapi(corpus, **params)
    index = BM25Index(corpus, **params)
    assert len(index) == len(corpus)
    for query in queries:
        ref_scores = ref.get_scores(query)
        np.testing.assert_allclose(index.get_scores(query), ref_scores, rtol=0, atol=TOL)
        terms = set(query)
        matched = {i for i, doc in enumerate(corpus) if terms.intersection(doc)}
        top = index.top_k(query, 10)
        want = expected_top(ref_scores, matched, 10)
        assert len(top) == len(want)
        # compare scores position by position (robust to ties within 1e-9), then the passages themselves
        np.testing.assert_allclose([s for _, s in top], [ref_scores[i] for i in want], rtol=0, atol=TOL)
        for (i, score), j in zip(top, want, strict=True):
            assert i == j or abs(ref_scores[i] - ref_scores[j]) <= TOL
            assert abs(score - ref_scores[i]) <= TOL


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("n_docs", "vocab"), [(1, 5), (3, 4), (40, 8), (200, 50), (1000, 2000)])
def test_equal_to_rank_bm25_on_random_corpora(seed: int, n_docs: int, vocab: int) -> None:
    corpus = zipf_corpus(seed, n_docs, vocab)
    if not any(corpus):
        corpus[0] = ["w1"]
    assert_equal_to_rank_bm25(corpus, zipf_queries(seed, vocab))


@pytest.mark.parametrize(("k1", "b", "epsilon"), [(0.9, 0.4, 0.25), (1.2, 1.0, 0.1), (2.0, 0.0, 0.5)])
def test_equal_to_rank_bm25_with_other_parameters(k1: float, b: float, epsilon: float) -> None:
    corpus = [doc or ["w1"] for doc in zipf_corpus(7, 300, 100)]  # no empty passage: see the b=1 test below
    assert_equal_to_rank_bm25(corpus, zipf_queries(7, 100), k1=k1, b=b, epsilon=epsilon)


@settings(max_examples=60, deadline=None)
@given(
    corpus=st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=12), min_size=1, max_size=25).filter(any),
    queries=st.lists(st.lists(st.sampled_from("abcdefghijkl"), min_size=1, max_size=5), min_size=1, max_size=5),
)
def test_equal_to_rank_bm25_hypothesis(corpus: list[list[str]], queries: list[list[str]]) -> None:
    assert_equal_to_rank_bm25(corpus, queries)


def test_top_k_orders_by_score_then_index() -> None:
    corpus = [["x", "y"], ["x"], ["x", "y"], ["z"], ["x"], ["z", "z"]]
    index = BM25Index(corpus)
    top = index.top_k(["x"], 10)
    ids = [i for i, _ in top]
    assert ids == sorted(ids, key=lambda i: (-index.get_scores(["x"])[i], i))
    assert ids == [1, 4, 0, 2]  # shorter passages first, equal scores by index
    assert index.top_k(["x"], 2) == top[:2]
    assert index.top_k(["x"], 0) == []
    assert index.top_k(["absent"], 5) == []


def test_top_k_boundary_ties_keep_lowest_indices() -> None:
    corpus = [["a", "b"]] * 20 + [["c"]] * 20 + [["d"]] * 20
    index = BM25Index(corpus)
    assert [i for i, _ in index.top_k(["a", "b"], 5)] == [0, 1, 2, 3, 4]
    assert [i for i, _ in index.top_k(["a", "c"], 3)] == [20, 21, 22]  # "c" passages are shorter


def test_top_k_excludes_passages_without_query_terms() -> None:
    index = BM25Index([["a"], ["b"], ["a", "b"], ["c"]])
    assert {i for i, _ in index.top_k(["a"], 10)} == {0, 2}


def test_vocabulary_idf_and_introspection() -> None:
    corpus = [["a", "b", "a"], ["b", "c"], ["d"], ["e"], ["f"]]
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    assert dict(index.vocabulary) == {"a": 1, "b": 2, "c": 1, "d": 1, "e": 1, "f": 1}
    assert "a" in index.vocabulary and "zz" not in index.vocabulary
    for term in "abcdef":
        assert index.idf(term) == pytest.approx(ref.idf[term], abs=TOL)
    assert index.idf("unknown") == 0.0
    assert index.avgdl == ref.avgdl
    assert index.nbytes > 0


# -- rank-bm25 0.2.2 pitfalls, pinned -----------------------------------------------------------


@pytest.mark.parametrize("corpus", [[], [[]], [[], [], []]])
def test_empty_corpus_gives_empty_results_where_rank_bm25_raises(corpus: list[list[str]]) -> None:
    with pytest.raises(ZeroDivisionError):
        BM25Okapi(corpus)
    index = BM25Index(corpus)
    assert len(index) == len(corpus)
    assert index.get_scores(["a"]).tolist() == [0.0] * len(corpus)
    assert index.top_k(["a"], 5) == []
    assert len(index.vocabulary) == 0
    assert index.idf("a") == 0.0


def test_query_as_str_is_a_type_error_never_characters() -> None:
    index = BM25Index([["a", "b"], ["c"]])
    with pytest.raises(TypeError):
        index.get_scores("ab")
    with pytest.raises(TypeError):
        index.top_k("ab", 3)
    with pytest.raises(TypeError):
        BM25Index(["a passage as a string"])
    with pytest.raises(TypeError):
        BM25Index("abc")
    # rank-bm25 would silently score the characters "a" and "b"
    assert BM25Okapi([["a", "b"], ["c"], ["d"]]).get_scores("ab")[0] > 0


def test_term_in_exactly_half_of_passages_has_idf_zero() -> None:
    corpus = [["half", "x"], ["half", "y"], ["z"], ["w"]]
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    assert ref.idf["half"] == 0.0
    assert index.idf("half") == 0.0
    assert index.get_scores(["half"]).tolist() == [0.0, 0.0, 0.0, 0.0]
    # it still *matches*: top_k returns the passages that contain it, with score 0
    assert index.top_k(["half"], 10) == [(0, 0.0), (1, 0.0)]


def test_epsilon_floor_for_common_terms_positive_average() -> None:
    corpus = [["common", f"rare{i}"] for i in range(10)] + [["other"]]
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    assert ref.average_idf > 0
    expected_floor = 0.25 * ref.average_idf
    assert index.idf("common") == pytest.approx(expected_floor, abs=TOL)
    np.testing.assert_allclose(index.get_scores(["common"]), ref.get_scores(["common"]), atol=TOL, rtol=0)
    assert all(s > 0 for _, s in index.top_k(["common"], 20))


def test_epsilon_floor_with_negative_average_ranks_matches_below_non_matches() -> None:
    # every term is in more than half of the passages: average IDF < 0, so the floor is negative
    corpus = [["a", "b"], ["a", "b"], ["a"], ["b", "c"], ["a", "b", "c"]]
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    assert ref.average_idf < 0
    assert index.idf("a") < 0
    ref_scores = ref.get_scores(["a"])
    np.testing.assert_allclose(index.get_scores(["a"]), ref_scores, atol=TOL, rtol=0)
    # in rank-bm25's full ranking the passage without "a" (index 3, score 0) comes first
    assert int(np.argmax(ref_scores)) == 3
    # top_k returns only the matches, all with negative scores, best (least negative) first
    top = index.top_k(["a"], 10)
    assert [i for i, _ in top] == sorted((i for i in range(5) if "a" in corpus[i]), key=lambda i: (-ref_scores[i], i))
    assert all(s < 0 for _, s in top)


def test_repeated_query_term_counts_twice_like_rank_bm25() -> None:
    corpus = zipf_corpus(3, 50, 10)
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    once, twice = index.get_scores(["w2"]), index.get_scores(["w2", "w2"])
    np.testing.assert_allclose(twice, 2 * once, atol=TOL, rtol=0)
    np.testing.assert_allclose(twice, ref.get_scores(["w2", "w2"]), atol=TOL, rtol=0)
    matched = {i for i, doc in enumerate(corpus) if "w2" in doc}
    want = [twice[i] for i in expected_top(twice, matched, 5)]
    np.testing.assert_allclose([s for _, s in index.top_k(["w2", "w2"], 5)], want, atol=TOL, rtol=0)


def test_b_one_with_an_empty_passage_is_nan_in_rank_bm25_and_zero_here() -> None:
    corpus = [["a", "b"], [], ["b"], ["c"], ["d"]]
    with np.errstate(invalid="ignore"):
        ref_scores = BM25Okapi(corpus, b=1.0).get_scores(["a"])
    assert np.isnan(ref_scores[1])  # 0 / 0 for the empty passage
    scores = BM25Index(corpus, b=1.0).get_scores(["a"])
    assert scores[1] == 0.0
    np.testing.assert_allclose(np.delete(scores, 1), np.delete(ref_scores, 1), atol=TOL, rtol=0)


def test_invalid_parameters() -> None:
    with pytest.raises(ValueError):
        BM25Index([["a"]], k1=0)
    with pytest.raises(ValueError):
        BM25Index([["a"]], b=1.5)


# -- the shipped corpus -------------------------------------------------------------------------


def _shipped_corpus_tokens() -> list[list[str]]:
    """The tokens the bot indexes (``Retriever.corpus_tokens``)."""
    kb = load_knowledge(ROOT / "knowledge")
    if not kb.passages:
        pytest.skip("no shipped passages")
    return Retriever(kb).corpus_tokens


def test_equal_to_rank_bm25_on_shipped_corpus() -> None:
    corpus = _shipped_corpus_tokens()
    rng = random.Random(0)
    vocab = sorted({t for doc in corpus for t in doc})
    queries = [rng.sample(vocab, min(len(vocab), rng.randint(1, 5))) for _ in range(100)]
    queries += [doc[:6] for doc in corpus[:50] if doc]
    assert_equal_to_rank_bm25(corpus, queries)


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_postings_built_in_chunks_equal_one_piece_and_rank_bm25(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = zipf_corpus(3, 300, 60)
    corpus[5], corpus[6] = [], ["w1"] * 90  # an empty passage, and one longer than a chunk
    whole = BM25Index(corpus).arrays()
    monkeypatch.setattr(bm25, "CHUNK_TOKENS", chunk)
    chunked = BM25Index(corpus)
    for name, array in chunked.arrays().items():
        np.testing.assert_array_equal(array, whole[name], err_msg=name)  # bit for bit, postings in passage order
    assert_equal_to_rank_bm25(corpus, zipf_queries(3, 60))


@pytest.mark.parametrize("threads", [2, 3, 50])
def test_postings_built_in_threads_equal_one_thread(threads: int, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = zipf_corpus(5, 300, 60)
    corpus[5], corpus[6] = [], ["w1"] * 90  # an empty passage, and one longer than a chunk
    monkeypatch.setattr(bm25, "CHUNK_TOKENS", 7)  # many chunks: each thread's run holds several (50: one each)
    one = BM25Index(corpus)
    terms = list(one.terms)
    ids = {term: i for i, term in enumerate(terms)}
    tokens = np.array([ids[t] for doc in corpus for t in doc], dtype=np.int32)
    lengths = np.array([len(doc) for doc in corpus])
    for built in (BM25Index.from_ids(tokens, lengths, terms, threads=1),
                  BM25Index.from_ids(tokens, lengths, terms, threads=threads)):
        for name, array in built.arrays().items():
            np.testing.assert_array_equal(array, one.arrays()[name], err_msg=name)  # bit for bit


def test_postings_of_keys_too_wide_for_int32_equal_the_narrow_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = zipf_corpus(4, 300, 60)
    corpus[5] = []
    narrow = BM25Index(corpus).arrays()  # a small corpus: every chunk's keys fit in int32
    monkeypatch.setattr(bm25, "NARROW_KEYS", 0)  # as a vocabulary of millions of terms: int64 keys
    for name, array in BM25Index(corpus).arrays().items():
        np.testing.assert_array_equal(array, narrow[name], err_msg=name)


def test_weighted_scores_of_few_postings_equal_a_scan_of_the_corpus() -> None:
    """The gather of few postings (a merge of the terms' sorted runs) adds the same weights in the same order as
    a scan of every passage: the scores are equal to the last bit, and the passages are those holding a term."""
    rng = np.random.default_rng(3)
    vocabulary = [f"w{n}" for n in range(400)]
    corpus = [[vocabulary[int(min(rng.zipf(1.3), 400)) - 1] for _ in range(int(rng.integers(1, 30)))]
              for _ in range(3000)]
    index = BM25Index(corpus)
    for _ in range(200):
        terms = {vocabulary[int(t)]: float(w) for t, w in zip(rng.integers(0, 400, size=int(rng.integers(2, 6))),
                                                              rng.random(6), strict=False)}
        docs, scores = index.weighted_scores(terms)
        known = [(index._term_ids[t], w) for t, w in terms.items() if t in index._term_ids]
        if not known:
            continue
        parts = [index._postings(tid) for tid, _ in known]
        all_docs = np.concatenate([d for d, _ in parts])
        scan = np.bincount(all_docs, np.concatenate([p * w for (_, p), (_, w) in zip(parts, known, strict=True)]),
                           minlength=len(index))
        assert docs.tolist() == np.unique(all_docs).tolist()
        assert scores.tolist() == scan[docs].tolist()


def test_long_postings_copied_slice_by_slice_score_as_the_gather(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question whose terms have long postings (a large corpus) reads them slice by slice rather than by a gather
    of each posting: every passage gets the same weighted score, to the last bit, and the same passages match."""
    rng = np.random.default_rng(5)
    vocabulary = [f"w{n}" for n in range(300)]
    corpus = [[vocabulary[int(min(rng.zipf(1.2), 300)) - 1] for _ in range(int(rng.integers(1, 40)))]
              for _ in range(4000)]
    index = BM25Index(corpus)
    queries = [{vocabulary[int(t)]: float(w) for t, w in zip(rng.integers(0, 12, size=int(rng.integers(2, 7))),
                                                              rng.choice([1.0, 0.35, 0.5, 1.7], 7), strict=False)}
               for _ in range(150)]
    postings = [sum(int(index._df[index._term_ids[t]]) for t in q if t in index._term_ids) for q in queries]
    long = [q for q, n in zip(queries, postings, strict=True) if n >= bm25.SLICED_POSTINGS * len(q)]
    assert len(long) > 100  # the slices are what these questions read
    answers = {}
    for sliced in (True, False):
        monkeypatch.setattr(bm25, "SLICED_POSTINGS", 0 if sliced else 1 << 62)
        answers[sliced] = [(index.dense_scores(q), index.weighted_scores(q)) for q in queries]
    for ((d1, s1), (w1, v1)), ((d2, s2), (w2, v2)) in zip(answers[True], answers[False], strict=True):
        assert (d1 is None) == (d2 is None) and (d1 is None or d1.tolist() == d2.tolist())
        assert s1.tolist() == s2.tolist() and w1.tolist() == w2.tolist() and v1.tolist() == v2.tolist()


def _top(values: np.ndarray, factors: np.ndarray, among: np.ndarray, k: int) -> list[int]:
    """The k best of the positions ``among`` (ascending) by value times factor, ties by lower position."""
    return among[best_positions(values[among] * factors[among], k)].tolist()


@settings(max_examples=400, deadline=None)
@given(
    values=st.lists(st.sampled_from([-2.0, -0.5, 0.0, 1e-12, 0.5, 1.0, 1.0 + 2e-16, 1.5, 2.0, 3.0]), min_size=1,
                    max_size=60),
    data=st.data(),
)
def test_contenders_hold_the_top_k_of_every_positive_value(values: list[float], data: st.DataObject) -> None:
    """Ranking only the contenders gives the top k of all positive values (ties by lower position, values a
    rounding apart), whatever the sample and each position's factor in [1, spread] (the language boost); with
    spread 1 every position has the same factor, 1 or 1.5 (a one-language corpus boosts all or none)."""
    scores = np.array(values)
    n = scores.shape[0]
    k = data.draw(st.integers(1, 12))
    spread = data.draw(st.sampled_from([1.0, 1.5, 3.0]))
    if spread == 1.0:
        factors = np.full(n, data.draw(st.sampled_from([1.0, 1.5])))
    else:
        factors = np.array(data.draw(st.lists(st.sampled_from([1.0, spread]), min_size=n, max_size=n)))
    sample = np.array(sorted(data.draw(st.sets(st.integers(0, n - 1)))), dtype=np.int64)
    positive = np.flatnonzero(scores > 0)
    cut = contenders(scores, sample, k, spread)
    assert cut.tolist() == sorted(set(cut.tolist()) & set(positive.tolist()))  # ascending positive positions
    assert _top(scores, factors, cut, k) == _top(scores, factors, positive, k)


def test_contenders_leave_out_what_cannot_rank() -> None:
    """A sample holding k good values cuts the rest: positions below the k-th of the sample over the spread."""
    scores = np.array([5.0, 0.1, 4.0, 0.2, 3.0, 2.9, 0.0, -1.0, 2.0, 1.9])
    assert contenders(scores, np.array([0, 2, 4]), 3, 1.0).tolist() == [0, 2, 4]
    assert contenders(scores, np.array([0, 2, 4]), 3, 1.5).tolist() == [0, 2, 4, 5, 8]  # 3 / 1.5 = 2: 2.0 may rank
    assert contenders(scores, np.array([0, 2]), 3, 1.0).tolist() == [0, 1, 2, 3, 4, 5, 8, 9]  # too few: every > 0
    # one ulp below the sample's best, which a boost of every passage (x 1.5) rounds to a tie won by lower position
    below, kth = 2.926543103068719, 2.9265431030687195
    assert below < kth and below * 1.5 == kth * 1.5
    tied = np.array([below, kth])
    assert _top(tied, np.full(2, 1.5), contenders(tied, np.array([1]), 1, 1.0), 1) == [0]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("n_docs", "vocab"), [(3, 4), (40, 8), (200, 50), (1000, 2000)])
def test_contenders_from_the_rarest_words_rank_rank_bm25_scores_as_every_match(seed: int, n_docs: int,
                                                                               vocab: int) -> None:
    """rank-bm25's own scores on random corpora (the tiny ones with its negative IDF floor), questions with repeated
    words and words the corpus lacks, half the passages boosted: the passages of the rarest words, as the retriever
    samples them, give the same top passages and scores as ranking every passage scoring above 0."""
    corpus = zipf_corpus(seed, n_docs, vocab)
    if not any(corpus):
        corpus[0] = ["w1"]
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    rng = random.Random(seed)
    boosted = np.array([rng.random() < 0.5 for _ in corpus])
    cut_some = False
    for query in zipf_queries(seed, vocab, n=60):
        scores = ref.get_scores(query)
        positive = np.flatnonzero(scores > 0)
        for postings in (1, 8, 64):
            sample = index.rarest_holders(query, postings)
            holders = [i for i, doc in enumerate(corpus) if set(query) & set(doc)]
            assert sample.tolist() == sorted(set(sample.tolist()) & set(holders))
            known = [t for t in query if t in index.vocabulary]
            fewest = min((index.vocabulary[t] for t in known), default=0)
            assert not known or any({i for i in holders if t in corpus[i]} <= set(sample.tolist())
                                    for t in known if index.vocabulary[t] == fewest)  # a rarest word's passages
            for spread in (1.0, 1.5):
                factors = np.where(boosted, spread, 1.0)
                for k in (1, 3, 10):
                    cut = contenders(scores, sample, k, spread)
                    top = _top(scores, factors, cut, k)
                    assert top == _top(scores, factors, positive, k), (query, k, spread)
                    np.testing.assert_array_equal(scores[top], scores[_top(scores, factors, positive, k)])
                    cut_some |= cut.shape[0] < positive.shape[0]
    assert cut_some or n_docs <= 3  # the cut is exercised, not only its fallback


def _copies_corpus(seed: int, n_docs: int, vocab: int) -> list[list[str]]:
    """Passages of Zipf words, each third one a copy of an earlier passage with a word dropped (ties and near-ties,
    as in the bench's perturbed SciFact copies)."""
    rng = random.Random(seed)
    corpus: list[list[str]] = []
    for i in range(n_docs):
        if i % 3 == 2 and corpus:
            copy = list(rng.choice(corpus))
            if len(copy) > 1:
                del copy[rng.randrange(len(copy))]
            corpus.append(copy)
        else:
            corpus.append([f"w{min(int(rng.paretovariate(0.6)), vocab)}" for _ in range(rng.randint(1, 40))])
    return corpus


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(("n_docs", "vocab"), [(300, 80), (3000, 1500)])
def test_pruned_contenders_keep_every_passage_of_the_top_k(seed: int, n_docs: int, vocab: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """MaxScore (pruned_contenders), forced on small corpora: the top k (each passage's score times its own factor
    in [1, spread], ties by lower id) of the passages it keeps is the top k of every passage scoring above 0, their
    scores the same floats as the unpruned scores and equal to rank-bm25's; and it does skip passages."""
    monkeypatch.setattr(bm25, "PRUNE_POSTINGS", 0)
    corpus = _copies_corpus(seed, n_docs, vocab)
    ref = BM25Okapi(corpus)
    index = BM25Index(corpus)
    rng = random.Random(seed)
    words = sorted({w for doc in corpus for w in doc})
    pruned = skipped = 0
    for _ in range(80):
        doc = rng.choice(corpus)  # a passage's words, so that some passages hold most of the question
        asked = rng.sample(doc, min(3, len(doc))) + rng.sample(words, min(len(words), rng.randint(1, 8)))
        terms = {w: rng.choice([1.0, 1.0, 0.5, 0.8]) for w in asked}
        docs, scores = index.weighted_scores(terms)  # every passage holding a term, unpruned
        reference = sum(weight * ref.get_scores([w]) for w, weight in terms.items())
        np.testing.assert_allclose(scores, reference[docs], rtol=1e-12)
        positive = docs[scores > 0]
        full = np.zeros(len(corpus))
        full[docs] = scores
        for spread in (1.0, 1.5):
            factors = np.array([spread if rng.random() < 0.5 else 1.0 for _ in corpus])
            for k in (1, 5, 30):
                result = index.pruned_contenders(terms, k, spread, 8)
                if result is None:
                    continue
                ids, values = result
                pruned += 1
                skipped += ids.shape[0] < positive.shape[0]
                assert ids.tolist() == sorted(set(ids.tolist()) & set(positive.tolist()))  # ascending, positive
                assert values.tolist() == full[ids].tolist()  # to the last bit
                assert _top(full, factors, ids, k) == _top(full, factors, positive, k), (terms, k, spread)
    assert pruned > 100 and skipped > pruned // 2, (pruned, skipped)


def test_pruning_falls_back_where_bounds_cannot_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A term whose IDF is not positive (in more than half the passages, floored below 0 in a tiny corpus: a passage
    lacking it scores more) or a weight <= 0 is scored in full (None), as is a question of one term or too few
    matches for k; otherwise the bounds are used."""
    monkeypatch.setattr(bm25, "PRUNE_POSTINGS", 0)
    tiny = BM25Index([["a", "b"], ["a", "c"], ["a", "b"], ["a"]])
    assert tiny.idf("a") < 0 and tiny.idf("b") == 0 < tiny.idf("c")
    assert tiny.pruned_contenders({"a": 1.0, "c": 1.0}, 1, 1.0, 8) is None
    assert tiny.pruned_contenders({"b": 1.0, "c": 1.0}, 1, 1.0, 8) is None
    index = BM25Index([["a", "b"], ["a", "c"], ["a"], ["a", "b", "d"], ["c", "d"], ["e"]])
    assert index.pruned_contenders({"c": 1.0, "d": -1.0}, 1, 1.0, 8) is None
    assert index.pruned_contenders({"c": 1.0}, 1, 1.0, 8) is None
    assert index.pruned_contenders({"c": 1.0, "d": 1.0}, 5, 1.0, 8) is None
    ids, values = index.pruned_contenders({"a": 1.0, "c": 1.0}, 1, 1.0, 8)
    assert ids.tolist() == [1] and values.tolist() == index.get_scores(["a", "c"])[[1]].tolist()
