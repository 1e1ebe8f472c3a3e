"""Outsider trial 11 (M8): a masked link after a question is a link, not words of the question, on the shipped
corpus, the way `python -m bot ask "…"` takes it (``clean_question``, what the log keeps, then the retriever)."""

from __future__ import annotations

import pytest

from bot.questions import clean_question
from bot.render import render_markdown
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    "message",
    ["who signed it? [free nitro](https://evil.example)", "who signed it? [article](<https://evil.example/a>)",
     "[who signed it](https://evil.example)"],  # a message of a link only: its text is all it says
)
def test_a_masked_link_after_the_question_does_not_sink_it(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(clean_question(message))
    assert answer.answered, answer.reason
    assert "Mahjoubi" in answer.citations[0].snippet


@pytest.mark.parametrize(
    "question",
    ["Who is the French president?", "Qui est le président français ?"],
)
def test_who_holds_an_office_of_a_country_is_not_answered_by_another_bodys_holder(
    shipped_retriever: Retriever, question: str
) -> None:
    """Trial 11 (H2): JETRO's president was quoted for France's, the 2015 quote of "PM Valls and PM Abe" (no country
    by either title) for Japan's PM: the quote the answer opens on must give the office of that country."""
    answer = shipped_retriever.answer(clean_question(question))
    assert not answer.answered, [c.snippet for c in answer.citations]


@pytest.mark.parametrize(("question", "office"), [
    ("日本の首相は誰？", "日本の安倍晋三首相"),
    ("Who is the Japanese prime minister?", "Japanese Prime Minister Shinzo Abe"),
    ("Qui est le Premier ministre japonais ?", "Shinzo Abe, Premier ministre japonais")])
def test_who_holds_an_office_of_a_country_opens_on_the_quote_giving_that_office(
    shipped_retriever: Retriever, question: str, office: str
) -> None:
    """Japan's prime minister is in the sources (Abe, in the 2015 passage, dated): the quote the answer opens on gives
    the office of that country (« 日本の安倍晋三首相 »), in every language; the FAQ's « ヴァルス首相と安倍晋三首相 »,
    which says whose neither is, no longer leads (session 34; Trial 11 H2 refused it)."""
    answer = shipped_retriever.answer(clean_question(question))
    assert answer.answered, answer.reason
    assert office in answer.citations[0].snippet, answer.citations[0].snippet


@pytest.mark.parametrize(
    ("question", "named"),
    [("Who is the president of JETRO?", "Akahoshi"), ("Qui est le président de la Jetro ?", "Akahoshi"),
     ("Who was the French minister who signed?", "Mahjoubi")],
)
def test_who_holds_an_office_its_passage_states_is_still_answered(
    shipped_retriever: Retriever, question: str, named: str
) -> None:
    answer = shipped_retriever.answer(clean_question(question))
    assert answer.answered and named in " ".join(c.snippet for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "fact"),
    [("What happened in 2015?", "5 October 2015"), ("Que s'est-il passé en 2015 ?", "5 octobre 2015"),
     ("2015年に何があった？", "2015年10月5日"), ("What happened in 2013?", "June 2013")],
)
def test_what_happened_in_a_year_before_the_declaration_is_answered_from_that_year(
    shipped_retriever: Retriever, question: str, fact: str
) -> None:
    """Trial 11 (M7): "What happened in 2015?" got "not found" (the FAQ entry "What happened the day before…" led on
    "happened", and lacks 2015) though the corpus tells of 5 October 2015; every quote is of that year, none of 2018."""
    answer = shipped_retriever.answer(clean_question(question))
    assert answer.answered, answer.reason
    assert fact in answer.citations[0].snippet
    assert all(question[question.index("20"):][:4] in c.snippet for c in answer.citations)


@pytest.mark.parametrize("question", ["What happened in 2019?", "Que s'est-il passé en 2021 ?", "2020年に何があった？"])
def test_what_happened_in_a_year_after_the_declaration_still_abstains(
    shipped_retriever: Retriever, question: str
) -> None:
    answer = shipped_retriever.answer(clean_question(question))
    assert not answer.answered, [c.snippet for c in answer.citations]


def test_one_character_of_a_word_is_never_bold_nor_a_reason_to_quote(shipped_retriever: Retriever) -> None:
    """Trial 11 (L3): 「ステーション**F**」 bolded the F alone; 5Gについて何か書いてある？ added a quote on JETRO's
    director whose one bold character was the 書 of 書いています."""
    text = render_markdown(shipped_retriever.answer(clean_question("Station Fでのlaunch eventはいつ？")))
    assert "**Station F**" in text and "ステーション**F**" not in text
    answer = shipped_retriever.answer(clean_question("5Gについて何か書いてある？"))
    assert "5G" in answer.citations[0].snippet
    assert all(c.highlights for c in answer.citations) and "Akohosni" not in render_markdown(answer)


def test_a_sentence_a_little_over_the_quote_length_is_quoted_whole(shipped_retriever: Retriever) -> None:
    """Trial 11 (L4): « combien de start-up japonaises ? » ended on « …qui lit les signaux électriques du… », the
    sentence cut one character past 300, where the examples asked for were."""
    answer = shipped_retriever.answer(clean_question("combien de start-up japonaises ?"))
    assert answer.citations[0].snippet.endswith("qui lit les signaux électriques du cerveau.")
