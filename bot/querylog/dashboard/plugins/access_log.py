"""Datasette plugin loaded by ``python -m bot logs serve``: the access log shows each request's path, never its
query string.

Uvicorn prints ``"GET /queries/most_asked.json?_search=… HTTP/1.1" 200`` for every request; a query string
can hold a member's words (a filter, a search, SQL typed with ``--allow-sql``), and the terminal or the
journal is no place for them (README, Privacy: log lines carry no member data).
"""

from __future__ import annotations

import logging
from typing import Any

from datasette import hookimpl

ACCESS_LOGGER = "uvicorn.access"
PATH_ARG = 2  # uvicorn's access record: (client address, method, path with query, HTTP version, status)


def without_query(record: logging.LogRecord) -> bool:
    """Cut the query string off the path of an access record (the record is kept)."""
    args = record.args
    if isinstance(args, tuple) and len(args) > PATH_ARG and isinstance(args[PATH_ARG], str):
        record.args = (*args[:PATH_ARG], args[PATH_ARG].split("?", 1)[0], *args[PATH_ARG + 1:])
    return True


@hookimpl
def startup(datasette: Any) -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    if without_query not in logger.filters:
        logger.addFilter(without_query)
