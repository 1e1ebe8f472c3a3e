"""Question → Query: the units a question's words become and the weighted terms BM25 scores.

A question becomes *units* (one per distinct content token). Each unit has alternatives that also count as the same
word: the form of another language's stemmer seen in the corpus (Mahjoubi → mahjoub in French passages), the joined
form of two adjacent words ("J Startup" → jstartup), a typo correction against the corpus words (statoin → station),
a reading of a Japanese word spelt another way, and glossary synonyms (ジェトロ → JETRO), related words and the names
of a thing it describes, which score with a lower weight. ``QueryParser`` (owned by the retriever) holds only what
this reading needs; the model it makes is bot.search.query's.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import numpy as np

from bot.models import LANGUAGES, GlossaryEntry, KnowledgeBase
from bot.search.analysis import (
    analyze,
    analyze_spans,
    base_tokens,
    detect_language,
    in_served_script,
    is_cjk,
    kana_interrogatives,
    mask_interrogatives,
    normalize,
    romaji_as_kana,
    standard_interrogatives,
    stem,
)
from bot.search.cache import IndexedCorpus
from bot.search.cardinals import spelt_counts
from bot.search.countries import Countries
from bot.search.descriptions import DescriptionLexicon
from bot.search.evidence import (
    Counted,
    asks_name,
    company_kinds,
    counted,
    counted_tokens,
    is_name,
    of_what,
    offered_numbers,
    ordinals,
    stated_counts,
    why_asked,
)
from bot.search.frequency import EVERYDAY_ZIPF, WordFrequencies
from bot.search.frequency import fold as accents_folded
from bot.search.kinds import Kind, asked_kinds, fold, person_by_noun
from bot.search.lead import asks_wh, is_yes_no
from bot.search.people import (
    act_counted,
    country_only,
    counts_people,
    doers,
    is_title,
    roles_asked,
    roles_by_adjective,
    verb_asked,
)
from bot.search.query import Query, Unit, _forms, _latin, _stemmed, glossary_key, question_type_tokens
from bot.search.readings import PERSON_TAG, PLACE_TAG, SLIP_SPANS_KEPT, ReadingLexicon, Word
from bot.search.related import RelatedLexicon
from bot.search.spelling import (
    LONG_WORD,
    MAX_WORD_LENGTH,
    REAL_WORD_ZIPF,
    EverydaySpeller,
    FrenchSounds,
    NameSpeller,
    Skeletons,
    SoundSpeller,
    Speller,
    Truncations,
    edit_distance,
    sound_key,
    stop_word_typo,
)
from bot.search.unknown_names import ends_in_place, known_as_written, names_a_body, shouting, within_clause
from bot.search.wordlists import WordList, stop_words, word_set, words_of

GLOSSARY_WEIGHT = 0.5  # BM25 weight of a glossary synonym (shared by its tokens); flat on 0.5–0.75 (0.25, 1.0: −1)
RELATED_WEIGHT = 1.0  # BM25 weight of a related word (bot.search.related: promise → agreed), shared by its tokens:
# the sources' word stands for the member's, which the corpus mostly lacks ("praised" → welcomed). On blind A–D
# (1 Dec) hit@3 rises with it from 0.25 to a plateau on 1.0–1.25 (A 163→164, B 156→161, C 162→166, D 150→154;
# paraphrase 93→107 of 144; 1.5: A/B −1), out-of-scope unchanged on A–E (E en +1); 0.6: half the gain
DESCRIPTION_WEIGHT = 0.5  # BM25 weight of the names of a thing the question describes (bot.search.descriptions),
# shared by a name's tokens: a synonym's weight (GLOSSARY_WEIGHT), not a related word's. All 15 dev sets, 2 Dec:
# hit@3 +11 and hit@1 +17 at 0.5, nothing lost; 0.75 and 1.0: +15 and +19-20, but the name outweighs what is asked of
# it (日本の貿易振興を担う政府系機関のトップは、米中の対立を… pulls JETRO's passages in every language: blind G ja −1)
QUESTION_TYPE_WEIGHT = 1.0  # BM25 weight of the interrogative token ("?who@en") matched in FAQ questions;
# flat on 1–2 (0: fr −2, en −2, e.g. "Who signed…" then gets the "When was it signed" FAQ entry)
OWN_LANGUAGE_MARGIN = 0.5  # a question word this much commoner (Zipf) in the question's language than, unaccented, in
# the other Latin one ("resté": reste 1.9 in English) matches passages of its language only: the other language's
# stemmer makes the same token of another word ("rests"); a word common in both is a cognate ("déclaration")
COGNATE_ZIPF = 4.0
_NAME_TITLES = frozenset({"氏", "さん", "様", "君", "殿"})  # what follows a person's name in Japanese: 菅氏, 林さん
_LOCAL_GOVERNMENTS = frozenset("市都県府")  # after a place's name: its local government (パリ市, 東京都)
_KANJI_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3005]+")  # a name written in kanji alone (世耕, 河野)
WRITTEN_ZIPF = 2.0  # a corpus word rarer than this in the language, whose stem is another corpus word, is a thing of
# its own (Japonismes: japon): the quotes must hold it as written (Unit.written)
DERIVED_ENDING = 3  # ... one at least this many letters longer than its stem (japonisme: japon; not japonaise)
ENGLISH_WORD_ZIPF = 4.0  # a Latin word of a Japanese question, in lower case, this common in English is a word
# ("overseas" 4.3), not a name the quotes must hold (macron 3.0, osaka 3.6, toyota 4.0 typed in lower case are names)
ENGLISH_ONLY_MARGIN = 1.5  # ... and so is a rarer one this much commoner (Zipf) in English than in French: an English
# word typed amid Japanese ("counterpart" 3.7 / 1.2, "signers" 2.6 / 0, "founder" 4.5 / 1.9); a name travels across
# languages at about one frequency (toyota 4.0 / 3.6, python 3.8 / 3.5, snips 2.3 / 1.3) or is French's (macron)
ENGLISH_ONLY_MIN_ZIPF = 2.5  # ... when English knows it at least this well (a name no list knows is 0 in both)
SHORT_KANA_ZIPF = 3.5  # a hiragana word of two kana this common is the language's own (ある, もし), not a corpus
# word spelt in kana (きじ for 記事: 3.0, ぱり for パリ: 2.4; bot.search.readings.short_words)
SOUND_ZIPF = 3.5  # a word the corpus lacks, rarer than this in the language, may be a corpus word spelt by ear
KATAKANA_PART = 2  # the kana a part of a katakana compound has at least (_katakana_compound)
CORRECTIONS_KEPT = 4096  # words whose typo correction is kept (QueryParser._corrected, the everyday speller)
LONG_ACRONYM = 5  # an acronym this long one letter away from a corpus one no list knows is a typo of it
# (CEETEC: CEATEC); a shorter one names another body as often (CNRC, CNRT beside CNRS)
_PLAIN_WORD_RE = re.compile(r"[a-z0-9]+")
# A chat abbreviation: a short word of consonants alone in lower case ("wsh", "slt", "bjr", "jsp", "ty"). As a
# message's first word, or its last after the question mark, one the corpus lacks is a greeting or a sign-off, not
# what is asked: weighed as a rare word it outweighed the question ("wsh qui a signé ?" abstained). A name is
# capitalised or the corpus's (nhk); "qui dirige la jcb ?" still asks about the jcb.
_ACRONYM = re.compile(r"[A-Z]{2,6}")  # JCB, CNES: capitals only, in a message not written all in capitals
_CHAT_ABBREVIATION = re.compile(r"[b-df-hj-np-tv-xz]{2,5}")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]+")  # a middle dot or ＝ separates two words
_WORD_SEPARATORS = frozenset("・＝゠")  # ... which the bigrams skip (ジェイ・スタートアップ: イス is no word)
_HYPHENS = "-‐‑‒"
_HYPHEN_SPLIT = re.compile(f"[{_HYPHENS}]")
_HYPHEN_SET = frozenset(_HYPHENS)  # a word holds one: tested at C speed, once a word of every question
_CAMEL_CASE = re.compile(r"[A-Z][a-z]+[A-Z]\w*")  # a capital inside a word (SoftBank, LinkedIn): a name anywhere
# a title quoted in a question: « … », “ … ”, 「…」, 『…』, "…", '…' (not the apostrophe of l'article)
_QUOTED = re.compile(r"«([^»]+)»|“([^”]+)”|「([^」]+)」|『([^』]+)』|\"([^\"]+)\"|(?<!\w)'([^']+)'(?!\w)")
TITLE_MIN_WORDS = 6  # a quoted title of this many content words weighs as one word, not as all of them; a shorter
# quote is the term asked about (« guerre commerciale sino-américaine », « secrétaire d'État chargé du Numérique »)


# Nouns that stand for whatever is talked about ("who signed the thing?", "c'est quoi ce truc ?"): in a question they
# name nothing, as a pronoun does (the passages keep them: "the Internet of Things"). Data: extend freely.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "en": frozenset({"thing", "thingy", "thingie", "stuff", "whatchamacallit"}),
    "fr": frozenset({"truc", "machin", "bidule", "chose", "trucmuche"}),
}


class _Corrector(NamedTuple):
    """One speller of the retriever's chain, and the words it is tried on."""

    tried: Callable[[bool, bool], bool]  # (named: capitalised inside the question, rare: rarer than SOUND_ZIPF)
    correct: Callable[[str, str], str | None]  # (word as typed, question's language) → a corpus word, or None


@dataclass(frozen=True, slots=True)
class _GlossaryTerm:
    entry: int
    keys: frozenset[str]  # surface forms of the term's words (see glossary_key)


def _merge_katakana(words: list[Word]) -> list[Word]:
    """Adjacent katakana words joined: the analyzer cuts names it does not know (マク|ロン)."""
    merged: list[Word] = []
    for word in words:
        if merged and _KATAKANA_WORD.fullmatch(word.surface) and _KATAKANA_WORD.fullmatch(merged[-1].surface) \
                and merged[-1].end == word.start:
            last = merged[-1]
            joined = last.surface + word.surface
            merged[-1] = Word(last.start, word.end, joined, joined, last.proper or word.proper)
        else:
            merged.append(word)
    return merged


def _containing_words(words: list[Word], ends: list[int], start: int, end: int) -> tuple[Word, ...]:
    """The words of a Japanese question that the token at [start, end) is cut from. ``words`` are in text order
    and do not overlap, ``ends`` their ends: found by bisection (a 10,000-character question has 5,000 words)."""
    found = []
    for i in range(bisect.bisect_right(ends, start), len(words)):
        if words[i].start >= end:
            break
        found.append(words[i])
    return tuple(found)


def _in_a_row(form: tuple[str, ...], tokens: list[str]) -> bool:
    """The tokens of ``form`` stand one after the other in ``tokens``."""
    n = len(form)
    return any(tuple(tokens[i:i + n]) == form for i, token in enumerate(tokens) if token == form[0])


def _joined(word: str) -> str:
    """A hyphenated word as the analysis reads it: one word ("start-up" → startup, as "startup" is)."""
    return "".join(c for c in word if c not in _HYPHENS)


_Owner = TypeVar("_Owner")


def _without_cycles(retriever: _Owner) -> _Owner:
    """``retriever`` held weakly, for the memos it keeps of its own methods: a retriever holding itself is freed only
    by a full collection of the cyclic garbage collector, at a time no one chooses, in whatever thread, holding the
    GIL while it walks every object (a reload at 1M passages held the event loop 35 s); held weakly, it is freed
    where its last user drops it (``Assistant`` hands a retired one to a worker)."""
    return weakref.proxy(retriever)


# "did macron sign…?", « macron a signé… ? », マクロンは署名した？: group 1 the one asked about, group 2 the verb
_DONE_BY = {
    "en": re.compile(r"^\W*(?:did|has|had)\s+((?:[\w'’.-]+\s+){1,3}?)(sign(?:ed)?)\b"),
    "fr": re.compile(r"^\W*(?:est-ce que\s+|est-ce qu['’]\s*)?((?:[\w'’.-]+\s+){1,3}?)(?:a|ont)\s+(signé)"),
    "ja": re.compile(r"^\W*([^\s、。？?はがも]{1,12})(?:は|が|も)(署名|サイン)(?:した|しました)"),
}
# ... not of the declaration itself, nor of a pronoun ("did it get signed?", « elle a signé ? »: who is asked)
_NOT_SOMEONE = re.compile(r"(?:it|they|this|that|the (?:declaration|agreement|deal|text)|il|elle|ils|elles|on"
                          r"|la déclaration|l['’]accord|le texte|共同声明|声明|それ)(?!\w)")


def _known(unit: Unit) -> bool:
    """The corpus has the unit's word in some form (as written, a glossary term, a related word)."""
    return bool(unit.alternatives or unit.expansions or unit.parts)


def _respelt(question: str, fixes: list[tuple[int, int, str]]) -> str:
    """``question`` with the words at ``fixes`` (start, end, word read) written as read."""
    for start, end, word in reversed(fixes):
        question = question[:start] + word + question[end:]
    return question


def _each_once(pairs: Iterable[tuple[Unit, Unit]]) -> tuple[tuple[Unit, Unit], ...]:
    """(role, of what) ``pairs`` each once by their tokens, in order: a role asked 330 times in one long message is
    checked once per passage (AbstentionChecks.states_roles reads every pair of every passage it checks)."""
    return tuple({(role.token, what.token): (role, what) for role, what in pairs}.values())


class QueryParser:
    """Reads a question into a Query (``parse``): its units, their variants, joins, typo corrections, readings and
    glossary, related and described forms, and what it asks (kinds, roles, the verb, what is counted).

    The retriever owns one. It holds what reading a question needs — the index's vocabulary and IDFs, the corpus's
    surface words, the spellers, the word frequencies, the readings and the glossary, related and description
    lexicons — and nothing of ranking or abstention.
    """

    _katakana_names = True  # a katakana word the language barely knows is a name (tests/calibration.py switches it)

    def __init__(
        self,
        indexed: IndexedCorpus,
        frequencies: WordFrequencies,
        countries: Countries,
        readings: ReadingLexicon,
        everyday: EverydaySpeller,
        kb: KnowledgeBase,
        oov_idf: float,
        written_as_name: Callable[[str], bool],
    ) -> None:
        self.index = indexed.index
        self._surface = indexed.surface
        self.frequencies = frequencies
        self.countries = countries
        self._readings = readings
        self._oov_idf = oov_idf
        self._written_as_name = written_as_name  # the corpus writes a word capitalised (bot.search.lead)
        words = {w: n for w, n in indexed.frequencies.items() if w.isalpha()}  # each speller filters it further
        self._speller = Speller(words)
        self._name_speller = NameSpeller(words)
        self._sounds = SoundSpeller(words)
        self._correctors = self._corrector_chain(
            self._speller, self._sounds, self._name_speller, Truncations(words), Skeletons(words),
            FrenchSounds(words))
        # a word's typo correction, read once (bounded): members write the same words, typos and names again
        me = _without_cycles(self)
        self._correction = functools.lru_cache(maxsize=CORRECTIONS_KEPT)(functools.partial(type(self)._corrected, me))
        self._everyday_correction = functools.lru_cache(maxsize=CORRECTIONS_KEPT)(everyday.correct)
        # whether a run of kanji may be an IME slip, read once (bounded): each question's runs are tried 2-4 kanji long
        may_be_slip = functools.partial(type(self)._may_be_slip, me)  # through the weak self: no cycle keeps an index
        self._slip_candidate = functools.lru_cache(maxsize=SLIP_SPANS_KEPT)(may_be_slip)
        self._build_glossary(kb.glossary)
        self.related = RelatedLexicon(kb.related, self.index.vocabulary)
        self.descriptions = DescriptionLexicon(kb.glossary)

    def _build_glossary(self, glossary: list[GlossaryEntry]) -> None:
        """Per question language: token -> glossary terms containing it; per entry: its forms in the corpus."""
        self._gloss_by_token: dict[str, dict[str, list[_GlossaryTerm]]] = {
            lang: defaultdict(list) for lang in LANGUAGES
        }
        self._gloss_forms: list[list[tuple[str, ...]]] = []
        self._gloss_present: dict[int, bool] = {}  # entry -> the corpus names it (see _glossary_in_corpus)
        self._gloss_words: set[str] = set()
        vocabulary = self.index.vocabulary
        for n, entry in enumerate(glossary):
            forms: set[tuple[str, ...]] = set()
            for term in entry.terms:
                self._gloss_words.update(t for t, _, _ in base_tokens(term, "en"))
                for lang in LANGUAGES:
                    form = tuple(dict.fromkeys(analyze(term, lang)))
                    if form and all(t in vocabulary for t in form):
                        forms.add(form)
                    keys = frozenset(glossary_key(t) for t, _, _ in base_tokens(term, lang))
                    if keys:
                        item = _GlossaryTerm(n, keys)
                        for key in keys:
                            self._gloss_by_token[lang][key].append(item)
                if any(is_cjk(c) for c in term):  # the term whole, for a word spelt in kana that is it (_spelt_name:
                    # じぇいすたーとあっぷ names J-Startup only, not every スタートアップ its bigrams hold)
                    self._gloss_by_token["ja"][term].append(_GlossaryTerm(n, frozenset({term})))
            self._gloss_forms.append(sorted(forms))
        shared = Counter(form for forms in self._gloss_forms for form in forms)
        # what a description attaches: an entry's own forms, not another entry's too (J-Startup's French reading
        # "startup", j' elided, is every start-up: "le programme japonais" is not found in every passage on one)
        self._described_forms = [[f for f in forms if shared[f] == 1] for forms in self._gloss_forms]

    def _expand(self, units: list[Unit], language: str) -> set[int]:
        """Attach the glossary forms of every entry whose term is fully present in the question: the entries named."""
        present: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            for key in unit.keys:
                present[key].append(unit)
        table = self._gloss_by_token[language]
        matched: dict[int, set[int]] = defaultdict(set)  # entry -> ids of the units it covers
        several: set[int] = set()  # entries named by a term of several words ("full text", "texte intégral")
        for token in list(present):
            for term in table.get(token, ()):
                if term.keys <= present.keys():
                    matched[term.entry].update(id(u) for k in term.keys for u in present[k])
                    if len(term.keys) > 1:
                        several.add(term.entry)
        for entry, unit_ids in matched.items():
            absent = entry in several and not self._glossary_in_corpus(entry)
            for unit in units:
                if id(unit) not in unit_ids:
                    continue
                if absent:  # "the full text": a thing the corpus never names, though it has "full" and "text"
                    unit.alternatives, unit.expansions, unit.parts = set(), [], ()
                    unit.weight, unit.unknown_name = self._oov_idf / len(unit_ids), True
                else:
                    unit.expansions.extend(f for f in self._gloss_forms[entry] if f not in unit.expansions)
        return set(matched)

    def _glossary_in_corpus(self, entry: int) -> bool:
        """Some passage names the glossary entry: one of its terms, its words in a row (the corpus has "full" and
        "text", never "full text"). Read once per entry, from the passages holding all the words of a term."""
        found = self._gloss_present.get(entry)
        if found is None:
            found = False
            for form in self._gloss_forms[entry]:
                if len(form) == 1:
                    found = True
                    break
                holding = np.logical_and.reduce([self.index.matched((t,)) for t in form])
                if any(_in_a_row(form, self.index.passage_tokens(int(i))) for i in np.flatnonzero(holding)):
                    found = True
                    break
            self._gloss_present[entry] = found
        return found

    def _relate(self, question: str, language: str, units: list[Unit]) -> None:
        """Attach the sources' words for the question's words (bot.search.related) to the units they stand for."""
        # a typo's word as corrected too ("arive": arrive, which a line relates to "trip")
        words = {n: frozenset((u.token, *u.keys, *u.parts, *u.alternatives)) for n, u in enumerate(units)}
        for covered, line in self.related.matches(language, question, words):
            for n in covered:
                units[n].related.extend(f for f in line.forms if f not in units[n].related)

    def _describe(self, question: str, language: str, units: list[Unit], named: set[int]) -> set[tuple[str, ...]]:
        """Attach a glossary entry's names to the words of the question that describe it (bot.search.descriptions:
        "Tokyo's label for young companies" → J-Startup), as related words (one way), weighed DESCRIPTION_WEIGHT:
        the forms attached, unless a related word of the question has them too."""
        attached: set[tuple[str, ...]] = set()
        if not len(self.descriptions):
            return attached
        related = {id(u): tuple(u.related) for u in units}  # the related words' forms, before any description's
        # a word's synonyms of one token count ("jeunes pousses" is a start-up), not a name's words ("Japan External
        # Trade Organization" describes nothing: the question names JETRO)
        words = {n: frozenset((u.token, *u.keys, *u.parts, *u.alternatives,
                               *(t for form in (*u.expansions, *u.related) if len(form) == 1 for t in form)))
                 for n, u in enumerate(units)}
        for entry, covered in self.descriptions.matches(language, question, words):
            if entry in named:
                continue  # the question names the thing itself (a start-up is no J-Startup, though J-Startup holds one)
            for n in covered:
                for form in self._described_forms[entry]:
                    if form not in units[n].related:
                        units[n].related.append(form)
                        attached.add(form)
        return attached - {form for u in units for form in related[id(u)]}

    def _choose_language(self, question: str) -> str:
        """For a question in no clear language: the Latin analysis whose tokens the corpus knows best."""
        vocabulary = self.index.vocabulary

        def known(lang: str) -> float:
            return math.fsum(self.index.idf(t) for t in set(analyze(question, lang)) if t in vocabulary)

        return max(("en", "fr"), key=known)

    def _known_latin(self, word: str) -> bool:
        """A Latin word the corpus or the glossary has (Muto, JETRO): in a question in romaji, it stays Latin."""
        word = normalize(word)
        return word in self._surface or word in self._gloss_words

    def parse(self, question: str, language: str | None = None) -> Query:
        """Analyse a question into units (variants, joins, typo corrections, glossary expansions)."""
        language = language or detect_language(question)  # read once; None when it cannot be told
        lang = language or self._choose_language(question)
        if lang == "ja":  # typed in romaji; an IME's wrong kanji for an everyday word (何陽日: 何曜日)
            question = kana_interrogatives(romaji_as_kana(question, self._known_latin))
            question = self._readings.without_everyday_slips(question, self._slip_candidate)
            question = self._readings.without_name_slips(question, self._slip_candidate)  # 武東容治: 武藤容治
        units: dict[str, Unit] = {}
        fixes: dict[str, str] = {}  # a typed word → the word its typo is read as (_unit)
        respelt: list[tuple[int, int, str]] = []  # where the question's typos are, and the words they are read as
        compound: Unit | None = None  # the hyphenated word being read: its parts follow it
        span = (0, 0)
        content = mask_interrogatives(question)  # "quel jour", "what date": what is asked, not about what
        words = base_tokens(content, lang)
        # the question's first word, interrogatives included: "how does BM25 work?" names BM25
        first_start = next((i for i, c in enumerate(question) if c.isalnum()), 0)
        japanese = self._japanese_words(content, words)
        straddling: list[str] = []  # bigrams across two Japanese words (済官 in 経済官庁): scored, not units
        previous: Unit | None = None
        first_at: dict[str, int] = {}  # where each unit's word first comes in the question
        has_digits = any(map(str.isdigit, question))  # map: no generator frame per character
        ranks = ordinals(question) if has_digits else frozenset()
        guesses = offered_numbers(question) if has_digits else frozenset()
        stated = stated_counts(question) if has_digits else frozenset()
        offered = guesses | stated
        quoted_stops = self._quoted_function_words(content, lang)
        foreign_words: set[str] = set()
        asked_end = max(question.rfind("?"), question.rfind("？"))
        shouted = shouting(question, lang)  # a message in capitals writes no acronym apart
        edges = (words[0][1], words[-1][2] if words[-1][1] > asked_end >= 0 else -1) if len(words) > 1 else (-1, -1)
        for raw, start, end in words:
            if ((start == edges[0] or end == edges[1]) and _CHAT_ABBREVIATION.fullmatch(question[start:end])
                    and raw not in self._surface and raw not in self._gloss_words):
                continue  # "wsh, qui a signé ?", "… ? ty": a greeting or a sign-off the chat lists lack
            if any(s <= start < e and raw in stops for s, e, stops in quoted_stops):
                foreign_words.add(raw)  # « le président de Jetro » in an English question: "le", "de" are French
                continue  # function words
            token = raw if is_cjk(raw) else stem(raw, _latin(lang))
            if token in ranks and token not in self.index.vocabulary:
                continue  # "the 1st declaration", "declaration number 1": a rank says which one; the corpus ranks none
            if token in offered and token not in self.index.vocabulary and (token.isdigit() or any(
                    o in self.index.vocabulary for o in offered if not o.isdigit())):
                continue  # "3 or 4 technologies?": a guess the corpus never writes (it lists four) finds nothing; of
                # generations ("4G or 5G?"), when the corpus writes another one offered ("6G or 7G?" asks of neither)
            word = japanese.get((start, end))
            if word is not None:
                owner, tokens = word
                if owner is None:
                    straddling.append(raw)
                    if previous is not None:  # still a glossary key: 外務大臣 has 務大
                        previous.keys.add(raw)
                elif len(tokens) > 1:  # one unit for a word of several bigrams (ステーション, 大統領)
                    first_at.setdefault(owner.surface, start)
                    previous = units.get(owner.surface) or units.setdefault(
                        owner.surface, self._word_unit(owner, tokens)
                    )
                    continue
            if compound is not None and span[0] <= start and end <= span[1]:
                if token not in compound.parts:  # a part: scored, and found with the others, not a unit
                    compound.parts += (token,)
                compound.keys.add(glossary_key(raw))
                continue
            named = start > first_start and question[start:start + 1].isupper()  # a name: "Treaty of Versailles"
            named = named or _CAMEL_CASE.match(question, start, end) is not None  # "SoftBank a annoncé…": first
            named = named or (lang == "ja" and raw.isascii() and raw.isalpha() and len(raw) > 1  # "Pythonの…"
                              and not self._english_word(question[start:end]))
            if word is not None and word[0] is None:
                continue
            forms = (word[0],) if word is not None else ()
            unit = units.get(token) or self._unit(raw, token, question[start:end], lang, named, forms,
                                                  acronym=not shouted and bool(_ACRONYM.fullmatch(question[start:end])),
                                                  within=within_clause(question, start), fixes=fixes)
            if raw in fixes:
                respelt.append((start, end, fixes[raw]))
            if unit is None:  # a misspelt function word ("exactemant", "wich"): no more a content word than it
                continue
            hyphenated = not is_cjk(raw) and not _HYPHEN_SET.isdisjoint(content[start:end])
            if hyphenated and self._read_as_parts(unit, lang):
                continue  # "next-generation", "19th-century": a compound the corpus lacks whole is read as its words
            first_at.setdefault(token, start)
            previous = units.setdefault(token, unit)  # a repeated word counts once
            compound, span = (unit, (start, end)) if hyphenated else (None, (0, 0))
        for digits, spelt in spelt_counts(question, lang).items():  # "3 principes": « trois principes » (cardinals)
            known = {t for t in spelt if t in self.index.vocabulary}
            if known and digits not in units and digits in offered:  # left out above as a digit the corpus lacks
                units[digits] = Unit(digits, {digits}, 0.0, set())
            if (unit := units.get(digits)) and known:
                unit.alternatives |= known
                unit.weight = self._weight(unit.alternatives)
        self._add_joins(content, lang, units)
        if lang == "ja":
            self._add_readings(content, units)
            self._one_kanji_names(content, units)
            self._local_governments(content, units)
        unit_list = list(units.values())
        named = self._expand(unit_list, lang)
        self._relate(content, lang, unit_list)
        described = self._describe(content, lang, unit_list, named)
        spelt = _respelt(question, respelt)
        kinds = asked_kinds(question) or (asked_kinds(spelt) if spelt != question else frozenset())
        doer_verb = frozenset() if Kind.PERSON in kinds else self._doer_asked(question, lang)
        if doer_verb:  # "the French signatories?", フランス側の署名者は？: who signed, though no "who" is typed
            kinds = kinds | {Kind.PERSON}
        what = counted(question, lang) if Kind.COUNT in kinds else None
        self._count_companies(what, lang, unit_list)
        self._count_doers(what, lang, unit_list)
        terms: dict[str, float] = {}
        for unit in unit_list:
            for form in unit.related:
                weight = DESCRIPTION_WEIGHT if form in described else RELATED_WEIGHT
                for token in form:
                    terms[token] = max(terms.get(token, 0.0), weight / len(form))
        for unit in unit_list:
            for form in unit.expansions:
                for token in form:  # a synonym weighs GLOSSARY_WEIGHT in all, whatever its number of tokens
                    terms[token] = max(terms.get(token, 0.0), GLOSSARY_WEIGHT / len(form))
        for unit in unit_list:
            for token in (*unit.alternatives, *unit.parts):
                terms[token] = 1.0
        glossary_keys = {key for unit in unit_list if unit.expansions for key in unit.keys}
        self._weigh_titles(content, units, first_at, terms, len(foreign_words))
        for token in straddling:  # not inside a glossary name (務大 of 外務大臣 would find 財務大臣)
            if token in self.index.vocabulary and token not in glossary_keys:
                terms[token] = 1.0
        if unit_list:
            for token in question_type_tokens(question, lang):
                terms[token] = QUESTION_TYPE_WEIGHT
        pairs = self._role_pairs(question, lang, units) if Kind.PERSON in kinds and not person_by_noun(question) else []
        roles = _each_once((role, what) for _, role, what in pairs if _known(role) and _known(what))  # the corpus's
        title_unknown = any((lang == "ja" or is_title(word, lang)) and _known(what) and not _known(role)
                            for word, role, what in pairs)  # "the French ambassador" (not "the boss": who leads)
        verb = doer_verb or (self._verb(question, lang, units) if Kind.PERSON in kinds else frozenset())
        of_country = self._of_country(question, lang, units)
        return Query(language=language, units=unit_list, terms=terms, kinds=kinds,
                     counted=what, act=self._act(question, lang, what, units),
                     names=asks_name(question), why=why_asked(question), text=question, roles=roles, verb=verb,
                     ranks=ranks, offered=guesses, stated=stated, spelt=spelt, of_country=of_country,
                     country_roles=self._country_roles(question, language or "en", (*roles, *of_country)),
                     title_unknown=title_unknown)

    def _country_roles(self, question: str, language: str,
                       pairs: tuple[tuple[Unit, Unit], ...]) -> frozenset[tuple[str, str]]:
        """The (role, of what) ``pairs`` whose role is only a country's (people.country_only), as tokens."""
        if not pairs:
            return frozenset()
        spans = analyze_spans(question, language)
        return frozenset((role.token, what.token) for role, what in pairs
                         if country_only(question, spans, language, _forms(role), _forms(what), self.countries))

    def _count_companies(self, what: Counted | None, language: str, units: list[Unit]) -> None:
        """"How many companies", « combien de boîtes » are counted by "about 100 startups", « une trentaine de grands
        groupes » (evidence.company_kinds): the company word also looks for the kinds of company, as a related word, so
        that the passage counting them ranks and covers the question as one saying "companies" would."""
        if what is None or not company_kinds(what, language):
            return
        companies = word_set(language, WordList.COMPANIES)
        asked = {t for word in what.words if word in companies for t in counted_tokens(Counted((word,)), language)}
        kinds = {analyze(word, language)[0] for word in words_of(language, WordList.COMPANY_KINDS)}  # start-up: startup
        forms = [(t,) for t in sorted(kinds) if t in self.index.vocabulary]
        for unit in units:
            if unit.token in asked:
                unit.related.extend(f for f in forms if f not in unit.related and f[0] != unit.token)

    def _count_doers(self, what: Counted | None, language: str, units: list[Unit]) -> None:
        """"How many signatories", « combien de signataires » are counted by the passages naming who signed
        (people.doers): the doer's word also looks for its verb, as a related word, so that the passage saying
        "signed by …" ranks and covers the question as one saying "signatories" would (in count questions only:
        "was there a woman among the signatories?" is read as written)."""
        if what is None or language == "ja":
            return
        verbs = doers(language)
        for word in what.words:
            if word not in verbs:
                continue
            forms = [(t,) for t in analyze(verbs[word], language) if t in self.index.vocabulary]
            for unit in units:
                if unit.token == _stemmed(word, language):
                    unit.related.extend(f for f in forms if f not in unit.related and f[0] != unit.token)

    @staticmethod
    def _quoted_function_words(content: str, language: str) -> list[tuple[int, int, frozenset[str]]]:
        """The quotes of ``content`` written in another Latin language than the question's, each with that language's
        stop words: a quotation is read in its own language (« Rien que ça » in a Japanese question: no "que", "ça"
        to find as names the corpus lacks)."""
        found = []
        for match in _QUOTED.finditer(content):
            group = next(g for g in range(1, 7) if match.group(g) is not None)
            quoted = detect_language(match.group(group))
            if quoted in ("en", "fr") and quoted != language:
                found.append((*match.span(group), stop_words(quoted)))
        return found

    def _english_word(self, word: str) -> bool:
        """A Latin word of a Japanese question typed in lower case and common in English ("first overseas action"), or
        English's rather than French's ("counterpart"): a word, not a name (python, or macron, stays one)."""
        if not word.islower():
            return False
        english = self.frequencies.listed(word, "en")
        return english >= ENGLISH_WORD_ZIPF or (
            english >= ENGLISH_ONLY_MIN_ZIPF and english - self.frequencies.listed(word, "fr") >= ENGLISH_ONLY_MARGIN)

    def _read_as_parts(self, compound: Unit, language: str) -> bool:
        """A hyphenated word is read as its words when nothing knows it whole: not the corpus, nor a typo of a corpus
        word, nor the glossary or the related words ("give-and-take" → reciprocity), and it is no name ("Saint-Denis"
        must be cited as one)."""
        if compound.alternatives or compound.unknown_name or self.related.has(language, compound.token):
            return False
        return not any(key in self._gloss_by_token[language] for key in compound.keys)

    def _verb(self, question: str, language: str, units: dict[str, Unit]) -> frozenset[str]:
        """The forms of the verb a who-question asks the doer of (people.verb_asked), when the corpus has it."""
        verb = verb_asked(question, language)
        if not verb:
            return frozenset()
        if language == "ja":
            tokens = frozenset(analyze(verb, "ja"))
            if tokens and not tokens <= self.index.vocabulary.keys() and (unit := units.get(verb)) is not None:
                tokens = frozenset(t for form in unit.expansions if len(form) == 1 and is_cjk(form[0])
                                   for t in form)  # サイン: the glossary's 署名
            return tokens if tokens and tokens <= self.index.vocabulary.keys() else frozenset()
        unit = units.get(_stemmed(verb, language))
        return frozenset(_forms(unit)) if unit is not None else frozenset()

    def _doer_asked(self, question: str, language: str) -> frozenset[str]:
        """The corpus's forms of the verb of a doer a question asks about without a question word (``_doer_named``,
        ``_done_by``), empty when none: who did it, though no "who" is typed."""
        folded = fold(question)
        verb = self._doer_named(question, folded, language) or self._done_by(folded, language)
        return self._corpus_forms(verb, language)

    def _corpus_forms(self, verb: str, language: str) -> frozenset[str]:
        """The tokens of ``verb`` the corpus has (none for "")."""
        return frozenset(t for t in analyze(verb, language) if t in self.index.vocabulary) if verb else frozenset()

    def _doer_named(self, question: str, folded: str, language: str) -> str:
        """The verb of the doers a question names ("the French signatories?", « les signataires ? », フランス側の
        署名者は？: signed), "" when it names none the corpus has a verb for, or asks something else of them ("when
        did the signatories meet?", "was the signatory the minister himself?"). The words are looked for first,
        the question's words only then (most questions name no doer)."""
        verb = next((verb for word, verb in doers(language).items()
                     if (word in folded if language == "ja" else re.search(rf"\b{re.escape(word)}\b", folded))
                     and self._corpus_forms(verb, language)), "")
        return "" if verb and (asks_wh(question, language) or is_yes_no(question, language)) else verb

    def _done_by(self, folded: str, language: str) -> str:
        """The doer's verb (people.doers: signed) that a yes/no question asks whether someone did ("did macron sign
        the declaration?", « macron a signé la déclaration ? », マクロンは署名した？): the quote naming who did it
        answers, yes or no (the date of the signing, which matched as well, does not). "" when none."""
        done = _DONE_BY.get(language)
        match = done.search(folded) if done else None
        if match is None or _NOT_SOMEONE.match(match.group(1).strip()) \
                or asks_wh(standard_interrogatives(folded), language):  # « le japonais ki a signé, ça veut dire koi ? »
            return ""
        asked = set(analyze(match.group(2), language))
        return next((verb for verb in doers(language).values() if asked & set(analyze(verb, language))), "")

    def _act(self, question: str, language: str, what: Counted | None, units: dict[str, Unit]) -> frozenset[str]:
        """The forms of what the persons a "how many people" question counts did (people.act_counted), when the
        corpus has it: "attended" (none) leaves the count to a number."""
        if what is None or not counts_people(what.words, what.counter, language):
            return frozenset()
        act = act_counted(question, what.words, language)
        if not act:
            return frozenset()
        if language == "ja":
            tokens = frozenset(analyze(act, "ja"))
            return tokens if tokens and tokens <= self.index.vocabulary.keys() else frozenset()
        unit = units.get(_stemmed(act, language))  # a word of the question (its typo: "signd"), else a doer's verb
        forms = unit.alternatives if unit is not None else analyze(act, language)  # the verb, not its glossary's
        # nouns: "welcomed the signature" names no signatory
        return frozenset(t for t in forms if t in self.index.vocabulary)

    def _of_country(self, question: str, language: str, units: dict[str, Unit]) -> tuple[tuple[Unit, Unit], ...]:
        """The (thing, country) units of "what is the capital of Japan", both words the corpus has."""
        found = []
        for thing, country in of_what(question, language):
            if not self.countries.is_country(country):
                continue
            pair = [units.get(_stemmed(word, language)) for word in (thing, country)]
            if pair[0] is not None and pair[1] is not None and pair[0] is not pair[1] \
                    and all(u.alternatives or u.expansions for u in pair):
                found.append((pair[0], pair[1]))
        return _each_once(found)

    def _role_pairs(self, question: str, language: str, units: dict[str, Unit]) -> list[tuple[str, Unit, Unit]]:
        """The role as written and the (role, of what) units a who-question asks about (people.roles_asked; a
        country's adjective by its title, no verb asked: "the French president"), whether the corpus has their words
        or not; in Japanese, the last word of what the role is of (経済産業大臣: 産業)."""
        found = []
        adjectives = [pair for pair in roles_by_adjective(question, language) if self.countries.is_demonym(pair[1])
                      and not verb_asked(question, language)]  # "the Japanese minister who signed": the signatory
        for role, what in [*roles_asked(question, language), *adjectives]:
            if language == "ja":  # a katakana word of several bigrams is a unit of its own (フランス)
                words = [t for t in analyze(what, "ja") if t in units]
                pair = [units.get(role), units.get(what) or (units[words[-1]] if words else None)]
            else:
                pair = [units.get(_stemmed(word, language)) for word in (role, what)]
            if pair[0] is not None and pair[1] is not None and pair[0] is not pair[1]:
                found.append((role, pair[0], pair[1]))
        return found

    def _unit(
        self, raw: str, token: str, surface: str, language: str, named: bool = False, forms: tuple[Word, ...] = (),
        acronym: bool = False, within: bool = False, fixes: dict[str, str] | None = None,
    ) -> Unit | None:
        """The unit of one question token: its corpus variants, or a typo correction when it has none.

        A word the corpus has weighs its IDF times how informative it is in the language ("avant", 話: little);
        a word the corpus lacks weighs the highest IDF times its rarity in the language (``surface`` is the
        word as written: accents tell "rôle" from "role"); a capitalised word inside the question is a name.
        A rare word one edit from an everyday word is that word ("positon" weighs as "position"); None when
        that word is a stop word. A Japanese bigram is weighed by the words ``forms`` it is cut from; one
        that straddles two of them (済官 in 経済官庁) is an artefact of the cut and weighs the floor. An ``acronym``
        (JCB, CNES) is no typo of an everyday word (JCB is no "job"), nor of a corpus acronym a letter away (CNES is
        not CNRS, nor CNRC): it names another body; a letter swapped or left out (CRNS, CEATC), or changed in a long
        acronym no list knows (CEETEC), is still a typo. A name
        written ``within`` a clause that the language's list knows as written (Inria) is no typo either. A typo's
        reading is written in ``fixes`` (typed word → word read), for the checks that read the question as written.
        """
        fixes = {} if fixes is None else fixes
        if raw in PLACEHOLDERS.get(language, ()):
            return None  # "who signed the thing?": the thing is what the question is about, no word of it
        if not is_cjk(raw) and raw not in self._surface and (len(raw) > MAX_WORD_LENGTH or not in_served_script(raw)):
            return None  # "مرحبا who signed?", a 2,000-letter "aaaa…": no word of a language served, nothing to weigh
        written = tuple(f for w in forms for f in (w.surface, w.base)) or (surface,)
        read_as = ""  # the corpus word a typo is read as
        alternatives = {token} if token in self.index.vocabulary else set()
        keys = {glossary_key(raw)}
        if not is_cjk(raw):
            alternatives |= self._surface.get(raw, frozenset())
            if named and alternatives and raw not in self._surface and raw not in self._gloss_words:
                name = self._name_speller.correct(raw, self._is_corpus_name(language))
                if name:  # "Pars" is Paris, not the "par" its stem meets
                    alternatives = set(self._surface[name])
                    keys.add(glossary_key(name))
                    fixes[raw] = name
            if not alternatives and raw not in self._gloss_words:
                zipf = self.frequencies.zipf(surface, _latin(language))
                corrected = self._correction(raw, language, named, zipf)
                if (corrected and acronym and len(corrected) == len(raw) and sorted(corrected) != sorted(raw)
                        and (known_as_written(zipf) or len(raw) < LONG_ACRONYM)):
                    corrected = None  # CNES, CNRC are not CNRS; CRNS (letters swapped), CEATC (one left out) and
                    # CEETEC (a long one no language's list knows: no body's acronym) are typos
                if corrected and acronym and not self._written_as_name(corrected):
                    corrected = None  # RIKEN is no typo of « rien »: an acronym misspells a name, not a word
                if corrected:
                    alternatives |= self._surface[corrected]
                    keys.add(glossary_key(corrected))
                    read_as = corrected
                    if zipf < REAL_WORD_ZIPF:  # "founder" read as the corpus's "founded" is still typed as meant
                        fixes[raw] = corrected
        if alternatives and not is_cjk(raw) and raw not in self._surface and raw not in self._gloss_words and (
                zipf := self.frequencies.zipf(surface, _latin(language))) < EVERYDAY_ZIPF:
            respelt = self._everyday_correction(raw, zipf, _latin(language))  # "titr": its stem is a corpus word's,
            if respelt is not None:  # but as typed the language's typo of « titre »
                fixes.setdefault(raw, respelt)
        if alternatives:
            # a typo is as informative as the word it is read as ("teamd": teamed, an everyday word), not as a word
            # the language lacks
            info = self.frequencies.informativeness((read_as,) if read_as else written, language)
            own = not named and not is_cjk(raw) and self._own_language(surface, language)
            rare = self.frequencies.zipf(surface, _latin(language)) < EVERYDAY_ZIPF
            return Unit(token, keys, self._weight(alternatives) * info, alternatives, own_language=own,
                        written=self._conflated(raw, token, surface, language),
                        named=rare and named,
                        # jetro: JETRO, if the corpus writes it so (read when it decides: Retriever._named_first)
                        name_if_capitalised=raw if rare and not named and not is_cjk(raw) and raw in self._surface
                        else "")
        everyday = None
        frequencies = self.frequencies
        if named and any(c in _HYPHENS for c in surface):  # "Japanese-language", "French-made": words, capitalised;
            # a compound is a name when one of its parts is ("Saint-Denis")
            named = any(is_name(part, language, frequencies) for part in _HYPHEN_SPLIT.split(surface) if part)
        if not is_cjk(raw) and raw not in self._gloss_words and not acronym:
            latin = _latin(language)
            zipf = frequencies.zipf(surface, latin)
            everyday = self._everyday_correction(raw, zipf, latin)
            if named and everyday is not None and (is_name(everyday, language, frequencies)
                                                   or (within and known_as_written(zipf))):
                everyday = None  # "Macrin" is no typo of the name "Macron": names are told apart by one letter
            named = named and everyday is None  # "Engglish": an everyday word, capitalised
            if everyday is not None:
                fixes[raw] = everyday
            if everyday is not None and (everyday in stop_words(latin) or everyday in stop_words("en")):
                return None
            if everyday is None and not named and stop_word_typo(
                    raw, zipf, stop_words(latin), lambda word: frequencies.zipf(word, latin)):
                return None  # "orr", "att", "teh": a function word of the language a letter off, no word to weigh
                # (« asso » in French is an association, not "also")
            if everyday is not None:  # read as that word by the glossary and the related words too
                keys |= {glossary_key(everyday), stem(everyday, latin)}
        if named:  # a name weighs fully unless it is an everyday word too ("English", "Tokyo")
            rarity = max(frequencies.rarity(surface, language), frequencies.informativeness(surface, language))
        elif everyday is not None:  # a misspelt everyday word weighs as that word
            rarity = frequencies.rarity(everyday, language, family=False)
        else:
            rarity = min(frequencies.rarity(form, language) for form in written)
        unknown_name = named and is_name(surface, language, frequencies)
        unknown_name = unknown_name or any(self._unknown_place(w) or self._unknown_person(w)
                                                or (language == "ja" and names_a_body(w.proper))
                                                for w in forms)
        return Unit(token, keys, self._oov_idf * rarity, alternatives, unknown_name=unknown_name)

    def _conflated(self, raw: str, token: str, surface: str, language: str) -> str:
        """``raw`` (folded, singular: glossary_key) when its stem ``token`` is another, commoner word of the corpus
        and ``raw`` itself is rare in French and English and written in the corpus: "Japonismes" (the cultural season)
        stems to "japon", so its token meets every passage about Japan; the quotes must hold the word as written.
        "" otherwise (a word of its stem's family, "japonaises", is no thing of its own: its stem will do)."""
        if is_cjk(raw) or raw == token or raw not in self._surface or token not in self._surface:
            return ""
        word = glossary_key(raw)
        if len(word) - len(token) < DERIVED_ENDING:
            return ""  # an inflection of its stem (franco-japonaise: francojaponais), not another word
        if max(self.frequencies.zipf(surface, lang) for lang in ("fr", "en")) >= WRITTEN_ZIPF:
            return ""  # an everyday word of either Latin language ("japonaise" in an English question)
        return word

    def _corrector_chain(
        self, speller: Speller, sounds: SoundSpeller, names: NameSpeller, truncations: Truncations,
        skeletons: Skeletons, french: FrenchSounds,
    ) -> tuple[_Corrector, ...]:
        """The spellers in the order they are tried: the closest reading of a typo first, the loosest last."""
        me = _without_cycles(self)
        return (
            _Corrector(lambda named, rare: True, lambda raw, language: me._closest(raw, language, speller, french)),
            _Corrector(lambda named, rare: rare, lambda raw, _: sounds.correct(raw)),  # genny → geny, seatech → ceatec
            # « prézidan » → président, « antreprise » → entreprise: French spelt by ear
            _Corrector(lambda named, rare: rare,
                       lambda raw, language: french.correct(raw) if language == "fr" else None),
            # "Kouno" → kono, "Neil" → niel (a name, though a word)
            _Corrector(lambda named, rare: named or rare,
                       lambda raw, language: names.correct(raw, me._is_corpus_name(language))),
            # "Mahobi" → mahjoubi: a name two edits from the corpus's
            _Corrector(lambda named, rare: named,
                       lambda raw, language: speller.correct(raw, name=me._is_corpus_name(language))),
            # "orga" → organisation, "gouv" → gouvernement
            _Corrector(lambda named, rare: rare and not named, lambda raw, _: truncations.correct(raw)),
            # "frnch" → french, "invstrs" → investors: typed without vowels
            _Corrector(lambda named, rare: rare and not named, lambda raw, _: skeletons.correct(raw)),
            # « arondisman » → arrondissement: the everyday word a long typo is read as, when the corpus writes it
            _Corrector(lambda named, rare: rare and not named, me._everyday_in_corpus),
        )

    @staticmethod
    def _closest(raw: str, language: str, speller: Speller, french: FrenchSounds) -> str | None:
        """The corpus word a letter or two from ``raw`` ("statoin" → station); in a French question, the one it
        sounds exactly like when that one does not (« signatèr » is « signataires », not « signature »)."""
        found = speller.correct(raw)
        if language != "fr" or found is None or sound_key(found, french=True) == sound_key(raw, french=True):
            return found
        return french.correct(raw) or found

    def _everyday_in_corpus(self, raw: str, language: str) -> str | None:
        """The everyday word of the language ``raw`` is a typo of (EverydaySpeller), when the corpus has it and
        ``raw`` is LONG_WORD letters or more (a short one's nearest everyday word is often another: "teamd" is
        read as "team", « pey » as « peu »)."""
        if len(raw) < LONG_WORD:
            return None
        latin = _latin(language)
        word = self._everyday_correction(raw, self.frequencies.zipf(raw, latin), latin)
        return word if word is not None and word in self._surface else None

    def _corrected(self, raw: str, language: str, named: bool, zipf: float) -> str | None:
        """The corpus word the first corrector that applies to the word (Zipf ``zipf`` in the language) reads it as
        (None: none does). A real word of the language (REAL_WORD_ZIPF) is read as a corpus word one edit away at
        most (soutien → soutient): two edits make another word of its own ("interdit" is not "internet"); a
        capitalised one may still be a name spelt another way ("Neil": Niel)."""
        rare = zipf < SOUND_ZIPF
        real = zipf >= REAL_WORD_ZIPF and not named
        for corrector in self._correctors:
            if corrector.tried(named, rare):
                corrected = corrector.correct(raw, language)
                if corrected and not (real and edit_distance(raw, corrected) > 1):
                    return corrected
        return None

    def _is_corpus_name(self, language: str) -> Callable[[str], bool]:
        """Whether a corpus word is a name: no everyday word of the language ("Kono", "Niel"), or one the corpus
        writes capitalised ("Paris", "Japan": everyday words too)."""
        return lambda word: is_name(word, language, self.frequencies) or self._written_as_name(word)

    @staticmethod
    def _weigh_titles(
        content: str, units: dict[str, Unit], first_at: dict[str, int], terms: dict[str, float], foreign: int = 0
    ) -> None:
        """The words of a title the question quotes («Le Japon part à la conquête des start-up françaises») weigh as
        one word in all: the title says which text, the rest of the question what is asked about it. ``foreign``:
        the function words of quotes in the other Latin language, no units but words of the title all the same."""
        spans = [m.span(next(g for g in range(1, 7) if m.group(g) is not None)) for m in _QUOTED.finditer(content)]
        if not spans:
            return
        inside = {key for key, at in first_at.items() if any(s <= at < e for s, e in spans)}
        title = [unit for key, unit in units.items() if key in inside]
        if len(title) + foreign < TITLE_MIN_WORDS:
            return
        share = 1 / len(title)  # scored as one word; covered as its strongest word (abstention)
        strongest = max(u.weight for u in title) / (sum(u.weight for u in title) or 1.0)
        outside = {t for key, u in units.items() if key not in inside for t in (*u.alternatives, *u.parts)}
        for unit in title:
            unit.weight *= strongest
            for token in (*unit.alternatives, *unit.parts):
                if token not in outside and terms.get(token) == 1.0:
                    terms[token] = share

    def _own_language(self, surface: str, language: str) -> bool:
        """A word of the question's Latin language that the other one barely uses ("resté", "suites", "pays")."""
        other = {"fr": "en", "en": "fr"}.get(language)
        if other is None:
            return False
        zipf, there = self.frequencies.zipf, self.frequencies.zipf(accents_folded(surface), other)
        return there < COGNATE_ZIPF and zipf(surface, language) - there >= OWN_LANGUAGE_MARGIN

    def _japanese_words(
        self, content: str, tokens: list[tuple[str, int, int]]
    ) -> dict[tuple[int, int], tuple[Word | None, list[str]]]:
        """Per CJK token span of a question: the Japanese word it is cut from and that word's tokens.

        Words come from the morphological analyzer, a run of katakana being one word (マクロン, not マク|ロン).
        A bigram across two words is an artefact of the cut (owner None) unless one of them is a single
        character that no other token holds (産|総|研: 産総 and 総研 are all there is of it); beside a longer word,
        a bigram the corpus lacks is owned by that one-character word (元|記事: 元記 stands for 元).
        """
        if not any(is_cjk(raw) for raw, _, _ in tokens):
            return {}
        words = _merge_katakana(self._readings.words(content))
        ends = [w.end for w in words]
        found: dict[tuple[int, int], tuple[Word | None, list[str]]] = {}
        grouped: dict[Word, list[str]] = defaultdict(list)
        vocabulary = self.index.vocabulary
        for raw, start, end in tokens:
            if not is_cjk(raw):
                continue
            owners = tuple(w for w in _containing_words(words, ends, start, end) if w.surface not in _WORD_SEPARATORS)
            if len(owners) == 1 and owners[0].surface[:1].isdigit():
                found[start, end] = (None, [])  # the counter of a number (年 of 2019年): the number says it all
            elif len(owners) == 1:
                grouped[owners[0]].append(raw)
                found[start, end] = (owners[0], grouped[owners[0]])
            elif len(owners) > 1:
                singles = [w for w in owners if w.end - w.start == 1]
                if not singles:
                    found[start, end] = (None, [])
                elif len(singles) < len(owners) and raw not in vocabulary and not self._phrase_token(raw):
                    # 発表|会, 日本|側: a bigram the corpus lacks stands for the one-character word it alone holds,
                    # and is weighed as that word (not as a word the language lacks: 表会, 本側); not one of a phrase
                    # the glossary or the related words write (見本|市: 本市 of 見本市, a trade fair)
                    found[start, end] = (singles[0], [])
        return found

    def _phrase_token(self, token: str) -> bool:
        """A Japanese token of a glossary term or of a related words' line."""
        return token in self._gloss_by_token["ja"] or self.related.has("ja", token)

    def _word_unit(self, word: Word, tokens: list[str]) -> Unit:
        """One unit for a Japanese word of several bigrams, found when all of them are: weighed as a word."""
        parts = tuple(dict.fromkeys(tokens))
        vocabulary = self.index.vocabulary
        forms = (word.surface, word.base)
        known = all(t in vocabulary for t in parts)
        katakana = _KATAKANA_WORD.fullmatch(word.surface) is not None
        spelt = [] if known or not katakana else [
            t for w in self._katakana_spellings(word.surface) for t in analyze(w, "ja") if t in vocabulary]
        # a word the corpus lacks and the language barely knows: a name (not サイン, a signature)
        rare = not known and self.frequencies.zipf(word.surface, "ja") < EVERYDAY_ZIPF
        if not spelt and rare:
            spelt = sorted(self._spelt_name(word.surface))  # ジェイスタートアップ, the glossary's: J-Startup
        if spelt:  # ムトウ, the corpus's 武藤: found as that word, weighed as it
            return Unit(word.surface, set(parts), self._weight(spelt), set(spelt))
        if known:
            weight = self._weight(parts) * self.frequencies.informativeness(forms, "ja")
        elif katakana and rare:
            # a katakana word the language barely knows names something (フォローアップ, ブロックチェーン): as a
            # capitalised name the corpus lacks in a Latin question, the cited passages must hold it
            return Unit(word.surface, set(parts), self._oov_idf, set(), parts=parts,
                        unknown_name=self._katakana_names and not self._katakana_compound(word.surface))
        else:
            weight = self._oov_idf * min(self.frequencies.rarity(f, "ja") for f in forms)
        unknown_name = not known and (
            self._unknown_place(word) or self._unknown_person(word) or names_a_body(word.proper))
        return Unit(word.surface, set(parts), weight, set(), parts=parts, unknown_name=unknown_name)

    def _katakana_compound(self, katakana: str) -> bool:
        """A katakana word the language does not know made of an everyday word and a word the corpus writes, last as
        a Japanese compound puts what it is (テック|イベント: an event): a kind of a thing of the corpus, no name,
        though it weighs as a word the corpus lacks. ブロックチェーン is none: the corpus writes no チェーン; nor is
        ビジネス|フランス, which ends in a place: a place is no kind of thing, so the compound names a body."""
        if ends_in_place(self._readings.words(katakana), PLACE_TAG):
            return False
        return any(self._readings.writes(katakana[n:]) and self.frequencies.zipf(katakana[:n], "ja") >= EVERYDAY_ZIPF
                   for n in range(KATAKANA_PART, len(katakana) - KATAKANA_PART + 1))

    def _katakana_spellings(self, katakana: str) -> list[str]:
        """The corpus words a katakana word the corpus lacks is written as: read the same (ムトウ: 武藤) or, for a word
        the language does not know, one kana away (スニプス: スニップス; an everyday word, オランダ, is no slip)."""
        same = self._readings.spelt_as(katakana)
        if same or self.frequencies.zipf(katakana, "ja") >= EVERYDAY_ZIPF:
            return same
        return self._readings.spelt_near(katakana)

    def _unknown_place(self, word: Word) -> bool:
        """A Japanese place name the corpus lacks (ドイツ), as a capitalised name in a Latin question: it must be cited.

        However common in Japanese text (大阪 5.2, 東京 5.5 on the Zipf scale), a place the corpus never names is not
        in my sources: "G20大阪サミットで何が合意された？" is not answered by the declaration's G20 dialogue.
        """
        return word.proper == PLACE_TAG

    def _one_kanji_names(self, question: str, units: dict[str, Unit]) -> None:
        """A person's name of one kanji the corpus lacks (菅官房長官, 林大臣) is no word of its own: its bigram with
        the next word (菅官) is the unit, which the quotes must then hold, as a longer unknown name's own unit. Only
        before a word (官房, 大臣) or a title (氏, さん): a kanji the dictionary reads as a name before one more kanji
        is as likely an IME's slip (技術の史配: 支配)."""
        words = self._readings.words(question)
        vocabulary = self.index.vocabulary
        names = [w.surface for before, w, after in zip([None, *words], words, words[1:], strict=False)
                 if len(w.surface) == 1 and (len(after.surface) > 1 or after.surface in _NAME_TITLES)
                 and w.surface not in vocabulary and self._unknown_person(w)
                 and not (before is not None and before.surface[-1] + w.surface in vocabulary)  # 武藤|容|治氏: the
                 and w.surface + after.surface[0] not in vocabulary]  # corpus's 武藤容治, cut by the dictionary
        for name in names:
            for unit in units.values():
                if name in unit.token and is_cjk(unit.token):
                    unit.unknown_name = True

    def _local_governments(self, question: str, units: dict[str, Unit]) -> None:
        """A place's name before 市, 都, 県 or 府 (パリ市, 東京都) names its local government, a body: when the corpus
        never writes it so, it is a name the quotes must hold, as an unknown body's ("パリ市はどんな支援策を発表
        した？" is not answered by what happened in Paris). Not 市内, 都内 (within the place)."""
        words = self._readings.words(question)
        for place, suffix in itertools.pairwise(words):
            if (place.proper == PLACE_TAG and suffix.surface in _LOCAL_GOVERNMENTS and suffix.start == place.end
                    and not question.startswith("内", suffix.end)):
                body = place.surface + suffix.surface
                if not all(t in self.index.vocabulary for t in analyze(body, "ja")):
                    units.setdefault("~" + body, Unit("~" + body, {body}, self._oov_idf, set(), unknown_name=True))

    def names_person(self, text: str) -> bool:
        """``text`` (Japanese) holds a word the dictionary tags as a person's name (安倍, 武藤): "did 安倍 sign it?"
        supposes a person, "is 人工知能 on the list?" a thing (how the corpus capitalises tells nothing of kanji)."""
        return any(w.proper == PERSON_TAG for w in self._readings.words(text))

    def _unknown_person(self, word: Word) -> bool:
        """A person's name in kanji the corpus lacks (世耕): it must be cited, as an unknown place. In kanji only,
        and when no corpus name or word reads as it: kana spell a name many ways (ムトウ, むとう for 武藤), and an IME
        offers a name's homophones (安部, 阿部 for 安倍). "世耕経済産業大臣が署名した…" is not answered by the
        minister who did sign."""
        if len(word.surface) == 2 and word.surface.endswith("氏"):
            return False  # 武藤|容|治氏: the dictionary's cut of the corpus's 武藤容治 and its title, no name
        return (word.proper == PERSON_TAG and bool(_KANJI_NAME.fullmatch(word.surface))
                and not self._readings.name_read_as(word.surface))

    def _weight(self, alternatives: Iterable[str]) -> float:
        idfs = [self.index.idf(t) for t in alternatives]
        return max(max(idfs), 0.05) if idfs else self._oov_idf

    def _add_readings(self, question: str, units: dict[str, Unit]) -> None:
        """Add the corpus words the question spells another way (すにっぷす → スニップス, 性命 → 声明)."""
        vocabulary = self.index.vocabulary
        zipf = self.frequencies.zipf  # a word of the language is no homophone of a corpus word: 期間 is never 機関
        known = (t for t in units if t in vocabulary or (is_cjk(t) and zipf(t, "ja") >= REAL_WORD_ZIPF))
        read = self._readings.matches(question, known=known)
        read += [word for typed, word in self._readings.short_words(question) if zipf(typed, "ja") < SHORT_KANA_ZIPF]
        for word in read:
            written = analyze(word, "ja")
            tokens = self._spelt_name(word)  # and as the corpus writes it (ジェトロ), unless only the glossary does
            if not tokens or all(t in vocabulary for t in written):
                tokens |= {t for t in written if t in vocabulary}
            if not tokens or any(tokens <= u.alternatives | set(u.parts) for u in units.values()):
                continue  # the question already has this word (a shared bigram is not: ジェ of ジェトロ, ジェイ…)
            key = "~" + word
            units.setdefault(key, Unit(key, {word}, self._weight(tokens), tokens))
        for typed, word in self._readings.slips(question, self._slip_candidate):
            tokens = {t for t in analyze(word, "ja") if t in vocabulary}
            slipped = [u for u in units.values() if is_cjk(u.token) and u.token in typed and not u.alternatives]
            for unit in slipped:  # 署命: the member's word is the corpus's 署名, found and weighed as it
                unit.alternatives |= tokens
                unit.weight = self._weight(tokens)
                unit.unknown_name = False
            if tokens and not slipped:
                units.setdefault("~" + word, Unit("~" + word, {word}, self._weight(tokens), tokens))

    def _spelt_name(self, word: str) -> set[str]:
        """A glossary name the question spells in kana (じぇいすたーとあっぷ, ジェイスタートアップ): the name's own
        one-token forms in Latin letters (jstartup), found as if the member had typed them, not the katakana's
        bigrams (スタ, ター), which every スタートアップ holds."""
        entries = {term.entry for term in self._gloss_by_token["ja"].get(word, ()) if term.keys == {word}}
        return {form[0] for entry in entries for form in self._described_forms[entry]  # its own: not "startup"
                if len(form) == 1 and form[0].isascii()}

    def _may_be_slip(self, kanji: str) -> bool:
        """A run of kanji the corpus lacks (one of its bigrams is no corpus token) that is no word of the language
        either: 署命 may be 署名 mistyped; 人口 (population) is a word, never 人工 mistyped."""
        vocabulary = self.index.vocabulary
        return (not all(t in vocabulary for t in analyze(kanji, "ja"))
                and self.frequencies.zipf(kanji, "ja") < REAL_WORD_ZIPF)

    def _add_joins(self, question: str, language: str, units: dict[str, Unit]) -> None:
        """Add the joined form of two adjacent words ("J Startup", "start up") when the corpus has it."""
        found = list(_PLAIN_WORD_RE.finditer(normalize(question)))
        # not the euphonic t of a French inversion: « a-t-elle » writes no "at" (the corpus's "Tokyo at Paris")
        words = [(a.group(), b.group()) for a, b in itertools.pairwise(found)
                 if not ("t" in (a.group(), b.group()) and a.string[a.end():b.start()] == "-")]
        stops = stop_words(_latin(language))
        for first, second in words:
            # « i a » (il y a) is no « IA »: two little words written together are no corpus word
            joined = None if first in stops and second in stops else self._surface.get(first + second)
            if not joined and not (self._surface.get(first) and self._surface.get(second)):
                sounds_like = self._sounds.correct(first + second)  # "viva tek" → vivatech
                joined = self._surface.get(sounds_like) if sounds_like else None
            if not joined:
                continue
            owners = [u for w in (first, second) if (u := units.get(stem(w, _latin(language))))]
            if not owners:
                token = stem(first + second, _latin(language))
                owners = [units.setdefault(token, Unit(token, set(), self._weight(joined), set()))]
            for unit in owners:
                unit.keys.add(glossary_key(first + second))
                unit.alternatives |= joined
                unit.weight = self._weight(unit.alternatives)
