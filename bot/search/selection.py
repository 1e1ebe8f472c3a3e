"""After ranking: which passages an answer quotes, and which of their sentences are said first.

A member reads the answer on a phone, so the answer is short and says one thing once:

* **one language** — the citations are in the question's language whenever a passage in that language
  holds the fact (covers about as much of the question as the best passage, and ranks not far below it, or
  translates it: the corpus's parallel passages); a passage in another language is cited only when none does;
* **the summary** — the sentence(s) of the first citation that match the question best, said first;
* **facts, not paraphrases** — a further citation is kept only when its snippet adds words the summary
  and the earlier snippets do not already give; the corpus tells the same fact in many files, and three
  quotes of it are one fact read three times. A quote left out only because the quotes shown already hold every
  word of the question still fills a slot the others leave empty: the words a member asks with are often the
  ones every passage on the subject repeats, and the fact asked for (a date, a name, what was done) is what the
  passage adds (« lequel est le plus ancien, la French Tech ou J-Startup ? »: the date of J-Startup).

Highlights mark the question's own words (and their spelling variants), never the glossary synonyms
retrieval also searched for ("declaration" finds "accord", which must not bold "According").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING

from bot.models import Citation, Passage, Suggestion
from bot.search.kinds import Kind, fold
from bot.search.lead import Lead, asks_role, is_who_is
from bot.search.snippets import quote_tokens, quote_window, whole_sentences, word_spans

if TYPE_CHECKING:
    from bot.search.query import Query, Ranked
    from bot.search.retriever import Retriever

# Calibration: `python -m bot.bench.answers` and tests/test_eval.py (tests/eval/*.yaml), one constant
# varied at a time; the comments give the ranges over which the eval hit rates do not change.
CITATION_RATIO = 0.5  # a further citation needs ≥ this share of the lead's ranking score (Retriever.select's too);
# flat on 0.4–0.5 (0.6: en −1)
SAME_LANGUAGE_RATIO = 0.3  # a passage in the question's language may lead when it ranks ≥ this share of the best
SAME_LANGUAGE_COVERAGE = 0.9  # ... and covers ≥ this share of the question weight the best passage covers
NOVELTY = 0.4  # a further citation's snippet must have ≥ this share of content tokens not shown yet
MIN_NEW_TOKENS = 3  # ... and at least this many
CLOSE_RATIO = 0.8  # ... and either rank ≥ this share of the lead (it may be the better answer) or hold a word of
# the question the quotes shown so far lack
_FIGURES = frozenset({Kind.DATE, Kind.COUNT, Kind.DURATION, Kind.YEARS, Kind.AGE, Kind.UNTIL, Kind.MONEY})  # one of
# these asked, a figure the quotes so far lack is news, however few the further quote's new words (NOVELTY)
FILL_RATIO = 0.7  # a quote left out for length alone fills an empty slot when it ranks ≥ this share of the lead. Over
# the 18 dev sets (in-scope hit@3 / citations of in-scope answers): 0.5 +26 / +1,421 (median answer 485 -> 672
# characters, python -m bot.bench.answers: over the 600 target on every set); 0.65 +18 / +697; 0.7 +13 / +489
# (median 539, Q 672); never filling: 2,845 / 5,073
# (or ≥ CITATION_RATIO when it holds the kind of answer asked that no quote shown holds: _gives_the_asked_kind)
SUGGESTIONS = 3  # related questions offered when the bot does not know
SUMMARY_CHARS = 300  # the summary: the best sentence, and the next one when both fit
FURTHER_SNIPPET_CHARS = 200  # the quote of a further citation, there only for the fact it adds
SOURCE_CHARS = 420  # the summary when it quotes a section about a source: its three subheadings, its title and link
# in one sentence, whole (a cut left out the third subheading asked for)
SENTENCE_SLACK = 60  # a quote of one sentence up to this many characters over its limit is quoted whole: a cut near
# its end drops what the member asked for (« …une combinaison robotisée qui lit les signaux électriques du… »)

_WORDS = re.compile(r"\w+")
# Another one than a person described asked ("the other French minister, besides the digital one", « l'autre
# signataire, à part celui du numérique », 以外の署名者): a quote naming someone may name the one set aside.
_ANOTHER = re.compile(r"\b(?:other|besides|apart from|aside from|except|autres?|outre|a part|hormis|sauf)\b"
                      r"|以外|ほかの|他の")
_TOKEN = itemgetter(0)  # the token of a (token, start, end) span


class LeftOut(StrEnum):
    """Why ``choose`` did not quote a passage of its pool (Selection.left_out; tests/brevity.py counts them)."""

    NEAR_DUPLICATE = "near-duplicate"
    YEAR = "year"  # it lacks the year the question gives, which the first quote holds (of several: a new one)
    SEEN_ALL_LOW = "seen-all-low"
    NOVELTY = "novelty"
    ANSWERED = "answered"
    ONLY_LENGTH = "only-length"
    ONE_CHARACTER = "one-character"


@dataclass(slots=True)
class Selection:
    """The quoted passages (the first one holds the summary) and the summary itself."""

    citations: list[Citation] = field(default_factory=list)
    left_out: dict[int, LeftOut] = field(default_factory=dict)  # a passage of the pool not quoted: the rule that left
    # it out (read by tests/brevity.py, which lists the answers whose fact such a passage held)

    @property
    def summary(self) -> str:
        return self.citations[0].snippet if self.citations else ""


def own_words(query: Query) -> frozenset[str]:
    """The tokens of the question's own words (with their corpus variants and corrections), not synonyms."""
    words: set[str] = set()
    for unit in query.units:
        words |= unit.alternatives
        words.update(unit.parts)
    return frozenset(words)


def choose(retriever: Retriever, query: Query, ranked: list[Ranked], max_citations: int = 3) -> Selection:
    """The citations of an answer from the ranked passages (best first)."""
    if not ranked or max_citations < 1:
        return Selection()
    pool = _language_pool(retriever, query, ranked)
    top = pool[0].final
    lead = Lead(retriever, query)
    pool = lead.first(pool)  # the passage that states the asked fact leads
    weights = {t: w * max(retriever.index.idf(t), 0.05) for t, w in query.terms.items()}
    words = own_words(query)
    asked = set(query.terms)
    chosen: list[int] = []
    shown: set[str] = set()
    seen: frozenset[str] = frozenset()  # every token of the snippets shown, the question's words included
    citations: list[Citation] = []
    years = retriever.past_years(query)  # "what happened in 2015?": a quote of 2018 answers nothing
    apart = retriever.numbers_apart(query)  # "both the 2013 statement and the 2015 launch": a quote for each
    dated: set[str] = set()  # the numbers apart the quotes chosen hold
    skipped: list[Ranked] = []  # further quotes left out for length alone (every word of the question shown)

    def too_low(hit: Ranked) -> bool:  # a further quote ranks too far below the best (read as ``chosen`` grows)
        return bool(chosen) and hit.final < CITATION_RATIO * top

    left_out: dict[int, LeftOut] = {}
    figures = not query.kinds.isdisjoint(_FIGURES)

    def fills(hit: Ranked) -> bool:  # a quote left out for length fills an empty slot (read as ``chosen`` grows)
        return hit.final >= FILL_RATIO * top or _gives_the_asked_kind(retriever, query, hit.index, chosen)

    for hit, brief in _with_slots_filled(pool, skipped, too_low, fills):
        if len(citations) == max_citations:
            break
        if retriever.near_duplicate(hit.index, chosen):
            left_out[hit.index] = LeftOut.NEAR_DUPLICATE
            continue
        holds = {u.token for u in apart if u.found_in(retriever.passage_tokens(hit.index))}
        if citations and (holds <= dated if apart else
                          not all(u.found_in(retriever.passage_tokens(hit.index)) for u in years)):
            left_out[hit.index] = LeftOut.YEAR
            continue  # a further quote holds the year the question gives, as the first does; of numbers apart,
            # one the quotes so far lack
        low = hit.final < CLOSE_RATIO * pool[0].final
        if brief and citations and low and all(u.found_in(seen) for u in query.units):
            skipped.append(hit)
            left_out[hit.index] = LeftOut.SEEN_ALL_LOW
            continue  # the test below, decided before quoting: nothing is missing, so no snippet can add a word
        limit = SUMMARY_CHARS if not citations else FURTHER_SNIPPET_CHARS
        if not citations and retriever.about_source(hit.index):
            limit = SOURCE_CHARS
        sources = list(dict.fromkeys(_source_key(retriever.passages[i]) for i in [*chosen, hit.index]))
        n = sources.index(_source_key(retriever.passages[hit.index])) + 1  # two quotes of one source: one number
        stated = lead.sentence_states(hit.index) if lead.active else ()
        passage = retriever.passages[hit.index]
        prepared = retriever.prepared(hit.index)
        window = quote_window(prepared, weights, limit, stated)
        if window[1] - window[0] == 1 and prepared.sentences:  # one sentence a little too long: whole, not cut
            limit = max(limit, min(len(prepared.sentences[window[0]]), limit + SENTENCE_SLACK))
        snippet_tokens: list[tuple[str, int, int]] | None = None  # their spans: made for a kept quote only
        if whole := whole_sentences(prepared, window, limit, stated):
            snippet, all_tokens = whole
        else:
            snippet, snippet_tokens = quote_tokens(prepared, passage.language, weights, limit, stated, window)
            all_tokens = frozenset(map(_TOKEN, snippet_tokens))
        tokens = all_tokens - asked
        new = tokens - shown
        if citations:
            if (len(new) < MIN_NEW_TOKENS or len(new) < NOVELTY * len(tokens)) and not (
                    figures and any(t.isdigit() for t in new)):
                left_out[hit.index] = LeftOut.NOVELTY
                continue  # the same fact again: the member would read it twice (unless it gives a figure the
                # quotes so far lack and a date or a number is asked: "on 14 July" beside "signed on 13 July")
            missing = [u for u in query.units if not u.found_in(seen)]
            covered = not any(u.found_in(all_tokens) for u in missing)
            answered = covered and _answered(retriever, query, citations)  # read once: it lists the quotes' people
            if covered and (answered or (brief and hit.final < CLOSE_RATIO * top)):
                if brief and not answered:
                    skipped.append(hit)
                left_out[hit.index] = LeftOut.ANSWERED if answered else LeftOut.ONLY_LENGTH
                continue  # the quotes already hold every word of the question (and what it asks): only length
                # (a slot the close quotes leave empty is filled by these afterwards, in rank order: a quote
                # that repeats the question's words may be the one that answers it)
        found = [u for u in query.units if u.found_in(all_tokens)]
        if citations and found and all(len(u.token) == 1 for u in found):
            left_out[hit.index] = LeftOut.ONE_CHARACTER
            continue  # a further quote met on one character alone (the 書 of 書いて, "written"): nothing asked
        chosen.append(hit.index)
        dated |= holds
        shown |= tokens
        seen |= all_tokens
        if snippet_tokens is None:
            snippet_tokens = quote_tokens(prepared, passage.language, weights, limit, stated, window)[1]
        citations.append(_citation(passage, n, hit.score, snippet, words, snippet_tokens))
        left_out.pop(hit.index, None)  # skipped for length, then filling a slot
    return Selection(citations, left_out)


def _with_slots_filled(
    pool: list[Ranked], skipped: list[Ranked], too_low: Callable[[Ranked], bool], fills: Callable[[Ranked], bool]
) -> Iterator[tuple[Ranked, bool]]:
    """The pool in rank order until a passage ranks ``too_low`` (each with True: the brevity rules apply), then the
    passages ``skipped`` meanwhile for length alone that ``fills`` an empty slot (with False: they fill the slots the
    close quotes left empty)."""
    for hit in pool:
        if too_low(hit):
            break
        yield hit, True
    yield from ((hit, False) for hit in list(skipped) if fills(hit))


def _gives_the_asked_kind(retriever: Retriever, query: Query, i: int, chosen: list[int]) -> bool:
    """Passage ``i`` holds the kind of answer the question asks (a title quoted whole for "what is the article's
    headline?", an amount for "how much", a number of what "how many" counts: retriever.holds_answer) and none of
    the quotes ``chosen`` does. The question's words are in the quotes shown ("the La Ruche article", "Japan
    courting French start-ups"), so a further quote would be mere length, but the fact asked is in this one alone:
    the member reads it in a slot the others leave empty."""
    return retriever.holds_answer(query, [i]) and not retriever.holds_answer(query, chosen)


def _answered(retriever: Retriever, query: Query, shown: list[Citation]) -> bool:
    """True when the question asks who and the quotes shown already name a person (bot.search.people) the question
    does not name (asked who X is, X will do): "who signed the declaration?" answered by the signatories needs no
    quote of the date, however close; "who was the second signatory besides Delphine Gény-Stephann?" is not answered
    by her. (Not for "when": a date is too easily found in a wrong lead, and the next quote is then the answer.)"""
    if Kind.PERSON not in query.kinds or _ANOTHER.search(fold(query.text)):
        return False  # "the other French minister, besides the digital one": the one named may be the one set aside
    language = query.language or "en"
    if is_who_is(query.text, language) or asks_role(query.text, language):  # "who is Mahjoubi?": he is the answer
        return any(retriever.people.names(c.snippet, c.language) for c in shown)
    asked = fold(query.text)
    words = {w for w in _WORDS.findall(asked) if len(w) > 2}
    return any(not _named_in(name, asked, words) for c in shown for name in retriever.people.names(c.snippet,
                                                                                                      c.language))


def _named_in(name: str, question: str, words: set[str]) -> bool:
    """The question (folded, and its words) names the person ``name``: whole (武藤容治), or by a word of it (Muto)."""
    folded = fold(name)
    return folded in question or any(w in words for w in _WORDS.findall(folded))


def _language_pool(retriever: Retriever, query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """The ranked passages an answer may quote: those in one language, the question's whenever it can be."""
    best = ranked[0]
    language = query.language or retriever.language_of(best.index)
    same = [hit for hit in ranked if retriever.language_of(hit.index) == language]
    lead = same[0] if same else None
    holds_the_fact = lead is not None and lead.coverage >= SAME_LANGUAGE_COVERAGE * best.coverage
    if lead is not None and holds_the_fact and lead.final >= SAME_LANGUAGE_RATIO * best.final:
        return same
    if query.language is not None and retriever.translation(best.index, language) is not None:
        return _translated(retriever, ranked, language)
    other = retriever.language_of(best.index)  # the fact is not in the question's language: quote one other
    return [hit for hit in ranked if retriever.language_of(hit.index) == other]


def _translated(retriever: Retriever, ranked: list[Ranked], language: str) -> list[Ranked]:
    """``ranked`` in ``language``: each passage in another language stands for its translation (the corpus's parallel
    passage, the same fact), with its figures. A question's words in another language ("Station Fでのlaunch event
    はいつ？") match passages of that language better; the member reads the answer in the question's."""
    pool: dict[int, Ranked] = {}
    for hit in ranked:
        i = hit.index if retriever.language_of(hit.index) == language else retriever.translation(hit.index,
                                                                                                      language)
        if i is not None and i not in pool:
            pool[i] = hit._replace(index=i)
    return list(pool.values())


def _source_key(passage: Passage) -> tuple[str, str]:
    """What one citation number stands for: a document and the page it cites. FAQ entries of one file may each
    cite their own page; quoted together, each gets its number and link, or a fact would be credited to the
    wrong page."""
    return passage.doc_id, passage.source


def _citation(
    passage: Passage, n: int, score: float, snippet: str, words: frozenset[str], tokens: list[tuple[str, int, int]]
) -> Citation:
    """The citation of ``passage`` quoted by ``snippet`` (its ``tokens``: analysed once, used twice), the question's
    own ``words`` in bold."""
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        passage_id=passage.id,
        title=passage.title,
        source=passage.source,
        language=passage.language,
        snippet=snippet,
        score=score,
        highlights=word_spans(snippet, passage.language, words, tokens),
    )


def suggest(retriever: Retriever, ranked: list[Ranked], language: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Up to ``limit`` FAQ questions in ``language`` the bot answers, the ones closest to the question first.

    Offered when the bot abstains, so a member is not left at a dead end: the FAQ entries that ranked for
    the question, then the first entries of the FAQ (the most asked), each checked to be answered.
    """
    faq = retriever.faq_entries(language)
    in_faq = set(faq)
    related = [hit.index for hit in ranked if hit.index in in_faq]
    suggestions: list[Suggestion] = []
    for i in dict.fromkeys([*related, *faq]):
        if len(suggestions) == limit:
            break
        passage = retriever.passages[i]
        if _answers_itself(retriever, i):
            suggestions.append(Suggestion(passage.id, passage.questions[0]))
    return suggestions


def _answers_itself(retriever: Retriever, i: int) -> bool:
    """True when the FAQ entry's first question is answered (checked once per index, then remembered)."""
    known = retriever.suggestable
    if i not in known:
        passage = retriever.passages[i]
        known[i] = False  # asked below: a suggestion is never looked for while checking one
        known[i] = retriever.answers(passage.questions[0], passage.language)
    return known[i]
