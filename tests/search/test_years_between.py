"""Durations and ages the corpus gives as two dates (issue 10): "how many years between A and B", 何年後, "how old was
J-Startup when…" are answered by quotes giving the dates, which the member subtracts; an age or a duration the
sources never give (a signatory's age) still gets "not found"."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.evidence import years_spans
from bot.search.kinds import Kind, asked_kinds
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(("question", "year"), [
    ("How many years after the 2013 Hollande–Abe joint statement was the 2018 declaration signed?", "2013"),
    ("Combien d'années entre la feuille de route Hollande-Abe et la déclaration de 2018 ?", "2013"),
    ("オランド大統領と安倍首相の共同声明から何年後に2018年の共同声明が署名されましたか？", "2013"),
    ("How old was Japan's J-Startup programme when the declaration was signed?", "June 2018"),
])
def test_years_between_two_things_are_answered_by_their_dates(retriever: Retriever, question: str, year: str) -> None:
    answered_with(retriever, question, year)


@pytest.mark.parametrize("question", [
    "How old was Mounir Mahjoubi at the signing of the declaration?",
    "How old was Yoji Muto when he signed the declaration?",
    "How many years did the signing ceremony last?",
    "how old is yoji muto",  # typed in lower case: quoted the evening he launched (a start, as for a programme)
    "yoji muto a quel âge",
])
def test_an_age_or_span_never_given_is_not_found(retriever: Retriever, question: str) -> None:
    not_found(retriever, question)


def test_a_span_of_years_given_is_dated_by_its_two_ends(retriever: Retriever) -> None:
    """その後5年間の道筋: the 2013–2018 roadmap dates the five years from both ends, no quote writes 5; « その後 » is
    the years after 2013 the question gives, nothing after the corpus."""
    assert years_spans("その後5年間の日仏の道筋") == {"5"}
    assert years_spans("a 5-year roadmap, 5 ans, 10 years") == {"5", "10"}
    assert Kind.LATER not in asked_kinds("2013年に両首脳が示した、その後5年間の日仏の道筋を描いた文書は何ですか？")
    assert Kind.LATER in asked_kinds("その後どうなりましたか？")
    answered_with(retriever, "2013年に両首脳が示した、その後5年間の日仏の道筋を描いた文書は何ですか？", "ロードマップ")
