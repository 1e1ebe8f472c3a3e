"""The optional knowledge/ watcher (BOT_AUTO_RELOAD).

(The daily retention purge is the query log's own task: ``QueryLog.open(..., retention_days=…)``.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.knowledge.state import FolderState, folder_state

log = logging.getLogger(__name__)

Snapshot = FolderState
snapshot = folder_state  # one name the watcher reads the folder with


async def watch_knowledge(
    assistant: Any, directory: Path, interval: float = 5.0, on_reload: Callable[[Any], None] | None = None
) -> None:
    """Reload the index once files under ``directory`` changed and then stayed still for ``interval`` s, unless a
    reload (/kb add, /kb reload) has already read them in that state."""
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
            result = await assistant.reload(unless_read=current)
            if result is None:
                log.debug("knowledge changed: already reloaded")
                continue
            if on_reload is not None:
                on_reload(result)
            log.info("knowledge changed: reload swapped=%s, %d errors", result.swapped, len(result.errors))
