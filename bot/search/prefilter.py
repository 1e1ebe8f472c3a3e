"""A regex searched only when the text holds a literal that every match of it holds.

The question patterns (bot.search.kinds) are long alternations of words behind ``\\b``: Python's engine tries
each alternative at each position of the question, and most patterns match nothing. Every alternative of most
of them always matches some literal ("how much", "combien", " toujours", いくら), so a text holding none of those
literals cannot match, which ``in`` tells at C speed. The literals are read from the pattern itself (its parse
tree), so the screen says exactly what the pattern says: a pattern with an alternative that holds no literal
for sure (``\\W*\\d+``, a character class, a case-insensitive flag) is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _required(items: list) -> frozenset[str] | None:
    """Literals one of which every match of the parsed sequence ``items`` holds (None: not known).

    A run of literals the sequence always matches is held by every match; so is one of the literals of a group
    (or alternation) it always matches. Of those, the run or group whose shortest literal is the longest.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:  # matches no character: the literals around it are adjacent in the text
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        if op is sre.BRANCH:
            found: set[str] = set()
            for alternative in av[1]:
                required = _required(list(alternative))
                if not required:
                    found = set()
                    break
                found |= required
            if found:
                candidates.append(frozenset(found))
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            required = None if add_flags & re.IGNORECASE else _required(list(sub))
            if required:
                candidates.append(required)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    return max(candidates, key=lambda literals: min(map(len, literals)))


def _shortest(literals: frozenset[str]) -> frozenset[str]:
    """``literals`` without those holding another one (a text holding them holds the other)."""
    return frozenset(a for a in literals if not any(b != a and b in a for b in literals))


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` holds; None when that is not known (an alternative with
    no literal it always matches, or not a plain case-sensitive text pattern)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, ValueError):  # a pattern this parser cannot read: no screen, the pattern decides
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    required = _required(list(parsed.data))
    return _shortest(required) if required else None


class Screened:
    """``pattern``, searched only in texts holding one of its required literals (same answers as the pattern)."""

    __slots__ = ("_any_literal", "literals", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.literals = required_literals(pattern)
        # one search for all the literals (a text holds one of them where it matches this): one pass over the text
        # at C speed, where ``literal in text`` for each of twenty literals made twenty
        literals = sorted(self.literals or ())
        self._any_literal = re.compile("|".join(map(re.escape, literals))) if self.literals is not None else None

    def can_match(self, text: str) -> bool:
        """False when ``text`` holds none of the literals every match holds (True: the pattern decides)."""
        return self._any_literal is None or self._any_literal.search(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.can_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.can_match(text) else iter(())
