"""Whether a logged follow-up leans on a given question: its ``understood`` carries that question's words.

A follow-up is logged as the bot read it, "and when? (who signed the declaration)": the words in brackets are those
of the question it leaned on, which may be another member's (a reply to her answer, a thread). When that member's
questions are forgotten (``/forget-me``, ``logs forget``), her words must leave the other rows too; the log keeps no
link from a follow-up to its subject, so the brackets are compared with her questions instead.
"""

from __future__ import annotations

import re

from bot.search.cleanup import fold, has_cjk

# the subject added at the end of each part ("x? (subject)", "x？（subject）"; parts are joined by " | ")
_SUBJECT = re.compile(r"[(（]([^()（）]*)[)）](?=\s*(?:\||$))")
_WORD = re.compile(r"\w+")


def _within(word: str, question: str, words: set[str]) -> bool:
    """A word of a subject comes from ``question``: one of its ``words`` (Latin), or its characters (Japanese, whose
    subject is the question with its interrogative and particles taken out)."""
    if has_cjk(word):
        return all(c in question for c in word)
    return set(_WORD.findall(word)) <= words


def leans_on(understood: str, question: str) -> bool:
    """Some subject in ``understood`` is made of ``question``'s words (case and accents aside)."""
    asked = fold(question)
    words = set(_WORD.findall(asked))
    for subject in _SUBJECT.findall(understood):
        said = fold(subject).split()
        if _WORD.search(" ".join(said)) and all(_within(w, asked, words) for w in said):
            return True
    return False
