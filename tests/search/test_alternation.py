"""Alternations as tries (bot.search.alternation): the same matches as the names sorted longest first."""

from __future__ import annotations

import re

from bot.search.alternation import trie_pattern


def _plain(names: list[str]) -> str:
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


def test_trie_pattern_is_the_alternation() -> None:
    names = ["ni", "niger", "nigeria", "nicaragua", "n", "a b", "a", "ab"]
    plain = re.compile(rf"(?<!\w)(?:{_plain(names)})(?!\w)")
    trie = re.compile(rf"(?<!\w)(?:{trie_pattern(names)})(?!\w)")
    text = "niger nigeria nigerian ni nicaragua n a b ab a bc nigeri"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_atoms_may_be_patterns() -> None:
    """Words of a phrase separated by any run of spaces: the longest phrase still wins, whatever its spacing."""
    gap = r"\s+"
    phrases = [("h", "i"), ("h", "i", gap, "a", "l", "l"), ("t", "y"), ("t", "y", gap, "a", "l", "l")]
    trie = re.compile(rf"(?<!\w)(?:{trie_pattern(phrases)})(?!\w)")
    assert [m.group() for m in trie.finditer("hi  all, ty allx, ty")] == ["hi  all", "ty", "ty"]
