"""A knowledge folder's state as seen from outside: each visible file's path, mtime and size.

The watcher (BOT_AUTO_RELOAD) compares states to see a change; a reload records the state it read, so that the
watcher does not rebuild the index again for a change /kb add or /kb reload has already served (trial 8's F6).
"""

from __future__ import annotations

from pathlib import Path

FolderState = tuple[tuple[str, int, int], ...]


def folder_state(directory: Path) -> FolderState:
    """(relative path, mtime, size) of every visible file under ``directory``."""
    items = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith((".", "_")) for part in relative.parts) or not path.is_file():
            continue
        info = path.stat()
        items.append((relative.as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(items)
