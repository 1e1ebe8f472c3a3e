"""Follow-ups: a short question that does not stand alone is read with the previous question's subject.

"and for Japan?", "et quand ?", "それはどこで？", "who else?" mean nothing to a keyword search on their own.
Within ``window`` seconds of a question by the same member in the same place (channel, thread or DM; the
terminal is one place), such a question is read as itself followed by the subject of the last question that
stood alone: "et quand ? (a signé la déclaration)". When the follow-up asks something (when, where, who), the
subject is that question without its interrogatives, so what the follow-up asks is what gets answered; when it
asks nothing of its own ("and for Japan?"), the whole question is: "and for Japan? (Who signed the declaration)".
Used by Discord and by ``chat``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from bot.models import Answer
from bot.search.analysis import analyze, mask_interrogatives, question_types

FOLLOW_UP_WINDOW = 600.0  # seconds a question's subject is remembered for the member's next question
MAX_PLACES = 10_000  # members × places remembered at once (the oldest are forgotten first)
MAX_WORDS = 5  # a Latin-script follow-up is this short at most ("and what about Japan then?")
MAX_CJK_CHARS = 14  # ... a Japanese one this short
MAX_OWN_WORDS = 1  # a short question with at most this many content words leans on the previous one

# Words that tie a question to the one before: leading connectives and pronouns standing for its subject.
_LEADS = {
    "en": ("and", "also", "then", "what about", "how about", "and what about", "same for", "what else", "who else"),
    "fr": ("et", "aussi", "puis", "alors", "et pour", "et en", "et du", "et de", "même chose", "qui d'autre"),
}
_PRONOUNS = {
    "en": {"it", "its", "that", "this", "there", "they", "them", "he", "she", "him", "her", "else", "those", "these"},
    "fr": {"il", "elle", "ils", "elles", "y", "ça", "ca", "cela", "ceci", "celui", "celle", "là", "la-bas", "lui",
           "autre", "autres", "leur", "eux"},
}
_JA_TIES = re.compile(
    r"^(?:それ|その|そこ|あれ|あの|あそこ|彼|他に|ほかに|じゃあ|では|で、|また)|(?:他に|ほかに|は？|も？)"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")
_JA_QUESTION_END = re.compile(r"(?:のは)?\s*(?:です|ます|でした|ました)?か?[？?。\s]*$")


@dataclass(frozen=True, slots=True)
class _Subject:
    text: str  # the last stand-alone question without its interrogatives
    question: str  # ... and as asked, for a follow-up that asks nothing of its own ("and for Japan?")
    language: str
    at: float


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def subject_of(question: str) -> str:
    """What a question is about: the question without its interrogatives and its final question mark."""
    text = " ".join(mask_interrogatives(question).split())
    text = _JA_QUESTION_END.sub("", text) if _CJK.search(text) else text.rstrip(" ?？!！.。")
    return text.strip(" ,、")


def leans_on_previous(question: str, language: str | None) -> bool:
    """True for a short question that does not stand alone ("and for Japan?", "et quand ?", "それはどこで？")."""
    folded = _fold(question).strip()
    if _CJK.search(folded) and not _WORD.search(re.sub(r"[\u3041-\u30ff\u3400-\u9fff]", " ", folded)):
        if len(_CJK.findall(folded)) > MAX_CJK_CHARS:
            return False
        return bool(_JA_TIES.search(folded)) or len(set(analyze(mask_interrogatives(question), "ja"))) <= 1
    words = _WORD.findall(folded)
    if not words or len(words) > MAX_WORDS:
        return False
    lang = language if language in _LEADS else "en"
    text = " ".join(words)
    if any(text == lead or text.startswith(lead + " ") for lead in _LEADS[lang]):
        return True
    if any(word in _PRONOUNS[lang] for word in words):
        return True
    return len(set(analyze(mask_interrogatives(question), lang))) <= MAX_OWN_WORDS


class Conversations:
    """The subject of each member's last stand-alone question, per place, for ``window`` seconds."""

    def __init__(
        self, window: float = FOLLOW_UP_WINDOW, clock: Callable[[], float] = time.monotonic, limit: int = MAX_PLACES
    ) -> None:
        self.window = window
        self._clock = clock
        self._limit = limit
        self._subjects: OrderedDict[Hashable, _Subject] = OrderedDict()

    def understand(self, place: Hashable, question: str, language: str | None) -> tuple[str, str | None]:
        """The question as it will be answered, and its language (the previous one's when unclear)."""
        subject = self._subjects.get(place)
        if subject is None or self._clock() - subject.at > self.window or not subject.text:
            return question, language
        if not leans_on_previous(question, language or subject.language):
            return question, language
        opening, closing = ("（", "）") if _CJK.search(question) else (" (", ")")
        context = subject.text if question_types(question) else subject.question.rstrip(" ?？")
        return f"{question.rstrip()}{opening}{context}{closing}", language or subject.language

    def remember(self, place: Hashable, question: str, understood: str, answer: Answer) -> None:
        """Keep the subject of a question that stood alone (a follow-up keeps the subject it used)."""
        if answer.small_talk:
            return
        now = self._clock()
        previous = self._subjects.pop(place, None)
        if understood != question and previous is not None:
            subject = _Subject(previous.text, previous.question, previous.language, now)
        else:
            subject = _Subject(subject_of(question), question, answer.language, now)
        self._subjects[place] = subject
        while len(self._subjects) > self._limit:
            self._subjects.popitem(last=False)
