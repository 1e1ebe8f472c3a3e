"""A name the corpus lacks, told from a typo and from an everyday word, so that the quotes must hold it.

A question that names a body or a person the sources never mention beside one they do ("AIST and Inria",
東京大学とCNRS, トヨタの社長, "Taro Aso") asks about something the sources do not hold; read as a typo of an everyday
word (Inria → India, Aso → "also", a stop word) or as a common word, the name weighs little and the known one's
quote answers. Four shapes of a name, each read from how the word is written, not from a list:

- a capitalised word inside a clause that the language's frequency list knows as written (Inria, Aso: Zipf ≥
  KNOWN_NAME_ZIPF) is a word of its own, no typo (Engglish: 0); the first word of a question after chatter is
  capitalised as a sentence's, and common typos are listed too ("gm fam, Whcih ministry…?": 1.x), so not there;
- capitals in a Japanese question are an acronym's (INRIA, NEXI): Japanese has no case, so a question does not
  "shout" because its only Latin word is in capitals;
- a Japanese proper noun the dictionary tags as a name of no place nor person (固有名詞・一般: トヨタ, ソニー) is a
  body's or a product's name, as a capitalised word is in a Latin question;
- capitalised words in a row inside a sentence, each spelt right, are one name (Business France, the European
  Investment Bank): though the corpus has each word, a name it never writes is none of its (``capitalised_runs``);
  so is a katakana compound ending in a place (ビジネスフランス), no kind of a thing the corpus writes;
- a body named by what it is: a kanji or katakana compound ending in it (東京大学, 国際交流基金, 日本政策金融公庫),
  or in French that word capitalised and the word saying which (« la Banque européenne d'investissement »,
  « l'Agence nationale de la recherche »), which no passage writes (``named_bodies``; the words are data).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.search.readings import Word

KNOWN_NAME_ZIPF = 1.0  # a capitalised word the frequency list holds (its floor is about 1) is no typo: on the 22
# sets a floor of 0.01 gains and loses the same as 1.0 (+5 near-misses, 0 in scope lost)
GENERAL_PROPER_TAG = "一般"  # the dictionary's tag of a proper noun that names no place nor person (トヨタ)


_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ]+"  # a word of two letters or more written with a capital
_RUN = re.compile(rf"(?<![\w'’\-])({_CAPITALISED}(?:[ \t]+{_CAPITALISED})+)(?![\w'’\-])")


_COMPOUND = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]+")  # kanji and katakana in a row: a Japanese compound
_WORD = re.compile(r"[^\W\d_]+")
_DESCRIBED = re.compile(r"的|系|国立|公立|私立|民間|大手")  # a kind of body described, none named: 公的研究所
_DESCRIBING = re.compile(r"(?:franco-)?(?:fran[cç]ais|japonais|nippon)e?s?$")  # « la Banque française d'…»: described
_BETWEEN = frozenset({"de", "du", "des", "d", "la", "l", "le", "les"})  # « Agence nationale de la recherche »


def named_bodies(question: str, language: str, body_words: frozenset[str]) -> list[list[str]]:
    """The names of bodies ``question`` gives by what they are (``body_words``), each as the words the corpus must
    write in a row: a Japanese compound ending in one, longer than it (東京大学, not 大学 alone); in a Latin question
    a capitalised one to the word after it that is no de or la (« Banque européenne », « Conseil des ministres »),
    or to a capitalised name after them (« Banque de France »)."""
    if language == "ja":
        runs = (run.lstrip("両同各当") for run in _COMPOUND.findall(question))  # 両機構, 同大学: the ones just named
        return [[run] for run in runs if not _DESCRIBED.search(run)
                and any(run.endswith(word) and len(run) > len(word) for word in body_words)]
    words = list(_WORD.finditer(question))
    names = []
    for n, word in enumerate(words):
        if word.group() not in body_words:
            continue
        for m in range(n + 1, len(words)):  # within the name: spaces and apostrophes between, no comma nor "?"
            if question[words[m - 1].end():words[m].start()].strip(" \t'’"):
                break
            if words[m].group().casefold() not in _BETWEEN:
                word = words[m].group()
                named = m > n + 1 and word.istitle()  # after de: « Banque de France », « Caisse des Dépôts »
                if named or (word.islower() and not _DESCRIBING.match(word)):
                    names.append([w.group() for w in words[n:m + 1]])
                break
    return names


def capitalised_runs(question: str) -> list[list[str]]:
    """Runs of two capitalised words or more after a word of their clause ("Quel rôle a joué Business France ?"):
    not a question's first words, capitalised as a sentence's, after chatter too ("Hello everyone, What Japanese
    minister…"), nor a word joined by a hyphen or an apostrophe (US-China, Station F's)."""
    return [m.group(1).split() for m in _RUN.finditer(question) if within_clause(question, m.start())]


def ends_in_place(words: Sequence[Word], place: str) -> bool:
    """A katakana compound whose last word the dictionary tags as a place (ビジネス|フランス, チーム|ジャパン) names
    something, as a capitalised name does: a compound put as "a kind of" its last word cannot be a kind of a place."""
    return len(words) > 1 and words[-1].proper == place


def shouting(question: str, language: str) -> bool:
    """A message written in capitals, whose capitals are no acronyms: only a Latin-script question can be; a
    Japanese one with a Latin acronym (INRIA) is not, though str.isupper() says so."""
    return language != "ja" and question.isupper()


def within_clause(question: str, start: int) -> bool:
    """The word at ``start`` follows a word of its clause ("AIST and Inria", "Taro Aso"), not a comma or the chatter
    before the question ("gm fam, Whcih ministry…?": a question's first word is capitalised, typo or not)."""
    before = question[:start].rstrip()
    return bool(before) and before[-1].isalnum()


def known_as_written(zipf: float) -> bool:
    """A capitalised word the language's frequency list knows this well (``zipf`` of the word as written) is a
    name of its own, not a typo of an everyday word one letter away (Inria is not India)."""
    return zipf >= KNOWN_NAME_ZIPF


def names_a_body(proper: str) -> bool:
    """A Japanese proper noun's tag (readings.Word.proper) says it names a body or a thing, not a place or person."""
    return proper == GENERAL_PROPER_TAG
