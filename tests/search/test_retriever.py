"""Golden ranking tests for bot.search.retriever on tests/fixtures/tiny_corpus, and its scoring contract."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import paths
import pytest
from answers import quoted_first
from rank_bm25 import BM25Okapi

from bot.knowledge.ids import legacy_ids
from bot.knowledge.loader import load_knowledge
from bot.models import KnowledgeBase, Passage
from bot.search.analysis import analyze
from bot.search.retriever import Retriever
from bot.search.spelling import Speller, edit_distance

TINY = paths.FIXTURES / "tiny_corpus"


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    kb = load_knowledge(TINY)
    assert kb.errors == []
    return Retriever(kb)


def positions(kb: KnowledgeBase, ids: list[str]) -> list[str]:
    """Passage ids as ``doc#n`` (n-th passage of the document), which is how the golden tests name them."""
    position = {stable: n for n, stable in legacy_ids(kb.passages).items()}
    return [position[i] for i in ids]


def top_ids(retriever: Retriever, question: str, language: str | None = None) -> list[str]:
    answer = retriever.answer(question, language)
    assert answer.answered, (question, answer.reason)
    return positions(retriever.kb, [c.passage_id for c in answer.citations])


@pytest.mark.parametrize(
    ("question", "language", "expected_top"),
    [
        ("Who signed the declaration?", "en", "faq-en#1"),
        ("When was the declaration signed?", "en", "faq-en#2"),
        ("Qui sont les signataires de la déclaration ?", "fr", "decl-fr#1"),
        ("Dans quelle ville la déclaration a-t-elle été signée ?", "fr", "decl-fr#2"),
        ("署名者は誰ですか", "ja", "decl-ja#1"),
        ("共同声明はいつ署名されましたか", "ja", "decl-ja#2"),
        ("Who founded Station F?", "en", "decl-en#4"),
        ("Qui a fondé Station F ?", "fr", "decl-fr#4"),
        ("ステーションFを作ったのは誰？", "ja", "decl-ja#3"),
        ("Does the declaration mention 5G?", "en", "decl-en#5"),
        ("How will J-Startup and French Tech work together?", "en", "decl-en#3"),
        ("Who is the director general of JETRO?", "en", "akahoshi-en#1"),
    ],
)
def test_golden_top_passage(retriever: Retriever, question: str, language: str, expected_top: str) -> None:
    assert top_ids(retriever, question, language)[0] == expected_top


def test_scores_equal_rank_bm25(retriever: Retriever) -> None:
    question = "Station F campus Xavier Niel 2017"
    query = retriever.parse(question, "en")
    assert set(analyze(question, "en")) <= set(query.terms)
    assert set(query.terms.values()) == {1.0}  # no glossary synonym: every token has the full weight
    tokens = list(query.terms)  # the question's tokens, each once, plus the French stems of the same words
    expected = BM25Okapi(retriever.corpus_tokens).get_scores(tokens)
    np.testing.assert_allclose(retriever.scores(query), expected, rtol=1e-9, atol=1e-12)
    answer = retriever.answer(question, "en")
    for citation in answer.citations:
        i = next(n for n, p in enumerate(retriever.passages) if p.id == citation.passage_id)
        assert citation.score == pytest.approx(expected[i])


def test_repeated_query_terms_count_once(retriever: Retriever) -> None:
    once, thrice = retriever.parse("station", "en"), retriever.parse("station station Station", "en")
    np.testing.assert_allclose(retriever.scores(once), retriever.scores(thrice))
    # rank-bm25 itself counts a repeated term twice: the retriever must de-duplicate before scoring.
    bm25 = BM25Okapi(retriever.corpus_tokens)
    np.testing.assert_allclose(bm25.get_scores(["station", "station"]), 2 * bm25.get_scores(["station"]))


def test_typo_correction(retriever: Retriever) -> None:
    query = retriever.parse("statoin", "en")
    assert "station" in query.units[0].alternatives
    assert top_ids(retriever, "Which campus did Xavier Niel found, statoin F?", "en")[0] == "decl-en#4"


def test_typo_correction_leaves_numbers_and_short_words(retriever: Retriever) -> None:
    assert retriever.parse("2019", "en").units[0].alternatives == set()
    assert "paris" in retriever.parse("parsi", "en").units[0].alternatives  # 5 letters: 1 edit
    assert retriever.parse("qzx", "en").units[0].alternatives == set()


def test_speller() -> None:
    speller = Speller({"station": 5, "stations": 1, "statistics": 2, "akahoshi": 1})
    assert speller.correct("statoin") == "station"
    assert speller.correct("akohosni") == "akahoshi"  # 2 edits allowed for a long word
    assert speller.correct("station") is None  # known words are left alone
    assert speller.correct("sta") is None
    assert speller.correct("xtation") is None  # the first letter is kept
    assert edit_distance("statoin", "station") == 1
    assert edit_distance("kitten", "sitting") == 3


def test_glossary_katakana_finds_latin_passage(retriever: Retriever) -> None:
    assert "jetro-fr#1" in top_ids(retriever, "ジェトロ", "ja")


def test_glossary_misspelling_finds_the_right_name(retriever: Retriever) -> None:
    answer = retriever.answer("Akohosni", "en")
    assert answer.answered
    assert positions(retriever.kb, [answer.citations[0].passage_id]) == ["akahoshi-en#1"]
    assert "Akahoshi" in answer.citations[0].snippet


def test_joined_and_spaced_forms(retriever: Retriever) -> None:
    for question in ("J-Startup", "jstartup", "J Startup"):
        assert top_ids(retriever, question, "en")[0] == "decl-en#3", question
    assert top_ids(retriever, "start up incubators", "en")[0] == "decl-en#3"


def test_language_preference(retriever: Retriever) -> None:
    assert top_ids(retriever, "Station F", "fr")[0] == "decl-fr#4"
    assert top_ids(retriever, "Station F", "en")[0] == "decl-en#4"
    assert top_ids(retriever, "Station F", "ja")[0] == "decl-ja#3"


def test_unclear_language_answers_in_the_best_passage_language(retriever: Retriever) -> None:
    answer = retriever.answer("Station F")
    assert answer.answered
    assert answer.language == retriever.kb.passages[0].language or answer.language in ("fr", "en", "ja")
    assert answer.language == answer.citations[0].language


def test_detected_language(retriever: Retriever) -> None:
    assert retriever.answer("Qui a fondé Station F ?").language == "fr"
    assert retriever.answer("ステーションFを作ったのは誰？").language == "ja"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "no-terms"),
        ("   ", "no-terms"),
        ("the of and ?", "no-terms"),
        ("Qui ? Quand ? Où ?", "no-terms"),
        ("🎉🎉", "small-talk"),
        ("zzqqxx wwvvkk", "no-match"),
        ("Who won the 2018 World Cup?", "low-coverage"),  # names and a number the passages lack
        ("Who signed the Treaty of Versailles?", "low-coverage"),
    ],
)
def test_abstention(retriever: Retriever, question: str, reason: str) -> None:
    answer = retriever.answer(question, "en")
    assert not answer.answered
    assert answer.citations == []
    assert answer.reason == reason


def test_answer_fields(retriever: Retriever) -> None:
    answer = retriever.answer("Who founded Station F?", "en", max_citations=1)
    assert answer.answered and answer.reason == ""
    assert answer.question == "Who founded Station F?"
    assert answer.latency_ms > 0
    [citation] = answer.citations
    assert citation.n == 1
    assert citation.doc_id == "decl-en"
    assert citation.source == "https://example.org/decl-en"
    assert citation.snippet.startswith("Station F is the start-up campus founded by Xavier Niel")
    assert citation.highlights
    assert all(0 <= s < e <= len(citation.snippet) for s, e in citation.highlights)


def test_citations_are_close_in_score_and_distinct(retriever: Retriever) -> None:
    answer = retriever.answer("Delphine Gény-Stephann Mounir Mahjoubi Yoji Muto", "en")
    ids = [c.passage_id for c in answer.citations]
    assert len(ids) == len(set(ids)) <= 3
    assert [c.n for c in answer.citations] == list(range(1, len(ids) + 1))


def test_near_duplicate_passages_are_cited_once() -> None:
    def passage(n: int, text: str) -> Passage:
        return Passage(id=f"d#{n}", doc_id="d", title="t", source="https://x.org", language="en", text=text)

    text = "Station F is the start-up campus founded by Xavier Niel in Paris."
    others = [passage(n, f"Unrelated passage number {n} about topic {n * 7}.") for n in range(3, 10)]
    kb = KnowledgeBase(
        documents=[],
        passages=[passage(1, text), passage(2, text), *others],
        glossary=[],
        errors=[],
        loaded_at=datetime.now(),
    )
    answer = Retriever(kb).answer("Station F campus founded by Xavier Niel", "en")
    assert [c.passage_id for c in answer.citations] == ["d#1"]


def test_empty_knowledge_base() -> None:
    answer = Retriever(KnowledgeBase(documents=[], passages=[], glossary=[], errors=[])).answer("Station F", "en")
    assert not answer.answered
    assert answer.reason in ("no-match", "no-terms")


SHIPPED = paths.SHIPPED_KNOWLEDGE


@pytest.mark.parametrize(
    "question",
    ["When was it signed?", "Qui a signé la déclaration ?", "共同声明はいつ署名されましたか？", "What is J-Startup?"],
)
def test_an_answer_never_shows_the_same_sentence_twice(question: str) -> None:
    answer = Retriever(load_knowledge(SHIPPED)).answer(question)
    assert answer.answered and answer.citations
    shown = [frozenset(analyze(c.snippet, c.language)) for c in answer.citations]
    for n, tokens in enumerate(shown):
        for earlier in shown[:n]:
            assert len(tokens & earlier) < 0.8 * min(len(tokens), len(earlier)), answer.citations
    numbers = list(dict.fromkeys(c.n for c in answer.citations))
    assert numbers == list(range(1, len(numbers) + 1))  # sources numbered in order, a document once


def test_a_quote_repeating_the_first_but_for_the_date_asked_is_shown(shipped_retriever: Retriever) -> None:
    """Blind AB: Xinhua's first passage says what the ministers said of the declaration "signed on 13 July 2018";
    its second, nearly the same words, says they said it "On 14 July 2018", the date asked. It was left out as the
    same fact again, and the member was not told when."""
    answer = shipped_retriever.answer(
        "How long after the signing did Xinhua report the foreign ministers' reaction?")
    assert answer.answered, answer.reason
    assert any("14 July" in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]


@pytest.mark.parametrize("question", [
    "where was it signed and how many startups pitched?",  # two FAQ entries of one file, each citing its page
    "どこで署名されたの？あと何社ピッチした？",
])
def test_each_page_quoted_has_its_own_number_and_link(shipped_retriever: Retriever, question: str) -> None:
    """Trial 11 H1: "signed in Paris" (lemoci.com) was shown under [1] tokyoatparis.com, the FAQ entry quoted
    before it: a member checking the link found no such fact."""
    answer = shipped_retriever.answer(question)
    sources = {c.source for c in answer.citations}
    assert len(sources) >= 2, answer.citations
    by_number: dict[int, set[str]] = {}
    for citation in answer.citations:
        by_number.setdefault(citation.n, set()).add(citation.source)
    assert all(len(pages) == 1 for pages in by_number.values()), by_number
    assert len(by_number) == len(sources)


@pytest.mark.parametrize(("question", "language", "opening"), [
    ("what happened on july 14", "en", "On 14 July 2018"),
    ("que s'est-il passé le 14 juillet ?", "fr", "Le 14 juillet 2018"),
    ("7月14日に何があった？", "ja", "2018年7月14日"),
])
def test_a_day_asked_reads_no_close_passage_after_the_one_opening_on_it(
    shipped_retriever: Retriever, question: str, language: str, opening: str
) -> None:
    """The first close passage with a sentence opening on the day asked leads, and the close passages ranked after it
    are not read sentence by sentence (a passage's analysis each: 15-20 of them made SciFact's slowest questions)."""
    query = shipped_retriever.parse(question, language)
    ranked = shipped_retriever.rank(query)
    shipped_retriever._snippet_cache = {}  # the passages read sentence by sentence (a cache: emptied, not changed)
    led = shipped_retriever._answer_first(query, ranked)
    assert shipped_retriever.passages[led[0].index].text.startswith(opening)
    position = {hit.index: n for n, hit in enumerate(ranked)}
    assert max(position[i] for i in shipped_retriever._snippet_cache) == position[led[0].index]


@pytest.mark.parametrize(("question", "expected"), [
    ("Lequel est le plus ancien, la French Tech ou J-Startup ?", ("2013", "juin 2018")),
])
def test_a_slot_left_empty_is_filled_by_a_quote_that_repeats_the_question_words(
    shipped_retriever: Retriever, question: str, expected: tuple[str, ...]
) -> None:
    """Every word of the question already quoted does not make a further quote mere length: when the close quotes
    leave a slot empty, the passage left out for that fills it (here the date of the programme the first quotes
    only name)."""
    answer = shipped_retriever.answer(question)
    assert answer.answered
    quoted = " ".join(c.snippet for c in answer.citations)
    assert any(date in quoted for date in expected), quoted


@pytest.mark.parametrize("question", [
    "What headline did La Ruche give its article about Japan courting French start-ups?",
    "What's the title of the article saying Japan is wooing French startups?",
    "日本がフランスのスタートアップを狙ってるって記事、タイトルなんだっけ？",
])
def test_a_title_asked_is_quoted_though_the_closer_quotes_hold_every_word_of_the_question(
    shipped_retriever: Retriever, question: str
) -> None:
    """The passages saying what the article says of Japan rank first and hold every word of the question; the one
    quoting the article's title ranks lower and was left out as mere length. It holds what is asked (a title in
    quotation marks) and the quotes shown do not: it fills a slot they leave empty."""
    answer = shipped_retriever.answer(question)
    assert answer.answered, answer.reason
    assert any("conquête des start-up" in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]


@pytest.mark.parametrize(("question", "name"), [
    ("JETROの正式名称は何ですか？", "Japan External Trade Organization"),  # not the declaration's 正式名称
    ("Quel lien y a-t-il entre le Miraikan de Tokyo et les étapes qui ont précédé la déclaration de 2018 ?",
     "Miraikan"),
    ("« Miraikan » で日仏のイベントが始まったのは何年何月何日？", "2015年10月5日"),  # ranked 4th: beyond the quotes
    ("what is the official name of jetro?", "Japan External Trade Organization"),  # a name typed in lower case
    # a source that only says where the fact comes from is no name of what is asked (the NHK about-source quote led)
    ("ngl what does nhk say the govts will back? just research or more stuff? 📺", "joint research"),
])
def test_the_quote_first_names_the_rare_name_the_question_is_about(
    shipped_retriever: Retriever, question: str, name: str
) -> None:
    """A passage naming the question's rare name leads when the best-ranked one names it not at all."""
    quoted_first(shipped_retriever, question, name)
