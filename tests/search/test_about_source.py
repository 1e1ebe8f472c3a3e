"""Sections about a source itself (bot.search.about_source): a headline asked is quoted from them, and a question
about the facts never gets a headline that merely shares its words."""

from __future__ import annotations

import pytest
from answers import answered_with, quoted_first

from bot.knowledge.about import is_about_source
from bot.models import LANGUAGES, KnowledgeBase
from bot.search.about_source import about_sources, asks_about_source, sources_named
from bot.search.retriever import Retriever


def _headed(kb: KnowledgeBase, passage_id: str) -> str:
    return next(p.heading for p in kb.passages if p.id == passage_id)


@pytest.mark.parametrize(
    ("question", "headline"),
    [
        ("what headline did NHK put on its story about the startups?", "相互に支援へ"),
        ("Quel était le titre de la dépêche de Xinhua sur la déclaration ?", "expriment la volonté"),
        ("Le Moci の記事の見出しは何でしたか？", "rapprocher leurs start-up"),
        ("which site is the press release of METI on?", "meti.go.jp"),
        ("Which site published the NHK story?", "nhk.or.jp"),  # the source named, not the first card with "site"
        ("What language is the NHK report in?", "Japanese"),
        ("Le Mociの記事は何語？", "フランス語で書かれ"),
        ("When did the Tokyo at Paris post come out?", "17 July 2018"),
        ("Le communiqué du METI est sorti quel jour ?", "publié le 17 juillet 2018"),  # « sorti »: published
        # a source asked by what it is (a trade publication, 報道発表), or by its name typed in hiragana (ル・モシ)
        ("Which French trade publication reported that Paris and Tokyo want to bring their start-ups closer together?",
         "Le Moci"),
        ("るもしっていうフランスのメディアはこの件をなんて報じたの？", "Le Moci"),
        ("フランスの大統領府が日本の首相の来訪に合わせて共同の報道発表を出したのは、何年の何月ですか？", "2014年5月"),
        # the web's words in capitals name nothing the corpus lacks (URL was an unknown name)
        ("what's the URL of the Le Moci article?", "lemoci.com"),
        ("Le Moci の記事の URL ってどこ？", "lemoci.com"),
        # the source named leads, not another whose headline holds its words (« Paris et Tokyo veulent… »: blind AI)
        ("wat is teh url of teh tokyo at paris artikle?", "tokyoatparis.com"),
        ("pls what's the link to the tokyo at paris article? 🔗", "tokyoatparis.com"),
        ("wats teh link 4 teh le moci artikl?", "lemoci.com"),  # blind AJ: "4" for "for", "wats" English
        ("ル・モシの記事のURLは何ですか？", "lemoci.com"),  # "URL" between kana (blind AG: read as no word of the list)
        # a source's name as members write it in Japanese (the sections give it beside the Latin one)
        ("東京アットパリの記事のタイトル教えて〜🙏", "Une coopération économique"),
        ("らりゅーしゅの記事のたいとるを教えてください", "Le Japon part à la conquête"),
        ("らりゅーしゅ の きじ の たいとる って なんだっけ？", "Le Japon part à la conquête"),  # all in hiragana
        # the source and what is asked of it typed with typos, read as corrected (Query.spelt; blind Z, AG)
        ("wats teh japanees titel of teh nhk storee?", "日仏「スタートアップ」企業の進出を相互に支援へ"),
        ("wat wuz the titel of the tokio at paris artcle abut the cooperaton?", "Une coopération économique"),
        ("l'artikl de tokio at pari il sapèl koman, le titr ?", "Une coopération économique"),
        # the article's subheadings, given in its section (blind R, V, AA, AJ)
        ("Quel intertitre de l'article de La Ruche attribue l'idée de l'alliance à la Jetro ?",
         "une idée signée Jetro"),
        ("lol what's la ruche's subheading about the usa and china, something about their place in tech? 😂",
         "Une alternative à la place prépondérante"),
    ],
)
def test_a_headline_or_site_asked_is_quoted_from_the_section_about_the_source(
    shipped_retriever: Retriever, question: str, headline: str
) -> None:
    quoted_first(shipped_retriever, question, headline)


@pytest.mark.parametrize(
    "question",
    [
        "When did Paris and Tokyo decide to bring their start-ups closer together?",
        "Quand Paris et Tokyo ont-ils voulu rapprocher leurs start-up ?",
        "パリと東京がスタートアップを近づける声明に署名したのはいつ？",
        "svp le mec de la Jetro dans l'article il disait quoi sur les USA et la Chine ?",  # not its subheading
    ],
)
def test_a_question_about_the_facts_is_not_answered_by_a_headline(
    shipped_knowledge: KnowledgeBase, shipped_retriever: Retriever, question: str
) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, answer.reason
    assert not [c for c in answer.citations if is_about_source(_headed(shipped_knowledge, c.passage_id))]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What did the press release of the Elysée say about 2013?", "June 2013"),
        ("what was the site of the signing?", "Paris"),
        ("According to NHK, how many startups pitched?", "Nine"),  # where the fact comes from, no source asked
    ],
)
def test_a_fact_asked_with_a_source_word_is_answered_by_the_facts(
    shipped_knowledge: KnowledgeBase, shipped_retriever: Retriever, question: str, fact: str
) -> None:
    """A source's section that does not answer (nothing of 2013 in the Élysée's) leaves the question to the facts."""
    answer = shipped_retriever.answer(question)
    assert answer.answered, answer.reason
    assert fact in answer.citations[0].snippet
    assert not is_about_source(_headed(shipped_knowledge, answer.citations[0].passage_id))


def test_a_subheading_asked_in_japanese_is_quoted_after_the_headline(shipped_retriever: Retriever) -> None:
    question = "ラ・リューシュの記事で、この日仏の連携をジェトロの発案だとしている小見出しは何ですか？"
    answered_with(shipped_retriever, question, "une idée signée Jetro")


def test_who_is_in_a_source_is_answered_by_the_person_not_the_sources_section(shipped_retriever: Retriever) -> None:
    """A source's section names no one: "who was the jetro guy in the ccifj editorial?" leads with who he is."""
    quoted_first(shipped_retriever, "who was the jetro guy in the ccifj editorial, what's his real name?", "Akahoshi")


def test_the_shipped_sources_each_have_their_section_first_in_every_language(shipped_knowledge: KnowledgeBase) -> None:
    passages = list(shipped_knowledge.passages)
    cards = about_sources(p.heading for p in passages)
    groups = {(passages[i].doc_id.rsplit("-", 1)[0], passages[i].language) for i in cards}
    # first in its file (its paragraphs, the headline and the subheadings, before any fact)
    assert all(i == 0 or passages[i - 1].doc_id != passages[i].doc_id or i - 1 in cards for i in cards)
    names = {name for name, _ in groups}
    assert len(names) >= 9
    assert groups == {(name, language) for name in names for language in LANGUAGES}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Which 公共放送 reported the deal, and what did its 見出し say?", True),
        ("la dépêche de Xinhua est parue quand ?", True),
        ("その記事はどのサイトに掲載されましたか", True),
        ("When was the declaration signed?", False),
        ("Quel était le poste de Mahjoubi ?", False),
        ("websites of startups", False),  # a word, not a part of one: "site" is not in "websites"
        ("le lien de l'article du Moci ?", True),
        ("what was the site of the signing?", False),  # a site, a title, a source: a source's beside a source noun
        ("Selon les sources, quel est le titre de la déclaration ?", False),
        ("Station Fのサイトはどこ？", False),
        ("link?", False),
        ("Which French trade publication reported that Paris and Tokyo want to bring their start-ups closer?", True),
        ("Quel organe de presse d'État chinois a relayé les louanges des deux ministres ?", True),
        ("À quel mois de 2014 remonte le communiqué commun publié par la présidence française ?", True),
        ("仏大統領府の共同発表文は、いつの訪仏に合わせて出されましたか？", True),
        ("Quand la déclaration a-t-elle été publiée ?", False),  # « publié » beside no source noun: the facts'
        ("l'article de Tokyo at Paris, il est sorti quand ?", True),
        ("めてぃ の ぷれす りりーす って いつ でた？", True),  # プレスリリース typed in hiragana, spaced
        ("すてーしょん えふ の ばしょ は？", False),
        ("Quand Muto est-il sorti de la réunion ?", False),  # « sorti » beside no source noun
    ],
)
def test_a_question_asks_about_a_source_by_its_words_in_any_language(question: str, asked: bool) -> None:
    assert asks_about_source(question) is asked


def test_a_french_inverted_question_writes_no_english_word(shipped_retriever: Retriever) -> None:
    """« a-t-elle » is "a" asked: its letters joined are the "at" of "Tokyo at Paris", which the corpus has."""
    units = [u.token for u in shipped_retriever.parse("Quel jour la déclaration a-t-elle été signée ?", "fr").units]
    assert "at" not in units



def test_a_source_asked_in_hiragana_is_quoted_with_its_date(shipped_retriever: Retriever) -> None:
    """blind AB: METI (めてぃ) and its press release (ぷれす りりーす) typed in hiragana; the facts about METI came
    instead of its release's date."""
    answer = shipped_retriever.answer("めてぃ の ぷれす りりーす って なんがつ なんにち に でた？")
    assert answer.answered and any("7月17日" in c.snippet for c in answer.citations[:3])


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("what is the url of the tokyo at paris article?", {"tokyo at paris"}),
        ("son titre officiel, le vrai, pas la version de la ruche svp", set()),  # set aside, not asked about
        ("Le Moci's link, not NHK's?", {"moci"}),
        ("ラ・リューシュではなく経産省のリリースのURLは？", {"経産省"}),
        # typed a letter off: each word of a name of several, a one-word name with a letter left out (blind AA, AG)
        ("le titr de l'artikl de tokio at pari c koi ?", {"tokyo at paris"}),
        ("l'artikl de la ruch il a été publié sur kel sit ?", {"ruche"}),
        ("le plus riche, le mois dernier", set()),  # no Ruche nor Moci: everyday words a letter changed
    ],
)
def test_a_source_set_aside_is_not_named(question: str, named: set[str]) -> None:
    assert sources_named(question) == named


def test_a_long_section_about_a_source_is_quoted_whole(shipped_retriever: Retriever) -> None:
    """Blind AK: the English section listing La Ruche's three subheadings is one 390-character sentence; its quote
    stopped before the third, the one asked about."""
    answer = shipped_retriever.answer(
        "La Ruche has a subheading « La coopération France-Japon : … » — how does it end?")
    assert answer.answered, answer.reason
    assert "la déclaration conjointe" in answer.citations[0].snippet, answer.citations[0].snippet


@pytest.mark.parametrize("question", ["À quelle date le METI a publié son communiqué sur le déplacement de Yoji Muto ?",
                                      "le méti a publié son comuniké sur le voyaj de muto en france le kombien ?"])
def test_a_release_asked_by_its_subject_is_quoted_with_its_date(shipped_retriever: Retriever, question: str) -> None:
    """Blind Q, AG, Y: the section about METI's release gave its date without "published" or what it was about;
    the trip it reports was quoted instead, without the release's date (« le kombien » read as a count)."""
    answer = shipped_retriever.answer(question)
    assert answer.answered and "17 juillet 2018" in answer.citations[0].snippet, answer.citations[0].snippet


def test_the_title_a_source_gives_someone_is_quoted_from_what_it_says_of_them(shipped_retriever: Retriever) -> None:
    """Blind V: "the job title La Ruche gives Mahjoubi" was answered with La Ruche's own headline (its section)."""
    answer = shipped_retriever.answer("Quel 'job title' La Ruche donne-t-elle à Mounir Mahjoubi dans son article ?")
    assert answer.answered and "Numérique" in answer.citations[0].snippet, answer.citations[0].snippet


@pytest.mark.parametrize(("question", "about"), [
    ("武藤さんの出張の話、経産省が発表したのっていつ？📅", True),
    ("METIの発表で、NEDOの協力相手として挙げられたフランスの機関はどこですか？", False),
])
def test_a_release_asked_by_what_its_source_announced(shipped_retriever: Retriever, question: str,
                                                      about: bool) -> None:
    """経産省が発表したのっていつ？ (blind AJ) opened on Muto's trip, 12 to 14 July; METI's release is of 17
    July. 「METIの発表で、…」 only says where the fact comes from: NEDO's French partner is asked, not the release."""
    answer = shipped_retriever.answer(question)
    assert answer.answered
    first = answer.citations[0].snippet
    assert ("7月17日" in first) is about and ("Bpifrance" in first) is not about, first
