"""Romaji read as kana (bot.search.romaji): a Japanese question typed in Latin letters meets the corpus's words
by their readings, as a member's hiragana does; the syllables are data (bot/search/words/romaji.yaml)."""

from __future__ import annotations

import pytest

from bot.knowledge.problems import FileProblem
from bot.search.retriever import Retriever
from bot.search.romaji import hiragana, kana_words, parse_syllabary, shipped_syllabary, syllabary_file


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.mark.parametrize(
    ("romaji", "kana"),
    [
        ("shomei", "しょめい"),  # Hepburn
        ("syomei", "しょめい"),  # kunrei-shiki
        ("kyoudou", "きょうどう"),  # a long vowel as a word processor types it
        ("kyōdō", "きょうどう"),  # Hepburn's macron
        ("kyôdô", "きょうどう"),  # kunrei-shiki's circumflex
        ("Tōkyō", "とうきょう"),
        ("fūfu", "ふうふ"),
        ("hutu", "ふつ"),
        ("gakkou", "がっこう"),  # a doubled consonant
        ("matcha", "まっちゃ"),  # Hepburn's tch
        ("shimbun", "しんぶん"),  # Hepburn's m before b
        ("shinbun", "しんぶん"),
        ("sammai", "さんまい"),
        ("kan'i", "かんい"),  # n' before a vowel
        ("kani", "かに"),
        ("konnichiwa", "こんにちわ"),
        ("saremashita", "されました"),
        ("jetoro", "じぇとろ"),
    ],
)
def test_romaji_is_read_as_its_kana(romaji: str, kana: str) -> None:
    assert hiragana(romaji, shipped_syllabary()) == kana


@pytest.mark.parametrize("word", ["launch", "Akohosni", "JETRO", "l", "x", "2018", "crypto"])
def test_a_word_no_syllable_spells_is_no_romaji(word: str) -> None:
    assert hiragana(word, shipped_syllabary()) is None


def test_names_known_words_and_letters_stay_latin() -> None:
    table = shipped_syllabary()

    def known(word: str) -> bool:
        return word.casefold() in {"jetro", "muto", "station"}

    # words read as kana one after another are written together, as Japanese writes them ("furenchi tekku":
    # ふれんちてっく, the corpus's フレンチテック); a word left Latin keeps its spaces
    assert kana_words("kyoudou seimei wa doko", known, table) == "きょうどうせいめいわどこ"
    assert kana_words("Kyoudou seimei", known, table) == "きょうどうせいめい"  # a sentence starts capitalised
    assert kana_words("Seko-san wa dare", known, table) == "Sekoさん わだれ"  # an honorific follows a name
    assert kana_words("Seko san wa dare", known, table) == "Seko さんわだれ"
    assert kana_words("ima Seko wa", known, table) == "いま Seko わ"  # capitalised inside the question: a name
    assert kana_words("JETRO no muto", known, table) == "JETRO の muto"
    assert kana_words("furansu-gawa de", known, table) == "ふらんすがわで"
    assert kana_words("station f tte", known, table) == "station f って"


def test_the_shipped_table_spells_each_syllable_once() -> None:
    table = parse_syllabary(syllabary_file().read_text(encoding="utf-8"))
    assert table.kana["shi"] == table.kana["si"] == "し" and table.kana["tsu"] == table.kana["tu"] == "つ"
    assert table.long_vowels["ō"] == "ou" and "san" in table.honorifics


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type: words\nsyllables: {あ: [a]}\nlong_vowels: {ō: ou}\nhonorifics: [san]\n", "type: romaji"),
        ("type: romaji\nsyllables: {あ: [a], い: [a]}\nlong_vowels: {ō: ou}\nhonorifics: [san]\n", "both"),
        ("type: romaji\nsyllables: {ア: [a]}\nlong_vowels: {ō: ou}\nhonorifics: [san]\n", "not hiragana"),
        ("type: romaji\nsyllables: {あ: [A]}\nlong_vowels: {ō: ou}\nhonorifics: [san]\n", "lower-case"),
        ("type: romaji\nsyllables: {あ: [a]}\nlong_vowels: {o: ou}\nhonorifics: [san]\n", "with its mark"),
        ("type: romaji\nsyllables: {あ: [a]}\nhonorifics: [san]\n", "long_vowels"),
        ("type: romaji\nsyllables: {あ: [a]}\nlong_vowels: {ō: ou}\nhonorifics: [san]\nextra: 1\n", "extra"),
    ],
)
def test_a_broken_table_is_named(text: str, message: str) -> None:
    with pytest.raises(FileProblem, match=message):
        parse_syllabary(text)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("kyōdō seimei wa itsu shomei saremashita ka", "2018年7月13日"),  # 共同声明, 署名: the date
        ("kyoudou seimei wa doko de shomei saremashita ka", "パリ"),
        ("furansu-gawa de shomei shita no wa dare desu ka", "マジュビ"),
        ("jetoro no rijichou wa dare desu ka", "Akohosni"),
        # wa and kara: Japanese, though "no", "made" are English words too
        ("Muto Youji fukudaijin wa furansu ni nan-nichi kara nan-nichi made ita no?", "12日から14日"),
        # tte and dakke, wa and nansha (何社 asked): Japanese (blind AA)
        ("Jetoro no seishiki meishou tte nan dakke? eigo de.", "Japan External Trade Organization"),
        ("sutēshon efu no pitchi de furansu no sutātoappu wa nansha deta?", "フランス4社"),
        # a long vowel typed twice (ee, aa: ステーション, スタート), a loanword typed as two words (furenchi tekku)
        ("suteeshon efu de pitchi shita sutaatoappu wa nansha?", "9社"),
        ("furenchi tekku tte nani?", "フレンチテック"),
        # tte and soretomo outweigh the English "to" (NEDO to Bpifrance): Japanese (blind Z)
        ("nedo to bpi furansu no kyoudou shusshi purojekuto tte atarashii no? soretomo kyouka?", "共同出資"),
        # ni tsuite, nante itta (what did they say about it), nanku (which ward): Japanese (blind AG)
        ("ru doriann gaishou to kouno gaishou wa seimei ni tsuite nante itta?", "歓迎"),
        ("sutēshon efu wa pari no nanku ni aru no?", "13区"),
    ],
)
def test_a_question_in_romaji_meets_the_corpus_words_by_reading(
    retriever: Retriever, question: str, expected: str
) -> None:
    answer = retriever.answer(question)
    assert answer.answered and answer.language == "ja"
    assert any(expected in c.snippet for c in answer.citations), [c.snippet[:60] for c in answer.citations]


def test_a_name_the_corpus_lacks_keeps_a_romaji_near_miss_out(retriever: Retriever) -> None:
    assert not retriever.answer("Seko-san wa doko de shomei shimashita ka?").answered


@pytest.mark.parametrize("chatter", ["おつ〜 {q} よろぴく", "{q} 気になって眠れない"])
def test_a_romaji_question_wrapped_in_japanese_chatter_is_read_as_romaji(retriever: Retriever, chatter: str) -> None:
    """Its Latin words hold romaji particles (wa, desu): they are Japanese, whatever kana is typed around them."""
    question = "kyoudou seimei wa doko de shomei saremashita ka?"
    bare, wrapped = retriever.answer(question), retriever.answer(chatter.format(q=question))
    assert wrapped.answered and wrapped.citations[0].passage_id == bare.citations[0].passage_id
