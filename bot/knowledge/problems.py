"""``FileProblem``: one problem in a knowledge file, at a line, worded for moderators.

A file can have several: parsing goes on after a problem where it can (:class:`Problems` collects them)
and raises :class:`FileProblems` at the end, so ``knowledge check`` lists them all in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")
SUGGEST_CUTOFF = 0.7  # difflib ratio above which an unknown key is taken for a misspelt known one


class FileProblem(Exception):
    """One problem in a file; ``path`` is set when it is not the file being parsed (a sidecar)."""

    def __init__(self, line: int, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path

    def __reduce__(self) -> tuple[type[FileProblem], tuple[int, str, str | None]]:
        """Pickled as its arguments: an Exception pickles its ``args`` (the message alone), which ``__init__`` cannot
        take back, so a file with a warning was parsed again at every start (the parsed-files cache pickles them)."""
        return type(self), (self.line, self.message, self.path)


class IdKind(StrEnum):
    DOCUMENT = "document"
    GLOSSARY = "glossary"


@dataclass(frozen=True, slots=True)
class Claim:
    """An id a refused file holds: a clash with another file is reported with the file's other problems, not
    only once they are fixed (the moderators' guide promises every problem of a file at once)."""

    kind: IdKind
    id: str
    line: int


class FileProblems(Exception):
    """Every problem found in one file (at least one), in line order; ``claims``: the ids it holds."""

    def __init__(self, problems: list[FileProblem], claims: Sequence[Claim] = ()) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = sorted(problems, key=lambda p: (p.path or "", p.line))
        self.claims = tuple(claims)


class Problems:
    """Collects a file's problems (the file is refused) and warnings (it loads) instead of stopping at the first."""

    def __init__(self) -> None:
        self.found: list[FileProblem] = []
        self.warnings: list[FileProblem] = []

    def warn(self, problem: FileProblem) -> None:
        self.warnings.append(problem)

    def add(self, problem: FileProblem | FileProblems) -> None:
        self.found.extend(problem.problems if isinstance(problem, FileProblems) else [problem])

    def attempt(self, check: Callable[[], T]) -> T | None:
        """``check()``, or None after noting the problem(s) it raised."""
        try:
            return check()
        except (FileProblem, FileProblems) as problem:
            self.add(problem)
            return None

    def raise_any(self, claims: Sequence[Claim] = ()) -> None:
        if self.found:
            raise FileProblems(list(self.found), claims)


def all_problems(error: FileProblem | FileProblems) -> list[FileProblem]:
    return error.problems if isinstance(error, FileProblems) else [error]


def did_you_mean(key: str, known: Iterable[str]) -> str | None:
    """The known key that ``key`` is most likely a misspelling of (``question`` → ``questions``), or None."""
    matches = difflib.get_close_matches(key.lower(), list(known), n=1, cutoff=SUGGEST_CUTOFF)
    return matches[0] if matches else None
