"""How long a thing lasted (Kind.LENGTH) is answered by a length or the two ends it ran between, never by one date
(issue 10: "combien de temps a duré la cérémonie ?" was answered with the date of the signing). How long since
something ("depuis combien de temps", "how long had Station F been open by then?") is still answered by its dates.
"""

from __future__ import annotations

import pytest

from bot.search.kinds import Kind, asked_kinds, holds
from bot.search.retriever import Retriever


@pytest.mark.parametrize("question", [
    "How long did the signing ceremony last?",
    "Combien de temps a duré la cérémonie de signature ?",
    "La soirée de lancement a duré combien de temps ?",
    "署名式は何時間かかりましたか？",
    "日仏イノベーション年はどのくらい続きましたか？",
])
def test_how_long_a_thing_lasted_asks_a_length_not_a_count(question: str) -> None:
    kinds = asked_kinds(question)
    assert Kind.LENGTH in kinds and Kind.COUNT not in kinds


@pytest.mark.parametrize("question", [
    "How long had Station F been open when the July 2018 launch evening took place?",
    "Depuis combien de temps les deux pays entretenaient-ils des liens officiels au moment de la signature ?",
    "how long ago was the declaration signed?",
    "muto il est resté combien de temps en france ?",  # no verb of lasting: the span is welcome, not required
])
def test_the_time_elapsed_since_something_asks_no_length(question: str) -> None:
    assert Kind.LENGTH not in asked_kinds(question)


def test_a_length_is_a_span_or_a_number_of_units_not_a_date() -> None:
    for text in ("the France-Japan Innovation Year 2015–2016", "du 12 au 14 juillet 2018", "12–14 July",
                 "a three-day visit of 3 days", "2015年から2016年まで", "会議は2時間続いた"):
        assert holds(Kind.LENGTH, text), text
    for text in ("signed in Paris on Friday, 13 July 2018", "2018-07-13", "le 13 juillet 2018", "2018年7月13日"):
        assert not holds(Kind.LENGTH, text), text


@pytest.mark.parametrize("question", [
    "How long did the signing ceremony last?",
    "Combien de temps a duré la cérémonie de signature de la déclaration ?",  # blind R: answered with the date
    "How long did the Station F evening last?",
    "ステーションFのイベントは何時間でしたか？",
])
def test_how_long_an_event_lasted_is_not_found_when_no_quote_gives_it(
        shipped_retriever: Retriever, question: str) -> None:
    answer = shipped_retriever.answer(question)
    assert not answer.answered, (question, [c.snippet for c in answer.citations])


@pytest.mark.parametrize(("question", "fact"), [
    ("How long did Muto's trip to France last?", "12 to 14"),
    ("how long did the Innovation Year last?", "2015–2016"),
    ("日仏イノベーション年はどのくらい続きましたか？", "2015–2016"),  # was "not found": どのくらい asked a count
])
def test_how_long_a_thing_lasted_is_answered_by_its_span(
        shipped_retriever: Retriever, question: str, fact: str) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, (question, answer.reason)
    assert any(fact in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]
