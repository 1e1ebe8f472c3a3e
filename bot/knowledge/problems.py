"""``FileProblem``: one problem in a knowledge file, at a line, worded for moderators."""

from __future__ import annotations


class FileProblem(Exception):
    """One problem in a file; ``path`` is set when it is not the file being parsed (a sidecar)."""

    def __init__(self, line: int, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path
