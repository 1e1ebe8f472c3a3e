"""Details a question asks next to a subject the sources cover, which quotes on that subject need not give.

"What food was served at the Station F evening?", "who moderated the pitches?", "両国の国歌は演奏されましたか？",
"how many pages is the declaration?": every other word matches the passages on the evening, the pitches, the
signing or the text, so the coverage of the question's weight passes, and the words of the detail itself (food,
moderated, 国歌, pages) are everyday words that weigh little. Yet a quote about the evening that says nothing of food
does not answer what was eaten there. Each detail is a kind of thing (food and drink or where to eat, music,
clothing, the audience and the press, who hosted, moderated or interpreted, the parts of a text, gifts, hotels,
flights and the metro, tickets, rooms, a body's office or a coworking space, a person's birth, family, pay or party,
money a company raised, what came of it, when a place is open, a contest's prize, hospitals and patients): a
question naming one is answered only by cited passages that speak of one of its kind, in their own language's words
(a French question may be answered by an English passage on the buffet). The words are data
(bot/search/words/<language>.yaml), matched as written (case and accents folded): a stem would make "présentateur" of
"présenté", "tenue" (outfit) of "s'est tenue" (was held). A word with another everyday sense the questions use is
left out: "host" (the campus that hosted the evening), "suit" (the robotic suit), "ホスト" (the host country of the
G20); "office" stays: its other sense ("the Prime Minister's office") is quoted as written when asked.
A difference asked is read the same way: "the difference between an incubator and an accelerator" is answered by a
quote that contrasts them (differ, unlike, の違い), not by one that names both; and how a thing works ("how does 5G
work?", « comment fonctionne… », 5Gの仕組み) by a quote saying by what means (reads, using, 読み取る), not by one
listing it among the technologies the declaration names (means_cited). What usually happens ("how do luxury brands
usually fight fakes?", « en général », 一般的なやり方) is asked the same way: no quote of the sources, which report
one declaration and its events, says what is usual (advice asked, "any tips for…?", is Kind.ADVICE's). Specifics
asked ("what specific decisions…?", « l'ordre du jour précis », 具体的な議題) need a quote holding the noun asked
(specifics_cited): the sources tell what was discussed and agreed in general terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bot.models import LANGUAGES, Passage
from bot.search.frequency import fold as accents_folded
from bot.search.prefilter import Screens
from bot.search.wordlists import WordList, words_of

DETAILS = (WordList.FOOD, WordList.MUSIC, WordList.CLOTHING, WordList.ATTENDANCE, WordList.HOSTING,
           WordList.TEXT_PARTS, WordList.GIFTS, WordList.TRAVEL, WordList.TICKETS, WordList.ROOMS,
           WordList.OFFICES, WordList.CONTRASTS, WordList.GENERAL, WordList.HOURS, WordList.PERSONAL,
           WordList.FUNDRAISING, WordList.OUTCOMES, WordList.OPENING, WordList.PRIZES,
           WordList.CARE)  # one list each


def _folded(text: str, language: str) -> str:
    """How a detail's words and the texts they are looked for in compare: NFKC and case folded, and for French and
    English accents folded too (Japanese keeps its marks: ページ is not ヘーシ)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return text if language == "ja" else accents_folded(text)


@lru_cache(maxsize=32)
def _pattern(language: str, detail: WordList) -> re.Pattern[str] | None:
    """The words of ``detail`` in ``language``: whole words in French and English, anywhere in Japanese."""
    words = sorted({_folded(w, language) for w in words_of(language, detail)}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(map(re.escape, words))
    return re.compile(alternatives if language == "ja" else rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _speaks_of(detail: WordList, folded: str, language: str) -> bool:
    """``folded`` (a text as ``_folded`` makes it) holds a word of ``detail``."""
    pattern = _pattern(language, detail)
    return pattern is not None and pattern.search(folded) is not None


@lru_cache(maxsize=len(LANGUAGES))
def _asked(language: str) -> Screens[WordList]:
    """The patterns of every detail in ``language``, screened in one pass over a question (bot.search.prefilter)."""
    patterns = {detail: _pattern(language, detail) for detail in DETAILS}
    return Screens({detail: pattern for detail, pattern in patterns.items() if pattern is not None})


def details_asked(question: str, language: str) -> frozenset[WordList]:
    """The kinds of detail ``question`` (written in ``language``) names (the question folded once, and its words
    looked for in one pass, not per kind); in its questions only when it says something before them ("brb reading
    the meti page... was muto a full minister?": the page is the member's, not what is asked)."""
    return frozenset(_asked(language).matching(_folded(_questions_of(question), language)))


_SENTENCE = re.compile(r"[^.!?。！？…]+(?:[.!?。！？…]+|$)")


def _questions_of(text: str) -> str:
    """The sentences of ``text`` that end with a question mark, when one does and others say something else."""
    sentences = _SENTENCE.findall(text)
    asking = [s for s in sentences if "?" in s or "？" in s]
    return " ".join(asking) if asking and len(asking) < len(sentences) else text


def details_cited(question: str, language: str, cited: Sequence[Passage]) -> bool:
    """Every kind of detail the question names is spoken of by one of the ``cited`` passages, in that passage's
    language: "what food was served?" needs a quote on food, drink or a meal."""
    asked = details_asked(question, language)
    if not asked:
        return True
    folded = [(_folded(p.text, p.language), p.language) for p in cited]
    return all(any(_speaks_of(d, text, language) for text, language in folded) for d in asked)


# "how does X work?", « comment fonctionne X ? », Xの仕組みを教えて, Xの仕組みは？, どうやって: a mechanism is asked
# ("work together", « marche avec », 仕組みは…取り上げられて: cooperation or a topic, no mechanism)
_MECHANISM_ASKED = {
    "en": re.compile(r"\bhow\s+(?:does|do|did|would|will|is|are)\b[^?]*\bwork(?:s|ing)?\b(?!\s+(?:together|with))"),
    "fr": re.compile(r"\bcomment\s+(?:ça\s+|ca\s+)?(?:fonctionne|marche)(?:nt)?\b(?!\s+avec)"),
    "ja": re.compile(r"どんな仕組み|どういう仕組み|どうやって|の仕組み(?:は|って|を\w{0,8})?\s*(?:教え|[。？?]|$)"),
}


# Specifics asked of what the sources give in general terms: "what specific decisions / topics did they agree on?",
# « quelles décisions précises », 具体的な議題: the noun asked (decisions, topics, 議題) must be in a cited passage —
# "they discussed data and AI policy" names no decision, no agenda item. A date, a title or a name asked precisely
# (« le titre exact », "which date exactly") is no such noun.
_SPECIFICS_ASKED = {
    "en": re.compile(r"\bspecific\b(?:\s+[\w-]+){0,3}?\s+(topics|points|decisions|projects|themes|measures|items"
                     r"|agenda|steps|products|issues)\b|\bexactly\b[^?]{0,20}\b(agenda)\b"),
    "fr": re.compile(r"\b(decisions|points|projets|themes|sujets|mesures|ordre du jour|produits|questions)\b"
                     r"(?:\s+[\w'’-]+){0,3}?\s+precis(?:es)?\b"),  # accents folded (_folded)
    "ja": re.compile(r"具体的(?:な|に(?:は)?(?:どんな|何の)?)\s*(議題|テーマ|決定|項目|措置|製品|論点)"),
}


def specifics_cited(question: str, language: str, cited: Sequence[Passage]) -> bool:
    """The noun a question asks specifics of is in a cited passage (_SPECIFICS_ASKED), in the question's words."""
    asked = _SPECIFICS_ASKED.get(language)
    found = asked.search(_folded(question, language)) if asked is not None else None
    if found is None:
        return True
    noun = next(g for g in found.groups() if g)
    stem = noun if language == "ja" else noun.rstrip("s")  # décisions: décision
    return any(stem in _folded(p.text, language) for p in cited)


def means_cited(question: str, language: str, cited: Sequence[Passage]) -> bool:
    """A question asking how a thing works is answered by a cited passage saying by what means (WordList.MEANS)."""
    asked = _MECHANISM_ASKED.get(language)
    if asked is None or not asked.search(_folded(question, language)):
        return True
    return any(_speaks_of(WordList.MEANS, _folded(p.text, p.language), p.language) for p in cited)
