"""The persistent index cache: a restart with unchanged knowledge files reads the index instead of rebuilding it.

One file beside the query log (``index-cache.bin``) holds the analysed passages (term ids per file), the surface
words they came from, and the BM25 postings, as numpy arrays; a second (``index-cache-segments.bin``) what only a
rebuild after a change needs (each file's surface words and their counts), so that a restart with nothing
changed reads a third less. The first has a manifest: the cache format, the analysis's
``ANALYZER_VERSION`` and a fingerprint of its source, the BM25 parameters, and for each knowledge file its path,
the key of what is indexed from it and the sizes of its pieces. On a build:

* every file unchanged (same paths, keys, order): the index is read back as saved;
* some files changed, added or removed: only those are analysed; the other files' term ids are kept, renumbered
  by first occurrence (rank-bm25's order, so scores stay equal) and the postings rebuilt;
* a cache that cannot be read, or that does not describe a consistent index, is rebuilt with one log line (the
  second file is read, and checked, only when a file changed: then one that does not match the first is a rebuild
  of every file, with one log line);
  one written for another analyzer or other parameters is simply not used.

A file's key is the parsed-files cache's key of the parse its passages came from (a digest of the file's path and
bytes, and of the parser's version: the knowledge loader hashes the files anyway), or, for passages loaded without
that cache, a digest of their indexed fields. The file is a header (JSON: the manifest and where each array
lies), then the arrays, and a CRC-32 of all of it is checked before anything is used (a damaged byte anywhere is
a rebuild). It is read into memory in one piece and the arrays are views of those bytes: a memory map would cost
no less (the CRC reads every page, and mapped pages count in the process's memory as read ones do), and another
program truncating the file in place would take its pages from under the running bot, which then dies of SIGBUS
at its next question. The bot never changes the file in place: it is written to a temporary file and renamed,
so a crash never leaves half a cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import secrets
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from bot.atomic import atomic_write
from bot.background import Background
from bot.children import usable_cores
from bot.datadir import private_folder
from bot.models import LANGUAGES, LoadError, Passage
from bot.search import analysis, indexing
from bot.search.bm25 import BM25Index, first_occurrence_ids
from bot.search.indexing import file_groups, joined_all, release_free_heap
from bot.search.parallel import ANALYSIS_PROCESSES, Failure, analyse_files
from bot.search.wordlists import words_file

log = logging.getLogger(__name__)

CACHE_FORMAT = 4  # bump when the layout of the cache file changes (2: SHA-256 keys; 3: one file of aligned arrays;
# 4: the corpus's word counts kept summed, each file's words in a second file)
CACHE_NAME = "index-cache.bin"
SOURCES_CACHE_NAME = "sources-index-cache.bin"  # the index holding the sections about each source (_sources_view)
_SEGMENTS_SUFFIX = "-segments"  # the second file: index-cache-segments.bin
_OLD_NAMES = ("index-cache.npz",)  # caches of older formats beside it: removed when it is written
_MAGIC = b"declaration-bot index cache\n"  # then the CRC-32 (4 bytes) and the header's length (8 bytes)
_ALIGN = 64  # each array starts at a multiple of this
SURFACE_WORDS_KEPT = 16384  # surface words whose index tokens are kept once read (SurfaceWords)
_SEGMENT_ARRAYS = ("tokens", "lengths", "pair_words", "pair_terms", "count_words", "counts")
_SECOND_ARRAYS = ("pair_words", "pair_terms", "count_words", "counts")  # kept in the second file
_BM25_ARRAYS = ("params", "doc_lengths", "df", "idf", "indptr", "doc_ids", "weights")  # BM25Index.arrays
_INDEX_ARRAYS = ("surface", "totals", *_BM25_ARRAYS)  # totals: occurrences of each surface word in the corpus

# What is indexed for one passage: (text, language, extra tokens)
Prepare = Callable[[Passage], tuple[str, str, Sequence[str]]]


class CacheError(Exception):
    """The cache file is unreadable or inconsistent."""


def cache_path_beside(db_path: Path) -> Path:
    """Where the index cache of a bot using the query log ``db_path`` lives."""
    return Path(db_path).parent / CACHE_NAME


def analyzer_fingerprint() -> str:
    """``ANALYZER_VERSION``, the stemmer's release and a hash of the analysis code and of the word lists it reads
    (a stop word added to bot/search/words/fr.yaml changes every passage's tokens): a forgotten version bump cannot
    serve stale tokens."""
    digest = hashlib.blake2b(digest_size=12)
    for module in (analysis, indexing, retriever_module()):
        digest.update(Path(module.__file__ or "").read_bytes())
    for language in LANGUAGES:
        digest.update(words_file(language).read_bytes())
    return f"{analysis.ANALYZER_VERSION}:{analysis.stemmer_version()}:{digest.hexdigest()}"


def retriever_module() -> object:
    """The retriever's module: it decides what text of a passage is indexed (imported late: it imports us)."""
    import bot.search.retriever as retriever

    return retriever


@dataclass(slots=True)
class IndexedCorpus:
    """What the retriever needs from indexing: the BM25 index and the surface words of the corpus."""

    index: BM25Index
    surface: Mapping[str, frozenset[str]]  # folded word -> index tokens made from it
    frequencies: dict[str, int]  # folded word -> occurrences
    files: int = 0
    reused_files: int = 0  # files whose analysis came from the cache
    analysed_files: int = 0
    skipped: list[LoadError] = field(default_factory=list)  # files whose analysis failed: not indexed
    saving: Background[None] | None = None  # the index cache's first file, still being written (see build_index)

    def wait_saved(self) -> None:
        """Return once the index cache is written (raising what its writing raised, as a write here would)."""
        if self.saving is not None:
            self.saving.wait()


@dataclass(slots=True)
class _Snapshot:
    manifest: dict
    terms: list[str]
    words: list[str]
    arrays: dict[str, np.ndarray]


def _blob(strings: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\x00".join(strings).encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _strings(blob: np.ndarray) -> list[str]:
    text = blob.tobytes().decode("utf-8", "surrogatepass")
    return text.split("\x00") if text else []


def _hash_file(path: str, passages: Sequence[Passage]) -> str:
    """A digest of everything indexed from one file's passages (what ``Prepare`` reads from them).

    SHA-256 (the CPU's SHA instructions: ~2.5x BLAKE2b's speed) of the file's text in one piece: a restart at
    100,000 passages hashes all of it."""
    text = "".join("\x1e".join((p.language, p.kind, p.heading, p.text, *p.questions)) + "\x1d" for p in passages)
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


class IndexCache:
    """Reads and writes the cache file at ``path`` (see the module docstring)."""

    def __init__(self, path: Path, sources: Mapping[str, str] | None = None) -> None:
        """``sources``: path -> the key of what the file's passages were parsed from (the parsed-files cache's), so
        that they are not hashed again; a file without one is keyed by a digest of its passages."""
        self.path = Path(path)
        self.segments_path = self.path.with_name(self.path.stem + _SEGMENTS_SUFFIX + self.path.suffix)
        self.sources = sources or {}
        self._ahead: _ReadAhead | None = None

    def read_ahead(self) -> None:
        """Start reading (and checking) the cache file in a thread: the read and the CRC release the GIL, so on a
        second core they overlap the knowledge files' load (a quarter of a second at 100,000 passages); ``load``
        waits for it. The bytes are those of the file when it was opened: checked as a read now's would be."""
        if self.path.exists():
            self._ahead = _ReadAhead(self.path)

    def file_key(self, path: str, passages: Callable[[], Sequence[Passage]]) -> str:
        """The key of a file's analysis: the key of its parse, else a digest of ``passages()`` (read only then)."""
        source = self.sources.get(path)
        return f"parsed:{source}" if source is not None else _hash_file(path, passages())

    def load(self, key: dict) -> _Snapshot | None:
        """The saved snapshot if it was written for ``key`` and is consistent; None otherwise (logged once)."""
        if not self.path.exists():
            return None
        try:
            snapshot = self._read()
        except Exception as error:  # any damage: never trusted, rebuilt
            log.warning("index cache %s is unreadable (%s); rebuilding it", self.path, type(error).__name__)
            return None
        if snapshot.manifest.get("key") != key:
            log.info("index cache %s was written for another analyzer or parameters; rebuilding it", self.path)
            return None
        return snapshot

    def segments(self, snapshot: _Snapshot) -> bool:
        """Read the second file into ``snapshot``; False (logged once) if it is unreadable or not the first's."""
        try:
            manifest, arrays = _read_file(self.segments_path)
            if manifest.get("generation") != snapshot.manifest.get("generation"):
                raise CacheError("not the index's")
            snapshot.arrays.update(arrays)
            _check(snapshot, segments=True)
        except Exception as error:  # any damage: never trusted, rebuilt
            log.warning("index cache %s is unreadable (%s); rebuilding it", self.segments_path, type(error).__name__)
            return False
        return True

    def _read(self) -> _Snapshot:
        ahead, self._ahead = self._ahead, None
        manifest, arrays = ahead.result() if ahead is not None else _read_file(self.path)
        snapshot = _Snapshot(manifest, _strings(arrays.pop("terms")), _strings(arrays.pop("words")), arrays)
        _check(snapshot)
        return snapshot

    def save(self, key: dict, files: list[list], terms: Sequence[str], words: Sequence[str],
             arrays: dict[str, np.ndarray]) -> None:
        """Write both files atomically (temporary files, then renames: the second first, each naming one random
        generation, so that a crash between leaves two files that do not match); a failure is logged and the bot
        goes on."""
        generation = self.save_segments({n: arrays[n] for n in _SECOND_ARRAYS if n in arrays})
        self.save_index(generation, key, files, terms, words, {n: a for n, a in arrays.items()
                                                               if n not in _SECOND_ARRAYS})

    def save_segments(self, arrays: dict[str, np.ndarray]) -> str | None:
        """Write the second file (each file's surface words and their counts) and return its generation, which
        :meth:`save_index` names; None if it could not be written. A build writes it first, then drops those
        arrays before the postings are made: they are not held beside them (0.9 GB at 1M passages)."""
        generation = secrets.token_hex(8)
        try:
            private_folder(self.path.parent)
            with atomic_write(self.segments_path, ".index-cache-") as handle:
                _write(handle, {"format": CACHE_FORMAT, "generation": generation},
                       {n: np.ascontiguousarray(a) for n, a in arrays.items()})
        except OSError as error:
            self._not_written(error)
            return None
        return generation

    def save_index(self, generation: str | None, key: dict, files: list[list], terms: Sequence[str],
                   words: Sequence[str], arrays: dict[str, np.ndarray]) -> None:
        """Write the first file, naming the second's ``generation`` (None: the second was not written, nor is this)."""
        if generation is None:
            return
        manifest = {"format": CACHE_FORMAT, "key": key, "files": files, "generation": generation}
        named = {"terms": _blob(terms), "words": _blob(words), **arrays}
        try:
            with atomic_write(self.path, ".index-cache-") as handle:
                _write(handle, manifest, {n: np.ascontiguousarray(a) for n, a in named.items()})
            for name in _OLD_NAMES:
                self.path.with_name(name).unlink(missing_ok=True)
        except OSError as error:
            self._not_written(error)

    def _not_written(self, error: OSError) -> None:
        log.warning("index cache %s cannot be written (%s); the next start rebuilds the index",
                    self.path, error.strerror or type(error).__name__)


class _ReadAhead:
    """``_read_file(path)`` run in a thread; ``result`` waits for it, then returns or raises what it did."""

    __slots__ = ("_outcome", "_thread")

    def __init__(self, path: Path) -> None:
        self._outcome: tuple[tuple[dict, dict[str, np.ndarray]] | None, Exception | None] = (None, None)
        self._thread = threading.Thread(target=self._run, args=(path,), name="index-cache-read", daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._outcome = (_read_file(path), None)
        except Exception as error:  # raised in the caller's thread, as a read there would
            self._outcome = (None, error)

    def result(self) -> tuple[dict, dict[str, np.ndarray]]:
        self._thread.join()
        read, error = self._outcome
        if error is not None:
            raise error
        assert read is not None
        return read


def _buffer(size: int) -> np.ndarray:
    """Room for a cache file's bytes, as numpy allocates it: in huge pages where the kernel has them, so that
    freeing a replaced index takes milliseconds (a 1 GB ``bytes`` took 0.2 s to give back, holding the GIL: the
    event loop stood still while a reload dropped the index it replaced)."""
    return np.empty(size, dtype=np.uint8)


def _read_file(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """A cache file's manifest and arrays (views of its bytes), its CRC-32 checked; raises on any damage."""
    with open(path, "rb") as handle:  # read, not mapped: see the module docstring
        data = _buffer(os.fstat(handle.fileno()).st_size)
        if handle.readinto(data) != len(data):
            raise CacheError("truncated")
    view = memoryview(data)
    start = len(_MAGIC) + 12
    if len(data) < start or view[: len(_MAGIC)] != _MAGIC:
        raise CacheError("not an index cache")
    if zlib.crc32(view[len(_MAGIC) + 4 :]) != int.from_bytes(view[len(_MAGIC) : len(_MAGIC) + 4], "little"):
        raise CacheError("checksum")
    size = int.from_bytes(view[len(_MAGIC) + 4 : start], "little")
    header = json.loads(bytes(view[start : start + size]).decode("utf-8"))
    arrays: dict[str, np.ndarray] = {}
    for name, (dtype, shape, offset) in header["arrays"].items():
        count = int(np.prod(shape, dtype=np.int64))
        if not start + size <= offset <= len(data) - count * np.dtype(dtype).itemsize:
            raise CacheError("layout")
        arrays[name] = np.frombuffer(data, dtype=np.dtype(dtype), count=count, offset=offset).reshape(shape)
    return header["manifest"], arrays


def _write(handle: BinaryIO, manifest: dict, arrays: dict[str, np.ndarray]) -> None:
    """The cache file: magic, CRC-32 of all that follows, the header's length, the header, the aligned arrays."""

    def aligned(at: int) -> int:
        return -(-at // _ALIGN) * _ALIGN

    start = len(_MAGIC) + 12
    table: dict[str, list] = {n: [a.dtype.str, list(a.shape), 0] for n, a in arrays.items()}
    size = len(json.dumps({"manifest": manifest, "arrays": table}).encode("utf-8")) + 24 * len(arrays) + 64
    at = aligned(start + size)  # offsets written in the header: room left for their digits
    for name, array in arrays.items():
        table[name][2] = at
        at = aligned(at + array.nbytes)
    header = json.dumps({"manifest": manifest, "arrays": table}).encode("utf-8")
    if len(header) > size:
        raise OSError("index cache header overflow")
    handle.write(_MAGIC + bytes(4))
    crc = 0

    def put(part: bytes | memoryview) -> None:
        nonlocal crc
        crc = zlib.crc32(part, crc)
        handle.write(part)

    put(len(header).to_bytes(8, "little") + header)
    written = start + len(header)
    for name, array in arrays.items():
        put(bytes(table[name][2] - written))
        put(memoryview(array.reshape(-1).view(np.uint8)))
        written = table[name][2] + array.nbytes
    put(bytes(aligned(written) - written))
    handle.seek(len(_MAGIC))
    handle.write(crc.to_bytes(4, "little"))


def _check(s: _Snapshot, segments: bool = False) -> None:
    """Raise CacheError unless the arrays describe one consistent index (sizes, id ranges); with ``segments``,
    the second file's arrays too."""
    a, files = s.arrays, s.manifest.get("files")
    if s.manifest.get("format") != CACHE_FORMAT or not isinstance(files, list):
        raise CacheError("format")
    needed = (*_SEGMENT_ARRAYS, *_INDEX_ARRAYS) if segments else (*_INDEX_ARRAYS, "tokens", "lengths")
    if any(n not in a for n in needed):
        raise CacheError("missing arrays")
    sizes = np.array([f[2:6] for f in files], dtype=np.int64).reshape(-1, 4).sum(axis=0)
    n_terms, n_words = len(s.terms), len(s.words)
    n_docs = a["lengths"].shape[0]
    checks = [
        sizes[0] == n_docs,
        sizes[1] == a["tokens"].shape[0] == int(a["lengths"].sum()),
        a["doc_lengths"].shape[0] == n_docs and np.array_equal(a["doc_lengths"], a["lengths"]),
        a["indptr"].shape[0] == n_terms + 1 and a["df"].shape[0] == a["idf"].shape[0],
        a["doc_ids"].shape == a["weights"].shape and int(a["indptr"][-1]) == a["doc_ids"].shape[0],
        a["params"].shape == (5,),
        a["totals"].shape == (n_words,),
    ]
    bounds = [("tokens", n_terms), ("doc_ids", max(n_docs, 1))]
    if segments:
        checks += [
            sizes[2] == a["pair_words"].shape[0] == a["pair_terms"].shape[0],
            sizes[3] == a["count_words"].shape[0] == a["counts"].shape[0],
        ]
        bounds = [("pair_terms", n_terms), ("pair_words", n_words), ("count_words", n_words)]
    if not all(bool(c) for c in checks):
        raise CacheError("sizes")
    for name, bound in bounds:
        arr = a[name]
        if arr.shape[0] and (int(arr.min()) < 0 or int(arr.max()) >= bound):
            raise CacheError(f"{name} out of range")
    surface = a["surface"]
    if surface.shape[0] and (int(surface.min()) < 0 or int(surface.max()) >= max(n_terms, 1) * max(n_words, 1)):
        raise CacheError("surface out of range")
    if a["indptr"].shape[0] and (np.diff(a["indptr"]) < 0).any():
        raise CacheError("indptr")


def _segments(snapshot: _Snapshot) -> dict[str, dict[str, np.ndarray]]:
    """The snapshot's per-file pieces, by file hash."""
    out: dict[str, dict[str, np.ndarray]] = {}
    offsets = np.zeros(4, dtype=np.int64)
    for _, digest, *sizes in snapshot.manifest["files"]:
        ends = offsets + np.array(sizes, dtype=np.int64)
        o, e = offsets.tolist(), ends.tolist()
        a = snapshot.arrays
        out[digest] = {
            "lengths": a["lengths"][o[0] : e[0]],
            "tokens": a["tokens"][o[1] : e[1]],
            "pair_words": a["pair_words"][o[2] : e[2]],
            "pair_terms": a["pair_terms"][o[2] : e[2]],
            "count_words": a["count_words"][o[3] : e[3]],
            "counts": a["counts"][o[3] : e[3]],
        }
        offsets = ends
    return out


PAIRS_CHUNK = 1 << 20  # (word, term) pairs keyed at a time: a corpus-sized int64 copy is never made (1M: ~0.8 GB)


def _surface_pairs(terms: Sequence[str], seg: dict[str, np.ndarray]) -> np.ndarray:
    """The distinct (word, term) pairs of all files, as ``word * n_terms + term`` keys, sorted."""
    n_terms = max(len(terms), 1)
    words, term_ids = seg["pair_words"], seg["pair_terms"]
    parts: list[np.ndarray] = []
    for at in range(0, words.shape[0], PAIRS_CHUNK):  # each chunk's distinct keys (few: files repeat words)
        keys = words[at : at + PAIRS_CHUNK].astype(np.int64)
        keys *= n_terms
        keys += term_ids[at : at + PAIRS_CHUNK]
        parts.append(_distinct(keys))
        if sum(part.shape[0] for part in parts) > PAIRS_CHUNK:  # held: the distinct keys so far, and a chunk's
            parts = [_distinct(np.concatenate(parts))]
    return _distinct(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """``keys`` sorted in place, each once (``np.unique`` hashes first in numpy 2: 25x slower on a chunk here)."""
    keys.sort()
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if keys.shape[0] else keys


def _word_totals(seg: dict[str, np.ndarray], n_words: int) -> np.ndarray:
    """Each word's occurrences summed over the files, a chunk at a time (``np.bincount`` makes float64 weights: a
    whole copy of the counts). The sums are of integers below 2**53: exact in any order."""
    totals = np.zeros(n_words, dtype=np.float64)
    words, counts = seg["count_words"], seg["counts"]
    for at in range(0, words.shape[0], PAIRS_CHUNK):
        totals += np.bincount(words[at : at + PAIRS_CHUNK], weights=counts[at : at + PAIRS_CHUNK], minlength=n_words)
    return totals.astype(np.int64)


class SurfaceWords(Mapping[str, frozenset[str]]):
    """``folded word -> index tokens made from it``, read from the sorted (word, term) pairs when asked."""

    __slots__ = ("_ids", "_keys", "_made", "_n_terms", "_terms", "_words")

    def __init__(self, terms: Sequence[str], words: Sequence[str], keys: np.ndarray) -> None:
        self._made: dict[str, frozenset[str]] = {}  # the words asked for lately (questions repeat words)
        self._n_terms = max(len(terms), 1)
        self._terms, self._keys = terms, keys  # keys: word * n_terms + term, sorted, so a word's pairs are a slice
        present = keys // self._n_terms  # sorted, as the keys are
        present = present[np.concatenate(([True], present[1:] != present[:-1]))] if present.shape[0] else present
        self._words = [words[w] for w in present.tolist()]
        self._ids = dict(zip(self._words, present.tolist(), strict=True))

    def __getitem__(self, word: str) -> frozenset[str]:
        made = self._made.get(word)
        if made is not None:
            return made
        wid = self._ids[word]
        lo = np.searchsorted(self._keys, wid * self._n_terms)
        hi = np.searchsorted(self._keys, (wid + 1) * self._n_terms)
        made = frozenset(self._terms[t] for t in (self._keys[lo:hi] % self._n_terms).tolist())
        if len(self._made) >= SURFACE_WORDS_KEPT:
            self._made = {}  # a fresh dict, not clear(): another thread may be reading the old one
        self._made[word] = made
        return made

    def get(self, word: str, default: frozenset[str] | None = None) -> frozenset[str] | None:  # type: ignore[override]
        """``self[word]``, or ``default`` for a word the corpus lacks (without raising and catching KeyError)."""
        return self[word] if word in self._ids else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return word in self._ids


def _surface(terms: Sequence[str], words: Sequence[str], totals: np.ndarray, keys: np.ndarray) -> tuple:
    """The surface words' index tokens and their occurrences (``totals``: per word id, summed over the files)."""
    used = np.flatnonzero(totals)
    frequencies = dict(zip([words[w] for w in used.tolist()], totals[used].astype(np.int64).tolist(), strict=True))
    return SurfaceWords(terms, words, keys), frequencies


UNINDEXABLE = "could not be indexed ({error}); the file is not served"


class _Files(Sequence[Sequence[Passage]]):
    """The passages of each file to analyse, made when a party takes that file (not all at once)."""

    def __init__(self, passages: Sequence[Passage], ranges: list[tuple[int, int]]) -> None:
        self._passages, self._ranges = passages, ranges

    def __len__(self) -> int:
        return len(self._ranges)

    def __getitem__(self, i: int) -> Sequence[Passage]:  # type: ignore[override]  # no slices
        start, end = self._ranges[i]
        return self._passages[start:end]

    def sizes(self) -> list[int]:
        return [end - start for start, end in self._ranges]


def _unindexable(passages: Sequence[Passage], failure: Failure) -> LoadError:
    """The ``path:line`` error of the passage whose analysis raised, logged with its traceback for maintainers.

    A start must not die on one file the analysis cannot handle: the caller drops that file and serves the rest.
    """
    current = passages[min(failure.at, len(passages) - 1)]
    log.error("knowledge file %s:%d skipped: indexing it raised %s\n%s", current.path, current.line, failure.error,
              failure.trace.rstrip())
    return LoadError(current.path, current.line, UNINDEXABLE.format(error=failure.error))


def build_index(
    passages: Sequence[Passage],
    prepare: Prepare,
    *,
    k1: float = 1.5,
    b: float = 0.75,
    cache: IndexCache | None = None,
    processes: int = ANALYSIS_PROCESSES,
    save_later: bool = False,
) -> IndexedCorpus:
    """Index ``passages`` (file by file, as the loader lists them), reusing what ``cache`` holds.

    A file whose analysis raises is left out of the index (``skipped``); the caller drops its passages.
    ``processes``: 2 shares a large analysis with a second process (``bot.search.parallel``) and builds the
    postings on two cores (threads), 1 keeps it all on one. ``save_later``: the cache's first file is written in a
    thread (the write and its CRC release the GIL: the caller's next steps run beside it), waited for by
    ``IndexedCorpus.wait_saved``; otherwise it is written when this returns.
    """
    key = {"analyzer": analyzer_fingerprint(), "k1": k1, "b": b, "epsilon": 0.25}
    groups = file_groups(passages)
    def key_of(path: str, start: int, end: int) -> str:
        files = functools.partial(passages.__getitem__, slice(start, end))  # made only to be hashed
        return cache.file_key(path, files) if cache is not None else _hash_file(path, files())

    hashes = [key_of(path, start, end) for path, start, end in groups]
    snapshot = cache.load(key) if cache is not None else None
    files_now = [[path, digest] for (path, _, _), digest in zip(groups, hashes, strict=True)]

    if snapshot is not None and [f[:2] for f in snapshot.manifest["files"]] == files_now:
        a = snapshot.arrays
        index = BM25Index.from_arrays({**{n: a[n] for n in _BM25_ARRAYS}, "tokens": a["tokens"]}, snapshot.terms)
        surface, frequencies = _surface(snapshot.terms, snapshot.words, a["totals"], a["surface"])
        return IndexedCorpus(index, surface, frequencies, len(groups), reused_files=len(groups))

    if snapshot is not None and (cache is None or not cache.segments(snapshot)):
        snapshot = None  # the second file is unreadable: every file is analysed
    saved = _segments(snapshot) if snapshot is not None else {}
    seeded = snapshot is not None  # the analyser starts from the snapshot's ids: some may be unused now
    new = [(start, end) for (_, start, end), (_, key) in zip(groups, files_now, strict=True) if key not in saved]
    analysed, terms, words = analyse_files(_Files(passages, new), prepare,
                                           snapshot.terms if snapshot is not None else (),
                                           snapshot.words if snapshot is not None else (), processes=processes)
    by_start = dict(zip([start for start, _ in new], analysed, strict=True))
    del analysed
    pieces: list[dict[str, np.ndarray]] = []
    indexed_files: list[list] = []
    skipped: list[LoadError] = []
    reused = 0
    for (_, start, end), file_now in zip(groups, files_now, strict=True):
        if file_now[1] in saved:
            pieces.append(saved[file_now[1]])
            reused += 1
        else:
            ft = by_start.pop(start)
            if isinstance(ft, Failure):
                skipped.append(_unindexable(passages[start:end], ft))
                continue
            pieces.append({n: getattr(ft, n) for n in _SEGMENT_ARRAYS})
        indexed_files.append(file_now)
    files = [[*f, *(int(p[n].shape[0]) for n in ("lengths", "tokens", "pair_words", "count_words"))]
             for f, p in zip(indexed_files, pieces, strict=True)]
    release_free_heap()  # the analysis's garbage, before the arrays are joined
    cores = min(processes, usable_cores())
    seg = joined_all(pieces, _SEGMENT_ARRAYS, cores)  # each file's piece dropped once copied: never two whole copies
    seg["counts"] = seg["counts"].astype(np.int64, copy=False)
    del pieces, saved, snapshot  # the per-file copies: gone before the postings (the analysers' memos are)
    if seeded or skipped:  # ids from an older or failed analysis: renumber, drop what is gone
        seg["tokens"], old_terms = first_occurrence_ids(seg["tokens"].astype(np.int32), len(terms))
        term_map = np.full(max(len(terms), 1), -1, dtype=np.int32)
        term_map[old_terms] = np.arange(old_terms.shape[0], dtype=np.int32)
        seg["pair_terms"] = term_map[seg["pair_terms"]]
        terms = [terms[t] for t in old_terms.tolist()]
        used_words = np.unique(np.concatenate([seg["pair_words"], seg["count_words"]]))
        word_map = np.full(max(len(words), 1), -1, dtype=np.int32)
        word_map[used_words] = np.arange(used_words.shape[0], dtype=np.int32)
        seg["pair_words"], seg["count_words"] = word_map[seg["pair_words"]], word_map[seg["count_words"]]
        words = [words[w] for w in used_words.tolist()]
    for name in ("tokens", "lengths", "pair_words", "pair_terms", "count_words"):
        seg[name] = seg[name].astype(np.int32, copy=False)
    release_free_heap()
    # the second file written while the surface words and their totals are read from the same arrays (the write and
    # its CRC release the GIL), then they are dropped: not held beside the postings
    segments = (Background(functools.partial(cache.save_segments, {n: seg[n] for n in _SECOND_ARRAYS}),
                           "index-cache-write")
                if cache is not None else None)
    pairs = _surface_pairs(terms, seg)
    totals = _word_totals(seg, len(words))
    generation = segments.wait() if segments is not None else None
    for n in _SECOND_ARRAYS:
        del seg[n]
    index = BM25Index.from_ids(seg["tokens"], seg["lengths"], terms, k1=k1, b=b, threads=cores)
    surface, frequencies = _surface(terms, words, totals, pairs)
    saving = None
    if cache is not None:
        arrays = {n: v for n, v in index.arrays().items() if n != "tokens"}
        save = functools.partial(cache.save_index, generation, key, files, terms, words,
                                 {**seg, **arrays, "surface": pairs, "totals": totals})
        if save_later:
            saving = Background(save, "index-cache-write")
        else:
            save()
    return IndexedCorpus(index, surface, frequencies, len(indexed_files), reused, len(indexed_files) - reused, skipped,
                         saving)


__all__ = ["CACHE_NAME", "IndexCache", "IndexedCorpus", "build_index", "cache_path_beside"]
