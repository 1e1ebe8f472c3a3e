"""What someone said is asked: the first quote must name that person (bot.search.checks, SAID_ASKED). The account
of the Station F evening, or the foreign ministers' words, are not what Shinzo Abe said there."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.retriever import Retriever


@pytest.mark.parametrize("question", [
    "What did Shinzo Abe say at the Station F evening?",
    "Qu'a déclaré Shinzo Abe à la soirée de lancement de Station F ?",
    "What did Xavier Niel say about the cooperation?",  # named ("founded by Xavier Niel"), never quoted
])
def test_what_someone_the_quotes_do_not_name_said_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("Qu'ont dit Jean-Yves Le Drian et Taro Kono de la signature ?", "Le Drian"),
    ("What did Taro Kono say about the declaration?", "Kono"),
    ("What did Le Drain and Kono say about the signature?", "Kono"),  # Le Drian misspelt
    ("What did Mr. Akahosi say about the trade war?", "trade war"),  # a title, then a name misspelt
    ("ル・ドリアン氏は共同声明について何と述べましたか？", "ドリアン"),  # ド as the corpus writes it
    ("コウノ外相は何と言った？", "河野"),  # in katakana: read as the corpus's 河野
])
def test_what_someone_the_quotes_name_said_is_answered(shipped_retriever: Retriever, question: str, fact: str) -> None:
    answered_with(shipped_retriever, question, fact)
