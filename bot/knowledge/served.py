"""What the bot serves, as its knowledge cache remembers it (trial 10 M1, M7).

``knowledge check`` and ``ask --no-log`` write nothing, so they had no memory of the bot's loads: a served file
broken by an edit was reported as skipped (the bot keeps its last good version), a forgotten older copy took a
served id (the bot keeps it with the file it served), and a document gone from the folder went unmentioned. Here
the folder is loaded as the bot's next reload would load it, from the knowledge cache beside its query log
(``knowledge-cache.bin``, read only, never written), and compared with what the last load served: the documents
a reload would add, change or remove.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.knowledge.loader import load_directory, load_knowledge
from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles
from bot.models import KnowledgeBase

ADDED, CHANGED, REMOVED = "add", "change", "remove"


@dataclass(frozen=True, slots=True)
class Change:
    """A document a reload would add, change or remove (``before``/``now``: its passages)."""

    action: str
    doc_id: str
    path: str
    before: int = 0
    now: int = 0


@dataclass(slots=True)
class AsServed:
    """The folder as the bot's next load reads it; ``remembered``: the cache knew this folder (else a plain load,
    and nothing to compare with)."""

    kb: KnowledgeBase
    remembered: bool = False
    served_at: datetime | None = None  # when the cache was last written (the bot's last load that changed it)
    changes: list[Change] = field(default_factory=list)
    glossary: tuple[int, int] = (0, 0)  # entries served before, now


def as_time(nanoseconds: int) -> datetime:
    return datetime.fromtimestamp(nanoseconds / 1e9, UTC)


def served_since(parsed: ParsedFiles, kb: KnowledgeBase) -> None:
    """``kb.kept_since``: when the version of each file served in its last good version was modified."""
    modified = parsed.modified
    kb.kept_since = {path: as_time(modified[path]) for path in kb.kept if path in modified}


def load_as_served(directory: Path, data_folder: Path) -> AsServed:
    """Load ``directory`` as the bot using the query log in ``data_folder`` would serve it (read only)."""
    cache_file = Path(data_folder) / PARSED_CACHE_NAME
    parsed = ParsedFiles(cache_file) if cache_file.is_file() else None
    if parsed is None or parsed.directory != os.path.realpath(directory):
        return AsServed(load_knowledge(directory))
    before = parsed.served_parses()
    loader = load_directory(Path(directory), parsed.served, parsed.parse, parsed.last_good)
    kb = loader.kb
    served_since(parsed, kb)
    then = {p.document.id: (path, p.document.passage_count) for path, p in before.items() if p.document is not None}
    now = {doc.id: (doc.path, doc.passage_count) for doc in kb.documents}
    changes = [Change(ADDED, i, path, 0, count) for i, (path, count) in now.items() if i not in then]
    for doc_id, (path, count) in then.items():
        if doc_id not in now:
            changes.append(Change(REMOVED, doc_id, path, count, 0))
            continue
        new_path, new_count = now[doc_id]
        if new_path != path or new_count != count or parsed.key_of(new_path) != parsed.served_key(path):
            changes.append(Change(CHANGED, doc_id, new_path, count, new_count))
    changes.sort(key=lambda c: (c.path, c.doc_id))
    glossary = (sum(len(p.glossary) for p in before.values()), len(kb.glossary))
    written = as_time(cache_file.stat().st_mtime_ns)
    return AsServed(kb, True, written, changes, glossary)
