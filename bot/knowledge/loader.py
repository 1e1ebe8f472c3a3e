"""Load a knowledge directory into a :class:`KnowledgeBase`: walk it, read each file, refuse duplicate ids.

Nothing here raises for a bad file: each problem becomes a :class:`LoadError` (``path:line: message``,
worded for moderators), the file is skipped, and every other file still loads. Links that lead outside
the folder, oversized and unreadable files are refused; one file is parsed by :mod:`bot.knowledge.parse`.

When two files claim one id, the one already served keeps it (``Served``: what the running bot had, or at
start what the last load served, kept in the knowledge cache),
then the older file, then the first path: a newcomer never switches off a served document or glossary.

A file served at the last load that now has problems keeps its last good parse (``LastGood``, from the same
cache), reported with its problems and listed in ``kb.kept``: a bad edit never switches off a good file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Protocol

from bot.knowledge.files import MAX_FILE_BYTES, too_big
from bot.knowledge.parse import KNOWLEDGE_SUFFIXES, SIDECAR_SUFFIX, ParsedFile, parse_file, sidecar_name, suffix_list
from bot.knowledge.problems import Claim, FileProblem, FileProblems, IdKind, all_problems
from bot.models import KnowledgeBase, LoadError, Passage, Passages, column

TRASH_DIR = "_trash"  # where /kb remove puts files (ignored like every "_" name)
UNREADABLE_FIX = ": ask whoever runs the server to make it readable by the bot (for example chmod 644)"  # (trial 10 L3)
BACKUP_SUFFIXES = ("~", ".bak", ".backup", ".orig", ".swp", ".swo", ".tmp", ".old")  # editors' copies: a warning

Parse = Callable[[str, bytes, tuple[str, bytes] | None], ParsedFile]  # parse_file's signature
LastGood = Callable[[str], ParsedFile | None]  # a path's parse served at the last load, if any


def _missing_target(link: Path) -> str:
    """Why a link leads nowhere: a loop of links (``a.md`` → ``b.md`` → ``a.md``) or a file that does not exist."""
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "this link leads back to itself (a loop of links); point it at a real file or remove it"
    return "this is a link to a file that does not exist"


class Unchanged(Protocol):
    """A cache that knows a file by its metadata (``ParsedFiles``): the parse of a file whose ``os.stat`` is the
    one it noted (not read again), and what to note once a file was read and parsed."""

    def known(self, path: str, info: os.stat_result) -> ParsedFile | None: ...

    def note(self, path: str, info: os.stat_result) -> None: ...


@dataclass(frozen=True, slots=True)
class Planned:
    """A file a load will read and may parse: where it is, and its sidecar's (``NAME.meta.yaml``) if it has one."""

    path: str  # relative to the knowledge folder (POSIX), as the parse is given it
    file: Path
    sidecar: tuple[str, Path] | None
    known: bool  # a cache may know it by its metadata (``Unchanged``): it is not read if unchanged


class Ahead(Protocol):
    """Parses a load's files ahead of it, elsewhere (``bot.knowledge.parallel``): told which files the load will
    read, in order (None: one it must not parse), then, before it reads each, its index; then that the load is over
    (even if it raised). The parses it makes are only offered to the load's parse, which checks they are of the
    bytes it read (a cache's key)."""

    def start(self, files: list[Planned | None]) -> None: ...

    def reach(self, i: int) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Served:
    """Which file serves each document id and glossary id now (from the running bot's knowledge base)."""

    documents: dict[str, str] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Served:
        return cls({d.id: d.path for d in kb.documents}, {g.id: g.path for g in kb.glossary if g.path})

    def owns(self, path: str, parsed: ParsedFile) -> bool:
        """True if ``path`` serves one of the ids ``parsed`` holds."""
        doc = parsed.document
        if doc is not None and self.documents.get(doc.id) == path:
            return True
        return any(self.glossary.get(entry.id) == path for entry in parsed.glossary)


@dataclass(slots=True)
class Candidate:
    """A file that parsed, waiting for the id check (``mtime`` orders newcomers: older files win)."""

    path: str
    parsed: ParsedFile
    mtime: float


def is_ignored(name: str) -> bool:
    """Files and folders the loader skips: ``_drafts``, hidden ``.files``, ``README.md``."""
    return name.startswith(("_", ".")) or name.lower() == "readme.md"


def _reason(exc: OSError) -> str:
    """The system's reason in lower case, as the loader's other messages ("permission denied")."""
    text = str(exc.strerror or exc)
    return text[:1].lower() + text[1:]


def read_file(path: Path) -> bytes:
    """Read a regular file of at most MAX_FILE_BYTES, or raise ``FileProblem``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(1, "this is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise too_big(info.st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        fix = UNREADABLE_FIX if exc.errno in (errno.EACCES, errno.EPERM) else ""
        raise FileProblem(1, f"the file cannot be read ({_reason(exc)}){fix}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise too_big(len(data))
    return data


@dataclass(slots=True)
class Loader:
    """Accumulates one load: the knowledge base plus who owns each id."""

    real_root: str
    kb: KnowledgeBase
    served: Served = field(default_factory=Served)
    doc_paths: dict[str, str] = field(default_factory=dict)
    glossary_paths: dict[str, str] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    refused: list[tuple[str, tuple[Claim, ...]]] = field(default_factory=list)  # refused files and their ids
    parse: Parse = parse_file  # or a cache's parse
    last_good: LastGood | None = None  # a cache's memory of the last load (None: a bad file is skipped)
    unchanged: Unchanged | None = None  # a cache that skips reading the files it knows by their metadata
    fallbacks: set[str] = field(default_factory=set)  # broken files whose candidate is their last good parse
    added: list[str] = field(default_factory=list)  # the files served by this load
    ahead: Ahead | None = None  # parses the files ahead of this load, on another core
    pending: list[tuple[Path, str, set[str]]] = field(default_factory=list)  # files the walk found, to load

    def error(self, path: str, line: int, message: str) -> None:
        self.kb.errors.append(LoadError(path, line, message))

    def problems(self, path: str, error: FileProblem | FileProblems, warnings: bool = False) -> None:
        target = self.kb.warnings if warnings else self.kb.errors
        for problem in all_problems(error):
            target.append(LoadError(problem.path or path, problem.line, problem.message))

    def outside(self, path: Path) -> bool:
        """True if ``path`` (a link) leads outside the knowledge dir."""
        target = os.path.realpath(path)
        return os.path.commonpath([target, self.real_root]) != self.real_root

    def walk(self, directory: Path, rel: PurePosixPath) -> None:
        real = os.path.realpath(directory)
        if real in self.visited:
            return
        self.visited.add(real)
        try:
            entries = sorted(directory.iterdir(), key=lambda p: p.name)
        except OSError as exc:  # worded as an unreadable file is (read_file)
            self.error(rel.as_posix() or ".", 0, f"the folder cannot be read ({_reason(exc)})")
            return
        names = {entry.name for entry in entries}
        for entry in entries:
            if not is_ignored(entry.name):
                self.visit(entry, rel / entry.name, names)

    def visit(self, entry: Path, rel: PurePosixPath, names: set[str]) -> None:
        path = rel.as_posix()
        if entry.is_symlink():
            if self.outside(entry):
                self.error(path, 1, "this is a link to something outside the knowledge folder; it was not read")
                return
            if not entry.exists():
                self.error(path, 1, _missing_target(entry))
                return
        if entry.is_dir():
            if entry.name.lower().endswith(KNOWLEDGE_SUFFIXES):
                self.error(path, 1, "this is a folder but its name ends like a file name; rename it (it was not read)")
            else:
                self.walk(entry, rel)
            return
        lower = entry.name.lower()
        if lower.endswith(SIDECAR_SUFFIX):
            stem = entry.name[: -len(SIDECAR_SUFFIX)]
            txt = stem + ".txt"
            if not any(name[:-4] == stem and name.lower().endswith(".txt") for name in names):  # NAME.TXT too
                self.error(path, 1, f"this metadata file has no {txt} beside it "
                                    f"(NAME.meta.yaml describes NAME.txt; with /kb add, add {txt} next)")
            return
        if lower.endswith(BACKUP_SUFFIXES):  # an editor's copy beside the file: harmless, not an error (trial 10 L5)
            self.kb.warnings.append(LoadError(path, 0, "an editor's backup copy, not read (delete it when you no "
                                                       "longer need it)"))
            return
        if not lower.endswith(KNOWLEDGE_SUFFIXES):
            self.error(path, 1, f"not a knowledge file (the name must end in {suffix_list()}); it was ignored")
            return
        self.pending.append((entry, path, names))  # loaded after the walk (load_pending), in this order

    def load_pending(self) -> None:
        """Load the files the walk found, in its order; ``ahead`` parses them ahead of this loop if it can."""
        pending, self.pending = self.pending, []
        if self.ahead is None:
            for entry, path, names in pending:
                self.load_file(entry, path, names)
            return
        self.ahead.start([self.planned(entry, path, names) for entry, path, names in pending])
        try:
            for i, (entry, path, names) in enumerate(pending):
                self.ahead.reach(i)
                self.load_file(entry, path, names)
        finally:
            self.ahead.close()

    def planned(self, entry: Path, path: str, names: set[str]) -> Planned | None:
        """What ``load_file`` will read for ``entry``: None if its sidecar is a link (read only once checked)."""
        name = sidecar_name(path)
        if name not in names:
            return Planned(path, entry, None, True)
        if not path.lower().endswith(".txt"):
            return Planned(path, entry, None, False)
        sidecar = entry.with_name(name)
        if sidecar.is_symlink():
            return None
        return Planned(path, entry, (PurePosixPath(path).with_name(name).as_posix(), sidecar), False)

    def load_file(self, entry: Path, path: str, names: set[str]) -> None:
        try:
            info: os.stat_result | None = entry.stat()  # before the file is read: see ParsedFiles.note
        except OSError:
            info = None  # read_file says why
        cached = self.unchanged if sidecar_name(path) not in names else None  # a file with a sidecar is read
        parsed = cached.known(path, info) if cached is not None and info is not None else None
        if parsed is None:
            try:
                sidecar = self.read_sidecar(entry, path) if sidecar_name(path) in names else None
                parsed = self.parse(path, read_file(entry), sidecar)
                if cached is not None and info is not None:
                    cached.note(path, info)
            except (FileProblem, FileProblems) as problem:
                self.problems(path, problem)
                if isinstance(problem, FileProblems) and problem.claims:
                    self.refused.append((path, problem.claims))
                parsed = self.last_good(path) if self.last_good is not None else None
                if parsed is None:
                    return
                self.fallbacks.add(path)
        self.candidates.append(Candidate(path, parsed, info.st_mtime if info is not None else 0.0))

    def settle(self) -> None:
        """Give each id to its first claimant (served, then oldest, then path); refuse the later ones.

        The files that keep their ids are added in folder order, so the knowledge base reads as the folder does.
        """
        order = sorted(self.candidates, key=lambda c: (not self.served.owns(c.path, c.parsed), c.mtime, c.path))
        kept = {c.path for c in order if self.claim(c.path, c.parsed)}
        for candidate in self.candidates:
            if candidate.path in kept:
                self.add(candidate.path, candidate.parsed)
                for warning in candidate.parsed.warnings:
                    self.problems(candidate.path, warning, warnings=True)
        for path, line, message in repeated_questions([(c.path, c.parsed) for c in order if c.path in kept]):
            self.kb.warnings.append(LoadError(path, line, message))
        self.candidates.clear()

    def read_sidecar(self, entry: Path, path: str) -> tuple[str, bytes] | None:
        """``(path, bytes)`` of the ``NAME.meta.yaml`` beside a ``NAME.txt`` (None for other files)."""
        if not path.lower().endswith(".txt"):
            return None
        name = sidecar_name(path)
        sidecar = entry.with_name(name)
        if self.outside(sidecar):
            raise FileProblem(1, f"its metadata file {name} links outside the knowledge folder; the file was not read")
        sidecar_path = PurePosixPath(path).with_name(name).as_posix()
        try:
            return sidecar_path, read_file(sidecar)
        except FileProblem as problem:
            problem.path = sidecar_path
            raise

    def claim(self, path: str, parsed: ParsedFile) -> bool:
        """Take the file's ids unless one is already taken by another file (then it is refused: False)."""
        doc = parsed.document
        refused = False
        if doc is not None and doc.id in self.doc_paths:
            self.error(parsed.id_path or path, parsed.id_line, _taken(IdKind.DOCUMENT, doc.id, self.doc_paths[doc.id]))
            refused = True
        for entry, line in zip(parsed.glossary, parsed.glossary_lines, strict=True):
            if entry.id in self.glossary_paths:
                self.error(path, line, _taken(IdKind.GLOSSARY, entry.id, self.glossary_paths[entry.id]))
                refused = True
        if refused:
            return False
        if doc is not None:
            self.doc_paths[doc.id] = path
        for entry in parsed.glossary:
            self.glossary_paths[entry.id] = path
        return True

    def clashes_of_refused(self) -> None:
        """The ids of files refused for other problems that a served file holds: said now, with those problems,
        rather than only once they are fixed."""
        for path, claims in self.refused:
            for claim in claims:
                owners = self.doc_paths if claim.kind is IdKind.DOCUMENT else self.glossary_paths
                first = owners.get(claim.id)
                if first is not None and first != path:
                    self.error(path, claim.line, _taken(claim.kind, claim.id, first))
        self.refused.clear()

    def add(self, path: str, parsed: ParsedFile) -> None:
        self.added.append(path)
        if path in self.fallbacks:
            self.kb.kept.append(path)
        if parsed.document is not None:
            self.kb.documents.append(parsed.document)
            self.kb.passages.extend(parsed.passages)
        self.kb.glossary.extend(replace(entry, path=path) for entry in parsed.glossary)
        self.kb.chat.extend(replace(phrases, path=path) for phrases in parsed.chat)
        self.kb.related.extend(parsed.related)


def question_key(question: str) -> str:
    """A FAQ question as a repeat of it is recognised: case, accents of Latin letters, spaces and punctuation
    folded ("Qui a signé ?" = "qui a signe?"); kana keep their voicing marks."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", question):
        if unicodedata.combining(char) and out and ord(out[-1]) < LATIN_END:
            continue
        out.append(char)
    return " ".join(_KEY_WORD.findall(unicodedata.normalize("NFC", "".join(out)).casefold()))


LATIN_END = 0x250  # accents are dropped from letters below this (Latin); kana keep theirs (が is not か)
_KEY_WORD = re.compile(r"\w+")


def repeated_questions(files: list[tuple[str, ParsedFile]]) -> list[tuple[str, int, str]]:
    """``(path, line, warning)`` for each FAQ question asked again: in the same entry, or in an entry met before
    (``files`` in the order ids are claimed: served, then older, then path, so the newcomer is the one warned)."""
    first: dict[str, tuple[str, int, Sequence[Passage], int]] = {}  # key → where its first entry is
    found: list[tuple[str, int, str]] = []
    for path, parsed in files:
        passages = parsed.passages
        for at, (questions, line) in enumerate(zip(column(passages, "questions"), column(passages, "line"),
                                                   strict=True)):
            in_entry: set[str] = set()
            for question in questions:
                key = question_key(question)
                if key in in_entry:
                    found.append((path, line, f'the question "{question}" is listed twice in this entry; '
                                              "once is enough"))
                    continue
                in_entry.add(key)
                if key not in first:
                    first[key] = (path, line, passages, at)
                    continue
                where, its_line, its_passages, its_at = first[key]
                other = "this file" if where == path else where
                found.append((path, line, (
                    f'the question "{question}" is also asked in {other} (line {its_line})'
                    + ("" if its_passages[its_at].text == passages[at].text else " with another answer")
                    + "; both entries are served, so a member asking it may get either: keep it in one entry")))
    return found


def _taken(kind: IdKind, taken: str, first: str) -> str:
    """The message for an id another file already holds."""
    if kind is IdKind.DOCUMENT:
        return f'the id "{taken}" is already used by {first}; give this file another id (it was not loaded)'
    return f'glossary id "{taken}" is already used in {first}; use another id (this file was not loaded)'


def load_directory(
    directory: Path,
    served: Served | None = None,
    parse: Parse = parse_file,
    last_good: LastGood | None = None,
    unchanged: Unchanged | None = None,
    ahead: Ahead | None = None,
) -> Loader:
    """Load ``directory``; the result also tells which file owns each id (uploads check collisions with it).

    ``served``: what the running bot serves now, so that those files keep their ids against newcomers.
    ``parse``: how one file is parsed (``ParsedFiles.parse`` answers unchanged files from a cache).
    ``last_good``: the parse a broken file had when it was last served (``ParsedFiles.last_good``).
    ``unchanged``: files whose metadata the cache noted are not read again (``ParsedFiles``).
    ``ahead``: parses the files on another core ahead of the load (``bot.knowledge.parallel``), offered to ``parse``.
    """
    kb = KnowledgeBase(documents=[], passages=Passages(), glossary=[], errors=[], directory=str(directory))
    loader = Loader(
        real_root=os.path.realpath(directory), kb=kb, served=served or Served(), parse=parse, last_good=last_good,
        unchanged=unchanged, ahead=ahead,
    )
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "does not exist"
        loader.error(".", 0, f"the knowledge folder {directory} {what}")
    else:
        loader.walk(directory, PurePosixPath())
        loader.load_pending()
        loader.settle()
        loader.clashes_of_refused()
        kb.errors.sort(key=lambda e: (e.path, e.line))
    kb.loaded_at = datetime.now(UTC)
    return loader


def load_knowledge(directory: Path, served: Served | None = None, parse: Parse = parse_file) -> KnowledgeBase:
    """Load every knowledge file under ``directory`` (recursively, sorted); bad files become ``kb.errors``."""
    return load_directory(Path(directory), served, parse).kb


def shrinkage(before: KnowledgeBase, after: KnowledgeBase) -> list[str]:
    """What a reload lost of what was served: ``lemoci-en: 15 passages before, 0 now``, the glossary's entries."""
    now: Counter[str] = Counter()
    passages = after.passages
    for chunk in passages.chunks if isinstance(passages, Passages) else (passages,):  # file by file: a short hold
        now.update(column(chunk, "doc_id"))  # of the GIL each; a cached file's passages are not made (1M: 15 s)
    lines = [
        f"{doc.id}: {doc.passage_count} passage{'' if doc.passage_count == 1 else 's'} before, "
        f"{now.get(doc.id, 0)} now"
        for doc in before.documents
        if now.get(doc.id, 0) < doc.passage_count
    ]
    if len(after.glossary) < len(before.glossary):
        lines.append(f"glossary: {len(before.glossary)} entries before, {len(after.glossary)} now")
    return lines
