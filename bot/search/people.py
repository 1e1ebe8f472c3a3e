"""Who a passage names: what a who-question needs quoted.

A capitalised word is no person: "Paris", "Friday", "Bastille Day", "Digital Affairs", "United States" are not,
and a who-question answered by them is a bluff ("Who signed the Paris climate agreement?" quoted the date and
place of the signing). A person is written, in French and English:

- as a given name and a family name: two capitalised words, neither a title, a month, a weekday, a country or a
  function word, neither an everyday word (``PAIR_MAX_ZIPF``) and one of them rare (``PAIR_RARE_ZIPF``): "Yoji
  Muto", "Xavier Niel", "Delphine Gény-Stephann";
- as a name right after a title or an honorific ("President François Hollande", "M. Muto", "junior ministers
  Delphine…"), or before one after a comma ("Muto, vice-ministre…");

in Japanese, as a name the dictionary tags as a person's (武藤容治, 赤星康, 安倍晋三), a dotted katakana name given
with its Latin spelling or a title (ムニール・マジュビ（Mounir…, …閣外大臣), or any name with an honorific (マクロン氏).

Bodies that act (an acronym such as JETRO, METI, CNRS; a ministry, a government, 経済産業省) answer a who-question
too: "J-Startup, c'est géré par qui ?" is answered by METI. The titles and honorifics: bot.search.titles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.search.analysis import analyze
from bot.search.countries import Countries
from bot.search.evidence import NOT_NAMES
from bot.search.frequency import WordFrequencies
from bot.search.kinds import fold
from bot.search.titles import JA_HONORIFICS, JA_TITLES, LEADERS, TITLES
from bot.search.wordlists import WordList, word_set, words_of

PAIR_MAX_ZIPF = 5.0  # neither word of a name pair is this common in the language (Day 6.0, Affairs 4.7 …)
PAIR_RARE_ZIPF = 4.0  # ... and one of them is rarer than this (Muto 2.3, Niel 2.4; Digital 4.8, Affairs 4.7 are not)
NAMES_KEPT = 4096  # texts whose people are kept (passages and quotes), as the retriever's other per-passage caches
TITLE_GAP = 2  # "Muto, alors vice-ministre": at most this many words between the comma and the title

# Weekdays name no one either; the months are among evidence's NOT_NAMES already, with Friday and vendredi.
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
# Bodies that act: words naming one (a ministry, a government, an agency), and acronyms of two or more capitals.
BODIES: dict[str, frozenset[str]] = {
    "en": frozenset({"ministry", "government", "agency", "organization", "organisation", "office", "institute",
                     "company"}),
    "fr": frozenset({"ministère", "gouvernement", "agence", "organisme", "organisation", "office", "institut",
                     "entreprise"}),
}
# Where a passage gives its source ("According to METI,", "D'après la chaîne NHK,", 経済産業省によると): a body named
# there is who reports, not who acts ("According to NHK, France and Japan signed…" names no signatory).
ATTRIBUTION = re.compile(r"\b(?:according to|quoted by|as reported by|d['’]après|selon|cité par|citée par)\b[^,;:.]*"
                         r"|[^、。]{0,30}(?:によると|によれば|によって報じ|の発表で(?:は)?(?=、|[^、。]{0,30}[？?]))",
                         re.IGNORECASE)  # METIの発表で、…はどこ？: where a fact comes from (not 発表したのはいつ)
# "What did Shinzo Abe say at Station F?", « Qu'a dit Shinzo Abe ? », 安倍首相は何と言った: the words of someone asked,
# whom the quotes must name (another's words, the evening's account, are no answer)
SAID_ASKED = re.compile(
    r"\bwhat did\b[^?]*\b(?:say|tell|declare|announce)\b|\bwhat (?:were|was)\b[^?]*\bwords\b"
    r"|\bqu['’](?:a|ont)(?:-t-(?:il|elle|ils|elles))? (?:dit|déclaré|annoncé)\b|\bqu['’]a[- ]t[- ]il dit\b"
    r"|何と(?:言|い|述べ|発言|話|語)|何を(?:言|述べ|語)", re.IGNORECASE)
JA_BODIES = re.compile(r"[\u4e00-\u9fff]{1,10}(?:省|庁|政府|機構|機関|研究所|会議所)")
# A people named as a whole ("crushed by the Americans or the Chinese", « écrasé par les Américains », アメリカ人や
# 中国人): a who-question's answer too. A French demonym is capitalised only as a noun (« les start-up japonaises »:
# an adjective); an English one only in the plural ("the American and Chinese giants" is no people).
PEOPLES = {
    "en": re.compile(r"\bthe\s+[A-Z][a-z]+(?:ans|ians)\b"),
    "fr": re.compile(r"\b(?:les|des|aux)\s+[A-ZÉ][a-zéèë]+(?:ains|aines|ois|oises|ais|aises|iens|iennes|ans)\b"),
    "ja": re.compile(r"(?:[\u30a1-\u30fa\u30fc]{2,}|[\u4e00-\u9fff]{1,3})人(?:や|と|に|が|は|の|、)"),
}
# "Who is the president of France?", "qui est le ministre de l'Économie ?": the holder of a role of something. A
# passage naming someone answers it only where it states that role of that thing ("JETRO's president", "président
# de la JETRO"): the two words at most ROLE_WINDOW words apart, not "CCI France Japon … not as its president".
ROLE_OF: dict[str, re.Pattern[str]] = {  # read in who-questions only (linear: no scan from "who" to "of")
    "en": re.compile(r"\b([^\W\d_][\w\-]*)\s+of\s+(?:the\s+)?([^\W\d_][\w\-]*)", re.IGNORECASE),
    "fr": re.compile(r"\b(?:le|la|les|l['’])\s*([^\W\d_][\w\-]*)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])"
                     r"\s*([^\W\d_][\w\-]*)", re.IGNORECASE),
}
# Japanese: "日本の首相は誰", "経済産業大臣は誰": a title (JA_TITLES) after what it is of, a modifier before its head
# "日本の首相は？" with nothing after the title asks who holds it just as well
JA_ROLE_OF = re.compile(rf"([\u4e00-\u9fffァ-ヶーA-Za-z]{{1,20}}?)の?({'|'.join(JA_TITLES)})(?:(?:は|って|が|とは)?"
                        r"(?:誰|だれ|どなた)|(?:は|って)\W*$)")
ROLE_WINDOW = 3
HOLDER_SPAN = 12  # ... or its holder's name between, then the country ("foreign ministers Jean-Yves Le Drian of
# France and Taro Kono of Japan")
JA_ROLE_WINDOW = 8  # Japanese bigrams: what it is of, then the title, a name between (フランスのマジュビ閣外大臣)
# What makes a role another one, the head of government ("Prime Minister", « Premier ministre »: "the Japanese
# minister" is no prime minister) or a lesser one ("State Minister", "vice-ministre", "junior ministers"): the holder
# of that is not the holder of the role asked, unless the question says it too; a lesser one is, though, when the
# role asked is only a country's ("the Japanese minister": Muto, State Minister, not the minister of a portfolio).
# Tokens as the analysis gives them.
HEAD_MODIFIERS = frozenset({"prime", "prim", "premi"})
ROLE_MODIFIERS = HEAD_MODIFIERS | {"vice", "vic", "deputi", "junior", "state", "adjoint", "deleg", "déleg", "副"}  # 副:
# a Japanese bigram opening on it (副大 of 副大臣) before the title
# "Who signed …?", "qui a lancé …", "signé par qui", 署名したのは誰: what the person asked for did. A passage naming
# someone answers only where a sentence names them with that verb ("Mahjoubi and Muto launched the evening at Station
# F in Paris" does not say who signed the Paris climate agreement). Copulas and prepositions ask for no verb.
VERB_ASKED: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\bwho\s+(?!(?:is|was|are|were|be|been|has|have|had|did|does|do|will|would|can|could|should"
                     r"|else|at|from|in|of|for|with|on|to|the|it|this|that)\b)([^\W\d_]{3,})", re.IGNORECASE),
    "fr": re.compile(r"\bqui\s+(?:a|ont|avait|avaient|l['’]a)\s+(?!été\b|eu\b)([^\W\d_]{3,})"
                     r"|\b([^\W\d_]{3,})\s+(?:par|avec)\s+qui\b", re.IGNORECASE),
    "ja": re.compile(r"([\u4e00-\u9fff]{2,8})(?:した|している|しました|する)?(?:のは|人は)(?:誰|だれ|どなた)"
                     # "署名したフランスの大臣は？": the verb of the clause before the title asked
                     rf"|([\u4e00-\u9fff]{{2,8}})(?:した|している|しました|する)[^。?？]{{0,20}}?(?:{'|'.join(JA_TITLES)})"
                     r"(?:は|って)\W*$"
                     # "フランス側は誰がサインしたの？": the verb after 誰が (a katakana one too)
                     r"|(?:誰|だれ)が([\u4e00-\u9fff]{2,8}|[\u30a1-\u30fa\u30fc]{2,8})(?:した|している|しました|する|し)"),
}
# "How many people signed?", « combien de responsables ont signé ? », 何人が署名した: a count of persons that did
# something. The corpus names them (Gény-Stephann, Mahjoubi, Muto) without a number: a sentence naming people with
# that verb answers it. Group 1 is the verb ("attended", a verb the corpus lacks, finds no one: the count stays
# unknown). ``{people}``: the words files' ``people`` and ``doers``. Auxiliaries are no verb ("did each country have").
_NOT_ACTS = r"(?!(?:did|had|need|and|would|could|should|said|used)\b)"
ACT_COUNTED: dict[str, str] = {
    "en": r"\b(?:{people})\b(?:\s+(?!(?:did|do|does|have|has|had|are|were|was|is|be)\b)[^\W\d_]+){{0,5}}?\s+"
          + _NOT_ACTS + r"([^\W\d_]{{3,}}e?d)\b"
          r"|\b([^\W\d_]{{3,}}ed)\s+by\s+how\s+many\s+(?:{people})\b",  # "signed by how many ministers"
    "fr": r"\b(?:{people})\b(?:\s+[^\W\d_']+){{0,4}}?\s+(?:ont|a|avaient|avait)\s+([^\W\d_]{{3,}})"
          r"|\b([^\W\d_]{{3,}}(?:é|ée|és|ées))\s+par\s+combien\s+de\s+(?:{people})\b",  # « signée par combien de »
    "ja": r"何[人名](?:が|の方が|くらい|ぐらい|ほど)?[^。？?\s]{{0,4}}?([\u4e00-\u9fff]{{2,4}}?)(?:し|され)"
          r"|([\u4e00-\u9fff]{{2,4}}?)(?:した|する|している|しました)?(?:人|者)(?:は|って|の数|数)",
}
_ACRONYM = re.compile(r"(?<![\w\-])[A-Z]{2,}(?![\w\-])")

_WORD = re.compile(r"[^\W\d_][\w\-’'.]*")  # a word and what follows it, to tell a space from a comma
_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)*")  # Yoji, Gény-Stephann, Jean-Yves
_JA_DOTTED = re.compile(r"[ァ-ヶー]{2,}[・＝][ァ-ヶー・＝]{2,}")
_JA_DOTTED_PERSON = re.compile(
    rf"({_JA_DOTTED.pattern})(?:\s*[（(]\s*[A-Z]|{'|'.join(JA_TITLES)}|{'|'.join(JA_HONORIFICS)})")
_JA_HONORED = re.compile(rf"([\u4e00-\u9fffァ-ヶー]{{1,12}}?)(?:{'|'.join(JA_HONORIFICS)})(?![\u4e00-\u9fff])")


def roles_asked(question: str, language: str) -> list[tuple[str, str]]:
    """The (role, of what) words a who-question asks about ("the president of France" → president, France); a role
    is a title or a word for who leads (head, chef), not any noun ("the idea of the alliance", "le soir de…")."""
    if language == "ja":
        return [(m.group(2), m.group(1)) for m in JA_ROLE_OF.finditer(question)]
    pattern = ROLE_OF.get(language)
    found = [(m.group(1), m.group(2)) for m in pattern.finditer(question)] if pattern else []
    return [(role, what) for role, what in found if is_title(role, language) or fold(role) in LEADERS]


ADJECTIVE_GAP = 1  # words between a country's adjective and its title: "the Japanese prime minister"
_ROLE_WORD = re.compile(r"[^\W\d_][\w\-]*")


def roles_by_adjective(question: str, language: str) -> list[tuple[str, str]]:
    """The (title, adjective) pairs a who-question may ask the holder of, the adjective standing for what it is of:
    "the French president", "le président français", "le premier ministre japonais"; whether the adjective is a
    country's is the caller's (bot.search.countries) to tell."""
    if language not in ("en", "fr"):
        return []
    words = _ROLE_WORD.findall(question)
    found = []
    for n, word in enumerate(words):
        if not is_title(word, language):
            continue
        near = words[max(0, n - 1 - ADJECTIVE_GAP):n] if language == "en" else words[n + 1:n + 2 + ADJECTIVE_GAP]
        found += [(word, other) for other in near if not is_title(other, language)]
    return found


# what follows a title asked to name its portfolio: "minister of / for …", « ministre (japonais) de l'Économie »
PORTFOLIO = re.compile(r"\W+(?:[^\W\d_]+\W+)?(?:of|for|de|du|des|d['’]|chargée?)(?:\W|$)", re.IGNORECASE)


def role_modifiers(tokens: list[str], language: str, role: set[str], what: set[str]) -> set[str]:
    """The words (of the question's ``tokens``) that make the role asked the one it is: between the country's
    adjective and the title in English ("French foreign minister": foreign), after the title in French
    (« ministre japonais des Affaires étrangères »: affaires, étrangères). "The French economy minister" is no
    foreign minister."""
    at = [n for n, t in enumerate(tokens) if t in role]
    if not at:
        return set()
    if language == "fr":
        return {t for t in tokens[at[0] + 1:at[0] + 1 + ROLE_WINDOW] if t not in what}
    before = [n for n, t in enumerate(tokens[:at[0]]) if t in what]
    return set(tokens[before[-1] + 1:at[0]]) if before else set()


def countries_named(text: str, spans: list[tuple[str, int, int]], what: set[str],
                    countries: Countries) -> frozenset[str]:
    """The countries the words of a question (``text``, its token ``spans``) holding ``what`` name as the member wrote
    them (« français », "Japanese", Japan)."""
    written = {text[start:end] for token, start, end in spans if token in what}
    return frozenset().union(*map(countries.beside_title, written))


def country_only(text: str, spans: list[tuple[str, int, int]], language: str, role: set[str], what: set[str],
                 countries: Countries) -> bool:
    """The role asked (its forms ``role``) is only a country's ("the Japanese minister", « le ministre japonais »),
    no portfolio beside it ("the French economy minister", « ministre japonais de l'Économie », "minister for
    trade"): a lesser office of that country holds it (ROLE_MODIFIERS)."""
    if not countries_named(text, spans, what, countries):
        return False
    if language == "en" and role_modifiers([t for t, _, _ in spans], language, role, what):
        return False  # "the French economy minister"
    return not any(PORTFOLIO.match(text, end) for token, _, end in spans if token in role)


# "who signed along with Mahjoubi?", « qui a signé avec Mahjoubi ? », マジュビと一緒に署名したのは誰: the person named
# after it is the one beside whom the answer is, not the answer (group 1: the name's first word, as typed)
_COMPANION: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:along (?:with|wit|wiv)|together with|alongside|besides?|apart from|other than|with|w/)\s+"
                     r"(?:mr\.?\s+|ms\.?\s+)?"
                     r"([^\W\d_][\w\-'’]*)", re.IGNORECASE),
    "fr": re.compile(r"\b(?:avec|aux côtés de|à côté de|en plus de|à part|outre)\s+(?:m\.\s+|mme\s+)?"
                     r"([^\W\d_][\w\-'’]*)", re.IGNORECASE),
    # a name of at most 20 characters before と: a longer run of kanji is read in linear time, not backtracked
    "ja": re.compile(r"([\u30a1-\u30fa\u30fc・\u4e00-\u9fff]{2,20})(?:さん|氏)?と(?:一緒に|いっしょに|共に|ともに)"),
}


def companions(question: str, language: str) -> list[str]:
    """The words naming whom a who-question asks the person beside ("along with Mahjoubi": Mahjoubi), as typed."""
    pattern = _COMPANION.get(language)
    return [m.group(1) for m in pattern.finditer(question)] if pattern else []


def verb_asked(question: str, language: str) -> str:
    """The verb a who-question asks the doer of ("who signed it?" → signed), "" when it asks none."""
    pattern = VERB_ASKED.get(language)
    found = pattern.search(question) if pattern else None
    return next((g for g in found.groups() if g), "") if found else ""


@lru_cache(maxsize=4)
def doers(language: str) -> dict[str, str]:
    """The words naming persons by what they did, each with that verb (the words files' ``doers``: signatories →
    signed)."""
    return dict(entry.split(maxsplit=1) for entry in words_of(language, WordList.DOERS))


@lru_cache(maxsize=4)
def _act_pattern(language: str) -> re.Pattern[str] | None:
    template = ACT_COUNTED.get(language)
    if template is None:
        return None
    people = "|".join(re.escape(w) for w in (*words_of(language, WordList.PEOPLE), *doers(language)))
    return re.compile(template.format(people=people), re.IGNORECASE)


def counts_people(words: tuple[str, ...], counter: str, language: str) -> bool:
    """A "how many" question counting ``words`` (or, in Japanese, with ``counter``: 何人) counts persons."""
    if language == "ja" and counter in ("人", "[人名]"):
        return True
    kinds = word_set(language, WordList.PEOPLE) | doers(language).keys()
    return any(fold(w) in kinds for w in words)


def act_counted(question: str, words: tuple[str, ...], language: str) -> str:
    """What the persons a question counts did, as written: the verb after them ("how many ppl from the french govt
    signed it?" → signed, « combien de responsables ont signé » → signé, 何人が署名 → 署名), else the noun naming them
    by it: its verb ("how many signatories": signed); "" when neither ("how many people were there?")."""
    pattern = _act_pattern(language)
    found = pattern.search(fold(question)) if pattern else None
    if found:
        return next(g for g in found.groups() if g)
    verbs = doers(language)
    return next((verbs[fold(w)] for w in words if fold(w) in verbs), "")


class People:
    """Finds the people a passage names; ``person_names(text)`` gives a Japanese text's person names (the
    morphological analyzer's tags, bot.search.readings)."""

    def __init__(self, frequencies: WordFrequencies, countries: Countries,
                 person_names: Callable[[str], list[str]]) -> None:
        self.frequencies = frequencies
        self.countries = countries
        self._ja_names = person_names
        self.names = lru_cache(maxsize=NAMES_KEPT)(self._names)  # the same passages are read for every question

    def _names(self, text: str, language: str) -> tuple[str, ...]:
        """The people ``text`` (in ``language``) names, as written ("Yoji Muto", "武藤容治"), in text order."""
        if language == "ja":
            found = list(self._ja_names(text))
            found += [m.group(1) for m in _JA_DOTTED_PERSON.finditer(text)]
            found += [m.group(1) for m in _JA_HONORED.finditer(text)]
            return tuple(dict.fromkeys(found))
        return tuple(self._latin_names(text, language))

    def new_names(self, text: str, language: str, known: list[str]) -> list[str]:
        """The people ``text`` names as doing something that are none of ``known``: not who it quotes ("According to
        Le Drian and Kono, …"); a name is known when it shares a word with one ("Muto" is Yoji Muto), in Japanese
        when it begins as one does (武藤容 is 武藤容治)."""
        words = {fold(w) for name in known for w in name.split() if len(w) > 2}
        heads = {name[:2] for name in known if not name.isascii()}
        return [name for name in self.names(ATTRIBUTION.sub(" ", text), language)
                if not (words & {fold(w) for w in name.split()}) and name[:2] not in heads]

    def names_doers(self, sentence: str, words: frozenset[str], act: frozenset[str], language: str,
                    japanese: bool) -> bool:
        """``sentence`` (its tokens ``words``) names someone with what they did, ``act`` (the verb's tokens: all of
        them when ``japanese``, where they are its bigrams, one of its forms otherwise), not only whom it quotes:
        "signed by Delphine Gény-Stephann and Mounir Mahjoubi" counts who signed for France."""
        if not act or not (act <= words if japanese else not act.isdisjoint(words)):
            return False
        return bool(self.names(ATTRIBUTION.sub(" ", sentence), language))

    def at(self, sentence: str, language: str, besides: frozenset[str] = frozenset()) -> int | None:
        """Where ``sentence`` first names a person (None: it names none) other than one whose tokens are among
        ``besides`` (the person the answer is beside: "who signed along with Mahjoubi?")."""
        places = [sentence.find(name) for name in self.names(sentence, language)
                  if not besides or besides.isdisjoint(analyze(name, language))]
        return min((p for p in places if p >= 0), default=None)

    def acts(self, text: str, language: str) -> bool:
        """``text`` names a person or a body that acts (JETRO, a ministry): a who-question's answer."""
        if self.names(text, language):
            return True
        text = ATTRIBUTION.sub(" ", text)
        peoples = PEOPLES.get(language)
        if peoples is not None and peoples.search(text):
            return True
        if language == "ja":
            return bool(JA_BODIES.search(text) or _ACRONYM.search(text))
        bodies = BODIES.get(language, BODIES["en"])
        return bool(_ACRONYM.search(text)) or any(w in bodies for w in re.findall(r"\w+", fold(text)))

    def _latin_names(self, text: str, language: str) -> list[str]:
        words = [(m.group().rstrip(".’'") if not is_title(m.group(), language) else m.group(), m.start(), m.end())
                 for m in _WORD.finditer(text)]
        found: list[str] = []
        for n, (word, start, end) in enumerate(words):
            if not self._candidate(word):
                continue
            after = words[n + 1] if n + 1 < len(words) else None
            spaced = after is not None and text[start + len(word):after[1]].strip() == ""  # not "Smith. Bastille"
            if spaced and self._candidate(after[0]) and self._pair(word, after[0], language):
                found.append(f"{word} {after[0]}")
                continue
            before = words[n - 1] if n else None
            if before is not None and is_title(before[0], language) and text[before[2]:start].strip() == "":
                found.append(word)  # "President Hollande", "M. Muto"
                continue
            comma = text[start + len(word):end + 1].rstrip(".’'") == ","
            if comma and self._titled_after(words[n + 1:n + 2 + TITLE_GAP], language):
                found.append(word)  # "Muto, vice-ministre", "Niel, the founder"
        return list(dict.fromkeys(found))

    @staticmethod
    def _titled_after(words: list[tuple[str, int, int]], language: str) -> bool:
        """A title among ``words`` (after a name and its comma), with only lower-case words before it."""
        for word, _, _ in words:
            if is_title(word, language):
                return True
            if not word.islower():
                return False
        return False

    def _candidate(self, word: str) -> bool:
        """A capitalised word that may be part of a name: no function word, month, weekday, title or country."""
        if not _NAME.fullmatch(word):
            return False
        folded = fold(word)
        if folded in NOT_NAMES or folded in WEEKDAYS or is_title(word, "en") \
                or is_title(word, "fr"):
            return False
        return not any(self.countries.is_country(part) for part in (word, *word.split("-")))

    def _pair(self, first: str, second: str, language: str) -> bool:
        zipf = [self.frequencies.zipf(w, language) for w in (first, second)]
        return max(zipf) < PAIR_MAX_ZIPF and min(zipf) < PAIR_RARE_ZIPF


def is_title(word: str, language: str) -> bool:
    folded = fold(word).rstrip(".’'")
    titles = TITLES.get(language, TITLES["en"])
    return folded in titles or (folded.endswith("s") and folded[:-1] in titles)
