"""Outsider trial 9 (H1): ordinary out-of-corpus questions answered with an unrelated quote, on the shipped corpus.

"Did X take part?" / "is X involved?" asks about X: only quotes naming X answer it (the evening's JETRO passage says
nothing of Toyota). The questions of the trial and near-misses of the same kind written for this test (other
companies, other verbs of taking part), beside the in-scope ones of the same form, which must stay answered."""

from __future__ import annotations

import pytest

from bot.models import AnswerKind
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    "question",
    [
        "トヨタは関係ありますか？",  # trial 9
        "ソフトバンクは参加しましたか？",  # trial 9
        "Toyota a participé ?",  # trial 9
        "経団連は参加しましたか？",
        "楽天も協力しましたか？",
        "Est-ce que Renault a participé ?",
        "Michelin était impliqué ?",
        "Was Nissan involved in the declaration?",
        "Did SoftBank take part?",
    ],
)
def test_did_someone_the_corpus_never_names_take_part_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, answer.citations[0].snippet)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Did Mahjoubi attend the evening at Station F?", "Mahjoubi"),
        ("Xavier Niel a participé ?", "Niel"),
        ("JETROは関わっていますか？", "JETRO"),
        ("Est-ce que la JETRO a participé ?", "JETRO"),
        ("Qui a participé à la soirée ?", "Mahjoubi"),  # who took part: asked, not whether
    ],
)
def test_did_someone_the_corpus_names_take_part_is_answered(
    shipped_retriever: Retriever, question: str, named: str
) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, (question, answer.reason)
    assert any(named in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    [
        "全文はどこで読めますか？",  # trial 9: once the robot suit that 読み取る (reads) signals
        "共同声明の原文はありますか？",  # trial 9
        "署名式の写真はありますか？",  # trial 9: once the start-up that checks luxury goods from a photo
        "Is there a photo of the signing?",  # trial 9
        "Where can I read the declaration in English?",  # trial 9
        "調印式の動画はありますか？",
        "Y a-t-il une vidéo de la soirée à Station F ?",
        "Where can I read the full text of the joint statement?",
    ],
)
def test_the_text_itself_or_a_picture_of_it_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    """The corpus quotes the declaration's facts; it offers no copy of the text, no photo, no video."""
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, answer.citations[0].snippet)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does the French start-up shown at Station F check using a smartphone photo?", "luxury"),
        ("スマホの写真で高級品が本物かどうか見分けるフランス企業は紹介されましたか？", "高級品"),
        ("Il y avait une jeune pousse qui détecte les faux sacs de marque avec une simple photo ?", "luxe"),
    ],
)
def test_a_photo_as_what_is_asked_about_is_still_answered(
    shipped_retriever: Retriever, question: str, expected: str
) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, (question, answer.reason)
    assert any(expected in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]


@pytest.mark.parametrize("question", ["Il fait beau à Paris ?", "Il pleut à Tokyo ?", "Is it raining in Tokyo?",
                                      "パリは晴れていますか？"])
def test_the_weather_asked_in_its_idioms_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, answer.citations[0].snippet)


@pytest.mark.parametrize("message", ["tu peux m'aider ?", "Pouvez-vous m'aider ?", "手伝ってくれますか？"])
def test_asking_for_help_is_small_talk_not_a_quote(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(message)
    assert answer.kind is AnswerKind.SMALL_TALK, (message, [c.snippet for c in answer.citations])


@pytest.mark.parametrize("tag", ["non", "hein", "pas vrai", "n'est-ce pas"])
def test_a_french_tag_question_is_read_without_its_tag(shipped_retriever: Retriever, tag: str) -> None:
    """Trial 9 (H2): "C'est signé à Tokyo non ?" quoted first "…et non comme son président" (the tag as a word)."""
    plain = shipped_retriever.answer("Elle a été signée à Tokyo ?")
    tagged = shipped_retriever.answer(f"Elle a été signée à Tokyo, {tag} ?")
    assert [c.passage_id for c in tagged.citations] == [c.passage_id for c in plain.citations]


@pytest.mark.parametrize(
    "question",
    [
        "何語で書かれていますか",  # outsider: quoted La Ruche's spelling of Akahoshi's name
        "What language is it written in?",  # outsider: quoted "Its French title is « … »"
        "Dans quelle langue est-elle rédigée ?",
        "In which languages was the declaration published?",
    ],
)
def test_the_language_of_the_text_needs_a_passage_saying_what_language_it_is_in(
    shipped_retriever: Retriever, question: str
) -> None:
    """The corpus gives the declaration's title in French and in Japanese; it never says what language the text is
    written in: a title quoted in French is not that."""
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, answer.citations[0].snippet)


@pytest.mark.parametrize(
    "question",
    [
        "法的拘束力はありますか",  # outsider
        "Is it legally binding?",
        "La déclaration a-t-elle une valeur juridique ?",  # quoted the principles (valeur → principes)
        "Is the declaration binding for the two governments?",
    ],
)
def test_legal_force_needs_a_passage_that_speaks_of_it(shipped_retriever: Retriever, question: str) -> None:
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, answer.citations[0].snippet)
