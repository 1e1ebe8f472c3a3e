"""Typo correction against the corpus vocabulary ("statoin" → "station"), SymSpell style."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np

MIN_TYPO_LENGTH = 5  # shorter words are never corrected, nor corrected into
LONG_WORD = 8  # words this long may be corrected by 2 edits, shorter ones by 1


def _deletes(word: str, depth: int) -> set[str]:
    """``word`` and every string obtained by deleting up to ``depth`` characters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))} - found
        found |= frontier
    return found


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_OTHER = len(_ALPHABET)  # every other character shares one count: the bag distance stays a lower bound


def _letter_counts(word: str) -> np.ndarray:
    counts = np.zeros(_OTHER + 1, dtype=np.int8)
    for ch in word:
        i = ord(ch) - 97
        counts[i if 0 <= i < _OTHER else _OTHER] += 1
    return counts


class Speller:
    """Nearest corpus word within 1 edit (2 for long words), most frequent on ties.

    No deletion index is built (it cost seconds and hundreds of MB on a large vocabulary): the corpus words of
    the right first letter and length are screened by their letter counts (the bag distance is a lower bound
    of the edit distance), and the few left are compared exactly. Same answers as the SymSpell index it
    replaces: symmetric deletions up to these depths find every word within the edit limit.
    """

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = dict(frequencies)
        self._longest = max(map(len, self._frequencies), default=0)
        by_letter: dict[str, list[str]] = defaultdict(list)
        for word in self._frequencies:
            if len(word) >= MIN_TYPO_LENGTH:
                by_letter[word[0]].append(word)
        self._by_letter = {
            letter: (words, np.array([len(w) for w in words]), np.array([_letter_counts(w) for w in words]))
            for letter, words in by_letter.items()
        }

    def correct(self, word: str) -> str | None:
        """The corpus word closest to ``word`` (most frequent on ties), or None; numbers are never corrected."""
        if len(word) < MIN_TYPO_LENGTH or not word.isascii() or not word.isalpha() or word in self._frequencies:
            return None
        limit = 2 if len(word) >= LONG_WORD else 1
        if len(word) > self._longest + limit or word[0] not in self._by_letter:
            return None
        words, lengths, counts = self._by_letter[word[0]]
        diff = counts.astype(np.int16) - _letter_counts(word)
        bag = np.maximum(np.where(diff > 0, diff, 0).sum(axis=1), np.where(diff < 0, -diff, 0).sum(axis=1))
        near = np.flatnonzero((np.abs(lengths - len(word)) <= limit) & (bag <= limit))
        best: tuple[int, int, str] | None = None
        for cand in (words[i] for i in near.tolist()):
            distance = edit_distance(word, cand)
            key = (distance, -self._frequencies[cand], cand)
            if distance <= limit and (best is None or key < best):
                best = key
        return best[2] if best else None
