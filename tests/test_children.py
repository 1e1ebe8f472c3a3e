"""One way to stop a child process (bot.children): ``logs serve``'s Datasette and the second index-analysis process
are never left running, nor waited for without end. Real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from bot.children import stop_child

# Says "ready" once its SIGTERM handling is in place, then sleeps (or reads stdin to its end, then exits 0).
CHILD = """
import signal, sys, time
if sys.argv[1] == "deaf":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ready", flush=True)
sys.stdin.read() if sys.argv[1] == "reader" else time.sleep(60)
"""


def child(kind: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_child_that_stops_on_sigterm_is_stopped_and_reaped() -> None:
    process = child("sleeper")
    stop_child(process, 10)
    assert process.returncode == -signal.SIGTERM


def test_a_child_deaf_to_sigterm_is_killed_after_the_wait() -> None:
    process = child("deaf")
    started = time.monotonic()
    stop_child(process, 0.5)
    assert process.returncode == -signal.SIGKILL
    assert 0.5 <= time.monotonic() - started < 10


def test_a_child_told_its_own_way_is_left_to_finish() -> None:
    """The index analysis's second process ends when its work is closed: no signal cuts it short."""
    process = child("reader")
    assert process.stdin is not None
    process.stdin.close()
    stop_child(process, 10, terminate=False)
    assert process.returncode == 0


def test_a_child_that_has_exited_is_left_alone() -> None:
    process = child("reader")
    assert process.stdin is not None
    process.stdin.close()
    process.wait(10)
    stop_child(process, 0)
    assert process.returncode == 0
