"""Passages → the term ids BM25 indexes, fast: the same tokens as :func:`bot.search.analysis.analyze`.

Indexing needs no offsets (only snippets do), so passages without CJK are cut into runs of word characters on their
UTF-8 bytes, several passages at a time, with numpy (``ASCII_RUN_BYTES``; non-ASCII characters stay inside a run),
and each distinct run is analysed once per build (the analysis's own word pattern inside it, stop words, elisions,
hyphenated forms, stemming), then looked up: a short run by its bytes in a hash table at numpy speed
(:class:`_RunTable`), any other in the memo. Text with CJK is cut by the analysis's token pattern. Kana voicing
marks, which the analysis composes with the preceding character, take the analysis's own path.
``tests/search/test_indexing.py`` checks the tokens equal ``analyze`` on the shipped corpus and on generated text.

The output is per file (:class:`FileTokens`), in ids shared by the whole build, so an index cache can keep
the files that did not change and re-analyse only the others.
"""

from __future__ import annotations

import ctypes
import functools
from array import array
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.models import Passage, column
from bot.search.analysis import (
    _ASCII_WORD_RE,
    _CJK_CHAR_RE,
    _LATIN_WORD_RE,
    _TOKEN_RE,
    ASCII_RUN_BYTES,
    _cjk_tokens,
    _latin_tokens,
    normalize,
    stem,
)


@dataclass(frozen=True, slots=True)
class FileTokens:
    """One file's passages as term ids, and the surface words they came from (for spelling and variants)."""

    tokens: np.ndarray  # int32 term ids, passage after passage
    lengths: np.ndarray  # int32 tokens per passage
    pair_words: np.ndarray  # int32: (word id, term id) pairs, each once: word → index tokens made from it
    pair_terms: np.ndarray
    count_words: np.ndarray  # int32 word ids and int64 occurrences in this file
    counts: np.ndarray


TRIM_BYTES = 32 << 20  # bytes of arrays dropped between two trims of the C heap while they are joined


def release_free_heap() -> None:
    """Hand the C heap's free pages back to the system.

    glibc keeps the pages of small arrays and parser objects freed by the analysis (each file's pieces are small
    arrays in the heap); the postings' large arrays are mapped apart and cannot reuse them, so without this they
    add to the peak. A no-op without glibc.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def joined(pieces: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    """``np.concatenate`` of each piece's ``name`` array (popped from it), copied one piece at a time into the whole
    and dropped, the heap trimmed every TRIM_BYTES: the pieces and the whole are never both held (at 1M SciFact
    passages the tokens alone are ~0.8 GB)."""
    dtype = functools.reduce(np.promote_types, [p[name].dtype for p in pieces])  # np.concatenate's result type
    out = np.empty(sum(p[name].shape[0] for p in pieces), dtype=dtype)
    at = dropped = 0
    for p in pieces:
        piece = p.pop(name)
        out[at : at + piece.shape[0]] = piece
        at += piece.shape[0]
        dropped += piece.nbytes
        del piece
        if dropped >= TRIM_BYTES:
            release_free_heap()
            dropped = 0
    release_free_heap()
    return out


def joined_all(pieces: list[dict[str, np.ndarray]], names: Sequence[str], threads: int = 1) -> dict[str, np.ndarray]:
    """Each of ``names`` :func:`joined`, the names shared among ``threads`` threads (the copies and the page faults of
    the new arrays release the GIL), the largest first to the least loaded: the same arrays."""
    if not pieces:
        return {name: np.zeros(0, np.int32) for name in names}
    if threads <= 1:
        return {name: joined(pieces, name) for name in names}
    sizes = {name: sum(p[name].nbytes for p in pieces) for name in names}
    shares: list[list[str]] = [[] for _ in range(max(1, min(threads, len(names))))]
    loads = [0] * len(shares)
    for name in sorted(names, key=sizes.__getitem__, reverse=True):
        least = loads.index(min(loads))
        shares[least].append(name)
        loads[least] += sizes[name]
    out: dict[str, np.ndarray] = {}

    def join(share: list[str]) -> None:
        for name in share:
            out[name] = joined(pieces, name)

    with ThreadPoolExecutor(max_workers=len(shares), thread_name_prefix="join") as pool:
        list(pool.map(join, shares))  # raises what a thread raised
    return {name: out[name] for name in names}


def _latin(language: str) -> str:
    return "en" if language == "ja" else language


class _Ints:
    """A growable array of C ints, appended to per new word (``array``: at C speed, where a numpy slice assignment per
    call cost ~10 % of a cold build), read per file as a numpy view."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data = array("i")  # C int: numpy's intc, int32 wherever the bot runs

    @property
    def size(self) -> int:
        return len(self._data)

    def append(self, value: int) -> None:
        self._data.append(value)

    def extend(self, values: list[int]) -> None:
        self._data.fromlist(values)

    def view(self) -> np.ndarray:
        """The values as int32 (a view: read it before appending again, as a file's analysis does)."""
        return np.frombuffer(self._data, dtype=np.intc) if self._data else np.zeros(0, dtype=np.intc)


def _gather_index(starts: np.ndarray, counts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The positions ``starts[k] … starts[k] + counts[k] - 1`` for each ``k``, concatenated (a CSR gather's index);
    ``ends``: the cumulative sum of ``counts``. One repeat: each slot's start less the slots before its run, plus
    its own place."""
    total = int(ends[-1]) if ends.shape[0] else 0
    shift = starts.astype(np.int64)
    shift -= ends
    shift += counts
    index = np.repeat(shift, counts)
    index += np.arange(total, dtype=np.int64)
    return index


class PassageAnalyzer:
    """Turns passages into :class:`FileTokens`, remembering every word it has analysed (one per build).

    Each distinct (language, word or CJK run) gets a key id once; a passage becomes key ids (one dict lookup
    per word), and a file's key ids become term ids, surface pairs and word counts with numpy gathers.
    """

    def __init__(self, terms: Sequence[str] = (), words: Sequence[str] = ()) -> None:
        self.terms: list[str] = list(terms)
        self.words: list[str] = list(words)
        self._term_ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        self._word_ids = dict(zip(self.words, range(len(self.words)), strict=True))
        self._keys: dict[str, _Memo] = {}  # language -> word (or "\x01" + CJK run) -> key id, in text with CJK
        self._runs: dict[str, _Memo] = {}  # language -> UTF-8 run of word characters -> key id, in text without
        self._extra: dict[str, int] = {}  # extra token -> key id
        self._tables: dict[str, _RunTable] = {}  # language -> the short runs of self._runs, found at numpy speed
        self._term_start, self._term_count, self._key_terms = _Ints(), _Ints(), _Ints()
        self._pair_start, self._pair_count, self._pair_words, self._pair_terms = _Ints(), _Ints(), _Ints(), _Ints()

    def _term(self, token: str) -> int:
        tid = self._term_ids.get(token)
        if tid is None:
            tid = self._term_ids[token] = len(self.terms)
            self.terms.append(token)
        return tid

    def _word(self, word: str) -> int:
        wid = self._word_ids.get(word)
        if wid is None:
            wid = self._word_ids[word] = len(self.words)
            self.words.append(word)
        return wid

    def _new_key(self, terms: list[int], pairs: list[tuple[int, int]]) -> int:
        key = self._term_start.size
        self._term_start.append(self._key_terms.size)
        self._term_count.append(len(terms))
        self._key_terms.extend(terms)
        self._pair_start.append(self._pair_words.size)
        self._pair_count.append(len(pairs))
        self._pair_words.extend([w for w, _ in pairs])
        self._pair_terms.extend([t for _, t in pairs])
        return key

    def _analyse_match(self, match: str, language: str) -> int:
        """The key of a word, a CJK run ("\x01" + run) or an ASCII run of [a-z0-9'-] (the words it holds, in order:
        for a run that is one word, that word)."""
        if match.startswith("\x01"):  # a CJK run: bigrams, no surface word
            return self._new_key([self._term(t) for t, _, _ in _cjk_tokens(match[1:], 0)], [])
        return self._latin_key(_ASCII_WORD_RE.findall(match) if match.isascii() else (match,), language)

    def _analyse_run(self, run: bytes, language: str) -> int:
        """The key of a run of normalised text without CJK between ASCII characters no word holds: the words of the
        analysis's pattern inside it, in order (non-ASCII punctuation or spaces in it separate them)."""
        text = run.decode("utf-8", "surrogatepass")
        return self._latin_key(_ASCII_WORD_RE.findall(text) if text.isascii() else _LATIN_WORD_RE.findall(text),
                               language)

    def _latin_key(self, words: Sequence[str], language: str) -> int:
        latin = _latin(language)
        raws = [raw for word in words for raw, _, _ in _latin_tokens(word, 0, latin)]
        terms = [self._term(stem(raw, latin)) for raw in raws]
        return self._new_key(terms, [(self._word(raw), t) for raw, t in zip(raws, terms, strict=True)])

    def _extra_key(self, token: str) -> int:
        key = self._extra.get(token)
        if key is None:
            key = self._extra[token] = self._new_key([self._term(token)], [])
        return key

    def analyse(self, passages: Iterable[tuple[str, str, Sequence[str]]]) -> FileTokens:
        """``(text, language, extra tokens)`` of each passage of one file → its :class:`FileTokens`."""
        pieces: list[np.ndarray] = []  # key ids, a batch of passages after another (new keys made in text order)
        per_passage = array("q")
        batch: list[bytes] = []  # consecutive passages without CJK in one language, cut into runs together
        batch_language = ""

        def flush() -> None:
            if batch:
                keys, counts = self._run_keys(batch, batch_language)
                pieces.append(keys)
                per_passage.extend(counts.tolist())
                batch.clear()

        for text, language, extra in passages:
            if text.isascii() or not _CJK_CHAR_RE.search(norm := normalize(text)):
                if language != batch_language:
                    flush()
                    batch_language = language
                batch.append(text.encode("ascii") if text.isascii() else norm.encode("utf-8", "surrogatepass"))
                if not extra:
                    continue
                flush()  # its words, then its extra tokens (a new one gets its term id after its words')
                keys = []
            else:
                flush()
                memo = _memo(self._keys, self._analyse_match, language)
                keys = list(map(memo.__getitem__, [word or "\x01" + cjk for cjk, word in _TOKEN_RE.findall(norm)]))
                per_passage.append(0)
            keys += [self._extra_key(t) for t in extra]
            pieces.append(np.array(keys, dtype=np.int32))
            per_passage[-1] += len(keys)
        flush()
        key_ids = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
        n = self._term_count.view()[key_ids]
        ends = np.cumsum(n, dtype=np.int64)  # each key's last token + 1: the tokens' gather and the passages' lengths
        tokens = self._key_terms.view()[_gather_index(self._term_start.view()[key_ids], n, ends)]
        lengths = _passage_lengths(ends, per_passage)
        used, counts = _key_counts(key_ids, self._term_count.size)
        n = self._pair_count.view()[used]
        at = _gather_index(self._pair_start.view()[used], n, np.cumsum(n, dtype=np.int64))  # one index, two gathers
        pair_words = self._pair_words.view()[at]
        pair_terms = self._pair_terms.view()[at]
        word_counts = np.bincount(pair_words, weights=np.repeat(counts, n))
        count_words = np.flatnonzero(word_counts)
        unique_pairs = _unique_counts(pair_words.astype(np.int64) << 32 | pair_terms.astype(np.int64))[0]
        return FileTokens(
            tokens=tokens.astype(np.int32, copy=False),  # the gathered ids: int32 already
            lengths=lengths,
            pair_words=(unique_pairs >> 32).astype(np.int32),
            pair_terms=(unique_pairs & 0xFFFFFFFF).astype(np.int32),
            count_words=count_words.astype(np.int32),
            counts=word_counts[count_words].astype(np.int64),
        )

    def _run_keys(self, texts: list[bytes], language: str) -> tuple[np.ndarray, np.ndarray]:
        """The key ids of the runs of word characters of ``texts`` (UTF-8, normalised, without CJK), in order, and
        how many each text holds. The runs are cut for all texts at once; a run the table knows is found there, any
        other is looked up in the memo in text order (so new keys are made in the order one text at a time makes
        them), then added to the table."""
        data = b" ".join(texts).translate(ASCII_RUN_BYTES)  # lower-cased ASCII; a space wherever no word goes on
        padded = np.frombuffer(data + bytes(PACKED_RUN_BYTES), dtype=np.uint8)
        word = np.zeros(len(data) + 2, dtype=bool)
        np.not_equal(padded[: len(data)], 32, out=word[1:-1])
        edges = np.flatnonzero(word[1:] != word[:-1])
        starts, ends = edges[::2], edges[1::2]
        bounds = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) + 1 for t in texts], out=bounds[1:])  # each text's first byte, and one past the last
        counts = np.diff(np.searchsorted(starts, bounds))
        lo, hi = _packed(padded, starts, ends - starts)
        table = self._tables.get(language)
        if table is None:
            table = self._tables[language] = _RunTable()
        keys = table.find(lo, hi)
        keys[ends - starts > PACKED_RUN_BYTES] = -1  # a longer run's first bytes are not the run
        missed = np.flatnonzero(keys < 0)
        if missed.shape[0]:
            memo = _memo(self._runs, self._analyse_run, language)
            found = list(map(memo.__getitem__, map(data.__getitem__, map(slice, starts[missed].tolist(),
                                                                             ends[missed].tolist()))))
            keys[missed] = found
            short = missed[ends[missed] - starts[missed] <= PACKED_RUN_BYTES]
            table.add(lo[short], hi[short], keys[short])
        return keys, counts


PACKED_RUN_BYTES = 16  # runs up to this long are found in a _RunTable by their bytes, packed in two uint64
MAX_PROBES = 8  # slots a lookup tries in a _RunTable; a run past them is looked up in the memo
_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)  # the first n bytes of a uint64
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it mixes the bytes upwards, one to one


def _packed(padded: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first 8 bytes of each run and the next 8, as little-endian uint64 zero-filled past the run's end: a run
    of up to PACKED_RUN_BYTES bytes (none of them zero) is these two numbers and nothing else is. ``padded``: the
    bytes with PACKED_RUN_BYTES more at the end."""
    octets = np.ndarray((padded.shape[0] - 7,), dtype="<u8", buffer=padded, strides=(1,))  # an octet at each byte
    lo = octets[starts] & _BYTE_MASKS[np.minimum(lengths, 8)]
    hi = octets[starts + 8] & _BYTE_MASKS[np.clip(lengths - 8, 0, 8)]
    return lo, hi


class _RunTable:
    """Runs of up to PACKED_RUN_BYTES bytes (packed by ``_packed``) → key ids, found for many runs at once at numpy
    speed: an open-addressing hash table, linear probing, at most a quarter full. It only ever holds what the memo
    holds, so a run it does not find (new, or past MAX_PROBES) is looked up there: the same key either way."""

    __slots__ = ("_his", "_keys", "_los", "_shift", "_used")

    def __init__(self) -> None:
        self._empty(12)

    def _empty(self, bits: int) -> None:
        self._los = np.zeros(1 << bits, dtype=np.uint64)
        self._his = np.zeros(1 << bits, dtype=np.uint64)
        self._keys = np.full(1 << bits, -1, dtype=np.int32)
        self._shift = np.uint64(64 - bits)
        self._used = 0

    def _slots(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        return (((lo * _MIX) ^ hi) * _MIX >> self._shift).astype(np.intp)

    def find(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """The key id of each run (int32), -1 where not found."""
        slots = self._slots(lo, hi)
        out = self._keys[slots]
        going = out >= 0
        going &= (self._los[slots] != lo) | (self._his[slots] != hi)  # held, but by another run: probe on
        out[going] = -1
        todo = np.flatnonzero(going)
        last = self._keys.shape[0] - 1
        for _ in range(MAX_PROBES - 1):
            if not todo.shape[0]:
                break
            slots = (slots[going] + 1) & last
            keys = self._keys[slots]
            full = keys >= 0
            hit = full & (self._los[slots] == lo[todo]) & (self._his[slots] == hi[todo])
            out[todo[hit]] = keys[hit]
            going = full & ~hit
            todo = todo[going]
        return out

    def add(self, lo: np.ndarray, hi: np.ndarray, keys: np.ndarray) -> None:
        """Each run with its key id (a run held already is left as it is)."""
        if 4 * (self._used + lo.shape[0]) > self._keys.shape[0]:
            self._grow(self._used + lo.shape[0])
        last = self._keys.shape[0] - 1
        los, his, held = self._los, self._his, self._keys
        for slot, a, b, key in zip(self._slots(lo, hi).tolist(), lo.tolist(), hi.tolist(), keys.tolist(), strict=True):
            while held[slot] >= 0 and not (los[slot] == a and his[slot] == b):
                slot = (slot + 1) & last
            if held[slot] < 0:
                los[slot], his[slot], held[slot] = a, b, key
                self._used += 1

    def _grow(self, needed: int) -> None:
        """Twice the slots, or more, for ``needed`` runs: every run held is added again."""
        full = np.flatnonzero(self._keys >= 0)
        lo, hi, keys = self._los[full], self._his[full], self._keys[full]
        bits = 65 - int(self._shift)
        while 1 << bits < 4 * needed:
            bits += 1
        self._empty(bits)
        self.add(lo, hi, keys)


class _Memo(dict):
    """A word (or a UTF-8 run of word characters) -> key id, for one language; one not seen yet is analysed on
    first lookup, so a build maps its matches with ``map(memo.__getitem__, …)`` at C speed."""

    __slots__ = ("_analyse", "_language")

    def __init__(self, analyse: Callable[[Any, str], int], language: str) -> None:
        super().__init__()
        self._analyse = analyse
        self._language = language

    def __missing__(self, match: str | bytes) -> int:
        key = self[match] = self._analyse(match, self._language)
        return key


def _memo(memos: dict[str, _Memo], analyse: Callable[[Any, str], int], language: str) -> _Memo:
    memo = memos.get(language)
    if memo is None:
        memo = memos[language] = _Memo(analyse, language)
    return memo


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (a sort: a file's values are few)."""
    if not values.shape[0]:
        return values, np.zeros(0, dtype=np.int64)
    ordered = np.sort(values)
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[first], np.diff(first, append=ordered.shape[0])


def _key_counts(key_ids: np.ndarray, keys: int) -> tuple[np.ndarray, np.ndarray]:
    """``_unique_counts`` of a file's key ids, ``keys`` of them in the build: counted in place of a sort when the
    file's keys are not many fewer than the build's (a bincount over every key is then cheaper than the sort)."""
    if keys > 8 * key_ids.shape[0]:
        return _unique_counts(key_ids)
    counts = np.bincount(key_ids, minlength=keys)
    used = np.flatnonzero(counts)
    return used.astype(key_ids.dtype), counts[used]


def _passage_lengths(ends: np.ndarray, per_passage: array) -> np.ndarray:
    """Tokens per passage, from ``ends`` (each key's cumulative token count) and the keys of each passage."""
    keys_per_passage = np.frombuffer(per_passage, dtype=np.int64) if len(per_passage) else np.zeros(0, np.int64)
    cumulative = np.zeros(ends.shape[0] + 1, dtype=np.int64)
    cumulative[1:] = ends
    bounds = np.zeros(keys_per_passage.shape[0] + 1, dtype=np.int64)
    np.cumsum(keys_per_passage, out=bounds[1:])
    return np.diff(cumulative[bounds]).astype(np.int32)


def file_groups(passages: Sequence[Passage]) -> list[tuple[str, int, int]]:
    """``(path, start, end)`` of each run of consecutive passages from one file (the loader adds file by file)."""
    paths = column(passages, "path")
    groups: list[tuple[str, int, int]] = []
    start = 0
    for i in range(1, len(paths) + 1):
        if i == len(paths) or paths[i] != paths[start]:
            groups.append((paths[start], start, i))
            start = i
    return groups
