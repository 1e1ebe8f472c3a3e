"""Typo correction against the corpus vocabulary ("statoin" → "station"), SymSpell style."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

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


class Speller:
    """Nearest corpus word within 1 edit (2 for long words), via a precomputed deletion index (SymSpell)."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = dict(frequencies)
        self._longest = max(map(len, self._frequencies), default=0)
        self._by_delete: dict[str, list[str]] = defaultdict(list)
        for word in self._frequencies:
            if len(word) >= MIN_TYPO_LENGTH:
                for variant in _deletes(word, 2 if len(word) >= LONG_WORD - 2 else 1):
                    self._by_delete[variant].append(word)

    def correct(self, word: str) -> str | None:
        """The corpus word closest to ``word`` (most frequent on ties), or None; numbers are never corrected."""
        if len(word) < MIN_TYPO_LENGTH or not word.isascii() or not word.isalpha() or word in self._frequencies:
            return None
        limit = 2 if len(word) >= LONG_WORD else 1
        if len(word) > self._longest + limit:  # no corpus word is near; and _deletes() of a long word is huge
            return None
        candidates = {c for v in _deletes(word, limit) for c in self._by_delete.get(v, ())}
        best: tuple[int, int, str] | None = None
        for cand in candidates:
            if abs(len(cand) - len(word)) > limit or cand[0] != word[0]:
                continue
            distance = edit_distance(word, cand)
            key = (distance, -self._frequencies[cand], cand)
            if distance <= limit and (best is None or key < best):
                best = key
        return best[2] if best else None
