"""Related words: what members write for what the sources say in other words (promise → commit, 取り決め → 声明).

Moderators list them per language in ``type: related`` files. They work one way: a question holding the
phrase also looks for the corpus's words, weighed as its own words (the retriever's RELATED_WEIGHT, shared by
the tokens of a phrase), and a passage holding them counts as holding the question's word. A phrase of several words
is found when all its words are in the question (Latin: by stem; Japanese: as written).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from bot.models import RelatedWords
from bot.search.analysis import analyze, normalize


@dataclass(frozen=True, slots=True)
class Related:
    """One usable line: the phrase's tokens, as written (Japanese), and the corpus forms it adds."""

    tokens: frozenset[str]
    written: str
    forms: tuple[tuple[str, ...], ...]


class RelatedLexicon:
    """The related words of every language, kept when their corpus words are in the index."""

    def __init__(self, related: Iterable[RelatedWords], vocabulary: Collection[str]) -> None:
        self.by_language: dict[str, list[Related]] = {}
        self._by_token: dict[str, dict[str, list[int]]] = {}  # per language: token -> its lines (by number)
        self.unused: list[RelatedWords] = []  # lines whose phrase says nothing, or whose words the corpus lacks
        for line in related:
            tokens = frozenset(analyze(line.phrase, line.language))
            forms = []
            for meant in line.means:
                form = tuple(dict.fromkeys(analyze(meant, line.language)))
                if form and all(t in vocabulary for t in form) and form not in forms:
                    forms.append(form)
            if not tokens or not forms:
                self.unused.append(line)
                continue
            written = normalize(line.phrase) if line.language == "ja" else ""
            lines = self.by_language.setdefault(line.language, [])
            for token in tokens:  # a line is used only by a question with one of its tokens
                self._by_token.setdefault(line.language, {}).setdefault(token, []).append(len(lines))
            lines.append(Related(tokens, written, tuple(forms)))

    def has(self, language: str, token: str) -> bool:
        """Some line of ``language`` holds ``token`` ("give-and-take": its phrase is the compound, read whole)."""
        return token in self._by_token.get(language, {})

    def matches(self, language: str, question: str, words: dict[int, frozenset[str]]) -> list[tuple[set[int], Related]]:
        """The lines a question uses, each with the question's words (keys of ``words``) it covers.

        ``words``: each content word of the question (by number) and the tokens it stands for.
        """
        found = []
        text = normalize(question) if language == "ja" else ""
        lines = self.by_language.get(language, [])
        by_token = self._by_token.get(language, {})
        candidates = {n for tokens in words.values() for t in tokens for n in by_token.get(t, ())}
        for line in (lines[n] for n in sorted(candidates)):  # the lines sharing a token with a word, in order
            if line.written and line.written not in text:
                continue
            covered = {word for word, tokens in words.items() if not line.tokens.isdisjoint(tokens)}
            held = set().union(*(words[w] for w in covered)) if covered else set()
            if covered and (line.written or line.tokens <= held):
                found.append((covered, line))
        return found
