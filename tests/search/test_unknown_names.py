"""A body or a person the sources never mention, named beside one they do, is "not found" (issue 10, wrong entity):
read as a typo of an everyday word (Inria as India, Aso as "also") or as a common word (トヨタ), the name weighed
little and the known one's quote answered. The same questions about what the sources do name stay answered.
"""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.retriever import Retriever
from bot.search.unknown_names import capitalised_runs, known_as_written, named_bodies, names_a_body, shouting


@pytest.mark.parametrize("question", [
    "What did AIST and Inria agree to research together?",  # Inria is no typo of India
    "Did Taro Aso welcome the declaration?",  # nor Aso of "also" (Taro Kono did)
    "INRIAとCNRSの協力は？",  # capitals in Japanese are an acronym's
    "ソニーの社長はステーションFで何を話しましたか？",  # a company's name (固有名詞・一般), as a capitalised one
    "ルノーはこの声明にどう関わりましたか？",
    "エールフランスは声明に関わった？",  # a katakana compound ending in a place names a body
    "ビジネスフランスはステーションFのイベントで何をしましたか？",
    "SoftBank a annoncé quoi pour les start-up françaises ?",  # first word, but a capital inside it: a name
    "菅官房長官はこの日仏共同声明について何とコメントしましたか？",  # a name of one kanji before a title
    # a place's local government (市, 都), a body the sources never name (blind X, AA)
    "パリ市は、この声明に合わせて日本のスタートアップ向けにどんな支援策を発表しましたか？",
    "東京都はJ-Startupの運営にどのように関わっていますか？",
])
def test_a_name_the_sources_lack_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("What did AIST and CNRS agree to research together?", "CNRS"),
    ("Did Taro Kono welcome the declaration?", "welcomed"),
    ("産総研とCNRSの研究協力はどう強化されましたか？", "CNRS"),
    ("JETROはどんな組織ですか？", "貿易"),
    ("スニップスはどんな会社ですか？", "音声アシスタント"),
    ("ステーションFでフレンチテックは何をしましたか？", "フレンチテック"),
    ("WHO SIGNED THE DECLARATION FOR JAPAN?", "Muto"),  # a shouted message writes no acronym
    ("BpiFrance fait quoi ?", "Bpifrance"),  # a capital inside the corpus's own name
    ("あこほすに氏の発言に出てくる「技術の史配」ってどういう意味？", "技術覇権"),  # 史 before one kanji: an IME's slip
    ("パリ市内のステーションFで何がありましたか？", "ステーションF"),  # 市内: within the place, no body
])
def test_the_names_the_sources_hold_are_answered(shipped_retriever: Retriever, question: str, fact: str) -> None:
    answered_with(shipped_retriever, question, fact)


def test_how_a_name_is_told() -> None:
    assert shouting("WHO SIGNED IT?", "en") and not shouting("INRIAとの協力は？", "ja")
    assert known_as_written(1.56) and not known_as_written(0.0)  # Inria is listed; a typo (Engglish) is not
    assert names_a_body("一般") and not names_a_body("地名") and not names_a_body("")


@pytest.mark.parametrize("question", [
    "Quel rôle a joué Business France dans la déclaration ?",  # each word the corpus has, the name it never writes
    "How was the European Investment Bank involved in the NEDO projects?",
    "What is the deadline of Station F's Founders Program?",
    "La Banque mondiale a-t-elle financé les projets de la NEDO ?",  # a body named by what it is, and which one
    "L'Agence nationale de la recherche participe-t-elle à la coopération entre l'AIST et le CNRS ?",
    "日本ベンチャーキャピタル協会はこの共同声明でどんな役割がありますか？",
    "Quel rôle la Banque de France a-t-elle joué dans la déclaration ?",  # blind AF: « banque » and « France »
    # are in one passage (Bpifrance's), never in a row
    "日本銀行はこの共同声明の中でどんな役割を担っていますか？",  # blind AE
    "ビジネス・フランスはイベントで何をした？",  # a dotted name of everyday words (blind AH), as "Business France"
])
def test_a_name_of_known_words_the_sources_never_write_is_not_found(shipped_retriever: Retriever,
                                                                     question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("When did La French Tech start, c'est-à-dire which year?", "2013"),  # written « la French Tech »
    ("What are NEDO and BPI France supposed to do together?", "NEDO"),  # written Bpifrance
    ("What did Le Drain and Kono say about the signature?", "Kono"),  # Le Drian misspelt, an everyday word
    ("Qui a lancé la soirée avec Mounir Mahjoubi à Station F ?", "Muto"),
    ("Quel est le rôle de la Banque publique d'investissement ?", "Bpifrance"),  # the corpus writes that body
    ("産業技術総合研究所とCNRSの協力は？", "CNRS"),
    ("日本の公的な研究所とフランスの研究機関は何を強めるの？", "CNRS"),  # a kind of body described, none named
    ("独立行政法人日本貿易振興機構はこの声明にどう関わっていますか？", "ジェトロ"),  # JETRO's full official name
    ("AISTとCNRSの両研究所の協力内容は？", "CNRS"),  # the two just named
    ("Avec quel Institut japonais le CNRS coopère-t-il ?", "AIST"),
    ("Bpifrance, la Banque d'investissement publique française, fait quoi avec la NEDO ?", "NEDO"),  # any order
    # the dictionary cuts 武藤|容|治氏: 容 and 治氏 are no names the corpus lacks, but its 武藤容治 (blind AI)
    ("武藤容治氏の当時の肩書きは何ですか？", "副大臣"),
    ("ムニル・マジュビは誰？", "Mahjoubi"),  # a dotted name misspelt: its parts are no everyday words
])
def test_a_name_the_sources_write_is_answered(shipped_retriever: Retriever, question: str, fact: str) -> None:
    answered_with(shipped_retriever, question, fact)


def test_the_bodies_named_by_what_they_are() -> None:
    french, japanese = frozenset({"Banque", "Conseil", "Organisation"}), frozenset({"大学", "銀行"})
    assert named_bodies("le rôle de la Banque européenne d'investissement ?", "fr", french) == [
        ["Banque", "européenne"]]
    assert named_bodies("le Conseil des ministres", "fr", french) == [["Conseil", "des", "ministres"]]
    assert named_bodies("la Banque de France ?", "fr", french) == [["Banque", "de", "France"]]  # a name after de
    assert named_bodies("la Japan External Trade Organisation ? je demande", "fr", french) == []  # "?" ends it
    assert named_bodies("東京大学と政府系銀行は", "ja", japanese) == [["東京大学"]]  # 政府系: a kind, no name
    assert named_bodies("大学は", "ja", japanese) == []


def test_the_names_in_a_row() -> None:
    assert capitalised_runs("Quel rôle a joué Business France ?") == [["Business", "France"]]
    assert capitalised_runs("Business France a-t-il joué un rôle ?") == []  # a sentence's first word
    assert capitalised_runs("What about the US-China trade war and Station F's Founders Program?") == [
        ["Founders", "Program"]]


def test_a_typo_opening_the_question_after_chatter_is_still_a_typo(shipped_retriever: Retriever) -> None:
    answered_with(shipped_retriever, "gm fam, Whcih ministry did Yoji Mutoh represent? cheers mate", "Muto")


@pytest.mark.parametrize(("question", "fact"), [
    ("Hello everyone, What Japanese minister signed the declaration? thanks in advance", "Muto"),
    ("wsh la mif Quand Yoji Muto était-il en France ? bisous", "juillet"),  # a question's first words after chatter
    ("wsh la mif La Japan External Trade Organization a organisé quoi à Paris selon l'article ? bisous", "JETRO"),
])
def test_capitalised_first_words_after_chatter_are_no_name(shipped_retriever: Retriever, question: str,
                                                           fact: str) -> None:
    answered_with(shipped_retriever, question, fact)
