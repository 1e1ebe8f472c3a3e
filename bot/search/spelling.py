"""Typo correction: against the corpus vocabulary ("statoin" → "station"), and against the everyday words of
the language ("exactemant" → exactement, "wich" → which), so that a misspelt ordinary word weighs as little
as the ordinary word would instead of as much as an unknown name.

Bounded for any input: words longer than MAX_WORD_LENGTH are neither indexed nor corrected (a 2,000-letter
word costs nothing), and candidates are looked up by first letter and length, then compared with rapidfuzz's
optimal-string-alignment distance (C code, with a cut-off).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_TYPO_LENGTH = 5  # shorter words are never corrected into corpus words, nor corpus words shorter than this
MIN_EVERYDAY_LENGTH = 3  # "wich", "whos", "wat": short words are corrected into everyday words only
LONG_WORD = 7  # words this long may be corrected into a corpus word by 2 edits, shorter ones by 1 ("artical",
# "bâtiman": article, bâtiment)
LONG_EVERYDAY_WORD = 8  # ... into an everyday word: a 7-letter word two edits from a commoner one is often another
# word ("garbled" is not "grabbed", "minstrs" not "minutes")
MAX_WORD_LENGTH = 30  # longer words are neither indexed nor corrected
REAL_WORD_ZIPF = 3.0  # a word at least this common in the language is a real word, not a typo
EVERYDAY_GAIN = 1.0  # ... and a correction must be this much more common (Zipf) than the word as typed
DROPPED_G_MIN = 4  # "makin", "signin": an English word longer than this ending in -in is its -ing typed in chat…
DROPPED_G_GAIN = 1.5  # … when that is this much more common (Zipf): never "cabin", "within", "begin", "login"
MIN_TRUNCATION = 4  # "orga", "gouv", "diplo", "techno": chat truncations of a longer word
MAX_TRUNCATION = 7
TRUNCATED = 3  # ... at least this many letters shorter than the word
TRUNCATION_CHOICES = 16  # ... and the start of at most this many corpus words
MIN_SKELETON = 4  # "frnch", "minstr", "invstrs": a word typed without its vowels keeps at least this many letters
MIN_SKELETON_WORD = 5  # ... and is this long as typed ("stnd", "grps": a short word's few consonants meet a word
# the corpus uses rarely, "stand", as often as the everyday one meant)
LONG_NAME = 6  # a name as typed this long may be 2 edits from the corpus's ("Mahobi" → Mahjoubi, "Xavri" → Xavier)
NAME_EDITS = 2
MIN_NAME_LENGTH = 4  # a name as typed this long may be corrected into a short corpus name ("Kouno" → Kono); a
# shorter one (SHORT_NAME_LENGTH) only into a name with one letter more, the letter left out ("Yji" → Yoji)
SHORT_NAME_LENGTH = 3  # ... as short as this ("Abbe" → Abe); longer corpus words are the Speller's
MAX_STOP_TYPO = 4  # "orr", "att", "iff", "teh", "iz": a function word typed a letter off is this short
STOP_TYPO_ZIPF = 3.5  # ... and rarer than this as typed (internet junk: "orr", "att" are 3.2): "bot" (3.9), "war"
# (4.9) are words of their own, never "but", "was"
STOP_TYPO_GAIN = 2.0  # ... and the function word it is one edit from this much more common (Zipf)
WHOLE_VOCABULARY = 4096  # characters: a text this long (a vocabulary's words joined) has its letters dropped with
# numpy, a shorter one (a question's word) with the regexes, which cost less to call


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    return OSA.distance(a, b)


def stop_word_typo(word: str, zipf: float, stops: Iterable[str], zipf_of: Callable[[str], float]) -> str | None:
    """The function word of ``stops`` that ``word`` (folded, Zipf ``zipf``, a word the corpus lacks) is a letter off,
    or None: "wer mor frnch orr japnse startps" asks "more … or …", whose typos ("mor", "orr": rare words, not
    corpus words) would weigh as unknown names and sink the coverage of what the question does name."""
    if not 2 <= len(word) <= MAX_STOP_TYPO or zipf >= STOP_TYPO_ZIPF or not word.isascii() or not word.isalpha():
        return None
    found = [s for s in stops if s[:1] == word[:1] and abs(len(s) - len(word)) <= 1 and s != word
             and OSA.distance(word, s, score_cutoff=1) == 1 and zipf_of(s) >= zipf + STOP_TYPO_GAIN]
    return max(found, key=lambda s: (zipf_of(s), s)) if found else None


def edit_limit(word: str, long_word: int = LONG_WORD) -> int:
    return 2 if len(word) >= long_word else 1


class _Buckets:
    """Words by (first letter, length), for bounded candidate lookups."""

    def __init__(self, words: Iterable[str], min_length: int) -> None:
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in words:
            if min_length <= len(word) <= MAX_WORD_LENGTH and word.isalpha():
                buckets[word[0], len(word)].append(word)
        self._buckets = dict(buckets)

    def near(self, word: str, limit: int) -> list[tuple[str, int]]:
        """Words within ``limit`` edits of ``word`` that share its first letter, with their distance."""
        found: list[tuple[str, int]] = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            choices = self._buckets.get((word[0], length))
            if choices:
                found.extend((m[0], int(m[1])) for m in process.extract(
                    word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None
                ))
        return found


class Speller:
    """Nearest corpus word within 1 edit (2 for long words), most frequent on ties; never numbers."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = {w: n for w, n in frequencies.items() if len(w) <= MAX_WORD_LENGTH}
        self._buckets = _Buckets(self._frequencies, MIN_TYPO_LENGTH)

    def correct(self, word: str, name: Callable[[str], bool] | None = None) -> str | None:
        """The corpus word closest to ``word`` (most frequent on ties), or None; with ``name`` (a name as typed,
        LONG_NAME letters or more), a corpus name (``name`` says which words are) within NAME_EDITS edits."""
        if not MIN_TYPO_LENGTH <= len(word) <= MAX_WORD_LENGTH or not word.isascii() or not word.isalpha():
            return None
        if word in self._frequencies:
            return None
        if name is not None:
            if len(word) < LONG_NAME:
                return None
            found = [(w, d) for w, d in self._buckets.near(word, NAME_EDITS) if name(w)]
        else:
            found = self._buckets.near(word, edit_limit(word))
        if not found:
            return None
        return min(found, key=lambda m: (m[1], -self._frequencies[m[0]], m[0]))[0]


class NameSpeller:
    """The short corpus name a name was typed for: "Neil" → Niel, "Kouno" → Kono, "Youji" → Yoji.

    The Speller leaves words under MIN_TYPO_LENGTH alone: too many short words are one edit apart. A name
    is another matter: a capitalised word the corpus lacks blocks an answer, and a Japanese name has several
    romanisations (Kōno, Kono, Kouno). So a name as typed (MIN_NAME_LENGTH letters or more, an everyday word
    too: "Neil", "Abbe") meets a corpus word of SHORT_NAME_LENGTH to MIN_TYPO_LENGTH letters within one edit,
    provided ``is_name`` says that corpus word is a name rather than an everyday word ("apply" is none); a name
    as typed of SHORT_NAME_LENGTH letters only meets one a letter longer, the letter left out ("Yji": Yoji).
    """

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        short = {w: n for w, n in frequencies.items() if SHORT_NAME_LENGTH <= len(w) <= MIN_TYPO_LENGTH}
        self._frequencies = short
        self._buckets = _Buckets(short, SHORT_NAME_LENGTH)
        self._left_out: dict[str, list[str]] = defaultdict(list)  # "yji" -> [yoji]: a letter after the first left
        for w in short:  # out of a MIN_NAME_LENGTH-letter word (the first letter is kept, as _Buckets keeps it)
            if len(w) == MIN_NAME_LENGTH and w.isalpha():
                for at in range(1, len(w)):
                    self._left_out[w[:at] + w[at + 1:]].append(w)
        self._left_out = dict(self._left_out)

    def correct(self, word: str, is_name: Callable[[str], bool]) -> str | None:
        """The short corpus name closest to ``word`` (most frequent on ties), or None."""
        if not SHORT_NAME_LENGTH <= len(word) <= MIN_TYPO_LENGTH + 1 or not word.isascii() or not word.isalpha():
            return None
        if word in self._frequencies:
            return None
        if len(word) < MIN_NAME_LENGTH:  # "Yji", "Mto": shorter, only a name with one letter left out (a lookup)
            found = [(w, 1) for w in self._left_out.get(word, ()) if is_name(w)]
        else:
            found = [(w, d) for w, d in self._buckets.near(word, 1) if d and is_name(w)]
        if not found:
            return None
        return min(found, key=lambda m: (m[1], -self._frequencies[m[0]], m[0]))[0]


class Truncations:
    """The corpus word a chat truncation stands for: "orga" → organisation, "gouv" → gouvernement, "diplo" →
    diplomatic. A word the corpus lacks, MIN_TRUNCATION to MAX_TRUNCATION letters, is the start of a corpus word
    at least TRUNCATED letters longer; the most frequent such word, unless more than TRUNCATION_CHOICES start so
    (then the truncation says too little). Bounded: a binary search and at most TRUNCATION_CHOICES words read."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = {w: n for w, n in frequencies.items() if len(w) <= MAX_WORD_LENGTH and w.isascii()}
        self._sorted = sorted(self._frequencies)

    def correct(self, word: str) -> str | None:
        """The corpus word ``word`` is the start of, or None."""
        if not MIN_TRUNCATION <= len(word) <= MAX_TRUNCATION or not word.isascii() or not word.isalpha():
            return None
        if word in self._frequencies:
            return None
        at = bisect_left(self._sorted, word)
        found: list[str] = []
        for candidate in self._sorted[at:at + TRUNCATION_CHOICES + 1]:
            if not candidate.startswith(word):
                break
            if len(candidate) >= len(word) + TRUNCATED:
                found.append(candidate)
        else:
            if len(found) > TRUNCATION_CHOICES:
                return None
        return max(found, key=lambda w: (self._frequencies[w], w)) if found else None


_VOWELS = re.compile(r"(?<=[^\n])[aeiouy]")  # a vowel, not a word's first letter (the words joined by newlines)


def _spellable(words: Iterable[str]) -> list[str]:
    """The words a sound or a skeleton is read of: ASCII letters only, MAX_WORD_LENGTH at most."""
    return [w for w in words if len(w) <= MAX_WORD_LENGTH and w.isascii() and w.isalpha()]


def skeletons(words: Sequence[str]) -> list[str]:
    """Each folded ASCII word's first letter and its consonants after it, doubled ones single ("minister" → mnstr),
    all at once at C speed (the words joined by newlines)."""
    if not words:
        return []
    return _without_doubles(_without_vowels("\n".join(words))).split("\n")


def _ascii_bytes(text: str) -> np.ndarray | None:
    """A long ASCII ``text``'s characters as bytes (WHOLE_VOCABULARY), else None: the regexes read it."""
    return np.frombuffer(text.encode(), dtype=np.uint8) if len(text) >= WHOLE_VOCABULARY and text.isascii() else None


def _without_vowels(text: str) -> str:
    """``_VOWELS.sub("", text)``: each vowel dropped but a line's first letter; a vocabulary at numpy speed (the
    regex's look-behind is tried at every character: 17 against 2.3 ms on a 100k corpus's 38,000 words)."""
    chars = _ascii_bytes(text)
    if chars is None:
        return _VOWELS.sub("", text)
    vowels = np.zeros(256, dtype=np.bool_)
    vowels[list(b"aeiouy")] = True
    kept = ~vowels[chars]
    kept[0] = True
    kept[1:] |= chars[:-1] == ord("\n")
    return chars[kept].tobytes().decode()


def _without_doubles(text: str) -> str:
    """``_DOUBLED_IN_LINE.sub(r"\\1", text)``: each run of one character but the newline made single; a vocabulary at
    numpy speed (each character but the first kept when it differs from the one before it, or is a newline; the
    regex's back-reference is tried at every character: 12 against 0.3 ms on the same words)."""
    chars = _ascii_bytes(text)
    if chars is None:
        return _DOUBLED_IN_LINE.sub(r"\1", text)
    kept = np.empty(chars.shape, dtype=np.bool_)
    kept[0] = True
    np.not_equal(chars[1:], chars[:-1], out=kept[1:])
    kept[1:] |= chars[1:] == ord("\n")
    return chars[kept].tobytes().decode()


class Skeletons:
    """The corpus word a word typed without its vowels stands for ("frnch" → french, "minstr" → minister,
    "invstrs" → investors): of the corpus words with the same skeleton (``skeletons``) and more vowels, the closest
    in edits ("japnse": japanese, not japonaise), then the most frequent. Made when a typo first needs it (a large
    corpus's vocabulary is read once, at C speed, not at every start)."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = frequencies
        self._words: dict[str, list[str]] | None = None

    def _table(self) -> dict[str, list[str]]:
        if self._words is None:
            words = _spellable(self._frequencies)
            table: dict[str, list[str]] = defaultdict(list)
            for word, key in zip(words, skeletons(words), strict=True):
                if len(key) >= MIN_SKELETON:
                    table[key].append(word)
            self._words = dict(table)
        return self._words

    def correct(self, word: str) -> str | None:
        """The corpus word ``word`` is a vowel-less spelling of, or None."""
        if not MIN_SKELETON_WORD <= len(word) <= MAX_WORD_LENGTH or not word.isascii() or not word.isalpha():
            return None
        if word in self._frequencies:
            return None
        key = skeletons([word])[0]
        vowels = len(_VOWELS.findall(word))
        found = [w for w in self._table().get(key, ()) if len(_VOWELS.findall(w)) > vowels]
        if not found:
            return None  # not a word's vowels left out: another word, or a typo the other spellers read
        return min(found, key=lambda w: (edit_distance(word, w), -self._frequencies[w], w))


class EverydaySpeller:
    """Nearest everyday word of the language (wordfreq's most common words) for a word no list knows well."""

    def __init__(self, words: Mapping[str, Mapping[str, float]]) -> None:
        """``words``: per language, folded word → Zipf frequency."""
        self._words = words
        self._buckets = {lang: _Buckets(table, MIN_EVERYDAY_LENGTH) for lang, table in words.items()}
        self._sounds: dict[str, SoundSpeller] = {}  # per language: its everyday words by sound, made at first need

    def correct(self, word: str, zipf: float, language: str) -> str | None:
        """The everyday word ``word`` (folded, as typed: Zipf ``zipf``) is most likely a typo of, or None."""
        buckets = self._buckets.get(language)
        if language == "en" and len(word) > DROPPED_G_MIN and word.endswith("in") and buckets is not None:
            with_g = self._words[language].get(word + "g", 0.0)  # "makin", "workin": chat's -ing without its g
            if with_g >= zipf + DROPPED_G_GAIN:
                return word + "g"
        if (
            buckets is None
            or zipf >= REAL_WORD_ZIPF
            or not MIN_EVERYDAY_LENGTH <= len(word) <= MAX_WORD_LENGTH
            or not word.isascii()
            or not word.isalpha()
        ):
            return None
        table = self._words[language]
        found = [(w, d) for w, d in buckets.near(word, edit_limit(word, LONG_EVERYDAY_WORD))
                 if table[w] >= zipf + EVERYDAY_GAIN]
        if not found:  # "kombien", "kritiké": written as it sounds, not a letter away
            sounds = self._sounds.get(language)
            if sounds is None:  # ~30 ms a language: built when a typo first needs it, not at start-up
                sounds = self._sounds[language] = SoundSpeller(
                    {w: zipf for w, zipf in table.items() if len(w) >= MIN_EVERYDAY_LENGTH}, near=True,
                    french=language == "fr")
            sounded = sounds.correct(word)
            return sounded if sounded is not None and table[sounded] >= zipf + EVERYDAY_GAIN else None
        return min(found, key=lambda m: (m[1], -table[m[0]], m[0]))[0]


# Spellings that sound alike in French and English, folded to one key (in this order): "station" and "stashun",
# "Stephann" and "stefan", "Gény" and "Jenny" (a soft g is a j), "Mahjoubi" and "majoubi", "CEATEC" and "seatech",
# "Tokyo" and "tokio", "VivaTech" and "vivatek", « signature » and « sinyatur » (gn sounds as ny, and y as i) meet.
_SOUNDS = (
    ("tion", "sion"), ("shun", "sion"), ("shon", "sion"), ("ou", "u"), ("ph", "f"), ("th", "t"), ("ch", "k"),
    ("ck", "k"), ("qu", "k"), ("q", "k"),
    ("ce", "se"), ("ci", "si"), ("cy", "si"), ("c", "k"), ("ge", "je"), ("gi", "ji"), ("gy", "ji"), ("y", "i"),
    ("z", "s"), ("w", "v"), ("x", "ks"), ("h", ""), ("gn", "ni"),
)
MIN_SOUND_KEY = 4  # shorter keys meet too many words by chance
NEAR_SOUND_KEY = 6  # an everyday word's sound a letter off meets a key this long (SoundSpeller's ``near``)
SOUNDED_KEPT = 4096  # words whose sound-alike is kept (SoundSpeller.correct): a question's pairs of adjacent words,
# joined, are looked up each ("who signed" → whosigned), and the same pairs come back question after question


_DOUBLED_IN_LINE = re.compile(r"(.)\1+")  # a run of one character within a line ('.' never matches the newline
# between words)


def sound_key(word: str, french: bool = False) -> str:
    """A folded ASCII word as it sounds: letter groups unified, doubled letters single, a final e dropped; with
    ``french``, also as French spells by ear (_FRENCH_BEFORE, _FRENCH_AFTER, _silent_end)."""
    return sound_keys([word], french)[0]


# French spelt by ear, on top of _SOUNDS: before them, vowel groups read as one vowel (« bureau » and "biro",
# « juillet » and "juiyet", « affaires » and "afère", "exact" and "egzak"); after them (a soft g read first: Gény is
# no "gany"), a nasal en/em as an/am (« entreprise », "antreprise"); then the silent letters of its end, e, t, d, s
# (« président » and "prézidan", « France » and "frans").
_FRENCH_BEFORE = (("eau", "o"), ("au", "o"), ("ill", "y"), ("ai", "e"), ("ei", "e"), ("gz", "x"))
_FRENCH_AFTER = (("en", "an"), ("em", "am"))


def sound_keys(words: Sequence[str], french: bool = False) -> list[str]:
    """``sound_key`` of each word (letters only: no newline), all at once: the replacements run over the words
    joined by newlines (no letter group holds one) at C speed; word by word took 0.3 s for SciFact's 38,000 words.
    """
    if not words:
        return []
    text = "\n".join(words)
    for written, sound in (*_FRENCH_BEFORE, *_SOUNDS, *_FRENCH_AFTER) if french else _SOUNDS:
        text = text.replace(written, sound)
    keys = _without_doubles(text).split("\n")
    if french:
        return [_silent_end(k) for k in keys]
    return [k[:-1] if len(k) > MIN_SOUND_KEY and k.endswith("e") else k for k in keys]


def _silent_end(key: str) -> str:
    """A French key without the letters its end does not sound: e, t, d, s, as many as there are (« entreprises »,
    "antreprise": antrepri; « France », "frans": fran)."""
    while len(key) > MIN_SOUND_KEY and key[-1] in "etds":
        key = key[:-1]
    return key


class SoundSpeller:
    """The corpus word that sounds like a misspelt word ("genny" → geny, "seatech" → ceatec), most frequent."""

    def __init__(self, frequencies: Mapping[str, float], near: bool = False, french: bool = False) -> None:
        """``frequencies``: each word's count in the corpus, or its Zipf frequency in a language (EverydaySpeller);
        ``near``: a word whose sound no word has may meet one a letter off in sound (NEAR_SOUND_KEY letters or
        more: « komben » sounds kombien, combien's sound, a letter left out); ``french``: the sounds of French
        spelt by ear too (sound_key)."""
        keys: dict[str, tuple[float, str]] = {}
        self._french = french
        words = _spellable(frequencies)
        for word, key in zip(words, sound_keys(words, french), strict=True):
            count = frequencies[word]
            if len(key) >= MIN_SOUND_KEY and (count, word) > keys.get(key, (0, "")):
                keys[key] = (count, word)
        self._words = {key: word for key, (_, word) in keys.items()}
        # a letter off in sound (the everyday speller's only: the corpus's speller, made at every start, keeps none)
        self._counts = {key: count for key, (count, _) in keys.items()} if near else {}
        self._near = _Buckets(self._words, NEAR_SOUND_KEY - 1) if near else None
        self._sounded: dict[str, str | None] = {}  # word -> its sound-alike, kept (bounded: SOUNDED_KEPT)

    def correct(self, word: str) -> str | None:
        """The corpus word spelt ``word`` sounds like, or None (words the corpus has are left alone)."""
        if not MIN_SOUND_KEY <= len(word) <= MAX_WORD_LENGTH or not word.isascii() or not word.isalpha():
            return None
        sounded = self._sounded
        if word in sounded:
            return sounded[word]
        key = sound_key(word, self._french)
        found = self._words.get(key)
        if found is None and self._near is not None and len(key) >= NEAR_SOUND_KEY:
            close = self._near.near(key, 1)
            found = self._words[max(close, key=lambda m: (self._counts[m[0]], m[0]))[0]] if close else None
        if len(sounded) >= SOUNDED_KEPT:
            sounded = self._sounded = {}  # a fresh dict, not clear(): another thread may be reading the old one
        found = sounded[word] = found if found != word else None
        return found


class FrenchSounds:
    """The corpus word a word of a French question spelt by ear stands for (SoundSpeller with ``french``: "prézidan"
    → président, "antreprise" → entreprise), made at the first French typo that needs it, not at every start."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._frequencies = frequencies
        self._speller: SoundSpeller | None = None

    def correct(self, word: str) -> str | None:
        if self._speller is None:
            self._speller = SoundSpeller(self._frequencies, french=True)
        return self._speller.correct(word)
