"""Parsed knowledge files kept between runs, so a restart with unchanged files does not parse them again.

Keyed by a digest of the file's path, bytes and sidecar bytes: any change parses the file again. The cache is
one file (beside the index cache): a header, a CRC-32 of the body, the body (key, length, pickled file, …).
The body is used only if its checksum matches, and each file only with an unpickler that rebuilds the project's
own types (``bot.*``), so a damaged or foreign cache is never executed nor trusted; it is ignored with one
log line and rewritten. Written to a temporary file and renamed.

The body is checked as it streams past, then each file is read from it when the load asks for it (``os.pread`` on
the descriptor opened for the check: the bot replaces the file by a rename, never in place, so what is read is what
was checked): the whole body is never held. It was (1.4 GB at 1,000,000 SciFact passages, beside the files' passages
unpickled from it and the index cache), which made a restart's peak 4.6 GB where the cold start's is 3.6 GB.

The served frame also names the parse each served file had (``files``: path -> key), so a served file broken
by an edit is served in that last good version (:meth:`ParsedFiles.last_good`) rather than switched off.

A restart need not even read a file the last load read: the served frame keeps each served file's metadata
(``stats``: device, inode, size, mode, and modification and change times in nanoseconds, taken before the file
was read) beside the key of its parse, and a file whose ``os.stat`` still says all of them is not read nor hashed.
Any write changes the change time, which no program can set back, and a file replaced has another inode. Only a
file last changed at least RACY_NS before the load that read it is noted (as git's racy-file rule): a file
written again within one tick of the file system's clock could keep its times, so it is read until it is older.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import pickle
import time
import weakref
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from bot.atomic import atomic_write
from bot.datadir import private_folder
from bot.knowledge.loader import Served
from bot.knowledge.parse import ParsedFile, parse_file
from bot.models import PassageBlock

log = logging.getLogger(__name__)

PARSED_CACHE_NAME = "knowledge-cache.bin"
_MAGIC = b"declaration-bot parsed files 7\n"  # 2: Japanese passage ids keep their dakuten; 3: related words;
# 4: SHA-256; 5: a CRC-32 of the body; 6: chat phrases' lines; 7: glossary descriptions
_DIGEST = 4  # CRC-32 of the body (against damage, as the index cache's: 2.3x SHA-256's speed on the 143 MB of a
# restart at 100,000 SciFact passages); a file's key is SHA-256 (the CPU's SHA instructions), cut to _KEY bytes


class _ProjectUnpickler(pickle.Unpickler):
    """Rebuilds only the project's types: anything else in the stream is refused."""

    def find_class(self, module: str, name: str) -> type:
        if module.startswith("bot."):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a project type")


_KEY = 16  # bytes of a file's key
RACY_NS = 3_000_000_000  # a file changed this close to the load that read it is not known by its metadata (FAT
# file systems keep times to 2 s, the kernel's clock ticks are milliseconds)
_SERVED = bytes(_KEY)  # the frame of which file served each id at the last load (JSON), not a file's key


_CHECK_BYTES = 16 << 20  # the body is checked this much at a time (see the module docstring)
WRITE_BYTES = 8 << 20  # and written about this much at a time (see ParsedFiles.save)


@dataclass(frozen=True, slots=True)
class _Stored:
    """Where one file's pickled parse lies in the cache file read: read from it only when used."""

    at: int
    size: int


def _frames(fd: int, start: int, end: int) -> dict[bytes, _Stored]:
    """``key (16 bytes) + length (8 bytes) + pickled ParsedFile``, repeated from ``start`` to ``end`` of the file
    open as ``fd``: where each frame's pickle lies (its headers read, not its bytes)."""
    saved: dict[bytes, _Stored] = {}
    at = start
    while at < end:
        head = os.pread(fd, _KEY + 8, at)
        size = int.from_bytes(head[_KEY:], "little")
        at += _KEY + 8
        if len(head) != _KEY + 8 or at + size > end:
            raise ValueError("layout")
        saved[head[:_KEY]] = _Stored(at, size)
        at += size
    return saved


def _checked(handle: BinaryIO) -> int:
    """The CRC-32 of the rest of ``handle``, read _CHECK_BYTES at a time (into one buffer: nothing is kept)."""
    digest, buffer = 0, bytearray(_CHECK_BYTES)
    view = memoryview(buffer)
    while n := handle.readinto(buffer):
        digest = zlib.crc32(view[:n], digest)
    return digest


def _metadata(info: os.stat_result) -> list[int]:
    """What tells a file changed without reading it (see the module docstring)."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mode, info.st_mtime_ns, info.st_ctime_ns]


def key_of(path: str, data: bytes, sidecar: tuple[str, bytes] | None) -> bytes:
    """The key of a file's parse: a digest of its path, its bytes and its sidecar's."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + len(data).to_bytes(8, "little"))
    digest.update(data)  # not concatenated first: a copy of the file
    if sidecar is not None:
        digest.update(b"\1" + sidecar[0].encode("utf-8", "surrogatepass") + b"\0" + sidecar[1])
    return digest.digest()[:_KEY]


def _written(handle: BinaryIO, parts: list[bytes], digest: int) -> int:
    """``parts`` written as one buffer (then cleared); the CRC-32 so far, with them."""
    data = b"".join(parts)
    parts.clear()
    handle.write(data)
    return zlib.crc32(data, digest)


def _unpickled(blob: bytes | memoryview) -> ParsedFile | None:
    """The parse pickled in ``blob`` (project types only), or None if it is damaged."""
    try:
        parsed = _ProjectUnpickler(io.BytesIO(blob)).load()
    except Exception:  # one damaged entry
        return None
    return parsed if isinstance(parsed, ParsedFile) else None


def cached_form(parsed: ParsedFile) -> tuple[ParsedFile, bytes]:
    """``parsed`` as it is served and kept (its passages as columns: a restart makes no passage), and pickled."""
    kept = replace(parsed, passages=PassageBlock.of(parsed.passages))
    return kept, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)


class ParsedFiles:
    """``parse`` as :func:`bot.knowledge.parse.parse_file`, answering from the cache for unchanged files."""

    def __init__(self, path: Path, racy_ns: int = RACY_NS) -> None:
        """``racy_ns``: how long before this load a file must have last changed to be noted (see the module)."""
        self.path = Path(path)
        self.racy_ns = racy_ns
        self._fd: int | None = None  # the cache file read (its frames are read from it when used)
        self._saved: dict[bytes, bytes | _Stored] = self._read()
        self._used: dict[bytes, bytes | _Stored] = {}
        self.offered: dict[bytes, bytes] = {}  # key -> a parse made ahead of this load (cached_form's pickle)
        self._keys: dict[str, bytes] = {}  # path -> key of the parse this load used
        self._owners_read: dict | None = None  # the served frame of _saved, once parsed
        self._started = time.time_ns()  # before any file is looked at: see note
        self._stats: dict[str, list] = {}  # path -> its metadata and the key of its parse, for the next load
        self._modified: dict[str, int] = {}  # path -> modification time (ns) of the version this load used
        self.hits = 0
        self.unread = 0  # files known by their metadata: not read this load

    def _read(self) -> dict[bytes, bytes | _Stored]:
        try:
            handle = self.path.open("rb", buffering=0)
        except FileNotFoundError:
            return {}
        except OSError as error:
            log.warning("knowledge cache %s cannot be read (%s); parsing every file", self.path, error.strerror)
            return {}
        fd = os.dup(handle.fileno())  # kept open for the frames (closed with this object), the check's handle not
        weakref.finalize(self, os.close, fd)
        try:
            with handle:
                head = handle.read(len(_MAGIC) + _DIGEST)
                if not head.startswith(_MAGIC) or _checked(handle).to_bytes(_DIGEST, "little") != head[len(_MAGIC) :]:
                    raise ValueError("digest")
                end = handle.tell()
            self._fd = fd
            saved: dict[bytes, bytes | _Stored] = {**_frames(fd, len(head), end)}
            if _SERVED in saved:  # small, and compared by its bytes with the next load's (see save)
                saved[_SERVED] = self._bytes(saved[_SERVED])
        except Exception as error:  # damaged or foreign: never trusted
            self._fd = None
            log.warning("knowledge cache %s is unreadable (%s); rebuilding it", self.path, type(error).__name__)
            return {}
        return saved

    def _bytes(self, blob: bytes | _Stored) -> bytes:
        """A frame's bytes: made by this load, or read from the cache file (a short read: it is damaged)."""
        if not isinstance(blob, _Stored):
            return blob
        assert self._fd is not None
        data = os.pread(self._fd, blob.size, blob.at)
        if len(data) != blob.size:
            raise ValueError("truncated")
        return data

    def _reuse(self, path: str, key: bytes) -> ParsedFile | None:
        """The saved parse under ``key``, now ``path``'s in this load; None if there is none or it is damaged."""
        blob = self._saved.get(key)
        if blob is None:
            return None
        try:
            parsed = _ProjectUnpickler(io.BytesIO(self._bytes(blob))).load()  # BytesIO shares the bytes read
        except Exception:  # one damaged entry: parsed again
            log.debug("parsed-files cache: the entry of %s is unreadable, parsed again", path, exc_info=True)
            return None
        if not isinstance(parsed, ParsedFile):
            return None
        self._used[key] = blob
        self._keys[path] = key
        return parsed

    def parse(self, path: str, data: bytes, sidecar: tuple[str, bytes] | None = None) -> ParsedFile:
        key = key_of(path, data, sidecar)
        parsed = self._reuse(path, key)
        if parsed is not None:
            self.hits += 1
            return parsed
        blob = self.offered.pop(key, None)  # parsed by a second process (bot.knowledge.parallel), as below
        parsed = _unpickled(blob) if blob is not None else None
        if parsed is not None:
            self._used[key] = blob
            self._keys[path] = key
            return parsed
        kept, self._used[key] = cached_form(parse_file(path, data, sidecar))  # FileProblem(s) propagate, and are
        self._keys[path] = key  # not cached
        return kept  # served as columns too, as after a restart: no Python object per passage held (1M: ~GB)

    def would_know(self, path: str, info: os.stat_result) -> bool:
        """Whether :meth:`known` may answer for ``path`` without reading it (its metadata is the one noted)."""
        stats = self._owners().get("stats")
        noted = stats.get(path) if isinstance(stats, dict) else None
        return isinstance(noted, list) and noted[:-1] == _metadata(info)

    def saved_keys(self) -> set[bytes]:
        """The keys of the parses the cache holds (a file of one of them is not parsed again)."""
        return set(self._saved)

    def known(self, path: str, info: os.stat_result) -> ParsedFile | None:
        """The parse of ``path`` if its metadata is what the last load noted (see the module docstring)."""
        stats = self._owners().get("stats")
        noted = stats.get(path) if isinstance(stats, dict) else None
        if not isinstance(noted, list) or noted[:-1] != _metadata(info) or not isinstance(noted[-1], str):
            return None
        try:
            key = bytes.fromhex(noted[-1])
        except ValueError:
            return None
        parsed = self._reuse(path, key)
        if parsed is not None:
            self._stats[path] = noted
            self._modified[path] = info.st_mtime_ns
            self.hits += 1
            self.unread += 1
        return parsed

    def note(self, path: str, info: os.stat_result) -> None:
        """``info`` (taken before the file was read) names the parse :meth:`parse` just made or found for ``path``,
        unless the file changed within RACY_NS of this load's start."""
        self._modified[path] = info.st_mtime_ns
        if max(info.st_mtime_ns, info.st_ctime_ns) + self.racy_ns < self._started:
            self._stats[path] = [*_metadata(info), self._keys[path].hex()]

    @property
    def sources(self) -> dict[str, str]:
        """path -> the key of the parse this load used for it, with the cache's version (what the parse depends on):
        the index cache keys each file's analysis by it rather than hashing the passages again."""
        version = _MAGIC.decode("ascii").strip()
        return {path: f"{version}:{key.hex()}" for path, key in self._keys.items()}

    def last_good(self, path: str) -> ParsedFile | None:
        """The parse ``path`` was served with at the last load (kept for the next one), or None."""
        try:
            key = bytes.fromhex(self._owners().get("files", {})[path])
        except KeyError:  # never served
            return None
        except Exception:  # a damaged frame: the broken file is not served in a last good version, and the log says why
            log.warning("parsed-files cache: the served files' frame is damaged: %s has no last good version", path,
                        exc_info=True)
            return None
        parsed = self._reuse(path, key)
        if parsed is not None and path in self.modified:
            self._modified[path] = self.modified[path]  # still that version's time
        return parsed

    @property
    def modified(self) -> dict[str, int]:
        """path -> modification time (ns) of the version the last load served (when it noted one)."""
        modified = self._owners().get("modified")
        return {p: t for p, t in modified.items() if isinstance(t, int)} if isinstance(modified, dict) else {}

    @property
    def directory(self) -> str | None:
        """The knowledge folder (resolved) the last load read, if it said."""
        directory = self._owners().get("directory")
        return directory if isinstance(directory, str) else None

    def served_parses(self) -> dict[str, ParsedFile]:
        """path -> the parse each file was served with at the last load (read only: for a comparison)."""
        parses = {}
        for path, key in dict(self._owners().get("files", {})).items():
            with contextlib.suppress(ValueError, TypeError):
                blob = self._saved.get(bytes.fromhex(key))
                if not isinstance(blob, _Stored):  # only what the file read holds
                    continue
                with contextlib.suppress(Exception):  # one damaged entry: that file is not compared
                    parsed = _ProjectUnpickler(io.BytesIO(self._bytes(blob))).load()
                    if isinstance(parsed, ParsedFile):
                        parses[path] = parsed
        return parses

    def key_of(self, path: str) -> str | None:
        """The key (hex) of the parse this load used for ``path``; :meth:`served_key` the last load's."""
        key = self._keys.get(path)
        return key.hex() if key is not None else None

    def served_key(self, path: str) -> str | None:
        key = dict(self._owners().get("files", {})).get(path)
        return key if isinstance(key, str) else None

    def _owners(self) -> dict:
        """The served frame: ``documents`` and ``glossary`` (id -> path), ``files`` (path -> key), ``stats`` (path
        -> metadata and key); read once."""
        if self._owners_read is None:
            try:
                owners = json.loads(self._bytes(self._saved.get(_SERVED, b"{}")))
            except (ValueError, OSError):
                owners = {}
            self._owners_read = owners if isinstance(owners, dict) else {}
        return self._owners_read

    @property
    def served(self) -> Served:
        """Which file served each document and glossary id at the last load: at start, with no running bot to
        ask, those files keep their ids, so editing a served file never hands its id to a forgotten copy."""
        try:
            owners = self._owners()
            return Served(dict(owners.get("documents", {})), dict(owners.get("glossary", {})))
        except (ValueError, TypeError, AttributeError):  # damaged: the older file keeps the id, as without it
            return Served()

    def remember(self, served: Served, files: Iterable[str] = (), directory: Path | None = None) -> None:
        """Keep ``served`` (this load's owners) and the parse of each served file in ``files`` for the next load,
        with the version's modification time and the folder read (``knowledge check`` and ``ask --no-log`` read
        them to say what the bot serves)."""
        files = list(files)
        kept = {path: self._keys[path].hex() for path in files if path in self._keys}
        stats = {path: self._stats[path] for path in files if path in self._stats and path in kept}
        modified = {path: self._modified[path] for path in files if path in self._modified and path in kept}
        owners = {"documents": served.documents, "glossary": served.glossary, "files": kept, "stats": stats,
                  "modified": modified}
        if directory is not None:
            owners["directory"] = os.path.realpath(directory)
        self._used[_SERVED] = json.dumps(owners, ensure_ascii=False, sort_keys=True).encode()

    def save(self) -> None:
        """Keep what the last load used (atomically); nothing is written when nothing changed."""
        if self._used == self._saved:
            return
        try:
            private_folder(self.path.parent)
            with atomic_write(self.path, ".knowledge-cache-") as handle:
                # WRITE_BYTES at a time: writing and hashing large buffers release the GIL (a reload in a worker
                # thread must not stall the event loop while one big pickle is built), and a save in a thread
                # beside a busy one waits for the GIL a few times per buffer, not per file (10,000 files at 1M)
                handle.write(_MAGIC + bytes(_DIGEST))
                digest = 0
                parts: list[bytes] = []
                size = 0
                for key, used in self._used.items():
                    blob = self._bytes(used)  # a frame of the file read: read again, one at a time
                    parts += (key + len(blob).to_bytes(8, "little"), blob)
                    size += len(blob)
                    if size >= WRITE_BYTES:
                        digest = _written(handle, parts, digest)
                        size = 0
                digest = _written(handle, parts, digest)
                handle.seek(len(_MAGIC))
                handle.write(digest.to_bytes(_DIGEST, "little"))
        except (OSError, ValueError) as error:  # ValueError: the file read was cut short since
            log.warning("knowledge cache %s cannot be written (%s)", self.path, getattr(error, "strerror", error))
        self._saved = self._used
        self._owners_read = None
