"""What a cited passage must hold beyond the question's words, for the answer to be an answer.

A passage can share every word of a near-miss question and still not answer it: "how many incubators does
Station F host?" is not answered by "one of the largest incubators" nor by "nine startups pitched at Station
F" (a number, but not of incubators). The checks here are each explainable in one line, and each has its
abstention reason (``bot.models.AbstentionReason``):

- **uncounted**: a "how many X / combien de X / X は何社" question needs a number next to X (within
  ``COUNT_WINDOW`` words) in a cited passage; X unknown to the corpus ("jobs", 人口) cannot be counted at
  all; a Japanese counter asked for (何社, 何人) must be the counter of the number (5社, 30人); a count of people who
  did something ("how many ppl signed?", 何人が署名) is also answered by a sentence naming them with that verb
  (bot.search.people.act_counted, the retriever's ``_names_doers``), a verb the corpus lacks ("attended") by none;
- **unnamed**: "what is the name of / comment s'appelle / 社名 / which companies" needs a name the question does not
  give; so does "which incubators / quels salons / どの展示会", a thing of a kind known by its names, named where the
  passage speaks of it or in the list it opens (the words files' ``named_kinds``);
- **missing-number**: a number or year the question gives ("in 2019") must be in the best passage, not only
  in a weaker one cited beside it.

The word lists are data: the number words, the verbs of a beginning and of "does it mention X?" are in
``bot/search/words/<language>.yaml`` (bot.search.wordlists); the others are still here, one list per language.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.models import GlossaryEntry
from bot.months import ABBREVIATIONS as MONTH_ABBREVIATIONS
from bot.months import MONTHS
from bot.search.analysis import QUESTION_TYPES, analyze, is_cjk, stem
from bot.search.frequency import WordFrequencies
from bot.search.frequency import fold as unaccented
from bot.search.kinds import A_YEAR, JA_COUNTERS, JA_NUMBER_OF, fold
from bot.search.prefilter import Screened
from bot.search.titles import JA_HONORIFICS, JA_TITLES
from bot.search.wordlists import WordList, latin_function_word, stop_words, word_set, words_of


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COUNT_WINDOW = 3  # a number counts X when at most this many content words lie between them ("nine startups");
# flat on 1–6 on both blind sets (tests/calibration.py --evidence): the misses are X absent, not X far away
JA_COUNT_CHARS = 12  # in Japanese text: characters between X and the number (スタートアップ5社, 計9社のスタートアップ)
COUNTED_WORDS = 2  # the words after "how many" that name what is counted ("how many French start-ups")
NAME_MAX_ZIPF = 5.0  # a word written as a name (capitalised, a Latin word in Japanese, a Japanese place) is one
# unless it is this common in everyday language (English 5.2, Cup 5.1 are words; Macron 4.9, Osaka 3.6 are names):
# a name of the question the corpus lacks blocks an answer, a name of a passage answers "what is it called?".
# Cross-validated (calibration.py --evidence): 5.0 in two rotations of three, 5.5 in the third.
LOWER_NAME_MAX_ZIPF = 4.0  # a Latin word in lower case in Japanese text is a name only if this rare: members
# type English words so in a Japanese question ("launch event で pitch"); names are rarer (snips 2.3) or capitalised

# What follows these phrases is what is counted (folded text: NFKC, casefolded, accents kept).
_COUNT_PHRASES = re.compile(
    r"\bhow many\s+|\bnumber of\s+|\bcombien\s+(?:de|d'|d’)\s*|\bnombre\s+(?:de|d'|d’)\s*"
)
# Nouns that are counts themselves ("the population of Japan"): what is counted is the noun.
_COUNT_NOUNS = re.compile(r"\bpopulation\b|\bhabitants\b|\binhabitants\b|\bnombre d'habitants\b")
# Japanese: the counted noun just before 何社/いくつ… (with its particle), and the counter asked for.
# (a side's word after the noun counts the noun: フランス勢は何社 is answered by フランス4社)
_JA_NOUN_BEFORE = re.compile(
    r"([\u4e00-\u9fffァ-ヶーA-Za-z]{1,30}?)(?:勢|側|陣)?(?:は|が|を|って|も)?(?:およそ|だいたい)?$")
_JA_COUNT_MARKERS = (*JA_COUNTERS, "いくつ")  # what a Japanese "how many" is asked with (bot.search.kinds)
_JA_NUMBER = r"(?:\d+|[一二三四五六七八九十百千万]+)"
# Japanese nouns a counter counts: "日本の会社はいくつ" is answered by 日本5社.
JA_COUNTER_NOUNS = {
    "社": _words("会社 企業 スタートアップ 社"),
    "人": _words("人 人数 方"),
    "[かカヶ]国": _words("国 国々"),
}
# Words after "how many / combien de" that do not name what is counted ("combien de chaque ?"; "how many JP vs FR
# startups": the Japanese ones are counted first, as in "how many Japanese startups"; « combien de pépites, toutes
# nationalités confondues »: all of them).
NOT_COUNTED = _words("chaque each them eux elles ceux celles vs versus tous toutes all")

# Questions asking for a name: the passage must give one the question does not. A name that "came up"
# (名前が挙がった, 名前が出ている, 名前を挙げた) is a thing mentioned, as "the fields named in it" is in English: "which
# fields came up by name?" asks which were mentioned (人工知能, ビッグデータ), not what something is called.
_NAME_QUESTION = Screened(re.compile(  # searched only in a question holding one of its words (bot.search.prefilter)
    r"\blesquel(?:le)?s\b|\bwhich ones\b"
    r"|\bnames? of\b|\bname was\b|\bcalled\b|\bnom (?:de|du|des)\b|\bnoms\b|\bs['’]?app?el"
    r"|\bwhat(?:['’]?s| is| was| are| were)? (?:its|their|the) names?\b"  # "which start-up…, whats its name?"
    r"|名前(?!(?:が|を)(?:挙|上|あが|あげ|出(?!てこ)))|社名|会社名|名称"  # 名前が出てこない: a name not recalled
))
# "Which companies…?", "quels groupes…", "can u list them": the companies' names ("JETRO gathered about thirty large
# Japanese groups" names none of them). Companies only: "quels principes", "which technologies" ask for no name; nor
# "which ties between companies", « quels rapprochements entre entreprises » (a preposition before the companies: the
# thing asked is the word before it, the ties). The words between are adjectives ("which two big companies").
_WHICH_COMPANIES = Screened(re.compile(  # likewise screened
    r"\bwhich (?:(?!(?:of|between|among|with|for|from|to|in|by)\b)\w+ ){0,2}"
    r"(?:compan(?:y|ies)|firms?|groups?|corporations?)\b|\blist them\b"
    r"|\bquel(?:le)?s? (?:(?!(?:entre|de|des|du|avec|parmi|pour|par|chez|aux|en)\b)\w+ ){0,2}"
    r"(?:entreprises?|groupes?|sociétés?|firmes?)\b|\bles lister\b"
    r"|どの(?:会社|企業|グループ)|どこの(?:会社|企業)"
    r"|(?:会社|企業|グループ|\d+社)(?:は|って|とは)?(?:具体的に|実際に)?(?:どこ|どれ)(?!の)"  # 30社ってどこ
    # « la trentaine de groupes japonais c'était qui »: who they were, by name
    r"|\b(?:groupes|entreprises|sociétés|firmes)\b[^?.!]{0,30}\bc['’]?(?:était|étaient|est|sont) qui\b"
    # a list asked for: "list all the companies", « donne-moi toutes les entreprises », 参加企業の名前を全部教えて
    # ("tell me about the company that…" asks about one, "dis-moi tout sur l'entreprise" too: no list)
    r"|\b(?:list|name)\s+(?:all\s+|every\s+)?(?:of\s+)?(?:the\s+)?"
    r"(?:(?!(?:of|about|between|among|with|for|from|to|in|by|on)\b)\w+\s+){0,2}?"
    r"(?:compan(?:y|ies)|firms?|corporations?|start-?ups?)\b"
    r"|\b(?:give|tell|show)\s+me\s+(?:all|every)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?!(?:of|about|between|among|with|for|from|to|in|by|on)\b)\w+\s+){0,2}?"
    r"(?:compan(?:y|ies)|firms?|corporations?|start-?ups?)\b"
    r"|\b(?:liste|cite|nomme|énumère)[sz]?(?:-moi|-nous)?\s+(?:tou(?:te)?s\s+)?(?:les\s+)?(?:noms?\s+des\s+)?"
    r"(?:(?!(?:de|des|du|sur|entre|avec|pour|par|en)\b)\w+\s+){0,2}?(?:entreprises?|sociétés?|firmes?|start-?ups?)\b"
    r"|\b(?:donne|dis)[sz]?(?:-moi|-nous| moi| nous)?\s+(?:tou(?:te)?s\s+)(?:les\s+)?(?:noms?\s+des\s+)?"
    r"(?:(?!(?:de|des|du|sur|entre|avec|pour|par|en)\b)\w+\s+){0,2}?(?:entreprises?|sociétés?|firmes?|start-?ups?)\b"
    r"|(?:会社|企業|スタートアップ)(?:の名前|名)?(?:を|は)?(?:全部|すべて|全て|一覧)|(?:全部|すべて|全て)の(?:会社|企業|スタートアップ)"
    r"|(?:会社|企業|スタートアップ|社)の(?:具体的な|詳しい|詳細な)?(?:リスト|一覧)"  # 約100社の具体的なリスト
    # the companies that came up by name (名前が挙がった企業): their names are what is mentioned
    r"|名前(?:が|を)(?:挙|上|あが|あげ|出)[^\s。、？?]{0,6}(?:会社|企業|スタートアップ)"
))
# The words that ask for a name ("the names of the companies", 企業の名前): in a question asking for companies' names
# they say what is wanted, not what it is about; a passage on someone's name (名前の表記) gives no company's.
NAME_WORDS = _words("name names nom noms 名前 名称 社名 会社名")
# Words that are written with a capital but name no one (a name would be the answer). English and French.
_MONTH_NAMES = frozenset(name for names in (*MONTHS.values(), *MONTH_ABBREVIATIONS.values()) for name in names)
NOT_NAMES = _words(
    "the a an at on in of for and but it its this that these those there what which who when where how why "
    "according nine five four french japanese france japan friday evening "
    "le la les un une des du de à au aux et en dans pour par selon côté parmi neuf cinq quatre français "
    "française françaises japonais japonaise japonaises vendredi soir "
    "url urls http https www pdf faq"  # the web's words, written in capitals ("the URL of the article")
) | _MONTH_NAMES  # the months (bot.months)
_CAPITALISED = re.compile(r"(?<![\w.])([A-ZÉÈ][\w\-éèêïô]+)")
# In Japanese, a name is in Latin script (Snips, JETRO) or a katakana name with its middle dot (ムニール・マジュビ);
# a katakana word alone is as often a loanword (スタートアップ, ロボットスーツ) as a name.
_JA_NAME = re.compile(r"[A-Za-z][A-Za-z\-]{1,40}|[ァ-ヶー]{1,20}・[ァ-ヶー]{1,20}")  # bounded: linear in the text


# A Japanese question names a person by a katakana name and a title (マクロン大統領, マジュビ氏): the cited passages
# must mention that name, as for a capitalised name the corpus lacks in a Latin question.
_JA_TITLED = re.compile(rf"([ァ-ヶー・]{{2,20}})(?:{'|'.join((*JA_TITLES, *JA_HONORIFICS))})")


def titled_names(question: str) -> list[str]:
    """The katakana names a Japanese question gives with a title (マクロン大統領 → マクロン)."""
    return [m.group(1) for m in _JA_TITLED.finditer(fold(question))]


@lru_cache(maxsize=4)
def _number_tokens(language: str) -> frozenset[str]:
    """The stems of the number words that count (a year or a day of a month does not): the words file's list."""
    return frozenset(stem(w, language) for w in words_of(language, WordList.NUMBERS))


@dataclass(frozen=True, slots=True)
class Counted:
    """What a "how many" question counts: its words (fr/en) or noun and counter (ja)."""

    words: tuple[str, ...] = ()  # the question's words naming what is counted (unstemmed, folded)
    counter: str = ""  # a Japanese counter pattern asked for (社, 人…), "" when any number will do


def counted(question: str, language: str) -> Counted | None:
    """What ``question`` counts, or None when it does not ask "how many"."""
    folded = fold(question)
    markers = [(at, marker) for marker in _JA_COUNT_MARKERS if (at := folded.find(marker)) >= 0
               and not folded.startswith("目", at + len(marker))]  # 何回目: a rank, no count
    if markers:  # the first one; the noun is read backwards from it (linear in the question's length)
        at, marker = min(markers)
        noun = _JA_NOUN_BEFORE.search(folded[max(0, at - 40):at])
        number_of = None if noun else JA_NUMBER_OF.search(folded)  # 企業の数は、日仏合わせていくつ: the noun of 数
        if number_of is None:
            return Counted((noun.group(1),) if noun else (), JA_COUNTERS.get(marker, ""))
        asked = Counted((number_of.group(1),))
        return Counted(asked.words, JA_COUNTERS.get(marker, "") or ja_counter(asked))
    number_of = JA_NUMBER_OF.search(folded)
    if number_of:  # 参加者数は: the number of participants
        return Counted((number_of.group(1),), ja_counter(Counted((number_of.group(1),))))
    found = _COUNT_PHRASES.search(folded)
    if not found:
        noun = _COUNT_NOUNS.search(folded)
        return Counted((noun.group(),)) if noun else None
    latin = "en" if language == "ja" else language
    stops = stop_words(latin) | stop_words("en")
    words: list[str] = []
    for word in re.findall(r"[\w][\w\-'’]*", folded[found.end():]):
        if word in stops or word in NOT_COUNTED or len(words) >= COUNTED_WORDS:
            break
        if is_cjk(word):
            break  # "how many 大企業 and investors": a Japanese word, which Latin passages write otherwise
        words.append(word)
    return Counted(tuple(words))


# "how many start-ups are hosted at Station F", "combien de start-up ont été refusées", 何社が入居している: what is
# counted is in a state (a passive or a participle after "be"; a Japanese verbal noun, its two kanji, before している).
# When the corpus has that verb in no form, none of its numbers counts things in that state.
STATE_ASKED: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:are|is|were|was|been|be|get|got)\s+([^\W\d_]{3,}ed)\b"),
    "fr": re.compile(r"(?:(?<!\bse )(?<![sS]['’])\b(?:sont|est|été|étaient|était|seront|sera)\s+"
                     r"|\bcombien\s+d(?:e\s+|['’])[\w-]+\s+)"
                     r"([^\W\d_]{3,}(?:é|ée|és|ées))(?!\w)"),  # « combien de start-up hébergées »; « se sont
    # relayées au micro », « s'est succédé »: a doing (a pronominal verb), not a state
    "ja": re.compile(r"([\u4e00-\u9fff]{2})(?:している|していた|しています|していました|されて|された|される)"),
}


# 共同声明の有効期間は, 未来館の入館料って: what is asked of a thing (Japanese: the noun between の and the topic).
# Group 1: that noun, kanji or katakana as written; a Latin word before it says which (日本のAI市場規模って:
# 市場規模). A topic followed by 何を, 何に, 誰と… is the doer of a verb whose object is asked
# (両国の担当者は何を約束しましたか): who acts, not a detail of a thing.
ATTRIBUTE_ASKED: dict[str, re.Pattern[str]] = {
    "ja": re.compile(r"(?<![こそあど])の[a-z0-9]{0,12}([\u30a1-\u30fa\u30fc\u4e00-\u9fff]{2,})(?:は|って|とは)"
                     r"(?!\s*[、,]?\s*(?:何|なに|誰|だれ|どこ)(?:を|に|と|で))"),
}


# "after covid", "après la pandémie", コロナ禍の後: after a thing; when the corpus has it in no form, it came after the
# corpus (a 2018 corpus knows what it tells of, and tells of nothing later). Group 1: the thing (its last word).
# « D'après la télévision publique » is "according to" it: no time.
AFTER_WHAT: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:after|since|(?<!'s )(?<!’s )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bmy )(?<!\btheir )"
                     r"(?<!\bthis )(?<!\bthat )(?<!\bblog )post)[\s\-]+"
                     r"(?:the\s+|a\s+|(?![^\W\d_]+ing\b))([^\W\d_]{3,})"),
    # not "after asking" (a doing, not a thing); "post covid", not "Mahjoubi's post sat under…" (a post held)
    "fr": re.compile(r"(?<![dD]['’])\b(?:après|apres|depuis)\s+(?!longtemps\b)"
                     r"(?:le\s+|la\s+|les\s+|l['’]\s*|un\s+|une\s+)?([^\W\d_]{3,})"),
    "ja": re.compile(r"([\u30a0-\u30ff\u4e00-\u9fff]{1,12}?)(?:の|した|された)?(?<![午最前直])(?:後|以降|あと)"
                     r"(?![\u4e00-\u9fff])"),  # ジャポニスムが閉幕したあと: after an event (閉幕), as after a thing
}


# "when was the Halle Freyssinet built?", "quand Bpifrance a-t-elle été fondée ?", いつ設立された: the date of an event,
# named by its participle (a Japanese verbal noun before された/した). Group 1 (or 2): the participle as written.
_PARTICIPLES = "built|made|born|held|begun|won|sent|taken|given|written|chosen|brought|run|set up"
WHEN_EVENT: dict[str, re.Pattern[str]] = {
    "en": re.compile(rf"\bwhen\s+(?:was|were|is|are|has been|have been|had been)\s+(?:[^\s?]+\s+){{0,6}}?"
                     rf"({_PARTICIPLES}|[a-z]{{3,}}ed)\b"),
    "fr": re.compile(r"\bquand\b.{0,80}?\b(?:a|ont|avait|avaient)(?:-t-(?:il|elle|ils|elles))?\s+été\s+"
                     r"([^\W\d_]{3,}(?:é|ée|és|ées))(?!\w)"
                     r"|\b(?:a|ont|est|sont)\s+été\s+([^\W\d_]{3,}(?:é|ée|és|ées))(?!\w).{0,40}\bquand\b"),
    "ja": re.compile(r"(?:いつ|何年|何月|何日)(?:に|ごろ|頃)?([\u4e00-\u9fff]{2})"
                     r"(?:された|されました|した|しました|される|されます|する|します|(?=\s*[?？]|\s*$))"),
}


# "where was yoji muto born?": the participle of the event a where-question asks the place of (not "located",
# "based": where a thing is, not an event). Read only to tell whether the corpus has the event at all.
WHERE_EVENT: dict[str, re.Pattern[str]] = {
    "en": re.compile(rf"\bwhere\s+(?:was|were|is|are|has been|have been|had been)\s+(?:[^\s?]+\s+){{0,6}}?"
                     rf"(?!located\b|situated\b|based\b|headquartered\b|found\b|placed\b)"
                     rf"({_PARTICIPLES}|[a-z]{{3,}}ed)\b"),
}


def place_event_asked(question: str, language: str) -> str:
    """The participle of the event a where-question asks the place of ("born", "raised"), "" when none."""
    return _what_is_asked(WHERE_EVENT.get(language), question)


# "does the declaration mention cybersecurity?", "la déclaration parle-t-elle de cybersécurité ?", 〜について触れて
# いますか: whether the sources speak of a topic. Only a passage that speaks of it answers (yes, quoting it); one that
# speaks of something else answers nothing. Group 1 (or 2): the topic, as written. Read in yes/no questions only
# (retriever): "what did they talk about?" asks what the topic was.
def _alternatives(language: str, which: WordList) -> str:
    return "|".join(re.escape(w) for w in words_of(language, which))


@lru_cache(maxsize=4)
def _topic_asked(language: str) -> re.Pattern[str] | None:
    """The pattern of a yes/no question asking whether the sources speak of a topic; its verbs are the words file's
    ``mentions`` (before the topic) and ``mentioned`` (after it)."""
    mentions, mentioned = _alternatives(language, WordList.MENTIONS), _alternatives(language, WordList.MENTIONED)
    if language == "en":
        return re.compile(rf"\b(?:{mentions})\s+(?:anything about\s+)?([^?？!.,;]+)"
                          rf"|\b(?:is|are|was|were)\s+(?:there\s+anything\s+(?:about|on)\s+)?([^?？!.]+?)\s+"
                          rf"(?:{mentioned})\b")
    if language == "fr":  # not after « dont » (« la recherche dont parle la NHK, c'est… ? »: no topic asked)
        return re.compile(rf"(?<!dont )\b(?:{mentions})(?:-t-(?:il|elle|on|ils|elles)|-(?:il|elle|on|ils|elles))?\s+"
                          r"(?:quelque chose\s+)?(?:de\s+|d['’]\s*|du\s+|des\s+|sur\s+)?([^?？!.,;]+)"
                          r"|\b(?:est-il|est-ce qu['’]il est|il est|y a-t-il|il y a)\s+(?:question|quelque chose)\s+"
                          r"(?:de\s+|d['’]\s*|du\s+|des\s+|sur\s+)([^?？!.,;]+)")
    if language == "ja":
        return re.compile(rf"([^\s、。？?]{{2,30}}?)(?:について|に関して|のこと)(?:は|も)?"
                          rf"(?:[^\s、。？?]{{1,12}}?(?:は|が|では|で))?(?:{mentions})"  # 〜について声明は触れて
                          rf"|([^\s、。？?はがをもにでと]{{2,30}}?)(?:は|も|が)(?:{mentioned})")
    return None


def _what_is_asked(pattern: re.Pattern[str] | None, question: str) -> str:
    """The first group a question pattern of this module (topic, participant) found in the folded question, or ""."""
    found = pattern.search(fold(question).replace("’", "'")) if pattern else None
    return next((g for g in found.groups() if g), "") if found else ""


def topic_asked(question: str, language: str) -> str:
    """The topic a question asks whether the sources speak of ("does it mention 5G?" → 5g), "" when none."""
    return _what_is_asked(_topic_asked(language), question)


# "what did the declaration say about bitcoin?", « que dit la déclaration sur le bitcoin ? », ビットコインについて何と
# 書いてある: what the sources say of a topic. As for "does it mention X?", only passages that speak of it answer (the
# declaration's summary says nothing of bitcoin). Read in questions with a question word (checks). Group 1: the topic.
@lru_cache(maxsize=4)
def _topic_said(language: str) -> re.Pattern[str] | None:
    """The pattern of a question asking what the sources say of a topic; its verbs are the words file's ``says``."""
    says = _alternatives(language, WordList.SAYS)
    if language == "en":
        return re.compile(rf"\b(?:{says})\s+(?:about|on|regarding|concerning)\s+([^?？!.]+)")
    if language == "fr":
        return re.compile(rf"\b(?:{says})(?:-t-(?:il|elle|on|ils|elles)|-(?:il|elle|on|ils|elles))?\s+"
                          r"(?:[^\s?？!.]+\s+){0,3}?(?:quoi\s+)?"
                          r"(?:sur|[àa] propos\s+d(?:e\s|u\s|es\s|['’])|au sujet\s+d(?:e\s|u\s|es\s|['’])|concernant\s)"
                          r"\s*([^?？!.]+)")
    if language == "ja":
        return re.compile(rf"([^\s、。？?はがをもにでと]{{2,30}}?)(?:について|に関して|のこと)(?:は|も|では)?"
                          rf"(?:[^\s、。？?]{{1,12}}?(?:は|が|では|で))?(?:{says})")  # 〜について声明は何と
    return None


def topic_said(question: str, language: str) -> str:
    """The topic a question asks what the sources say of ("what does it say about AI?" → ai), "" when none."""
    return _what_is_asked(_topic_said(language), question)


# "a defence agreement?", "the treaty on nuclear energy", « l'accord de défense », 原子力協定: an agreement on a topic,
# which must be one the sources speak of (the declaration is an agreement on innovation, not on defence). Group 1: the
# words before the agreement's word (English, Japanese) or after it (French, and "the treaty on X"), as written.
AGREEMENT_WORDS = 3  # the words read as its topic: "the France-Japan digital agreement"


@lru_cache(maxsize=4)
def _agreement_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    """The patterns of an agreement word anywhere (what the others need), of an agreement on a topic ("the treaty on
    X", « l'accord … sur X ») and of an agreement word with the words next to it (before it in English, after it in
    French); its words are the words file's ``agreements``."""
    agreements = _alternatives(language, WordList.AGREEMENTS)
    named = re.compile(f"(?:{agreements})")
    if language == "en":
        return (named, re.compile(rf"\b(?:{agreements})\s+(?:on|about|over|regarding|concerning)\s+([^?？!.,;]+)"),
                re.compile(rf"((?:[\w'’-]+\s+){{1,{AGREEMENT_WORDS}}})(?:{agreements})\b"))
    if language == "fr":
        return (named, re.compile(rf"\b(?:{agreements})\b[^?？!.,;]{{0,40}}?\b(?:sur|concernant)\s+([^?？!.,;]+)"),
                re.compile(rf"\b(?:{agreements})\s+(?:de|d['’])\s*((?:[\w'’-]+\s*){{1,{AGREEMENT_WORDS}}})"))
    if language == "ja":
        agreement = re.compile(rf"([\u4e00-\u9fffァ-ヶー]{{1,8}}?)(?:{agreements})")
        return named, agreement, agreement
    return None


def agreement_topic(question: str, language: str) -> str:
    """The topic of an agreement the question names by it ("a defence agreement?" → defence, « l'accord … sur le
    nucléaire » → le nucléaire), "" when none: the content words next to the agreement's word, up to a function word
    ("the goal of the agreement" names none)."""
    patterns = _agreement_patterns(language)
    if patterns is None:
        return ""
    named, on, near = patterns
    folded = fold(question).replace("’", "'")
    if not named.search(folded):  # no agreement word, which both patterns need: English's ``near`` tries its words
        return ""  # before the word at every place of the question (40 -> 1 µs a question without one)
    found = on.search(folded)
    if found:
        return found.group(1)
    if language == "ja":
        return ""
    for match in near.finditer(folded):
        words = match.group(1).split()
        if language == "en":
            words.reverse()  # from the agreement's word back
        content = list(itertools.takewhile(lambda w: not latin_function_word(w), words))
        if content:
            return " ".join(content)
    return ""


# "did SoftBank take part?", "Toyota a participé ?", トヨタは関係ありますか: whether someone took part in it. The one
# asked about is the topic: only quotes naming it answer (the evening's JETRO passage says nothing of Toyota). Group
# 1: the one asked about, as written. Read in questions without a question word (retriever): "qui a participé ?"
# asks who did.
@lru_cache(maxsize=4)
def _participant_asked(language: str) -> re.Pattern[str] | None:
    """The pattern of a question asking whether someone took part; its verbs are the words file's ``takes_part``."""
    takes = _alternatives(language, WordList.TAKES_PART)
    if language == "en":
        return re.compile(rf"^\W*(?:did|does|do|has|have|had|was|were|is|are|will)\s+([^?？!.]+?)\s+(?:{takes})\b")
    if language == "fr":
        return re.compile(r"^\W*(?:est-ce qu['’]?\s*)?([^?？!.]+?)\s+"
                          r"(?:(?:a|ont|avait|avaient|est|sont|était|étaient|etait|etaient)"
                          rf"(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?\s+(?:été\s+)?)?(?:{takes})(?!\w)")
    if language == "ja":
        return re.compile(rf"([^\s、。？?はがをもにでと]{{2,30}}?)(?:は|も|が)(?:{takes})")
    return None


def participant_asked(question: str, language: str) -> str:
    """The one a question asks whether they took part ("did SoftBank take part?" → softbank), "" when none."""
    return _what_is_asked(_participant_asked(language), question)


@lru_cache(maxsize=4)
def beginning_tokens(language: str) -> frozenset[str]:
    """The tokens of the verbs of a beginning in ``language``: "when was French Tech started?" is answered by "launched
    in late 2013", whichever of them the question and the passage use; a passage with none of them dates no beginning
    of anything. The words file's ``beginnings``, analysed (Japanese: as written)."""
    verbs = [w for phrase in words_of(language, WordList.BEGINNINGS) for w in phrase.split()]
    return frozenset(verbs if language == "ja" else (t for w in verbs for t in analyze(w, language)))


def event_asked(question: str, language: str) -> str:
    """The participle of the event a when-question asks the date of ("built", "fondée", 設立), "" when none."""
    pattern = WHEN_EVENT.get(language)
    found = pattern.search(fold(question)) if pattern else None
    return next((g for g in found.groups() if g), "") if found else ""


# "What does JETRO stand for?", « que signifie le sigle JETRO ? », ジェトロって何の略？: what an acronym stands for. A
# passage answers only where it writes the acronym with its expansion, in brackets after it or around it ("JETRO
# (Japan External Trade Organization)", ジェトロ（JETRO、日本貿易振興機構）); "CEATEC in Japan" expands nothing.
# Group 1: the acronym as written. French « que signifie X » asks it only of a sigle or a word in capitals (« que
# signifie la déclaration pour… » does not).
_ACRONYM_ASKED = re.compile(
    r"\bwhat(?:s|'s|’s)?(?:\s+(?:does|do|is))?\s+(?:the\s+(?:acronym|abbreviation)\s+)?([^\s?]{1,40})\s+stands?\s+for\b"
    r"|\b(?:que|qu['’]est-ce que)\s+(?:signifie|veut dire)\s+(?:le\s+sigle|l['’]\s*acronyme|l['’]\s*abréviation)\s+"
    r"([^\s?]{1,40})"
    r"|\b(?:que|qu['’]est-ce que)\s+(?:signifie|veut dire)\s+(?:le\s+|la\s+|l['’]\s*)?([A-Z][A-Z0-9\-]+)(?=[\s?]|$)"
    r"|([^\s、。？?！!]{1,40}?)\s*(?:って|は)\s*(?:英語で|英語の)?\s*(?:なん|何)の略"
    r"|([^\s、。？?！!]{1,40}?)\s*(?:って|は)?\s*(?:英語の)?略称",
    re.IGNORECASE,
)
_ACRONYM_CASED = 2  # ... of these groups, the one whose word must be in capitals as written (« que signifie JETRO »)
_ACRONYM_WORDS = ("stand", "signifie", "veut dire", "略")  # one of them is in every question the pattern reads:
# a long message without any is not searched (the pattern's starts are many in a 10,000-letter word)


def acronym_asked(question: str) -> str:
    """The acronym a question asks the meaning of ("What does JETRO stand for?" → JETRO), "" when none."""
    text = unicodedata.normalize("NFKC", question)
    found = _ACRONYM_ASKED.search(text) if any(word in text.casefold() for word in _ACRONYM_WORDS) else None
    if not found:
        return ""
    groups = found.groups()
    if groups[_ACRONYM_CASED] is not None and not groups[_ACRONYM_CASED].isupper():
        return ""
    return next(g for g in groups if g is not None).strip("«»\"'“”")


def expands(text: str, acronym: str) -> bool:
    """``text`` writes ``acronym`` with something in brackets after it ("JETRO (Japan External Trade Organization)",
    ジェトロ（JETRO、日本貿易振興機構）) or inside brackets beside what it stands for ("… Industry (METI)",
    日本貿易振興機構、JETRO、…)."""
    folded, asked = fold(text), re.escape(fold(acronym))
    return bool(re.search(rf"(?<!\w){asked}\s*[（(][^)）]{{3,}}[)）]|[（(][^)）]*(?<!\w){asked}(?!\w)[^)）]*[)）]",
                          folded))


def after_what(question: str, language: str) -> list[str]:
    """The things a question asks about after ("covid", "pandémie", コロナ禍), as written."""
    pattern = AFTER_WHAT.get(language)
    return [m.group(1) for m in pattern.finditer(fold(question))] if pattern else []


def attributes_asked(question: str, language: str) -> list[str]:
    """What a question asks of a thing, as written (共同声明の有効期間は何年, 未来館の入館料は: 有効期間, 入館料)."""
    pattern = ATTRIBUTE_ASKED.get(language)
    return [m.group(1) for m in pattern.finditer(fold(question))] if pattern else []


def states_asked(question: str, language: str) -> list[str]:
    """The verbs of the states a question counts things in ("hosted", "refusées", 入居), as written."""
    pattern = STATE_ASKED.get(language)
    return [m.group(1) for m in pattern.finditer(fold(question))] if pattern else []


def company_kinds(what: Counted, language: str) -> frozenset[str]:
    """When ``what`` counts companies in general ("how many companies", « combien de sociétés »), the tokens of the
    kinds of company a number may count instead ("about 100 startups", « une trentaine de grands groupes »): the
    words file's ``company_kinds``; none otherwise."""
    companies = {unaccented(w) for w in word_set(language, WordList.COMPANIES)}
    if language == "ja" or companies.isdisjoint(map(unaccented, what.words)):  # « boite » typed without its accent
        return frozenset()
    return frozenset(t for word in words_of(language, WordList.COMPANY_KINDS) for t in analyze(word, language))


def counted_tokens(what: Counted, language: str) -> list[str]:
    """The tokens of the words ``what`` counts, as the question's units have them ("start-ups" → startup; in
    Japanese the word, one unit, and its bigrams)."""
    if language == "ja":
        return [t for word in what.words for t in (word, *analyze(word, "ja"))]
    latin = "en" if language == "ja" else language
    return [(analyze(word, latin) or [stem(word, latin)])[0] for word in what.words]


@lru_cache(maxsize=1)
def _month_tokens() -> frozenset[str]:
    """The tokens of the month names ("13 July" is a day, not a count): made at first use, as the stop words they
    are analysed with are read then."""
    return frozenset(t for language, names in MONTHS.items() for t in analyze(" ".join(names), language))


def _count_positions(tokens: Sequence[str], language: str) -> list[int]:
    numbers = _number_tokens(language)
    months = _month_tokens()
    out = []
    for i, token in enumerate(tokens):
        if token.isdigit():
            if A_YEAR.fullmatch(token) or (i + 1 < len(tokens) and tokens[i + 1] in months):
                continue
            out.append(i)
        elif token in numbers:
            out.append(i)
    return out


@lru_cache(maxsize=1)
def _years_and_anniversaries() -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the words files' ``years`` and ``anniversaries`` (French and English)."""
    def stems(which: WordList) -> frozenset[str]:
        return frozenset(stem(w, language) for language in ("en", "fr") for w in words_of(language, which))
    return stems(WordList.YEARS), stems(WordList.ANNIVERSARIES)


def counted_places(tokens: Sequence[str], wanted: frozenset[str], about: frozenset[str]) -> list[int]:
    """Where ``tokens`` name what is counted (``wanted``: the counted word's forms). Years are also counted by an
    anniversary of what the question is about (``about``: its other words' tokens), named within COUNT_WINDOW words
    after it: "how many years of relations?" is answered by "the 160th anniversary of diplomatic relations", « combien
    d'années de liens ? » by « le 160e anniversaire des relations » (an ordinal's digits are its token); "how many
    years did Muto stay?" finds no anniversary of a stay."""
    years, anniversaries = _years_and_anniversaries()
    counting_years = not wanted.isdisjoint(years)
    return [i for i, t in enumerate(tokens) if t in wanted or (
        counting_years and t in anniversaries and not about.isdisjoint(tokens[i + 1:i + 2 + COUNT_WINDOW]))]


def counts_near(forms: Iterable[frozenset[str]], tokens: Sequence[str], language: str,
                about: frozenset[str] = frozenset()) -> bool:
    """True when a counting number stands within COUNT_WINDOW words of one of the counted word's forms (``about``:
    the tokens of the question's other words, see ``counted_places``)."""
    numbers = _count_positions(tokens, language)
    if not numbers:
        return False
    places = counted_places(tokens, frozenset().union(*forms), about)
    return any(abs(i - j) <= COUNT_WINDOW + 1 for i in places for j in numbers)


def ja_counter(what: Counted) -> str:
    """The Japanese counter a number of ``what`` carries (社 for 何社 or for 会社), "" when any will do."""
    noun = what.words[0] if what.words else ""
    return what.counter or next((c for c, nouns in JA_COUNTER_NOUNS.items() if noun in nouns), "")


def ja_counts(what: Counted, text: str) -> bool:
    """A Japanese passage counts ``what``: the counter asked for after a number, or a number next to the noun."""
    folded = fold(text)
    noun = what.words[0] if what.words else ""
    counter = ja_counter(what)
    if counter and noun in word_set("ja", WordList.NARROW_COUNTED):  # スタートアップは何社: a number of start-ups
        return any(abs(m.start() - place.start()) <= JA_COUNT_CHARS + len(noun)
                   for m in re.finditer(rf"{_JA_NUMBER}\s*{counter}", folded)
                   for place in re.finditer(re.escape(noun), folded))
    if counter:
        return bool(re.search(rf"{_JA_NUMBER}\s*{counter}", folded))
    if not noun:
        return False
    counters = r"\s*(?:社|人|件|[かカヶ]国|つ|名|個|以上)?"  # not the 5 of 5G, the 20 of G20
    numbers = [m.start() for m in re.finditer(rf"(?<![の\da-z]){_JA_NUMBER}(?![\da-z]){counters}", folded)
               if not re.match(r"\d+\s*[年月日時]|(?:19|20)\d\d", folded[m.start():])]
    places = [m.start() for m in re.finditer(re.escape(noun), folded)]
    return any(abs(i - j) <= JA_COUNT_CHARS + len(noun) for i in places for j in numbers)


# An ordinal ("1ère action", "the 3rd day", 第1回) or a number given as a label ("number 1", "n° 2", "#3") ranks
# something: its digits are no number to find in a passage.
_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,3})\s?(?:ère|ere|re|er|ème|eme|e|è|st|nd|rd|th)\b|第(\d{1,3})"
                      r"|(?:\bnumbers?|\bnum[eé]ros?|\bno\.|\bn°|\bnº|#)\s?(\d{1,3})\b(?![.,]\d)")


# Numbers offered as alternatives, the member's guesses ("3 or 4?", « 2013 ou 2015 ? », 3つ？4つ？, 2013年か2015年):
# the answer holds one of them, or neither (the passages list the four technologies without writing 4).
_COUNTER = r"\s*(?:つ|社|人|年|個|件)?\s*"
_OFFERED = re.compile(r"(?<![\d.,])(\d+)\s+(?:or|ou)\s+(?:maybe\s+|peut-etre\s+|bien\s+)?(\d+)(?![\d.,]?\d)"
                      # a generation offered ("la 4g ou la 5g ?", "4G or 5G?"): the one the corpus lacks is a guess
                      r"|(?<![\w.,])(\d[a-z])\s+(?:or|ou)\s+(?:(?:de\s+)?(?:la|le|the)\s+)?(\d[a-z])(?!\w)"
                      rf"|(\d+){_COUNTER}(?:か|[？?]\s*)(?:それとも\s*)?(\d+){_COUNTER}(?:か|[？?])")
# One count guessed as roughly so much ("like 12?", « genre 12 ? », 10社くらい？): a guess too, which the answer's
# number confirms or corrects; not a year ("depuis genre 2015 ?" asks whether it dates from then: the quote must say).
_GUESSED = re.compile(r"\b(?:like|around|about|maybe|roughly|genre|environ|peut-(?:e|ê)tre|(?:a|à) peu pr(?:e|è)s)\s+"
                      r"(\d{1,3})(?:\s*[-–~〜]\s*(\d{1,3}))?\b(?![.,]\d)\s*(?:[^\W\d_][\w\-]*\s*)?[?？]"
                      rf"|(?<![\d.,])(\d{{1,3}}){_COUNTER}(?:くらい|ぐらい|位|ほど)\s*(?:か|かな)?\s*[？?]")
# ... or typed after a how-many (how-old, how-long) question, alone after a comma ("how many pitched, like 12?" once
# "like" is cut as chat; "how old was french tech when they signed, like 4-5 yrs?": a range guessed)
_GUESS_LAST = re.compile(r"[,，、]\s*(\d{1,3})(?:\s*[-–~〜]\s*(\d{1,3}))?\s*(?:[^\W\d_]+\s*)?[?？]\s*$")
_HOW_OLD_OR_LONG = re.compile(r"\bhow (?:old|long)\b|\bquel (?:â|a)ge\b")


# A small count a member states of the things asked about ("who were the 3 signatories?", « les 2 ministres
# français », 3つの原則): the passages name or list them without writing the number; not a day (« le 3 mars »), an
# amount of time or money, a percentage.
STATED_COUNT_MAX = 12
_NOT_COUNTED = frozenset({
    "h", "am", "pm", "ans", "an", "years", "year", "yrs", "jours", "days", "day", "jour", "heures", "hours", "hour",
    "min", "minutes", "mois", "months", "weeks", "semaines", "fois", "times", "millions", "million", "milliards",
    "billion", "euros", "eur", "yens", "yen", "dollars", "k", "m", "pourcent", "percent", "h00", "siecle", "siecles",
})
_STATED_COUNT = re.compile(r"(?<![\d.,:/])(\d{1,2})\s+([a-z\u00e0-\u00ff][\w-]*)"
                           r"|(?<![\d.,:/])(\d{1,2})\s*(?:つ|人|社|名|か国|カ国|ヶ国)"
                           r"(?:の|だけ|のみ|を?\s*(?:挙げ|あげ|教え|おしえ|書い|言っ|紹介し))")  # 4つ挙げて, 4つだけ
# ... and a small span or count it states as a description ("a 1-year thing", 1年がかり, 3日間のうち, « 1 an ou 2 »,
# どの2国, "1-sided"): the passages write it in words or as dates (« l'Année de l'innovation », du 12 au 14). Not a time
# after or before a thing ("3 ans plus tard", "2 years later", 1年後), nor "Society 5.0", "article 3", "€1 billion".
_STATED_SPAN = re.compile(
    r"(?<![\d.,])([1-3])(?:\s*-?\s*(?:an|ans|annees?|years?|yeers?|yrs?|days?|jours?|sided|mois|months?|weeks?"
    r"|semaines?)\b(?!\s*(?:plus tard|later|after|apres|avant|before|ago|earlier|plus tot|de plus))"
    r"|年(?:がかり|余り|ちょい|間)|日間|か国|カ国|ヶ国|国|ヶ月|か月|カ月)")


# A century given ("un traité du XIXe siècle", "a 19th-century treaty", 19世紀): the quotes must date something in it.
_CENTURY = re.compile(r"\b([ivxlc]{1,7}|\d{1,2})\s?(?:e|ème|eme|è|er|th|st|nd|rd)[\s\-‐]+"
                      r"(?:siècles?|siecles?|century|centuries)\b|(\d{1,2})\s*世紀")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# A year of any century from 1000 (a treaty of 1858 is XIXth-century), wider than kinds.A_YEAR's 1900-2099.
_YEAR_WRITTEN = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


def _roman(numeral: str) -> int:
    """The value of a Roman numeral (lower case); 0 when it is not one written in order (xic, iiv)."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and _to_roman(total) == numeral else 0


def _to_roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                           (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


# A year asked relative to ("after 2018", « depuis 2018 », 2018年以降): what came before or after it is asked, not it.
_AFTER_YEAR = (r"after|post|later than|après|apres|plus tard qu['’]\s*(?:en)?",
               r"以降|以後|の後|後|より後|よりあと|のあと")
_SINCE_YEAR = (r"since|depuis", r"から|以来")  # up to now: "since 2018, how many startups pitched?" counts them all
_BEFORE_YEAR = (r"before|until|till|prior to|avant|jusqu['’]\s*(?:en|à|a)", r"より前|以前|まで|よりまえ|の前|のまえ")


def _year_relative(latin: str, japanese: str) -> re.Pattern[str]:
    """A year after one of the ``latin`` words, or before one of the ``japanese`` ones. Group 1 (or 2): the year."""
    return re.compile(
        rf"\b(?:{latin})\s+"
        r"(?:the\s+(?:end\s+of\s+)?|la\s+fin\s+(?:de\s+)?|l['’]\s*|(?:the\s+)?year\s+|l['’]année\s+)?((?:19|20)\d\d)\b"
        rf"|((?:19|20)\d\d)\s*年?\s*(?:{japanese})")


_YEAR_RELATIVE = _year_relative(*("|".join(words) for words in zip(_AFTER_YEAR, _SINCE_YEAR, _BEFORE_YEAR,
                                                                     strict=True)))
_YEAR_AFTER = _year_relative(*_AFTER_YEAR)


def years_relative(question: str, pattern: re.Pattern[str] = _YEAR_RELATIVE) -> frozenset[str]:
    """The years a question asks about before or after ("after 2018", « depuis 2018 », 2018年以降 → 2018)."""
    return frozenset(m.group(1) or m.group(2) for m in pattern.finditer(fold(question)))


# A later year's events a question asks what was planned ahead of: "before the 2019 summits", « en vue des sommets
# de 2019 », 2019年の首脳会合に向けて (a corpus of 2018 tells its plans, not what came of them).
_AHEAD_OF_YEAR = re.compile(
    r"\b(?:before|ahead\s+of|prior\s+to|in\s+preparation\s+for|prepare\s+for|avant|en\s+vue\s+d\S*|preparer)"
    r"\s+(?:[^\s?.!,;]+\s+){0,5}?((?:19|20)\d\d)\b"
    r"|((?:19|20)\d\d)\s*年?の[^、。？?!！\s]{0,15}?(?:に向け|を前に|に備え|の前に|までに)")


def years_ahead_of(question: str) -> frozenset[str]:
    """The years whose events a question asks what was planned ahead of ("before the 2019 summits" → 2019)."""
    return years_relative(question, _AHEAD_OF_YEAR)


def years_after(question: str) -> frozenset[str]:
    """The years a question asks about after ("after 2018", « après 2018 », 2018年以降 → 2018), not since (up to
    now, that year included)."""
    return years_relative(question, _YEAR_AFTER)


def centuries_asked(question: str) -> list[int]:
    """The centuries a question gives ("XIXe siècle", "19th-century", 19世紀 → 19)."""
    found = []
    for match in _CENTURY.finditer(fold(question)):
        written = match.group(1) or match.group(2)
        number = int(written) if written.isdigit() else _roman(written)
        if 0 < number <= 21:
            found.append(number)
    return found


def dates_century(text: str, century: int) -> bool:
    """``text`` writes a year of the ``century`` (the 19th: 1801-1900)."""
    return any((century - 1) * 100 < int(year) <= century * 100 for year in _YEAR_WRITTEN.findall(text))


def ordinals(question: str) -> frozenset[str]:
    """The digits of the ordinals a question writes ("1ère" → 1, "3rd" → 3), and the token "1ere" itself."""
    found = set()
    for match in _ORDINAL.finditer(fold(question)):
        digits = match.group(1) or match.group(2) or match.group(3)
        found.update((digits, match.group().replace(" ", "").replace("è", "e")))
    return frozenset(found)


def offered_numbers(question: str) -> frozenset[str]:
    """The numbers a question offers as alternatives ("3 or 4?", « 2013 ou 2015 ? », 3つ？4つ？) or as a rough guess
    ("like 12?", 10社くらい？): guesses, of which the quotes need hold one at most, not numbers it gives as facts."""
    found: set[str] = set()
    folded = fold(question)
    asks_quantity = QUESTION_TYPES["count"].search(folded) or _HOW_OLD_OR_LONG.search(folded)
    last = _GUESS_LAST.finditer(folded) if asks_quantity else ()
    for match in (*_OFFERED.finditer(folded), *_GUESSED.finditer(folded), *last):
        found.update(g.lstrip("0") or "0" for g in match.groups() if g)
    return frozenset(found)


# Names offered as alternatives ("l'AIST ou le RIKEN ?", "was it NEDO or JICA?", 産総研か理研か): the member guesses
# which one; the quotes answer with the one the corpus has, and the other is no name they must hold.
_NAME_WORD = r"[A-Z][\w\-]*"
_OFFERED_NAMES = re.compile(rf"\b({_NAME_WORD})\s+(?:or|ou)\s+"
                            r"(?:(?:with|by|from|in|at|to|for|avec|par|de|du|en|à|a|pour)\s+)?"  # "AIST or with RIKEN"
                            rf"(?:the\s+|le\s+|la\s+|les\s+|l['’]\s*)?({_NAME_WORD})\b")


# ... or one name guessed ("Yoshi Mutto ou un autre ?", "was it Muto or someone else?"): its words are a guess too.
_GUESSED_NAME = re.compile(
    rf"\b((?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})\s+(?:or|ou)\s+(?:une?\s+(?:autre|otre)|quelqu['’]un d['’]autre"
    r"|someone else|somebody else|anyone else|another one|another)\b")


def offered_names(question: str) -> frozenset[str]:
    """The names (folded) a question offers as alternatives: capitalised words on either side of "or" / « ou », or
    before "or someone else" / « ou un autre »."""
    pairs = (name for match in _OFFERED_NAMES.finditer(question) for name in match.groups())
    guessed = (word for match in _GUESSED_NAME.finditer(question) for word in match.group(1).split())
    return frozenset(fold(name) for name in (*pairs, *guessed))


# A span of years a question gives (その後5年間の道筋, "a 5-year roadmap", « une feuille de route de 5 ans »): the
# quotes may date its two ends instead (2013–2018).
_YEARS_SPAN = re.compile(r"(?<![\d.,])(\d{1,2})\s*-?\s*(?:年間|years?\b|yrs?\b|ans\b|annees\b)")


def years_spans(question: str) -> frozenset[str]:
    """The numbers of years ``question`` gives as a span (5年間, "5 years", « 5 ans »)."""
    return frozenset(_YEARS_SPAN.findall(fold(question)))


def stated_counts(question: str) -> frozenset[str]:
    """The small counts a question states of what it asks about ("the 3 signatories", « les 2 ministres »,
    3つの原則, 4つ挙げて, 4つだけ？) or of a span it describes (1年がかり, "a 1-year thing"): how many there are, which
    the quotes list or write in words rather than in digits, not a number they must hold."""
    folded = fold(question)
    found = set(_STATED_SPAN.findall(folded))
    for match in _STATED_COUNT.finditer(folded):
        digits, following = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), "")
        function_word = latin_function_word(following)  # "article 3 of": a number
        if int(digits) <= STATED_COUNT_MAX and not function_word and following not in _NOT_COUNTED \
                and following not in _MONTH_NAMES:
            found.add(digits.lstrip("0") or "0")
    return frozenset(found)


# Where a passage's clauses end: a name given for one thing of a list is not the name of the next one.
_CLAUSE_END = re.compile(r"[,;、，；]|\s(?:and|et)\s")  # not brackets, quotes: a name's own
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_COLON = re.compile(r"\s*[:：]\s*")
_JA_TOPIC_END = re.compile(r"[\u3041-\u30ff\u3400-\u9fff）)](?:は|とは)\s*$")  # a Japanese clause that is a topic
_QUOTED = re.compile(r"«([^»]*)»|“([^”]*)”|「([^」]*)」|『([^』]*)』|\"([^\"]*)\"")
# an acronym's expansion in brackets after it (NEDO (Japan's New Energy and Industrial Technology Development
# Organization)): one piece of a clause though it holds "and", and the name a question naming the acronym asks
_EXPANDED = re.compile(r"\b([A-Z]{2,})\s?[(（]((?:Japan's |France's )?[A-Z][^()（）]*)[)）]")
_ONE_PIECE = re.compile(f"{_QUOTED.pattern}|{_EXPANDED.pattern}")
_MASK = str.maketrans({",": "\x00", ";": "\x01", "、": "\x02", ".": "\x03", ":": "\x04", " ": "\x05", "。": "\x06"})
_UNMASK = str.maketrans({v: k for k, v in {",": "\x00", ";": "\x01", "、": "\x02", ".": "\x03", ":": "\x04",
                                           " ": "\x05", "。": "\x06"}.items()})
APPOSITION_WORDS = 3  # a clause of at most this many capitalised words before a described thing is its name
# ("Snips, une start-up française…", "Yoji Muto, vice-ministre…")


def clauses(text: str) -> list[tuple[str, str]]:
    """``text`` cut into clauses at commas, semicolons and "and"/"et": each clause's own text (where the
    question's words are looked for) and the text its names may come from: itself, a bare name just before it
    ("Snips, une start-up…"), for the clause before a colon, the list the colon opens ("Neuf start-up…
    : cinq japonaises…, dont Snips") and, in Japanese, the topic a clause speaks of and the clause that speaks of
    it (フレンチテックは、…支援策です; 署名したのは、武藤容治副大臣です)."""
    out: list[tuple[str, str]] = []
    text = _ONE_PIECE.sub(lambda m: m.group().translate(_MASK), text)  # a quoted title is one piece
    for sentence in _SENTENCE_END.split(text):
        head, *rest = _COLON.split(sentence, maxsplit=1)
        tail = rest[0] if rest else ""
        colon = bool(rest)
        parts = [p for p in _CLAUSE_END.split(head) if p.strip()]
        listed = [p for p in _CLAUSE_END.split(tail) if p.strip()] if colon else []
        pieces = [*parts, *listed]
        for n, part in enumerate(pieces):
            previous = (pieces[n - 1] if n else "").split()
            scope = part
            if 0 < len(previous) <= APPOSITION_WORDS and all(w[:1].isupper() and not any(map(is_cjk, w))
                                                             for w in previous):  # "AI音声アシスタントの Snips、
                # 写真で…判定するフランス企業": a Japanese list's item before, no bare name of the firm described
                scope = " ".join(previous) + " " + scope
            if n and _JA_TOPIC_END.search(pieces[n - 1]):  # 署名したのは、武藤容治副大臣です: the topic and what
                scope = pieces[n - 1] + scope  # is said of it are one statement, whichever holds the name
            if n + 1 < len(pieces) and _JA_TOPIC_END.search(part):
                scope += pieces[n + 1]
            if colon and n == len(parts) - 1:
                scope += " " + tail
            out.append((part.translate(_UNMASK), scope.translate(_UNMASK)))
    return [c for c in out if c[0].strip()]


def expansions(text: str) -> list[tuple[str, str]]:
    """The acronyms ``text`` expands in brackets, each with its expansion: [("NEDO", "Japan's New Energy…")]."""
    return [(m.group(1), m.group(2)) for m in _EXPANDED.finditer(text)]


def quoted(text: str) -> list[str]:
    """The texts ``text`` quotes (« … », “ … ”, 「…」, "…"): a title given is a name given."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]


_QUESTION_MARK = re.compile(r"[?？]")
# A why-question about a past event ("why did NEDO pull…", "pourquoi le Jetro a fermé…", なぜ…閉鎖したの) takes the
# event for granted; one about how things are ("why is Japan courting…", "pourquoi la déclaration parle…") does not.
_PAST_EVENT = re.compile(
    r"^\W*(?:did|was|were|has|had|have)\b"
    r"|(?<!\by )\b(?:a|ont|est|sont|avait|avaient)(?:-t-\w+|-\w+)?\s+(?:\w+\s+)?(?:été\s+)?"
    r"(?:[\w-]+(?:é|ée|és|ées|i|is|ie|u|ue|us|ert|erte)|fait|faite|faits|dit|dite|dits|mis|mise|pris|prise)\b"
    # « a co-signé », « a fait un discours »: a hyphenated participle, the irregular ones
    r"|(?:た|だ)(?:の|んだ|のか|んですか|のですか|か)?\s*$"
    r"|\b\w{3,}(?:ait|aient)-(?:t-)?(?:il|elle|on|ils|elles)\b"  # « pourquoi le Japon présidait-il… » (imperfect)
    # what a text says or does now: "why does the article call it a failure?", « pourquoi l'article le qualifie-t-il
    # d'échec ? », なぜ失敗だと書いているの: the premise is the text's, which the quotes must state as well
    r"|^\W*(?:does|do)\s+(?:\w+\s+){0,4}?(?:say|call|describe|write|claim|present)s?\b"
    r"|\b(?:dit|disent|d[eé]crit|d[eé]crivent|[eé]crit|[eé]crivent|(?:qualifie|appelle|pr[eé]sente|affirme|parle"
    r"|traite)(?:nt)?)-(?:t-)?(?:il|elle|on|ils|elles)\b"
    r"|(?:書いて|言って|呼んで|述べて)(?:いる|る|います)(?:の|んだ|のか|のですか|んですか|か)?\s*$"
)


# Japanese puts the why last: what it takes for granted comes before it ("共同声明が破棄されたのはなぜ？", "東京で
# 署名された理由は？"). Group 1: that text, from the sentence's start (the nominaliser の/ん and the topic は cut).
_JA_WHY_LAST = re.compile(
    r"([^。！!？?]*?)(?:の|ん)?(?:は|って)?\s*(?:(?:なぜ|何故|どうして)(?:なの|なん)?|理由(?:は|って)(?:何|なん)?)"
    r"(?:です|でしょう|だろう)?か?\s*[?？]?\s*$"
)
_JA_WHY_WORDS = ("なぜ", "何故", "どうして", "理由")  # looked for first: the pattern is read only when one is there


# Two statements joined in one sentence: "Japan chaired the G20 and France chaired the G7", « le Japon présidait le
# G20 et la France présidait le G7 », 日本が G20 の議長国、フランスが G7 の議長国を務めました (a Japanese subject
# with が after the comma). A comma alone joins the parts of one statement ("At Station F, on 13 July, …";
# マジュビは、…署名した当時、…); "France and Japan agreed" is one statement of two subjects (see the retriever).
_COORDINATED = re.compile(r";|,?\s(?:and|et)\s|、(?=[^、。]*?が)")


def coordinated(text: str) -> list[list[str]]:
    """``text`` cut into its sentences, and each sentence into the parts it joins (``_COORDINATED``)."""
    return [[part for part in _COORDINATED.split(sentence) if part.strip()]
            for sentence in _SENTENCE_END.split(text) if sentence.strip()]


# A premise that something was the only one ("why only one French signatory?", « pourquoi seules des start-up
# françaises ? », 5Gだけなのはなぜ, 日本だけ, 一方的に): an exclusivity a source must state, as it states a list
_EXCLUSIVE = re.compile(
    r"\b(?:only|solely|just|alone|exclusively)\b|\bseul(?:e|s|es|ement)?\b|\buniquement\b|\bexclusivement\b"
    r"|\bn(?:e |')[^?.!]{1,40}? qu(?:e |')|\bs'en tient|\bse limite|\bleave[sd]? [^?.!]{1,30}\bout\b"
    r"|\bde côté\b|だけ|のみ|しか|一方的|限って|限定")
_WHY = re.compile(QUESTION_TYPES["why"].pattern + r"|何故|なんで")


def exclusive_premise(question: str) -> bool:
    """``question`` asks why something was the only one, or left another out ("why only one French official?",
    « pourquoi s'en tient-elle à la 5G ? », なんで日本だけ？): it takes an exclusivity for granted."""
    folded = fold(question).replace("’", "'")
    return _WHY.search(folded) is not None and _EXCLUSIVE.search(folded) is not None


def states_exclusive(text: str) -> bool:
    """``text`` (a passage) says that something was the only one: the premise of ``exclusive_premise`` is stated."""
    return _EXCLUSIVE.search(fold(text).replace("’", "'")) is not None


def why_asked(question: str) -> str:
    """What a why-question about a past event takes for granted: its text from "why / pourquoi / なぜ" to the
    question mark, or in Japanese what comes before a closing なぜ / 理由は ("" when it does not ask why something
    happened). The chatter around it ("wsh la mif …", "… je demande pour un ami") is no part of it."""
    folded = fold(question).replace("’", "'")
    last = _JA_WHY_LAST.search(folded) if any(word in folded for word in _JA_WHY_WORDS) else None
    if last and last.group(1).strip():
        asked = last.group(1)
        return asked if _PAST_EVENT.search(asked) else ""
    found = QUESTION_TYPES["why"].search(folded)
    if not found:
        return ""
    end = _QUESTION_MARK.search(folded, found.end())
    asked = folded[found.end():end.start() if end else len(folded)]
    return asked if _PAST_EVENT.search(asked) else ""


# "What is the capital of Japan?", "quelle est la population de la France ?": a thing of a country. A passage holding
# both words answers only where it says them together (retriever: ROLE_WINDOW), not "the French capital … Japan".
_OF_COUNTRY = {
    "en": re.compile(r"\bwhat(?:'s|’s| is| was| are| were)\s+the\s+([^\W\d_][\w\-]*)\s+of\s+(?:the\s+)?"
                     r"([^\W\d_][\w\-]*)", re.IGNORECASE),
    "fr": re.compile(r"\bquel(?:le)?s?\s+(?:est|était|sont|étaient)\s+(?:la|le|les|l['’])\s*([^\W\d_][\w\-]*)\s+"
                     r"(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*([^\W\d_][\w\-]*)", re.IGNORECASE),
}


def of_what(question: str, language: str) -> list[tuple[str, str]]:
    """The (thing, of what) word pairs a "what is the X of Y" question asks ("the capital of Japan")."""
    pattern = _OF_COUNTRY.get(language)
    return [(m.group(1), m.group(2)) for m in pattern.finditer(question)] if pattern else []


_NOT_THE_THING = {"en": "of|between|among|with|for|from|to|in|by|on|about",  # "which ties between incubators": the ties
                  "fr": "entre|de|des|du|avec|parmi|pour|par|chez|aux|en|sur"}


@lru_cache(maxsize=1)
def _which_named() -> Screened:
    """"Which incubators", « quels salons », どの展示会, 展覧会はどれ: a thing of a kind known by its names (the words
    files' ``named_kinds``) asked for, as _WHICH_COMPANIES asks for companies (adjectives between: "which specific
    Japanese incubators")."""
    def nouns(language: str) -> str:
        listed = sorted(words_of(language, WordList.NAMED_KINDS), key=len, reverse=True)
        return "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in listed)
    return Screened(re.compile(  # searched only in a question holding a word of it (bot.search.prefilter)
        rf"\b(?:which|what) (?:(?!(?:{_NOT_THE_THING['en']})\b)[\w\-]+ ){{0,2}}(?:{nouns('en')})\b"
        rf"|\bquel(?:le)?s? (?:(?!(?:{_NOT_THE_THING['fr']})\b)[\w\-]+ ){{0,2}}(?:{nouns('fr')})(?!\w)"
        rf"|(?:どの|どんな|どういう)(?:{nouns('ja')})|(?:{nouns('ja')})(?:は|って)(?:具体的に)?(?:どこ|どれ)"
    ))


# A clause listing what the clause before it speaks of ("…to each other's events, such as CEATEC", « comme le
# CEATEC », « dont Snips »), or in Japanese, after it (CEATECやVivaTechnologyなど、相手国のイベント).
_LIST_OPENED = re.compile(r"^\W*(?:such as|like|including|namely|e\.g\.|comme|dont|notamment|tels? que|telles? que)\b"
                          r"|(?:など|等|といった)\W*$")


@lru_cache(maxsize=64)
def _kind_nouns(language: str, kinds: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The nouns of the named ``kinds`` (folded; every one of the words files' ``named_kinds`` when none) and of the
    wider ``named_as``."""
    listed = sorted({*(kinds or map(fold, words_of(language, WordList.NAMED_KINDS))),
                     *map(fold, words_of(language, WordList.NAMED_AS))}, key=len, reverse=True)
    bound = "" if language == "ja" else r"\b"
    return re.compile(bound + "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in listed) + ")")


def named_kinds_in(question: str, language: str) -> tuple[str, ...]:
    """The named kinds (folded) a "which X?" question asks for, as written in it ("which Japanese bank": bank)."""
    match = _which_named().search(fold(question))
    if match is None:
        return ()
    asked = match.group()
    return tuple(n for n in map(fold, words_of(language, WordList.NAMED_KINDS))
                 if (n in asked if is_cjk(n[0]) else re.search(rf"\b{re.escape(n)}\b", asked)))


def names_by_kind(text: str, language: str, frequencies: WordFrequencies, known: Iterable[str] = (),
                  asked: tuple[str, ...] = ()) -> set[str]:
    """The names (folded) ``text`` gives to a thing of a named kind (the words files' ``named_kinds``, or the wider
    ``named_as``: events): in the clause that speaks of it (``clauses``: with a name in apposition) or in the list it
    opens, the clause after it (« aux salons de l'autre pays, comme le CEATEC… »), in Japanese before it (CEATEC
    やVivaTechnologyなど、相手国のイベント). "access to incubators and accelerators" names no incubator, however many
    names the rest of the sentence gives (J-Startup, French Tech). ``asked``: only the kinds a question asks ("which
    bank?" is not answered by "the Halle Freyssinet building")."""
    found: set[str] = set()
    nouns = _kind_nouns(language, asked)
    pieces = clauses(text)
    for n, (clause, scope) in enumerate(pieces):
        if nouns.search(fold(clause)):
            listed = n - 1 if language == "ja" else n + 1  # a Japanese list comes before what it lists
            beside = pieces[listed][0] if 0 <= listed < len(pieces) else ""
            if not _LIST_OPENED.search(fold(beside)):  # "an event for French | Japanese startups at Station F"
                beside = ""
            found |= names_in(f"{scope} {beside}", language, frequencies, known)
            found |= {fold(title) for title in quoted(scope)}
    return found


def asks_name(question: str) -> bool:
    folded = fold(question)
    return bool(_NAME_QUESTION.search(folded) or asks_companies(question))


def asks_named_kind(question: str) -> bool:
    """"Which incubators?", « quels salons ? », どの展示会: things of a kind known by their names are asked for."""
    return bool(_which_named().search(fold(question)))


def kinds_asked(question: str, language: str) -> tuple[str, ...]:
    """The named kind (folded, as the words files list them) a "which incubator?" question asks one thing of: not
    several ("which incubators?": a list, which one thing of the kind does not give), nor a kind word that is part
    of a name the question gives (« la Banque du Japon »)."""
    return tuple(n for n in named_kinds_in(question, language)
                 if is_cjk(n[0]) or (not n.endswith("s") and n.capitalize() not in question))


def described_kinds(entries: Iterable[GlossaryEntry]) -> dict[str, frozenset[str]]:
    """Each word (folded) that a glossary description gives as what a thing is, and the terms (folded) of the things
    it describes: "news agency" → Xinhua, 新華社; "incubator" → Station F."""
    found: dict[str, set[str]] = {}
    for entry in entries:
        for description in entry.described:
            for slot in description:
                for word in slot:
                    found.setdefault(fold(word), set()).update(fold(t) for t in entry.terms)
    return {word: frozenset(terms) for word, terms in found.items()}


def asks_companies(question: str) -> bool:
    """"Which companies…?", 企業って具体的にどこ？, "which incubators?": the names of the companies (or of the things
    of a named kind, ``_which_named``) are the answer itself (どこ asks which, not where), never a by-product of a date
    or a place asked."""
    folded = fold(question)
    return bool(_WHICH_COMPANIES.search(folded) or _which_named().search(folded))


# A Roman ordinal (XIXe siècle, XIIIe arrondissement, Ier, XXIst): a rank written in capitals, no name. Two numerals at
# least, or I, V, X alone: "Le", "Ce", "De" are words, not L, C, D with an ordinal's e.
_ROMAN_ORDINAL = re.compile(r"(?:[IVXLCDM]{2,}|[IVX])(?:e|er|ère|ème|eme|re|th|st|nd|rd)")


def is_name(word: str, language: str, frequencies: WordFrequencies) -> bool:
    """A word written as a name (``word`` as written) is one unless it is an everyday word of the language or a
    Roman ordinal ("XIXe": the nineteenth, a rank).

    The one test of the question's names (a capitalised word the corpus lacks must be cited) and of the
    passages' (what gives the name asked for): "English", "Cup", "Friday" are words, "Macron", "Snips" names.
    """
    latin = "en" if language == "ja" else language  # a Japanese word is looked up in the Japanese list all the same
    return (fold(word) not in NOT_NAMES and frequencies.zipf(word, latin) < NAME_MAX_ZIPF
            and not _ROMAN_ORDINAL.fullmatch(word))


def names_in(text: str, language: str, frequencies: WordFrequencies, known: Iterable[str] = ()) -> set[str]:
    """The names a passage gives (folded): capitalised words, or in Japanese Latin words and dotted katakana, and the
    Japanese names ``known`` (``glossary_names``) it writes: フレンチテック, 武藤容治 are names, though undotted."""
    if language == "ja":  # a Latin word in lower case is an English word typed so unless it is rare
        found = (m.group() for m in _JA_NAME.finditer(text)
                 if not m.group().islower() or frequencies.zipf(m.group(), "en") < LOWER_NAME_MAX_ZIPF)
        folded = fold(text)
        written = {name for name in known if name in folded}
    else:  # at a sentence's start too ("Snips, une start-up…")
        found = (m.group(1) for m in _CAPITALISED.finditer(text))
        written = set()
    return {fold(word) for word in found if is_name(word, language, frequencies)} | written


_LATIN_TERM = re.compile(r"[A-Za-zÀ-ÿ]")
_JAPANESE_TERM = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")  # kana or kanji
_TERM_WORD = re.compile(r"[\w'’\-]+")


def glossary_names(entries: Iterable[GlossaryEntry], frequencies: WordFrequencies) -> frozenset[str]:
    """The Japanese terms (folded) of the glossary entries that are names: a Latin term holds a name (is_name, written
    with a capital: Yoji Muto, French Tech, METI) and none is written in lower case (a thing: "franco-japonais",
    "banque publique d'investissement"). A Japanese passage writes a name in kanji or undotted katakana (武藤容治,
    フレンチテック), which its capitals-and-dots test (``names_in``) cannot tell from a word."""
    found = set()
    for entry in entries:
        latin = [t for t in entry.terms if _LATIN_TERM.search(t) and not _JAPANESE_TERM.search(t)]
        words = [_TERM_WORD.findall(t) for t in latin]
        if any(not any(w[:1].isupper() for w in ws) for ws in words):
            continue
        if any(w[:1].isupper() and is_name(w, "en", frequencies) for ws in words for w in ws):
            found.update(fold(t) for t in entry.terms if _JAPANESE_TERM.search(t))
    return frozenset(found)


def counting_numbers(tokens: Sequence[str], language: str) -> list[int]:
    """Positions in ``tokens`` of the numbers that count (not a year, not the day of a date)."""
    return _count_positions(tokens, language)
