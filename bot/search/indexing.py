"""Passages → the term ids BM25 indexes, fast: the same tokens as :func:`bot.search.analysis.analyze`.

Indexing needs no offsets (only snippets do), so a passage is normalised in one ``str.translate`` instead of
character by character, cut by the analysis's own token pattern, and each distinct word is analysed once per
build (stop words, elisions, hyphenated forms, stemming), then looked up. Kana voicing marks, which the
analysis composes with the preceding character, take the analysis's own path. ``tests/search/test_indexing.py``
checks the tokens equal ``analyze`` on the shipped corpus and on generated text.

The output is per file (:class:`FileTokens`), in ids shared by the whole build, so an index cache can keep
the files that did not change and re-analyse only the others.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.models import Passage
from bot.search.analysis import (
    _KANA_MARKS,
    _TOKEN_RE,
    _cjk_tokens,
    _latin_tokens,
    _normalize_char,
    normalize,
    stem,
)

_ASCII_LOWER = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def fast_normalize(text: str) -> str:
    """``analysis.normalize(text)`` without a per-character Python loop (no offset map)."""
    if text.isascii():
        return text.lower()
    table = dict(_ASCII_LOWER)
    for ch in set(text):
        if not ch.isascii():
            table[ord(ch)] = _normalize_char(ch)
    out = text.translate(table)
    if any(mark in out for mark in _KANA_MARKS):  # composed with the previous character: the analysis's path
        return normalize(text)
    return out


@dataclass(frozen=True, slots=True)
class FileTokens:
    """One file's passages as term ids, and the surface words they came from (for spelling and variants)."""

    tokens: np.ndarray  # int32 term ids, passage after passage
    lengths: np.ndarray  # int32 tokens per passage
    pair_words: np.ndarray  # int32: (word id, term id) pairs, each once: word → index tokens made from it
    pair_terms: np.ndarray
    count_words: np.ndarray  # int32 word ids and int64 occurrences in this file
    counts: np.ndarray


def _latin(language: str) -> str:
    return "en" if language == "ja" else language


class PassageAnalyzer:
    """Turns passages into :class:`FileTokens`, remembering every word it has analysed (one per build)."""

    def __init__(self, terms: Sequence[str] = (), words: Sequence[str] = ()) -> None:
        self.terms: list[str] = list(terms)
        self.words: list[str] = list(words)
        self._term_ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        self._word_ids = dict(zip(self.words, range(len(self.words)), strict=True))
        self._memo: dict[str, dict[tuple[str, str], tuple[int, ...]]] = {}  # language -> match -> term ids
        self._surface: dict[str, dict[tuple[str, str], tuple[tuple[int, int], ...]]] = {}  # -> (word, term)

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

    def _analyse_match(self, match: tuple[str, str], language: str) -> tuple[int, ...]:
        cjk, word = match
        if cjk:
            ids = tuple(self._term(t) for t, _, _ in _cjk_tokens(cjk, 0))
            self._surface[language][match] = ()
        else:
            pairs = [(raw, stem(raw, _latin(language))) for raw, _, _ in _latin_tokens(word, 0, _latin(language))]
            ids = tuple(self._term(token) for _, token in pairs)
            self._surface[language][match] = tuple(
                (self._word(raw), tid) for (raw, _), tid in zip(pairs, ids, strict=True)
            )
        self._memo[language][match] = ids
        return ids

    def analyse(self, passages: Iterable[tuple[str, str, Sequence[str]]]) -> FileTokens:
        """``(text, language, extra tokens)`` of each passage of one file → its :class:`FileTokens`."""
        flat = array("i")
        lengths = array("i")
        seen: dict[str, Counter[tuple[str, str]]] = {}
        for text, language, extra in passages:
            memo = self._memo.get(language)
            if memo is None:
                memo = self._memo[language] = {}
                self._surface[language] = {}
            matches = _TOKEN_RE.findall(fast_normalize(text))
            before = len(flat)
            get = memo.get
            flat.extend(
                itertools.chain.from_iterable(
                    [ids if (ids := get(m)) is not None else self._analyse_match(m, language) for m in matches]
                )
            )
            flat.extend(self._term(t) for t in extra)
            lengths.append(len(flat) - before)
            counter = seen.get(language)
            if counter is None:
                counter = seen[language] = Counter()
            counter.update(matches)
        word_counts: Counter[int] = Counter()
        pairs: set[tuple[int, int]] = set()
        for language, counter in seen.items():
            surface = self._surface[language]
            for match, n in counter.items():
                for wid, tid in surface[match]:
                    word_counts[wid] += n
                    pairs.add((wid, tid))
        pair_array = np.array(sorted(pairs), dtype=np.int32).reshape(-1, 2)
        return FileTokens(
            tokens=np.frombuffer(flat, dtype=np.int32).copy(),
            lengths=np.frombuffer(lengths, dtype=np.int32).copy(),
            pair_words=pair_array[:, 0].copy(),
            pair_terms=pair_array[:, 1].copy(),
            count_words=np.fromiter(word_counts.keys(), dtype=np.int32, count=len(word_counts)),
            counts=np.fromiter(word_counts.values(), dtype=np.int64, count=len(word_counts)),
        )


def file_groups(passages: Sequence[Passage]) -> list[tuple[str, int, int]]:
    """``(path, start, end)`` of each run of consecutive passages from one file (the loader adds file by file)."""
    groups: list[tuple[str, int, int]] = []
    start = 0
    for i in range(1, len(passages) + 1):
        if i == len(passages) or passages[i].path != passages[start].path:
            groups.append((passages[start].path, start, i))
            start = i
    return groups
