"""Rewrite the old ids of logged citations (position ids ``doc#n``, slugs without dakuten) to stable ids, once.

A migration alone cannot do it (it does not know the corpus): the caller that has the knowledge base hands
in ``bot.knowledge.ids.legacy_ids(kb.passages)``. The n-th passage of a document *now* is taken for the one
cited then, which holds as long as the corpus did not change between the citation and the first open.
Ids whose document is gone stay as they were. Each rewrite is kept in ``passage_renames``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path

from bot.querylog import schema


def rename_passages(conn: sqlite3.Connection, mapping: Mapping[str, str]) -> int:
    """Rewrite the citations of every old id found in ``mapping``; returns how many ids were rewritten."""
    found = [row[0] for row in conn.execute("SELECT DISTINCT passage_id FROM citations")]
    old = [pid for pid in found if pid in mapping and mapping[pid] != pid]
    if not old:
        return 0
    now = time.time()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for pid in old:
            conn.execute("UPDATE citations SET passage_id = ? WHERE passage_id = ?", (mapping[pid], pid))
            conn.execute(
                "INSERT OR REPLACE INTO passage_renames (old_id, new_id, ts) VALUES (?, ?, ?)", (pid, mapping[pid], now)
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(old)


def rename_in_file(path: Path | str, mapping: Mapping[str, str], *, timeout: float = 5.0) -> int:
    """``rename_passages`` on the log at ``path`` (migrated first); 0 when there is no log yet."""
    if not Path(path).is_file():
        return 0
    schema.migrate(path, timeout=timeout)
    conn = schema.connect(path, timeout=timeout)
    try:
        return rename_passages(conn, mapping)
    finally:
        conn.close()
