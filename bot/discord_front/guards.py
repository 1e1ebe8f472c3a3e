"""Per-member rate limit (sliding window) and duplicate-question suppression.

Both take an injectable monotonic clock so tests can move time without sleeping. The order matters
and lives in :meth:`bot.discord_front.ask.AskDesk.prepare`: cooldown first (a refused question is not
remembered as asked), then duplicates, and only a question that goes on to be answered is counted.
"""

from __future__ import annotations

import time
import unicodedata
from collections import deque
from collections.abc import Callable, Hashable

Clock = Callable[[], float]


class Cooldown:
    """At most ``limit`` questions per member in any ``period`` seconds.

    Refused messages never count. :meth:`uncount` gives a counted question back (small talk that the
    bot answers without retrieval should not use up a member's questions).
    """

    def __init__(self, limit: int, period: float, clock: Clock = time.monotonic) -> None:
        self.limit = limit
        self.period = period
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}
        self._noted_until: dict[Hashable, float] = {}  # member → end of the window their refusal note covers

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

    def uncount(self, member: Hashable) -> None:
        """Give back the member's latest counted question (it did not use up the cooldown after all)."""
        hits = self._hits.get(member)
        if hits:
            hits.pop()
            if not hits:
                del self._hits[member]

    def note_due(self, member: Hashable) -> bool:
        """True for the first refusal of a cooldown window, False for the later ones (one note per window).

        Call it only for a refused member: later refusals then get no message at all, so a burst of
        mentions cannot make the bot post (and delete) one note each.
        """
        now = self._clock()
        if now < self._noted_until.get(member, 0.0):
            return False
        self._noted_until[member] = now + max(self.retry_after(member), 0.001)
        return True

    def _prune(self, member: Hashable, now: float) -> deque[float]:
        noted = self._noted_until.get(member)
        if noted is not None and noted <= now:
            del self._noted_until[member]
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
    """Remembers each member's recent answered questions so one sent twice within ``window`` seconds is answered once.

    :meth:`seen` only looks; :meth:`remember` is called for a question that is going to be answered, so a
    question refused for another reason (cooldown) is not later treated as "already answered".
    """

    def __init__(self, window: float, clock: Clock = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._seen: dict[tuple[Hashable, str], float] = {}

    def seen(self, member: Hashable, question: str) -> bool:
        """True when the same member had the same question answered less than ``window`` seconds ago."""
        if self.window <= 0:
            return False
        now = self._clock()
        self._seen = {k: t for k, t in self._seen.items() if now - t < self.window}
        return (member, normalize(question)) in self._seen

    def remember(self, member: Hashable, question: str) -> None:
        if self.window > 0:
            self._seen[(member, normalize(question))] = self._clock()
