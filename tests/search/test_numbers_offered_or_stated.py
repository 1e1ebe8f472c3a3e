"""Numbers a member offers as guesses or states as counts (issue 10): "3 or 4?", « 2013 ou 2015 ? », 3つ？4つ？ ask
which one, so the quotes need hold one of them at most (the declaration lists four technologies without writing 4);
years offered of which the best quote holds neither are years the corpus does not report, and still get "not found".
"who were the 3 signatories?" states how many there are: the quote names them, it does not write 3. A count guessed
roughly ("like 12?", « genre 12 ? », 10社くらい？) is a guess too: the answer gives the number the corpus has."""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.evidence import offered_numbers, stated_counts
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(("question", "offered"), [
    ("how many techs r listed in the declaraion, 3 or 4?", {"3", "4"}),
    ("il y a 3 ou 4 principes ?", {"3", "4"}),
    ("声明に出てくる技術って3つ？4つ？", {"3", "4"}),
    ("2013年か2015年か、どっち？", {"2013", "2015"}),
    ("how many startups pitched? like 12?", {"12"}),
    ("combien de start-up ont pitché, genre 12 ?", {"12"}),
    ("ステーションFで何社ピッチしたの？10社くらい？", {"10"}),
    ("how many pitched, 12?", {"12"}),
    ("combien, genre 12 start-up ?", {"12"}),
    ("how old was french tech when they signed, 4-5 yrs?", {"4", "5"}),  # a range, after a how-old question
    ("combien de start-up, genre 8-10 ?", {"8", "10"}),
    ("who signed it, 2 ppl?", set()),  # no quantity asked: not a guess of one
    ("what about 5G?", set()),  # a technology's name, not "about 5"
    ("j-startup existe depuis genre 2015 ?", set()),
    ("about 100 companies were picked by J-Startup: which ones?", set()),
    ("what happened on july, 14?", set()),
    ("signed in 2018?", set()),
    ("the 12th or 13th?", set()),
    ("kel teknolojie mobil é dan la deklarasion, la 4g ou la 5g ?", {"4g", "5g"}),  # generations offered (blind AI)
    ("is 4G or 5G in the declaration?", {"4g", "5g"}),
])
def test_offered_numbers_are_the_alternatives_of_a_question(question: str, offered: set[str]) -> None:
    assert offered_numbers(question) == offered


@pytest.mark.parametrize(("question", "fact"), [
    ("how many techs r listed in the declaraion, 3 or 4?", "5G"),
    ("声明に出てくる技術って3つ？4つ？じんこうちのうとか", "5G"),
    ("is the partenariat d'exeption from 2013 or 2015?", "2013"),
    ("il y avait 5 ou 9 start-up au pitch ?", "neuf"),
    ("how many startups pitched at station f, like 12?", "Nine"),
    ("combien de start-up ont pitché, genre 12 ?", "Neuf"),
    ("ステーションFで何社ピッチしたんだっけ、12社くらい？", "9社"),
    ("yo how old was french tech when they signed, like 4-5 yrs? 🤷", "2013"),  # a range guessed (blind U)
    ("la déclaration parle de la 4g ou de la 5g ?", "5G"),  # the generation the corpus writes answers
])
def test_a_question_offering_numbers_is_answered_with_the_fact(retriever: Retriever, question: str, fact: str) -> None:
    answered_with(retriever, question, fact)


@pytest.mark.parametrize("question", [
    "did they sign a follow-up in 2020 or 2021?",
    "does the declaration mention 6G or 7G?",  # neither generation offered is in the corpus
    "Did NEDO and Bpifrance launch a joint call for projects in 2019 or 2020?",
])
def test_years_offered_that_the_best_quote_lacks_are_not_found(retriever: Retriever, question: str) -> None:
    not_found(retriever, question)


@pytest.mark.parametrize(("question", "stated"), [
    ("who were the 3 signatories?", {"3"}),
    ("les 2 ministres français, c'est qui ?", {"2"}),
    ("声明の3つの原則は？", {"3"}),
    ("デジタル技術を4つ挙げてください", {"4"}),  # list four: the quotes list them
    ("原則はその3つだけ？", {"3"}),  # only those three: how many the member counts, not a number to cite
    ("2018年に何社が参加しましたか", set()),
    ("que s'est-il passé le 3 mars ?", set()),
    ("What's the text of article 3 of the declaration?", set()),
    ("3 ans plus tard ?", set()),
    ("wuz the innovashun yeer a 1-yeer thing or did it run 2 yeers?", {"1", "2"}),  # spans it describes
    ("2015年の秋に始まった1年がかりの取り組みは？", {"1"}),
    ("武藤副大臣がフランスにいた3日間のうち、署名は何日目？", {"3"}),
    ("「技術の覇権争い」ってどの2国の話？", {"2"}),
    ("NHKはこの声明から1年後に続報を出した？", set()),  # a time after it: a number to find
    ("2 years later, what happened?", set()),
    ("Society 5.0って何？", set()),
])
def test_stated_counts_are_small_numbers_before_what_they_count(question: str, stated: set[str]) -> None:
    assert stated_counts(question) == stated


@pytest.mark.parametrize(("question", "name"), [
    ("who were the 3 signatories?", "Mahjoubi"),
    ("les 2 ministres français qui ont signé, c'est qui ?", "Mahjoubi"),
    ("wsh c'est quoi les 3 grands principes de l'accord, égalité + ?? 😅", "réciprocité"),
    ("この声明が協力の対象としたデジタル技術を4つ挙げてください。", "ビッグデータ"),
    ("声明の技術はAI、ビッグデータ、IoT、5Gの4つだけ？", "ビッグデータ"),  # no quote writes 4
])
def test_a_count_the_member_states_is_not_asked_of_the_quotes(retriever: Retriever, question: str, name: str) -> None:
    answered_with(retriever, question, name)


@pytest.mark.parametrize(("question", "fact"), [
    ("wuz the frensh-japan inovashun yeer a 1-yeer thing or did it run 2 yeers?", "2015"),
    ("2015年の秋、東京の科学館で1年がかりの取り組みを始めたフランスの政治家は誰ですか？", "ヴァルス"),
    ("武藤副大臣がフランスにいた3日間のうち、署名が行われたのは何日目ですか？", "13日"),
])
def test_a_span_the_member_describes_is_not_asked_of_the_quotes(retriever: Retriever, question: str, fact: str) -> None:
    answered_with(retriever, question, fact)


def test_an_article_number_still_is_a_number_the_quotes_must_hold(retriever: Retriever) -> None:
    answer = retriever.answer("Que dit l'article 5 de la déclaration conjointe ?")
    assert not answer.answered, [c.snippet for c in answer.citations]
