"""Group logged questions by meaning, across French, English and Japanese (``logs top``, ``logs unanswered``).

A question is described by what the search already knows how to read, so the log and the retriever agree:

* its tokens from ``bot.search.analysis`` (accent folding, elisions, stop words, Snowball stems, kanji and
  katakana bigrams) and what it asks (``question_types``: who, when, where, how many, why);
* glossary names in any language turned into one concept token (``signé``/``signed``/``署名`` → ``=g:signature``);
* with a corpus, the passages the retriever ranks first for it, named by their place in the parallel documents
  (``en/lemoci.md`` passage 3 is ``fr/lemoci.md`` passage 3): two questions that retrieve the same facts in
  different languages are the same topic even when no word is shared.

Weights are IDF-like (a word every passage has, "declaration", counts little). Questions are then clustered
greedily against the group centroids by cosine similarity. No network, no language model; deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.models import column
from bot.search.analysis import analyze, detect_language, normalize, question_types

if TYPE_CHECKING:
    from bot.models import GlossaryEntry, KnowledgeBase
    from bot.search.retriever import Retriever

THRESHOLD = 0.35
"""Cosine similarity a question needs with a group's centroid to join it."""
PASSAGES = 3
"""How many of the retriever's best passages describe a question."""
PASSAGE_RATIO = 0.6
"""A passage describes the question only if it ranks within this ratio of the best one."""
PASSAGE_WEIGHT = 1.2
"""Weight of the corpus view against the words (the sum of a question's passage features)."""
QUESTION_TYPE_WEIGHT = 0.6
TYPE_MISMATCH = 0.0
"""Similarity kept when a question asks something else than the group (who vs when about the same signing)."""
CONCEPT_PREFIX = "=g:"
_LANGUAGES = ("fr", "en", "ja")
_LANGUAGE_DIR = re.compile(r"^(?:fr|en|ja)/")


def _language(text: str, language: str | None) -> str:
    return language if language in _LANGUAGES else (detect_language(text) or "en")


@lru_cache(maxsize=4096)
def _tokens(text: str, language: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(analyze(text, language)))


def topic_key(question: str, language: str | None = None) -> str:
    """The key stored with each logged question (the dashboard groups by it): its sorted analysis tokens and what
    it asks (``?who``), or its normalized text when it has neither. Equal keys mean the same words after
    analysis; grouping by meaning across languages is ``cluster``'s job."""
    tokens = [*_tokens(question, _language(question, language)), *(f"?{k}" for k in question_types(question))]
    return " ".join(sorted(tokens)) if tokens else "~" + " ".join(normalize(question).split())


@dataclass(frozen=True, slots=True)
class Glossary:
    """Glossary terms as analysed token sets per language, longest first, each naming a concept."""

    forms: dict[str, tuple[tuple[frozenset[str], str], ...]]

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry]) -> Glossary:
        forms: dict[str, list[tuple[frozenset[str], str]]] = {lang: [] for lang in _LANGUAGES}
        for entry in entries:
            for term in entry.terms:
                for lang in _LANGUAGES:
                    form = frozenset(analyze(term, lang))
                    if form:
                        forms[lang].append((form, CONCEPT_PREFIX + entry.id))
        return cls({lang: tuple(sorted(set(f), key=lambda x: (-len(x[0]), sorted(x[0]), x[1])))
                    for lang, f in forms.items()})

    def concepts(self, tokens: Iterable[str], language: str) -> list[str]:
        """``tokens`` with every glossary term found replaced by its concept (longest terms first)."""
        left = list(dict.fromkeys(tokens))
        found: list[str] = []
        for form, concept in self.forms.get(language, ()):
            if form <= set(left):
                left = [t for t in left if t not in form]
                found.append(concept)
        return [*dict.fromkeys(found), *left]


def parallel_key(path: str, position: int) -> str:
    """A passage named by its place in the parallel documents: ``lemoci.md#3`` for en/, fr/ and ja/ alike."""
    return f"{_LANGUAGE_DIR.sub('', path)}#{position}"


@dataclass
class TopicModel:
    """What ``cluster`` compares questions with: the glossary and, when given, the retriever over the corpus."""

    glossary: Glossary = field(default_factory=lambda: Glossary({}))
    retriever: Retriever | None = None
    _keys: list[str] = field(default_factory=list, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase, retriever: Retriever | None = None) -> TopicModel:
        """The model for a knowledge base; builds a retriever when none is given."""
        if retriever is None:
            from bot.search.retriever import Retriever

            retriever = Retriever(kb)
        model = cls(Glossary.from_entries(kb.glossary), retriever)
        seen: Counter[str] = Counter()
        for path in column(retriever.passages, "path"):
            seen[path] += 1
            model._keys.append(parallel_key(path, seen[path]))
        return model

    def idf(self, token: str, language: str) -> float:
        """Rarity of a token in the corpus (1.0 without one); a concept is as rare as its rarest form."""
        if self.retriever is None:
            return 1.0
        key = f"{language}:{token}"
        if key not in self._idf:
            self._idf[key] = self._rarity(token, language)
        return self._idf[key]

    def _rarity(self, token: str, language: str) -> float:
        assert self.retriever is not None
        index = self.retriever.index
        ceiling = math.log1p(len(self.retriever.passages))
        if token.startswith(CONCEPT_PREFIX):
            forms = [form for form, concept in self.glossary.forms.get(language, ()) if concept == token]
            values = [min(self._rarity(t, language) for t in form) for form in forms]
            return max(values, default=ceiling)
        if token not in index.vocabulary:
            return ceiling
        return max(min(index.idf(token), ceiling), 0.05)

    def features(self, question: str, language: str | None) -> dict[str, float]:
        """The weighted features of one question (unit length)."""
        lang = _language(question, language)
        tokens = self.glossary.concepts(_tokens(question, lang), lang)
        vec: dict[str, float] = {t: self.idf(t, lang) for t in tokens}
        for kind in question_types(question):
            vec[f"?{kind}"] = QUESTION_TYPE_WEIGHT
        vec.update(self._passages(question, lang))
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {k: v / norm for k, v in vec.items()} if norm else {"~" + normalize(question): 1.0}

    def _passages(self, question: str, language: str) -> dict[str, float]:
        if self.retriever is None:
            return {}
        query = self.retriever.parse(question, language)
        ranked = self.retriever.rank(query) if query.units else []
        if not ranked or ranked[0].final <= 0:
            return {}
        best = ranked[0].final
        hits = [hit for hit in ranked[:PASSAGES] if hit.final >= PASSAGE_RATIO * best]
        total = sum(hit.final for hit in hits)
        words = math.sqrt(sum(self.idf(t, language) ** 2 for t in _tokens(question, language))) or 1.0
        out: dict[str, float] = {}
        for hit in hits:
            key = "@" + self._keys[hit.index]
            out[key] = out.get(key, 0.0) + PASSAGE_WEIGHT * words * hit.final / total
        return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def cluster(
    questions: Sequence[tuple[str, str | None]],
    model: TopicModel | None = None,
    *,
    threshold: float = THRESHOLD,
) -> list[list[int]]:
    """Group ``(question, language)`` pairs; returns lists of indices, biggest group first.

    Distinct questions are taken most asked first (ties: first seen); each joins the group whose centroid it
    resembles most (cosine ≥ ``threshold``) or starts a new one. Same input, same groups, same order.
    """
    distinct: dict[tuple[str, str | None], list[int]] = {}
    for i, (text, language) in enumerate(questions):
        distinct.setdefault((" ".join(text.split()), language), []).append(i)
    phrasings = [Phrasing(text, language, len(members)) for (text, language), members in distinct.items()]
    rows = list(distinct.values())
    groups = [sorted(i for d in group for i in rows[d]) for group in cluster_counted(phrasings, model,
                                                                                     threshold=threshold)]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One way a question was asked (its text with spaces collapsed, its language) and how many times."""

    text: str
    language: str | None
    count: int


def cluster_counted(
    phrasings: Sequence[Phrasing], model: TopicModel | None = None, *, threshold: float = THRESHOLD
) -> list[list[int]]:
    """``cluster`` over distinct phrasings given in the order they were first asked: lists of their indices.

    The most asked is placed first (ties: first asked). Only the groups that share a feature with a phrasing can
    reach ``threshold`` (> 0), so only those are scored: the work grows with the groups alike, not with all."""
    model = model or TopicModel()
    groups: list[list[int]] = []
    sums: list[dict[str, float]] = []
    norms: list[float] = []
    kinds: list[frozenset[str]] = []
    having: dict[str, list[int]] = {}  # feature -> the groups whose centroid has it, ascending
    for i in sorted(range(len(phrasings)), key=lambda i: (-phrasings[i].count, i)):
        phrasing = phrasings[i]
        vec = model.features(phrasing.text, phrasing.language)
        asks = question_types(phrasing.text)
        shared = sorted({g for k in vec for g in having.get(k, ())})
        candidates = shared if threshold > 0 else range(len(groups))
        best, best_score = -1, threshold
        for g in candidates:
            norm = norms[g]
            score = _cosine(vec, sums[g]) / norm if norm else 0.0
            if asks and kinds[g] and asks.isdisjoint(kinds[g]):
                score *= TYPE_MISMATCH
            if score > best_score or (best < 0 and score >= best_score):
                best, best_score = g, score
        if best < 0:
            best = len(groups)
            groups.append([])
            sums.append({})
            norms.append(0.0)
            kinds.append(asks)
        groups[best].append(i)
        total = sums[best]
        for k, v in vec.items():
            if k not in total:
                having.setdefault(k, []).append(best)
            total[k] = total.get(k, 0.0) + v * phrasing.count
        norms[best] = math.sqrt(sum(v * v for v in total.values()))
    return groups


def adjusted_rand_index(labels_true: Sequence[object], labels_pred: Sequence[object]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items (1.0: identical)."""
    if len(labels_true) != len(labels_pred):
        raise ValueError("the labellings must cover the same items")
    pairs = Counter(zip(labels_true, labels_pred, strict=True))
    index = sum(math.comb(n, 2) for n in pairs.values())
    rows = sum(math.comb(n, 2) for n in Counter(labels_true).values())
    cols = sum(math.comb(n, 2) for n in Counter(labels_pred).values())
    total = math.comb(len(labels_true), 2)
    if total == 0:
        return 1.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)
