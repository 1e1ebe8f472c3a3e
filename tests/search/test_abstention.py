"""Abstention on a weak match: a word found in half the passages tells them apart no better than chance."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.search.retriever import Retriever

PASSAGES = {
    "cars": "Robots build cars in the factory.",
    "walls": "Robots paint walls at night.",
    "songs": "Robots sing songs loudly.",
    "bread": "Bakers bake bread before sunrise.",
    "boats": "Fishermen sail boats across the bay.",
    "rice": "Farmers grow rice in wet fields.",
}


def _retriever(tmp_path: Path) -> Retriever:
    folder = tmp_path / "knowledge" / "en"
    folder.mkdir(parents=True)
    for doc_id, text in PASSAGES.items():
        (folder / f"{doc_id}.md").write_text(
            f"---\nid: {doc_id}\ntitle: About {doc_id}\nlanguage: en\nsource: https://example.org/{doc_id}\n---\n"
            f"{text}\n",
            encoding="utf-8",
        )
    kb = load_knowledge(tmp_path / "knowledge")
    assert not kb.errors and len(kb.passages) == len(PASSAGES)
    return Retriever(kb)


def test_a_word_in_half_the_passages_is_a_low_score_abstention(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path)
    vague = retriever.answer("What do robots do?", "en")
    assert not vague.answered and vague.reason == "low-score" and vague.citations == []
    precise = retriever.answer("What do bakers bake?", "en")
    assert precise.answered and precise.citations[0].doc_id == "bread"


def test_a_name_the_passages_lack_blocks_an_answer(tmp_path: Path) -> None:
    retriever = _retriever(tmp_path)
    named = retriever.answer("Where do bakers of Osaka bake bread before sunrise?", "en")
    assert not named.answered and named.reason == "low-coverage" and named.citations == []
    everyday = retriever.answer("Where do bakers bake bread before sunrise in English?", "en")
    assert everyday.answered and everyday.citations[0].doc_id == "bread"  # a capitalised everyday word
