"""Related words (bot.search.related), words of one language only, quoted titles: reading members' own words."""

from __future__ import annotations

import pytest

from bot.knowledge.parse import parse_file
from bot.knowledge.problems import FileProblem
from bot.models import KnowledgeBase, RelatedWords
from bot.search.related import RelatedLexicon
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_knowledge: KnowledgeBase, shipped_retriever: Retriever) -> Retriever:
    assert shipped_knowledge.errors == []
    return shipped_retriever


def test_every_shipped_related_line_is_used(retriever: Retriever) -> None:
    """A line whose phrase analyses to nothing, or whose words no passage holds, would silently do nothing."""
    assert {line.language for line in retriever.kb.related} == {"fr", "en", "ja"}
    assert [(w.language, w.line, w.phrase) for w in retriever.related.unused] == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which top diplomats praised the deal?", "Le Drian"),
        ("Qui a paraphé la déclaration ?", "signée par"),
        ("この取り決めに署名したのは誰？", "武藤"),
        ("Which fake handbag app was shown?", "luxury"),
        # families of everyday words (knowledge/related/*.yaml)
        ("How did the JETRO chief see the rivalry between Washington and Beijing?", "trade war"),
        ("Que dit le patron de la JETRO de la rivalité entre Washington et Pékin ?", "guerre commerciale"),
        ("Which members of the government put their name on the text?", "Gény-Stephann"),
        ("were the signatories French or Japanese?", "Gény-Stephann"),  # signatories: signed (was METI's ministries)
        ("Which trade fairs did Muto and Mahjoubi agree to send startups to?", "CEATEC"),
        ("閣僚のうち誰が署名しましたか？", "ジェニ＝ステファン"),
        ("声明はどんな公平の原則を掲げていますか？", "平等"),
        ("ローンチイベントの会場はどこ？", "ステーションF"),
        ("署名の前の日に何かイベントはあった？", "ジャポニスム2018"),  # 前の日: 前日
        ("お互いのインキュベーターを使えるようになるの？", "利用しやすく"),  # 使える: 利用 (was not found)
        ("共同声明の内容は？", "目的は"),  # what it is about: its aim (was the G20 and G7 dialogue)
        ("ステーションFで何社が発表しましたか？", "9社"),  # 発表: the pitches (ピッチ), not the evening alone
        ("« trentaine » って、ラ・リューシュの記事では何の数のこと？", "30社"),  # was refused: 何の数 read as a count
        ("did paris and tokyo plan to talk things over before the 2019 summits?", "dialogue"),  # was refused
        ("貿易振興を担う日本の機関のトップは米中の争いをどう見ていた？", "ジェトロの幹部"),  # トップ: 幹部 too
        # the press's names and demonyms of the two countries and their cities: the sources write the name
        ("Pour l'initiative nippone de promotion des jeunes pousses, qu'a représenté la soirée parisienne ?",
         "première action à l'étranger"),  # parisienne: Paris (was the start-ups in general)
        ("when did the japanese minister arrive in france", "12 to 14 July"),  # arrive: his trip
        ("wen did the japanese minster arive in france", "12 to 14 July"),  # a typo's word, corrected, relates too
        ("thx!! and muto flew out on which day? 🛫", "14 July"),  # flying: his trip (blind T)
        ("who signed it on the french side? pls 🙏", "Gény-Stephann"),  # the French side: France (blind K)
        ("coucou, muto il était déjà en france la veille de la signature ou il est arrivé le jour même ?", "12 au 14"),
        ("Quels contacts avec les mastodontes de l'industrie les deux États entendent-ils encourager ?",
         "grandes entreprises"),  # the press's words for big companies (blind AJ, Z)
        ("Pendant quelle période le numéro deux du ministère nippon de l'industrie a-t-il séjourné dans l'Hexagone ?",
         "12 au 14"),  # the number two of a ministry: its vice-minister
        ("Which Japanese lawmaker, number two at the trade and industry ministry, led his country's side?", "Muto"),
        ("What did the two governments promise about letting each side's young firms use the other's business "
         "nurseries and fast-track programmes?", "incubators"),  # nurseries: incubators (blind AE)
        # 付き合い between two countries: their relations
        ("両国の正式な付き合いを始めた取り決めが交わされたのは、署名の何年前のことですか？", "1858"),
        # a rotating leadership is a chair; the G7 and the G20 as described (glossary; blind AG, AI)
        ("Which rotating leadership of the major-economies forum did Tokyo hold in 2019?", "G20"),
        ("Which summit of leading industrial democracies did Paris preside over the year after the pact?", "G7"),
    ],
)
def test_a_question_in_other_words_finds_the_passage(retriever: Retriever, question: str, expected: str) -> None:
    answer = retriever.answer(question)
    assert answer.answered
    assert any(expected in c.snippet for c in answer.citations[:3])


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("since when does station f exist?", "opened in 2017"),
        ("station f ça existe depuis quand ?", "ouvert en 2017"),
        ("how long has J-Startup existed?", "June 2018"),
        # a beginning asked, dated in the sentence naming the thing: French Tech's FAQ answer, which names J-Startup
        # in another sentence, dates French Tech (« lancée fin 2013 »)
        ("depuis quand existe J-Startup ?", "juin 2018"),
        # the date written before the verb (« le 12 juillet 2018, … s'ouvrait »): J-Startup's June 2018 led
        ("japonismes 2018 ça a commencé quand", "12 juillet 2018"),
    ],
)
def test_since_when_a_thing_exists_is_answered_by_its_own_beginning(
        retriever: Retriever, question: str, date: str) -> None:
    """"exist" reads as its opening, founding or launch: it was the FAQ's "Since when does French Tech exist?",
    whose words matched, that answered for Station F and J-Startup (French Tech, begun in 2013)."""
    answer = retriever.answer(question)
    assert answer.answered, answer.reason
    assert date in answer.citations[0].snippet, [c.snippet[:80] for c in answer.citations]


def test_the_day_after_the_signing_is_the_foreign_ministers_reaction(retriever: Retriever) -> None:
    """The French FAQ says the 14th was « lendemain de la signature »: it quoted the day before (Japonismes)."""
    answer = retriever.answer("que s'est-il passé le lendemain de la signature ?")
    assert answer.answered and "Le Drian" in answer.citations[0].snippet, [c.snippet[:60] for c in answer.citations]


def test_related_words_work_one_way(retriever: Retriever) -> None:
    """"promise" looks for "agreed"; "agreed" does not look for "promise"."""
    promise = retriever.parse("What did they promise?", "en")
    agreed = retriever.parse("What did they agree?", "en")
    assert any(unit.related for unit in promise.units)
    assert not any(unit.related for unit in agreed.units)


def test_a_phrase_needs_all_its_words_and_weighs_below_the_questions_own() -> None:
    lexicon = RelatedLexicon([RelatedWords("en", "young companies", ("startups",))], {"startup"})
    young, companies = frozenset({"young"}), frozenset({"compani"})
    assert [covered for covered, _ in lexicon.matches("en", "", {0: young, 1: companies})] == [{0, 1}]
    assert lexicon.matches("en", "", {0: young}) == []
    assert lexicon.unused == []
    assert RelatedLexicon([RelatedWords("en", "deal", ("nowhere",))], {"startup"}).unused


def test_related_file_problems_have_a_line() -> None:
    parsed = parse_file("related/x.yaml", b"type: related\nlanguage: fr\npromettre: [engagent, soutenir]\n")
    assert parsed.related == [RelatedWords("fr", "promettre", ("engagent", "soutenir"), 3)]
    with pytest.raises(FileProblem) as problem:
        parse_file("related/x.yaml", b"type: related\nlanguage: fr\npromettre: []\n")
    assert problem.value.line == 3
    with pytest.raises(FileProblem) as problem:
        parse_file("related/x.yaml", b"type: related\nlanguage: de\nversprechen: [engagent]\n")
    assert problem.value.line == 2


def test_a_word_of_one_language_does_not_match_another_languages_word_of_the_same_stem(retriever: Retriever) -> None:
    """French "reste" and English "rests" both stem to "rest": a French question is not about the English word."""
    french = retriever.parse("Qu'est-ce qui reste ?", "fr")
    assert all(retriever.passages[hit.index].language == "fr" for hit in retriever.rank(french) if hit.score > 0)
    english = retriever.rank(retriever.parse("What does the cooperation rest on?", "en"))
    assert "equality" in retriever.passages[english[0].index].text
    cognate = retriever.parse("Qui a signé la déclaration ?", "fr")  # declaration is English too: still shared
    assert [u.own_language for u in cognate.units if u.token == "declar"] == [False]


def test_a_glossary_name_is_not_found_by_the_bigram_across_its_words(retriever: Retriever) -> None:
    """外務大臣 (外相 in the sources): its bigram 務大 is also in 財務大臣, a French signatory's title."""
    answer = retriever.answer("外務大臣は何と言った？")
    assert answer.answered and "外相" in answer.citations[0].snippet


def test_a_quoted_title_says_which_text_not_what_is_asked(retriever: Retriever) -> None:
    """The passage giving the declaration's French title holds every word of it: it must not lead the answer."""
    answer = retriever.answer("Which principles does the « Déclaration conjointe sur la coopération franco-japonaise »"
                              " rest on?")
    assert answer.answered and "equality" in answer.citations[0].snippet


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("According to La Ruche, what new role did JETRO take on in Paris?", "foreign companies"),
        ("記事によると、パリでのジェトロの新しい役割は？", "外国企業"),
        ("Why, according to the blog post, is Japan wooing young French companies?", "talent"),
        ("記事によると、日本はなぜ助けを求めているの？", "インスピレーション"),
    ],
)
def test_a_fact_only_the_french_article_gave_is_found_in_english_and_japanese(
    retriever: Retriever, question: str, expected: str
) -> None:
    """knowledge/{en,ja}/laruche.md state the article's facts in the question's language: the answer is in it."""
    answer = retriever.answer(question)
    assert answer.answered and expected in answer.citations[0].snippet
    assert answer.citations[0].language == retriever.parse(question).language


def test_a_related_line_weighs_as_the_members_own_word(retriever: Retriever) -> None:
    """"praised" is not in the corpus: "welcomed" stands for it at full weight (a phrase shares it)."""
    from bot.search.parsing import RELATED_WEIGHT

    query = retriever.parse("Who praised the signing?", "en")
    assert query.terms["welcom"] == RELATED_WEIGHT == 1.0
    diplomats = retriever.parse("What did the diplomats say?", "en")
    assert diplomats.terms["foreign"] == diplomats.terms["minist"] == RELATED_WEIGHT / 2


def test_a_misspelt_word_is_read_as_the_everyday_word_by_the_related_words(retriever: Retriever) -> None:
    """"Washingtton" is no word of the corpus nor of the language: read as "Washington", the line "Washington and
    Beijing" applies, and "Beijing" (a name the corpus lacks) is not left to block the answer."""
    answer = retriever.answer("How did the JETRO boss describe the rivalry between Washingtton and Beijing?")
    assert answer.answered and "trade war" in " ".join(c.snippet for c in answer.citations)


def test_one_capital_alone_does_not_stand_for_its_country(retriever: Retriever) -> None:
    """"Washington and Beijing" is the US and China (their trade war is in the article); "Beijing" alone asks about
    China's government, which the corpus does not quote: the trade war is no answer to it."""
    assert retriever.answer("What did the JETRO head say about the rivalry between Washington and Beijing?").answered
    assert not retriever.answer("What did Beijing say about the France-Japan deal?").answered
    assert not retriever.answer("Qu'a dit Washington de la déclaration ?").answered
