"""The optional knowledge/ watcher (BOT_AUTO_RELOAD).

(The daily retention purge is the query log's own task: ``QueryLog.open(..., retention_days=…)``.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(directory: Path) -> Snapshot:
    """(relative path, mtime, size) of every visible file under ``directory``."""
    items = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith((".", "_")) for part in relative.parts) or not path.is_file():
            continue
        info = path.stat()
        items.append((relative.as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(items)


async def watch_knowledge(
    assistant: Any, directory: Path, interval: float = 5.0, on_reload: Callable[[Any], None] | None = None
) -> None:
    """Reload the index once files under ``directory`` changed and then stayed still for ``interval`` s."""
    stable = await asyncio.to_thread(snapshot, directory)
    pending = False
    while True:
        await asyncio.sleep(interval)
        try:
            current = await asyncio.to_thread(snapshot, directory)
        except OSError:
            log.warning("cannot scan %s", directory, exc_info=True)
            continue
        if current != stable:
            stable, pending = current, True
            continue
        if pending:
            pending = False
            result = await assistant.reload()
            if on_reload is not None:
                on_reload(result)
            log.info("knowledge changed: reload swapped=%s, %d errors", result.swapped, len(result.errors))
