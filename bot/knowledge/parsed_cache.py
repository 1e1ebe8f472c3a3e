"""Parsed knowledge files kept between runs, so a restart with unchanged files does not parse them again.

Keyed by a digest of the file's path, bytes and sidecar bytes: any change parses the file again. The cache is
one file (beside the index cache): a header, a CRC-32 of the body, the body (key, length, pickled file, …).
The body is read only if its checksum matches, and each file only with an unpickler that rebuilds the project's
own types (``bot.*``), so a damaged or foreign cache is never executed nor trusted; it is ignored with one
log line and rewritten. Written to a temporary file and renamed.

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
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

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


def _frames(body: memoryview, offsets: dict[bytes, int], start: int) -> dict[bytes, memoryview]:
    """``key (16 bytes) + length (8 bytes) + pickled ParsedFile``, repeated (views of ``body``: not copied); each
    frame's offset in the file (``body`` starts at ``start``) into ``offsets``."""
    saved: dict[bytes, memoryview] = {}
    at = 0
    while at < len(body):
        key = bytes(body[at : at + _KEY])
        size = int.from_bytes(body[at + _KEY : at + _KEY + 8], "little")
        at += _KEY + 8
        if len(key) != _KEY or at + size > len(body):
            raise ValueError("layout")
        saved[key] = body[at : at + size]
        offsets[key] = start + at
        at += size
    return saved


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
        self._offsets: dict[bytes, int] = {}  # where each frame of the file read starts in it
        self._stream = io.BytesIO()  # that file (sharing its bytes): frames are unpickled in place
        self._saved: dict[bytes, bytes | memoryview] = self._read()
        self._used: dict[bytes, bytes | memoryview] = {}
        self.offered: dict[bytes, bytes] = {}  # key -> a parse made ahead of this load (cached_form's pickle)
        self._keys: dict[str, bytes] = {}  # path -> key of the parse this load used
        self._owners_read: dict | None = None  # the served frame of _saved, once parsed
        self._started = time.time_ns()  # before any file is looked at: see note
        self._stats: dict[str, list] = {}  # path -> its metadata and the key of its parse, for the next load
        self._modified: dict[str, int] = {}  # path -> modification time (ns) of the version this load used
        self.hits = 0
        self.unread = 0  # files known by their metadata: not read this load

    def _read(self) -> dict[bytes, memoryview]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            log.warning("knowledge cache %s cannot be read (%s); parsing every file", self.path, error.strerror)
            return {}
        body = memoryview(raw)[len(_MAGIC) + _DIGEST :]
        try:
            expected = raw[len(_MAGIC) : len(_MAGIC) + _DIGEST]
            if not raw.startswith(_MAGIC) or zlib.crc32(body).to_bytes(_DIGEST, "little") != expected:
                raise ValueError("digest")
            saved = _frames(body, self._offsets, len(_MAGIC) + _DIGEST)
        except Exception as error:  # damaged or foreign: never trusted
            self._offsets.clear()
            log.warning("knowledge cache %s is unreadable (%s); rebuilding it", self.path, type(error).__name__)
            return {}
        self._stream = io.BytesIO(raw)  # shares raw's bytes (a BytesIO of a view would copy each frame)
        return saved

    def _reuse(self, path: str, key: bytes) -> ParsedFile | None:
        """The saved parse under ``key``, now ``path``'s in this load; None if there is none or it is damaged."""
        blob = self._saved.get(key)
        if blob is None:
            return None
        at = self._offsets.get(key)
        if at is None:  # not from the file read (made by this load)
            parsed = _unpickled(blob)
        else:
            try:
                self._stream.seek(at)
                parsed = _ProjectUnpickler(self._stream).load()
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
                at = self._offsets.get(bytes.fromhex(key))
                if blob is None or at is None:
                    continue
                self._stream.seek(at)
                with contextlib.suppress(Exception):  # one damaged entry: that file is not compared
                    parsed = _ProjectUnpickler(self._stream).load()
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
                owners = json.loads(bytes(self._saved.get(_SERVED, b"{}")))
            except ValueError:
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
                # entry by entry: writing and hashing large buffers release the GIL (a reload in a worker
                # thread must not stall the event loop while one big pickle is built)
                handle.write(_MAGIC + bytes(_DIGEST))
                digest = 0
                for key, blob in self._used.items():
                    frame = key + len(blob).to_bytes(8, "little")
                    for part in (frame, blob):
                        digest = zlib.crc32(part, digest)
                        handle.write(part)
                handle.seek(len(_MAGIC))
                handle.write(digest.to_bytes(_DIGEST, "little"))
        except OSError as error:
            log.warning("knowledge cache %s cannot be written (%s)", self.path, error.strerror)
        self._saved = self._used
        self._owners_read = None
