"""Moderators' changes to the knowledge folder: where an upload goes, remove to ``_trash/``, restore, and the
history of every change (who, when, what, the file's SHA-256) in ``_history.jsonl``.

Both live in the knowledge folder under names the loader ignores (``_``), so they travel with the files they
describe. ``who`` is the moderator's Discord id: moderators act for the community and answer for their edits.
A replaced file goes to the trash too, so every change can be undone with ``restore``.

The id is personal data kept as the query log keeps members' questions (trial 10 M9): a change older than the
retention period keeps what was done, when, and the file's hash, but no longer who (``expire_moderators``, run with
the log's purge), and ``logs forget ID`` removes a moderator's id from every change (``forget_moderator``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath

from bot.atomic import atomic_write
from bot.knowledge.loader import TRASH_DIR
from bot.knowledge.parse import SIDECAR_SUFFIX, parse_file, sidecar_name
from bot.knowledge.problems import FileProblem, FileProblems
from bot.knowledge.uploads import name_problem, save_upload
from bot.limits import DAY
from bot.models import KnowledgeBase

HISTORY_FILE = "_history.jsonl"


class Action(StrEnum):
    ADD = "add"
    REPLACE = "replace"
    REMOVE = "remove"
    RESTORE = "restore"


class EditRefused(ValueError):
    """The change cannot be made; the message says why and what to do, for moderators; ``line``: the line of
    the uploaded file it is about (its ``id:`` line for an id already served)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """A folder the bot cannot change (a read-only volume, a full disk) as a refusal moderators can act on, not
    an error with the server's paths in it."""
    try:
        yield
    except OSError as exc:
        raise EditRefused(f"the knowledge folder cannot be written ({exc.strerror or exc})") from exc


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the history: ``trash`` pairs each moved file's path with where its old bytes went."""

    ts: float
    who: str
    action: Action
    id: str | None
    path: str
    sha256: str
    trash: list[tuple[str, str]] = field(default_factory=list)

    @property
    def when(self) -> str:
        return datetime.fromtimestamp(self.ts, UTC).strftime("%Y-%m-%d %H:%M UTC")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record(directory: Path, change: Change) -> None:
    """Append ``change`` to the history (one JSON line, flushed to disk)."""
    line = json.dumps({**asdict(change), "action": str(change.action)}, ensure_ascii=False)
    with (Path(directory) / HISTORY_FILE).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def history(directory: Path, limit: int | None = None) -> list[Change]:
    """The recorded changes, newest first (a damaged line is skipped, never fatal)."""
    path = Path(directory) / HISTORY_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    changes = []
    for line in reversed(lines):
        try:
            raw = json.loads(line)
            changes.append(Change(
                ts=float(raw["ts"]), who=str(raw["who"]), action=Action(raw["action"]), id=raw.get("id"),
                path=str(raw["path"]), sha256=str(raw.get("sha256", "")),
                trash=[(str(a), str(b)) for a, b in raw.get("trash", [])],
            ))
        except (ValueError, KeyError, TypeError):
            continue
        if limit is not None and len(changes) >= limit:
            break
    return changes


def _rewrite_who(directory: Path, forget: Callable[[dict], bool]) -> int:
    """Blank ``who`` in every history line ``forget`` picks (the file rewritten whole, atomically, 0600 kept as
    it was); how many lines lost their id. Lines that are not a change are kept as they are."""
    path = Path(directory) / HISTORY_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    out, changed = [], 0
    for line in lines:
        try:
            raw = json.loads(line)
            if isinstance(raw, dict) and raw.get("who") and forget(raw):
                raw["who"], changed = "", changed + 1
                line = json.dumps(raw, ensure_ascii=False)
        except (ValueError, TypeError):
            pass
        out.append(line)
    if changed:
        with atomic_write(path, ".history-", stat.S_IMODE(path.stat().st_mode)) as handle:
            handle.write("".join(f"{line}\n" for line in out).encode("utf-8"))
    return changed


def forget_moderator(directory: Path, who: str) -> int:
    """Remove the Discord id ``who`` from every recorded change (``logs forget``); how many changes named it."""
    return _rewrite_who(directory, lambda raw: str(raw.get("who")) == str(who))


def expire_moderators(directory: Path, days: float, now: float | None = None) -> int:
    """Remove who made each change older than ``days`` (the query log's retention); how many lost their id."""
    limit = (time.time() if now is None else now) - days * DAY
    return _rewrite_who(directory, lambda raw: float(raw.get("ts", 0)) < limit)


# --------------------------------------------------------------------------- uploads


@dataclass(frozen=True, slots=True)
class UploadPlan:
    """Where an upload is saved (``target``, relative) and which file it replaces, if any."""

    target: str
    replaces: str | None = None


def upload_id(filename: str, data: bytes) -> str | None:
    """The document id an upload declares (None if it has none or cannot be read: the check reports why)."""
    return _upload_id_line(filename, data)[0]


def _upload_id_line(filename: str, data: bytes) -> tuple[str | None, int]:
    """The document id an upload declares and the line of its ``id:`` in the uploaded file."""
    opened = 0
    if filename.lower().endswith(SIDECAR_SUFFIX):
        filename = filename[: -len(SIDECAR_SUFFIX)] + ".md"  # same keys as front matter
        data = b"---\n" + data + b"\n---\nx\n"
        opened = 1  # the "---" line put before it
    try:
        parsed = parse_file(filename, data)
    except (FileProblem, FileProblems):
        return None, 1
    if parsed.document is None:
        return None, 1
    return parsed.document.id, max(1, parsed.id_line - opened)


def plan_upload(filename: str, data: bytes, directory: Path, kb: KnowledgeBase, replace: bool) -> UploadPlan:
    """Where ``filename`` goes. A document whose id is served replaces that file *at its own path* (any folder),
    but only with ``replace``; so does a file of the same name. Raises ``EditRefused`` otherwise, and first for a
    name no upload may have (README.md was "already exists; … add it again with replace: true", then refused)."""
    problem = name_problem(filename)
    if problem:
        raise EditRefused(problem)
    doc_id, id_line = _upload_id_line(filename, data)
    served = {d.id: d.path for d in kb.documents}
    hint = "add it again with replace: true"
    if doc_id is not None and doc_id in served:
        existing = PurePosixPath(served[doc_id])
        if filename.lower().endswith(SIDECAR_SUFFIX):
            existing = existing.with_name(sidecar_name(existing.name))
        if existing.suffix.lower() != PurePosixPath(filename).suffix.lower():
            kind = existing.suffix
            raise EditRefused(f'the id "{doc_id}" is served by {existing}: upload a {kind} file to replace it', id_line)
        if not replace:
            raise EditRefused(
                f'the id "{doc_id}" is already served by {existing}; to replace that file, {hint}', id_line
            )
        return UploadPlan(existing.as_posix(), existing.as_posix())
    if (Path(directory) / filename).is_file():
        if not replace:
            raise EditRefused(f"{filename} already exists; to replace it, {hint}")
        return UploadPlan(filename, filename)
    return UploadPlan(filename)


def save(plan: UploadPlan, filename: str, data: bytes, directory: Path, who: str) -> Change:
    """Save a checked upload where ``plan`` says (the replaced version kept in the trash) and record it.

    Raises ``UploadRefused`` when the file cannot be written, ``EditRefused`` when the replaced one cannot be kept."""
    directory = Path(directory)
    ts = time.time()
    with writing():
        trash = keep_replaced(directory, plan, ts)
    save_upload(filename, data, directory, target=plan.target)
    action = Action.REPLACE if plan.replaces else Action.ADD
    change = Change(ts, who, action, upload_id(filename, data), plan.target, sha256(data), trash)
    record(directory, change)
    return change


def _trash_name(directory: Path, path: str, ts: float) -> str:
    """A free name in the trash: when, then the path with ``/`` as ``--`` (``-2``… if taken that second)."""
    stamp = datetime.fromtimestamp(ts, UTC).strftime("%Y%m%dT%H%M%S")
    flat = path.replace("/", "--")
    name, n = f"{TRASH_DIR}/{stamp}-{flat}", 1
    while (directory / name).exists():
        n += 1
        name = f"{TRASH_DIR}/{stamp}-{n}-{flat}"
    return name


def _to_trash(directory: Path, path: str, ts: float) -> str:
    """Move ``path`` into the trash; returns its trash path."""
    (directory / TRASH_DIR).mkdir(exist_ok=True)
    trash = _trash_name(directory, path, ts)
    os.replace(directory / path, directory / trash)
    return trash


def keep_replaced(directory: Path, plan: UploadPlan, ts: float) -> list[tuple[str, str]]:
    """Copy the file an upload replaces into the trash (before it is overwritten), so it can be restored."""
    if plan.replaces is None or not (directory / plan.replaces).is_file():
        return []
    (directory / TRASH_DIR).mkdir(exist_ok=True)
    trash = _trash_name(directory, plan.replaces, ts)
    (directory / trash).write_bytes((directory / plan.replaces).read_bytes())
    return [(plan.replaces, trash)]


# --------------------------------------------------------------------------- remove and restore


def _document_files(directory: Path, path: str) -> list[str]:
    """A document's file and, for a ``.txt``, its ``.meta.yaml`` beside it."""
    files = [path]
    if path.lower().endswith(".txt"):
        sidecar = PurePosixPath(path).with_name(sidecar_name(path)).as_posix()
        if (directory / sidecar).is_file():
            files.append(sidecar)
    return files


def remove(directory: Path, kb: KnowledgeBase, doc_id: str, who: str) -> Change:
    """Move the file serving ``doc_id`` (and its sidecar) to ``_trash/`` and record it."""
    directory = Path(directory)
    document = next((d for d in kb.documents if d.id == doc_id), None)
    if document is None:
        raise EditRefused(f'no document has the id "{doc_id}" (see /kb list)')
    data = (directory / document.path).read_bytes()
    ts = time.time()
    with writing():
        moved = [(path, _to_trash(directory, path, ts)) for path in _document_files(directory, document.path)]
    change = Change(ts, who, Action.REMOVE, doc_id, document.path, sha256(data), moved)
    record(directory, change)
    return change


def restore(directory: Path, kb: KnowledgeBase, doc_id: str, who: str) -> Change:
    """Undo the last remove or replace of ``doc_id``: its trashed files go back to their paths (a version
    served now goes to the trash in exchange, so a restore can be undone too)."""
    directory = Path(directory)
    last = next(
        (c for c in history(directory) if c.id == doc_id and c.action in (Action.REMOVE, Action.REPLACE)
         and c.trash and all((directory / trash).is_file() for _, trash in c.trash)),
        None,
    )
    if last is None:
        raise EditRefused(f'nothing to restore for "{doc_id}" (see /kb history)')
    served = next((d for d in kb.documents if d.id == doc_id), None)
    if served is not None and served.path != last.path:
        raise EditRefused(f'"{doc_id}" is served by {served.path} now; remove that file first')
    ts = time.time()
    with writing():
        swapped = [(path, _to_trash(directory, path, ts)) for path, _ in last.trash if (directory / path).is_file()]
        for path, trash in last.trash:
            (directory / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(directory / trash, directory / path)
    data = (directory / last.path).read_bytes()
    change = Change(ts, who, Action.RESTORE, doc_id, last.path, sha256(data), swapped)
    record(directory, change)
    return change
