"""The asynchronous entry point every front end uses to ask questions.

Retrieval is CPU work: it runs in one worker thread so the event loop (and the
Discord heartbeat) never waits for it. A reload builds a new ``Retriever`` in
another worker and swaps it in with one assignment; questions asked meanwhile
are answered by the previous index.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import time
from collections.abc import Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import overload

from bot.background import Background
from bot.buildcheck import BuildBudget, BuildChecks, check_build
from bot.conversation import Conversations, searched_alone
from bot.i18n import DEFAULT_LANGUAGE, plural, t
from bot.knowledge.loader import Served, load_directory, load_knowledge, shrinkage
from bot.knowledge.parallel import SharedParse
from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles
from bot.knowledge.served import load_as_served, served_since
from bot.knowledge.state import FolderState, folder_state
from bot.models import Answer, AnswerKind, KnowledgeBase, LoadError, Passage, Passages
from bot.questions import clean_question
from bot.search.analysis import detect_language
from bot.search.cache import IndexCache
from bot.search.frequency import FREQUENCIES_NAME, WordFrequencies
from bot.search.indexing import release_free_heap
from bot.search.retriever import Retriever
from bot.search.several import split_questions

log = logging.getLogger(__name__)

FILES_FREED_AT_ONCE = 64  # a retired index's files freed between two chances for the event loop to run (~2 ms)
SERVING_GC_THRESHOLD = (50_000, 10, 10)
"""The cyclic collector's thresholds once an index is built (``gc.set_threshold``; Python's first generation is 700
container objects). A question's first readings fill memos of containers (term and sentence sets, prepared texts, the
spelling tables made at first need), and each survivor of a young collection is walked again by the middle and full
ones: at 700, the 200 questions of the 100k SciFact product bench start ~186 young and 16 middle collections (1–2.5 ms
each, in 8 % of the questions) and one full one (11–13 ms), ~52 ms in all; at 50,000, two young ones (~22 ms). Their
thread CPU, base and this alternated (session 36, five pairs): p95 5.66–5.80 → 5.20–5.29 ms, p50 2.54–2.57 → 2.40–2.45
ms, all 659–670 → 626–639 ms; the same peak memory and answers. Garbage in reference cycles waits longer to be freed
(a young collection of ~10 ms every ~50,000 containers kept); what is in no cycle is freed at its last reference."""


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: ``swapped`` is False when nothing loaded and the previous index stays.

    ``dropped`` names what was served before and is smaller now (``lemoci-en: 15 passages before, 0 now``).
    ``kept``: files with errors still served in their last good version.
    """

    swapped: bool
    documents: int
    passages: int
    errors: list[LoadError] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[LoadError] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def log_problems(kb: KnowledgeBase) -> None:
    """Log the load's errors, then one line per file served in its last good version (English, as all logs)."""
    for error in kb.errors:
        log.warning("knowledge file refused: %s", error)
    for path in kb.kept:
        log.warning("knowledge file kept: %s", t("kb.kept_file", "en", path=path))


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a knowledge base is built; then what was built is frozen and the
    collector on again (if it was on), its first generation raised to SERVING_GC_THRESHOLD's: this process serves
    questions from what it built (the bot, ``ask``, the benches measure the same).

    Off: a build makes hundreds of thousands of objects that live on (100,000 passages and their fields): each 700
    allocations started a collection, and the older generations' ones walked everything built so far (~15 % of a
    restart at 100k). Frozen (``gc.freeze``): the collections after a build walked the whole new index, holding the
    GIL (0.15 s of the event loop each at 100,000 passages, after every start and reload; 10x at 1M). What is frozen
    is still freed when its last reference goes (a retired index holds no reference cycle: see ``Retriever``); the
    cyclic garbage present when a build starts is collected first, cheaply (frozen objects are not walked), so that
    little is frozen with the index: what other threads leave in cycles during the build."""
    paused = gc.isenabled()
    if paused:
        gc.collect()
    gc.disable()
    try:
        yield
    except BaseException:
        if paused:
            gc.enable()
        raise
    if paused:
        gc.freeze()
        gc.set_threshold(*SERVING_GC_THRESHOLD)
        gc.enable()


def build_retriever(
    directory: Path,
    cache_path: Path | None = None,
    served: Served | None = None,
    frequencies: WordFrequencies | None = None,
) -> Retriever:
    """Load ``directory`` and index it, reusing the index cache at ``cache_path`` for unchanged files
    (CPU and disk work: call it off the event loop). ``served``: the files the running bot serves keep
    their ids against newcomers (see ``loader``). ``frequencies``: the word lists already loaded (a reload
    reuses them rather than unpacking them again while holding the GIL)."""
    with collection_paused():
        retriever = _build_retriever(directory, cache_path, served, frequencies)
    # the build's garbage handed back (~50 MB of free C heap at 100,000 passages): the questions are answered in
    # another thread, whose memos and temporaries grow its own heap rather than reuse this one's free pages
    release_free_heap()
    return retriever


def _build_retriever(
    directory: Path, cache_path: Path | None, served: Served | None, frequencies: WordFrequencies | None
) -> Retriever:
    if cache_path is None:
        return Retriever(load_knowledge(Path(directory), served), frequencies=frequencies)
    index_cache = IndexCache(cache_path)
    index_cache.read_ahead()  # read and checked on another core while the knowledge files load
    # the word lists unpacked while the files load: on the core the load's two processes share, and their peak
    # (~120 MB) beside the load's, not the build's end, which is the start's peak
    words = (Background(functools.partial(WordFrequencies, Path(cache_path).with_name(FREQUENCIES_NAME)),
                        "word-frequencies") if frequencies is None else None)
    parsed = ParsedFiles(Path(cache_path).with_name(PARSED_CACHE_NAME))  # unchanged files are not parsed again,
    # nor read when their metadata says so; at start, the last load's owners keep their ids; a served file broken
    # since keeps its last good parse
    loader = load_directory(Path(directory), served or parsed.served, parsed.parse, parsed.last_good, parsed,
                            SharedParse(parsed))  # a cold start's files parsed on two cores
    kb = loader.kb
    served_since(parsed, kb)
    parsed.remember(Served.of(kb), loader.added, Path(directory))
    # written (and synced to disk) while the index is built: its writes, CRC and fsync release the GIL
    saving = Background(parsed.save, "knowledge-cache-write")
    index_cache.sources = parsed.sources  # each file's analysis is keyed by its parse: the passages are not hashed
    del parsed, loader  # its pickled files are as large as the corpus (the loader holds its methods): freed once
    # written, early in the analysis
    try:
        return Retriever(kb, cache=index_cache, frequencies=frequencies or (words.wait() if words else None))
    finally:
        saving.wait()


def rebuild(directory: Path, cache_path: Path | None, before: Retriever) -> tuple[Retriever | None, ReloadResult]:
    """A reload's work, off the event loop: build the new index, log the load's problems, and say what it lost of
    what ``before`` served (reading every passage's document: 1.5 s at 100,000 passages, 15–35 s at 1M, when it ran
    on the loop). The retriever is None when nothing loaded (the previous index stays)."""
    retriever = build_retriever(directory, cache_path, Served.of(before.kb), before.frequencies)
    kb = retriever.kb
    log_problems(kb)
    if not kb.passages:
        log.warning("reload of %s loaded no passage; keeping the previous index", directory)
        return None, ReloadResult(
            False, len(kb.documents), 0, list(kb.errors), warnings=list(kb.warnings), kept=list(kb.kept)
        )
    dropped = shrinkage(before.kb, kb)
    for line in dropped:
        log.warning("reload lost what was served: %s", line)
    return retriever, ReloadResult(
        True, len(kb.documents), len(kb.passages), list(kb.errors), dropped, list(kb.warnings), list(kb.kept)
    )


def retire(retired: list[Retriever]) -> None:
    """Drop a replaced index, in a worker, its files' passages a few files at a time: freeing is done holding the
    GIL, and their columns at once held it 78 ms at 300,000 passages (every file's at once would be the longest
    stall of a reload at 1M). If a question still reads the index, the search thread frees what is left after it."""
    retriever = retired.pop()
    passages = retriever.passages
    files = list(passages.chunks) if isinstance(passages, Passages) else [passages]
    del retriever, passages
    while files:
        del files[-FILES_FREED_AT_ONCE:]


_PARTS_PLACE = "parts"  # the one place of the conversation a message's questions make


def answer_parts(
    retriever: Retriever, question: str, parts: list[str], language: str | None, leave_out: frozenset[str]
) -> Answer | None:
    """A message of several questions answered one by one (bot.search.several): a later question leans on the one
    before as a follow-up does ("and who runs it?" after "What is JETRO" is read with JETRO, bot.conversation).
    Each answer keeps its first source (its quotes), numbered across the reply (a source two of them quote: one
    number); None when no part is answered, or when one passage answers them all (the message is then answered
    whole, as before: its first question at least, when it finds nothing whole)."""
    started = time.perf_counter()
    conversation = Conversations()
    answers: list[Answer] = []
    numbers: dict[tuple[str, str], int] = {}  # one number a source across the reply (as bot.search.selection)
    for part in parts:
        understood, lang = conversation.understand(_PARTS_PLACE, part, language, retriever)
        answer = retriever.answer(understood, lang or language, leave_out=leave_out)
        conversation.remember(_PARTS_PLACE, part, understood, answer)
        citations = [replace(c, n=numbers.setdefault((c.doc_id, c.source), len(numbers) + 1))
                     for c in answer.citations if c.n == 1]  # its own source
        answers.append(replace(answer, question=part, citations=citations, suggestions=[]))
    if not any(a.answered for a in answers):
        return None
    if all(a.answered for a in answers) and len({a.citations[0].passage_id for a in answers}) == 1:
        return None  # "Who signed for France and who for Japan?": one passage answers both, quoted once
    first = next(a for a in answers if a.answered)
    missing = next((a for a in answers if not a.answered), None)
    return Answer(
        question=question, language=language or first.language, answered=True,
        citations=[c for a in answers for c in a.citations],
        latency_ms=(time.perf_counter() - started) * 1000,
        reason=missing.reason if missing is not None else "", kind=AnswerKind.ANSWER, summary=first.summary,
        parts=answers,
    )


class Assistant:
    """Holds the current index; answers and reloads without blocking the event loop."""

    def __init__(self, retriever: Retriever, knowledge_dir: Path, cache_path: Path | None = None) -> None:
        self._retriever = retriever
        self.knowledge_dir = Path(knowledge_dir)
        self.cache_path = cache_path
        self.built_at = datetime.now(UTC)
        self._search_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="retrieval")
        self._reload_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reload")
        self._reload_lock = asyncio.Lock()
        self.read_state: FolderState | None = None  # the knowledge folder as the last reload read it
        self.build_budget: BuildBudget | None = None  # set: each reload is first built in a budgeted process
        self.build_checks = BuildChecks()  # those processes, killed by close()

    @classmethod
    def from_directory(cls, knowledge_dir: Path, cache_path: Path | None = None) -> Assistant:
        """Load and index ``knowledge_dir``; with ``cache_path``, the index survives restarts (bot.search.cache)."""
        return cls(build_retriever(knowledge_dir, cache_path), knowledge_dir, cache_path)

    @classmethod
    def as_served(cls, knowledge_dir: Path, data_folder: Path) -> Assistant:
        """``knowledge_dir`` as the bot whose query log is in ``data_folder`` serves it (a broken file it served
        in its last good version), from its knowledge cache, which is read and never written: ``ask --no-log``."""
        with collection_paused():
            retriever = Retriever(load_as_served(Path(knowledge_dir), Path(data_folder)).kb)
        return cls(retriever, knowledge_dir)

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._retriever.kb

    @property
    def retriever(self) -> Retriever:
        return self._retriever

    async def ask(self, question: str, language: str | None = None) -> Answer:
        """Clean ``question`` and answer it; raises ``QuestionError`` for unusable input.

        ``language`` forces the question's language; otherwise it is read here, once (English when the
        message does not tell: a bare name such as "Kono").
        """
        text = clean_question(question)
        return await self.answer(text, language or self.read_language(text) or DEFAULT_LANGUAGE)

    def read_language(self, text: str) -> str | None:
        """The language a message tells by itself: its function words, else its chat phrases ("merci" is
        French, "lol" tells nothing); None for a bare name ("Muto Yoji"), which must not pick a language."""
        languages = self._retriever.lexicon.clean(text).languages
        return detect_language(text) or (next(iter(languages)) if len(languages) == 1 else None)

    async def answer(self, question: str, language: str | None, leave_out: frozenset[str] = frozenset()) -> Answer:
        """Answer an already cleaned question in the worker thread, in the language decided by the caller.

        Front ends that clean and read the question themselves (Discord needs the language for its own
        replies before retrieval) call this, so neither step runs twice. ``leave_out``: passage ids not to
        quote again ("who else?" after an answer).
        """
        loop = asyncio.get_running_loop()
        find = functools.partial(self._answer_now, question, language, leave_out)
        return await loop.run_in_executor(self._search_pool, find)

    async def answer_follow_up(
        self, searched: str, typed: str, language: str | None, leave_out: frozenset[str] = frozenset()
    ) -> tuple[Answer, str | None]:
        """Answer a message as its conversation reads it (``searched``: a follow-up with the previous subject), or,
        when that finds nothing, as the member ``typed`` it, if that is answered: "who else signed?" after "what did
        he do at Station F?" asks who signed, which the evening's subject hides. The second value: what the message
        was searched as on its own (its "else" left out, conversation.searched_alone), None when it was not."""
        answer = await self.answer(searched, language, leave_out)
        alone = searched_alone(typed)
        if answer.answered or answer.small_talk or searched == alone:
            return answer, None
        on_its_own = await self.answer(alone, language, leave_out)
        return (on_its_own, alone) if on_its_own.answered else (answer, None)

    def _answer_now(self, question: str, language: str | None, leave_out: frozenset[str]) -> Answer:
        """In the search thread: the index is read there, so the event loop never holds one a reload retired (it
        would free it, a corpus-sized teardown, on the loop)."""
        retriever = self._retriever
        parts = split_questions(question, language or DEFAULT_LANGUAGE)
        if len(parts) > 1:
            answered = answer_parts(retriever, question, parts, language, leave_out)
            if answered is not None:
                return answered
        return retriever.answer(question, language, leave_out=leave_out)

    async def understand(
        self, conversations: Conversations, place: Hashable, question: str, language: str | None
    ) -> tuple[str, str | None]:
        """``question`` as it will be answered in its conversation, and its language (``Conversations.understand``),
        read in the worker thread: it parses the question as retrieval does (MeCab, spelling) and may look up the
        subject's translation, work that held the event loop for every follow-up; and it reads the index a reload
        may be swapping, as answers do."""
        loop = asyncio.get_running_loop()
        read = functools.partial(self._understand_now, conversations, place, question, language)
        return await loop.run_in_executor(self._search_pool, read)

    def _understand_now(
        self, conversations: Conversations, place: Hashable, question: str, language: str | None
    ) -> tuple[str, str | None]:
        return conversations.understand(place, question, language, self._retriever)

    async def passage(self, passage_id: str) -> Passage | None:
        """The served passage ``passage_id`` (None when a reload removed it), looked up in the worker thread (its
        table of ids is built there, once per index)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._search_pool, self._passage_now, passage_id)

    def _passage_now(self, passage_id: str) -> Passage | None:
        retriever = self._retriever
        i = retriever.kb.passage_index(passage_id)
        return None if i is None else retriever.passages[i]

    @property
    def reloading(self) -> bool:
        """A reload is running: another one waits for it to end (never two builds at once)."""
        return self._reload_lock.locked()

    @overload
    async def reload(self) -> ReloadResult: ...

    @overload
    async def reload(self, unless_read: FolderState) -> ReloadResult | None: ...

    async def reload(self, unless_read: FolderState | None = None) -> ReloadResult | None:
        """Rebuild the index from ``knowledge_dir`` off the loop; keep the old one if nothing loads. With
        ``unless_read``, None when the last reload already read the folder in that state (the watcher after /kb add:
        two full rebuilds of one change)."""
        async with self._reload_lock:
            loop = asyncio.get_running_loop()
            state = await loop.run_in_executor(self._reload_pool, folder_state, self.knowledge_dir)
            if unless_read is not None and unless_read == self.read_state:
                return None
            result = await self._reload(loop)
            self.read_state = state  # as it was before the build: a file changed meanwhile is a change still to read
            return result

    async def _reload(self, loop: asyncio.AbstractEventLoop) -> ReloadResult:
        """The reload itself (the caller holds the reload lock). Nothing here reads the corpus on the event loop:
        the build, the comparison with what was served, and the old index's teardown run in the reload worker."""
        if self.build_budget is not None:  # a folder that cannot be indexed in budget never reaches this process
            check = functools.partial(check_build, checks=self.build_checks)
            problem = await loop.run_in_executor(self._reload_pool, check, self.knowledge_dir, self.build_budget)
            if problem is not None:
                log.warning("reload of %s refused: %s", self.knowledge_dir, problem)
                return ReloadResult(False, len(self._retriever.kb.documents), 0, [problem])
        retriever, result = await loop.run_in_executor(
            self._reload_pool, rebuild, self.knowledge_dir, self.cache_path, self._retriever
        )
        if retriever is not None:
            retired = [self._retriever]
            self._retriever = retriever
            self.built_at = datetime.now(UTC)
            log.info("index reloaded: %d documents, %d passages, %s",
                     result.documents, result.passages, plural("count.errors", len(result.errors), "en"))
            # its last reference, dropped off the loop; not awaited: the reload is done once the new index serves
            with contextlib.suppress(RuntimeError):  # closed meanwhile (the bot is stopping): dropped here
                self._reload_pool.submit(retire, retired)
        return result

    def close(self) -> None:
        self.build_checks.stop()  # a reload or upload being checked ends now: exiting does not wait for it
        self._search_pool.shutdown(wait=False, cancel_futures=True)
        self._reload_pool.shutdown(wait=False, cancel_futures=True)
