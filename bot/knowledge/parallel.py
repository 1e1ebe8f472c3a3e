"""A cold start's parsing shared with a second process: the files are parsed on two cores, the load unchanged.

Parsing the knowledge files is a third of a cold start's CPU (8.5 s of 32 s at 100,000 SciFact passages) and ran on
one core before the index analysis shares its work (``bot.search.parallel``). Here a second process (``python -m
bot.knowledge.parallel``, ``bot.children.start_module``) parses the files from the last one backwards while the load
goes on from the first one forwards; where they meet, the load waits for the file the second process is on, and
then finds the rest parsed. The second process reads each file itself and sends back its key (a digest of its path
and bytes, as the parsed-files cache keys a parse) with the parse as that cache keeps it (pickled columns); the load
still reads every file, in its order, and takes an offered parse only under the key of the bytes it read
(``ParsedFiles.parse``). A file changed between the two reads, one the second process could not read or parse
(problems are reported where the load parses it again), and every file it had not sent when it failed, is parsed
by the load itself: what the load serves, reports and caches is what one process gives.

Used only when enough bytes are to be parsed to pay for starting a process (files the cache knows by their metadata
are not), on two cores, and never from a daemonic process (a reload's budgeted check).
"""

from __future__ import annotations

import contextlib
import logging
import threading

from bot.children import Pipe, end_second_process, parent_pipe, second_process_allowed, start_module
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import Planned
from bot.knowledge.parse import parse_file
from bot.knowledge.parsed_cache import ParsedFiles, cached_form, key_of

log = logging.getLogger(__name__)

MIN_BYTES = 8_000_000  # fewer bytes to parse: one process (~0.5 s of parsing; starting the second costs ~0.3 s)
CHUNK_BYTES = 1_000_000  # bytes of files the second process parses at a time (~0.1 s: the longest wait)
STOP_SECONDS = 5.0  # for the second process to exit once told its work is over, then it is killed

Job = tuple[str, str, tuple[str, str] | None]  # (path, file on disk, its sidecar's (path, file on disk))


def _read(file: str) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_FILE_BYTES else None


def parse_job(job: Job, skip: set[bytes]) -> tuple[bytes, bytes] | None:
    """In the second process: ``(key, pickled parse)`` of one file, or None when it is unreadable, has problems,
    or its parse is one of ``skip`` (the cache has it): the load then deals with it as it would alone."""
    path, file, sidecar_job = job
    data = _read(file)
    sidecar = None
    if sidecar_job is not None:
        sidecar_data = _read(sidecar_job[1])
        if sidecar_data is None:
            return None
        sidecar = (sidecar_job[0], sidecar_data)
    if data is None:
        return None
    key = key_of(path, data, sidecar)
    if key in skip:
        return None
    try:
        return key, cached_form(parse_file(path, data, sidecar))[1]
    except Exception:  # problems, or a parser's bug: said (or raised) where the load parses it
        return None


def _serve(conn: Pipe) -> None:
    """In the second process: the keys to skip, then each chunk of jobs parsed, until None (or the pipe closes)."""
    with contextlib.suppress(EOFError, OSError, KeyboardInterrupt):
        skip = conn.recv()
        conn.send("ready")
        while (chunk := conn.recv()) is not None:
            conn.send([parse_job(job, skip) for job in chunk])


def main() -> None:
    """``python -m bot.knowledge.parallel``: the second process, talking over its standard input and output."""
    _serve(parent_pipe())


class SharedParse:
    """The ``Ahead`` of a load (``bot.knowledge.loader``): its files parsed by a second process, from the last."""

    def __init__(self, parsed: ParsedFiles, min_bytes: int = MIN_BYTES, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._parsed = parsed
        self._min_bytes, self._chunk_bytes = min_bytes, chunk_bytes
        self._chunks: list[list[Job]] = []
        self._chunk_of: dict[int, int] = {}  # a file's index in the load -> its chunk
        self._lock = threading.Lock()
        self._front = 0  # chunks before this one are the load's
        self._back = 0  # chunks from this one on are the second process's
        self._thread: threading.Thread | None = None
        self.sent = 0  # files the second process parsed and sent

    def start(self, files: list[Planned | None]) -> None:
        """Plan chunks of the files to parse (not those the cache knows by their metadata) and, if they are enough
        bytes, start the second process in a thread."""
        jobs: list[tuple[int, Job, int]] = []
        for i, planned in enumerate(files):
            if planned is None:
                continue
            try:
                info = planned.file.stat()
            except OSError:
                continue  # the load says why
            if planned.known and self._parsed.would_know(planned.path, info):
                continue
            sidecar = (planned.sidecar[0], str(planned.sidecar[1])) if planned.sidecar is not None else None
            jobs.append((i, (planned.path, str(planned.file), sidecar), info.st_size))
        if sum(size for _, _, size in jobs) < self._min_bytes or not second_process_allowed():
            return
        size = self._chunk_bytes
        for i, job, file_bytes in jobs:
            if size >= self._chunk_bytes:
                self._chunks.append([])
                size = 0
            self._chunks[-1].append(job)
            self._chunk_of[i] = len(self._chunks) - 1
            size += file_bytes
        self._back = len(self._chunks)
        self._thread = threading.Thread(target=self._run, args=(self._parsed.saved_keys(),), name="parse-helper",
                                        daemon=True)
        self._thread.start()

    def reach(self, i: int) -> None:
        """The load is about to read file ``i``: its chunk is the load's now, unless the second process has it; then
        wait for that process to be done (it parses backwards: the chunk it is on is this one)."""
        chunk = self._chunk_of.get(i)
        if chunk is None or chunk < self._front:
            return
        with self._lock:
            if chunk < self._back:
                self._front = chunk + 1
                return
        self.close()

    def close(self) -> None:
        """No chunk is handed out any more; the second process's last one is waited for."""
        with self._lock:
            self._back = max(self._back, self._front)
            self._front = len(self._chunks)
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            log.info("knowledge files: %d parsed by a second process", self.sent)

    def _take(self) -> int | None:
        with self._lock:
            if self._back <= self._front:
                return None
            self._back -= 1
            return self._back

    def _run(self, skip: set[bytes]) -> None:
        """In a thread: start the second process, hand it chunks from the last, offer what it sends back."""
        try:
            process, conn = start_module(__name__)
        except Exception as error:  # no second process here (limits, a sandbox): the load parses every file
            log.warning("knowledge files parsed in one process: the second did not start (%s)", error)
            return
        try:
            conn.send(skip)
            conn.recv()  # it is ready: a chunk handed to it before would wait for its imports
            while (chunk := self._take()) is not None:
                conn.send(self._chunks[chunk])
                for result in conn.recv():
                    if result is not None:
                        key, blob = result
                        self._parsed.offered[key] = blob
                        self.sent += 1
        except Exception as error:  # it died, or its answer could not be read: the load parses what it held
            log.warning("the second parsing process stopped (%s); its files are parsed in this one",
                        type(error).__name__)
        finally:
            end_second_process(process, conn, STOP_SECONDS)


if __name__ == "__main__":  # run as a script, this module is __main__: the classes sent back must be the package's
    from bot.knowledge.parallel import main as serve

    serve()
