"""A reason a question gives before it asks ("since Bpifrance runs J-Startup, why…?", « comme X, … », 「Xのに、…」)
is a statement the sources must make (issue 10, blind T): else "not found", though the quotes cover what follows.
Beside them, a true reason given the same way, and "since" of time, still answered.
"""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.premises import reason_given
from bot.search.retriever import Retriever


@pytest.mark.parametrize(("question", "language", "reason"), [
    ("Since Bpifrance runs J-Startup, why is JETRO involved in it too?", "en", "Bpifrance runs J-Startup"),
    ("Comme J-Startup était piloté par Bpifrance, pourquoi la Jetro y participait-elle ?", "fr",
     "J-Startup était piloté par Bpifrance"),
    ("Puisqu'il a signé, qu'a-t-il dit ?", "fr", "il a signé"),
    ("J-StartupはBpifranceが運営しているのに、なぜJETROも関わっているの？", "ja", "J-StartupはBpifranceが運営している"),
    ("Since 2018, how many startups pitched?", "en", ""),  # a time, not a reason
    ("Comment fonctionne un assistant vocal comme celui de Snips ?", "fr", ""),  # « comme » compares
    ("フランスで会社を設立するのに必要なビザは？", "ja", ""),  # のに of a purpose: no comma
])
def test_the_reason_a_question_gives(question: str, language: str, reason: str) -> None:
    assert reason_given(question, language) == reason


@pytest.mark.parametrize("question", [
    "Since Bpifrance runs J-Startup, why is JETRO involved in it too?",  # blind T
    "Comme J-Startup était piloté par Bpifrance, pourquoi la Jetro y participait-elle aussi ?",
    "J-StartupはBpifranceが運営しているのに、なぜJETROも関わっているの？",
    "Since JETRO's president signed the declaration, what did he promise in it?",  # blind R
    "Comme Snips était une start-up japonaise, quel était son produit phare au Japon ?",  # it is French
])
def test_a_reason_no_source_states_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("Since nine startups pitched at Station F, how many were Japanese?", "five"),
    ("Puisque neuf start-up ont pitché à Station F, combien étaient japonaises ?", "cinq"),
    ("Comme Xavier Niel a fondé Station F, qu'est-ce que Station F ?", "campus"),
    ("9社がピッチしたのに、日本のスタートアップは何社でしたか？", "5社"),
    ("Since 2018, how many startups pitched at Station F?", "Nine"),
])
def test_a_reason_the_sources_state_is_answered(shipped_retriever: Retriever, question: str, fact: str) -> None:
    answered_with(shipped_retriever, question, fact)


@pytest.mark.parametrize("question", [
    "Why did only one French official sign the declaration?",  # blind T: two did
    "Pourquoi la déclaration s'en tient-elle à la 5G et laisse-t-elle le big data de côté ?",  # blind Y: both named
    "声明の対象技術が5Gだけで、ビッグデータが入っていないのはなぜですか？",
])
def test_why_only_one_is_not_found_when_no_source_says_only_one(shipped_retriever: Retriever, question: str) -> None:
    """An exclusivity taken for granted must be stated by a cited passage; the sources state none."""
    not_found(shipped_retriever, question)


def test_why_without_only_is_still_answered(shipped_retriever: Retriever) -> None:
    answered_with(shipped_retriever, "Why did France and Japan sign the declaration?", "ecosystem")
