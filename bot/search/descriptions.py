"""Descriptions: a member names a thing by what it is ("Tokyo's showcase label for young companies" for J-Startup,
« lieux d'accompagnement » for incubators, フランスのウェブメディア for La Ruche).

Moderators write them in the glossary (``described`` of an entry): each a list of slots, each slot the words that
may fill it, in any of the three languages ("Japanese|Japan|Tokyo|japonais|日本", "start-up|young company|新興企業",
"label|programme|制度"). A question holding a word of every slot also looks for the entry's names, one way, as a
related word does (bot.search.related): a passage naming the thing holds the words that described it. A Latin
alternative is found by its stems among the question's words, their glossary synonyms and related words ("jeunes
pousses" is a start-up); a Japanese one as written in the question.

Bounded: only the descriptions one of whose alternatives shares a token (Latin) or its first character (Japanese)
with the question are read, each alternative once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from bot.models import LANGUAGES, GlossaryEntry
from bot.search.analysis import analyze, is_cjk, normalize


class Alternative(NamedTuple):
    """One word (or phrase) that may fill a slot: its stems in one language (all needed), or, written in Japanese,
    its normalised text (found as written)."""

    tokens: frozenset[str]
    written: str = ""

    def found(self, tokens: frozenset[str] | set[str], text: str) -> bool:
        return self.written in text if self.written else self.tokens <= tokens

    def covers(self, word: frozenset[str]) -> bool:
        """The question's word (its tokens) is part of this alternative."""
        if self.written:
            return any(is_cjk(t) and t in self.written for t in word)
        return not self.tokens.isdisjoint(word)


class Description(NamedTuple):
    entry: int  # the glossary entry's number
    slots: tuple[tuple[Alternative, ...], ...]
    # per slot: the tokens one of which fills it alone (its alternatives of one token) and its other alternatives
    screens: tuple[tuple[frozenset[str], tuple[Alternative, ...]], ...] = ()

    def filled(self, tokens: frozenset[str] | set[str], text: str) -> bool:
        """Every slot has an alternative found (as ``matches`` reads them): a set's test for the one-token ones, where
        most of a slot's alternatives are (the candidates of a question are mostly rejected; each alternative read in
        turn made most of the cost)."""
        return all(not words.isdisjoint(tokens) or any(a.found(tokens, text) for a in others)
                   for words, others in self.screens)


def _screens(slots: tuple[tuple[Alternative, ...], ...]) -> tuple[tuple[frozenset[str], tuple[Alternative, ...]], ...]:
    """``Description.screens`` of ``slots``."""
    return tuple((frozenset(t for a in slot if not a.written and len(a.tokens) == 1 for t in a.tokens),
                  tuple(a for a in slot if a.written or len(a.tokens) != 1)) for slot in slots)


def _alternative(text: str, language: str) -> Alternative | None:
    if any(is_cjk(c) for c in text):
        return Alternative(frozenset(), normalize(text))
    tokens = frozenset(analyze(text, language))
    return Alternative(tokens) if tokens else None  # a stop word alone says nothing


class DescriptionLexicon:
    """The glossary's descriptions, per question language."""

    def __init__(self, glossary: Iterable[GlossaryEntry]) -> None:
        self._descriptions: dict[str, list[Description]] = {lang: [] for lang in LANGUAGES}
        self._by_token: dict[str, dict[str, set[int]]] = {lang: defaultdict(set) for lang in LANGUAGES}
        self._by_char: dict[str, dict[str, set[int]]] = {lang: defaultdict(set) for lang in LANGUAGES}
        for n, entry in enumerate(glossary):
            for described in entry.described:
                for lang in LANGUAGES:
                    slots = tuple(tuple(a for a in (_alternative(t, lang) for t in slot) if a) for slot in described)
                    if not all(slots):
                        continue
                    number = len(self._descriptions[lang])
                    self._descriptions[lang].append(Description(n, slots, _screens(slots)))
                    for alternative in (a for slot in slots for a in slot):
                        if alternative.written:
                            self._by_char[lang][alternative.written[0]].add(number)
                        for token in alternative.tokens:
                            self._by_token[lang][token].add(number)

    def __len__(self) -> int:
        return sum(map(len, self._descriptions.values()))

    def matches(self, language: str, question: str, words: Mapping[int, frozenset[str]]) -> list[tuple[int, set[int]]]:
        """(glossary entry, the question's words it covers) for every description the question holds.

        ``words``: each content word of the question (by number) and the tokens it stands for (its own, its glossary
        synonyms', its related words').
        """
        descriptions = self._descriptions.get(language)
        if not descriptions:
            return []
        text = normalize(question)
        tokens = set().union(*words.values()) if words else set()
        by_token, by_char = self._by_token[language], self._by_char[language]
        candidates = {d for t in tokens for d in by_token.get(t, ())}
        candidates.update(d for c in set(text) for d in by_char.get(c, ()))
        found: list[tuple[int, set[int]]] = []
        for number in sorted(candidates):
            description = descriptions[number]
            if not description.filled(tokens, text):
                continue
            covered: set[int] = set()
            for slot in description.slots:
                filled = [a for a in slot if a.found(tokens, text)]
                if not filled:
                    break
                covered.update(n for n, word in words.items() if any(a.covers(word) for a in filled))
            else:
                if covered:
                    found.append((description.entry, covered))
        return found
