"""Per-member rate limit (sliding window) and duplicate-question suppression.

Both take an injectable monotonic clock so tests can move time without sleeping.
"""

from __future__ import annotations

import time
import unicodedata
from collections import deque
from collections.abc import Callable, Hashable

Clock = Callable[[], float]


class Cooldown:
    """At most ``limit`` questions per member in any ``period`` seconds."""

    def __init__(self, limit: int, period: float, clock: Clock = time.monotonic) -> None:
        self.limit = limit
        self.period = period
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}

    def retry_after(self, member: Hashable) -> float:
        """Seconds until ``member`` may ask again (0 when allowed now); does not count a question."""
        now = self._clock()
        hits = self._prune(member, now)
        if len(hits) < self.limit:
            return 0.0
        return max(hits[0] + self.period - now, 0.001)

    def hit(self, member: Hashable) -> float:
        """Count a question if allowed: returns 0, else the seconds to wait (and counts nothing)."""
        wait = self.retry_after(member)
        if wait == 0.0:
            self._hits.setdefault(member, deque()).append(self._clock())
        return wait

    def _prune(self, member: Hashable, now: float) -> deque[float]:
        hits = self._hits.get(member)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.period:
            hits.popleft()
        if not hits:
            del self._hits[member]
        return hits


def normalize(question: str) -> str:
    """The form under which two questions count as the same (NFKC, case-folded, spaces collapsed)."""
    return " ".join(unicodedata.normalize("NFKC", question).casefold().split())


class DuplicateGuard:
    """Remembers each member's recent questions so one sent twice within ``window`` seconds is answered once."""

    def __init__(self, window: float, clock: Clock = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._seen: dict[tuple[Hashable, str], float] = {}

    def is_duplicate(self, member: Hashable, question: str) -> bool:
        """True when the same member asked the same question less than ``window`` seconds ago; else remember it."""
        if self.window <= 0:
            return False
        now = self._clock()
        self._seen = {k: t for k, t in self._seen.items() if now - t < self.window}
        key = (member, normalize(question))
        if key in self._seen:
            return True
        self._seen[key] = now
        return False
