"""What the CLI commands print: plain aligned tables, JSON, one-line errors and a progress line.

Tables come from ``tabulate`` (as in sqlite-utils): plain text whatever the terminal, so pipes and tests
see the same columns, with wide characters (Japanese, emoji) measured by ``wcwidth``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from tabulate import DataRow, TableFormat, tabulate

from bot.formatting import MISSING

LAST_GOOD = "its version of {when:%Y-%m-%d %H:%M} UTC"  # a broken file the bot serves as it was then (ask, check)


def quietly_on_broken_pipe(run: Callable[[], int]) -> int:
    """Run; if the reader of standard output goes away (`… | head -1`), end quietly with status 0."""
    try:
        status = run()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
        return 0
    return status


def _plain(gap: int) -> TableFormat:
    """Columns separated by ``gap`` spaces, no rules (tabulate's "plain" with a chosen gap)."""
    row = DataRow("", " " * gap, "")
    return TableFormat(None, None, None, None, row, row, 0, None)


def table(headers: Sequence[str] | None, rows: Sequence[Sequence[Any]], right: Sequence[int] = (),
          gap: int = 2) -> str:
    """An aligned table (no header line when ``headers`` is None); columns in ``right`` are right-aligned.

    Values are shown as given (no number reformatting); None shows as an en dash.
    """
    cells = [] if headers is None else [list(headers)]
    cells += [list(row) for row in rows]
    if not cells:
        return ""
    align = ["right" if i in right else "left" for i in range(len(cells[0]))]
    text = tabulate(cells, tablefmt=_plain(gap), colalign=align, missingval=MISSING, disable_numparse=True)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def print_json(data: Any, *, indent: int | None = 2, sort_keys: bool = False) -> None:
    """``data`` as JSON on stdout (non-ASCII kept readable; dataclasses as objects)."""
    print(json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys, default=_jsonable))


def error(message: str, status: int = 1) -> int:
    """``error: message`` as one line on stderr; returns ``status`` for the command to exit with."""
    print(f"error: {message}", file=sys.stderr)
    return status


def progress(label: str) -> Callable[[int, int], None] | None:
    """A ``label done/total`` line rewritten on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label} {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
