"""Romaji read as kana: a word of a Japanese question typed in Latin letters is a reading.

"kyoudou seimei wa doko de shomei saremashita ka?" names the corpus's 共同, 声明 and 署名 by their readings; written in
hiragana (きょうどう, せいめい, しょめい) they meet the corpus's kanji and katakana words by reading
(bot.search.readings), as a member's own hiragana does. The syllables are data (``words/romaji.yaml``: Hepburn,
kunrei-shiki, what word processors accept); the rules of spelling that are no syllable (a doubled consonant,
Hepburn's m before b/m/p) are here. Read at first use (cached), never at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.knowledge.meta import as_text, text_list
from bot.knowledge.problems import FileProblem
from bot.knowledge.safe_yaml import parse_yaml

FILE_TYPE = "romaji"
_LISTS = ("syllables", "long_vowels", "honorifics")
_VOWELS = frozenset("aeiou")
_SOKUON = "っ"  # the small tsu: what a doubled consonant writes (kk, tt, pp, tch)
_HEPBURN_M = frozenset("bmp")  # Hepburn's m before these is ん (shimbun, sempai)
_APOSTROPHES = "'’"  # n'i is ん + い, not に
_LATIN_WORD = re.compile(r"[^\W\d_\u0250-\U0010ffff]+(?:['’-][^\W\d_\u0250-\U0010ffff]+)*")  # Latin letters (ō, â)


@dataclass(frozen=True, slots=True)
class Syllabary:
    """Each romaji spelling → its hiragana, the longest spelling's length, each long vowel's letters (ō: ou), and the
    honorifics that follow a name (san, kun)."""

    kana: dict[str, str]
    longest: int
    long_vowels: dict[str, str]
    honorifics: frozenset[str]


def syllabary_file() -> Path:
    """Where the syllable table ships, beside the search's word lists."""
    return Path(str(resources.files("bot.search") / "words" / "romaji.yaml"))


def parse_syllabary(text: str) -> Syllabary:
    """The table of a romaji file; a FileProblem (with its line) for anything a reader would trip on: a kana that
    is no hiragana, a spelling that is no lower-case Latin letters, a spelling given to two kana."""
    parsed = parse_yaml(text)
    if not isinstance(parsed.data, dict) or parsed.data.get("type") != FILE_TYPE:
        raise FileProblem(parsed.first_line, f'a romaji file starts with "type: {FILE_TYPE}"')
    tables = {}
    for key in _LISTS:
        line = parsed.key_lines.get(key, parsed.first_line)
        table = parsed.data.get(key)
        if key == "honorifics":
            honorifics = text_list(table, key, line)
            if not honorifics or not all(map(_is_romaji, honorifics)):
                raise FileProblem(line, f'"{key}" must list lower-case Latin words, like [san, kun]')
            continue
        if not isinstance(table, dict) or not table:
            raise FileProblem(line, f'"{key}" must be a mapping, like あ: [a] or ō: ou')
        tables[key] = (table, line)
    unknown = sorted(set(parsed.data) - {"type", *_LISTS})
    if unknown:
        raise FileProblem(parsed.key_lines.get(unknown[0], parsed.first_line), f'unknown key "{unknown[0]}"')
    kana: dict[str, str] = {}
    table, line = tables["syllables"]
    for written, spellings in table.items():
        hiragana = as_text(written) or ""
        if not _is_hiragana(hiragana):
            raise FileProblem(line, f'"syllables": "{hiragana}" is not hiragana')
        found = text_list(spellings, "syllables", line)
        bad = [s for s in found if not _is_romaji(s)]
        if bad or not found:
            raise FileProblem(line, f'"syllables": {hiragana} needs spellings in lower-case Latin letters (got {bad})')
        for spelling in found:
            if spelling in kana:
                raise FileProblem(line, f'"{spelling}" is spelt for both {kana[spelling]} and {hiragana}')
            kana[spelling] = hiragana
    long_vowels: dict[str, str] = {}
    table, line = tables["long_vowels"]
    for written, letters in table.items():
        vowel, plain = as_text(written) or "", as_text(letters) or ""
        if len(vowel) != 1 or vowel.isascii() or not vowel.isalpha() or not _is_romaji(plain):
            raise FileProblem(line, f'"long_vowels": a vowel with its mark, then its letters (ō: ou), not {vowel}')
        long_vowels[vowel] = plain
    return Syllabary(kana, max(map(len, kana)), long_vowels, frozenset(honorifics))


def _is_romaji(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha() and text == text.lower()


def _is_hiragana(text: str) -> bool:
    return bool(text) and all("\u3041" <= c <= "\u309f" for c in text)


@lru_cache(maxsize=1)
def shipped_syllabary() -> Syllabary:
    """The shipped table (read once)."""
    path = syllabary_file()
    try:
        return parse_syllabary(path.read_text(encoding="utf-8"))
    except FileProblem as problem:  # a shipped file: a developer's mistake, named where it is
        raise ValueError(f"{path}:{problem.line}: {problem.message}") from problem


def hiragana(word: str, table: Syllabary) -> str | None:
    """``word`` read as romaji, in hiragana ("shomei" → しょめい, "Tōkyō" → とうきょう, "gakkou" → がっこう); None when
    it is no romaji (a letter no syllable starts with: "Akohosni", "launch", "l")."""
    text = "".join(table.long_vowels.get(c, c) for c in unicodedata.normalize("NFC", word.casefold()))
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _APOSTROPHES and out:  # n'i: the apostrophe only ends the ん
            i += 1
            continue
        following = text[i + 1 : i + 2]
        if char == "m" and following in _HEPBURN_M:  # shimbun, sammai: Hepburn writes ん as m there
            out.append("ん")
            i += 1
            continue
        if char.isalpha() and char.isascii() and char not in _VOWELS and char != "n" and (
            following == char or (char == "t" and text[i + 1 : i + 3] == "ch")
        ):
            out.append(_SOKUON)  # gakkou, matcha: the consonant doubled is a pause
            i += 1
            continue
        for length in range(min(table.longest, len(text) - i), 0, -1):
            kana = table.kana.get(text[i : i + length])
            if kana is not None:
                out.append(kana)
                i += length
                break
        else:
            return None
    return "".join(out) or None


def kana_words(text: str, known: Callable[[str], bool], table: Syllabary) -> str:
    """``text`` with each Latin word that reads as romaji written in hiragana, the parts of a hyphenated word one by
    one (furansu-gawa: ふらんすがわ). Names stay Latin, as the Japanese passages give them beside their kanji
    ("武藤容治（Yoji Muto）"): a word ``known`` (the corpus has it: Muto, JETRO), one capitalised after the first word,
    one an honorific follows ("Seko-san", "Seko san"); so do single letters ("station f")."""
    words = list(_LATIN_WORD.finditer(text))
    out: list[str] = []
    at = 0
    joined = False  # the word before was read whole as kana
    for n, match in enumerate(words):
        parts = match.group().split("-")
        after = words[n + 1].group().casefold() if n + 1 < len(words) else ""
        named = after in table.honorifics or any(p.casefold() in table.honorifics for p in parts[1:])
        read = [None if len(part) < 2 or known(part) or (part[:1].isupper() and (n or named))
                else hiragana(part, table) for part in parts]
        gap = text[at : match.start()]
        whole = all(read)
        out.append("" if joined and whole and gap.isspace() else gap)  # "furenchi tekku": one word, as
        # Japanese writes it (ふれんちてっく: フレンチテック), not two the corpus lacks
        out.append("".join(k or part for k, part in zip(read, parts, strict=True)) if any(read) else match.group())
        joined = whole
        at = match.end()
    out.append(text[at:])
    return "".join(out)
