"""Datasette metadata (canned queries) for the read-only query log dashboard (``python -m bot logs serve``)."""

from __future__ import annotations

import contextlib
import copy
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

METADATA_FILE = Path(__file__).with_name("metadata.yaml")
DATABASE_KEY = "queries"  # the name Datasette gives data/queries.db


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    return yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))


def _tables(db_path: Path | str) -> list[str]:
    """The tables and views of the log file (read-only); those a migration adds are closed too."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            return [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    except sqlite3.Error:
        return []


def metadata_for(db_path: Path | str) -> dict[str, Any]:
    """The metadata with its database entry named after ``db_path`` (Datasette names a database by file stem).

    Only the canned queries run: every table and view is closed (``allow: false``), so nobody browses or filters
    raw rows (member hashes, question texts) or reads ``meta`` (the log secret's fingerprint)."""
    meta = copy.deepcopy(_load())
    database = meta["databases"][DATABASE_KEY]
    tables = database.setdefault("tables", {})
    for name in {*tables, *_tables(db_path)}:
        tables.setdefault(name, {})["allow"] = False
    meta["databases"] = {Path(db_path).stem: database}
    return meta
