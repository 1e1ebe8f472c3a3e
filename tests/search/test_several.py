"""Where a member's message holds two questions (bot.search.several): cut only where each side asks."""

from __future__ import annotations

import pytest

from bot.search.several import split_questions


@pytest.mark.parametrize("message, language, parts", [
    ("Was it signed in Tokyo? And who was there for Japan?", "en",
     ["Was it signed in Tokyo?", "And who was there for Japan?"]),
    ("What is JETRO and who runs it?", "en", ["What is JETRO", "and who runs it?"]),
    ("C'est quand et c'est où ?", "fr", ["C'est quand", "et c'est où ?"]),
    ("Elle a été signée où ? Et par combien de ministres ?", "fr",
     ["Elle a été signée où ?", "Et par combien de ministres ?"]),
    ("いつ署名されて、誰が署名した？", "ja", ["いつ署名されて", "誰が署名した？"]),
])
def test_two_questions_are_cut_apart(message: str, language: str, parts: list[str]) -> None:
    assert split_questions(message, language) == parts


@pytest.mark.parametrize("message, language", [
    ("Who signed the France and Japan declaration?", "en"),
    ("What is the declaration on innovation and digital economy?", "en"),
    ("salut, c'était où la signature ? à tokyo ?", "fr"),  # a guess at the answer is no second question
    ("hello y avait quelles startups au pitch ? des exemples ?", "fr"),
    ("Qui représentait la France et le Japon ?", "fr"),
    ("ロボットスーツの発表があったってほんと？どんなやつ？", "ja"),
    ("Who? What? When? Where?", "en"),  # more than MAX_PARTS: answered whole
])
def test_one_question_stays_whole(message: str, language: str) -> None:
    assert split_questions(message, language) == [message]
