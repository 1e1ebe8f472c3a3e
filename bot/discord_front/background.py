"""Read-only work off the event loop that a stop signal does not wait for.

``asyncio.to_thread`` runs in the loop's default executor, which ``asyncio.run`` joins before the process exits:
SIGTERM during ``/logs summary`` on a 200,000-question log printed "stopped on signal; query log flushed" and the
process lived 29 s more (trial 7), past what systemd and Docker wait before SIGKILL. A report only reads, so its
thread is a daemon: the process exits without it. Work that writes (deletions, uploads) keeps ``to_thread``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # the awaiting task was cancelled
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


async def read_in_background(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in a daemon thread; its result (or exception) comes back to the awaiting task."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        result, error = None, None
        try:
            result = func(*args)
        except BaseException as exc:  # handed to the awaiting task, which decides
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the bot is stopping, nobody waits any more
            loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=run, name=f"read-{getattr(func, '__name__', 'report')}", daemon=True).start()
    return await future
