"""A regex searched only when the text holds a literal that every match of it holds.

The question patterns (bot.search.kinds) are long alternations of words behind ``\\b``: Python's engine tries
each alternative at each position of the question, and most patterns match nothing. Every alternative of most
of them always matches some literal ("how much", "combien", " toujours", いくら), so a text holding none of those
literals cannot match, which ``in`` tells at C speed. The literals are read from the pattern itself (its parse
tree), so the screen says exactly what the pattern says: a pattern with an alternative that holds no literal
for sure (``\\W*\\d+``, a large character class, a case-insensitive flag) is always searched. ``Screens`` screens
several patterns (the question kinds, the interrogatives, the details) in one pass over a text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Generic, TypeVar

from bot.search.alternation import trie_pattern

K = TypeVar("K", bound=Hashable)

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


RUN_SPELLINGS = 16  # a run of literals reads on through a small character class ([ée]) or an optional character
# (s?) while it spells at most this many strings: "m[ée]t[ée]o" requires one of four spellings, not an "m"


def _spellings(op: object, av: object) -> list[str] | None:
    """The characters one parsed item matches when it is a small class of literals ("[ée]"), with "" when it is an
    optional literal ("s?"); None for any other item."""
    if op is sre.IN and isinstance(av, list) and all(o is sre.LITERAL for o, _ in av):
        return [chr(c) for _, c in av] if 1 < len(av) <= RUN_SPELLINGS else None
    if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
        low, high, sub = av  # type: ignore[misc]
        if low == 0 and high == 1 and len(sub) == 1 and sub[0][0] is sre.LITERAL:
            return ["", chr(sub[0][1])]
    return None


def _required(items: list) -> frozenset[str] | None:
    """Literals one of which every match of the parsed sequence ``items`` holds (None: not known).

    A run of literals the sequence always matches is held by every match, each of its spellings when it reads on
    through a class of a few literals or an optional one (``_spellings``); so is one of the literals of a group (or
    alternation) it always matches, or of a lookahead (lookbehind) that must match: the text holds them, if not the
    match. Of those, the run or group whose shortest literal is the longest (of two, the one longer on average).
    """
    candidates: list[frozenset[str]] = []
    run = [""]  # the spellings of the run of literals being read
    for op, av in items:
        if op is sre.LITERAL:
            run = [spelt + chr(av) for spelt in run]
            continue
        if op is sre.ASSERT:  # a lookahead or lookbehind that must match: the text holds what it requires
            required = _required(list(av[1]))
            if required:
                candidates.append(required)
        if op in _ZERO_WIDTH:  # matches no character: the literals around it are adjacent in the text
            continue
        choices = _spellings(op, av)
        if choices is not None and len(run) * len(choices) <= RUN_SPELLINGS:
            run = [spelt + c for spelt in run for c in choices]
            continue
        if all(run):
            candidates.append(frozenset(run))
        run = [""]
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
    if all(run):
        candidates.append(frozenset(run))
    if not candidates:
        return None
    return max(candidates, key=lambda literals: (min(map(len, literals)), sum(map(len, literals)) / len(literals)))


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


class Screens(Generic[K]):
    """Patterns by key, each searched only in texts holding one of its required literals (as ``Screened``), the
    literals of them all looked for in one pass over a text: thirty patterns' screens asked in turn cost more than
    the searches they spared (the question kinds: 50 µs a question, 20 µs in one pass)."""

    __slots__ = ("_always", "_literals", "_owners", "patterns")

    def __init__(self, patterns: Mapping[K, re.Pattern[str]]) -> None:
        self.patterns = dict(patterns)
        owned: dict[str, set[K]] = defaultdict(set)  # literal -> the keys requiring it
        self._always: list[K] = []  # the keys of the patterns that hold no literal for sure: always searched
        for key, pattern in self.patterns.items():
            literals = required_literals(pattern)
            if literals is None:
                self._always.append(key)
            for literal in literals or ():
                owned[literal].add(key)
        # each position of a text yields the longest literal found there (below); the literals it begins with are
        # there too, so it stands for their keys as well
        self._owners = {literal: frozenset().union(*(owned.get(literal[:n], ()) for n in range(1, len(literal) + 1)))
                        for literal in owned}
        self._literals = re.compile(f"(?=({trie_pattern(sorted(owned))}))") if owned else None

    def candidates(self, text: str) -> set[K]:
        """The keys whose pattern may match in ``text`` (every one that does): ``text`` holds one of its literals, or it
        has none."""
        keys = set(self._always)
        if self._literals is not None:
            keys.update(*map(self._owners.__getitem__, set(self._literals.findall(text))))
        return keys

    def matching(self, text: str) -> set[K]:
        """The keys whose pattern matches in ``text``: the same as searching each pattern."""
        patterns = self.patterns
        return {key for key in self.candidates(text) if patterns[key].search(text)}
