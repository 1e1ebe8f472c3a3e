"""The query model: a question as units (its content words and what counts as finding each in a passage), and
what ranking and the abstention checks say of passages (Ranked, Check, Failed).

Pure data and small helpers shared by bot.search.parsing (which makes a Query), bot.search.checks and the
retriever (which read it); no index here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from bot.models import AbstentionReason
from bot.search.analysis import normalize, question_types, stem
from bot.search.evidence import Counted
from bot.search.kinds import Kind


@dataclass(slots=True)
class Unit:
    """One content word of the question and what counts as finding it in a passage."""

    token: str  # the question's token (stemmed)
    keys: set[str]  # its surface forms (folded, unstemmed, singular) for glossary matching
    weight: float  # its IDF (the largest IDF for an unknown word)
    alternatives: set[str]  # tokens that count as this word (the token itself when known)
    expansions: list[tuple[str, ...]] = field(default_factory=list)  # glossary forms (all tokens needed)
    parts: tuple[str, ...] = ()  # a hyphenated word's parts (J-Startup: j, startup), found when all are
    unknown_name: bool = False  # a name the corpus lacks (Macron, Osaka): the cited passages must hold it
    related: list[tuple[str, ...]] = field(default_factory=list)  # the sources' words for it (promise → commit)
    own_language: bool = False  # a word of the question's language only: other languages' passages lack it
    written: str = ""  # a rare word whose stem is another corpus word (Japonismes: japon): the quotes must hold it
    named: bool = False  # a name the corpus has (JETRO in JETROの正式名称, a capitalised word inside the question)
    name_if_capitalised: str = ""  # a rare corpus word typed in lower case (jetro): named too when the corpus writes
    # it capitalised (lead.written_as_name: a read of 20 passages, so made only when it decides the lead)

    def number_found_in(self, tokens: frozenset[str]) -> bool:
        """A number the question gives is in ``tokens`` as itself, or as a synonym that holds a number (7月13日 as
        "13 July", 主要20か国 as G20); a glossary name the number stands beside is no number (2017年…日仏イノベーション:
        not the year 2017 the question gives)."""
        return not self.alternatives.isdisjoint(tokens) or any(
            tokens.issuperset(form) for form in self.expansions if any(c.isdigit() for t in form for c in t))

    def found_in(self, tokens: frozenset[str]) -> bool:
        if not self.alternatives.isdisjoint(tokens):
            return True
        if self.parts and tokens.issuperset(self.parts):
            return True
        for form in self.expansions:
            if tokens.issuperset(form):
                return True
        # no generator made for the many units without related words (found_in runs ~200 times an ask)
        return bool(self.related) and any(tokens.issuperset(form) for form in self.related)


@dataclass(slots=True)
class Query:
    """An analysed question: its units and the weighted tokens BM25 scores."""

    language: str | None
    units: list[Unit]
    terms: dict[str, float]  # token -> scoring weight (1 for the question's words, less for synonyms)
    kinds: frozenset[Kind] = frozenset()  # what kind of answer is asked for (a number, a date, a person…)
    counted: Counted | None = None  # what a "how many" question counts (bot.search.evidence)
    names: bool = False  # the question asks for a name ("what is it called?")
    why: str = ""  # a why-question's text from "why" to its question mark: what it takes for granted
    roles: tuple[tuple[Unit, Unit], ...] = ()  # who: the roles of something it asks the holder of (president, France)
    verb: frozenset[str] = frozenset()  # who: the tokens of the verb it asks the doer of (signed → sign, 署名)
    act: frozenset[str] = frozenset()  # how many people: the tokens of what they did (signed → sign, 署名)
    of_country: tuple[tuple[Unit, Unit], ...] = ()  # what is the thing of a country it asks (capital, Japan)
    # the (role, of what) tokens of ``roles`` and ``of_country`` that are only a country's ("the Japanese minister",
    # no portfolio: bot.search.people.country_only), read once at parsing, not for every passage checked
    country_roles: frozenset[tuple[str, str]] = frozenset()
    text: str = ""  # the question as analysed (chatter removed)
    spelt: str = ""  # ``text`` with each typo as read ("titel" → title, "hw" → how): what a check reads as written
    ranks: frozenset[str] = frozenset()  # its ordinals ("la 1ère action": a rank, not a number to cite)
    offered: frozenset[str] = frozenset()  # numbers offered as guesses ("3 or 4?", « 2013 ou 2015 ? »)
    stated: frozenset[str] = frozenset()  # counts it states of what it asks about ("the 3 signatories")
    title_unknown: bool = False  # who: it asks the holder of a title the corpus has in no form ("the ambassador")

    def coverage(self, tokens: frozenset[str], language: str | None = None) -> float:
        """Share of the question's IDF weight found in a passage's tokens (a passage in ``language``). Read ~15 times
        a ranking: lists are summed, not generators (the same weights in the same order), and a unit found by one of
        its alternatives (most) is told so without a call of found_in."""
        total = sum([u.weight for u in self.units])
        foreign = language is not None and self.language is not None and language != self.language
        found = sum([u.weight for u in self.units if not (foreign and u.own_language)
                     and (not u.alternatives.isdisjoint(tokens) or u.found_in(tokens))])
        return found / total if total else 0.0

    def coverage_across(self, tokens: frozenset[str], translated: frozenset[str]) -> float:
        """``coverage`` of cited passages (``tokens``) whose translations hold ``translated``: a word is found in
        the fact whichever language states it ("ministry" in a French question is the French passage's ministère),
        but a word of the question's language only is looked for in its own language ("resté" is no "rests")."""
        total = sum(u.weight for u in self.units)
        found = sum(u.weight for u in self.units
                    if u.found_in(tokens) or (not u.own_language and u.found_in(translated)))
        return found / total if total else 0.0

    def verb_in(self, words: frozenset[str], language: str) -> bool:
        """A sentence's ``words`` (of a passage in ``language``) hold the verb a who-question asks the doer of: in
        Japanese, every bigram of it (署名), else any of its forms (signed, signature)."""
        if self.language == "ja" and language == "ja":
            return self.verb <= words
        return not self.verb.isdisjoint(words)

    def tokens(self) -> set[str]:
        """Every token a unit is found by (``coverage`` and ``Unit.found_in`` look for no other)."""
        return {t for u in self.units for form in (u.alternatives, u.parts, *u.expansions, *u.related) for t in form}

    def own_language_tokens(self) -> dict[str, float]:
        """The scored tokens of the words that match only in passages of the question's language."""
        shared = {t for u in self.units if not u.own_language for t in (*u.alternatives, *u.parts)}
        return {t: self.terms[t] for u in self.units if u.own_language for t in u.alternatives
                if t not in shared and t in self.terms}


class Ranked(NamedTuple):
    """A ranked passage: BM25 score (weighted), ranking score (boosts, coverage) and query coverage."""

    index: int
    score: float
    final: float
    coverage: float


def moved_first(ranked: list[Ranked], holds: Callable[[Ranked], bool], ratio: float, closest: int) -> list[Ranked]:
    """``ranked`` with the first passage that ``holds`` what is asked moved first, when the best does not and that
    one is among the ``closest`` (the quotes an answer may give) and ranks at least ``ratio`` of the best's score."""
    if not ranked or holds(ranked[0]):
        return ranked
    best = ranked[0].final
    for n, hit in enumerate(ranked[:closest]):
        if hit.final < ratio * best:
            break
        if holds(hit):
            return [hit, *ranked[:n], *ranked[n + 1:]]
    return ranked


class Check(StrEnum):
    """One check of the abstention chain (Retriever.failed_checks), named for the calibration's counts."""

    NO_TERMS = "no terms"
    NO_MATCH = "no match"
    COVERAGE = "coverage"
    GIVEN_NUMBER = "a number given"
    UNKNOWN_NAME = "a name the corpus lacks"
    WRITTEN = "a word asked as written"
    TITLED_NAME = "a titled name (ja)"
    COUNTRY = "a country named"
    OF_COUNTRY = "the X of a country"
    NUMBER_IN_BEST = "a number in the best passage"
    AFTER_CORPUS = "after the corpus"
    EVENT_UNKNOWN = "an event the corpus lacks"
    PREMISE = "why: a premise"
    COUNT_CONTRADICTED = "a count the quotes contradict"
    KIND = "kind of answer"
    ROLE_OPENED = "who: the role in the opening quote"
    TITLE_UNKNOWN = "who: a title the corpus lacks"
    TOPIC = "a topic asked"
    EVENT_IN_BEST = "when: the event in the best passage"
    UNCOUNTED = "uncounted"
    UNNAMED = "unnamed"
    ATTRIBUTE_UNKNOWN = "what is asked of a thing (ja)"
    ACRONYM = "what an acronym stands for"
    DETAIL = "a detail asked (food, music, pages…)"
    SPEAKER = "what someone said: the quotes name them"
    REASON = "since: a reason given"
    LOW_SCORE = "low score"


class Failed(NamedTuple):
    """A check the cited passages fail: the answer's logged reason, and for a kind of answer, the kind."""

    check: Check
    reason: AbstentionReason
    kind: Kind | None = None


def glossary_key(word: str) -> str:
    """Surface form compared with glossary terms: folded, unstemmed, without a plural s ("japonisme" ≠ "japon")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and word.isascii() else word


def question_type_tokens(text: str, language: str) -> set[str]:
    """Tokens for the interrogatives of ``text`` ("?who@en"…): what an FAQ entry answers, what a question asks.

    They carry the language: an FAQ entry is preferred for a question asked in its own language only.
    """
    return {f"?{kind}@{language}" for kind in question_types(text)}


def _forms(unit: Unit) -> set[str]:
    """Every token that stands for ``unit`` in a passage: its variants, parts, glossary and related forms."""
    return {*unit.alternatives, *unit.parts, *(t for form in (*unit.expansions, *unit.related) for t in form)}


def _latin(language: str) -> str:
    return "en" if language == "ja" else language


def _stemmed(word: str, language: str) -> str:
    """The token a Latin-script word of the question is indexed as (a role, a verb, what a question is about)."""
    return stem(normalize(word), _latin(language))
