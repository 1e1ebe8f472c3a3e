"""Which answered in-scope misses hold their fact in a passage the answer does not show (issue 10, hit@3).

``python tests/brevity.py [SET …]`` lists, for each in-scope item answered without the expected fact in its
quotes, where the fact is: in a quoted passage but trimmed out of its snippet (``trimmed``), in a passage ranked
2nd–5th of the answer's pool and left out (``left out #k``, with the rule of bot.search.selection that left it
out, or ``too-low``: below CITATION_RATIO of the lead), or not in the first five (``deeper``); and whether naive
rank-bm25 hits it. The last lines count each case.
"""

from __future__ import annotations

import sys
from collections import Counter

from evaluation import TESTS, NaiveBaseline, available_sets, is_hit

POOL_DEPTH = 5


def where(retriever, item) -> str:
    """Where the expected fact of an answered miss is (see the module)."""
    from bot.search.lead import Lead
    from bot.search.selection import CITATION_RATIO, _language_pool, choose

    _cleaned, query = retriever._read(item.question, None)
    query, ranked, _reason = retriever._decide(query, 3, frozenset())
    pool = Lead(retriever, query).first(_language_pool(retriever, query, ranked))
    selection = choose(retriever, query, ranked)
    cited = {c.passage_id for c in selection.citations}
    for hit in pool[:POOL_DEPTH]:
        passage = retriever.passages[hit.index]
        if passage.id in cited and is_hit([passage.text], item):
            return "trimmed"
    for k, hit in enumerate(pool[:POOL_DEPTH], 1):
        passage = retriever.passages[hit.index]
        if passage.id not in cited and is_hit([passage.text], item):
            low = hit.final < CITATION_RATIO * pool[0].final
            rule = selection.left_out.get(hit.index, "too-low" if low else "not reached")
            return f"left out #{k} ({hit.final / pool[0].final:.2f} of lead): {rule}"
    return "deeper"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(TESTS.parent))
    from bot.knowledge.loader import load_knowledge
    from bot.search.retriever import Retriever

    kb = load_knowledge(TESTS.parent / "knowledge")
    retriever = Retriever(kb)
    naive = NaiveBaseline(kb.passages)
    counts: Counter[str] = Counter()
    for name, items in available_sets().items():
        if argv and name not in argv:
            continue
        for item in items:
            if not item.in_scope:
                continue
            answer = retriever.answer(item.question)
            if not answer.answered or is_hit([c.snippet for c in answer.citations[:3]], item):
                continue
            case = where(retriever, item)
            naive_answer = naive.answer(item.question, item.language)
            naive_hit = is_hit([c.snippet for c in naive_answer.citations], item)
            counts[case.split(":")[-1].strip() if "left out" in case else case] += 1
            counts[f"naive hits, {case.split(' (')[0].split('#')[0].strip()}"] += naive_hit
            print(f"{name}\t{item.language}\t{'N' if naive_hit else '-'}\t{case}\t{item.question}")
    for case, n in sorted(counts.items()):
        print(f"# {case}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
