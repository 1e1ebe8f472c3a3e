"""A cold start's analysis shared with a second process: the files are analysed on two cores, the index unchanged.

Analysing passages into term ids is most of a cold start (70 % at 100,000 SciFact passages), and it is pure Python
over a growing memo, so threads cannot share it: a new interpreter started for the build (``python -m
bot.search.parallel``: no fork of a threaded process, and not multiprocessing's spawn, which imports the caller's
main script again) takes chunks of files while this one analyses others, each party in file order with its own
:class:`PassageAnalyzer`. The results are merged in file order, each party's ids mapped to the ids one analyser
would have given: a term (or surface word) gets the next id at the first file, in file order, that holds it, in
that file's order of first use; the party that analysed that file met it there first too (it saw only earlier
files), so a party's new terms at each file, in its order, hold the build's new ones in the same order. Tokens,
pairs and counts are then the one-process build's, byte for byte (``tests/search/test_parallel.py``).

Used only when enough passages are to be analysed to pay for starting a process, on two cores, and never from a
daemonic process (the budgeted check of a reload, held to one process's memory). bm25s builds on one core: a start
that uses two is not the same contest (``bench --product --one-core``). Should the process fail to start or die, the
chunks it held are analysed here with a fresh analyser (again in file order): the same index, later.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import subprocess
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from bot.children import Pipe, end_second_process, parent_pipe, second_process_allowed, start_module
from bot.models import Passage
from bot.search.indexing import TRIM_BYTES, FileTokens, PassageAnalyzer, _Ints, release_free_heap

log = logging.getLogger(__name__)

ANALYSIS_PROCESSES = 2  # the default: this process and one more, when the machine has two cores for them
MIN_PASSAGES = 10_000  # fewer to analyse: one process (starting the second costs ~0.5 s of a core)
HELPER_STOP_SECONDS = 5.0  # for the second process to exit once told its work is over, then it is killed
CHUNK_PASSAGES = 2_000  # passages handed to either party at a time (a fraction of a second of analysis)

Prepared = tuple[str, str, Sequence[str]]  # what is indexed for one passage: (text, language, extra tokens)
Prepare = Callable[[Passage], Prepared]


@dataclass(frozen=True, slots=True)
class Failure:
    """A file whose analysis raised at its passage ``at`` (those before it were analysed, as one analyser would)."""

    at: int
    error: str  # the exception's type name
    trace: str  # its traceback, for the maintainers' log


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file through one party's analyser: its tokens in that party's ids (None if it failed), and the terms and
    surface words the party met first in this file, in its order."""

    tokens: FileTokens | None
    new_terms: list[str]
    new_words: list[str]
    failure: Failure | None = None


class _PrepareFailed(Exception):
    """Preparing a passage raised where the passages were prepared: the file stops there, as in one process."""


def analyse_prepared(analyzer: PassageAnalyzer, prepared: Sequence[Prepared], failure: Failure | None) -> FileResult:
    """One file's ``prepared`` passages through ``analyzer``; ``failure``: preparing the next passage raised."""
    terms, words = len(analyzer.terms), len(analyzer.words)
    at = 0

    def feed() -> Iterator[Prepared]:
        nonlocal at
        for at, passage in enumerate(prepared):  # noqa: B007  # ``at``: where an exception leaves the file
            yield passage
        if failure is not None:
            at = failure.at
            raise _PrepareFailed

    tokens: FileTokens | None = None
    try:
        tokens = analyzer.analyse(feed())
    except _PrepareFailed:
        pass
    except Exception as error:  # a file the analysis cannot handle is left out, never a crash
        failure = Failure(at, type(error).__name__, traceback.format_exc())
    return FileResult(tokens, analyzer.terms[terms:], analyzer.words[words:], failure)


def analyse_file(analyzer: PassageAnalyzer, prepare: Prepare, passages: Sequence[Passage]) -> FileResult:
    """One file's passages, prepared and analysed here (what one process does for every file)."""
    prepared, failure = prepare_file(prepare, passages)
    return analyse_prepared(analyzer, prepared, failure)


def prepare_file(prepare: Prepare, passages: Sequence[Passage]) -> tuple[list[Prepared], Failure | None]:
    """What is indexed for each passage, up to one whose preparation raises (then where, and why)."""
    prepared: list[Prepared] = []
    for passage in passages:
        try:
            prepared.append(prepare(passage))
        except Exception as error:  # as its analysis raising: the file is left out
            return prepared, Failure(len(prepared), type(error).__name__, traceback.format_exc())
    return prepared, None


# -- the second process ---------------------------------------------------------------------------------------


def _serve(conn: Pipe) -> None:
    """In the second process: analyse each chunk of files received, in order, until None (or the pipe closes)."""
    analyzer = PassageAnalyzer()
    with contextlib.suppress(EOFError, OSError, KeyboardInterrupt):
        while (chunk := conn.recv()) is not None:
            conn.send([analyse_prepared(analyzer, prepared, failure) for prepared, failure in chunk])


def main() -> None:
    """``python -m bot.search.parallel``: the second process, talking over its standard input and output."""
    _serve(parent_pipe())


def _chunks(sizes: Sequence[int]) -> list[range]:
    """Consecutive files, about CHUNK_PASSAGES passages a chunk."""
    chunks, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= CHUNK_PASSAGES:
            chunks.append(range(start, i + 1))
            start, total = i + 1, 0
    if start < len(sizes):
        chunks.append(range(start, len(sizes)))
    return chunks


class _Claims:
    """The next chunk not yet taken, for either party (each takes them in file order)."""

    def __init__(self, n: int) -> None:
        self._next, self._n, self._lock = 0, n, threading.Lock()

    def take(self) -> int | None:
        with self._lock:
            if self._next >= self._n:
                return None
            self._next += 1
            return self._next - 1


def _helper(files: Sequence[Sequence[Passage]], prepare: Prepare, chunks: list[range], claims: _Claims,
            results: list[FileResult | None], party: list[int]) -> None:
    """In a thread: start the second process and hand it chunks, each prepared and sent while it analyses the one
    before (it never waits for this process's share of the GIL); a second thread keeps what it sends back. A chunk
    it did not finish is left to the caller (``results`` None). The process: a new interpreter running this module
    (``bot.children.start_module``)."""
    try:
        process, conn = start_module(__name__)
    except Exception as error:  # no second process here (limits, a sandbox, no interpreter): this one does it all
        log.warning("index analysis stays in one process: the second did not start (%s)", error)
        return
    sent: queue.SimpleQueue[int | None] = queue.SimpleQueue()  # the chunks sent, in order; None: no more
    errors: list[BaseException] = []
    receiver = threading.Thread(target=_receive, args=(process, conn, chunks, sent, results, party, errors),
                                name="index-analysis-results", daemon=True)
    receiver.start()
    try:
        while not errors and (c := claims.take()) is not None:
            conn.send([prepare_file(prepare, files[i]) for i in chunks[c]])  # waits while it holds the one before
            sent.put(c)
    except Exception as error:  # it died (its pipe is closed): the caller analyses what it held
        errors.append(error)
    finally:
        sent.put(None)
        receiver.join()
        if errors:
            log.warning("the second index analysis process stopped (%s); its files are analysed in this one",
                        type(errors[0]).__name__)
        end_second_process(process, conn, HELPER_STOP_SECONDS)


def _receive(process: subprocess.Popen[bytes], conn: Pipe, chunks: list[range], sent: queue.SimpleQueue[int | None],
             results: list[FileResult | None], party: list[int], errors: list[BaseException]) -> None:
    """In a thread: each chunk's results, in the order sent, kept where the caller finds them (the party first: a
    result is read as soon as it is there). On a failure the process is killed, so a send waiting on it ends."""
    try:
        while (c := sent.get()) is not None:
            done = conn.recv()
            for i, result in zip(chunks[c], done, strict=True):
                party[i] = 1
                results[i] = result
    except Exception as error:  # it died, or its answer could not be read
        errors.append(error)
        with contextlib.suppress(OSError):
            process.kill()


def analyse_files(files: Sequence[Sequence[Passage]], prepare: Prepare, terms: Sequence[str] = (),
                  words: Sequence[str] = (), *, processes: int = 2) -> tuple[list[FileTokens | Failure], list[str],
                                                                             list[str]]:
    """Each file's tokens (or where and why its analysis raised), and the terms and surface words, in
    the ids one analyser starting from ``terms`` and ``words`` gives them; shared with a second process when
    ``processes`` > 1 and there are MIN_PASSAGES passages or more."""
    sizes = files.sizes() if hasattr(files, "sizes") else [len(f) for f in files]
    n = len(files)
    results: list[FileResult | None] = [None] * n
    party = [0] * n  # which analyser each file went through: 0 this process, 1 the second, 2 a stand-in
    if processes > 1 and sum(sizes) >= MIN_PASSAGES and second_process_allowed():
        chunks = _chunks(sizes)
        claims = _Claims(len(chunks))
        helper = threading.Thread(target=_helper, args=(files, prepare, chunks, claims, results, party),
                                  name="index-analysis-helper", daemon=True)
        helper.start()
        analyzer = PassageAnalyzer()
        merge = _Merge(results, party, terms, words)
        while (c := claims.take()) is not None:
            for i in chunks[c]:
                results[i] = analyse_file(analyzer, prepare, files[i])
            merge.ready()  # while the second process analyses: not left for one core at the end
            release_free_heap()  # each file's temporaries, freed between the results kept: not held to the end
        helper.join()
        merge.ready()
        stand_in = PassageAnalyzer()  # the files a failed second process held, in file order (those merged: done)
        for i in range(merge.merged, n):
            if results[i] is None:
                party[i] = 2
                results[i] = analyse_file(stand_in, prepare, files[i])
        merge.ready()
        log.info("index analysis: %d files in this process, %d in a second one, %d left by it", party.count(0),
                 party.count(1), party.count(2))
        return merge.out, merge.terms, merge.words
    analyzer = PassageAnalyzer(terms, words)
    out: list[FileTokens | Failure] = []
    kept = 0
    for passages in files:
        result = analyse_file(analyzer, prepare, passages)
        out.append(result.failure or result.tokens)
        kept += len(passages)
        if kept >= CHUNK_PASSAGES:
            release_free_heap()
            kept = 0
    return out, analyzer.terms, analyzer.words


class _Ids:
    """One party's ids → the build's, grown file by file in file order."""

    def __init__(self) -> None:
        self.terms, self.words = _Ints(), _Ints()


class _Merge:
    """Each file's result in the build's ids, merged in file order as the results come in (see the module
    docstring): those of a file and every one before it, while the analysis goes on."""

    def __init__(self, results: list[FileResult | None], party: list[int], terms: Sequence[str],
                 words: Sequence[str]) -> None:
        self._results, self._party = results, party
        self.terms, self.words = list(terms), list(words)
        self._term_ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        self._word_ids = dict(zip(self.words, range(len(self.words)), strict=True))
        self._ids = [_Ids(), _Ids(), _Ids()]
        self.out: list[FileTokens | Failure] = []
        self._dropped = 0

    @property
    def merged(self) -> int:
        """The files merged: the first ones."""
        return len(self.out)

    def ready(self) -> None:
        """Merge the files whose results are in, from the next one up to the first that is not (a party is set
        before its result: see ``_receive``)."""
        results = self._results
        while len(self.out) < len(results) and (result := results[len(self.out)]) is not None:
            i = len(self.out)
            results[i] = None  # each file's tokens in one set of ids at a time, never two copies
            own = self._ids[self._party[i]]
            own.terms.extend([_id(self._term_ids, self.terms, t) for t in result.new_terms])
            own.words.extend([_id(self._word_ids, self.words, w) for w in result.new_words])
            self.out.append(result.failure or _mapped(result.tokens, own.terms.view(), own.words.view()))
            self._dropped += result.tokens.tokens.nbytes if result.tokens is not None else 0
            if self._dropped >= TRIM_BYTES:  # the replaced arrays lie in the C heap between the mapped ones
                release_free_heap()
                self._dropped = 0


def _id(ids: dict[str, int], names: list[str], name: str) -> int:
    known = ids.get(name)
    if known is None:
        known = ids[name] = len(names)
        names.append(name)
    return known


def _mapped(ft: FileTokens, terms: np.ndarray, words: np.ndarray) -> FileTokens:
    """``ft`` in the build's ids: pairs and word counts sorted again by their new ids, as an analyser sorts them."""
    pairs = np.sort(words[ft.pair_words].astype(np.int64) << 32 | terms[ft.pair_terms].astype(np.int64))
    count_words = words[ft.count_words]
    order = np.argsort(count_words, kind="stable")
    return FileTokens(
        tokens=terms[ft.tokens].astype(np.int32),
        lengths=ft.lengths,
        pair_words=(pairs >> 32).astype(np.int32),
        pair_terms=(pairs & 0xFFFFFFFF).astype(np.int32),
        count_words=count_words[order].astype(np.int32),
        counts=ft.counts[order],
    )


if __name__ == "__main__":  # run as a script, this module is __main__: the classes sent back must be the package's
    from bot.search.parallel import main as serve

    serve()
