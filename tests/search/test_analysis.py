"""Golden tests for bot.search.analysis: exact tokens for representative fr/en/ja inputs, and language detection."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search.analysis import (
    _KANA_MARKS,
    _normalize_char,
    _script,
    analyze,
    analyze_spans,
    base_tokens,
    detect_language,
    mask_interrogatives,
    normalize,
    normalize_with_map,
    question_types,
    runs_holding,
    sentence_tokens,
    standard_interrogatives,
    stem,
)


@pytest.mark.parametrize(
    ("text", "language", "tokens"),
    [
        # French: elisions (straight and typographic apostrophes), accents, stop words, stemming
        ("L'économie numérique", "fr", ["econom", "numer"]),
        ("Qu’est-ce que la déclaration signée jusqu'au 14 juillet ?", "fr", ["declar", "sign", "14", "juillet"]),
        ("signée signées signé signe", "fr", ["sign", "sign", "sign", "sign"]),
        ("Quand a-t-elle été signée ?", "fr", ["sign"]),
        ("Yoji Muto était-il en France ?", "fr", ["yoj", "muto", "franc"]),
        ("Œuvre", "fr", ["oeuvr"]),
        # hyphenated names and forms: the joined form and the parts
        ("Delphine Gény-Stephann", "fr", ["delphin", "genystephann", "geny", "stephann"]),
        ("J-Startup", "en", ["jstartup", "j", "startup"]),
        ("J-Startup", "fr", ["jstartup", "j", "startup"]),
        ("jstartup", "en", ["jstartup"]),
        ("J Startup", "en", ["j", "startup"]),
        ("start-up", "en", ["startup", "start"]),
        ("startup", "en", ["startup"]),
        # English: clitics, ordinals, numbers kept as they are
        ("Who signed it on 13th July 2018? 5G and G20", "en", ["sign", "13", "juli", "2018", "5g", "g20"]),
        ("Japan's startups", "en", ["japan", "startup"]),
        # NFKC: full-width letters and digits, half-width katakana
        ("ＪＥＴＲＯ ２０１８", "en", ["jetro", "2018"]),
        ("ｽﾀｰﾄｱｯﾌﾟ", "ja", ["スタ", "ター", "ート", "トア", "アッ", "ップ"]),
        # Japanese: kanji/katakana bigrams, hiragana dropped, question words dropped, Latin words analysed
        ("日仏共同声明に署名したのは誰？", "ja", ["日仏", "仏共", "共同", "同声", "声明", "署名"]),
        ("ジェトロ", "ja", ["ジェ", "ェト", "トロ"]),
        ("2018年7月13日", "ja", ["2018", "年", "7", "月", "13", "日"]),
        ("誰", "ja", []),
        # the katakana middle dot joins: フレンチ・テック == フレンチテック
        (
            "フレンチ・テックとJ-Startup",
            "ja",
            ["フレ", "レン", "ンチ", "チテ", "テッ", "ック", "jstartup", "j", "startup"],
        ),
        ("フレンチテック", "ja", ["フレ", "レン", "ンチ", "チテ", "テッ", "ック"]),
        # emoji, punctuation only, empty
        ("🎉 Station F 🚀", "en", ["station", "f"]),
        ("   ?! ", "en", []),
        ("", "fr", []),
    ],
)
def test_analyze_golden(text: str, language: str, tokens: list[str]) -> None:
    assert analyze(text, language) == tokens


def test_hyphen_and_space_forms_share_tokens() -> None:
    hyphen, joined, spaced = (set(analyze(t, "en")) for t in ("J-Startup", "jstartup", "J Startup"))
    assert joined <= hyphen
    assert spaced <= hyphen
    assert set(analyze("start-up", "en")) >= set(analyze("startup", "en"))


def test_accents_are_folded_on_both_sides() -> None:
    assert analyze("économie numérique", "fr") == analyze("economie numerique", "fr")
    assert analyze("Gény-Stephann", "en") == analyze("Geny-Stephann", "en")


def test_kana_voicing_marks_are_kept() -> None:
    assert analyze("ガイド", "ja") != analyze("カイト", "ja")
    assert analyze("ｶﾞｲﾄﾞ", "ja") == analyze("ガイド", "ja")


def test_spans_point_into_the_original_text() -> None:
    text = "L'Économie ＪＥＴＲＯ フレンチ・テック"
    spans = analyze_spans(text, "ja")
    assert [(t, text[s:e]) for t, s, e in spans][:2] == [("economi", "Économie"), ("jetro", "ＪＥＴＲＯ")]
    assert ("チテ", "チ・テ") in [(t, text[s:e]) for t, s, e in spans]


def test_normalize() -> None:
    assert normalize("Ｊ-Startup’s ÉTÉ") == "j-startup's ete"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who signed the declaration?", "en"),
        ("What is the capital of France", "en"),
        ("Qui a signé la déclaration ?", "fr"),
        ("Gény-Stephann était ministre de quoi", "fr"),
        ("c'est quoi J-Startup", "fr"),
        ("共同声明に署名したのは誰？", "ja"),
        ("JETROとは", "ja"),
        ("日本貿易振興機構", "ja"),
        ("Station F", None),
        ("J-Startup ?", None),
        ("Mahjoubi", None),
        ("", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_question_types() -> None:
    assert question_types("Qui a signé ?") == {"who"}
    assert question_types("Qu'est-ce qui a commencé ?") == frozenset()
    assert question_types("Où ? ou bien ?") == {"where"}
    for what_for in ("C'était pour quoi, cet accord ?", "a quoi ça sert ?", "What was it for? What for?"):
        assert question_types(what_for) == {"why"}, what_for  # the FAQ's "Pourquoi…?", "Why…?" entries
    assert question_types("Pour qui ?") == {"who"}
    assert question_types("elle a été signée ou ?") == {"where"}  # où without its accent, ending the question
    assert question_types("Paris ou Tokyo ?") == frozenset()
    assert question_types("la stasion f elle est ou exactement dans paris") == {"where"}  # after a verb of being
    assert question_types("elle est ou pas ?") == frozenset()  # or not
    assert question_types("When and why?") == {"when", "why"}
    assert question_types("ピッチしたスタートアップは何社？") == {"count"}
    assert question_types("なんでこの声明を出したの？") == {"why"}  # なんで, chat's なぜ (not なんでも, anything)
    assert question_types("なんでも教えて") == frozenset()
    # a person asked by what they were: who ("which Japanese official signed?"), not to what minister one reports
    assert question_types("which japanese official signed it?") == {"who"}
    assert question_types("wich japanese oficial signd it?") == {"who"}
    assert question_types("hoo signd for frnace bessides mahjuby?") == {"who"}  # typed as it sounds (blind AA)
    assert question_types("Quel ministre français a signé ?") == {"who"}
    assert question_types("どの大臣が署名したの？") == {"who"}
    assert question_types("Elle était rattachée à quel ministre ?") == frozenset()


def test_mask_interrogatives_keeps_offsets() -> None:
    text = "La déclaration a été signée quel jour ?"
    masked = mask_interrogatives(text)
    assert len(masked) == len(text)
    assert "jour" not in masked
    assert analyze(masked, "fr") == ["declar", "sign"]


def test_chat_interrogatives_are_read_as_whole_words_only() -> None:
    """The longest chat spelling that is a whole word ("wheres", not "wher" + s; "kelles", not "kel"); none inside a
    word, after an apostrophe or a hyphen; one at the very start or after a line break."""
    assert standard_interrogatives("wheres it? wher's it? kelles") == "where is it? wher's it? quelles"
    assert standard_interrogatives("skan l'ki pk-ki kiwi") == "skan l'ki pk-ki kiwi"
    assert standard_interrogatives("ki\nwen") == "qui\nwhen"
    text = "c ki qui a signé, et wen ?"
    masked = mask_interrogatives(text)
    assert len(masked) == len(text) and analyze(masked, "fr") == ["sign"]


@pytest.mark.parametrize(
    ("question", "language", "words"),
    [
        ("ça s'est passé où la signature", "fr", ["signatur"]),
        ("Où s'est déroulée la soirée de lancement ?", "fr", ["soir", "lanc"]),
        ("Where did the launch party happen?", "en", ["launch", "parti"]),
        ("Quand ça se passait, la soirée ?", "fr", ["soir"]),
    ],
)
def test_a_verb_of_happening_is_part_of_where_or_when(question: str, language: str, words: list[str]) -> None:
    """"Where did it happen?" asks where it occurred: the verb says what is asked, not what about."""
    assert analyze(mask_interrogatives(question), language) == words


def test_a_verb_of_happening_is_what_is_asked_about_in_other_questions() -> None:
    assert "happen" in analyze(mask_interrogatives("What happened at Station F?"), "en")
    assert "held" in analyze(mask_interrogatives("Where was the evening held?"), "en")  # "was held at Station F"
    assert "pass" in analyze(mask_interrogatives("Qu'est-ce qui s'est passé à Station F ?"), "fr")


def test_japanese_what_before_a_kanji_leaves_the_kanji_asked_about() -> None:
    assert analyze(mask_interrogatives("会談で何話したの？"), "ja") == ["会談", "話"]  # not the bigram 何話
    assert analyze(mask_interrogatives("パリの何区？"), "ja") == ["パリ", "区"]
    assert mask_interrogatives("何故署名した？") == "何故署名した？"  # 何故 (why) is a word whole, not 何 + 故


def test_interrogatives_typed_as_in_chat_are_read_as_written_out() -> None:
    assert question_types("wen was it signed?") == {"when"}
    assert question_types("ki a signé ?") == {"who"}
    assert question_types("pk le japon ?") == {"why"}
    assert question_types("kiwi ou kaki ?") == frozenset()  # a word is not cut to find one
    text = "la declaration a ete signee kel jour ?"  # "kel jour": "quel jour", blanked at its own place
    masked = mask_interrogatives(text)
    assert len(masked) == len(text) and "jour" not in masked and masked.startswith("la declaration")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("C'est qui, 赤星康 ?", "fr"),
        ("Who is ステーションF?", "en"),
        ("Yoji Mutoの当時の肩書きは？", "ja"),
        ("What is 産総研 in English?", "en"),
        ("Who signed the « Déclaration conjointe sur la coopération franco-japonaise »?", "en"),
        ("C'est quoi la « イノベーション・デジタル分野での協力に係る共同声明 » ?", "fr"),
        ("武藤容治 肩書", "ja"),
        ("Which site published 'Le Japon part à la conquête des start-up françaises'?", "en"),  # a title in '…'
        ("c'est quoi l'article 'Tokyo at Paris' ?", "fr"),
        # an apostrophe between letters is inside the quote (blind V): the title's French is no function word
        ("wat is the englsh meaning of 'secrétaire d'État chargé du Numérique', mahjoubis titel?", "en"),
        ("muto san tte dare", "ja"),  # romaji: its particles are Japanese function words
        ("station f tte nani?", "ja"),
        ("muto wa nan-nichi kara ita no", "ja"),  # wa, kara, nan-nichi
        ("kyoudou seimei no shomei wa nan youbi datta?", "ja"),  # wa, datta
        ("nedo to bpi furansu no purojekuto tte atarashii no? soretomo kyouka?", "ja"),  # tte, soretomo over "to"
        ("who is muto san?", "en"),  # one honorific in an English question tells nothing
        ("qui est Muto san ?", "fr"),
    ],
)
def test_the_language_is_that_of_the_function_words(question: str, language: str) -> None:
    assert detect_language(question) == language


def _normalize_one_by_one(text: str) -> tuple[str, list[int]]:
    """The character-by-character normalisation normalize_with_map must equal (ASCII runs are only faster)."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        norm = ch if ch.isascii() and not ch.isupper() else _normalize_char(ch)
        for c in norm:
            if c in _KANA_MARKS:
                if chars and _script(chars[-1]) in "hk":
                    composed = unicodedata.normalize("NFC", chars[-1] + c)
                    if len(composed) == 1:
                        chars[-1] = composed
                continue
            chars.append(c)
            origin.append(i)
    return "".join(chars), origin


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 '-.…’‐ÉéÀœﬁＡｶﾞかが\u3099\u309a\u0301テ・漢字。ー")), max_size=40))
def test_normalize_with_map_equals_one_character_at_a_time(text: str) -> None:
    assert normalize_with_map(text) == _normalize_one_by_one(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 '-.ΣσςΑβİıßẞﬁœŒÅ\u0301\u0308–‐’·×µ\u00a0\u3000ｽﾞが\u3099カ日Ｊǅſ①Ω℃")),
               min_size=1, max_size=40))
def test_normalize_equals_normalize_with_map(text: str) -> None:
    """A text's distinct non-ASCII characters replaced by their forms, then lower-cased whole (``normalize``'s fast
    path), is each character's form, or the path is not taken: a capital sigma (lower-cased by what follows it),
    forms that hold a replaced character or that lower-casing changes."""
    assert normalize(text) == normalize_with_map(text)[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aZ9 '-.…’‐ÉéÀœﬁαＡｶﾞかが\u3099\u309a\u0301テ・漢字。ー", "the ", "l'", "État"]),
                max_size=40).map("".join), st.sampled_from(["en", "fr", "ja"]))
def test_tokens_without_offsets_are_the_tokens_with_them(text: str, language: str) -> None:
    """analyze and sentence_tokens make no offset map: their tokens are still those the spans hold."""
    latin = "en" if language == "ja" else language
    assert analyze(text, language) == [stem(t, latin) for t, _, _ in base_tokens(text, language)]
    assert sentence_tokens(text, language) == [t for t, _, _ in analyze_spans(text, language)]


@pytest.mark.parametrize(
    ("question", "language", "words"),
    [
        ("Depuis quand existe la French Tech ?", "fr", ["exist", "french", "tech"]),
        ("Since when has French Tech existed?", "en", ["french", "tech", "exist"]),
        ("muto il était en france de quand à quand ?", "fr", ["muto", "franc"]),
        ("Muto was in France from when to when?", "en", ["muto", "franc"]),
    ],
)
def test_since_when_and_from_when_to_when_are_interrogatives_whole(
    question: str, language: str, words: list[str]
) -> None:
    """"depuis quand" asks a date as "quand" does: "depuis" is no word of what it is about (it would weigh on it);
    "de quand à quand" asks the two days of a span."""
    assert analyze(mask_interrogatives(question), language) == words


@given(st.lists(st.sampled_from(["Anti-Inflammatory", "anti-inflammatoire", "l'Europe", "L'Europe", "Japan's", "JETRO",
                                 "jetro", "Émile", "Zola", "1st", "COVID-19", "x--y", "'tis", "α-β", "μm", "Straße",
                                 "ﬁnance", "東京", "と", " ", ", ", ". ", "-", "'", "(", "’"]), max_size=14),
       st.sampled_from(["fr", "en", "ja"]))
@settings(max_examples=300, deadline=None)
def test_runs_holding_a_token_hold_every_span_of_it(parts: list[str], language: str) -> None:
    """Each span of a token lies in one of the runs found holding it, and each run found makes the token: where a
    sentence can make it is found without analysing the text's other words (or the text is left to the analysis)."""
    text = "".join(parts)
    spans = analyze_spans(text, language)
    for token in {t for t, _, _ in spans}:
        runs = runs_holding(text, language, token)
        if runs is None:
            assert not text.isascii()
            continue
        assert all(any(at <= s and e <= end for at, end in runs) for t, s, e in spans if t == token)
        assert all(token in analyze(text[at:end], language) for at, end in runs)


def test_runs_holding_leave_texts_whose_offsets_move_to_the_analysis() -> None:
    assert runs_holding("la ﬁnance", "fr", "financ") is None  # a ligature: two characters from one
    assert runs_holding("東京のJETRO", "ja", "jetro") is None  # CJK: read by the token pattern
    assert runs_holding("Émile Zola, émile", "fr", "emil") == [(0, 5), (12, 17)]
