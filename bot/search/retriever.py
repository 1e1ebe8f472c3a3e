"""Question → cited passages: BM25 over analysed passages, with the query tuned to the corpus.

The retriever indexes the passages (bot.search.cache, bot.search.indexing), reads a question into a Query with the
QueryParser it owns (bot.search.parsing: units, variants, corrections, glossary, related words; the model is
bot.search.query's), then ranks: BM25 scores the distinct tokens (each once); passages in the question's language
get a boost; the top passages are re-ranked by how much of the question's IDF weight they cover. An FAQ entry also
matches the question's interrogative ("?who@fr"). Before all this, the chatter around the question is removed
(bot.search.cleanup); a message with nothing else is small talk. It cites the best passages (a passage holding the
kind of answer asked may lead: ``_answer_first``) and abstains when one of bot.search.checks' checks fails; the
quotes are chosen by bot.search.selection and bot.search.lead.
"""

from __future__ import annotations

import functools
import itertools
import math
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from bot.models import (
    LANGUAGES,
    AbstentionReason,
    Answer,
    AnswerKind,
    Citation,
    KnowledgeBase,
    LoadError,
    Passage,
    Passages,
    column,
)
from bot.search.about_source import about_sources, asks_about_source, names_source, sources_named, without_attribution
from bot.search.analysis import detect_language, sentence_tokens
from bot.search.bm25 import BM25Index, best_positions, contenders
from bot.search.cache import SOURCES_CACHE_NAME, IndexCache, build_index
from bot.search.checks import ENFORCED_KINDS, MIN_COVERAGE, PASSED, AbstentionChecks
from bot.search.cleanup import ChatLexicon, Cleaned, join_spelt_out
from bot.search.countries import Countries
from bot.search.covering import covering_first
from bot.search.events import two_events
from bot.search.evidence import acronym_asked, described_kinds, glossary_names
from bot.search.frequency import FREQUENCIES_NAME, WordFrequencies
from bot.search.frequency import fold as accents_folded
from bot.search.kinds import A_YEAR, Kind
from bot.search.lead import LEAD_RATIO, Lead, capital_shares, without_premise, written_as_name
from bot.search.named_in_language import asked_in, written_in_first
from bot.search.parsing import QUESTION_TYPE_WEIGHT, QueryParser, _without_cycles
from bot.search.people import People
from bot.search.places import Places
from bot.search.query import Query, Ranked, Unit, glossary_key, moved_first, question_type_tokens
from bot.search.readings import ReadingLexicon
from bot.search.selection import CITATION_RATIO, choose, suggest
from bot.search.several import first_of_several
from bot.search.snippets import PreparedText, prepare
from bot.search.spelling import REAL_WORD_ZIPF, EverydaySpeller
from bot.search.wordlists import WordList, words_of

# Calibration: tests/test_eval.py on knowledge/ (256 passages) and tests/eval/questions.yaml (89 in-scope, 22
# out-of-scope questions), one constant varied at a time. With these values: hits fr 29/30, en 29/30, ja 29/29,
# abstention 22/22. Each comment gives the range over which those figures do not change.
# --- ranking ---
LANGUAGE_BOOST = 1.5  # ranking factor for passages in the question's language; flat on 1.3–3.0 (1.0: ja −1)
RERANK_DEPTH = 30  # passages re-ranked by coverage after BM25; flat on 10–50
SAMPLE_POSTINGS = 2048  # postings of a question's rarest words read for a first k-th best score (see bm25.contenders)
EVERY_CONTENDER = SAMPLE_POSTINGS  # a corpus of at most this many passages ranks every one scoring above 0: the same
# best RERANK_DEPTH, without reading the rarest words' postings for a bound that leaves out a few dozen at most
COVERAGE_FLOOR = 0.6  # re-rank factor = COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage; flat on 0.6–1.0
# --- citations ---
SPELT_WORD_ZIPF = 3.0  # letters spelt out ("W H O") read as a word this common in French or English (or the corpus's)
NAMED_BEYOND = 2  # a passage naming the question's names may lead from this many ranks below the quotes' (« Miraikan
# で…始まったのは何年何月何日？» ranked 4th); on the 32 sets, +2 to +8 gain 7 answers and 10 first quotes, +1 less
ANSWER_FIRST_KINDS = ENFORCED_KINDS - {Kind.DATE, Kind.PERSON, Kind.SPEECH} | {Kind.DURATION, Kind.TITLE, Kind.BEGAN}
# a passage holding one of these asked is cited first (a date is in most passages: holding one tells them apart no more
# than a word would; who is named first is the lead's: bot.search.lead; words quoted are someone's: Akahoshi's quote
# does not answer "what did Muto say in his speech?"); a title is not enforced: a member asking one may know it
# without the quotation marks the sources put around it
DATE_OPENING = 6  # ... first in a passage with a sentence opening on it (2018年7月14日: six tokens)
KIND_COVERAGE = 0.75  # a passage holding the kind of answer asked is cited first when it covers this share of
# what the best passage covers (and ranks LEAD_RATIO of its score)
DUPLICATE_JACCARD = 0.8  # token-set overlap above which a passage is a near-duplicate of a cited one
MAX_CITATIONS = 3  # the quotes of an answer, at most
EVENT_PASSAGES = 5  # "how many years between A and B?": each event's dated passage is one of its best this many
TOKEN_SETS_KEPT = 4096  # passages' token sets kept between questions (see _TokenSets)


def passage_index_text(passage: Passage) -> str:
    """What is indexed for a passage: its heading, its text and, for an FAQ entry, its questions."""
    return "\n".join([passage.heading, passage.text, *passage.questions])


def _only(languages: frozenset[str]) -> str | None:
    return next(iter(languages)) if len(languages) == 1 else None


def _indexed_text(passage: Passage) -> tuple[str, str, list[str]]:
    """What the index holds for a passage: its text, its language, and an FAQ entry's interrogatives."""
    extra = sorted(question_type_tokens(" ".join(passage.questions), passage.language)) if passage.kind == "faq" else []
    return passage_index_text(passage), passage.language, extra


def _without_skipped(kb: KnowledgeBase, skipped: list[LoadError]) -> KnowledgeBase:
    """``kb`` less the files the index left out, each with its ``path:line`` error (served: the rest)."""
    if not skipped:
        return kb
    paths = {e.path for e in skipped}
    return replace(
        kb,
        documents=[d for d in kb.documents if d.path not in paths],
        passages=[p for p in kb.passages if p.path not in paths],
        errors=sorted([*kb.errors, *skipped], key=lambda e: (e.path, e.line)),
    )


def _without_positions(kb: KnowledgeBase, positions: frozenset[int]) -> KnowledgeBase:
    """``kb`` less the passages at ``positions`` (the sections about a source: a view of their own)."""
    if not positions:
        return kb
    return replace(kb, passages=[p for i, p in enumerate(kb.passages) if i not in positions])


def indexable(kb: KnowledgeBase) -> KnowledgeBase:
    """``kb`` as a start would serve it: files the index cannot analyse left out, with their errors."""
    return _without_skipped(kb, build_index(kb.passages, _indexed_text).skipped)


class _TokenSets:
    """``token_sets[i]``: the distinct tokens of passage ``i``, read from the index's arrays when asked.

    The last TOKEN_SETS_KEPT are kept: one question reads the same thirty passages' sets several times (ranking,
    selection, abstention, citations), and a frozenset per passage of the corpus would weigh more than the index.
    """

    __slots__ = ("_ids", "_index", "_kept", "_pairs")

    def __init__(self, index: BM25Index) -> None:
        self._index = index
        self._kept: dict[int, frozenset[str]] = {}
        self._ids: dict[int, frozenset[int]] = {}
        self._pairs: dict[tuple[int, int], bool] = {}

    def known(self, i: int) -> frozenset[str] | None:
        """``self[i]`` when it is kept, else None (nothing is made)."""
        return self._kept.get(i)

    def __getitem__(self, i: int) -> frozenset[str]:
        tokens = self._kept.get(i)
        if tokens is None:
            if len(self._kept) >= TOKEN_SETS_KEPT:
                self._kept = {}  # a fresh dict, not clear(): another thread may be reading the old one
            tokens = self._kept[i] = frozenset(map(self._index.terms.__getitem__, self.ids(i)))  # token_set(i), from
            # the ids kept (the passages ranked: their ids were read for coverage)
        return tokens

    def ids(self, i: int) -> frozenset[int]:
        """The term ids of passage ``i``'s distinct tokens, kept as the token sets are: comparing two passages needs
        no token made (most passages compared are near-duplicates, never quoted)."""
        ids = self._ids.get(i)
        if ids is None:
            if len(self._ids) >= TOKEN_SETS_KEPT:
                self._ids = {}
            ids = self._ids[i] = self._index.token_ids(i)
        return ids

    def alike(self, i: int, j: int) -> bool:
        """Passages ``i`` and ``j`` hold the same distinct tokens or overlap at DUPLICATE_JACCARD (the sets of term
        ids: the same overlap as the tokens', made faster), kept per pair as the sets are: a question compares its
        ranked passages with the best two or three times (the selections of ``_decide``, then the quotes')."""
        key = (i, j) if i < j else (j, i)
        alike = self._pairs.get(key)
        if alike is None:
            a, b = self.ids(i), self.ids(j)
            shared = len(a & b)  # |a ∪ b| = |a| + |b| - |a ∩ b|: the union is not built
            alike = a == b or shared / max(len(a) + len(b) - shared, 1) >= DUPLICATE_JACCARD
            if len(self._pairs) >= TOKEN_SETS_KEPT:
                self._pairs = {}
            self._pairs[key] = alike
        return alike

    def among(self, i: int, wanted: frozenset[int]) -> frozenset[str]:
        """The tokens of passage ``i`` whose ids are in ``wanted``, read from its kept id set: the passages ranked
        for a question are the ones selection compares next (``ids``), so each passage's tokens are read once."""
        return frozenset(map(self._index.terms.__getitem__, wanted.intersection(self.ids(i))))


class Retriever(AbstentionChecks):
    """Answers questions from a KnowledgeBase (immutable once built; safe to share between threads)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        k1: float = 1.5,
        b: float = 0.75,
        cache: IndexCache | None = None,
        frequencies: WordFrequencies | None = None,
        countries: Countries | None = None,
        quotes_sources: bool = False,
    ) -> None:
        # the sections about a source itself ("# About this source": its headline, its site) are left out here: a
        # headline shares the facts' words, and 27 more passages would move every word's IDF. A question about a
        # source is answered by a second retriever over the whole base, made at the first such question
        about = frozenset() if quotes_sources else about_sources(column(kb.passages, "heading"))
        self._whole = kb if about else None
        self._whole_view: Retriever | None = None
        self._whole_lock = threading.Lock()
        self._cache = cache  # the sources view keeps its index beside this one's (SOURCES_CACHE_NAME)
        self._k1, self._b = k1, b
        kb = _without_positions(kb, about)
        # the index cache is written beside what follows (the word lists, the columns read below): waited for at
        # the end, so a retriever made has its cache written
        self.indexed = indexed = build_index(kb.passages, _indexed_text, k1=k1, b=b, cache=cache, save_later=True)
        saved = cache.path.with_name(FREQUENCIES_NAME) if cache is not None else None  # beside the index cache
        self.frequencies = frequencies or WordFrequencies(saved)  # after the build: their peaks do not add up
        self.countries = countries or Countries()
        self._subjects: frozenset[str] | None = None  # the countries the corpus is about, read at the first need
        self.kb = kb = _without_skipped(kb, indexed.skipped)
        # the loader's passages are read where they lie (files from the cache stay columns: see Passages)
        self.passages = kb.passages if isinstance(kb.passages, Passages) else list(kb.passages)
        self._cards = about_sources(column(self.passages, "heading")) if quotes_sources else frozenset()
        self.index = indexed.index
        self._token_sets = _TokenSets(self.index)
        languages = column(self.passages, "language")
        codes = {language: n for n, language in enumerate(sorted(set(languages)))}
        self._language_codes = codes  # each passage's language as a small int: compared at C speed when ranking
        self._languages = np.array([codes[language] for language in languages], dtype=np.int8)
        self._language_names = tuple(codes)  # a code's language (codes count up in this order)
        self._surface = indexed.surface
        me = _without_cycles(self)
        self._readings = ReadingLexicon(
            [self.passages[i].text for i, language in enumerate(languages) if language == "ja"]
            + [t for e in kb.glossary for t in e.terms],
            everyday=functools.partial(self.frequencies.common_words, "ja", REAL_WORD_ZIPF),
        )
        self.people = People(self.frequencies, self.countries, self._readings.person_names)
        self._snippet_cache: dict[int, PreparedText] = {}
        self._token_cache: dict[int, list[str]] = {}
        # how the corpus writes a token (capitalised, inside a name: bot.search.lead), read once per token
        self.capital_shares = functools.lru_cache(maxsize=TOKEN_SETS_KEPT)(functools.partial(capital_shares, me))
        self.suggestable: dict[int, bool] = {}  # FAQ entries whose question is answered (see selection.suggest)
        self._faq_entries: dict[str, list[int]] = {}
        idfs = self.index.floored_idfs  # the vocabulary's order: the same sum
        self._average_idf = sum(idfs) / len(idfs) if idfs else 0.0
        self.lexicon = ChatLexicon(kb.chat, self._readings.boundaries)
        self.parser = QueryParser(
            indexed, self.frequencies, self.countries, self._readings, EverydaySpeller(self.frequencies.everyday), kb,
            math.log((len(self.passages) + 0.5) / 0.5), functools.partial(written_as_name, me),
        )
        self.related = self.parser.related  # the sources' words for the question's (bot.search.related)
        self._glossary_names = glossary_names(kb.glossary, self.frequencies)  # 武藤容治, フレンチテック: names given
        self._described_kinds = described_kinds(kb.glossary)  # "news agency": Xinhua
        self._source_names = frozenset(glossary_key(accents_folded(name)) for language in LANGUAGES
                                       for name in words_of(language, WordList.SOURCE_NAMES))
        families = {d.id: d.group or d.translation_of or d.id for d in kb.documents}
        self._places = Places(column(self.passages, "doc_id"), languages, families)
        indexed.wait_saved()

    @property
    def corpus_tokens(self) -> list[list[str]]:
        """The indexed tokens of every passage (rebuilt from the index: for tests and tools, not per question)."""
        return [self.index.passage_tokens(i) for i in range(len(self.passages))]

    def parse(self, question: str, language: str | None = None) -> Query:
        """The question analysed into units and scored terms (bot.search.parsing)."""
        return self.parser.parse(question, language)

    def surface_tokens(self, word: str) -> frozenset[str]:
        """The index tokens made from the corpus word ``word`` (empty when the corpus lacks it)."""
        return self._surface.get(word, frozenset())


    # ---------------------------------------------------------------- ranking
    def scores(self, query: Query) -> np.ndarray:
        """Weighted BM25 of every passage: each distinct token once, synonyms at GLOSSARY_WEIGHT."""
        groups: dict[float, list[str]] = defaultdict(list)
        for token, weight in query.terms.items():
            groups[weight].append(token)
        scores = np.zeros(len(self.passages))
        for weight, tokens in groups.items():
            scores += weight * self.index.get_scores(tokens)
        return scores

    def rank(self, query: Query) -> list[Ranked]:
        """The best passages holding a query token (at most RERANK_DEPTH), best first.

        A passage scoring ≤ 0 (tiny corpora, where rank-bm25's IDF floor is negative) ranks after every positive
        one, by coverage alone.
        """
        code = self._language_code(query.language) if query.language else None
        own = query.own_language_tokens() if query.language else {}
        if not own or self._all_in(code):  # no match to take back (below): the bounds may skip most postings
            pruned = self.index.pruned_contenders(query.terms, RERANK_DEPTH, self._boost_spread(code),
                                                  SAMPLE_POSTINGS)
            if pruned is not None:
                return self._ranked(query, self._top_hits(*pruned, code))
        docs, scores = self.index.dense_scores(query.terms)  # docs None: scores of every passage, by id
        if docs is not None and not len(docs):
            return []
        if own:  # "resté" is not the "rests" of an English passage: those matches are taken back
            own_docs, own_scores = self.index.weighted_scores(own)
            foreign = self._languages[own_docs] != code
            where = own_docs[foreign] if docs is None else np.searchsorted(docs, own_docs[foreign])
            scores = scores.copy()
            scores[where] -= own_scores[foreign]
            scores[where] = np.where(np.abs(scores[where]) < 1e-9, 0.0, scores[where])
        if docs is None and len(self.passages) <= EVERY_CONTENDER:  # a small corpus: every passage above 0
            positive = np.flatnonzero(scores > 0)
        elif docs is None:  # every passage's score: rank only those that can make the top RERANK_DEPTH
            sample = self.index.rarest_holders(query.terms, SAMPLE_POSTINGS)
            positive = contenders(scores, sample, RERANK_DEPTH, self._boost_spread(code))
        else:
            positive = np.flatnonzero(scores > 0)
        ids = positive if docs is None else docs[positive]
        hits = self._top_hits(ids, scores[positive], code)
        if len(hits) < RERANK_DEPTH:  # passages scoring <= 0 come after, by ranking too
            if docs is None:
                rest = np.flatnonzero(self.index.matched(query.terms) & (scores <= 0))
                rest_ids = rest
            else:
                rest = np.flatnonzero(scores <= 0)
                rest_ids = docs[rest]
            rest_ranking = self._boosted(rest_ids, scores[rest], code)
            picked = best_positions(rest_ranking, RERANK_DEPTH - len(hits)).tolist()
            hits += [(int(rest_ids[p]), float(scores[rest[p]]), float(rest_ranking[p])) for p in picked]
        return self._ranked(query, hits)

    def _top_hits(self, ids: np.ndarray, scores: np.ndarray, code: int | None) -> list[tuple[int, float, float]]:
        """The RERANK_DEPTH best of the passages ``ids`` (ascending) by ``scores`` boosted for the question's
        language: (passage, score, boosted score), best first, ties by lower id."""
        ranking = self._boosted(ids, scores.copy(), code)
        top = best_positions(ranking, RERANK_DEPTH)  # each array read once (tolist: Python ints and floats)
        return list(zip(ids[top].tolist(), scores[top].tolist(), ranking[top].tolist(), strict=True))

    def _ranked(self, query: Query, hits: list[tuple[int, float, float]]) -> list[Ranked]:
        """``hits`` (passage, score, boosted score) re-ranked by how much of the question each covers."""
        ranked = []
        wanted = query.tokens()
        asked = self.index.term_ids(wanted)  # coverage reads no other token: a passage's are not all made
        covered: dict[tuple[frozenset[str], str], float] = {}  # passages holding the same question words
        for i, score, boosted in hits:
            kept = self._token_sets.known(i)  # the same tokens, from a set already made (a cited passage's)
            present = kept.intersection(wanted) if kept is not None else self._token_sets.among(i, asked)
            key = (present, self.language_of(i))
            coverage = covered.get(key)
            if coverage is None:
                coverage = covered[key] = query.coverage(*key)
            final = boosted * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) if score > 0 else coverage * 1e-9
            ranked.append(Ranked(i, score, final, coverage))
        ranked.sort(key=lambda hit: (-hit.final, hit.index))
        return ranked

    def _boosted(self, ids: np.ndarray, ranking: np.ndarray, code: int | None) -> np.ndarray:
        """``ranking`` (the scores of passages ``ids``, a copy of its own) times LANGUAGE_BOOST, in place, for the
        passages in the question's language (``code``; None: no boost)."""
        if code is None:
            return ranking
        if len(self._language_codes) == 1:  # one language (a large corpus often): all boosted or none, no gather
            if code in self._language_codes.values():
                ranking *= LANGUAGE_BOOST
            return ranking
        ranking[self._languages[ids] == code] *= LANGUAGE_BOOST
        return ranking

    def _all_in(self, code: int | None) -> bool:
        """Every passage is in the language ``code``."""
        return len(self._language_codes) == 1 and code in self._language_codes.values()

    def _boost_spread(self, code: int | None) -> float:
        """The most the language boost can raise one passage's ranking over another's (1: it raises all or none)."""
        return 1.0 if code is None or len(self._language_codes) == 1 else LANGUAGE_BOOST

    def language_of(self, i: int) -> str:
        """Passage ``i``'s language, read without making the passage (most ranked passages are never quoted); item():
        a Python int, no numpy scalar made (read ~60 times a question)."""
        return self._language_names[self._languages.item(i)]

    def _language_code(self, language: str) -> int:
        """``language`` as ``_languages`` holds it (-1, matching no passage, for a language no passage is in)."""
        return self._language_codes.get(language, -1)

    def about_source(self, i: int) -> bool:
        """Passage ``i`` is a section about a source itself (its headline, link, subheadings)."""
        return i in self._cards

    def near_duplicate(self, i: int, chosen: list[int]) -> bool:
        """Passage ``i`` says nearly what one of ``chosen`` says (their token sets overlap, Jaccard)."""
        alike = self._token_sets.alike
        return any(alike(i, j) for j in chosen)

    # ---------------------------------------------------------------- answer
    def select(self, ranked: list[Ranked], max_citations: int = 3, apart: Sequence[Unit] = ()) -> list[int]:
        """The passages to cite: the best, then those close to it in ranking score that are not near-duplicates
        (and, of ``numbers_apart``, hold one the passages before them lack: a passage for each thing dated)."""
        if not ranked or max_citations < 1:
            return []
        chosen = [ranked[0].index]
        dated = {u.token for u in apart if u.found_in(self._token_sets[ranked[0].index])}
        for hit in ranked[1:]:
            if len(chosen) >= max_citations or hit.final < CITATION_RATIO * ranked[0].final:
                break
            holds = {u.token for u in apart if u.found_in(self._token_sets[hit.index])}
            if not self.near_duplicate(hit.index, chosen) and (not apart or not holds <= dated):
                chosen.append(hit.index)
                dated |= holds
        return chosen


    def _named_first(self, query: Query, ranked: list[Ranked], closest: int) -> list[Ranked]:
        """``ranked`` with the first passage naming every rare name of the question (Unit.named: JETRO, Akohosni)
        moved first, when the best names none of them and that one is among the ``closest`` and ranks LEAD_RATIO of
        its score: « JETROの正式名称は？ » is about JETRO, and the passage giving the declaration's 正式名称 (full name)
        matched more of the question's words without speaking of it.

        A word typed in lower case is a name when the corpus writes it capitalised (Unit.name_if_capitalised), which
        is read (20 passages a word) only for the words that decide: those the best lacks and a passage that may lead
        holds; then, when these name a passage to move, the others, any of which named keeps the order."""
        if not ranked:
            return ranked
        # a source's name is no name to lead with ("what does NHK say…?": a source says where the fact comes from, not
        # what it is about), unless the question asks about the source ("the Xinhua headline?")
        asks_source = None
        names, unknown = [], []  # the question's names, and its words that are names if the corpus writes them so
        for u in query.units:
            if not (u.named or u.name_if_capitalised):
                continue
            if u.keys & self._source_names:
                if asks_source is None:
                    asks_source = asks_about_source(query.spelt) or acronym_asked(query.text)
                if not asks_source:
                    continue
            (names if u.named else unknown).append(u)
        tokens = self._token_sets
        best = tokens[ranked[0].index]
        if any(u.found_in(best) for u in names):
            return ranked
        top = ranked[0].final
        window = list(itertools.takewhile(lambda hit: hit.final >= LEAD_RATIO * top, ranked[1:closest]))
        held, rest = [], []  # the words a passage that may lead holds and the best lacks; the others
        for u in unknown:
            (held if not u.found_in(best) and any(u.found_in(tokens[h.index]) for h in window) else rest).append(u)
        names += [u for u in held if written_as_name(self, u.name_if_capitalised)]
        lead = next((hit for hit in window if all(u.found_in(tokens[hit.index]) for u in names)), None)
        if not names or lead is None or any(written_as_name(self, u.name_if_capitalised) for u in rest):
            return ranked  # a name the best holds keeps it first, and one no passage near it holds moves none
        return moved_first(ranked, lambda hit: hit is lead, LEAD_RATIO, closest)

    @staticmethod
    def _sources_named(query: Query) -> frozenset[str]:
        """The sources a question names as its typos are read ("the tokio at paris artcle"), else as typed: a source's
        own name may be read as an everyday word ("elysee" as "ellis")."""
        return sources_named(query.spelt) or sources_named(query.text)

    def _answer_first(self, query: Query, ranked: list[Ranked]) -> list[Ranked]:
        """``ranked`` with the first passage holding the kind of answer asked (a number of what "how many" counts,
        an amount for "how much") moved first, when the best does not hold it and that one ranks close to it
        (LEAD_RATIO of its score, KIND_COVERAGE of its coverage): "how many start-ups pitched at the launch
        evening" is answered by "Nine startups pitched", not by the passage on the evening that has more words."""
        given = self.singling_numbers(query)
        if not ranked or not (query.kinds & ANSWER_FIRST_KINDS or query.counted is not None or given):
            return ranked
        best = ranked[0]
        # the best passage lacking a number given would be refused (_numbers_in_best): one holding it may lead
        # however many other words of the question the best holds ("what happened in 2013?": "happened" is the FAQ's)
        lacking = any(self._reported_year(u.token) and not u.found_in(self._token_sets[best.index]) for u in given)
        lacking = lacking or Kind.EXISTED in query.kinds  # "did J-Startup exist in 2015?": the quote dating its start
        # leads, though French Tech's, "begun in 2013", holds more of the question's words
        close = [(n, hit) for n, hit in enumerate(itertools.takewhile(lambda h: h.final >= LEAD_RATIO * best.final,
                                                                        ranked))
                 if (lacking or hit.coverage >= KIND_COVERAGE * best.coverage)
                 and self.holds_answer(query, [hit.index])
                 and all(u.found_in(self._token_sets[hit.index]) for u in given)]
        if not close:
            return ranked
        n, hit = close[0]
        if given:  # "what happened on july 14": a sentence opening on that day ("On 14 July 2018, …") tells it; the
            # first such passage leads, and those after it are not read sentence by sentence (a passage's analysis)
            n, hit = next((found for found in close if self._opens_on(given, found[1].index)), close[0])
        if n == 0:
            return ranked
        return [hit, *ranked[:n], *ranked[n + 1:]]

    def _written_first(self, query: Query, ranked: list[Ranked]) -> list[Ranked]:
        """``ranked`` with the first passage holding every word the question asks as written (Unit.written:
        "Japonismes", whose stem "japon" every passage on Japan meets) and the kind of answer it asks (a date for
        "quel jour") moved first, when the best lacks one and that passage ranks LEAD_RATIO of its score: the quote
        read first must be about it (_written_cited), and a passage on J-Startup that matched "ouvert" and "Japon"
        made « Japonismes 2018, ça a ouvert quel jour ? » abstain. A question asking no kind of answer is left as
        ranked ("quelles expositions de Japonismes ?": a passage naming the season gives no exhibition)."""
        asked = [u.written for u in query.units if u.written]
        kinds = query.kinds & ENFORCED_KINDS
        if not asked or not kinds or not ranked:
            return ranked

        def holds(i: int) -> bool:
            text = accents_folded(self.passages[i].text)
            return all(word in text for word in asked) and all(self._holds(query, kind, i) for kind in kinds)

        if holds(ranked[0].index):
            return ranked
        for n, hit in enumerate(itertools.takewhile(lambda h: h.final >= LEAD_RATIO * ranked[0].final, ranked)):
            if holds(hit.index):
                return [hit, *ranked[:n], *ranked[n + 1:]]
        return ranked

    def _opens_on(self, given: list[Unit], i: int) -> bool:
        """A sentence of passage ``i`` opens on every number ``given`` (among its first DATE_OPENING tokens). Only a
        sentence holding them all is analysed with its spans (its words are its spans' tokens)."""
        prepared = self.prepared(i)
        return any(all(u.found_in(frozenset(t for t, _, _ in prepared.spans(n)[:DATE_OPENING])) for u in given)
                   for n, words in enumerate(prepared.words) if all(u.found_in(words) for u in given))

    def holds_answer(self, query: Query, chosen: list[int]) -> bool:
        """The passages ``chosen`` hold every kind of answer asked that tells passages apart (ANSWER_FIRST_KINDS),
        and a number of what is counted."""
        if any(not any(self._holds(query, kind, i) for i in chosen) for kind in query.kinds & ANSWER_FIRST_KINDS):
            return False
        return query.counted is None or self._counts(query, chosen, strict=True)


    def _tokens(self, i: int) -> list[str]:
        """The analysed tokens of passage ``i`` in order (for word distances, the counts it states), once; read run by
        run (``sentence_tokens``: ``analyze``'s tokens)."""
        tokens = self._token_cache.get(i)
        if tokens is None:
            if len(self._token_cache) >= TOKEN_SETS_KEPT:  # bounded, as the token sets and snippets
                self._token_cache = {}
            passage = self.passages[i]
            tokens = self._token_cache[i] = sentence_tokens(passage.text, passage.language)
        return tokens

    def answer(
        self, question: str, language: str | None = None, max_citations: int = MAX_CITATIONS,
        leave_out: frozenset[str] = frozenset(),
    ) -> Answer:
        """Cited passages answering ``question``, or an abstention with its reason; never the passages (ids)
        ``leave_out`` names, nor their translations ("who else?" after an answer: bot.conversation). A message of
        several questions that finds nothing whole gets the answer of its first one (bot.search.several)."""
        started = time.perf_counter()
        if self._whole is not None and asks_about_source(question, attributed=True):  # NHK's headline?, 掲載
            about = self._sources_view().answer(question, language, max_citations, leave_out)
            if about.answered or about.small_talk:  # else the facts may answer: "the press release's 2013 plan"
                return replace(about, latency_ms=(time.perf_counter() - started) * 1000)
        whole = self._answer(question, language, max_citations, leave_out, started)
        if whole.answered or whole.small_talk:
            return whole
        # several questions in one message: its first one; a fact said to come from a source ("who signed,
        # according to Le Moci's website?"): the fact, wherever the corpus gives it
        for alone in filter(None, (first_of_several(question), without_attribution(question))):
            answer = self._answer(alone, language or whole.language, max_citations, leave_out, started)
            if answer.answered:
                return replace(answer, question=question)
        return whole

    def _sources_view(self) -> Retriever:
        """The retriever over the whole base, sections about a source included (made once, at the first need)."""
        with self._whole_lock:
            if self._whole_view is None:
                assert self._whole is not None
                cache = None if self._cache is None else IndexCache(
                    self._cache.path.with_name(SOURCES_CACHE_NAME), self._cache.sources)  # a restart reads it back
                self._whole_view = Retriever(self._whole, k1=self._k1, b=self._b, cache=cache,
                                             frequencies=self.frequencies, countries=self.countries,
                                             quotes_sources=True)
            return self._whole_view

    def _answer(
        self, question: str, language: str | None, max_citations: int, leave_out: frozenset[str], started: float
    ) -> Answer:
        """The answer to ``question`` searched whole (``answer``'s work; ``started``: when the member's ask began)."""
        cleaned, query = self._read(question, language)
        if not query.units and cleaned.chatter:  # "hi", "merci !", "👍": no question to search for
            return Answer(
                question=question,
                language=query.language or detect_language(question) or _only(cleaned.languages) or "en",
                answered=False,
                latency_ms=(time.perf_counter() - started) * 1000,
                reason=AnswerKind.SMALL_TALK.value,
                kind=AnswerKind.SMALL_TALK,
                chat=cleaned.removed,
            )
        max_citations = max(max_citations, 1)
        if self._whole is not None and query.spelt != query.text and asks_about_source(query.spelt, attributed=True) \
                and self._sources_named(query):
            # "wats teh japanees titel of teh nhk storee?": a source asked about, once its typos are read
            about = self._sources_view()._answer(question, query.language, max_citations, leave_out, started)
            if about.answered:
                return about
        query, ranked, reason = self._decide(query, max_citations, leave_out)
        citations: list[Citation] = []
        if not reason:
            citations = choose(self, query, ranked, max_citations).citations
            if leave_out and Kind.PERSON in query.kinds and not self._someone_new(citations, leave_out):
                reason, citations = "unnamed", []  # "who else?": the quotes name no one the last answer did not
        language = query.language or (self.passages[ranked[0].index].language if ranked else "en")
        return Answer(
            question=question,
            language=language,
            answered=not reason,
            citations=citations,
            latency_ms=(time.perf_counter() - started) * 1000,
            reason=reason,
            kind=AnswerKind.NOT_FOUND if reason else AnswerKind.ANSWER,
            summary=citations[0].snippet if citations else "",
            suggestions=suggest(self, ranked, language) if reason else [],
        )

    def answers(self, question: str, language: str) -> bool:
        """Whether :meth:`answer` answers ``question`` (a FAQ entry offered as a suggestion), decided as it decides,
        without its quotes: the first need of each entry is checked in the member's ask."""
        cleaned, query = self._read(question, language)
        if not query.units and cleaned.chatter:
            return False  # small talk
        return not self._decide(query, MAX_CITATIONS, frozenset())[2]

    def _read(self, question: str, language: str | None) -> tuple[Cleaned, Query]:
        """The question without its chatter, and analysed (in ``language``, else the one it reads as)."""
        cleaned = self.lexicon.clean(join_spelt_out(question, self._spelt_word))  # "W H O": no "w" (lol) to cut
        text = cleaned.text
        return cleaned, self.parse(text, language or detect_language(text) or detect_language(question))

    def _decide(
        self, query: Query, max_citations: int, leave_out: frozenset[str]
    ) -> tuple[Query, list[Ranked], AbstentionReason]:
        """The query the answer is for, its ranked passages and why they do not answer it ("": they do)."""
        ranked = self._named_first(query, self._without(self.rank(query), leave_out), max_citations + NAMED_BEYOND)
        ranked = self._answer_first(query, self._written_first(query, ranked))
        if (named := asked_in(query.text, query.language)) is not None:  # « le nom japonais »: a quote giving it so
            ranked = written_in_first(ranked, named, lambda hit: self.passages[hit.index].text, LEAD_RATIO,
                                      max_citations)
        if self._cards and asks_about_source(query.spelt) and Kind.PERSON not in query.kinds:  # a source asked
            # about: its section leads, though the facts it speaks of hold more words (not for a fact said to come
            # from a source: "according to NHK"; nor for who someone in it is: a section names no one)
            ranked = moved_first(ranked, lambda hit: hit.index in self._cards, LEAD_RATIO, max_citations)
            named = self._sources_named(query) if ranked and ranked[0].index in self._cards else frozenset()
            if named and not names_source(self.passages[ranked[0].index].text, named):  # "the link to the Tokyo at
                # Paris article?": that source's section leads, not another's whose headline holds Paris and Tokyo
                # (in the question's language when it has one)
                cards = [hit for hit in ranked if hit.index in self._cards
                         and names_source(self.passages[hit.index].text, named)]
                own = [hit for hit in cards if self.language_of(hit.index) == query.language]
                if lead := (own or cards)[:1]:
                    ranked = moved_first(ranked, lambda hit: hit is lead[0], LEAD_RATIO, len(ranked))
        if query.roles and ranked and not self.states_roles(query, ranked[0].index):  # フランスの首相は誰: the quote
            # naming France's prime minister leads, not one of "PM Valls and PM Abe" that says whose neither is
            ranked = moved_first(ranked, lambda hit: self.states_roles(query, hit.index), LEAD_RATIO, max_citations)
        if names := self.of_kind_asked(query):  # "which news agency reported…?": the quote naming Xinhua leads (one
            # holding the numbers the question gives, as the best must)
            ranked = moved_first(ranked, lambda hit: self.names_one_of(hit.index, names) and self._numbers_in_best(
                query, [hit.index]), LEAD_RATIO, max_citations)
        if Kind.YEARS in query.kinds and (events := two_events(query.text, query.language or "en")):
            ranked = self._events_dated_first(query, ranked, events)
        apart = self.numbers_apart(query)
        chosen = self.select(ranked, max_citations, apart)
        if (covered := covering_first(self, query, ranked, chosen)) is not ranked:  # a passage moved: chosen again
            ranked, chosen = covered, self.select(covered, max_citations, apart)
        failed = self.failed_checks(query, ranked, chosen)  # lazily: the first failure (abstention's reason), then
        # for low coverage the checks after it, read on rather than run again from the chain's start
        reason = next(failed, PASSED).reason
        if reason == "low-coverage" and any(f.reason != reason for f in failed):
            return query, ranked, reason  # "did they sign a follow-up at the 2019 G20 in Osaka?": the name it supposes
            # aside, it still asks about after the corpus (or another thing the sources never give)
        if reason in ("", "low-coverage"):  # "was it signed in Tokyo?": asked as "where was it signed?"
            asked = without_premise(self, query, QUESTION_TYPE_WEIGHT)
            restated = self._without(self.rank(asked), leave_out) if asked is not None else []
            # a premise the corpus contradicts leaves the question's words apart: the fact still settles it
            settled = asked is not None and restated and restated[0].coverage >= MIN_COVERAGE and (
                not reason or not self.abstention(asked, restated, self.select(restated, max_citations)))
            if settled and self._states_premise_kind(asked, restated):
                return asked, restated, ""
        return query, ranked, reason

    def _events_dated_first(
        self, query: Query, ranked: list[Ranked], cuts: list[tuple[str, str]]
    ) -> list[Ranked]:
        """``ranked`` with the best dated passage of each event a "how many years between A and B?" question names
        first (bot.search.events): A's, then B's, each searched on its own, for the first of the ``cuts`` whose events
        are dated by two different years; both rank as the best does (the quotes give both dates, though the whole
        question's words weigh less in one of them). ``ranked`` as it is when none is, among each event's
        EVENT_PASSAGES best and the passages the whole question matches."""
        by_index = {hit.index: hit for hit in ranked}
        for events in cuts:
            led: list[tuple[int, str]] = []
            for event in events:
                part = self.parse(event, query.language)
                hits = self.rank(part)[:EVENT_PASSAGES] if part.units else []
                dated = next(((hit.index, year.group()) for hit in hits
                              if (year := A_YEAR.search(self.passages[hit.index].text))), None)
                if dated is None or dated[0] not in by_index:
                    break
                led.append(dated)
            if len(led) == 2 and led[0][1] != led[1][1]:
                first = [i for i, _ in led]
                top = max(ranked[0].final, *(by_index[i].final for i in first))
                return [*(by_index[i]._replace(final=top) for i in first),
                        *(hit for hit in ranked if hit.index not in first)]
        return ranked

    def _states_premise_kind(self, asked: Query, restated: list[Ranked]) -> bool:
        """The quote a yes/no question asked again without its premise opens on states the premise's kind: a place
        for "was it signed in Tokyo?" ("signed in Paris"), someone beside the verb for "did Abe sign it?" (the
        signatories). Else the restatement corrects nothing: "安倍首相は関係ありますか" asked as "who is 関係?"
        would open on "160 years of diplomatic relations (関係)", a passage without anyone; the question is then
        answered as asked."""
        lead = Lead(self, asked)
        return lead.states(lead.first(restated)[0].index)

    def _spelt_word(self, letters: str) -> float:
        """How common the word that letters spelt out one by one make is (Zipf, French or English); 0 for none: a
        word rarer than SPELT_WORD_ZIPF, unless the corpus has it."""
        zipf = self.frequencies.zipf(letters, "fr")
        return zipf if zipf >= SPELT_WORD_ZIPF else SPELT_WORD_ZIPF if letters in self._surface else 0.0

    def _someone_new(self, citations: list[Citation], leave_out: frozenset[str]) -> bool:
        """The quotes name a person the passages ``leave_out`` (the last answer's) do not name."""
        left = [self.passages[i] for i, pid in enumerate(column(self.passages, "id")) if pid in leave_out]
        known = [name for p in left for name in self.people.names(p.text, p.language)]
        return any(self.people.new_names(c.snippet, c.language, known) for c in citations)

    def _without(self, ranked: list[Ranked], leave_out: frozenset[str]) -> list[Ranked]:
        """``ranked`` less the passages ``leave_out`` names and the passages at the same place of the documents
        that translate theirs (the same answer in another language)."""
        if not leave_out:
            return ranked
        places = {self._place(i) for i, pid in enumerate(column(self.passages, "id")) if pid in leave_out}
        return [hit for hit in ranked if self._place(hit.index) not in places]

    def _place(self, i: int) -> tuple[str, int]:
        """Passage ``i`` as (its document's translation family, its position in the document)."""
        return self._places.place(i)

    def translation(self, i: int, language: str) -> int | None:
        """The passage of ``language`` at passage ``i``'s place in the documents that translate its own (the same
        fact in another language), None when there is none."""
        return self._places.translation(i, language)

    def faq_entries(self, language: str) -> list[int]:
        """The FAQ entries in ``language`` (with a question), in corpus order; listed once per language."""
        entries = self._faq_entries.get(language)
        if entries is None:
            entries = []
            kinds = column(self.passages, "kind")
            if "faq" in kinds:  # a C-speed scan tells a corpus without any (100k SciFact passages: 18 -> 2 ms)
                languages, questions = column(self.passages, "language"), column(self.passages, "questions")
                entries = [i for i, kind in enumerate(kinds) if kind == "faq" and languages[i] == language
                           and questions[i]]
            self._faq_entries[language] = entries
        return entries

    def passage_tokens(self, i: int) -> frozenset[str]:
        """The indexed tokens of passage ``i``."""
        return self._token_sets[i]

    def prepared(self, i: int) -> PreparedText:
        return self._prepared(i)

    def _prepared(self, i: int) -> PreparedText:
        """Passage ``i`` split into sentences and analysed for snippets, once (a benign race at worst)."""
        prepared = self._snippet_cache.get(i)
        if prepared is None:
            if len(self._snippet_cache) >= TOKEN_SETS_KEPT:  # bounded, as the token sets (a fresh dict: see there)
                self._snippet_cache = {}
            passage = self.passages[i]
            prepared = self._snippet_cache[i] = prepare(passage.text, passage.language)
        return prepared
