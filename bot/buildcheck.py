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
        conn.send(("memory", 0))
    except Exception as exc:  # reported to the moderator as one line
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def check_build(
    directory: Path, budget: BuildBudget, upload: tuple[str, bytes] | None = None, *, name: str = ""
) -> LoadError | None:
    """None when ``directory`` (with ``upload`` = ``(relative path, bytes)`` put in place) indexes within
    ``budget``; else why not, as a ``path:1`` error naming the upload (or ``.`` for the folder).

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
