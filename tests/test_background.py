"""Work run beside the caller: what it returns or raises is the caller's at the wait, as if it had run there."""

from __future__ import annotations

import threading

import pytest

from bot.background import Background


def test_the_wait_returns_what_the_work_returned() -> None:
    started = threading.Event()

    def work() -> int:
        started.set()
        return 42

    job = Background(work, "test-work")
    assert started.wait(5)
    assert job.wait() == 42


def test_the_wait_raises_what_the_work_raised_once() -> None:
    def work() -> None:
        raise OSError("disk full")

    job = Background(work, "test-work")
    with pytest.raises(OSError, match="disk full"):
        job.wait()
    assert job.wait() is None  # raised once: a second wait (a finally after a failed build) does not raise again


def test_the_thread_is_not_daemonic_so_an_exiting_bot_finishes_its_file() -> None:
    seen: list[bool] = []
    job = Background(lambda: seen.append(threading.current_thread().daemon), "test-work")
    job.wait()
    assert seen == [False]
