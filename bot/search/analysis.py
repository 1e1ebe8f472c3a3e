"""Text analysis for French, English and Japanese: the tokens BM25 indexes and queries.

Pipeline (the same on both sides, passages and questions):

1. per-character normalisation: NFKC, case folding, accent folding (é→e, œ→oe), typographic apostrophes
   and hyphens unified; a map back to the original offsets is kept for snippet highlighting;
2. Latin words (letters/digits joined by ``'`` or ``-``): French elisions dropped (l', qu', jusqu'…), English
   clitics dropped ('s, n't…); hyphenated forms give the joined form and the parts ("j-startup" → jstartup, j,
   startup); ordinals lose their suffix (13th, 1er → 13, 1); stop words dropped; Snowball stemming (fr/en);
   tokens with digits are kept as they are ("2018", "5g", "g20");
3. CJK runs: split by script; kanji and katakana segments become character bigrams (the unigram for a
   one-character segment), hiragana segments (particles, inflections) are dropped; "・" inside katakana is
   ignored so "フレンチ・テック" equals "フレンチテック". Latin words inside Japanese text use English rules.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

import Stemmer

from bot.search.alternation import trie_pattern
from bot.search.prefilter import Screened, Screens
from bot.search.romaji import kana_words, shipped_syllabary
from bot.search.wordlists import WordList, stop_words, word_set

# Bump when the tokens of a text change: persistent index caches (bot.search.cache) are keyed by it.
ANALYZER_VERSION = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STEMMER_NAMES: dict[str, str] = {"fr": "french", "en": "english", "ja": "english"}
STEMMER_CACHE = 0  # words PyStemmer remembers itself: none, the memos in front of it remember more (_stemmer)

# Evidence for detect_language: function words found in one language only, and French diacritics.
_FR_MARKERS: frozenset[str] = _words(
    "le la les des du une est sont qui que quel quelle quels quelles quand pourquoi comment combien et pour dans "
    "avec sur par ete au aux ce cette ces leur pas ne entre ont etait signe signee quoi koi je tu vous nous moi toi "
    "tout"
)
_EN_MARKERS: frozenset[str] = _words(
    "the of and is was were who what when where which why how did does do in to for with by are has have it "
    "this that about between from signed can could my your you whats tell"
)
_FR_DIACRITICS = frozenset("éèêëàâçîïôûùüœ")
# Japanese typed in romaji ("muto san tte dare"): its particles, endings and question words, in kana. The markers
# tell the language (no French or English word is spelt so); the short particles read as Japanese only in a
# message that has no kana or kanji at all (a French title quoted in a Japanese question keeps its "de").
_ROMAJI_MARKERS: dict[str, str] = {
    "tte": "って", "desu": "です", "desuka": "ですか", "deshita": "でした", "masu": "ます", "mashita": "ました",
    "shita": "した", "janai": "じゃない", "kudasai": "ください", "dare": "誰", "nani": "何", "doko": "どこ",
    "itsu": "いつ", "naze": "なぜ", "nande": "なんで", "dou": "どう", "ikura": "いくら", "wa": "は", "wo": "を",
    "ga": "が", "san": "さん", "kun": "くん", "kara": "から", "nannichi": "何日", "nan-nichi": "何日",
    # a count asked in romaji tells the language, not what is counted (toushika is no 投資家 to count: as 何社 it
    # would ask a count of nothing named, which no quote gives)
    "nansha": "なんしゃ", "nanisha": "なんしゃ", "nannin": "なんにん", "nannen": "何年", "nangatsu": "何月",
    "dakke": "だっけ", "gurai": "ぐらい", "kurai": "くらい", "sareta": "された", "saremashita": "されました",
    "datta": "だった", "dattakke": "だったっけ", "deshou": "でしょう", "soretomo": "それとも",
    # "seimei ni tsuite nante itta?" (what did they say about the statement?), "pari no nanku ni aru no?" (which ward)
    "tsuite": "ついて", "nante": "なんて", "itta": "言った", "iimashita": "言いました", "nanku": "何区",
}
_ROMAJI_WORDS: dict[str, str] = _ROMAJI_MARKERS | {
    "no": "の", "ka": "か", "ni": "に", "de": "で", "to": "と", "mo": "も", "ne": "ね", "yo": "よ", "o": "を",
}
MIN_ROMAJI_MARKERS = 2  # "station f tte nani": one marker alone may be a name ("San Sebastián")

_CJK = "\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006"
_TOKEN_RE = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W_])+(?:['\-](?:(?![{_CJK}])[^\W_])+)*)")
# On lower-cased ASCII text _TOKEN_RE reduces to the first pattern (no CJK, no other letters), without groups;
# on normalised text without CJK characters, to the second (its lookaheads always hold), also without groups.
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_LATIN_WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_ORDINAL_RE = re.compile(r"^(\d+)(?:st|nd|rd|th|er|re|e|eme|ème)$")
_HAS_DIGIT_RE = re.compile(r"\d")
_FR_FEMININE_PARTICIPLE_RE = re.compile(r"ees?$")

_APOSTROPHES = "’‘ʼ＇´"
_HYPHENS = "‐‑‒"  # hyphen, non-breaking hyphen, figure dash (not en/em dashes: those separate)
_LIGATURES = {"œ": "oe", "æ": "ae", "ĳ": "ij"}
_KANA_MARKS = frozenset("\u3099\u309a")
NORMALIZED_KEPT = 256  # non-ASCII texts kept normalised (normalize)


def _script(ch: str) -> str:
    """Script class of a CJK character: "h" hiragana, "k" katakana, "c" kanji, "-" the katakana middle dot."""
    code = ord(ch)
    if ch == "・":
        return "-"
    if 0x3041 <= code <= 0x309F:
        return "h"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "k"
    return "c"


@lru_cache(maxsize=8192)
def _normalize_char(ch: str) -> str:
    """NFKC + case folding + accent folding of one character (may give 0..n characters)."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if c in _KANA_MARKS:
            out.append(c)
            continue
        if c in _LIGATURES:
            out.append(_LIGATURES[c])
            continue
        if ord(c) < 0x2000:  # Latin/Greek/Cyrillic: drop combining accents
            c = "".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        out.append(c)
    return "".join(out)


def _one_for_one(ch: str) -> bool:
    """``ch`` normalises to exactly one character, no kana mark (which joins the character before it)."""
    out = _normalize_char(ch)
    return len(out) == 1 and out not in _KANA_MARKS


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUNS_RE = re.compile(r"([^\x00-\x7f]+)")
_ASCII_BYTES = bytes(range(128))


def _each_one_for_one(text: str) -> bool:
    """Every character of ``text`` is ``_one_for_one`` (an ASCII one always is: only the others are read, picked out of
    the UTF-8 bytes at C speed, not a set of every character of a passage)."""
    odd = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return all(map(_one_for_one, set(odd)))


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map every output character to the index of its source character.

    ASCII is only lower-cased (one character each way), so ASCII runs go at C speed; the other characters
    are normalised one by one.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    if _each_one_for_one(text):  # kana, kanji, most accents: each output character is its source's
        return normalize(text), list(range(len(text)))  # (a Japanese snippet: no Python step per character)
    chars: list[str] = []
    origin: list[int] = []
    at = 0
    for match in _NON_ASCII_RE.finditer(text):
        i = match.start()
        if i > at:
            chars.extend(text[at:i].lower())
            origin.extend(range(at, i))
        at = i + 1
        for c in _normalize_char(match.group()):
            if c in _KANA_MARKS:
                if chars and _script(chars[-1]) in "hk":
                    composed = unicodedata.normalize("NFC", chars[-1] + c)
                    if len(composed) == 1:
                        chars[-1] = composed
                continue  # a stray mark is dropped
            chars.append(c)
            origin.append(i)
    if at < len(text):
        chars.extend(text[at:].lower())
        origin.extend(range(at, len(text)))
    return "".join(chars), origin


def normalize(text: str) -> str:
    """The normalised form of ``text`` (what tokens are cut from): ``normalize_with_map(text)[0]`` without a Python
    step per character (no offset map): ASCII stretches are lower-cased at C speed, only the non-ASCII runs between
    them go character by character, and the last non-ASCII texts are kept (one question's text is normalised by
    its tokens, its joins, its related words and descriptions, its language)."""
    if text.isascii():
        return text.lower()
    return _normalized(text)


@lru_cache(maxsize=NORMALIZED_KEPT)
def _normalized(text: str) -> str:
    """``normalize`` of a text that is not ASCII."""
    out = _replaced(text)
    if out is None:
        parts = _NON_ASCII_RUNS_RE.split(text)  # ASCII, non-ASCII, ASCII, …
        for i in range(0, len(parts), 2):
            parts[i] = parts[i].lower()
        for i in range(1, len(parts), 2):
            parts[i] = "".join(map(_normalize_char, parts[i]))
        out = "".join(parts)
    if any(mark in out for mark in _KANA_MARKS):  # composed with the previous character: the mapped path
        return normalize_with_map(text)[0]
    return out


def _replaced(text: str) -> str | None:
    """``text`` with each of its distinct non-ASCII characters replaced by its normal form, then lower-cased whole:
    a text's few Greek letters, dashes or signs without a pattern splitting it (twice its speed on SciFact's abstracts).
    None when that would not be each character's normal form: a form holding a character that another is replaced
    by, or one that lower-casing changes (Σ is lower-cased by what follows it)."""
    odd = set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    forms = {c: _normalize_char(c) for c in odd}
    if any(form.lower() != form or (odd.intersection(form) and form != c) for c, form in forms.items()):
        return None
    for c, form in forms.items():
        text = text.replace(c, form)
    return text.lower()


@lru_cache(maxsize=16)
def _stemmer(language: str, thread: int) -> Stemmer.Stemmer:
    """PyStemmer's Snowball stemmer (C), called directly: snowballstemmer would fall back to its pure-Python
    stemmers (9x slower, same stems) whenever PyStemmer is missing. One per thread: PyStemmer's objects are
    not thread-safe (a reload indexes while questions are answered). Without PyStemmer's own cache (STEMMER_CACHE):
    the memos in front of it (``stem``, ``_stemmed_word``, ``_RunTokens``: 65,536 words each) ask it a word once
    while they remember it, so its cache (10,000-20,000 words) only added a Python list per word for the garbage
    collector to walk, and made stemming a new word three times slower (the same stems)."""
    return Stemmer.Stemmer(_STEMMER_NAMES.get(language, "english"), STEMMER_CACHE)


def stemmer_version() -> str:
    """PyStemmer's release, whose Snowball algorithms make the stems (index caches are keyed by it)."""
    return str(Stemmer.version())


@lru_cache(maxsize=65536)
def stem(token: str, language: str) -> str:
    """Snowball stem of a normalised Latin token; tokens with digits or CJK are returned unchanged."""
    if not token or _HAS_DIGIT_RE.search(token) or not token.isascii():
        return token
    if language == "fr" and len(token) > 4:
        token = _FR_FEMININE_PARTICIPLE_RE.sub("e", token)  # signée/signées → signé (accents are folded first)
    return _stemmer(language, threading.get_ident()).stemWord(token)


def _latin_tokens(word: str, start: int, language: str) -> Iterator[tuple[str, int, int]]:
    """Unstemmed tokens of one normalised Latin word starting at offset ``start``."""
    stops = _latin_stop_words(language)
    if "'" in word:
        parts = word.split("'")
        offset = start
        elisions, clitics = _elisions(), _clitics()
        while len(parts) > 1 and parts[0] in elisions:
            offset += len(parts[0]) + 1
            parts.pop(0)
        while len(parts) > 1 and parts[-1] in clitics:
            parts.pop()
        start, word = offset, "".join(parts)
    pieces = word.split("-")
    inverted = _inverted_pronouns()
    while len(pieces) > 1 and pieces[-1] in inverted:  # a-t-elle, était-il, est-ce, vont-ils
        pieces.pop()
    if pieces[-1] == "t" and len(pieces) > 1:
        pieces.pop()
    word = "-".join(pieces)
    if len(pieces) > 1:
        joined = "".join(pieces)
        if not all(p in stops for p in pieces):
            yield _ordinal(joined), start, start + len(word)
        pos = start
        for piece in pieces:
            if piece and (piece not in stops or len(piece) == 1):  # the "j" of j-startup is no elision
                yield _ordinal(piece), pos, pos + len(piece)
            pos += len(piece) + 1
    elif word not in stops:
        yield _ordinal(word), start, start + len(word)


def _latin_stop_words(language: str) -> frozenset[str]:
    """The stop words of a Latin word: French's in a French text, English's in any other (Japanese text's too)."""
    return stop_words("fr" if language == "fr" else "en")


def _elisions() -> frozenset[str]:
    """French elisions (l', jusqu'), dropped in a text of any language."""
    return word_set("fr", WordList.ELISIONS)


def _inverted_pronouns() -> frozenset[str]:
    """French pronouns after a hyphen in a question (a-t-elle, vont-ils), dropped in a text of any language."""
    return word_set("fr", WordList.INVERTED_PRONOUNS)


def _clitics() -> frozenset[str]:
    """English clitics (Japan's, don't), dropped in a text of any language."""
    return word_set("en", WordList.CLITICS)


def _ordinal(token: str) -> str:
    match = _ORDINAL_RE.match(token)
    return match.group(1) if match else token


def _cjk_tokens(run: str, start: int) -> Iterator[tuple[str, int, int]]:
    """Bigrams (or the unigram of a one-character segment) of kanji and katakana segments of a CJK run."""
    segment: list[tuple[str, int]] = []
    kind = ""
    stops = stop_words("ja")
    for i, ch in enumerate([*run, " "]):
        script = _script(ch) if ch != " " else " "
        if script == "-" and kind == "k":
            continue  # フレンチ・テック == フレンチテック
        if script != kind:
            if kind in ("c", "k") and segment:
                if len(segment) == 1:
                    c, pos = segment[0]
                    if c not in stops and c != "ー":
                        yield c, start + pos, start + pos + 1
                for (a, pa), (b, pb) in itertools.pairwise(segment):
                    if a + b not in stops:
                        yield a + b, start + pa, start + pb + 1
            segment, kind = [], script
        if script in ("c", "k"):
            segment.append((ch, i))


def base_tokens(text: str, language: str) -> list[tuple[str, int, int]]:
    """Unstemmed tokens with their (start, end) offsets in the ORIGINAL ``text``."""
    return _spans(text, language, _latin_word)


def _spans(
    text: str, language: str, word_tokens: Callable[[str, str], tuple[tuple[str, int, int], ...]]
) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their offsets in it: CJK bigrams, and ``word_tokens`` of each Latin word."""
    out: list[tuple[str, int, int]] = []
    latin_language = "en" if language == "ja" else language
    if text.isascii():  # offsets unchanged by lower(): no map, and the group-free pattern
        for match in _ASCII_WORD_RE.finditer(text.lower()):
            at = match.start()
            for token, s, e in word_tokens(match.group(), latin_language):
                out.append((token, at + s, at + e))
        return out
    norm, origin = normalize_with_map(text)
    if not _CJK_CHAR_RE.search(norm):
        for match in _LATIN_WORD_RE.finditer(norm):
            at = match.start()
            for token, s, e in word_tokens(match.group(), latin_language):
                out.append((token, origin[at + s], origin[at + e - 1] + 1))
        return out
    for match in _TOKEN_RE.finditer(norm):
        if match.group("cjk"):
            for token, s, e in _cjk_tokens(match.group(), match.start()):
                out.append((token, origin[s], origin[e - 1] + 1))
        else:
            at = match.start()
            for token, s, e in word_tokens(match.group(), latin_language):
                out.append((token, origin[at + s], origin[at + e - 1] + 1))
    return out


def _tokens(text: str, language: str, word_tokens: Callable[[str, str], tuple[tuple[str, int, int], ...]]) -> list[str]:
    """The tokens of ``_spans(text, language, word_tokens)`` without their offsets: no offset map is made (a
    non-ASCII text is normalised at C speed between its non-ASCII runs, not character by character)."""
    latin_language = "en" if language == "ja" else language
    if text.isascii():
        return [t for word in _ASCII_WORD_RE.findall(text.lower()) for t, _, _ in word_tokens(word, latin_language)]
    norm = normalize(text)
    if not _CJK_CHAR_RE.search(norm):
        return [t for word in _LATIN_WORD_RE.findall(norm) for t, _, _ in word_tokens(word, latin_language)]
    out: list[str] = []
    for match in _TOKEN_RE.finditer(norm):
        run = match.group("cjk")
        words = _cjk_tokens(run, 0) if run else word_tokens(match.group(), latin_language)
        out.extend(t for t, _, _ in words)
    return out


@lru_cache(maxsize=65536)
def _latin_word(word: str, language: str) -> tuple[tuple[str, int, int], ...]:
    """``_latin_tokens`` of a word at offset 0, remembered: passages and snippets repeat their words."""
    return tuple(_latin_tokens(word, 0, language))


@lru_cache(maxsize=65536)
def _stemmed_word(word: str, language: str) -> tuple[tuple[str, int, int], ...]:
    """``_latin_word`` with its tokens stemmed, remembered too (a snippet's words, analysed once). An ASCII word of
    letters alone is a run of its own (``_RunTokens``: no token, or its stem): when the runs' memo holds it (the
    sentences of a passage prepared for quoting, whose quote is analysed next), it is not analysed again."""
    runs = _RUN_TOKENS.get(language) if word.isalpha() and word.isascii() else None
    tokens = runs.get(word) if runs is not None else None
    if tokens is not None:
        return tuple((token, 0, len(word)) for token in tokens)
    return tuple((stem(token, language), s, e) for token, s, e in _latin_word(word, language))


def analyze_spans(text: str, language: str) -> list[tuple[str, int, int]]:
    """Index tokens of ``text`` with their spans in the original text (CJK tokens are never stemmed)."""
    return _spans(text, language, _stemmed_word)


# Lower-cased ASCII text: every character no word holds becomes a space, so str.split cuts the text into runs of
# [a-z0-9'-]; a run holds the _ASCII_WORD_RE words it is made of, in order ("covid-19", "--x", "d'un'" …).
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'-")
# The same cut on UTF-8 bytes, in one C pass (bytes.translate, then bytes.split: 3-4x str.translate's speed on
# ASCII, 4x the word pattern's on other Latin text): upper-case ASCII letters are lower-cased, every other ASCII
# character no word holds becomes a space, the bytes of non-ASCII characters are kept (they stay inside a run).
ASCII_RUN_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if c >= 128 or chr(c) in _ASCII_WORD_CHARS else 32 for c in range(256)
)


def _cut_normalized(norm: str) -> list[str]:
    """Normalised text (``normalize``: no upper-case ASCII letter) cut into runs of word characters: every ASCII
    character no word holds is a space, non-ASCII characters stay inside a run. Cut as UTF-8 bytes (``ASCII_RUN_BYTES``
    keeps every byte of a non-ASCII character): str.translate with a table reads a text that is not ASCII a character
    at a time, 5x slower (a SciFact abstract with one « ± »)."""
    return norm.encode("utf-8", "surrogatepass").translate(ASCII_RUN_BYTES).decode("utf-8", "surrogatepass").split()


RUN_TOKENS_KEPT = 65536  # runs whose tokens are remembered, per language (as the stemmed words)


class _RunTokens(dict):
    """A run of word characters of normalised text (no CJK) -> its stemmed tokens, in one Latin language, made on
    first lookup: the words of the analysis's pattern inside it (non-ASCII characters stay inside a run: the cut is
    at ASCII characters only, as the index's analysis cuts its runs)."""

    __slots__ = ("_language",)

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    def __missing__(self, run: str) -> tuple[str, ...]:
        words = _ASCII_WORD_RE.findall(run) if run.isascii() else _LATIN_WORD_RE.findall(run)
        tokens = tuple(t for word in words for t, _, _ in _stemmed_word(word, self._language))
        if len(self) >= RUN_TOKENS_KEPT:
            self.clear()  # bounded; a lookup in another thread meanwhile makes its run again
        self[run] = tokens
        return tokens

    def add(self, runs: Iterable[str]) -> None:
        """Make the tokens of the ``runs`` not known yet at once: a run of letters alone (most of them) is a stop
        word (no token) or one word, stemmed with the others in one call of the stemmer (the same stems as
        ``stem``, word by word); another ASCII run (digits, hyphens, apostrophes) has its words' tokens
        (``_latin_word``), those of letters alone stemmed in the same call (stem() keeps a token with a digit); a
        run of other letters as a lookup would make it."""
        new = list(dict.fromkeys(itertools.filterfalse(self.__contains__, runs)))  # C speed: most are known
        if not new:
            return
        if len(self) + len(new) >= RUN_TOKENS_KEPT:
            self.clear()  # bounded, as a lookup keeps it
        language = self._language
        stops = _latin_stop_words(language)
        words = []
        spelt = []  # (run, its words' unstemmed tokens): "alpha-thalassemia", "27pg" (a lookup each: 13 µs)
        for run in new:
            if not run.isascii():
                self.__missing__(run)  # other letters: the lookup's analysis
            elif not run.isalpha():
                words_in = _ASCII_WORD_RE.findall(run)
                spelt.append((run, [t for word in words_in for t, _, _ in _latin_word(word, language)]))
            elif run in stops:
                self[run] = ()
            else:
                words.append(run)
        letters = words + [t for _, tokens in spelt for t in tokens if t.isalpha()]
        if language == "fr":  # stem()'s one change before Snowball: signée/signées → signé
            folded = [_FR_FEMININE_PARTICIPLE_RE.sub("e", w) if len(w) > 4 else w for w in letters]
        else:
            folded = letters
        stems = dict(zip(letters, _stemmer(language, threading.get_ident()).stemWords(folded), strict=True))
        for run in words:
            self[run] = (stems[run],)
        for run, tokens in spelt:
            self[run] = tuple(stems.get(t, t) for t in tokens)


_RUN_TOKENS = {language: _RunTokens(language) for language in ("fr", "en")}


def _word_runs(text: str) -> list[str] | None:
    """``text`` normalised and cut into runs of word characters at C speed (see ``_RunTokens``); None for text with
    CJK characters, which the token pattern reads. ASCII text is cut as bytes (``ASCII_RUN_BYTES``: the same runs, at
    twice the speed of str.translate: a candidate passage's sentences are cut here)."""
    if text.isascii():
        return text.encode().translate(ASCII_RUN_BYTES).decode().split()
    norm = normalize(text)
    return None if _CJK_CHAR_RE.search(norm) else _cut_normalized(norm)


def sentences_token_sets(sentences: Sequence[str], language: str) -> list[frozenset[str]]:
    """The distinct tokens of each sentence (``sentence_tokens``'s, as a set: a snippet's passage, read for the
    question's words); the words new to the memo stemmed all at once."""
    runs = _RUN_TOKENS["en" if language == "ja" else language]
    split = [_word_runs(s) for s in sentences]
    runs.add(itertools.chain.from_iterable(words for words in split if words is not None))
    tokens = runs.__getitem__
    return [frozenset(_tokens(s, language, _stemmed_word)) if words is None else frozenset(
        itertools.chain.from_iterable(map(tokens, words))) for s, words in zip(sentences, split, strict=True)]


def _run_edge(ch: str) -> bool:
    """``ch`` ends a run of word characters in normalised text (what ``_word_runs`` cuts at)."""
    return (ch < "\x80" and ch not in _ASCII_WORD_CHARS) or ch.isspace()


def runs_holding(text: str, language: str, token: str) -> list[tuple[int, int]] | None:
    """The (start, end) in ``text`` of each run of word characters (``_word_runs``) whose tokens hold ``token``, in
    order: where a sentence of ``text`` can make it, found without analysing the other words (one passage's few
    runs holding a rare word, against its hundreds of words). None when offsets in the normalised text are not the
    text's own (a character normalising to several, or to none) or when it holds CJK (read by the token pattern)."""
    if text.isascii():
        lowered = text.lower()
        runs = text.encode().translate(ASCII_RUN_BYTES).decode().split()
    else:
        if not _each_one_for_one(text):
            return None
        lowered = normalize(text)
        if len(lowered) != len(text) or _CJK_CHAR_RE.search(lowered):
            return None
        runs = _cut_normalized(lowered)
    tokens = _RUN_TOKENS["en" if language == "ja" else language]
    distinct = set(runs)
    tokens.add(distinct)
    found = []
    for run in distinct:
        if token not in tokens[run]:
            continue
        at = lowered.find(run)
        while at >= 0:
            end = at + len(run)
            if (at == 0 or _run_edge(lowered[at - 1])) and (end == len(lowered) or _run_edge(lowered[end])):
                found.append((at, end))
            at = lowered.find(run, end)
    found.sort()
    return found


def sentence_tokens(text: str, language: str) -> list[str]:
    """The tokens of ``analyze_spans(text, language)`` (and ``analyze``'s) without their spans: text without CJK is cut
    at C speed, the runs of word characters new to the memo are stemmed at once and each run is looked up once (a
    passage read whole for its counts: 1.7x ``analyze``'s speed on a SciFact abstract, 1.5x with its words new)."""
    words = _word_runs(text)
    if words is None:
        return _tokens(text, language, _stemmed_word)
    runs = _RUN_TOKENS["en" if language == "ja" else language]
    runs.add(words)
    return list(itertools.chain.from_iterable(map(runs.__getitem__, words)))


def analyze(text: str, language: str) -> list[str]:
    """The tokens of ``text`` (a passage or a question) written in ``language`` ("fr", "en" or "ja")."""
    return _tokens(text, language, _stemmed_word)  # each token stemmed as stem() does, the word's stems remembered


# The scripts the served languages are written in (French, English: Latin; Japanese: kanji and kana), as the Unicode
# character names begin. A word in another one (مرحبا, привет) is none the corpus or a member's question can use.
SERVED_SCRIPTS = ("LATIN", "CJK", "HIRAGANA", "KATAKANA")


@lru_cache(maxsize=4096)
def _served_letter(ch: str) -> bool:
    return not ch.isalpha() or unicodedata.name(ch, "").startswith(SERVED_SCRIPTS)


def in_served_script(word: str) -> bool:
    """True unless a letter of ``word`` belongs to a script none of the served languages writes."""
    return word.isascii() or all(_served_letter(c) for c in word)


def is_cjk(token: str) -> bool:
    """True for a token cut from a CJK run."""
    return bool(token) and "\u3041" <= token[0] <= "\u9fff"


# "how long / combien de temps / 何日間": a duration, told by the dates it ran between (12 to 14 July), not a count
# (bot.search.kinds); an interrogative like "when", masked as one ("for the day or longer" says nothing of a day).
DURATION = re.compile(
    r"\bhow long\b|\bcombien de (?:temps?|jours|semaines|mois)\b|\bpendant combien\b"  # temp: its s is silent
    r"|\bhow many (?:days|weeks|months)\b"
    # from one day to another
    r"|\bfrom when (?:to|until|till) when\b|\bde quand (?:à|a|jusqu'(?:à|a)) quand\b|\bdu combien au combien\b"
    r"|\bfor the (?:whole )?(?:day|week)\b|\bpour la journée\b|\bou plus longtemps\b|\bor longer\b"
    r"|何日間|何週間|何か月|何ヶ月|どのくらいの期間|どれくらいの期間|どのくらい(?:滞在|いた)"
)
# What a question asks for (who/when/where/how many/why), in the three languages; matched on NFKC + casefold
# text (accents kept: "où" is not "ou"). Not content words: the retriever uses them to match FAQ questions.
# いつ asking when: not inside 思いつく / 追いつく (came up with, caught up), nor いつも (always)
JA_WHEN = r"(?<![思追])いつ(?!も)"
QUESTION_TYPES: dict[str, re.Pattern[str]] = {
    "who": re.compile(
        r"\b(?:who|whom|whose)\b|(?<!ce )(?<!ce-)\bqui\b|誰|だれ|どなた"
        # "which official signed?", « quel ministre a signé ? », どの大臣: a person asked by what they were (only the
        # interrogative is masked: "Japanese official" stays words of the question); not « rattachée à quel ministre »
        r"|(?<!\bto )(?<!\bof )\b(?:which|what)(?= (?:\w+ )?(?:of{1,2}ici?als?|ministers?|politicians?"
        r"|signator(?:y|ies)|representatives?|lawmakers?|legislators?|delegates?|envoys?|executives?)\b)"
        r"|(?<!\bà )(?<!\ba )(?<!\bde )\bquel(?:le)?s?(?= (?:\w+ )?(?:responsables?|ministres?|politiques?|signataires?"
        r"|représentants?|officiels?|élus?|parlementaires?|dirigeants?|délégués?|émissaires?)\b)"
        r"|どの(?=政治家|大臣|閣僚|役人|政府関係者|担当者)"),
    "when": re.compile(
        r"\b(?:since|depuis) (?:when|quand)\b"  # since when: the date it began, "depuis" no word of what it is about
        r"|\b(?:when|quand)\b|\bwhat (?:date|day|year)\b|\bquel(?:le)? (?:jour|date|année)\b|"
        + JA_WHEN + r"|何日|何年|何月"
        r"|" + DURATION.pattern  # "how long", "for the day or longer": the dates it ran between
    ),
    "where": re.compile(
        r"\bwhere\b|(?<!\w)où\b|^\W*ou (?=(?:a|est|se|sont|ont|etait|ete)\b)"  # "ou a ete signee": où, unaccented
        r"|(?<!\w)ou(?=\s*\?)"  # "elle a été signée ou ?": où, unaccented, ending the question
        # "elle est ou exactement", "elle est ou dans paris": où, unaccented, after a verb of being somewhere
        r"|\b(?:est|sont|etait|était|se trouve|se trouvait|se situe) ou(?=\s*(?:exactement\b|dans\b|$))"
        r"|\bc(?:'est| est|est)? ou\b|(?<!\w)ou (?=(?:que|qu'|ça|ca)\b)"  # "c ou que…", "c'est ou ?", "ou ça ?"
        r"|\bquelle ville\b|\bwhich city\b|どこ|どちら|何(?=[区県市町])"),  # 何区: which 区
    "count": re.compile(r"\bhow (?:many|much)\b|\bcombien\b|(?:何社|何人|何件|何か国)(?!目)|いくつ"),
    "why": re.compile(  # "c'était pour quoi ?", "à quoi ça sert ?", "what for?": what it was for
        r"\bwhy\b|\bpour ?quoi\b|\bpour ?koi\b|\bpk\b|\bpq\b"  # « pk », « pq », « pourkoi »: pourquoi in chat
        r"|\b[àa] quoi (?:ça |ca )?ser(?:t|vait|vent)\b|\bwhat for\b|なぜ|なんで(?!も)|どうして|何のため"),
}


# Interrogatives as members type them in chat ("wen", "wher", "ki", "kan", "pk"), read as the word they stand for
# wherever what a question asks for is read (QUESTION_TYPES, bot.search.kinds). Folded, one table for fr and en:
# none of these spellings is a word of the other language. Data: extend freely.
CASUAL_INTERROGATIVES: dict[str, str] = {
    "wat": "what", "wut": "what", "wot": "what", "wen": "when", "whn": "when", "wher": "where", "whr": "where",
    "wich": "which", "whic": "which", "hw": "how", "whos": "who is", "wheres": "where is", "whens": "when is",
    # typed fast: a letter swapped, or its neighbour on the keyboard ("whi": who, i beside o)
    "whi": "who", "hwo": "who", "woh": "who", "whta": "what", "waht": "what", "wht": "what", "wehn": "when",
    "whne": "when", "whre": "where", "hoo": "who", "wats": "what is",  # typed as it sounds
    "koi": "quoi", "kwa": "quoi", "kel": "quel", "kels": "quels", "kele": "quelle", "kelle": "quelle",
    "kelles": "quelles", "ki": "qui", "kan": "quand", "kand": "quand", "pk": "pourquoi", "pq": "pourquoi",
    "pkoi": "pourquoi", "pourkoi": "pourquoi", "cb": "combien", "cmb": "combien", "cmt": "comment",
    "kombien": "combien", "konbien": "combien", "komben": "combien", "konben": "combien",
    "komment": "comment", "koment": "comment", "koman": "comment", "komman": "comment", "howmany": "how many",
}
_CASUAL_FIRST: dict[str, str] = {casual: standard.split()[0] for casual, standard in CASUAL_INTERROGATIVES.items()}
# a whole word: the character before it is no word's (looked at after its first letter, so that the engine scans for
# first letters)
_CASUAL_RE = re.compile("(?:" + trie_pattern(CASUAL_INTERROGATIVES, r"(?<![\w'’-].)") + r")(?![\w'’-])")


def standard_interrogatives(folded: str) -> str:
    """Casefolded ``folded`` with the chat spellings of interrogatives written out ("wen was it" → "when was it")."""
    return _CASUAL_RE.sub(_written_out, folded)


def _written_out(match: re.Match[str]) -> str:
    return CASUAL_INTERROGATIVES[match.group()]


def _standard(folded: str) -> tuple[str, Sequence[int]]:
    """``standard_interrogatives(folded)`` and, per character of it, the offset in ``folded`` it comes from."""
    if not _CASUAL_RE.search(folded):  # most questions: the text itself, each character where it is
        return folded, range(len(folded))
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for match in _CASUAL_RE.finditer(folded):
        out.append(folded[at:match.start()])
        origin.extend(range(at, match.start()))
        word = CASUAL_INTERROGATIVES[match.group()]
        out.append(word)
        origin.extend(min(match.start() + i, match.end() - 1) for i in range(len(word)))
        at = match.end()
    out.append(folded[at:])
    origin.extend(range(at, len(folded)))
    return "".join(out), origin


def _fold_for_questions(text: str) -> str:
    return standard_interrogatives(_folded_question(text))


def _folded_question(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def question_types(text: str) -> frozenset[str]:
    """The interrogatives of ``text`` as types ("who", "when", "where", "count", "why")."""
    folded = _fold_for_questions(text)
    return frozenset(_TYPES.matching(folded))


def mask_interrogatives(text: str) -> str:
    """``text`` with its interrogative phrases ("quel jour", "what date", "何日") blanked out, offsets kept; in a where
    or when question, its verb of happening too (HAPPENED); and "on behalf of", « au nom de » (_ON_BEHALF)."""
    folded = _folded_question(text)
    if len(folded) != len(text):
        return text
    standard, origin = _standard(folded)
    chars = list(text)
    masked = _MASKED.candidates(standard)  # the patterns whose literals the question holds
    located = any(kind in masked and QUESTION_TYPES[kind].search(standard) for kind in ("where", "when"))
    patterns = [pattern for key, pattern in _MASKED.patterns.items() if key in masked]
    for pattern in (*patterns, *(_HAPPENED if located else ()), _ON_BEHALF):
        for match in pattern.finditer(standard):
            if match.end() > match.start():
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                chars[start:end] = " " * (end - start)
    return "".join(chars)


# "where did it happen", "ça s'est passé où", "quand ça se passait" : in a where or when question, a verb of happening
# is part of what is asked (where or when its subject happened), not of what it is about; the sources state a place
# or a date with other verbs ("took place in", "a eu lieu à", "was held at"), which stay words of the question.
HAPPENED = re.compile(
    r"\bhappen(?:ed|s|ing)?\b"
    r"|\bs['’ ]?(?:est|était|etait)(?:-(?:il|elle|on))?\s+(?:pass|déroul|deroul)(?:é|e)e?s?\b"
    r"|\bse (?:passe|passait|passent|déroule|deroule|déroulait|deroulait)\b"
)
_HAPPENED = (Screened(HAPPENED),)
# "signed on behalf of Japan", « au nom de la France »: for whom, as "for Japan" says; not a name (« nom ») nor a word
# the corpus lacks ("behalf") that the quotes must hold: "who signed on behalf of japan?" was refused
_ON_BEHALF = Screened(re.compile(r"\bon behalf of\b|\bin the name of\b|\bau nom (?=(?:du|de|des|d['’])\b)"))


# 何 before a kanji asks what that kanji names ("何話した", "何区"): the kanji stays a word of the question, never
# the bigram 何話 (a word no text has, so the heaviest). 何故, 何時, 何処 are interrogatives whole.
_JA_WHAT = re.compile(r"何(?=[\u3400-\u9fff])(?![故時処])")
_TYPES = Screens(QUESTION_TYPES)  # each searched when the question holds one of its literals
_MASKED = Screens({**QUESTION_TYPES, "何": _JA_WHAT})  # likewise, blanked out
_COUNTED_CJK_RE = re.compile("[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # kanji, katakana: Japanese without kana
# quoted titles; an apostrophe between letters is inside a quote in '…' ('secrétaire d'État chargé du Numérique')
_QUOTED_RE = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|(?<!\w)'(?:[^']|(?<=\w)'(?=\w))+'(?!\w)")
_HIRAGANA_RUN_RE = re.compile(r"[\u3041-\u309f]+")


def detect_language(text: str) -> str | None:
    """The language of a question: the language of its function words, never of a name or a quoted title.

    Japanese function words are hiragana (particles, endings): each run of hiragana counts once; French and
    English ones are marker words, elisions/clitics, French inverted pronouns ("est-il", "a-t-elle") and French
    diacritics. Quoted titles (« … », “…”, 「…」) are
    left out, so "Who signed the « Déclaration conjointe … »?" is English and "C'est qui, 赤星康 ?" French.
    Without function words, kanji or katakana make it Japanese; so do romaji particles ("muto san tte dare").
    None when unclear ("Station F", "J-Startup ?").
    """
    unquoted = _QUOTED_RE.sub(" ", text)
    if unquoted.strip():
        text = unquoted
    norm = normalize(text)
    japanese = len(_HIRAGANA_RUN_RE.findall(norm))
    cjk = len(_COUNTED_CJK_RE.findall(norm))  # counted at C speed, as the diacritics below
    raw = text.casefold()
    fr = sum(map(raw.count, _FR_DIACRITICS))
    en = romaji = 0
    elisions, clitics, inverted = _elisions(), _clitics(), _inverted_pronouns()
    for match in _TOKEN_RE.finditer(norm):
        word = match.group("word")
        if not word:
            continue
        word = _CASUAL_FIRST.get(word, word)  # "c ki": "ki" is French's "qui", "wen" English's "when"
        head = word.split("'")
        if len(head) > 1 and head[0] in elisions:
            fr += 1
        elif len(head) > 1 and head[-1] in clitics:
            en += 1
        elif "-" in word and word.rsplit("-", 1)[-1] in inverted:  # "est-il", "a-t-elle", "peut-on": French asking
            fr += 1
        fr += word in _FR_MARKERS
        en += word in _EN_MARKERS
        romaji += word in _ROMAJI_MARKERS
    if japanese > max(fr, en) or (not fr and not en and cjk >= 2):
        return "ja"
    if not japanese and not cjk and romaji >= MIN_ROMAJI_MARKERS and romaji > max(fr, en):
        return "ja"
    if fr == en:
        return None
    return "fr" if fr > en else "en"


# A Japanese question word typed in hiragana, read as its kanji ("ぱり の なんく に あるの": 何区, whose 区 the
# passages write: 13区). Not the counts (なんしゃ, なんにん): 何社 asks a count of what it names, which a kana
# question may not (see _ROMAJI_MARKERS). Data: extend freely.
KANA_INTERROGATIVES: dict[str, str] = {
    "なんく": "何区", "なにく": "何区", "なんにち": "何日", "なんねん": "何年", "なんがつ": "何月",
    "なんようび": "何曜日", "なにようび": "何曜日",
}
# a space may part なん / なに from what it asks ("nan youbi datta?" read from romaji word by word: なん ようび)
_KANA_INTERROGATIVES_RE = re.compile("|".join(re.sub(r"^(なん|なに)", r"\1[ 　]?", word)
                                              for word in sorted(KANA_INTERROGATIVES, key=len, reverse=True)))


def kana_interrogatives(text: str) -> str:
    """``text`` with its question words typed in hiragana written in kanji (KANA_INTERROGATIVES)."""
    return _KANA_INTERROGATIVES_RE.sub(lambda m: KANA_INTERROGATIVES[re.sub(r"[ 　]", "", m.group())], text)


def romaji_as_kana(text: str, keep: Callable[[str], bool] | None = None) -> str:
    """A Japanese question's romaji particles and question words in kana ("muto san tte dare" → "muto さん って 誰"):
    the analysis then reads what is asked (誰: who) and drops what it is made of; names stay Latin, as the Japanese
    passages give them too ("武藤容治（Yoji Muto）"). In a question in romaji (all its words, or its Latin words
    holding romaji particles: "おつ〜 kyoudou seimei wa doko… よろぴく"), every other word that ``keep`` does not
    keep (a name, a word the corpus has) and that reads as romaji is a reading, written in hiragana
    ("kyoudou seimei wa doko" → "きょうどう せいめい は どこ"): the readings then meet the corpus's words."""
    latin = _LATIN_WORD_RE.findall(text)
    romaji = not _CJK_CHAR_RE.search(text) or sum(w.casefold() in _ROMAJI_MARKERS for w in latin) >= MIN_ROMAJI_MARKERS
    table = _ROMAJI_WORDS if romaji else _ROMAJI_MARKERS
    text = _LATIN_WORD_RE.sub(lambda m: table.get(m.group().casefold(), m.group()), text)
    return kana_words(text, keep, shipped_syllabary()) if romaji and keep is not None else text
