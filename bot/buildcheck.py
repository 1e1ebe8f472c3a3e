"""Build a knowledge folder's index in a separate process within a time and memory budget, before it is used.

An upload is checked this way before it is saved, and a reload before its index is swapped in: a file
whose index would take minutes or gigabytes (a pathological word, a generated file) is refused with a
clear message, and the running bot, its memory and its knowledge folder stay as they were. A process,
not a thread, because only a process can be stopped when the time is up and held to a memory limit.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from bot.models import LoadError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BuildBudget:
    """How long and how much memory (address space of the checking process) one build may take."""

    seconds: float = 120.0
    memory_mb: int = 4096


class BuildChecks:
    """The checking processes running now, so that a stopping bot kills them rather than wait for them: SIGTERM
    during ``/kb reload`` of a large folder exited 36.6 s after "stopped on signal" (trial 8), the worker thread
    waiting for its checking process; systemd and Docker SIGKILL a process that takes that long."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[multiprocessing.process.BaseProcess] = set()
        self.stopped = False

    def started(self, process: multiprocessing.process.BaseProcess) -> None:
        """Track ``process``; killed at once when the checks are stopped already."""
        with self._lock:
            if not self.stopped:
                self._running.add(process)
                return
        process.kill()

    def finished(self, process: multiprocessing.process.BaseProcess) -> None:
        with self._lock:
            self._running.discard(process)

    def stop(self) -> None:
        """Kill every checking process, now and from now on: their callers return at once."""
        with self._lock:
            self.stopped = True
            running, self._running = list(self._running), set()
        for process in running:
            with contextlib.suppress(OSError, ValueError):
                process.kill()


def _child(conn: Connection, directory: str, upload: tuple[str, bytes] | None, memory_bytes: int) -> None:
    """In the checking process: limit memory, copy the folder with the upload in place, build, report."""
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit already: keep it
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        from bot.knowledge.loader import load_knowledge
        from bot.search.retriever import Retriever

        with tempfile.TemporaryDirectory(prefix="bot-buildcheck-") as tmp:
            folder = Path(directory)
            if upload is not None:
                copy = Path(tmp) / "knowledge"
                shutil.copytree(folder, copy, symlinks=True)
                target = copy / upload[0]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(upload[1])
                folder = copy
            retriever = Retriever(load_knowledge(folder))
            refused = [e for e in retriever.indexed.skipped if upload is not None and e.path == upload[0]]
            if refused:  # a start would skip this file: an upload of it is refused instead
                conn.send(("unindexable", refused[0]))
            else:
                conn.send(("ok", len(retriever.passages)))
    except MemoryError:
        _send(conn, ("memory", 0))
    except Exception as exc:  # reported to the moderator as one line
        _send(conn, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _send(conn: Connection, message: tuple[str, object]) -> None:
    """Report to the bot, unless it stopped listening (it is stopping): no traceback in its log then."""
    with contextlib.suppress(OSError):
        conn.send(message)


def check_build(
    directory: Path, budget: BuildBudget, upload: tuple[str, bytes] | None = None, *, name: str = "",
    checks: BuildChecks | None = None,
) -> LoadError | None:
    """None when ``directory`` (with ``upload`` = ``(relative path, bytes)`` put in place) indexes within
    ``budget``; else why not, as a ``path:1`` error naming the upload (or ``.`` for the folder). ``checks``: where
    the process is tracked, so that stopping them ends this call at once.

    Blocking (spawns a process, waits for it): call it from a worker thread.
    """
    where = name or (upload[0] if upload else ".")
    context = multiprocessing.get_context("spawn")  # no fork of a threaded process
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, str(directory), upload, budget.memory_mb * MB), name="bot-buildcheck",
        daemon=True,
    )
    started = time.monotonic()
    process.start()
    sender.close()
    if checks is not None:
        checks.started(process)
    try:
        if not receiver.poll(budget.seconds):
            return LoadError(where, 1, f"building the index took longer than {budget.seconds:g} s; the file was "
                             "not used (is there pasted data or a huge word in it?)")
        try:
            status, detail = receiver.recv()
        except EOFError:  # the process died before it could answer
            status, detail = "died", ""
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        if checks is not None:
            checks.finished(process)
    if checks is not None and checks.stopped:
        return LoadError(where, 1, "the bot stopped before the index was built; nothing was changed")
    if status == "died":
        status, detail = ("memory", "") if process.exitcode == -9 else ("error", f"exit code {process.exitcode}")
    if status == "ok":
        return None
    if status == "unindexable":
        return detail
    if status == "memory":
        return LoadError(where, 1, f"building the index needed more than {budget.memory_mb:,} MB; the file was "
                         "not used (is there pasted data or a huge word in it?)")
    elapsed = time.monotonic() - started
    return LoadError(where, 1, f"the index could not be built ({detail}; after {elapsed:.1f} s)")
