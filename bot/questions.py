"""Cleaning and validating a member's question before it reaches retrieval; whether it asks for more ("who else?")."""

from __future__ import annotations

import re
import unicodedata

from bot.limits import DISCORD_CONTENT, DISCORD_CONTENT_NITRO
from bot.search.cleanup import LINKS, MENTIONS

MAX_QUESTION_CHARS = DISCORD_CONTENT  # anything one Discord message can hold
MAX_MESSAGE_CHARS = DISCORD_CONTENT_NITRO  # a longer message: its last sentence with a "?" is the question

_MENTION = re.compile(MENTIONS, re.IGNORECASE)
_LINK = re.compile(LINKS, re.IGNORECASE)
_CODE_FENCE = re.compile(r"```(?:[a-zA-Z0-9_+-]*\n)?|`")
_SPACES = re.compile(r"\s+")
_HEADING = re.compile(r"[ \t]*(?:#{1,3}|-#)[ \t]+\S")  # a Discord Markdown heading (or subtext) line
# A list item's marker at a line's start ("1. ", "2) ", "1/ ", "(3) ", "Q1: ", "- ", "* ", a pasted "• ",
# １．, ①, （2）, ・), which Discord draws as a list or members number their questions with, and such a numbered
# item right after a question mark ("1. who signed? 2. when?" typed on one line): drawing, not words; read as
# words, "1" was a number the quotes had to hold ("1. who signed?" was not found). A space follows it, or a letter
# that is not ASCII (Japanese writes none): "1.5 million?", "-5 degrees?" and "-# subtext" are no list.
_NUMBERED = r"(?:[(（]?\d{1,2}[.)/．）]|(?:q|question)[ \t]?\d{1,2}[ \t]?[.:)：．]|[\u2460-\u2473])"
_AFTER_MARK = r"(?:[ \t]+|(?=[^\x00-\x7f]))(?=[^\W\d_])"
_LIST_MARK = re.compile(rf"^(?:[-*•・]|>{{1,3}}|{_NUMBERED}){_AFTER_MARK}", re.IGNORECASE)  # and a quote's ">"
_ITEM_AFTER_QUESTION = re.compile(rf"(?<=[?？])[ \t]*{_NUMBERED}{_AFTER_MARK}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+")
_QUESTION_MARKS = ("?", "？")


# "who else?", "qui d'autre ?", 他には？: a follow-up asking for more than the previous answer gave
MORE = re.compile(r"\b(?:else|other|others|another|autre|autres)\b|他|ほか")


def fold(text: str) -> str:
    """NFKC, case folded, one apostrophe: how a question's words are compared."""
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def asks_for_more(question: str) -> bool:
    """"who else?", "qui d'autre ?", 他には？: a follow-up whose answer leaves out what its subject already quoted
    (``bot.conversation``; ``logs replay`` reports it)."""
    return bool(MORE.search(fold(question)))


class QuestionError(ValueError):
    """A question that cannot be answered as given; ``key`` names the message in ``bot.i18n``."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


_INVISIBLE = ("Cf", "Cs", "Co", "Cn")
# Decorative marks drawn over or under letters ("W̷h̷o̷", "s̶i̶g̶n̶e̶d̶", "u̲n̲d̲e̲r̲l̲i̲n̲e̲d̲"): strikethrough and underline
# text generators; never an accent of French or a mark of Japanese, so the letters are read as written.
_OVERLAYS = re.compile("[\u0332-\u0338\u20d0-\u20f0]")


# A zero-width joiner between two pictographs is part of one emoji (woman + ZWJ + laptop: a coder; a family; the
# rainbow flag), not an invisible character: dropped, it splits the emoji into its parts in the echoed title and log.
_PICTOGRAPH = "\u2600-\u27bf\U0001f000-\U0001faff"
_EMOJI_JOINER = re.compile(f"(?<=[{_PICTOGRAPH}\ufe0f])\u200d(?=[{_PICTOGRAPH}])")


def _drop_invisible(text: str) -> str:
    """``text`` without format characters (zero-width, bidi marks), unassigned ones and lone surrogates, but the
    joiners of an emoji sequence."""
    return "\u200d".join(
        "".join(c for c in part if unicodedata.category(c) not in _INVISIBLE) for part in _EMOJI_JOINER.split(text)
    )


def _strip_invisible(text: str) -> str:
    """Drop control and format characters (zero-width, bidi marks) and lone surrogates; controls and line
    separators become spaces."""
    if text.isprintable():  # no character of categories C* or Z* but the space: nothing to drop
        return text
    return _drop_invisible("".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text))


def _last_question(text: str) -> str | None:
    """The last sentence with a question mark of a long message (context first, the question at the end, as
    members write); None when the message is longer than any Discord message, or holds no such sentence."""
    if len(text) > MAX_MESSAGE_CHARS:
        return None  # not a message a member could send: refused without being read further
    for sentence in reversed(_SENTENCE_END.split(text)):
        if any(mark in sentence for mark in _QUESTION_MARKS) and len(sentence.strip()) <= MAX_QUESTION_CHARS:
            return sentence.strip()
    return None


def headline(question: str, limit: int) -> str:
    """What a title shows of a question: all of it when it fits, else its last sentence with a "?" (context
    first, the question at the end, as members write), else all of it (the caller clips it)."""
    if len(question) <= limit:
        return question
    for sentence in reversed(_SENTENCE_END.split(question)):
        if any(mark in sentence for mark in _QUESTION_MARKS):
            return sentence.strip() if len(sentence.strip()) <= limit else question
    return question


def _collapse(text: str) -> str:
    """White space collapsed to single spaces, but the line break after a Markdown heading: a heading over the
    question is its title, which the search leaves out (bot.search.cleanup); list markers left out."""
    lines = [_LIST_MARK.sub("", _SPACES.sub(" ", _strip_invisible(line)).strip()) for line in text.splitlines()]
    collapsed = ""
    for line in filter(None, lines):
        if collapsed:
            collapsed += "\n" if _HEADING.match(collapsed.rsplit("\n", 1)[-1]) else " "
        collapsed += line
    return _ITEM_AFTER_QUESTION.sub(" ", collapsed)


def clean_question(text: str | None) -> str:
    """Return the question ready for retrieval, or raise ``QuestionError``.

    Mentions (and @everyone/@here), custom emoji, code fences, control and invisible characters are removed;
    white space is collapsed (but the line break after a Markdown heading): this is what the log keeps. Empty,
    over-long and word-less questions are refused (emoji alone are not: they are small talk).
    """
    if text is None or not text.strip():
        raise QuestionError("empty")
    if len(text) > MAX_QUESTION_CHARS:
        text = _last_question(text) or text
    if len(text) > MAX_QUESTION_CHARS:  # with a "?": a question was there, it is the length that is wrong
        key = "question_too_long" if any(mark in text for mark in _QUESTION_MARKS) else "too_long"
        raise QuestionError(key, length=len(text), limit=MAX_QUESTION_CHARS)
    # Invisible characters go first: "<@\u200b123>" or "@\u200beveryone" must not become a mention below.
    # printable: no character of the C* categories (a kana or an accent is checked at C speed, not one by one)
    cleaned = text if text.isprintable() else _drop_invisible(text)
    cleaned = _OVERLAYS.sub("", cleaned)
    # a mention inside a link ("[who signed](https://x.example/@everyone)") is cut out of it, not into two: the link
    # stays one address, which the search leaves out (a masked link read as its text), not words (trial 8's R2)
    cleaned = _LINK.sub(lambda link: _MENTION.sub("", link.group()), cleaned)
    cleaned = _MENTION.sub(" ", cleaned)
    cleaned = _CODE_FENCE.sub(" ", cleaned)
    cleaned = _collapse(cleaned)
    if not cleaned:
        raise QuestionError("empty")
    if not any(unicodedata.category(c)[0] in ("L", "N") or unicodedata.category(c) == "So" for c in cleaned):
        raise QuestionError("no_words")  # an emoji alone ("👍") is small talk, answered by the retriever
    return cleaned
