"""Child processes: a second process started for a cold start's work, and a child stopped for good.

``logs serve`` stops its Datasette and a cold start its second process (parsing, index analysis) this one way:
neither may be left running (a dashboard still serving the log, a process holding gigabytes) nor waited for without
end. A cold start's second process is a new interpreter running one of the bot's modules (``python -m …``: no fork
of a threaded process, and not multiprocessing's spawn, which imports the caller's main script again: a script
without a ``__main__`` guard would run twice), talking over its standard input and output.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


class Pipe:
    """Pickled messages over two pipe ends (multiprocessing's framing): one read, one written."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._in = Connection(read_fd, writable=False)
        self._out = Connection(write_fd, readable=False)

    def send(self, message: object) -> None:
        self._out.send(message)

    def recv(self) -> object:
        return self._in.recv()

    def close(self) -> None:
        for end in (self._in, self._out):
            with contextlib.suppress(OSError):
                end.close()


def start_module(module: str) -> tuple[subprocess.Popen[bytes], Pipe]:
    """``python -m module`` in a new interpreter (this bot package first on its path, whatever the working
    directory), and the pipe to it over its standard input and output; raises if it cannot start."""
    home = str(Path(__file__).resolve().parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (home, os.environ.get("PYTHONPATH"))))}
    process = subprocess.Popen([sys.executable, "-m", module], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               env=environment)
    assert process.stdin is not None and process.stdout is not None
    conn = Pipe(os.dup(process.stdout.fileno()), os.dup(process.stdin.fileno()))
    process.stdin.close()
    process.stdout.close()
    return process, conn


def parent_pipe() -> Pipe:
    """In a process :func:`start_module` started: the pipe to its parent (printed text goes to standard error)."""
    channel = os.dup(1)
    os.dup2(2, 1)
    return Pipe(0, channel)


def usable_cores() -> int:
    """The cores this process may run on (``taskset -c 0`` leaves one), not the machine's count."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def second_process_allowed() -> bool:
    """Two cores to run on (``taskset -c 0`` keeps a start on one), and not a daemonic process (the reload's
    budgeted check, whose memory budget holds one process; multiprocessing refuses it children anyway)."""
    return usable_cores() > 1 and not multiprocessing.current_process().daemon


def end_second_process(process: subprocess.Popen[Any], conn: Pipe, seconds: float) -> None:
    """Tell a second process its work is over (None on its pipe, if it still reads), close the pipe, and give it
    ``seconds`` to end its own way before it is killed: the one ending of the cold start's second processes."""
    with contextlib.suppress(OSError):
        conn.send(None)
    conn.close()
    stop_child(process, seconds, terminate=False)


def stop_child(process: subprocess.Popen[Any], seconds: float, *, terminate: bool = True) -> None:
    """Wait up to ``seconds`` for ``process`` to exit, after a SIGTERM (``terminate``; False when the caller has
    asked it its own way, as the index analysis does by closing its work), then SIGKILL it; reaped either way."""
    if process.poll() is not None:
        return
    if terminate:
        process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
