"""Japanese readings: hiragana, katakana and kanji spellings of the same word meet (すにっぷす ↔ スニップス,
すてーしょん ↔ ステーション, あかほし ↔ 赤星, an IME's wrong kanji 共同性命 ↔ 共同声明).

The corpus's katakana words and kanji nouns are indexed by their reading (katakana, from the morphological
analyzer fugashi + unidic-lite for kanji), folded so that small spelling differences vanish (ー, ヴィ/ビ, small
kana). A question's hiragana runs and its kanji words the corpus lacks are read the same way; every corpus word
whose reading they contain is added to the question as that word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import fugashi
from rapidfuzz.distance import OSA

MIN_READING = 3  # shorter readings (two kana) match too much by chance inside a run of kana...
SHORT_READING = 2  # ... but a hiragana word of two kana standing alone (きじ の たいとる, ぱりの) is read whole
NEAR_READING = 4  # a katakana word this long (folded) one kana from a corpus word's is that word misheard (spelt_near)
MAX_RUN = 40  # longer kana runs are cut: the lookup is quadratic in the run's length
MAX_WORDS_TEXT = 1_000  # words() reads at most this many characters of a question
TAGGED_KEPT = 256  # texts whose MeCab words are kept: one question is tagged by words(), matches(), person_names()
FEATURES_KEPT = 4096  # dictionary entries whose features are kept (ReadingLexicon._features): ~2,000 for every
# question of the evaluation sets, ~2 KB each (the texts kept tagged above share them rather than hold their own)
SLIP_SPAN = 4  # the longest run of kanji read as an IME's wrong kanji for a corpus word (共同性明: 性明 for 声明)
PERSON_TAG = "人名"  # the dictionary's tag of a person's name (pos3 of a proper noun: Word.proper)
PLACE_TAG = "地名"  # and of a place's name
SLIP_READINGS = 20  # the analyzer's best readings of such a run that are tried (性明: セイメイ among them)
SLIP_SPANS_KEPT = 4096  # runs of kanji whose slip readings (and, in the retriever, whose slip check) are kept
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc・＝゠]{2,}")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096\u30fc]{3,}")
# spaces between hiragana: a member who spells a name in hiragana word by word (ふれんち てっく) still writes one word
_SPACED_HIRAGANA = re.compile(r"(?<=[\u3041-\u3096\u30fc])[ \u3000]+(?=[\u3041-\u3096\u30fc])")
_KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]+")
_KANA_WORDS = re.compile(r"[\u3041-\u3096\u30fc]+")  # a run of hiragana between spaces, kanji or punctuation
# a short word in such a run: the whole run, or between its start or a particle and a particle or its end
_PARTICLES = "のはがをにでともわへやか"
_SHORT_WORD = re.compile(rf"(?:^|(?<=[{_PARTICLES}]))([\u3041-\u3096\u30fc]{{2,3}}?)(?=[{_PARTICLES}っ]|$)")
_FOLD = str.maketrans({
    "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ", "ヮ": "ワ",
    "ッ": "ツ", "ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ", "ー": None, "・": None, "＝": None, "゠": None,
})
_VU = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))
# Latin capitals as Japanese say them: ステーションF is read ステーションエフ, NHK エヌエイチケー ("すてーしょんえふ")
LETTER_READINGS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
    "エー", "ビー", "シー", "ディー", "イー", "エフ", "ジー", "エイチ", "アイ",
    "ジェイ", "ケー", "エル", "エム", "エヌ", "オー", "ピー", "キュー", "アール",
    "エス", "ティー", "ユー", "ブイ", "ダブリュー", "エックス", "ワイ", "ゼット",
], strict=True))
# a katakana word with capitals after it (ステーションF), or capitals alone (NHK, METI): read letter by letter
_SPELLED = re.compile(r"([\u30a1-\u30fa\u30fc]*)(?<![A-Za-z])([A-Z]{1,4})(?![A-Za-z])")


def to_katakana(text: str) -> str:
    """Hiragana → katakana (other characters unchanged)."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def _vowel(kana: str) -> str:
    """The vowel a katakana letter ends on ("A" for カ, ャ), "" for ン, ッ and what is no katakana letter."""
    name = unicodedata.name(kana, "")
    if not name.startswith("KATAKANA LETTER "):
        return ""
    syllable = name.removeprefix("KATAKANA LETTER ").removeprefix("SMALL ")
    return syllable[-1] if syllable[-1] in "AEIOU" else ""


# a long vowel written with its vowel kana twice (すたあと, すてえしょん) is the one written with ー (スタート): the
# vowel kana after a syllable on that vowel is dropped, as the long mark is (not ウ after O nor イ after E: the
# readings of kanji write them so, むとう is ムトウ, and a shorter reading would be too short to look up)
_VOWEL_KANA = {"ア": "A", "イ": "I", "ウ": "U", "エ": "E", "オ": "O"}
_VOWELS = {chr(c): _vowel(chr(c)) for c in range(0x30A1, 0x30FB)}  # each katakana letter's vowel


def fold_reading(reading: str) -> str:
    """A katakana reading without what spellings disagree on: long marks and long vowels (スタート, スタアト),
    separators, small kana, ヴ."""
    for vu, plain in _VU:
        reading = reading.replace(vu, plain)
    folded = reading.translate(_FOLD)
    out: list[str] = []
    for char in folded:
        if out and char in _VOWEL_KANA and _VOWELS.get(out[-1]) == _VOWEL_KANA[char]:
            continue
        out.append(char)
    return "".join(out)


class Word(NamedTuple):
    """One word of a Japanese text: its span, its form as written and its dictionary form (載せ → 載せる)."""

    start: int
    end: int
    surface: str
    base: str
    proper: str = ""  # a proper noun's kind as the dictionary tags it (地名, 人名, 一般), "" for any other word


def _joined(first: Word, second: Word, base: str) -> Word:
    """An affix and its word as one word, weighed by the word's dictionary form (副大臣 as 大臣)."""
    return Word(first.start, second.end, first.surface + second.surface, base, first.proper or second.proper)


class Tagged(NamedTuple):
    """A word as the tagger cut it, read as a node is (``surface``, ``feature.pos1``…), and kept past the tagger's
    next call: a fugashi node reads its features from the tagger's last parse (kept, it reads another word's)."""

    surface: str
    feature: Any  # fugashi's UnidicFeatures: a named tuple of the dictionary's fields


@functools.cache
def shared_tagger() -> fugashi.Tagger:
    """The process's one MeCab tagger. Each ``fugashi.Tagger`` loads the dictionary anew and its memory never
    comes back (RSS +27 MB per index of the Discord test corpus, +73 MB of the shipped one): one per retriever
    grew a running bot at every reload. fugashi holds the GIL while it tags: the search and reload threads can
    share it."""
    return fugashi.Tagger()


class ReadingLexicon:
    """Folded reading → the corpus words (katakana words, kanji nouns) read that way."""

    def __init__(
        self, texts: Iterable[str], tagger: fugashi.Tagger | None = None,
        everyday: Callable[[], Iterable[str]] = tuple,
    ) -> None:
        """``everyday``: the language's commonest words, most common first (read once, at the first everyday slip)."""
        self._tagger = tagger or shared_tagger()
        self._everyday_words = everyday
        self._tagged = functools.lru_cache(maxsize=TAGGED_KEPT)(self._tag)  # a question's words, tagged once
        self._features: dict[str, Any] = {}  # a node's raw feature string -> its features (see _tag)
        # a run's readings along MeCab's 20 best paths, read once (bounded): questions repeat their words (声明, 署名)
        self._span_readings = functools.lru_cache(maxsize=SLIP_SPANS_KEPT)(self._readings_of)
        self._everyday: dict[str, list[str]] | None = None  # reading -> the everyday words read so (everyday_slip)
        self._everyday_rank: dict[str, int] = {}  # everyday word -> its place, the commonest first
        self._everyday_slip = functools.lru_cache(maxsize=SLIP_SPANS_KEPT)(self.everyday_slip)
        words: dict[str, set[str]] = defaultdict(set)
        # words of two characters or more read in two kana (記事: キジ, データ): by their reading as written, for a
        # short word only meets one spelt as it is (でーた; でた, a verb, is no データ)
        short: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)  # people's names in kanji, however short their reading (アベ)
        for text in texts:
            for match in _KATAKANA_RUN.finditer(text):
                for word in re.split(r"[・＝゠]", match.group()):
                    key = fold_reading(word)
                    if len(key) >= MIN_READING:
                        words[key].add(word)
                    elif len(key) == SHORT_READING:
                        short[word].add(word)
            tagged = self._tagger(text)
            for surface, reading, kana in self._kanji_words(tagged, SHORT_READING):
                if len(reading) >= MIN_READING:
                    words[reading].add(surface)
                elif len(surface) > 1:
                    short[kana].add(surface)
            for node in tagged:
                if node.feature.pos3 == PERSON_TAG and _KANJI_RUN.fullmatch(node.surface) and node.feature.kana:
                    names[fold_reading(node.feature.kana)].add(node.surface)
            for match in _SPELLED.finditer(text):
                if match.group(1) or len(match.group(2)) > 1:  # one capital alone reads as too much
                    key = fold_reading(match.group(1) + "".join(LETTER_READINGS[c] for c in match.group(2)))
                    words[key].add(match.group())
        self._words = {k: frozenset(v) for k, v in words.items()}
        self._short = {k: frozenset(v) for k, v in short.items()}
        self._katakana = sorted({k for k, v in self._words.items()  # the readings of the corpus's katakana words
                                 if len(k) >= NEAR_READING and any(_KATAKANA_RUN.fullmatch(w) for w in v)})
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._name_list = sorted({name for found in names.values() for name in found if len(name) >= 2})
        self._longest = max(map(len, self._words), default=0)

    def _tag(self, text: str) -> tuple[Tagged, ...]:
        return tuple(Tagged(word.surface, self._feature(word)) for word in self._tagger(text))

    def _feature(self, node: Any) -> Any:
        """``node.feature``, made once per dictionary entry (bounded): fugashi splits a node's raw feature string
        into a named tuple anew for every node it reads (half the time of tagging a question), and the same few
        thousand entries come back in every question; the same string makes an equal tuple."""
        raw = node.feature_raw
        feature = self._features.get(raw)
        if feature is None:
            if len(self._features) >= FEATURES_KEPT:
                self._features = {}  # a fresh dict, not clear(): another thread may be reading the old one
            feature = self._features[raw] = node.feature
        return feature

    @staticmethod
    def _kanji_words(tagged: Iterable[Tagged | fugashi.UnidicNode],
                     shortest: int = MIN_READING) -> Iterable[tuple[str, str, str]]:
        """(surface, folded reading, reading) of the nouns with kanji among a text's ``tagged`` words, read in
        ``shortest`` kana or more."""
        for word in tagged:
            surface = word.surface
            if not _KANJI_RUN.search(surface) or word.feature.pos1 != "名詞":
                continue
            kana = word.feature.kana
            if kana:
                key = fold_reading(kana)
                if len(key) >= shortest:
                    yield surface, key, kana

    def words(self, text: str) -> list[Word]:
        """The words of ``text`` with their offsets, as the analyzer cuts them (a bounded prefix of ``text``).

        A prefix or a suffix is part of its word (副大臣, 具体的, 経済産業省), as members read them.
        """
        found: list[Word] = []
        at = 0
        prefix: Word | None = None
        for word in self._tagged(text[:MAX_WORDS_TEXT]):
            start = text.find(word.surface, at)
            if start < 0:
                continue
            at = start + len(word.surface)
            proper = (word.feature.pos3 or "") if word.feature.pos2 == "固有名詞" else ""
            found_word = Word(start, at, word.surface, word.feature.orthBase or word.surface, proper)
            pos = word.feature.pos1
            if prefix is not None and prefix.end == start:  # 副 + 大臣 → 副大臣
                found_word = _joined(prefix, found_word, found_word.base)
            elif prefix is not None:
                found.append(prefix)
            prefix = None
            if pos == "接頭辞":
                prefix = found_word
            elif found and found[-1].end == start and (
                (pos == "接尾辞" and _KANJI_RUN.search(found[-1].surface))
                or ("助数詞" in (word.feature.pos3 or "") and found[-1].surface[-1:].isdigit())  # 2019 + 年
            ):
                found[-1] = _joined(found[-1], found_word, found[-1].base)  # 具体 + 的 → 具体的
            else:
                found.append(found_word)
        if prefix is not None:
            found.append(prefix)
        return found

    def person_names(self, text: str) -> list[str]:
        """The people's names in ``text`` as the dictionary tags them (武藤容治, 赤星康, グザヴィエ・ニエル): runs of
        person-name words with a family name among them, of two or more, or a given name before the dot of a
        foreign name (a given name alone, ヴィヴァ of ヴィヴァテック, is none)."""
        found: list[str] = []
        run: list[str] = []
        family = False
        for word in [*self._tagged(text[:MAX_WORDS_TEXT]), None]:
            if word is not None and word.feature.pos2 == "固有名詞" and word.feature.pos3 == PERSON_TAG:
                run.append(word.surface)
                family = family or word.feature.pos4 == "姓"
                continue
            dotted = word is not None and word.surface in ("・", "＝")
            if run and (family or len(run) > 1 or dotted):
                found.append("".join(run))
            run, family = [], False
        return found

    def boundaries(self, text: str) -> frozenset[int]:
        """Where the words of ``text`` start and end, as ``words`` cuts them (子ども is one word: no ども in it)."""
        return frozenset(at for word in self.words(text) for at in (word.start, word.end))

    def __len__(self) -> int:
        return len(self._words)

    def matches(self, question: str, known: Iterable[str] = ()) -> list[str]:
        """Corpus words read in ``question``'s hiragana runs, and in its kanji words not in ``known``."""
        found: list[str] = []
        for run in _HIRAGANA_RUN.finditer(_SPACED_HIRAGANA.sub("", question)):
            found.extend(self._contained(fold_reading(to_katakana(run.group()[:MAX_RUN]))))
        known = set(known)
        for surface, reading, _ in self._kanji_words(self._tagged(question[: MAX_RUN * 10])):
            if surface not in known:
                found.extend(w for w in self._words.get(reading, ()) if w != surface)
        return list(dict.fromkeys(found))

    def short_words(self, question: str) -> list[tuple[str, str]]:
        """(hiragana as typed, corpus word) for the short words of ``question``'s hiragana that read as a corpus
        word of two kana (きじ → 記事, ぱり → パリ) standing alone: a whole run between spaces, kanji or marks, or
        one between particles (きじのたいとる). Whether the typed word is the language's own (ある, もし) is the
        caller's to tell."""
        found: list[tuple[str, str]] = []
        for run in _KANA_WORDS.finditer(question[: MAX_RUN * 10]):
            for match in _SHORT_WORD.finditer(run.group()):
                typed = match.group(1)
                found += [(typed, word) for word in sorted(self._short.get(to_katakana(typed), ()))]
        return found

    def slips(self, question: str, unknown: Callable[[str], bool]) -> list[tuple[str, str]]:
        """(kanji as typed, corpus word) for the runs of kanji the corpus lacks (``unknown``) that read as a corpus
        word sharing a character with them: an IME converted the right reading to the wrong kanji (共同性明 → 声明,
        署命 → 署名, 東今日 → 東京). A reading alone would take any homophone; the shared character makes it a slip."""
        found: list[tuple[str, str]] = []
        for run in _KANJI_RUN.finditer(question[: MAX_RUN * 10]):
            text = run.group()
            for start in range(len(text)):
                for end in range(start + 2, min(len(text), start + SLIP_SPAN) + 1):
                    span = text[start:end]
                    if not unknown(span):
                        continue
                    found.extend((span, word) for reading in self._span_readings(span)
                                 for word in sorted(self._words.get(reading, ()))
                                 if word != span and not set(word).isdisjoint(span) and _KANJI_RUN.fullmatch(word))
        return list(dict.fromkeys(found))

    def without_everyday_slips(self, question: str, unknown: Callable[[str], bool]) -> str:
        """``question`` with its IME slips into everyday words written as those words (何陽日でしたか → 何曜日,
        役食 → 役職): runs of kanji the corpus lacks (``unknown``) that no corpus word reads as (``slips`` reads those),
        that cut no word of the question and are no proper noun; of overlapping spans, the commonest word's. Bounded
        as ``slips``."""
        if not _KANJI_RUN.search(question):
            return question
        words = self.words(question)
        proper = [(w.start, w.end) for w in words if w.proper]
        inside = {at for w in words if w.end - w.start > 1 for at in range(w.start + 1, w.end)}  # 系機 cuts 機関
        # a slip is read as nouns (役 + 食); a verb, a pronoun or a counter is a word typed as meant (何社出て, 今何)
        other = {at for start, end, feature in self._spans(question) if feature.pos1 != "名詞"
                 or feature.pos2 == "数詞" or feature.pos3 == "助数詞" for at in range(start, end)}
        found: list[tuple[int, int, int, str]] = []
        for run in _KANJI_RUN.finditer(question[: MAX_RUN * 10]):
            text = run.group()
            for start in range(len(text)):
                for end in range(start + 2, min(len(text), start + SLIP_SPAN) + 1):
                    at, to = run.start() + start, run.start() + end
                    span = text[start:end]
                    if at in inside or to in inside or not other.isdisjoint(range(at, to)) \
                            or any(s < to and at < e for s, e in proper):
                        continue
                    if not unknown(span) or self._corpus_slip(span):
                        continue
                    word = self._everyday_slip(span)
                    if word is not None:
                        found.append((self._everyday_rank[word], at, to, word))
        chosen: list[tuple[int, int, str]] = []
        for _, at, to, word in sorted(found):
            if all(to <= s or e <= at for s, e, _ in chosen):
                chosen.append((at, to, word))
        for at, to, word in sorted(chosen, reverse=True):
            question = question[:at] + word + question[to:]
        return question

    def without_name_slips(self, question: str, unknown: Callable[[str], bool]) -> str:
        """``question`` with a corpus person's kanji name typed in other kanji written as the corpus writes it
        (武東容治 → 武藤容治): a run of kanji the corpus lacks (``unknown``), as long as one of the corpus's names, with
        one of its kanji in place and one of the analyzer's best readings in common (ブトウ, タケトウ). An IME offers
        a name's homophones; a member who knows the name by ear picks one. Bounded as ``slips``."""
        if not self._name_list or not _KANJI_RUN.search(question):
            return question
        chosen: list[tuple[int, int, str]] = []
        for run in _KANJI_RUN.finditer(question[: MAX_RUN * 10]):
            text = run.group()
            for start in range(len(text)):
                for end in range(start + 2, min(len(text), start + SLIP_SPAN) + 1):
                    at, to = run.start() + start, run.start() + end
                    if any(s < to and at < e for s, e, _ in chosen) or not unknown(text[start:end]):
                        continue
                    name = self._name_slip(text[start:end])
                    if name is not None:
                        chosen.append((at, to, name))
        for at, to, name in sorted(chosen, reverse=True):
            question = question[:at] + name + question[to:]
        return question

    def _name_slip(self, kanji: str) -> str | None:
        """The corpus's name ``kanji`` was typed for (see ``without_name_slips``), None when none or several."""
        readings = self._span_readings(kanji)
        found = [name for name in self._name_list if len(name) == len(kanji) and name != kanji
                 and any(a == b for a, b in zip(name, kanji, strict=True))
                 and not readings.isdisjoint(self._span_readings(name))]
        return found[0] if len(found) == 1 else None

    def _spans(self, text: str) -> Iterable[tuple[int, int, Any]]:
        """(start, end, features) of each word of ``text`` as the tagger cuts it (a bounded prefix)."""
        at = 0
        for word in self._tagged(text[:MAX_WORDS_TEXT]):
            start = text.find(word.surface, at)
            if start >= 0:
                at = start + len(word.surface)
                yield start, at, word.feature

    def _corpus_slip(self, kanji: str) -> bool:
        """Some corpus word reads as ``kanji`` and shares a kanji with it (what ``slips`` finds)."""
        return any(word != kanji and not set(word).isdisjoint(kanji) and _KANJI_RUN.fullmatch(word)
                   for reading in self._span_readings(kanji) for word in self._words.get(reading, ()))

    def everyday_slip(self, kanji: str) -> str | None:
        """The everyday word an IME slip ``kanji`` was typed for (陽日 for 曜日, 役食 for 役職, 名象 for 名称): one of
        the language's commonest words as long as ``kanji``, read as one of its readings and keeping one of its kanji
        in place (an IME converts a reading to the wrong kanji, not to another word); the commonest such word. The
        everyday words are read once, at the first call (~12,000 words of kanji)."""
        if self._everyday is None:
            self._everyday, self._everyday_rank = self._everyday_readings()
        if len(self._tagged(kanji)) < 2:
            return None  # a word of the dictionary, however rare: no slip
        found = [word for reading in self._span_readings(kanji) for word in self._everyday.get(reading, ())
                 if len(word) == len(kanji) and word != kanji and any(a == b for a, b in zip(word, kanji, strict=True))]
        return min(found, key=self._everyday_rank.__getitem__) if found else None

    def _everyday_readings(self) -> tuple[dict[str, list[str]], dict[str, int]]:
        """Folded reading -> the everyday words of kanji read so (the commonest first), and each word's rank: the
        words the dictionary has as one word (the frequency list also holds pieces of text), tagged in one call."""
        words = list(dict.fromkeys(w for w in self._everyday_words()
                                   if 2 <= len(w) <= SLIP_SPAN and _KANJI_RUN.fullmatch(w)))
        by_reading: dict[str, list[str]] = defaultdict(list)
        pending = iter(words)
        word, surfaces, kana = next(pending, None), [], ""
        # the tagger's text output (surface, pronunciation, reading, …): its node objects took ~0.5 ms a word
        for line in self._tagger.parse("\n".join(words)).split("\n"):
            fields = line.split("\t")
            if word is None or len(fields) < 3:
                continue
            surfaces.append(fields[0])
            kana = fields[2]
            joined = "".join(surfaces)
            if joined == word and len(surfaces) == 1 and kana != word:
                by_reading[fold_reading(kana)].append(word)
            if len(joined) >= len(word):  # the word's nodes are read (one: a word of the dictionary)
                word, surfaces = next(pending, None), []
        return dict(by_reading), {w: n for n, w in enumerate(words)}

    def _readings_of(self, kanji: str) -> frozenset[str]:
        """The folded readings of a run of kanji along the analyzer's best paths through it (東今日: トウキョウ)."""
        return frozenset(fold_reading("".join(self._feature(node).kana or "" for node in path))
                         for path in self._tagger.nbestToNodeList(kanji, SLIP_READINGS))

    def name_read_as(self, kanji: str) -> list[str]:
        """The corpus's people's names and words read as the kanji name ``kanji`` (安部, 阿部: the corpus's 安倍; 世耕:
        none): an IME offers a name's homophones, and a member picks one."""
        reading = fold_reading("".join(word.feature.kana or "" for word in self._tagged(kanji[:MAX_RUN])))
        return sorted(self._names.get(reading, frozenset()) | self._words.get(reading, frozenset()))

    def writes(self, katakana: str) -> bool:
        """The corpus writes ``katakana`` as a word of its own (イベント; not the テック of フレンチテック)."""
        return katakana in self._words.get(fold_reading(katakana), ())

    def spelt_as(self, katakana: str) -> list[str]:
        """The corpus words a katakana word reads as, when the corpus writes them otherwise (ムトウ → 武藤)."""
        return sorted(w for w in self._words.get(fold_reading(katakana), ()) if w != katakana)

    def spelt_near(self, katakana: str) -> list[str]:
        """The corpus's katakana words one kana from ``katakana`` (left out, added or another: スニプス for スニップス,
        マフジュビ for マジュビ), folded, at least NEAR_READING kana long: a foreign name is transcribed by ear. The
        caller asks it for a word the language does not know, which reads as no corpus word exactly."""
        folded = fold_reading(katakana)
        if len(folded) < NEAR_READING:
            return []
        return sorted(w for reading in self._katakana if abs(len(reading) - len(folded)) <= 1
                      and reading != folded and OSA.distance(reading, folded, score_cutoff=1) <= 1
                      for w in self._words[reading] if _KATAKANA_RUN.fullmatch(w))

    def _contained(self, reading: str) -> list[str]:
        """Corpus words whose reading occurs in ``reading``, longest first, not overlapping."""
        found: list[str] = []
        i = 0
        while i < len(reading):
            for length in range(min(self._longest, len(reading) - i), MIN_READING - 1, -1):
                words = self._words.get(reading[i : i + length])
                if words:
                    found.extend(sorted(words))
                    i += length
                    break
            else:
                i += 1
        return found
