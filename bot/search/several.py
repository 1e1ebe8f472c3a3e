"""A message asking several questions: "Was it signed in Tokyo? And who was there for Japan?", "What is JETRO and
who runs it?", « C'est quand et c'est où ? », 「いつ署名されて、誰が署名した？」.

Searched whole, the words of one question dilute the other's (the place asked and the people: no passage holds
both), and the member gets one of the two answers at best. ``split_questions`` cuts such a message into its
questions, which the assistant answers one by one, in one reply (bot.assistant): the later ones lean on the first
as a follow-up does ("who runs it?" is read with "JETRO", bot.conversation). A message is cut only where each side is
a question of its own (a question word of the words files opens it or is in it: ``question_words``):

- after a question mark ("… in Tokyo? And who was there for Japan?"), not before a guess or a detail ("où ? à
  Tokyo ?", "des exemples ?": no question word);
- never before words in brackets: "and when? (was the declaration signed)" is a follow-up read with its subject
  (bot.conversation), "who signed? (for a school paper)" a remark;
- at a joining word (``question_joins``: and, et, そして, or a Japanese 、) right before a question word: "and who runs
  it?", « et c'est où ? », 「、誰が」; never "France and Japan", "innovation and the digital economy".

When the whole message finds no answer and it cannot be cut, its first question is still asked alone (retriever,
``first_of_several``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.search.wordlists import WordList, words_of

_MARKS = re.compile(r"[?？]+")  # the end of a question (searched once: "[^?]*[?]+" at each position was quadratic)
_WORDED = re.compile(r"\w")
_ASIDE = re.compile(r"\s*[(（][^()（）]*[)）]\W*")  # "(was the declaration signed)", « (pour un exposé) »: a remark
MAX_PARTS = 3  # a message of more questions is answered whole (each part is one search)
_LATIN_WORDS = 3  # a question word at most this many words after the joining word ("et c'est où", "and who")


def first_of_several(message: str) -> str | None:
    """The first question of a message made of two questions or more, each ending with its question mark; None for
    a message asking one (or ending on words that ask nothing: "… avec une photo ?? elle sort d'où 😂")."""
    ends = [mark.end() for mark in _MARKS.finditer(message)]
    if not ends:
        return None
    pieces = [message[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
    questions = [q.strip() for q in pieces if _WORDED.search(q)]
    if len(questions) < 2 or _WORDED.search(message, ends[-1]):
        return None
    return questions[0]


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """What makes a part of ``language`` a question (a question word in it, or a yes/no opener opening it), and
    where a join of two questions is (the joining word, before a question word); None for a language without
    question words."""
    asked, joins = words_of(language, WordList.QUESTION_WORDS), words_of(language, WordList.QUESTION_JOINS)
    openers = words_of(language, WordList.YES_NO_OPENERS)
    if not asked:
        return None
    words, joined = _alternatives(asked), _alternatives(joins) if joins else "(?!)"
    if language == "ja":
        return re.compile(words), re.compile(rf"[、，,]\s*(?:(?:{joined})\s*[、，,]?\s*)?(?=(?:{words}))")
    edge = r"(?![\w'’-])"
    opening = rf"|^\W*(?:(?:{joined})\s+)?(?:{_alternatives(openers)}){edge}" if openers else ""
    question = re.compile(rf"(?<![\w'’-])(?:{words}){edge}{opening}", re.IGNORECASE)
    join = re.compile(rf",?\s+(?:{joined})\s+(?=(?:[\w'’-]+\s+){{0,{_LATIN_WORDS - 1}}}(?:{words}){edge})",
                      re.IGNORECASE)
    return question, join


def _asks(part: str, language: str) -> bool:
    """``part`` is a question of its own (see ``_patterns``)."""
    patterns = _patterns(language)
    return patterns is not None and bool(patterns[0].search(part))


def split_questions(message: str, language: str) -> list[str]:
    """The questions of ``message`` in order (a message asking one: itself alone); see the module's rules."""
    patterns = _patterns(language)
    if patterns is None:
        return [message]
    join = patterns[1]
    ends = [mark.end() for mark in _MARKS.finditer(message)]
    sentences = [message[start:end] for start, end in zip([0, *ends], [*ends, len(message)], strict=True)]
    parts: list[str] = []
    for sentence in sentences:
        if not _WORDED.search(sentence):
            continue
        pieces, start = [], 0
        for cut in join.finditer(sentence):
            before = sentence[start:cut.start()]
            if _asks(before, language) and _WORDED.search(before):
                pieces.append(before)
                start = cut.start() if language != "ja" else cut.end()
        pieces.append(sentence[start:])
        for piece in pieces:
            if parts and (not _asks(piece, language) or _ASIDE.fullmatch(piece)):
                # "… où ? à Tokyo ?": the detail of the question before; "when? (was it signed)": a follow-up's
                # subject in brackets (bot.conversation) or a remark, never a question of its own
                parts[-1] += piece
            else:
                parts.append(piece)
    parts = [" ".join(p.split()).lstrip(" ,、，") for p in parts if _WORDED.search(p)]
    if len(parts) < 2 or len(parts) > MAX_PARTS or not all(_asks(p, language) for p in parts):
        return [message]
    return parts
