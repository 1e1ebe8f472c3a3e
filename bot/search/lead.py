"""The first quote states the asked fact: which of the retrieved passages leads an answer, and how it is asked.

Ranking puts first the passage sharing most of the question's words, which is often one that mentions them
in passing ("He met Mounir Mahjoubi…" for "who is Mahjoubi"). A member reads the first quote, so among the
passages ranked close to the best (``LEAD_RATIO``) and covering about as much of the question
(``LEAD_COVERAGE``), the lead is the first whose sentences holding the question's words also state:

- for "who is X / qui est X / Xは誰": X as the subject with a role ("X was then Secretary of State for…",
  "X, …, était alors secrétaire d'État…", "Xは…閣外大臣でした"); likewise for "what is X / c'est quoi X / Xって何"
  when X is a short name ("Station F, …, is the startup campus…", not the evening held there);
- for a kind of answer: that kind in a strong form, beside the question's words: person names for "who signed"
  (two capitalised words, a katakana name, a name with a title), a place after its preposition ("in Paris",
  "à Paris", "パリで") for "where", a date for "when", a number next to what is counted for "how many".

A yes/no question ("was it signed in Tokyo?", "Abe a-t-il signé ?", "安倍首相は署名した？") supposes a name
(Tokyo, Abe) that is its premise, not its subject: it is asked again without that name, as "where / who" (the
kind of the premise), so the quote states the fact, and shows it when the corpus says otherwise (the bot quotes;
it never says "no"). Its abstention is still decided on the question as asked.

The word lists are data, one entry per language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.search.analysis import (
    analyze,
    analyze_spans,
    base_tokens,
    is_cjk,
    mask_interrogatives,
    runs_holding,
    standard_interrogatives,
    stem,
)
from bot.search.evidence import COUNT_WINDOW, NOT_NAMES, counted_places, counting_numbers, ja_counts
from bot.search.kinds import TITLE_GIVEN, Kind, fold, holds
from bot.search.people import companions
from bot.search.snippets import PreparedText, plain_text, sentence_starts
from bot.search.titles import JA_HONORIFICS, JA_TITLES

if TYPE_CHECKING:
    from bot.search.query import Query, Ranked
    from bot.search.retriever import Retriever

# Calibration: tests/evaluation.py (hit@1 and hit@3 of the team set and blind sets A and B).
LEAD_RATIO = 0.35  # a passage may lead when it ranks ≥ this share of the best
LEAD_COVERAGE = 0.9  # ... and covers ≥ this share of the question weight the best passage covers
COUNT_COVERAGE = 0.5  # ... or, for "how many X", this share when it holds a number of X (X "réunies" by JETRO
# is answered by "JETRO a rassemblé une trentaine d'entreprises"); so for a role asked, or "who … along with X",
# or a weekday asked (a day's name is rare: « ça tombait quel jour de la semaine ? » matched « Ça tombe bien »)
SUBJECT_WORDS = 4  # "X is…": X among the first words of the sentence (first name, title before it)
NAME_CAPITALS = 0.7  # "who is X": X is a name the corpus writes capitalised this often inside a sentence
PREMISE_PERSON_SHARE = 0.5  # a word of a yes/no question is a person it supposes when the corpus writes it this
# often inside a person's name (first and last name: "Shinzo Abe"); "Japonismes 2018" is not one
PREMISE_CAPITALISED = 0.5  # ... and writes it capitalised at least this often: a name is ("technologies", written
# in "Industrial Technology Development Organization" but mostly in lower case, is none)
PREMISE_MAX_ZIPF = 5.0  # ... and it is no everyday word ("new" of "New Energy"; Abe 3.5, Mahjoubi 1.8)
PREMISE_PASSAGES = 20  # passages read to tell that (a name is written the same way everywhere)


# "who is X": the question asks what X is (matched on folded text, "’" as "'").
WHO_IS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^\W*who\s*(?:'s|is|was|are|were)\s+(?!it\b|this\b|that\b|the\b|in\b|behind\b)(?!.*'s\b)"
                     r"|\bwho\s*(?:is|was)\s*\W*$"),  # not "who is JETRO's boss"
    "fr": re.compile(r"\bqui (?:est|était|etait|sont|étaient|etaient)\s+(?!-ce\b|le\b|la\b|les\b|l'|à\b|derrière\b)"
                     r"|\bc'?est qui\b(?!\s+(?:le|la|les|l'|qui|qu'))|\bqui c'?est\b|\bqui est-ce\b(?!\s+qu)"
                     r"|\bc qui\W*$"),  # "mahjoubi c ki": chat for "c'est qui" (standard_interrogatives); « c'est
    # qui qui a lancé la soirée ? », « qui est-ce qui a signé ? »: who did it, not who X is
    "ja": re.compile(r"(?<!の)(?:は|って|とは)(?:誰|だれ|どなた|何者|どんな人)(?!が)"),  # not "署名したのは誰", nor
    # "フランス側は誰が署名した": who did it, not who フランス側 is
}
# "what is X": the question asks what X is, X a short name ("what is Station F", "c'est quoi la French Tech",
# "日仏の共同声明って何"), not a property of it ("what is the title of…", "quel est le nom de…": no "of/de").
WHAT_IS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^\W*what\s*(?:'s|is|are|was|were)\s+(?!it\b|this\b|that\b|there\b)(?!.*\b(?:of|for|in|about)\b)"
                     r"[^?]*\??\W*$"),
    "fr": re.compile(r"^\W*(?:c'?est quoi|qu'est-ce que|qu'est ce que|c koi|c quoi)\s+(?!.*\b(?:de|du|des|d')\b)"
                     r"[^?]*\??\W*$|^[^?]*\bc'?est quoi\W*$"),
    "ja": re.compile(r"(?:って|とは)(?:何|なに|なん)(?:ですか|なの|だっけ|でしょう)?\W*$"),
}
# "what was X's job", "Mahjoubi il avait quel poste", "武藤の役職は": the role of X is asked, as "who is X" asks it.
ROLE_ASKED: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:position|post|job|role|office|portfolio)s?\b"),
    "fr": re.compile(r"\b(?:poste|rôle|role|fonction|portefeuille|boulot|job)s?\b"),
    "ja": re.compile(r"役職|肩書|ポスト|役割"),
}
_FIRST_CLAUSE = re.compile(r"[^?？,、]*[?？]?")  # a question's first clause, with its question mark
WHAT_IS_MAX_WORDS = 3  # ... X of at most this many content words: a longer one asks about something, not what X is
# X is a …: the copula, at most two words (then, alors, 2018…), then an article or a role.
ROLE: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:is|was|are|were)\s+(?:[\w\-]+\s+){0,2}?(?:the|a|an|one|minister|secretary|state|vice"
                     r"|president|director|ceo|founder|head|chairman|ambassador|agency|\w+'s)\b"),
    "fr": re.compile(r"\b(?:est|était|etait|fut|sont|étaient)\s+(?:[\w\-]+\s+){0,2}?(?:le|la|les|l'|un|une|ministre"
                     r"|vice|secrétaire|secretaire|président|president|directeur|directrice|fondateur|ambassadeur"
                     r"|agence|organisme)\b"),
    # ja: "XはYです。", or "XはYで、…" (a noun, then the copula's linking form: "J-Startup は…プログラムで、")
    "ja": re.compile(r"^[^。]*?は[^。]*(?:(?:です|でした|である|だった)。?$|[\u30a0-\u30ff\u4e00-\u9fff]で、)"),
}
# The topic of a Japanese sentence: the last word before its first は (a katakana, kanji or Latin run, a reading in
# brackets after it left out), the subject a relative clause before it describes ("…となったステーションF（…）は、").
JA_TOPIC = re.compile(r"^[^。は]*?([\u30a0-\u30ff\u4e00-\u9fffA-Za-z0-9\-]+)(?:[（(][^）)]*[）)])?\s*は")
# Yes/no questions: an auxiliary first (en), an inversion or "est-ce que" (fr), a verb ending with no
# interrogative (ja); or, in French and English, a statement opened by a pronoun and asked by its question mark
# alone (intonation: « C'est signé à Tokyo ? », « Elle a été signée à Tokyo, ? » once a tag is cut, "it was signed
# in Tokyo?"); WH: the interrogatives that make it a wh-question instead (chat spellings too: « c'est koi ? »).
_INTONATION = r"\b[^?？]*\w[^\w?？]*[?？]+\W*$"
YES_NO: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^\W*(?:was|were|did|does|do|has|have|had|is|are|will)\b"
                     rf"|^\W*(?:it|they|he|she|that|this){_INTONATION}"),
    "fr": re.compile(r"-t-(?:il|elle|on)\b|\w-(?:il|elle|ils|elles)\b|^\W*est-ce qu"
                     rf"|^\W*(?:c'est|c'était|c'etait|ce sont|ça|ca|elle|il|ils|elles|on){_INTONATION}"),
    "ja": re.compile(r"(?:した|された|しました|されました|ですか|ますか|でしたか|ましたか|したの|されたの)\W*$"),
}
_EST_CE_QUE = re.compile(r"(?<![\w'])est-ce qu(?:e\b|')")  # « est-ce que » opens a yes/no question (not « qu'est-ce
# que », « où est-ce que »: their question word stays)
WH: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:who|whom|whose|what|when|where|which|why|how)\b"),
    "fr": re.compile(r"\b(?:qui|que|quoi|quand|où|pourquoi|comment|combien|quel|quelle|quels|quelles)\b|\bqu'"),
    "ja": re.compile(r"誰|だれ|何|なに|なん|いつ|どこ|どう|なぜ|どれ|どの|どんな|いくら|教えて"),
}
# A premise after a place preposition is a place ("in Tokyo", "à Tokyo", "東京で"); any other is who acts.
PLACE_BEFORE: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:in|at)\s+(?:the\s+)?$"),
    "fr": re.compile(r"\b(?:à|au|aux|en)\s+$"),
}
JA_PLACE_AFTER = re.compile(r"^(?:で|にて)")
# Japanese names in a question: a title after kanji (安倍首相), a dotted katakana name.
JA_PERSON = re.compile(rf"[\u4e00-\u9fff]{{1,4}}(?:{'|'.join((*JA_TITLES, *JA_HONORIFICS))})|[ァ-ヶー]+・[ァ-ヶー]+")
JA_PLACE = re.compile(r"(日本|フランス|東京|パリ|[\u4e00-\u9fffァ-ヶー]+(?:都|市|区|県|国))(?:で|にて)")
# The interrogative token an FAQ question carries for a kind (bot.search.analysis.QUESTION_TYPES).
QUESTION_TYPE_OF = {Kind.PERSON: "who", Kind.PLACE: "where"}

# Strong evidence of a kind in a sentence.
_NAME_PAIR = re.compile(r"(?<![\w\-])([A-ZÉ][a-zéèëïôç]+(?:-[A-ZÉ][a-zéèëïô]+)?)[ \u00a0]+([A-ZÉ][a-zéèëïôç]+"
                        r"(?:-[A-ZÉ]?[a-zéèëïô]+)?)")
_JA_NUMBER = re.compile(r"\d+|[一二三四五六七八九十百千万]+")
_PLACE_TEXT: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w\-]+)"),
    "fr": re.compile(r"(?:\bà|\bau|\baux|\ben)\s+([A-ZÉ][\w\-]+)"),
    "ja": re.compile(r"(?:日本|フランス|東京|パリ|[\u4e00-\u9fff]+(?:都|市|区|県))(?:で|にて)"),  # で is also "and"
}


# "声明に署名したのは日本からは誰？": the one who did it (…したのは), whoever is asked after it, not who X is; so is
# "フランス側の署名者は誰？" (a doer's noun, …者: the quote naming the French signatories, not the ministry's side), and
# a person described by what they did (…サインした政治家は誰, お祝いコメント出した外務大臣って誰, …の代表は誰)
_JA_DOER = re.compile(r"(?:した|する|している|しました|された|してた)(?:の|人)(?:は|って)"
                      r"|(?<=[\u4e00-\u9fff])者(?:は|って)"
                      r"|(?<=[\u3041-\u3093])(?:人|女性|男性|政治家|閣僚|実業家|人物|二人|三人|外務大臣|大臣)(?:は|って)"
                      r"|の代表(?:者)?(?:は|って)")


def is_who_is(question: str, language: str) -> bool:
    pattern = WHO_IS.get(language)
    folded = standard_interrogatives(fold(question).replace("’", "'"))
    return bool(pattern and pattern.search(folded) and not (language == "ja" and _JA_DOER.search(folded)))


def asks_role(question: str, language: str) -> bool:
    pattern = ROLE_ASKED.get(language)
    folded = fold(question)
    return bool(pattern and pattern.search(folded)) or bool(TITLE_GIVEN.search(folded))


def is_what_is(question: str, language: str) -> bool:
    return bool(what_is_clause(question, language))


def what_is_clause(question: str, language: str) -> str:
    """The clause of ``question`` asking what X is (WHAT_IS), "" when none does: its first clause, up to a question
    mark or comma, else the whole question ("c'est quoi Station F, je demande pour un ami": words typed after the
    question are no part of X)."""
    pattern = WHAT_IS.get(language)
    if pattern is None:
        return ""
    folded = standard_interrogatives(fold(question).replace("’", "'"))
    first = _FIRST_CLAUSE.match(folded)
    for clause in dict.fromkeys((first.group() if first else folded, folded)):
        if pattern.search(clause):
            return clause
    return ""


def is_yes_no(question: str, language: str) -> bool:
    """The question asks whether, not what: "did it…?", « est-ce que la déclaration parle de X ? » (its « que » asks
    nothing), « parle-t-elle… ? », 署名しましたか."""
    folded = fold(question).replace("’", "'")
    yes_no = YES_NO.get(language)
    asked = _EST_CE_QUE.sub(" ", folded) if language == "fr" else folded
    return bool(yes_no and yes_no.search(folded) and not asks_wh(standard_interrogatives(asked), language))


def asks_wh(question: str, language: str) -> bool:
    """The question holds a question word (who, quand, 何): it asks for something, not whether."""
    wh = WH.get(language)
    return bool(wh and wh.search(fold(question).replace("’", "'")))


def _place(sentence: str, language: str) -> int | None:
    pattern = _PLACE_TEXT.get(language)
    if pattern is None:
        return None
    if language == "ja":
        found = pattern.search(sentence)
        return found.start() if found else None
    return next((m.start() for m in pattern.finditer(sentence) if fold(m.group(1)) not in NOT_NAMES), None)


def stated_at(kind: Kind, sentence: str, language: str) -> int | None:
    """Where ``sentence`` states an answer of ``kind`` in a strong form (a place after its preposition, a
    date…), None when it does not. A person is found by bot.search.people (``Lead`` asks it)."""
    if kind is Kind.PLACE:
        return _place(sentence, language)
    if kind in (Kind.DATE, Kind.WEEKDAY, Kind.DURATION, Kind.TIME, Kind.MONEY):
        return 0 if holds(kind, sentence) else None
    return None


def defines(sentence: str, spans: Sequence[tuple[str, int, int]], names: frozenset[str], language: str,
            topic: bool = False) -> bool:
    """``sentence`` (its tokens' ``spans``) says what one of ``names`` is: the name among its first words, before
    a comma ("Mounir Mahjoubi, signataire de la déclaration…, était…" says what Mahjoubi was, not the declaration;
    ``topic``, in Japanese: or the topic that は marks, wherever a clause before it puts it), then a role."""
    comma = sentence.find(",")
    subject = {t for t, start, _ in spans[:SUBJECT_WORDS] if comma < 0 or start < comma}
    if topic and language == "ja":
        subject.update(analyze(ja_topic(sentence), "ja"))
    if names.isdisjoint(subject):
        return False
    role = ROLE.get(language)
    return bool(role and role.search(sentence if language == "ja" else fold(sentence)))


def ja_topic(sentence: str) -> str:
    """The head of the phrase the first は of a Japanese sentence marks, its reading in brackets left out:
    "…会場となったステーションF（Station F）は、…" → "ステーションF" ("" when no は marks one)."""
    found = JA_TOPIC.search(sentence)
    return found.group(1) if found else ""


class Lead:
    """What the first quote must state for one question, and which ranked passage states it."""

    def __init__(self, retriever: Retriever, query: Query) -> None:
        self.retriever = retriever
        self.query = query
        language = query.language or "en"
        self.language = language
        self.names: frozenset[str] = frozenset()  # who is X: the tokens of X
        self.thing = False  # what is X (X a thing, a short name): a Japanese sentence may say it of its topic
        self.topic = False  # ... and none opens on X: sentences whose topic is X are read (first())
        role = asks_role(query.text, language)
        # a person's post asked ("Mahjoubi's exact post when he signed"): the passage saying it may lead though the
        # question's other words (the signing, the government) weigh more in other passages
        self.role = role and bool(retriever.people.names(query.text, language))
        if is_who_is(query.text, language) or role:
            self.names = frozenset(t for u in query.units for t in u.alternatives
                                   if language == "ja" or is_cjk(t) or _capitalised(retriever, t) >= NAME_CAPITALS)
        elif not query.kinds and (clause := what_is_clause(query.text, language)):
            said = frozenset(analyze(clause, language))  # "what is Station F": X is…
            units = [u for u in query.units if u.token in said or not said.isdisjoint(u.alternatives)]
            if len(units) <= WHAT_IS_MAX_WORDS:  # a Japanese word of several bigrams (ステーション) is its parts
                self.names = frozenset(t for u in units for t in (*u.alternatives, *filter(is_cjk, u.parts)))
                self.thing = True
        self.kinds = [k for k in (Kind.PERSON, Kind.PLACE, Kind.DURATION, Kind.TIME, Kind.MONEY) if k in query.kinds]
        self.weekday = Kind.WEEKDAY in query.kinds
        if self.weekday:
            self.kinds.append(Kind.WEEKDAY)  # "on which weekday?": the day's name, not any date (13 July 2018)
        elif Kind.DATE in query.kinds and Kind.DURATION not in query.kinds:
            self.kinds.append(Kind.DATE)  # "how long": a date is not enough, the span is what is asked
        self.counts = query.counted is not None
        # "along with Mahjoubi": not Mahjoubi (the name's tokens, as typed: its unit's token, forms or parts)
        beside = {t for word in companions(query.text, language) for t in analyze(word, language)
                  } if Kind.PERSON in query.kinds else set()
        self.besides = frozenset(t for u in query.units if u.token in beside or not beside.isdisjoint(u.alternatives)
                                 or not beside.isdisjoint(u.parts) for t in (*u.alternatives, *u.parts))
        self.words = [u for u in query.units if u.alternatives or u.parts]
        # where something is asked in Japanese (どこ): the sentence stating a place must hold the question's weightiest
        # word (パリで署名 states where the signing was, not where Station F is)
        self.place_of = max(self.words, key=lambda u: u.weight) if (
            language == "ja" and self.kinds == [Kind.PLACE] and self.words) else None
        self._states: dict[int, list[int | None]] = {}  # per passage: first() reads it, then its quote

    @property
    def active(self) -> bool:
        return bool(self.names or self.kinds or self.counts)

    def sentence_states(self, i: int) -> list[int | None]:
        """Per sentence of passage ``i``: where it states what is asked, beside a word of the question (None: not)."""
        states = self._states.get(i)
        if states is None:
            states = self._states[i] = self._sentence_states(i)
        return states

    def _sentence_states(self, i: int) -> list[int | None]:
        passage = self.retriever.passages[i]
        language = passage.language
        prepared = self.retriever.prepared(i)
        out: list[int | None] = []
        for n, (sentence, present) in enumerate(zip(prepared.sentences, prepared.words, strict=True)):
            # a sentence's words are its spans' tokens: the spans are made only for a sentence that may state it
            if self.names:
                named = not self.names.isdisjoint(present)
                out.append(0 if named and defines(sentence, prepared.spans(n), self.names,
                                                 language, self.topic) else None)
                continue
            if self.words and not any(u.found_in(present) for u in self.words):
                out.append(None)
                continue
            if self.place_of and not self.place_of.found_in(present):
                out.append(None)  # "where is Station F?": "signed in Paris" states a place, but not Station F's
                continue
            found = [at for k in self.kinds if (at := self._stated_at(k, sentence, language, present)) is not None]
            if self.counts:
                found += [at for at in [self._count_at(sentence, prepared.spans(n), language)] if at is not None]
                found += [at for at in [self._doers_at(sentence, present, language)] if at is not None]
            out.append(min(found) if found else None)
        return out

    def _stated_at(self, kind: Kind, sentence: str, language: str, present: frozenset[str]) -> int | None:
        if kind is Kind.PERSON:
            if self.query.verb and not self.query.verb_in(present, language):
                return None  # "who signed?": a person named where the signing is (not a ministry taking part)
            return self.retriever.people.at(sentence, language, self.besides)
        return stated_at(kind, sentence, language)

    def _doers_at(self, sentence: str, present: frozenset[str], language: str) -> int | None:
        """Where ``sentence`` names the persons a "how many people" question counts, with what they did ("signed
        by Delphine Gény-Stephann and Mounir Mahjoubi"; None: it does not, or names only whom it quotes)."""
        japanese = self.language == "ja" and language == "ja"  # the verb's bigrams, all of them (署名)
        if not self.retriever.people.names_doers(sentence, present, self.query.act, language, japanese):
            return None
        return self.retriever.people.at(sentence, language)

    def _count_at(self, sentence: str, spans: Sequence[tuple[str, int, int]], language: str) -> int | None:
        """Where ``sentence`` gives a number of what the question counts (None: it does not)."""
        what = self.query.counted
        assert what is not None
        if language == "ja":
            if not ja_counts(what, sentence):
                return None
            number = _JA_NUMBER.search(sentence)
            return number.start() if number else 0
        tokens = [t for t, _, _ in spans]
        latin = "en" if language == "ja" else language
        counted_tokens = {stem(w, latin) for word in what.words for w in [fold(word)]}
        forms = [u.alternatives | set(u.parts) | {u.token} | {t for f in (*u.expansions, *u.related) for t in f}
                 for u in self.query.units if u.token in counted_tokens]  # a related word counts as the word
        # ("how many companies": "about 100 startups", the retriever's company kinds)
        wanted = frozenset().union(*forms) if forms else frozenset()
        about = frozenset(t for u in self.query.units if u.token not in counted_tokens
                          for t in (*u.alternatives, *u.parts, *(t for f in (*u.expansions, *u.related) for t in f)))
        places = counted_places(tokens, wanted, about)
        for n in counting_numbers(tokens, language):
            if not wanted or any(abs(n - p) <= COUNT_WINDOW + 1 for p in places):
                return spans[n][1]
        return None

    def states(self, i: int) -> bool:
        return any(at is not None for at in self.sentence_states(i))

    def first(self, pool: list[Ranked]) -> list[Ranked]:
        """``pool`` with the passage that states the asked fact first (unchanged when the best does or none); for
        "what is X" in Japanese, a sentence opening on X first, else one whose topic is X."""
        if not pool or not self.active:
            return pool
        led = self._first(pool)
        if led is None and self.thing and self.language == "ja":
            self.topic, self._states = True, {}
            led = self._first(pool)
        return pool if led is None else led

    def _first(self, pool: list[Ranked]) -> list[Ranked] | None:
        best = pool[0]
        for n, hit in enumerate(pool):
            if hit.final < LEAD_RATIO * best.final:
                break
            # a role asked, or the person beside whom the answer is: the passage about that person alone covers
            # more of the question (its name) than the one naming the answer beside them
            if hit.coverage < (COUNT_COVERAGE if self.counts or self.role or self.besides or self.weekday
                               else LEAD_COVERAGE) * (
                    best.coverage):
                continue
            if self.states(hit.index) and self.retriever.states_roles(self.query, hit.index):
                return pool if n == 0 else [hit, *pool[:n], *pool[n + 1:]]
        return None


def without_premise(retriever: Retriever, query: Query, type_weight: float) -> Query | None:
    """A yes/no question asked as "who / where" without the name it supposes; None when it is no such question.

    ``type_weight``: the weight of the interrogative token ("?who@en") that matches FAQ questions.
    """
    language = query.language or "en"
    text = query.text
    if not is_yes_no(text, language):
        return None
    premise: dict[int, Kind] = {}  # id(unit) -> the kind of the name it supposes
    by_token = {u.token: u for u in query.units}
    if language == "ja":
        spans = [(m.start(1), m.end(1), Kind.PLACE) for m in JA_PLACE.finditer(text)]
        spans += [(m.start(), m.end(), Kind.PERSON) for m in JA_PERSON.finditer(text)]
        for start, end, kind in spans:
            for token in set(analyze(text[start:end], "ja")):
                if token in by_token:
                    premise.setdefault(id(by_token[token]), kind)
    else:
        words = base_tokens(mask_interrogatives(text), language)
        first = words[0][1] if words else 0
        before = PLACE_BEFORE.get(language)
        for raw, start, _ in words:
            unit = by_token.get(raw if is_cjk(raw) else stem(raw, language))
            if unit is None or id(unit) in premise:
                continue
            if before is not None and before.search(fold(text[:start])):
                if (start > first and text[start:start + 1].isupper()) or _person_share(retriever, unit.token) >= 0:
                    premise[id(unit)] = Kind.PLACE  # "in Tokyo", "à Tokyo"
            elif supposed_person(retriever, raw, unit.token, language):
                premise[id(unit)] = Kind.PERSON  # "did Shinzo Abe sign it?"
    kept = [u for u in query.units if id(u) not in premise]
    if not premise or not kept:
        return None
    kinds = frozenset(premise.values())
    kept_tokens = {t for u in kept for t in (*u.alternatives, *u.parts)}
    dropped = {t for u in query.units if id(u) in premise for t in (*u.alternatives, *u.parts)} - kept_tokens
    terms = {t: w for t, w in query.terms.items() if t not in dropped}
    for kind in kinds:
        terms[f"?{QUESTION_TYPE_OF[kind]}@{language}"] = type_weight
    return replace(query, units=kept, terms=terms, kinds=kinds, counted=None)


def capital_shares(retriever: Retriever, token: str) -> tuple[float, float]:
    """How the corpus writes ``token`` inside a sentence: the share capitalised, and of those the share inside a
    person's name (two capitalised words); the second is -1 when it is never capitalised (a common word).
    Read once per token: ``Retriever.capital_shares`` keeps it."""
    docs, _ = retriever.index.weighted_scores({token: 1.0})
    total = capitalised = named = 0
    for i in docs[:PREMISE_PASSAGES].tolist():
        passage = retriever.passages[i]
        counts = _written(passage.text, passage.language, token)
        if counts is None:
            counts = _written_in(retriever.prepared(i), token)
        total, capitalised, named = total + counts[0], capitalised + counts[1], named + counts[2]
    return (capitalised / total if total else 0.0), (named / capitalised if capitalised else -1.0)


def _written_in(prepared: PreparedText, token: str) -> tuple[int, int, int]:
    """How a prepared passage writes ``token`` inside its sentences: (times, capitalised, inside a person's name)."""
    total = capitalised = named = 0
    for n, (sentence, words) in enumerate(zip(prepared.sentences, prepared.words, strict=True)):
        if token not in words:  # its words are its spans' tokens: only a sentence holding the token is read
            continue
        pairs = _name_pairs(sentence, 0, len(sentence))
        for t, start, end in prepared.spans(n):
            if t != token or start == 0:
                continue
            total += 1
            if sentence[start:start + 1].isupper():
                capitalised += 1
                named += any(s <= start and end <= e for s, e in pairs)
    return total, capitalised, named


def _written(text: str, language: str, token: str) -> tuple[int, int, int] | None:
    """``_written_in``'s counts for a passage's ``text``, read from the runs of its words that make ``token``
    (analysis.runs_holding) and where their sentences start, not from every sentence prepared for quoting (0.2 ms a
    passage, 20 passages a token). None when the runs cannot tell (see there)."""
    plain = plain_text(text)
    found = runs_holding(plain, language, token)
    if found is None:
        return None
    starts = sentence_starts(plain) if found else []
    pairs: dict[int, list[tuple[int, int]]] = {}
    total = capitalised = named = 0
    for at, end in found:
        n = bisect.bisect_right(starts, at) - 1  # the sentence holding the run
        opening = starts[n]
        for t, s, e in analyze_spans(plain[at:end], language):
            start = at + s
            if t != token or start == opening:
                continue
            total += 1
            if plain[start].isupper():
                capitalised += 1
                if n not in pairs:
                    pairs[n] = _name_pairs(plain, opening, starts[n + 1] if n + 1 < len(starts) else len(plain))
                named += any(ps <= start and at + e <= pe for ps, pe in pairs[n])
    return total, capitalised, named


def _name_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of two capitalised words in ``text[start:end]`` (a sentence) that are no common words: a name."""
    return [m.span() for m in _NAME_PAIR.finditer(text, start, end)
            if fold(m.group(1)) not in NOT_NAMES and fold(m.group(2)) not in NOT_NAMES]


def _capitalised(retriever: Retriever, token: str) -> float:
    return retriever.capital_shares(token)[0]


def written_as_name(retriever: Retriever, word: str) -> bool:
    """The corpus writes ``word`` (a surface word it has) capitalised inside its sentences: Paris, Japan, Abe."""
    return any(_capitalised(retriever, t) >= NAME_CAPITALS for t in retriever.surface_tokens(word))


def supposed_person(retriever: Retriever, raw: str, token: str, language: str) -> bool:
    """A word of a question (``raw`` as written, ``token`` its unit's) is a person it supposes: no everyday word, and
    the corpus writes it inside people's names ("did Shinzo Abe sign it?", "why did Abe …")."""
    if is_cjk(raw):
        return retriever.parser.names_person(raw)
    if retriever.frequencies.zipf(raw, language) >= PREMISE_MAX_ZIPF:
        return False
    capitalised, in_names = retriever.capital_shares(token)
    return capitalised >= PREMISE_CAPITALISED and in_names >= PREMISE_PERSON_SHARE


def _person_share(retriever: Retriever, token: str) -> float:
    return retriever.capital_shares(token)[1]
