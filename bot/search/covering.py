"""A passage that covers the question leads over better-scored ones that do not (issue 10, false abstentions).

BM25 scores a passage by how often it repeats the question's words, and a Japanese word is several bigram terms:
« 両国の新興企業がお互いの催しに参加する話で、名前が挙がった見本市は？ » ranks first passages on the two countries'
start-ups that hold a third of the question's weight, and the bot abstained (too little of the question cited:
checks.MIN_COVERAGE), while a passage ranked sixth names the trade shows (見本市) in half of it. When the passages
the answer would cite fall short of MIN_COVERAGE, the first passage ranked within CITATION_RATIO of the best (one
an answer could quote beside it) that alone reaches it, holding the question's heaviest word the corpus has and
more than that word, leads: the checks then judge the quotes that could answer. Those conditions keep an
incidental match out (« マジュビ氏は政府を離れたあと何をしていますか？ » and "who runs the French Tech Tokyo
community?" still abstain).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from bot.search.checks import MIN_COVERAGE
from bot.search.selection import CITATION_RATIO

MIN_WORDS_MET = 2  # ... and meets this many of its words: a passage that covers it by one heavy word alone met it
# in passing ("who runs the French Tech Tokyo community?": a passage on JETRO, which "runs" offices, is no answer)

if TYPE_CHECKING:
    from bot.search.query import Query, Ranked
    from bot.search.retriever import Retriever


def covering_first(retriever: Retriever, query: Query, ranked: list[Ranked], chosen: list[int]) -> list[Ranked]:
    """``ranked`` with the first close passage covering MIN_COVERAGE of the question (and its heaviest known word)
    moved first, when the passages ``chosen`` to cite (from ``ranked``) together cover less, as the coverage check
    reads them (a word found in another language's translation counts); else ``ranked`` as it is."""
    known = [u for u in query.units if u.alternatives]  # a word the corpus has (a typo of none weighs the most)
    if not ranked or not chosen or not known:
        return ranked
    if retriever.covers(query, chosen):
        return ranked
    heaviest = max(known, key=lambda u: u.weight)
    best = ranked[0]
    for n, hit in enumerate(itertools.takewhile(lambda h: h.final >= CITATION_RATIO * best.final, ranked)):
        tokens = retriever.passage_tokens(hit.index)
        if (n and heaviest.found_in(tokens) and query.coverage(tokens) >= MIN_COVERAGE
                and sum(u.found_in(tokens) for u in query.units) >= MIN_WORDS_MET):
            return [hit, *ranked[:n], *ranked[n + 1:]]
    return ranked
