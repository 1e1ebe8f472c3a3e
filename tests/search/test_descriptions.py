"""Descriptions (the glossary's ``described``, bot.search.descriptions): a member names a thing by what it is."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.parse import parse_file
from bot.knowledge.problems import FileProblems
from bot.models import GlossaryEntry, KnowledgeBase
from bot.search.descriptions import DescriptionLexicon
from bot.search.retriever import Retriever


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was a woman among the signatories?", "Gény-Stephann"),
        ("署名者の中に女性はいましたか？", "ジェニ＝ステファン"),
        ("Which tech trade shows were named?", "CEATEC"),
        ("Quels salons tech ont été cités ?", "CEATEC"),
        # a country in the description (Chinese) and a kind (news agency) the quote does not write beside the name:
        # "…, Xinhua reported" names the thing described
        ("Which Chinese state news agency reported how the two top diplomats reacted?", "Xinhua"),
        ("ル・ドリアン外相と河野外相の反応を報じた中国の通信社はどこですか？", "新華社"),
        # a person described by office: before, the signatories' passage came first
        ("what did the french digital minister discuss with muto?", "artificial intelligence"),
        ("パリにある起業家の巨大拠点をつくった通信業界の実業家って誰？", "ニエル"),  # was not found
        ("日本の産業官庁のリリースはいつ出た？", "経済産業省"),  # La Ruche's article came first
        ("what did the wearable machine from Japan do?", "robot"),  # was not found
        ("which telecoms billionaire is behind the campus?", "Niel"),  # the JETRO chief's quote came first
        ("what celebration of Japanese arts was on in Paris in July 2018?", "Japonismes"),  # the pitches came first
    ],
)
def test_a_question_describing_a_thing_finds_the_passage_naming_it(
    shipped_retriever: Retriever, question: str, expected: str
) -> None:
    """Before the descriptions, "a woman among the signatories" quoted a start-up; "tech trade shows" the JETRO
    chief."""
    answer = shipped_retriever.answer(question)
    assert answer.answered
    assert expected in answer.citations[0].snippet


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Quelle agence de presse de Pékin a rapporté la réaction des deux ministres ?", "Xinhua"),  # was not found
        ("Which Japanese TV network reported on the evening's pitches?", "NHK"),  # NHK was not quoted
    ],
)
def test_a_source_described_by_what_it_is_is_quoted(shipped_retriever: Retriever, question: str,
                                                      expected: str) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered
    assert any(expected in c.snippet for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Qu'a représenté cette soirée pour le programme japonais de jeunes pousses ?", "première action à l'étranger"),
        ("Roughly how many promising young Japanese firms were picked for Tokyo's flagship start-up scheme?", "100"),
    ],
)
def test_a_description_holding_a_glossary_word_still_finds_the_thing(
    shipped_retriever: Retriever, question: str, expected: str
) -> None:
    """"jeunes pousses" and "start-up" are glossary words, and J-Startup's French reading (j' elided) is "startup":
    the question was taken for one naming J-Startup, and the description was never read. Each quoted start-ups in
    general instead of J-Startup's first action abroad, or its hundred start-ups."""
    answer = shipped_retriever.answer(question)
    assert answer.answered
    assert any(expected in c.snippet for c in answer.citations[:3])


def test_a_described_thing_is_found_by_its_own_names_not_by_another_entrys(shipped_retriever: Retriever) -> None:
    """J-Startup's French reading "startup" is every start-up's: "Japan's flagship start-up programme" must not be
    found in every passage on start-ups (they outranked the one on J-Startup's first action abroad)."""
    answer = shipped_retriever.answer("What did the Paris event represent for Japan's flagship start-up programme?")
    assert answer.answered
    assert any("first overseas" in c.snippet or "first action" in c.snippet for c in answer.citations[:3])


def test_every_shipped_description_is_read_in_every_language(shipped_knowledge: KnowledgeBase) -> None:
    described = [entry for entry in shipped_knowledge.glossary if entry.described]
    assert len(described) >= 15
    lexicon = DescriptionLexicon(shipped_knowledge.glossary)
    assert len(lexicon) == 3 * sum(len(entry.described) for entry in described)


FOLDER = {
    "en/zoo.md": "---\nid: zoo\nlanguage: en\ntitle: Zoo news\nsource: https://example.org/zoo\n---\n\n"
                 "Zorblat was shown at the fair on 3 May 2019.\n\n"
                 "A bread oven was shown at the fair on 4 May 2019.\n\n"
                 "Visitors praised the weather and the music.\n",
    "glossary.yaml": "type: glossary\nterms:\n  - id: zorblat\n    terms: [Zorblat, ゾルブラット]\n"
                     "    described:\n      - [robot|android|ロボット, dog|puppy|犬]\n",
}


def _folder(tmp_path: Path) -> Path:
    for name, text in FOLDER.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_moderators_description_makes_the_bot_find_what_it_describes(tmp_path: Path) -> None:
    kb = load_knowledge(_folder(tmp_path))
    assert kb.errors == []
    answer = Retriever(kb).answer("When was the robot dog shown?")
    assert answer.answered
    assert "Zorblat" in answer.citations[0].snippet
    kb.glossary[:] = [dataclasses.replace(entry, described=()) for entry in kb.glossary]
    without = Retriever(kb).answer("When was the robot dog shown?")  # "robot" and "dog": words the corpus lacks
    assert not without.answered or "Zorblat" not in without.citations[0].snippet


def test_a_description_needs_every_slot_and_works_one_way(tmp_path: Path) -> None:
    retriever = Retriever(load_knowledge(_folder(tmp_path)))
    assert not any(u.related for u in retriever.parse("When was the robot shown?", "en").units)
    assert any(u.related for u in retriever.parse("When was the puppy android shown?", "en").units)
    assert not any(u.related for u in retriever.parse("When was Zorblat shown?", "en").units)


def test_a_description_is_found_whatever_the_words_order_and_in_japanese() -> None:
    entry = GlossaryEntry("zorblat", ("Zorblat", "ゾルブラット"), described=((("robot", "ロボット"), ("dog", "犬")),))
    lexicon = DescriptionLexicon([entry])
    assert lexicon.matches("en", "dog robot", {0: frozenset({"dog"}), 1: frozenset({"robot"})}) == [(0, {0, 1})]
    assert lexicon.matches("ja", "ロボットの犬", {0: frozenset({"ロボット"}), 1: frozenset({"犬"})}) == [(0, {0, 1})]
    assert lexicon.matches("en", "robot", {0: frozenset({"robot"})}) == []


def test_a_long_question_costs_no_more_than_its_words() -> None:
    entry = GlossaryEntry("zorblat", ("Zorblat", "Zb"), described=((("robot",), ("dog",)),))
    lexicon = DescriptionLexicon([entry])
    word = "a" * 2_000
    assert lexicon.matches("en", word, {0: frozenset({word})}) == []
    assert lexicon.matches("ja", "犬" * 2_000, {0: frozenset({"犬"})}) == []


@pytest.mark.parametrize(
    "described",
    ["[robot]", "robot dog", "[[robot]]", "[[robot, '']]", "[{a: b}]"],
)
def test_a_bad_description_is_a_problem_on_its_entrys_line(described: str) -> None:
    text = f"type: glossary\nterms:\n  - id: zorblat\n    terms: [Zorblat, Zb]\n    described: {described}\n"
    with pytest.raises(FileProblems) as problems:
        parse_file("glossary.yaml", text.encode())
    assert [p.line for p in problems.value.problems] == [3]
    assert '"described" must be a list of descriptions' in problems.value.problems[0].message


def test_a_phone_is_no_wearable_machine(shipped_retriever: Retriever) -> None:
    """« portable » is a phone in French, « appareil photo » a camera: the luxury check's question is not about the
    robot suit, which a wearable machine describes."""
    query = shipped_retriever.parse("quelle start-up vérifie un sac de luxe avec l'appareil photo du portable ?", "fr")
    assert not any("robot" in form for unit in query.units for form in (*unit.related, *unit.expansions))


def test_an_agency_speaking_of_china_is_no_chinese_press_agency(shipped_retriever: Retriever) -> None:
    """JETRO is « l'agence » too: only a press agency described as Chinese is Xinhua."""
    query = shipped_retriever.parse("que dit l'agence japonaise sur la Chine ?", "fr")
    assert not any("xinhua" in form for unit in query.units for form in (*unit.related, *unit.expansions))
