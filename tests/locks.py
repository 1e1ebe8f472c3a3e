"""Another program holding the query log: a real process with ``BEGIN EXCLUSIVE`` until the block ends."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HOLDER = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.readline()\n"
    "c.execute('COMMIT')\n"
)


@contextlib.contextmanager
def held_lock(db: Path) -> Iterator[None]:
    """``db`` locked by another process (as `sqlite3 q.db 'BEGIN EXCLUSIVE'` does) for the ``with`` block."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()  # the holder commits and exits
        holder.wait(10)
