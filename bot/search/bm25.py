"""BM25 scores equal to ``rank_bm25.BM25Okapi`` (0.2.2), computed from postings built once.

rank-bm25 defines the score; this module only changes how it is computed. At build time every
(term, passage) pair gets its final weight ``idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))``,
stored in a CSR layout (``indptr`` per term, ``int32`` passage ids, ``float64`` weights). A query then
costs work proportional to the postings of its terms, not to the corpus size.

Deliberate behaviour, each pinned by a test (``tests/test_bm25.py``):

* Empty corpus, or only empty passages: rank-bm25 raises ``ZeroDivisionError``; here every score is 0
  and ``top_k`` returns ``[]``.
* A query (or a passage) given as ``str`` raises ``TypeError``: a string is never iterated as characters.
* IDF is BM25Okapi's: ``log(N - n + 0.5) - log(n + 0.5)``, so a term in exactly half of the passages has
  IDF 0 (matching passages gain nothing); a term in more than half gets the floor
  ``epsilon * average_idf``, which is *negative* when the average IDF is negative (tiny or repetitive
  corpora), so passages containing that term score below passages that do not contain it.
* A repeated query term counts once per occurrence, as in rank-bm25. The retrieval layer de-duplicates
  query terms before calling this index; ``get_scores`` keeps rank-bm25's semantics for equality.
* With ``b = 1`` an empty passage gets ``0 / 0 = NaN`` in rank-bm25; here it scores 0 (it has no postings).
  ``k1 <= 0`` (NaN everywhere in rank-bm25) is rejected.
* rank-bm25's ``tokenizer=`` argument opens a ``multiprocessing.Pool`` that is never closed: this module
  takes pre-tokenized passages only, and the benchmark builds rank-bm25 without a tokenizer.

``top_k`` returns only passages containing at least one query term (others score exactly 0 and are not
matches), ordered by descending score, ties by lower index. Their scores are those of ``get_scores``;
with a negative IDF floor a returned passage may score below 0.

An index is immutable after construction, so it can be shared between threads.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

__all__ = ["BM25Index", "best_positions", "contenders", "first_occurrence_ids"]

T = TypeVar("T")
R = TypeVar("R")

BOUND_MARGIN = 1e-9  # relative: sums of the same weights in another order differ by far less (a few ulps)
PRUNE_SHARE = 0.5  # bounds read at most this share of a question's postings, or every posting is scored
PRUNE_POSTINGS = 1 << 18  # fewer postings are all read: the bounds' steps cost more than they skip (measured)
SAMPLE_SHARE = 16  # a first k-th best score is read from the rarest terms' passages, up to this share of the postings
EXACT_SAMPLE = 8  # times k: the passages of the best partial scores whose exact scores bound the k-th best
SLICED_POSTINGS = 512  # postings a term on average from which a question's are copied slice by slice (measured: as
# fast as the gather from ~300 a term with 20 terms, 4x faster at 4,096)
DENSE_SEARCHES = 16  # candidates per posting from which a term's postings are added over the corpus, not searched


def _check_tokens(tokens: object, what: str) -> None:
    if isinstance(tokens, str | bytes):
        raise TypeError(f"{what} must be a sequence of tokens, not {type(tokens).__name__}")


def best_positions(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest ``values``, largest first, ties by lower position (argpartition, no full sort)."""
    n = values.shape[0]
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if n > k:
        kth = np.partition(values, n - k)[n - k]
        keep = np.flatnonzero(values >= kth)  # every tie at the boundary; the sort below settles them
    else:
        keep = np.arange(n)
    return keep[np.lexsort((keep, -values[keep]))][:k]


CUT_MARGIN = 1e-9  # relative: a value within rounding of the cut is kept (a product rounded to a tie stays a tie)


def contenders(values: np.ndarray, sample: np.ndarray, k: int, spread: float = 1.0) -> np.ndarray:
    """Ascending positions of the positive ``values`` that may rank among the ``k`` best once each is multiplied by
    its own factor in ``[1, spread]``: every such position, and few others, so that only they are ranked.

    ``sample`` (distinct positions) bounds the k-th best from below: when ``k`` of its values are positive, the k-th
    largest of them, ``t``, is at most the k-th best ranking (those ``k`` rank at least as high), and a position in
    the top ``k`` (ties included) ranks at least that, so its value is at least ``t / spread``. Fewer: every positive
    position. The top ``k`` of the result (ties by lower position) is the top ``k`` of all positive positions.
    """
    sampled = values[sample]
    sampled = sampled[sampled > 0]
    if k <= 0 or sampled.shape[0] < k:
        return np.flatnonzero(values > 0)
    kth = float(np.partition(sampled, sampled.shape[0] - k)[sampled.shape[0] - k])
    return np.flatnonzero(values >= kth / spread * (1 - CUT_MARGIN))


def term_maxima(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each term's largest posting weight (0 for a term without postings): the bound of what it adds to a score."""
    maxima = np.zeros(indptr.shape[0] - 1, dtype=np.float64)
    held = np.flatnonzero(indptr[1:] > indptr[:-1])
    if held.shape[0]:  # each held term's run ends where the next held term's starts
        maxima[held] = np.maximum.reduceat(weights, indptr[held])
    return maxima


def first_occurrence_ids(tokens: np.ndarray, n_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Renumber term ids by first occurrence in ``tokens``, dropping unused ids: ``(new tokens, old id of each)``.

    rank-bm25 averages the IDF over its vocabulary in first-occurrence order and over used terms only;
    an index assembled from cached pieces is renumbered so that its scores stay equal.
    """
    used, first = np.unique(tokens, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    remap = np.full(max(n_terms, 1), -1, dtype=np.int32)
    remap[order] = np.arange(order.shape[0], dtype=np.int32)
    return remap[tokens], order


CHUNK_TOKENS = 1 << 18  # tokens per chunk of the postings build: its temporaries stay near 15 MB
NARROW_KEYS = np.iinfo(np.int32).max  # a chunk's (term, passage) keys up to this are sorted as int32 (_chunk_pairs)


def _chunks(starts: np.ndarray, size: int) -> list[tuple[int, int]]:
    """Runs of whole passages of about ``size`` tokens each (a longer passage is a chunk of its own)."""
    n_docs = starts.shape[0] - 1
    bounds = np.searchsorted(starts, np.arange(0, int(starts[-1]), size), side="right") - 1
    bounds = np.unique(np.concatenate([[0], bounds.clip(0, n_docs), [n_docs]]))
    return [(int(a), int(b)) for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True) if b > a]


def _parts(chunks: list[tuple[int, int]], parts: int) -> list[list[tuple[int, int]]]:
    """``chunks`` in up to ``parts`` runs of consecutive chunks, of about as many chunks each."""
    parts = max(1, min(parts, len(chunks)))
    bounds = [len(chunks) * k // parts for k in range(parts + 1)]
    return [chunks[a:b] for a, b in itertools.pairwise(bounds)]


def _each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``work`` of each item, in order: each in a thread of its own when there are several."""
    if len(items) <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="postings") as pool:
        return list(pool.map(work, items))


def _chunk_pairs(
    flat: np.ndarray, lengths: np.ndarray, starts: np.ndarray, chunks: list[tuple[int, int]], n_terms: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per chunk of passages, its distinct (term, passage) pairs sorted by term then passage, with their tf.

    Yields ``(int32 terms, int32 passages, float64 tf)``. Each pair is one key, ``term * n + passage`` (``n``: the
    chunk's passages), sorted as int32 when every key fits (a chunk of ~2,000 passages and a vocabulary under a
    million terms): the same order, and 1.7x the speed of sorting int64 keys (the postings build's largest step).
    """
    for d0, d1 in chunks:
        n = d1 - d0
        wide = n_terms * n > NARROW_KEYS
        keys = flat[starts[d0] : starts[d1]].astype(np.int64 if wide else np.int32)
        if not keys.shape[0]:
            continue
        keys *= n
        keys += np.repeat(np.arange(n, dtype=keys.dtype), lengths[d0:d1])
        keys.sort()
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        tf = np.diff(first, append=keys.shape[0]).astype(np.float64)
        keys = keys[first]
        terms = keys // n
        keys -= terms * n
        keys += d0
        yield terms.astype(np.int32), keys.astype(np.int32), tf


class _DocFreqs(Mapping[str, int]):
    """Read-only view ``term -> number of passages containing it`` (no copy of the vocabulary)."""

    __slots__ = ("_df", "_ids")

    def __init__(self, ids: dict[str, int], df: np.ndarray) -> None:
        self._ids = ids
        self._df = df

    def __getitem__(self, term: str) -> int:
        return int(self._df[self._ids[term]])

    def get(self, term: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """Mapping.get without its KeyError for a term the corpus lacks (the subject-number checks ask for years
        the corpus mostly lacks, ~15 times a question)."""
        tid = self._ids.get(term)
        return default if tid is None else int(self._df[tid])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, term: object) -> bool:
        return term in self._ids


class BM25Index:
    """BM25Okapi over pre-tokenized passages, scored from precomputed postings."""

    def __init__(
        self,
        corpus_tokens: Sequence[Sequence[str]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        _check_tokens(corpus_tokens, "corpus_tokens")
        if k1 <= 0:
            raise ValueError("k1 must be > 0")  # rank-bm25 yields NaN for non-matching passages at k1 = 0
        if not 0 <= b <= 1:
            raise ValueError("b must be in [0, 1]")
        self.k1 = float(k1)
        self.b = float(b)
        self.epsilon = float(epsilon)

        term_ids: dict[str, int] = {}
        flat = array("i")  # C integers: no Python int object per token
        lengths = array("q")
        for doc in corpus_tokens:
            _check_tokens(doc, "a passage")
            before = len(flat)
            # term ids follow first occurrence, i.e. rank-bm25's dict order (used for the IDF average)
            flat.extend(term_ids.setdefault(tok, len(term_ids)) for tok in doc)
            lengths.append(len(flat) - before)
        self._build(np.frombuffer(flat, dtype=np.int32), np.frombuffer(lengths, dtype=np.int64), list(term_ids))

    @classmethod
    def from_ids(
        cls,
        tokens: np.ndarray,
        lengths: np.ndarray,
        terms: Sequence[str],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
        threads: int = 1,
    ) -> BM25Index:
        """The index of passages given as term ids (``terms[id]``), passage after passage, ``lengths`` each.

        Every term must occur and ids must follow first occurrence (rank-bm25's order for the IDF average):
        :func:`first_occurrence_ids` makes them so. ``threads``: the postings built on that many cores (the
        same index).
        """
        index = cls([], k1=k1, b=b, epsilon=epsilon)
        index._build(np.asarray(tokens, dtype=np.int32), np.asarray(lengths, dtype=np.int64), list(terms), threads)
        return index

    def _build(self, flat: np.ndarray, lengths: np.ndarray, terms: list[str], threads: int = 1) -> None:
        n_docs = int(lengths.shape[0])
        n_terms = len(terms)
        self._terms = terms
        self._term_ids = dict(zip(terms, range(n_terms), strict=True))
        self.doc_lengths = lengths.astype(np.int32)
        self._tokens = flat  # passage after passage: the passages' token sets, and what the cache saves
        self._starts = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        n_tokens = int(flat.shape[0])
        self.avgdl = n_tokens / n_docs if n_docs else 0.0

        if not n_tokens:  # empty corpus or only empty passages: nothing can match
            self._df = np.zeros(0, dtype=np.int32)
            self._idf = np.zeros(0, dtype=np.float64)
            self.average_idf = 0.0
            self._indptr = np.zeros(n_terms + 1, dtype=np.int64)
            self._doc_ids = np.zeros(0, dtype=np.int32)
            self._weights = np.zeros(0, dtype=np.float64)
            self._maxima = np.zeros(n_terms, dtype=np.float64)
            return

        # postings in two passes over chunks of passages, so no array of one int64 key per token is ever held:
        # the first counts each term's passages (df), the second writes each chunk's pairs at their place. Each
        # pass runs over consecutive runs of chunks in threads (numpy's sorts and gathers release the GIL): a run's
        # pairs of a term go after those of the runs before it, so the postings are the one-thread build's. Each
        # thread's chunks are that much smaller: the temporaries held at once stay those of one thread
        threads = max(1, threads)
        parts = _parts(_chunks(self._starts, max(1, CHUNK_TOKENS // threads)), threads)
        dfs = _each(lambda part: self._part_df(flat, part, n_terms), parts)
        df = np.zeros(n_terms, dtype=np.int64)
        for part_df in dfs:
            df += part_df
        raw_idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        self.average_idf = sum(raw_idf.tolist()) / n_terms  # sequential sum, as rank-bm25
        idf = np.where(raw_idf < 0, self.epsilon * self.average_idf, raw_idf)

        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        n_pairs = int(indptr[-1])
        doc_ids = np.empty(n_pairs, dtype=np.int32)
        weights = np.empty(n_pairs, dtype=np.float64)
        fills = []  # each run's first free slot of each term: after the pairs of the runs before it
        fill = indptr[:-1].copy()
        for part_df in dfs:
            fills.append(fill.copy())
            fill += part_df
        del dfs, fill
        _each(lambda k: self._part_postings(flat, parts[k], n_terms, idf, fills[k], doc_ids, weights),
              range(len(parts)))

        self._df = df.astype(np.int32)
        self._idf = idf
        self._indptr = indptr
        self._doc_ids = doc_ids
        self._weights = weights
        self._maxima = term_maxima(indptr, weights)

    def _part_df(self, flat: np.ndarray, chunks: list[tuple[int, int]], n_terms: int) -> np.ndarray:
        """The passages holding each term, over ``chunks``."""
        df = np.zeros(n_terms, dtype=np.int64)
        for pair_terms, _, _ in _chunk_pairs(flat, self.doc_lengths, self._starts, chunks, n_terms):
            df += np.bincount(pair_terms, minlength=n_terms)
        return df

    def _part_postings(self, flat: np.ndarray, chunks: list[tuple[int, int]], n_terms: int, idf: np.ndarray,
                       fill: np.ndarray, doc_ids: np.ndarray, weights: np.ndarray) -> None:
        """The postings of ``chunks`` written at their place, ``fill`` each term's next free slot (advanced)."""
        for pair_terms, pair_docs, tf in _chunk_pairs(flat, self.doc_lengths, self._starts, chunks, n_terms):
            # idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))), rank-bm25's operations, in place
            norm = self.doc_lengths[pair_docs].astype(np.float64)
            norm *= self.b
            norm /= self.avgdl
            norm += 1 - self.b
            norm *= self.k1
            norm += tf
            w = tf
            w *= self.k1 + 1
            w /= norm
            w *= idf[pair_terms]
            # a chunk's pairs are sorted by term then passage, and chunks follow passage order: each term's run
            # goes right after what earlier chunks wrote, so every term's postings end up in passage order
            first = np.flatnonzero(np.concatenate(([True], pair_terms[1:] != pair_terms[:-1])))
            run_terms = pair_terms[first]
            run_lengths = np.diff(first, append=pair_terms.shape[0])
            at = np.arange(pair_terms.shape[0], dtype=np.int64)
            at += np.repeat(fill[run_terms] - first, run_lengths)
            doc_ids[at] = pair_docs
            weights[at] = w
            fill[run_terms] += run_lengths

    # -- persistence ---------------------------------------------------------------------------

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything but the vocabulary, as arrays (what :meth:`from_arrays` takes back)."""
        params = np.array([self.k1, self.b, self.epsilon, self.avgdl, self.average_idf], dtype=np.float64)
        return {
            "params": params,
            "tokens": self._tokens,
            "doc_lengths": self.doc_lengths,
            "df": self._df,
            "idf": self._idf,
            "indptr": self._indptr,
            "doc_ids": self._doc_ids,
            "weights": self._weights,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], terms: Sequence[str]) -> BM25Index:
        """The index saved by :meth:`arrays` (no recomputation)."""
        k1, b, epsilon, avgdl, average_idf = arrays["params"].tolist()
        index = cls.__new__(cls)
        index.k1, index.b, index.epsilon, index.avgdl, index.average_idf = k1, b, epsilon, avgdl, average_idf
        index._terms = list(terms)
        index._term_ids = dict(zip(index._terms, range(len(index._terms)), strict=True))
        index._tokens = arrays["tokens"]
        index.doc_lengths = arrays["doc_lengths"]
        index._starts = np.zeros(index.doc_lengths.shape[0] + 1, dtype=np.int64)
        np.cumsum(index.doc_lengths, out=index._starts[1:])
        index._df, index._idf = arrays["df"], arrays["idf"]
        index._indptr, index._doc_ids, index._weights = arrays["indptr"], arrays["doc_ids"], arrays["weights"]
        if index._indptr.shape[0] != len(index._terms) + 1 or index._doc_ids.shape != index._weights.shape:
            raise ValueError("inconsistent index arrays")
        index._maxima = term_maxima(index._indptr, index._weights)
        return index

    # -- introspection -------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.doc_lengths.shape[0])

    @property
    def vocabulary(self) -> Mapping[str, int]:
        """``term -> document frequency`` (read-only view)."""
        return _DocFreqs(self._term_ids, self._df)

    @property
    def floored_idfs(self) -> list[float]:
        """Every term's IDF after the epsilon floor, in term-id (vocabulary) order."""
        return self._idf.tolist()

    def idf(self, term: str) -> float:
        """BM25Okapi IDF of ``term`` after the epsilon floor; 0.0 for an unknown term (as rank-bm25)."""
        tid = self._term_ids.get(term)
        return 0.0 if tid is None else float(self._idf[tid])

    @property
    def terms(self) -> Sequence[str]:
        """The vocabulary in term-id order."""
        return self._terms

    @property
    def nbytes(self) -> int:
        """Bytes held by the numpy arrays of the index (the vocabulary dict is not counted)."""
        return sum(a.nbytes for a in self.arrays().values()) + self._starts.nbytes

    def passage_tokens(self, i: int) -> list[str]:
        """The tokens of passage ``i`` in order (rebuilt from the arrays)."""
        terms = self._terms
        return [terms[t] for t in self._tokens[self._starts[i] : self._starts[i + 1]].tolist()]

    def term_ids(self, terms: Iterable[str]) -> frozenset[int]:
        """The ids of those of ``terms`` the index has."""
        ids = self._term_ids
        return frozenset(ids[t] for t in terms if t in ids)

    def token_set(self, i: int) -> frozenset[str]:
        """The distinct tokens of passage ``i``."""
        return frozenset(map(self._terms.__getitem__, self.token_ids(i)))

    def token_ids(self, i: int) -> frozenset[int]:
        """The term ids of the distinct tokens of passage ``i``."""
        return frozenset(self._tokens[self._starts[i] : self._starts[i + 1]].tolist())

    # -- scoring -------------------------------------------------------------------------------

    def _query_terms(self, query_tokens: Iterable[str]) -> list[tuple[int, int]]:
        """Known query terms as ``(term_id, occurrences)``, in first-occurrence order."""
        _check_tokens(query_tokens, "query_tokens")
        counts = Counter(query_tokens)
        ids = self._term_ids
        return [(ids[t], c) for t, c in counts.items() if t in ids]

    def _postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self._indptr[tid], self._indptr[tid + 1]
        return self._doc_ids[start:end], self._weights[start:end]

    def get_scores(self, query_tokens: Iterable[str]) -> np.ndarray:
        """Scores of every passage, equal to ``BM25Okapi.get_scores`` (a repeated term counts again)."""
        scores = np.zeros(len(self), dtype=np.float64)
        for tid, count in self._query_terms(query_tokens):
            docs, weights = self._postings(tid)
            scores[docs] += weights * count if count > 1 else weights  # docs are unique within a term
        return scores

    def weighted_scores(self, terms: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding at least one of ``terms`` (ascending ids) and their ``sum(weight * BM25)``.

        Each term counts once, with its weight; work follows the postings of the terms, plus one pass over
        the corpus when they are long (a common word), never a scoring of the whole corpus in Python.
        """
        docs, scores = self._weighted(terms, dense=False)
        assert docs is not None
        return docs, scores

    def dense_scores(self, terms: Mapping[str, float]) -> tuple[np.ndarray | None, np.ndarray]:
        """:meth:`weighted_scores`, but long postings give ``(None, the score of every passage)`` (0 where no term
        is: see :meth:`matched`): a caller keeping the best few does not pay for gathering every match."""
        return self._weighted(terms, dense=True)

    def _weighted(self, terms: Mapping[str, float], dense: bool) -> tuple[np.ndarray | None, np.ndarray]:
        ids = self._term_ids
        known = [(tid, w) for t, w in terms.items() if (tid := ids.get(t)) is not None]
        if not known:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        if len(known) == 1:  # postings are unique and sorted: they are the answer
            docs, weights = self._postings(known[0][0])
            return docs.astype(np.int64), weights * known[0][1]
        docs, weights = self._gathered(known)
        n_docs = len(self)
        if docs.shape[0] * 8 < n_docs:  # few postings: gather them rather than scan the corpus
            # each term's postings are a sorted run: a stable sort merges them, keeping each passage's weights in
            # the terms' order, so the sums below add the same numbers in the same order as a scan would
            order = np.argsort(docs, kind="stable")
            ordered = docs[order]
            starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
            group = np.cumsum(starts)
            group -= 1
            return ordered[starts].astype(np.int64), np.bincount(group, weights[order])
        scores = np.bincount(docs, weights, minlength=n_docs)
        if dense:
            return None, scores
        matched = np.zeros(n_docs, dtype=np.bool_)
        matched[docs] = True
        cand = np.flatnonzero(matched)
        return cand, scores[cand]

    def rarest_holders(self, terms: Iterable[str], postings: int) -> np.ndarray:
        """Ascending ids of the passages holding the rarest of ``terms``, then the next rarest while fewer than
        ``postings`` postings are read: a cheap sample of the passages a question ranks best (:func:`contenders`)."""
        ids = sorted({self._term_ids[t] for t in terms if t in self._term_ids}, key=self._df.__getitem__)
        parts, read = [], 0
        for tid in ids:
            if parts and read + int(self._df[tid]) > postings:
                break
            parts.append(self._postings(tid)[0])
            read += parts[-1].shape[0]
        if len(parts) <= 1:
            return parts[0] if parts else np.zeros(0, dtype=np.int32)
        held = np.concatenate(parts)
        held.sort()
        return held[np.concatenate(([True], held[1:] != held[:-1]))]

    def _gathered(self, known: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
        """The postings of the terms ``known`` ((term id, weight)) one after the other, their weights times the
        term's: the same arrays as concatenating each term's slices. Short postings (a small corpus) in a fixed
        number of numpy calls (a question has 10-50 terms: three calls each cost more than the arithmetic); long ones
        (SLICED_POSTINGS a term on average) as the slices themselves, copied whole: the gather below reads an index
        per posting (3.7x the time at 100k SciFact passages). x * 1.0 is x, so the sums are the same."""
        tids = np.fromiter((tid for tid, _ in known), dtype=np.int64, count=len(known))
        starts, lengths = self._indptr[tids], self._indptr[tids + 1] - self._indptr[tids]
        if int(lengths.sum()) >= SLICED_POSTINGS * len(known):
            return self._sliced(known, starts.tolist(), lengths.tolist())
        # positions of every posting: each term's run start + 0, 1, 2 … within the run
        offsets = np.cumsum(lengths) - lengths
        at = np.repeat(starts - offsets, lengths) + np.arange(int(offsets[-1] + lengths[-1]))
        weights = self._weights[at]
        factors = np.fromiter((w for _, w in known), dtype=np.float64, count=len(known))
        if (factors != 1.0).any():
            weights *= np.repeat(factors, lengths)
        return self._doc_ids[at], weights

    def _sliced(
        self, known: list[tuple[int, float]], starts: list[int], lengths: list[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_gathered`'s arrays made from each term's slice of the postings (``starts``, ``lengths``): the same
        values, each weight multiplied in place by its term's factor as the gather multiplies it (the same float
        operation)."""
        docs = np.concatenate([self._doc_ids[a : a + n] for a, n in zip(starts, lengths, strict=True)])
        weights = np.concatenate([self._weights[a : a + n] for a, n in zip(starts, lengths, strict=True)])
        at = 0
        for n, (_, factor) in zip(lengths, known, strict=True):
            if factor != 1.0:
                weights[at : at + n] *= np.float64(factor)
            at += n
        return docs, weights

    def scores_of(self, terms: Mapping[str, float], docs: np.ndarray) -> np.ndarray:
        """The ``sum(weight * BM25)`` of the passages ``docs`` (ascending ids), each the same float as
        :meth:`dense_scores` and :meth:`weighted_scores` give it: its terms' weights added in the terms' order from
        0 (a term it lacks adds 0.0, which changes no float). Work: a binary search of ``docs`` in each term's
        postings."""
        ids = self._term_ids
        docs = docs.astype(self._doc_ids.dtype, copy=False)  # a search across dtypes would copy every posting
        total = np.zeros(docs.shape[0], dtype=np.float64)
        for term, factor in terms.items():
            tid = ids.get(term)
            if tid is None or not docs.shape[0]:
                continue
            held, weights = self._postings(tid)
            at = np.searchsorted(held, docs)
            at[at == held.shape[0]] = 0
            found = held[at] == docs
            added = weights[at[found]]
            if factor != 1.0:
                added *= factor
            total[found] += added
        return total

    def pruned_contenders(self, terms: Mapping[str, float], k: int, spread: float,
                          sample_postings: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The passages whose ``sum(weight * BM25)`` may rank among the ``k`` best once each is multiplied by its own
        factor in ``[1, spread]``, and their scores (:meth:`scores_of`'s floats), ascending ids: every such passage,
        all of them positive, found without reading every posting of ``terms`` (MaxScore: a term's largest weight
        bounds what it adds to any passage). None when the bounds would not save reading most postings or cannot
        hold (a weight that is not positive, fewer than ``k`` positive passages found): the caller reads them all.

        A k-th best score ``t`` is bounded from below by exact scores of passages found first (the rarest terms'
        holders, as :meth:`rarest_holders` samples them); a passage in the top ``k`` scores at least ``t / spread``
        (as :func:`contenders`). The terms whose bounds add up to less than that cannot place a passage alone
        ("weak"): only the passages holding another term are candidates, and a candidate is dropped as soon as its
        partial score plus the bounds of the weak terms not yet read falls below the cut.
        """
        if self._doc_ids.shape[0] < PRUNE_POSTINGS:  # the corpus's postings: a question's distinct terms hold fewer
            return None
        ids = self._term_ids
        known = [(tid, float(w)) for t, w in terms.items() if (tid := ids.get(t)) is not None]
        if k <= 0 or len(known) < 2:
            return None
        tids = np.fromiter((tid for tid, _ in known), dtype=np.int64, count=len(known))
        factors = np.fromiter((w for _, w in known), dtype=np.float64, count=len(known))
        lengths = self._df[tids].astype(np.int64)
        total = int(lengths.sum())
        if total < PRUNE_POSTINGS:
            return None  # reading every posting costs less than the bounds' steps
        if not ((factors > 0).all() and (self._idf[tids] > 0).all()):
            return None  # a weight <= 0: a passage lacking a term may score more than one holding it
        # a first k-th best: the rarest terms' passages, the best by those terms alone scored exactly
        rarest = np.argsort(lengths, kind="stable")
        sample = max(sample_postings, total // SAMPLE_SHARE)
        n_rare = max(1, int(np.searchsorted(np.cumsum(lengths[rarest]), sample, side="right")))
        docs, partial = self._merged([known[i] for i in sorted(rarest[:n_rare].tolist())])
        kth = self._kth_exact(terms, docs, partial, k)
        if kth <= 0:
            return None
        # the weak terms: the smallest bounds adding up to less than the cut
        bounds = self._maxima[tids] * factors
        by_bound = np.argsort(bounds, kind="stable")
        n_weak = int(np.count_nonzero(np.cumsum(bounds[by_bound]) * (1 + BOUND_MARGIN) < kth / spread))
        strong = sorted(by_bound[n_weak:].tolist())
        if not strong or int(lengths[strong].sum()) > PRUNE_SHARE * total:  # none: bounds that cannot be right
            return None
        cand, partial = self._merged([known[i] for i in strong])
        kth = max(kth, self._kth_exact(terms, cand, partial, k))  # the strong terms' best, scored exactly
        threshold = kth / spread * (1 - CUT_MARGIN) * (1 - BOUND_MARGIN)
        weak = by_bound[:n_weak][::-1].tolist()  # largest bound first: the candidates thin out soonest
        left = float(bounds[weak].sum()) * (1 + BOUND_MARGIN)
        keep = partial + left >= threshold
        cand, partial = cand[keep], partial[keep]
        dense = None
        for i in weak:
            left = max(left - float(bounds[i]), 0.0)
            held, weights = self._postings(known[i][0])
            if cand.shape[0] * DENSE_SEARCHES > held.shape[0]:  # many candidates: add the term's postings in place
                if dense is None:
                    dense = np.zeros(len(self), dtype=np.float64)
                dense[cand] = partial  # other passages' values are never read
                dense[held] += weights * known[i][1]
                partial = dense[cand]
            else:  # few: a binary search of each in the term's postings
                at = np.searchsorted(held, cand)
                at[at == held.shape[0]] = 0
                found = held[at] == cand
                partial[found] += weights[at[found]] * known[i][1]
            keep = partial + left >= threshold
            cand, partial = cand[keep], partial[keep]
        # every term read: partial is each candidate's score but for rounding; only the best can make the top k
        if cand.shape[0] < k:
            return None
        best = float(np.partition(partial, cand.shape[0] - k)[cand.shape[0] - k])
        cand = cand[partial >= best / spread * (1 - CUT_MARGIN) * (1 - BOUND_MARGIN)]
        exact = self.scores_of(terms, cand)
        keep = exact >= kth / spread * (1 - CUT_MARGIN)
        if int(np.count_nonzero(keep)) < k:
            return None
        return cand[keep], exact[keep]

    def _kth_exact(self, terms: Mapping[str, float], docs: np.ndarray, partial: np.ndarray, k: int) -> float:
        """A lower bound of the k-th best score of the corpus from passages ``docs`` and their partial scores (each
        at most its score: weights are positive): the k-th best exact score of the EXACT_SAMPLE * k best by partial
        score, or the k-th best partial score if higher; 0 when fewer than k passages are given."""
        if docs.shape[0] < k:
            return 0.0
        best = docs[np.sort(best_positions(partial, EXACT_SAMPLE * k))]
        exact = self.scores_of(terms, best)
        return max(float(np.partition(partial, partial.shape[0] - k)[partial.shape[0] - k]),
                   float(np.partition(exact, exact.shape[0] - k)[exact.shape[0] - k]))

    def _merged(self, known: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
        """Ascending ids of the passages holding one of the terms ``known`` ((term id, weight)), and each one's sum
        of their weighted postings (summed in another order than :meth:`scores_of`'s: a rounding apart)."""
        if len(known) == 1:
            docs, weights = self._postings(known[0][0])
            return docs, weights * known[0][1]
        docs, weights = self._gathered(known)
        if docs.shape[0] * 8 >= len(self):  # many postings: summed in place over the corpus
            dense = np.bincount(docs, weights, minlength=len(self))
            held = np.flatnonzero(dense).astype(self._doc_ids.dtype)
            return held, dense[held]
        order = np.argsort(docs, kind="stable")
        ordered = docs[order]
        starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
        group = np.cumsum(starts)
        group -= 1
        return ordered[starts], np.bincount(group, weights[order])

    def matched(self, terms: Iterable[str]) -> np.ndarray:
        """Per passage, whether it holds one of ``terms`` (what :meth:`dense_scores` leaves out)."""
        matched = np.zeros(len(self), dtype=np.bool_)
        for term in terms:
            tid = self._term_ids.get(term)
            if tid is not None:
                matched[self._postings(tid)[0]] = True
        return matched

    def top_k(self, query_tokens: Iterable[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` best passages containing a query term: ``(index, score)``, score desc, ties by index."""
        terms = self._query_terms(query_tokens)
        if k <= 0 or not terms:
            return []
        n_docs = len(self)
        parts = [self._postings(tid) for tid, _ in terms]
        docs = parts[0][0] if len(parts) == 1 else np.concatenate([d for d, _ in parts])
        weights = np.concatenate([w * c if c > 1 else w for (_, w), (_, c) in zip(parts, terms, strict=True)])
        if len(parts) == 1:  # postings are unique and sorted: they are the candidates
            cand, cand_scores = docs, weights
        else:
            scores = np.bincount(docs, weights, minlength=n_docs)
            if docs.shape[0] * 8 < n_docs:  # few postings: gather them rather than scan the corpus
                cand = np.unique(docs)
            elif all(self._idf[tid] > 0 for tid, _ in terms):  # every weight > 0: matched <=> score > 0
                kth = np.partition(scores, n_docs - k)[n_docs - k] if n_docs > k else 0.0
                cand = np.flatnonzero(scores >= kth if kth > 0 else scores > 0)
            else:
                matched = np.zeros(n_docs, dtype=np.bool_)
                matched[docs] = True
                cand = np.flatnonzero(matched)
            cand_scores = scores[cand]
        if cand.shape[0] > k:
            kth = np.partition(cand_scores, cand.shape[0] - k)[cand.shape[0] - k]
            keep = cand_scores >= kth  # keeps every tie at the boundary; the sort below settles them
            cand, cand_scores = cand[keep], cand_scores[keep]
        order = np.lexsort((cand, -cand_scores))[:k]
        return [(int(i), float(s)) for i, s in zip(cand[order].tolist(), cand_scores[order].tolist(), strict=True)]
