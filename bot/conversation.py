"""Follow-ups: a short question that does not stand alone is read with the previous question's subject.

"and for Japan?", "et quand ?", "それはどこで？", "who else?" mean nothing to a keyword search on their own.
Within ``window`` seconds of a question by the same member in the same place (channel, thread or DM; the
terminal is one place), such a question is read as itself followed by the subject of the last question that
stood alone: "et quand ? (a signé la déclaration)". When the follow-up asks something (when, where, who), the
subject is that question without its interrogatives, so what the follow-up asks is what gets answered; when it
asks nothing of its own ("and for Japan?"), the whole question is: "and for Japan? (Who signed the declaration)".
A follow-up to a follow-up replies to the turn before it, as that turn was understood: after "what is the
declaration about?" and "and who signed it?", "and for Japan?" is read with "who signed it, what is the
declaration about" (its words, then the subject it was read with), not with the first question alone.

What does not lean on the previous question, even when short (decided from the message and the corpus):

* small talk — "thanks", "ok cool", "merci @bot", "ありがとう": nothing but the moderators' chat phrases
  (knowledge/chat/*.yaml); it gets the short small-talk reply, never the previous answer again;
* a message naming its own subject, with no pronoun standing for the previous one — a name the corpus knows
  (a glossary term: "JETRO?", "Station F ?", "ジェトロは？"), a number or a capitalised word the corpus lacks
  ("what about 5G?", "and Macron?"), or a question of its own about something ("et combien de start-up ?"); or
  words the corpus lacks altogether ("twice", "ééééé": read with the subject, they would repeat its answer), or a
  word no served language writes (longer than any word, a script of none of them: it names nothing to lean on).
  "and in Japan?", "Japon ?" name only a party every passage is about and still lean.

The subject is remembered with the passage that answered it, so a follow-up in another language gets the
subject in its own language (the same FAQ entry or section of the translated document): "When was it signed?"
after "Qui a signé la déclaration ?" is read "When was it signed? (signed the France-Japan declaration)", never
with French inside; when no translation is found, the follow-up is answered on its own.
The member's last language here is also remembered, for a message in no clear language ("Kono", "Muto Yoji").
A question its member edits (Discord) is read as if the replaced text had never been asked: ``rewind`` puts back
the subject that was remembered before it, so "who signd?" fixed to "et quand ?" leans on the question before,
never on the typo it replaces; a question its member deletes is forgotten the same way (``withdraw``), so no
follow-up shows its words again.
"Tell me more", « plus de détails », もっと詳しく (the ``more`` chat phrases, as the whole message) ask the last
question again for what its answers did not quote yet: the next passages on it, or "nothing more" (never a search
on "plus"); before any answer here they are small talk.
Used by Discord and by ``chat``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.models import Answer, ChatKind
from bot.questions import MORE, asks_for_more, fold
from bot.search.analysis import analyze, in_served_script, mask_interrogatives, question_types
from bot.search.spelling import MAX_WORD_LENGTH

if TYPE_CHECKING:
    from bot.search.retriever import Retriever

FOLLOW_UP_WINDOW = 600.0  # seconds a question's subject is remembered for the member's next question
MAX_PLACES = 10_000  # members × places remembered at once (the oldest are forgotten first)
MAX_WORDS = 5  # a Latin-script follow-up is this short at most ("and what about Japan then?")
MAX_CJK_CHARS = 14  # ... a Japanese one this short
MAX_OWN_WORDS = 1  # a short question with at most this many content words leans on the previous one
_ANSWER = "answer"  # the place under which the subject of an answer message is kept (see Conversations.pin)

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
    r"^(?:それ|その|そこ|あれ|あの|あそこ|彼|他に|ほかに|じゃあ|では|で、|また)|(?:他に|ほかに|は？|も？|のほう)"
)
# のほう: "the … one", standing for the previous subject ("いや、2013年のほうです": the 2013 one)
_JA_PRONOUNS = re.compile(r"^(?:それ|その|そこ|あれ|あの|あそこ|彼)|他|ほか|のほう")
# "who else?" and its words ("Who ELSE?", see questions.MORE), with the elided article of « qui d'autre ? » (« qui
# d' ? » reads as no who-question)
_MORE_WORDS = re.compile(rf"(?:\b[dl](?:['’]\s*|\s+(?=autres?\b)))?(?:{MORE.pattern})", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_NAME = re.compile(r"\b(?:[A-Z][\w-]*|\w*\d\w*)")  # "Macron", "5G", "2019": a name or a number
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")
# A Japanese question's end, left out of its subject: the copula and か ("のは誰ですか", "とは何ですか", "って何？");
# a polite verb stays whole ("共同声明は署名されましたか" → 共同声明は署名されました, never a stem cut at され)
_JA_QUESTION_END = re.compile(
    r"(?:のは|とは|って|は|の)?\s*(?:何|なに|なん)?\s*(?:です|でしょう|でした)?\s*(?:か|の)?[？?。!！\s]*$")
_JA_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")  # where a masked interrogative was (いつ, 誰)
_JA_PARTICLE_START = re.compile(r"^(?:が|は|を|に|で|の|も|と)(?=\S)")  # "誰が署名…": the particle of the 誰 left out


@dataclass(frozen=True, slots=True)
class _Subject:
    text: str  # the last question (a follow-up as understood) without its interrogatives
    question: str  # ... and as asked, for a follow-up that asks nothing of its own ("and for Japan?")
    language: str
    at: float
    passage_id: str = ""  # the passage that answered it: the subject in any language (see _translated)
    cited: frozenset[str] = frozenset()  # every passage quoted on this subject (left out of "who else?")
    answer: Answer | None = None  # the last answer given on it: "source?" gets its sources again


def subject_of(question: str) -> str:
    """What a question is about: the question without its interrogatives and its final question mark."""
    masked = mask_interrogatives(question)
    if not _CJK.search(masked):
        return " ".join(masked.split()).rstrip(" ?？!！.。").strip(" ,、")
    text = _JA_QUESTION_END.sub("", _JA_GAP.sub("", masked.strip()))
    if masked[:1].isspace():  # it began with the interrogative: "誰が署名しましたか" is about 署名しました
        text = _JA_PARTICLE_START.sub("", text)
    return " ".join(text.split()).strip(" ,、")


def _japanese(folded: str) -> bool:
    """Japanese, numbers aside ("2013年のほう")."""
    return bool(_CJK.search(folded)) and not _WORD.search(re.sub(r"[\u3041-\u30ff\u3400-\u9fff\d]", " ", folded))


def _pronoun(word: str, language: str) -> bool:
    """A word standing for the previous subject, elided or not ("d'autre", "l'autre", "it")."""
    return word in _PRONOUNS[language] or word.rsplit("'", 1)[-1] in _PRONOUNS[language]


def leans_on_previous(question: str, language: str | None) -> bool:
    """True for a short question that does not stand alone ("and for Japan?", "et quand ?", "それはどこで？")."""
    folded = fold(question).strip()
    if _japanese(folded):
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
    if any(_pronoun(word, lang) for word in words):
        return True
    return len(set(analyze(mask_interrogatives(question), lang))) <= MAX_OWN_WORDS


def without_lead(question: str, language: str | None) -> str:
    """``question`` without the connective it opens with ("and JETRO?" → "JETRO?", "what about 5G?" → "5G?")."""
    lang = language if language in _LEADS else "en"
    text = " ".join(_WORD.findall(fold(question)))
    for lead in sorted(_LEADS[lang], key=len, reverse=True):
        if text == lead or text.startswith(lead + " "):
            pattern = r"\W+".join(re.escape(word).replace("'", "['’]") for word in lead.split())
            return re.sub(r"^\W*" + pattern + r"\b", "", question, flags=re.IGNORECASE).lstrip(" ,")
    return question


def names_its_own_subject(question: str, language: str | None, retriever: Retriever) -> bool:
    """True for a short message about something of its own: "JETRO?", "what about 5G?", "et combien de start-up ?".

    Without a pronoun standing for the previous subject, a word counts as a subject of its own when it is a
    glossary name, a number or a capitalised word the corpus lacks, or when the message asks something about it.
    "and in Japan?" / "Japon ?" (a party every passage is about, asked nothing of) are not. Nor is a message whose
    words the corpus lacks altogether ("twice", "ééééé"): read with the subject, it would get the last answer again;
    nor one whose only word no served language writes (31 letters of nonsense, "مرحبا"): it gets "not found".
    """
    folded = fold(question).strip()
    if _japanese(folded):
        if _JA_PRONOUNS.search(folded):
            return False
        rest, lang = question, "ja"
    else:
        lang = language if language in _LEADS else "en"
        words = _WORD.findall(folded)
        if any(_pronoun(word, lang) for word in words):
            return False
        rest = without_lead(question, lang)  # "what about 5G?" is about "5G?"
    units = retriever.parse(rest, lang).units
    if not units:  # "Supercalifragilisticexpialidocious", "مرحبا": a word no language served writes names no subject
        return any(len(word) > MAX_WORD_LENGTH or not in_served_script(word) for word in _WORD.findall(fold(rest)))
    if all(retriever.unknown(unit) for unit in units):
        return True  # "twice", "ééééé": no word the corpus has, in any form; the subject adds none to it either
    if question_types(rest) and not _only_countries(units, retriever):
        return True  # it asks something about a word of its own ("et qui pour le Japon ?" only names a party)
    names = {fold(word) for word in _NAME.findall(rest)}
    for unit in units:
        if unit.expansions:  # a glossary name: JETRO, Station F, Bpifrance, ジェトロ
            return True
        if any(c.isdigit() for c in unit.token):  # 5G, 2019
            return True
        if not unit.alternatives and unit.keys & names:  # a name the corpus lacks: Macron, Bitcoin
            return True
    return False


def _only_countries(units: list, retriever: Retriever) -> bool:
    """Every content word is a country's name ("Japon", "Japan", "France"): a party to what was asked about."""
    return all(any(retriever.countries.named(key[:1].upper() + key[1:]) for key in unit.keys) for unit in units)


def _resolved(question: str, understood: str, language: str | None) -> str:
    """A follow-up as a question of its own, for the next follow-up to lean on: its own words, then the subject it
    was read with (newest first): "and who signed it?" read with "what is the declaration about" gives "who signed
    it, what is the declaration about"; "and for Japan?" read with "Who signed the declaration" gives "for Japan,
    Who signed the declaration"."""
    typed = question.rstrip()
    context = understood[len(typed):].strip().removeprefix("(").removeprefix("（").removesuffix(")").removesuffix("）")
    cjk = bool(_CJK.search(question))
    own = (question if cjk else without_lead(question, language)).strip().rstrip(" ?？!！.。")
    if not any(c.isalnum() for c in own):
        return context
    return f"{own}、{context}" if cjk else f"{own}, {context}"


def searched_text(question: str, understood: str) -> str:
    """What a follow-up asking for more is searched as: ``understood`` without its "else / autre / 他" (they would
    find "d'autres sources", 他の資料 — passages about other sources, not about more of the subject); the
    reading shown and logged stays ``understood``."""
    typed = question.rstrip()
    if understood == question or not understood.startswith(typed) or not MORE.search(fold(typed)):
        return understood
    return searched_alone(typed) + understood[len(typed):]


def searched_alone(question: str) -> str:
    """What a message is searched as on its own: without its "else / autre / 他" ("who else signed?" is who
    signed; "else" would find "anything else")."""
    return _MORE_WORDS.sub(" ", question) if MORE.search(fold(question)) else question


def _translated(retriever: Retriever, passage_id: str, language: str) -> str | None:
    """The subject of ``passage_id`` in ``language``: the first question of the FAQ entry, or the heading of the
    section, at the same place of the document that translates its document (``Retriever.translation``: the
    places an answer leaves out for "who else?")."""
    source = retriever.kb.passage_index(passage_id)
    found = None if source is None else retriever.translation(source, language)
    if found is None:
        return None
    passage = retriever.passages[found]
    if passage.questions:
        return passage.questions[0]
    return passage.heading or None


class Conversations:
    """The subject of each member's last question (a follow-up as understood), per place, for ``window`` seconds."""

    def __init__(
        self, window: float = FOLLOW_UP_WINDOW, clock: Callable[[], float] = time.monotonic, limit: int = MAX_PLACES
    ) -> None:
        self.window = window
        self._clock = clock
        self._limit = limit
        self._subjects: OrderedDict[Hashable, _Subject] = OrderedDict()
        self._languages: OrderedDict[Hashable, tuple[str, float]] = OrderedDict()
        # per place, the last question's key (a Discord message id) and the subject remembered before it
        self._before: OrderedDict[Hashable, tuple[Hashable, _Subject | None]] = OrderedDict()
        self._places: dict[Hashable, Hashable] = {}  # the last question's key → its place (as many as _before)
        self._more: OrderedDict[Hashable, str] = OrderedDict()  # a place's "tell me more" being answered

    def language(self, place: Hashable, detected: str | None, fallback: str) -> str:
        """A message's language: its own; else the member's previous message's here (within the window);
        else ``fallback`` (the server's or the member's locale, English in the terminal)."""
        if detected:
            return detected
        last = self._languages.get(place)
        if last is not None and self._clock() - last[1] <= self.window:
            return last[0]
        return fallback

    def understand(
        self, place: Hashable, question: str, language: str | None, retriever: Retriever | None = None
    ) -> tuple[str, str | None]:
        """The question as it will be answered, and its language (the previous one's when unclear).

        With ``retriever`` (the current index), small talk and messages naming their own subject are left
        alone, and a subject asked in another language is given in the follow-up's.
        """
        subject = self._subjects.get(place)
        if subject is None or self._clock() - subject.at > self.window or not subject.text:
            return question, language
        text = question
        self._more.pop(place, None)
        if retriever is not None:
            cleaned = retriever.lexicon.clean(question)
            text = cleaned.text
            if not any(unicodedata.category(c)[0] in "LN" for c in text):
                if ChatKind.MORE in cleaned.removed:  # "tell me more": the last question, for what it left out
                    return self._asks_more(place, question, language, subject, retriever)
                return question, language  # "thanks", "ok cool", "merci @bot": small talk, not a follow-up
        if not leans_on_previous(text, language or subject.language):
            return question, language
        if retriever is not None and names_its_own_subject(text, language or subject.language, retriever):
            return question, language
        asks = bool(question_types(text))
        if language and language != subject.language:  # never the other language's words inside the question
            translated = _translated(retriever, subject.passage_id, language) if retriever is not None else None
            if translated is None:
                return question, language
            context = subject_of(translated) if asks else translated.rstrip(" ?？")
        else:
            context = subject.text if asks else subject.question.rstrip(" ?？")
        opening, closing = ("（", "）") if _CJK.search(question) else (" (", ")")
        return f"{question.rstrip()}{opening}{context}{closing}", language or subject.language

    def _asks_more(
        self, place: Hashable, question: str, language: str | None, subject: _Subject, retriever: Retriever
    ) -> tuple[str, str | None]:
        """"tell me more": the last question as asked (in the member's language), to be searched again without
        what was quoted on it."""
        context = subject.question.rstrip(" ?？")
        if language and language != subject.language:
            translated = _translated(retriever, subject.passage_id, language)
            if translated is None:
                return question, language
            context = translated.rstrip(" ?？")
        opening, closing = ("（", "）") if _CJK.search(question) else (" (", ")")
        understood = f"{question.rstrip()}{opening}{context}{closing}"
        self._more.pop(place, None)
        self._more[place] = understood
        while len(self._more) > self._limit:
            self._more.popitem(last=False)
        return understood, language or subject.language

    def _asked_more(self, place: Hashable, understood: str) -> bool:
        return self._more.get(place) == understood

    def searched(self, place: Hashable, question: str, understood: str) -> str:
        """What a question is searched as: after "tell me more", the last question alone (its words, never
        "plus" or "more"); else :func:`searched_text`."""
        if self._asked_more(place, understood):
            opening = "（" if understood.endswith("）") else " ("
            return understood[len(question.rstrip()) + len(opening):-1]
        return searched_text(question, understood)

    def nothing_more(
        self, place: Hashable, understood: str, answer: Answer, left_out: frozenset[str] = frozenset()
    ) -> Answer:
        """After "tell me more", or "who else?" whose search ``left_out`` what its subject quoted, an answer that
        found nothing it had not quoted says so (reason "no-more"): "who else signed?" after the signatories is
        no question the sources cannot answer, they have no one more."""
        asked_more = self._asked_more(place, understood) or bool(left_out)
        if asked_more and not answer.answered and not answer.small_talk:
            return replace(answer, reason="no-more")
        return answer

    def last_answer(self, place: Hashable) -> Answer | None:
        """The last answer given here (within the window; a reply to an answer: that answer), for "source?",
        "lien ?", ソースは？, which ask for its sources again rather than for a new search."""
        subject = self._subjects.get(place)
        if subject is None or self._clock() - subject.at > self.window:
            return None
        return subject.answer

    def already_quoted(self, place: Hashable, question: str, understood: str) -> frozenset[str]:
        """For a follow-up asking for more ("who else?", "qui d'autre ?", 他には？): the passages already quoted
        on its subject, which its answer leaves out (else it would repeat them); empty otherwise."""
        subject = self._subjects.get(place)
        if understood == question or subject is None:
            return frozenset()
        if not asks_for_more(question) and not self._asked_more(place, understood):
            return frozenset()
        return subject.cited

    def rewind(self, place: Hashable, key: Hashable) -> bool:
        """Forget the last question of ``place`` if ``key`` names it (its member edited it): the subject
        remembered before it is back. False when another question came after it (or it is forgotten)."""
        before = self._before.get(place)
        if before is None or before[0] != key:
            return False
        del self._before[place]
        self._places.pop(key, None)
        taken_back = self._subjects.pop(place, None)
        for other in [p for p, s in self._subjects.items() if taken_back is not None and s is taken_back]:
            del self._subjects[other]  # where it went on (``follow``): its words are taken back there too
        if before[1] is not None:
            self._subjects[place] = before[1]
        return True

    def follow(self, place: Hashable, other: Hashable) -> None:
        """The conversation of ``place`` goes on in ``other`` as well: the thread the bot opened for its last
        question, where a follow-up ("et quand ?") leans on that question, in its language."""
        subject = self._subjects.get(place)
        if subject is not None:
            self._subjects[other] = subject
        language = self._languages.get(place)
        if language is not None:
            self._languages[other] = language
        for kept in (self._subjects, self._languages):
            while len(kept) > self._limit:
                kept.popitem(last=False)

    def pin(self, place: Hashable, answer: Hashable) -> None:
        """``answer`` (a Discord message id) answers the last question of ``place``: a reply to it (Discord's
        "Reply"), by any member, is read as a follow-up of that question (:meth:`resume`)."""
        self.follow(place, (_ANSWER, answer))

    def resume(self, answer: Hashable, place: Hashable, *, unless_own: bool = False) -> bool:
        """A member in ``place`` replies to ``answer``: their message leans on the question it answered, not on
        their own last one (within ``window`` of the reply). False when that answer is not remembered, or, with
        ``unless_own``, when the member has a subject of their own there (their follow-ups in a thread go on)."""
        subject = self._subjects.get((_ANSWER, answer))
        own = self._subjects.get(place)
        if subject is None or (unless_own and own is not None and self._clock() - own.at <= self.window):
            return False
        now = self._clock()
        self._subjects.pop(place, None)
        self._subjects[place] = replace(subject, at=now)
        language = self._languages.get((_ANSWER, answer))
        if language is not None:
            self._languages.pop(place, None)
            self._languages[place] = (language[0], now)
        return True

    def withdraw(self, key: Hashable) -> None:
        """Its member deleted the question ``key``: if it is still the last of its place, it is forgotten (a
        follow-up would otherwise show its words again: "and when? (my secret name is …)")."""
        place = self._places.get(key)
        if place is not None:
            self.rewind(place, key)

    def remember(
        self, place: Hashable, question: str, understood: str, answer: Answer, key: Hashable | None = None
    ) -> None:
        """Keep the subject of a question: as asked when it stood alone; a follow-up's own words with the subject it
        was read with ("who else?" keeps that subject, adding what it quoted to leave out); ``key``
        (a message id) lets :meth:`rewind` undo this question when its member edits it."""
        now = self._clock()
        self._languages.pop(place, None)
        self._languages[place] = (answer.language, now)
        while len(self._languages) > self._limit:
            self._languages.popitem(last=False)
        replaced = self._before.pop(place, None)
        if replaced is not None:
            self._places.pop(replaced[0], None)
        if key is not None:
            self._before[place] = (key, self._subjects.get(place))
            self._places[key] = place
            while len(self._before) > self._limit:
                _, (oldest, _) = self._before.popitem(last=False)
                self._places.pop(oldest, None)
        more = self._more.pop(place, None) == understood
        if answer.small_talk:
            return
        previous = self._subjects.pop(place, None)
        cited = frozenset(c.passage_id for c in answer.citations)
        if understood != question and previous is not None and (more or asks_for_more(question)):  # "who else?"
            shown = answer if answer.citations else previous.answer  # "nothing more": "source?" is the last quotes'
            subject = _Subject(previous.text, previous.question, previous.language, now, previous.passage_id,
                               previous.cited | cited, shown)
        elif understood != question and previous is not None:  # the next follow-up replies to this one
            resolved = _resolved(question, understood, answer.language)
            passage_id = answer.citations[0].passage_id if answer.citations else previous.passage_id
            text = ", ".join(part for part in subject_of(resolved).split(", ") if any(c.isalnum() for c in part))
            subject = _Subject(text, resolved, answer.language, now, passage_id, previous.cited | cited, answer)
        else:
            passage_id = answer.citations[0].passage_id if answer.citations else ""
            alone = without_lead(question, answer.language) if not _CJK.search(question) else question
            alone = alone if any(c.isalnum() for c in alone) else question  # "and JETRO?" is about JETRO
            subject = _Subject(subject_of(alone), alone, answer.language, now, passage_id, cited, answer)
        self._subjects[place] = subject
        while len(self._subjects) > self._limit:
            self._subjects.popitem(last=False)
