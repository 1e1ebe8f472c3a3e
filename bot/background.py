"""Work run in a thread beside the caller's, its outcome handed back where the caller waits for it.

A cold start writes its caches (the parsed files, the index) while it goes on: the writes, their CRC and the
``fsync`` that ends them release the GIL, so on a second core (or while the disk works) they cost the start no
time. What the work returned, or raised, is the caller's at :meth:`Background.wait`, as if it had run there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` started in a thread now. Not daemonic: a program that exits meanwhile lets it finish (a cache
    file is renamed into place only once whole)."""

    __slots__ = ("_error", "_result", "_thread")

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._error: BaseException | None = None
        self._result: T | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), name=name)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._result = work()
        except BaseException as error:  # raised in the caller's thread, at its wait
            self._error = error

    def wait(self) -> T | None:
        """What ``work`` returned, once it has; raises what it raised."""
        self._thread.join()
        error, self._error = self._error, None
        if error is not None:
            raise error
        return self._result
