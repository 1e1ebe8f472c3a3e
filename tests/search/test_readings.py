"""Japanese readings (bot.search.readings): kana and kanji spellings of the same word meet."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from bot.models import KnowledgeBase
from bot.search.kinds import Kind
from bot.search.readings import SLIP_SPANS_KEPT, ReadingLexicon, fold_reading, shared_tagger, to_katakana
from bot.search.retriever import Retriever


def test_folding_forgets_what_spellings_disagree_on() -> None:
    assert to_katakana("すてーしょん") == "ステーション"
    assert fold_reading("ステーション") == fold_reading(to_katakana("すてしょん"))
    assert fold_reading("グザヴィエ") == fold_reading("グザビエ")
    assert fold_reading("スタートアップ") == fold_reading(to_katakana("すたあとあっぷ"))  # a long vowel typed twice
    assert fold_reading("ムトウ") != fold_reading("ムト")  # not ou: むとう is 武藤, no "muto" shorter than it


def test_hiragana_and_kanji_spellings_find_the_corpus_word() -> None:
    lexicon = ReadingLexicon(["赤星康はジェトロの理事長です。スニップスとステーションF。"])
    assert lexicon.matches("あかほしさんは誰ですか") == ["赤星"]
    assert lexicon.matches("すにっぷすってどんな会社？") == ["スニップス"]
    assert lexicon.matches("すてーしょんえふでのイベント") == ["ステーションF"]  # its capital read as a letter
    assert lexicon.matches("すてーしょんでのイベント") == ["ステーション"]
    assert lexicon.matches("すてえしょんえふでのイベント") == ["ステーションF"]  # ー typed as its vowel
    assert lexicon.matches("これは何ですか") == []
    assert lexicon.matches("すてーしょん えふ でのイベント") == ["ステーションF"]  # spelt word by word: one word
    assert lexicon.matches("あ" * 2000) == []


def test_a_short_word_in_hiragana_standing_alone_is_the_corpus_word() -> None:
    lexicon = ReadingLexicon(["記事の見出し。パリのデータ。"])
    assert lexicon.short_words("きじ の みだし") == [("きじ", "記事")]  # between spaces
    assert lexicon.short_words("えふはぱりのどこ") == [("ぱり", "パリ")]  # between particles
    assert lexicon.short_words("でーた は？") == [("でーた", "データ")]
    assert lexicon.short_words("いつ でた の？") == []  # でた (a verb) is no データ, spelt otherwise
    assert lexicon.short_words("ときじかん") == []  # two kana inside a longer word


def test_capitals_are_read_as_their_letters() -> None:
    lexicon = ReadingLexicon(["NHK の報道によると、ステーションF（Station F）で。"])
    assert lexicon.matches("えぬえいちけーのニュース") == ["NHK"]
    assert lexicon.matches("えふって何？") == []  # one capital alone is read in too many words


def test_words_keep_prefixes_and_suffixes_with_their_word() -> None:
    lexicon = ReadingLexicon([])
    words = [w.surface for w in lexicon.words("武藤副大臣は具体的に何をしたの？")]
    assert "副大臣" in words and "具体的" in words
    assert "2019年" in [w.surface for w in lexicon.words("2019年に開かれましたか")]  # a number and its counter
    assert lexicon.words("あ" * 5000)[-1].end <= 5000


def test_a_question_read_again_after_another_text_has_the_same_words() -> None:
    """A question's tagged words are kept (matches(), words(), person_names() read them): kept as read, not as the
    tagger's nodes, whose features come from its last parse (a node kept reads another word's part of speech)."""
    question = "東京で武藤副大臣は何に署名したの？"
    expected = ReadingLexicon([]).words(question)
    lexicon = ReadingLexicon([])
    lexicon.matches(question)  # tags it, reading the kanji words' features only
    lexicon.words("ステーションFを作ったのは誰？パリで会議がありました")
    assert lexicon.words(question) == expected
    assert [w.proper for w in expected if w.surface == "東京"] == ["地名"]


def test_a_reload_does_not_grow_the_bots_memory(shipped_knowledge: KnowledgeBase) -> None:
    """Every index (at start, at each /kb reload) reads the corpus's Japanese: each used to load its own MeCab
    dictionary, never given back (RSS +73 MB per index of this corpus: +367 MB over these five)."""
    texts = [p.text for p in shipped_knowledge.passages if p.language == "ja"]
    ReadingLexicon(texts)
    gc.collect()
    before = resident_mb()
    for _ in range(5):
        ReadingLexicon(texts)
        gc.collect()
    assert resident_mb() - before < 20


def resident_mb() -> float:
    """This process's resident memory (Linux: /proc/self/statm)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(
    ("question", "expected"),
    [("すにっぷすってどんな会社？", "Snips"), ("じぇにーすてふぁんさんの肩書きは？", "ジェニ＝ステファン"),
     ("ふれんち てっく って いつ はじまった の？", "2013")],  # a loanword spelt in two words
)
def test_a_name_spelt_in_hiragana_is_answered(retriever: Retriever, question: str, expected: str) -> None:
    answer = retriever.answer(question, "ja")
    assert answer.answered and expected in " ".join(c.snippet for c in answer.citations)


def test_a_question_word_in_kana_with_a_space_after_nan_is_read(retriever: Retriever) -> None:
    assert Kind.WEEKDAY in retriever.parse("ぱり で しょめい した ひ わ なん ようび だった の？", "ja").kinds  # 何曜日


def test_a_short_corpus_word_in_hiragana_is_read_and_the_languages_own_is_not(retriever: Retriever) -> None:
    """きじのたいとるはなんですか was "no terms" (きじ, two kana, was too short to read as 記事); ある, もし, two kana
    as common in hiragana as they are, stay the language's own words (the corpus's アル, モシ are names)."""
    units = retriever.parse("きじのたいとるはなんですか？", "ja").units
    assert any("記事" in u.alternatives for u in units), units
    units = retriever.parse("もし ある なら おしえて", "ja").units
    assert not any(u.token.startswith("~") for u in units), units
    answer = retriever.answer("すてーしょんえふはぱりのどこにありますか", "ja")
    assert answer.answered and "パリ" in answer.citations[0].snippet, answer.reason


@pytest.mark.parametrize(
    ("question", "expected"),
    [("じぇいすたーとあっぷって何？", "J-Startup"), ("びーぴーあいふらんすと組むのはどこ？", "NEDO"),
     ("ジェイスタートアップって何？", "J-Startup")],  # in katakana, as the glossary writes it and the corpus does not
)
def test_a_glossary_name_spelt_in_kana_is_that_name_not_its_common_part(
    retriever: Retriever, question: str, expected: str
) -> None:
    """The glossary writes J-Startup ジェイスタートアップ; spelt in hiragana it is the programme, not any スタートアップ
    (before, the first quotes were about start-ups in general; びーぴーあいふらんす quoted no NEDO)."""
    answer = retriever.answer(question, "ja")
    assert answer.answered and expected in answer.citations[0].snippet


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("経済官庁のナンバー2クラスの人がフランスに行ったときの話を教えて", "マジュビ"),  # 済官: a cut, not a word
        ("この記事を載せたのはどこのメディア？", "La Ruche"),  # メディア: an everyday word, not three rare bigrams
        ("武藤副大臣がフランスに滞在したのはいつからいつまでですか？", "14日まで"),
        ("すてーしょんえふ は何区にありますか？", "13区"),  # 何区 asks which 区: the 区 is a word of the question
    ],
)
def test_japanese_questions_weigh_words_not_bigrams(retriever: Retriever, question: str, expected: str) -> None:
    answer = retriever.answer(question)
    assert answer.answered and expected in " ".join(c.snippet for c in answer.citations[:3])


def test_a_name_in_katakana_finds_the_corpus_kanji(retriever: Retriever) -> None:
    answer = retriever.answer("お疲れ様です！ムトウさんとマジュビさん、会談で何話したの？")  # the corpus writes 武藤
    assert answer.answered and "データ" in answer.citations[0].snippet  # 何話: what they talked about


def test_a_foreign_name_misheard_by_one_kana_is_the_corpus_name(retriever: Retriever) -> None:
    """スニプス (スニップス), マフジュビ (マジュビ): a katakana word the language does not know, one kana from a
    corpus katakana word, is that word; an everyday word one kana from one (オランダ, オランド) is itself, and a name
    the corpus lacks (マクロン) still keeps the question out."""
    lexicon = ReadingLexicon(["スニップスは音声アシスタントです。", "オランド大統領"])
    assert lexicon.spelt_near("スニプス") == ["スニップス"] and lexicon.spelt_near("スニ") == []
    answer = retriever.answer("スニプスはどんなスタートアップ？")
    assert answer.answered and "音声アシスタント" in " ".join(c.snippet for c in answer.citations)
    answer = retriever.answer("マフジュビ閣外大臣は何の担当？")
    assert answer.answered and "デジタル" in " ".join(c.snippet for c in answer.citations)
    assert not retriever.answer("オランダの大臣は誰？").answered
    assert not retriever.answer("マクロン大統領はステーションFで何と言った？").answered


def test_a_name_typed_in_other_kanji_of_its_reading_is_the_corpus_name(retriever: Retriever) -> None:
    """武東 for 武藤: kanji the corpus lacks, as long as one of its names, one kanji in place and a reading in common
    (ブトウ), are that name as the corpus writes it; 武田 (another reading) is another person."""
    lexicon = ReadingLexicon(["武藤容治副大臣が署名した。"])
    assert lexicon.without_name_slips("武東さんの役職は？", lambda kanji: True) == "武藤さんの役職は？"
    assert lexicon.without_name_slips("武田さんの役職は？", lambda kanji: True) == "武田さんの役職は？"
    answer = retriever.answer("武東容治さんの役職は？")
    assert answer.answered and "副大臣" in answer.citations[0].snippet


def test_a_middle_dot_separates_two_words(retriever: Retriever) -> None:
    tokens = [u.token for u in retriever.parse("ジェイ・スタートアップはどの機関と一緒に運営されていますか？").units]
    assert "イス" not in tokens and "ジェイ" in tokens and "スタートアップ" in tokens  # イス straddles the dot
    answer = retriever.answer("Le J-Startup (ジェイ・スタートアップ), il est géré avec qui à côté du METI ?")
    assert answer.answered and "JETRO" in " ".join(c.snippet for c in answer.citations)  # was METI alone


def test_a_katakana_name_the_corpus_lacks_is_one_rare_word(retriever: Retriever) -> None:
    query = retriever.parse("マクロン大統領はステーションFのイベントに来てた？", "ja")
    tokens = [u.token for u in query.units]
    assert "マクロン" in tokens and "ステーション" in tokens  # whole words, not マク, クロ, ロン


def test_a_rare_katakana_word_the_corpus_lacks_keeps_a_near_miss_out(retriever: Retriever) -> None:
    assert not retriever.answer("2019年にこの共同声明のフォローアップ会合は開かれましたか？").answered
    assert retriever.answer("2019年にG20の議長国を務めたのはどこ？").answered


def test_kanji_the_corpus_lacks_read_as_a_corpus_word_sharing_one_is_an_ime_slip() -> None:
    lexicon = ReadingLexicon(["日仏共同声明は東京で署名されました。日本の政府機関です。"])
    def unknown(kanji: str) -> bool:
        return kanji not in "日仏共同声明は東京で署名されました。日本の政府機関です。"
    assert ("署命", "署名") in lexicon.slips("いつ署命されましたか", unknown)
    assert ("性明", "声明") in lexicon.slips("共同性明", unknown)
    assert ("東今日", "東京") in lexicon.slips("どこ？東今日？", unknown)  # 今日 read キョウ: the analyzer's paths
    assert lexicon.slips("期間はいつまで", unknown) == []  # 機関 reads the same, but shares no kanji: a homophone
    assert lexicon.slips("署名", unknown) == []  # a word the corpus has is no slip


class _CountingTagger:
    """The process's MeCab tagger, counting the n-best readings it is asked for (what a slip costs)."""

    def __init__(self) -> None:
        self.tagger = shared_tagger()
        self.nbest: list[str] = []

    def __call__(self, text: str) -> list:
        return self.tagger(text)

    def nbestToNodeList(self, text: str, count: int) -> list:  # fugashi's name
        self.nbest.append(text)
        return self.tagger.nbestToNodeList(text, count)


def test_a_run_of_kanji_is_read_once_for_slips_and_the_runs_kept_are_bounded() -> None:
    tagger = _CountingTagger()
    lexicon = ReadingLexicon(["日仏共同声明は東京で署名されました。"], tagger=tagger)
    def unknown(kanji: str) -> bool:
        return True
    assert ("署命", "署名") in lexicon.slips("署命", unknown)
    assert tagger.nbest == ["署命"]
    assert ("署命", "署名") in lexicon.slips("いつ署命されましたか", unknown)  # asked again: read from what is kept
    assert tagger.nbest == ["署命"]
    first = 0x4E00  # CJK unified ideographs: two kanji each, all different
    others = [chr(first + n // 200) + chr(first + 200 + n % 200) for n in range(SLIP_SPANS_KEPT)]
    for kanji in others:
        lexicon.slips(kanji, unknown)
    assert len(tagger.nbest) == 1 + SLIP_SPANS_KEPT  # each read once
    lexicon.slips("署命", unknown)  # the oldest, let go to keep the memory bounded: read again, the same slip
    assert tagger.nbest[-1] == "署命" and ("署命", "署名") in lexicon.slips("署命", unknown)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("日仏の共同性明はいつ署命されましたか？", "7月13日"),  # blind K: 共同声明, 署名 typed with the wrong kanji
        ("日仏イノベーション年はどこで発足した？東今日？", "東京"),  # blind I: 東京
    ],
)
def test_a_word_typed_with_the_wrong_kanji_is_answered(retriever: Retriever, question: str, expected: str) -> None:
    answer = retriever.answer(question)
    assert answer.answered, answer.reason
    assert expected in answer.citations[0].snippet


def test_a_word_of_the_language_is_no_slip_for_a_homophone(retriever: Retriever) -> None:
    population = next(u for u in retriever.parse("日本の人口は何人ですか", "ja").units if u.token == "人口")
    assert "人工" not in population.alternatives  # 人口 (population) is not 人工 (artificial) mistyped


def test_a_near_miss_typed_with_the_wrong_kanji_still_abstains(retriever: Retriever) -> None:
    assert not retriever.answer("日仏の共同性明は2023年に更新されましたか？").answered  # a year after the corpus
    assert not retriever.answer("大阪で共同性明が署命されたのはなぜ？").answered  # a premise no passage states


def test_a_titled_name_typed_without_the_mark_between_its_parts_is_the_corpus_name(retriever: Retriever) -> None:
    # blind H: the corpus writes ジェニ＝ステファン
    answer = retriever.answer("ジェニステファンさんはどの省の閣外大臣でしたか？")
    assert answer.answered, answer.reason
    assert "ジェニ＝ステファン" in answer.citations[0].snippet and "財務" in answer.citations[0].snippet
    assert not retriever.answer("マクロン大統領はステーションFのイベントに来てた？").answered  # a name no passage gives


@pytest.mark.parametrize(("question", "homophone"), [
    ("日本の有望な新興企業を支援する制度は？", "~振興"),  # 新興 (emerging) is no 振興 (promotion) of the corpus
    ("共同声明の有効期間は何年ですか？", "~機関"),  # 期間 (a period) is no 機関 (a body)
])
def test_a_word_of_the_language_is_not_read_as_a_corpus_homophone(retriever: Retriever, question: str,
                                                                   homophone: str) -> None:
    """A kanji word the corpus lacks is read as the corpus word of its reading only when it is no word of the
    language itself (as a slip is: 人口 is never 人工)."""
    assert homophone not in [u.token for u in retriever.parse(question, "ja").units]


EVERYDAY = ["曜日", "役職", "名称", "契機", "射出", "今夏", "政府"]  # the commonest first, as wordfreq lists them


def test_an_everyday_word_typed_with_the_wrong_kanji_is_read_as_that_word() -> None:
    """An IME slip into a word the corpus need not have (何陽日: 何曜日, 役食: 役職) is written as that word before the
    question is read: 何曜日 then asks for a day of the week."""
    lexicon = ReadingLexicon(["2018年7月13日（金曜日）に署名。"], everyday=lambda: EVERYDAY)
    corpus_lacks = lambda kanji: kanji not in "2018年7月13日（金曜日）に署名。"  # noqa: E731
    assert lexicon.without_everyday_slips("署名の日は何陽日でしたか", corpus_lacks) == "署名の日は何曜日でしたか"
    assert lexicon.without_everyday_slips("むとうさんの当時の役食は？", corpus_lacks) == "むとうさんの当時の役職は？"
    # words typed as meant: a verb (出), a pronoun (何), a word of the question cut in two (系機 of 政府系機関)
    assert lexicon.without_everyday_slips("何社出てたの？", corpus_lacks) == "何社出てたの？"
    assert lexicon.without_everyday_slips("武藤さんって今何してるの？", corpus_lacks) == "武藤さんって今何してるの？"
    assert lexicon.without_everyday_slips("政府系機関のトップ", corpus_lacks) == "政府系機関のトップ"
    started = time.process_time()
    assert lexicon.without_everyday_slips("漢" * 2000, corpus_lacks) == "漢" * 2000
    assert lexicon.without_everyday_slips("陽日" * 1000, corpus_lacks).endswith("陽日")  # only a bounded prefix read
    assert time.process_time() - started < 5  # a bounded prefix, each span read once


@pytest.mark.parametrize(
    "question",
    ["署名の日は何陽日でしたか", "むとうようじさんの当時の役食はなんですか"],
)
def test_a_question_with_an_everyday_word_mistyped_is_answered(retriever: Retriever, question: str) -> None:
    answer = retriever.answer(question)
    assert answer.answered
    assert any(word in answer.citations[0].snippet for word in ("金曜", "副大臣"))


def test_two_names_spelt_in_hiragana_are_both_read(retriever: Retriever) -> None:
    """ジェトロ shares ジェ with ジェイスタートアップ: before, the second name read was taken as already in the
    question."""
    query = retriever.parse("じぇいすたーとあっぷ と じぇとろ の かんけい は？", "ja")
    tokens = {t for unit in query.units for t in unit.alternatives}
    assert {"jstartup", "jetro"} <= tokens
