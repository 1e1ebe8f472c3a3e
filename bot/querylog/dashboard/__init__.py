"""Datasette metadata (canned queries) for the read-only query log dashboard (``python -m bot logs serve``)."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

METADATA_FILE = Path(__file__).with_name("metadata.yaml")
DATABASE_KEY = "queries"  # the name Datasette gives data/queries.db


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    return yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))


def metadata_for(db_path: Path | str) -> dict[str, Any]:
    """The metadata with its database entry named after ``db_path`` (Datasette names a database by file stem)."""
    meta = copy.deepcopy(_load())
    meta["databases"] = {Path(db_path).stem: meta["databases"][DATABASE_KEY]}
    return meta
