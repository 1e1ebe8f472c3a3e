"""A message asking several questions: "Elle a été signée où ? Et par combien de ministres ?".

Searched whole, the words of one question dilute the other's (the place asked and the number of ministers: no passage
holds both, and the message was "not found" though its first question alone is answered). When the whole message
finds no answer, its first question is asked alone (retriever): a member gets at least that answer. The later
questions are never asked alone: they often lean on the first ("et par combien ?", "à Tokyo ?", 買収された？), and
read alone they would be answered by whatever passage shares their one word.
"""

from __future__ import annotations

import re

_MARKS = re.compile(r"[?？]+")  # the end of a question (searched once: "[^?]*[?]+" at each position was quadratic)
_WORDED = re.compile(r"\w")


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
