"""``/ask`` suggestions from the query log: a log that cannot be read leaves the FAQ, and the log says why."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.autocomplete import popular_questions


def test_a_damaged_query_log_leaves_no_popular_questions_and_is_logged_with_its_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Review 12 (M11): a damaged log silently emptied the most asked questions of ``/ask``'s autocomplete."""
    db = tmp_path / "queries.db"
    db.write_bytes(b"not a database, a damaged one " * 200)
    with caplog.at_level(logging.WARNING, logger="bot.autocomplete"):
        assert popular_questions(db) == []
    (record,) = caplog.records
    assert str(db) in record.getMessage() and record.exc_info is not None
