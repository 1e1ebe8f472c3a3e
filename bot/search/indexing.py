"""Passages → the term ids BM25 indexes, fast: the same tokens as :func:`bot.search.analysis.analyze`.

Indexing needs no offsets (only snippets do), so a passage without CJK is cut into runs of word characters on its
UTF-8 bytes at C speed (``ASCII_RUN_BYTES``; non-ASCII characters stay inside a run), and each distinct run is
analysed once per build (the analysis's own word pattern inside it, stop words, elisions, hyphenated forms,
stemming), then looked up. Text with CJK is cut by the analysis's token pattern. Kana voicing marks, which the
analysis composes with the preceding character, take the analysis's own path. ``tests/search/test_indexing.py``
checks the tokens equal ``analyze`` on the shipped corpus and on generated text.

The output is per file (:class:`FileTokens`), in ids shared by the whole build, so an index cache can keep
the files that did not change and re-analyse only the others.
"""

from __future__ import annotations

import ctypes
import functools
from array import array
from collections.abc import Callable, Iterable, Sequence
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
        keys = array("i")
        per_passage = array("q")
        for text, language, extra in passages:
            memo: dict
            if text.isascii():  # the runs of word characters, lower-cased, at C speed (each analysed once per build)
                memo = _memo(self._runs, self._analyse_run, language)
                matches = text.encode("ascii").translate(ASCII_RUN_BYTES).split()
            elif not _CJK_CHAR_RE.search(norm := normalize(text)):
                memo = _memo(self._runs, self._analyse_run, language)
                matches = norm.encode("utf-8", "surrogatepass").translate(ASCII_RUN_BYTES).split()
            else:
                memo = _memo(self._keys, self._analyse_match, language)
                matches = [word or "\x01" + cjk for cjk, word in _TOKEN_RE.findall(norm)]
            before = len(keys)
            keys.fromlist(list(map(memo.__getitem__, matches)))  # C speed; a new one: __missing__
            keys.extend([self._extra_key(t) for t in extra])
            per_passage.append(len(keys) - before)
        key_ids = np.frombuffer(keys, dtype=np.int32) if len(keys) else np.zeros(0, dtype=np.int32)
        n = self._term_count.view()[key_ids]
        ends = np.cumsum(n, dtype=np.int64)  # each key's last token + 1: the tokens' gather and the passages' lengths
        tokens = self._key_terms.view()[_gather_index(self._term_start.view()[key_ids], n, ends)]
        lengths = _passage_lengths(ends, per_passage)
        used, counts = _unique_counts(key_ids)
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
