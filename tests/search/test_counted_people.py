"""A count of people is answered by the quote naming them (issue 10): the corpus names the signatories (Gény-Stephann
and Mahjoubi for France, Muto for Japan) without a number; "how many people signed?" is answered by that list. A
count of people doing what the corpus never reports ("attended the evening") still needs a number, and abstains."""

from __future__ import annotations

import paths
import pytest

from bot.search.people import act_counted, counts_people
from bot.search.retriever import Retriever

pytestmark = pytest.mark.skipif(not paths.SHIPPED_KNOWLEDGE.is_dir(), reason="needs knowledge/")

SIGNATORIES = ("Gény-Stephann", "Mahjoubi", "Muto", "ジェニ", "マジュビ", "武藤")


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize("question", [
    "How many people signed the joint declaration?",
    "how many ppl from the french govt signed the declaration?",
    "How many signatories did the declaration have?",
    "Combien de personnes ont signé la déclaration ?",
    "c'était combien de signataires en tout ?",
    "日仏共同声明には何名が署名しましたか？",
    "共同声明の署名者は何人ですか？",
    "la déclaration elle a été signée par combien de ministres en tout ? 2 ou 3 ?",  # passive: signée par combien
    "The declaration was signed by how many ministers?",
])
def test_a_count_of_signatories_is_answered_by_their_names_first(retriever: Retriever, question: str) -> None:
    answer = retriever.answer(question)
    assert answer.answered, f"{question!r} abstained ({answer.reason})"
    first = answer.citations[0].snippet
    assert any(name in first for name in SIGNATORIES), first  # the quote read first names who signed


@pytest.mark.parametrize("question", [
    "How many people attended the launch evening at Station F?",
    "Combien de personnes ont assisté à la soirée à Station F ?",
    "ステーションFのイベントには何人が参加しましたか？",
    "how many people were there at the signing?",
])
def test_a_count_of_people_the_corpus_never_gives_still_abstains(retriever: Retriever, question: str) -> None:
    """The evening's guests are nowhere counted; the people named at the evening (Mahjoubi and Muto launched it)
    are not a count of who attended."""
    answer = retriever.answer(question)
    assert not answer.answered and answer.citations == []
    assert answer.reason == "uncounted"


@pytest.mark.parametrize("question", [
    "how many french ppl signed vs japanese?",
    "hey quick one, how many french people signed vs japanese?",
])
def test_a_count_of_people_of_a_country_is_not_answered_by_its_start_ups(retriever: Retriever, question: str) -> None:
    """Blind T: "four French" (start-ups) stood next to the counted "french" and answered a count of people; the
    persons counted are the signatories."""
    answer = retriever.answer(question)
    assert answer.answered, answer.reason
    first = answer.citations[0].snippet
    assert any(name in first for name in SIGNATORIES), first


def test_names_are_no_count_of_companies(retriever: Retriever) -> None:
    """A count of companies is no count of people: the signatories' names do not answer it."""
    answer = retriever.answer("How many companies signed the declaration?")
    assert not any(name in c.snippet for c in answer.citations[:1] for name in SIGNATORIES)


@pytest.mark.parametrize(("question", "words", "language", "act"), [
    ("quick q: how many ppl from the french govt signed it?", ("ppl",), "en", "signed"),
    ("How many signatories did each country have?", ("signatories",), "en", "signed"),  # the doer's verb
    ("Combien de responsables ont signé la déclaration ?", ("responsables",), "fr", "signé"),
    ("Elle a été signée par combien de ministres ?", ("ministres",), "fr", "signée"),
    ("It was signed by how many ministers?", ("ministers",), "en", "signed"),
    ("共同声明には全部で何人が署名しましたか？", (), "ja", "署名"),
    ("How many people were there?", ("people",), "en", ""),  # nothing done: a number is needed
])
def test_what_the_people_counted_did(question: str, words: tuple[str, ...], language: str, act: str) -> None:
    assert act_counted(question, words, language) == act


def test_only_persons_are_counted_by_names() -> None:
    assert counts_people(("signataires",), "", "fr") and counts_people((), "人", "ja")
    assert not counts_people(("companies",), "", "en") and not counts_people(("years",), "", "en")
    assert not counts_people((), "社", "ja")
