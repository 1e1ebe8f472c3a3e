"""Places: a passage's place in its document and its translation, read from runs of passages, as the table of every
place read them (the general path, and what the runs must equal)."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from bot.search.places import Places


def _table(doc_ids: list[str], languages: list[str], families: dict[str, str]) -> tuple[list, dict]:
    """Every passage's place, and place -> language -> the first passage there (the rule Places keeps)."""
    seen: dict[str, int] = defaultdict(int)
    places, parallel = [], defaultdict(dict)
    for i, (doc_id, language) in enumerate(zip(doc_ids, languages, strict=True)):
        places.append((families.get(doc_id, doc_id), seen[doc_id]))
        seen[doc_id] += 1
        parallel[places[-1]].setdefault(language, i)
    return places, parallel


def _corpus(rng: random.Random, interleaved: bool) -> tuple[list[str], list[str], dict[str, str]]:
    docs = [(f"d{n}", rng.choice("fej"), rng.randint(1, 6)) for n in range(rng.randint(0, 12))]
    doc_ids = [d for d, _, count in docs for _ in range(count)]
    languages = [language for _, language, count in docs for _ in range(count)]
    if interleaved and doc_ids:  # a hand-built knowledge base: one document's passages apart, or in two languages
        order = list(range(len(doc_ids)))
        rng.shuffle(order)
        doc_ids, languages = [doc_ids[i] for i in order], [rng.choice("fej") for _ in order]
    families = {d: f"g{rng.randint(0, 3)}" for d, _, _ in docs if rng.random() < 0.7}
    return doc_ids, languages, families


@pytest.mark.parametrize("interleaved", [False, True])
def test_places_and_translations_are_the_tables(interleaved: bool) -> None:
    rng = random.Random(7)
    for _ in range(300):
        doc_ids, languages, families = _corpus(rng, interleaved)
        places, parallel = _table(doc_ids, languages, families)
        found = Places(doc_ids, languages, families)
        for i in range(len(doc_ids)):
            assert found.place(i) == places[i]
            for language in "fejx":
                assert found.translation(i, language) == parallel[places[i]].get(language)
