"""The countries a text names, in French, English or Japanese, as ISO codes (pycountry's names and translations).

A question naming a country ("the Italy–Japan agreement", l'Allemagne, 中国) is about that country: the cited
passages must name it too, in whatever language they are written ("Japon", "Japan" and 日本 are all JP). The
names come from ISO 3166 and its translations shipped with pycountry, with two additions:

- the adjectives and demonyms made from a one-word name ("Italian", "italienne", "German", "israéliennes",
  "chinois"): the name's stem and a usual ending (DEMONYM_ENDINGS), found in any case, and the few no ending
  makes (IRREGULAR_DEMONYMS: allemand, Spanish…);
- the everyday names ISO does not give (ALIASES: "UK", "USA", "Russia", アメリカ…, and the European Union under
  ISO's reserved code EU), a data list to extend;
- each country of a compound adjective ("franco-allemande", "Franco-German": Germany, as "allemande").

A Latin name is recognised in any case ("has germany signed…?", "l'italie a signé…", "whats south koreas version
of J-Startup called?": members type names in lower case beside a capitalised one), but for the country names that
are everyday words, recognised by their capital only ("une réunion de suivi" names no Réunion: EVERYDAY_WORDS); an
"s" after a name is a possessive typed without its apostrophe ("koreas version").
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pycountry

from bot.search.alternation import trie_pattern
from bot.search.kinds import fold

SUBJECT_SHARE = 0.1  # a country named in at least this share of the passages is what the corpus is about (France
# and Japan here: 34 % and 42 % of the passages; the next, China, 2 %): asked for, it needs no citing of its own
# ("Which ministry in Japan…" is answered by a passage saying METI). Any value from 0.03 to 0.3 gives the same.
SUBJECT_SAMPLE = 512  # passages read (evenly spaced) to tell the corpus's subjects: bounded for any corpus
_LATIN_NAME = re.compile(r"[a-zà-ÿ][a-zà-ÿ' \-]+")
# Everyday names that are not ISO's (ISO: "United States of America", "Russian Federation", アメリカ合衆国), by code.
ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "Amérique", "Etats-Unis", "アメリカ"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Angleterre", "Grande-Bretagne", "イギリス"),
    "RU": ("Russia", "ロシア"),
    "NL": ("Holland",),  # not "Hollande": François Hollande
    "KR": ("Corée", "Korea"),
    "KP": ("North Korea", "Corée du Nord", "北朝鮮"),
    "CZ": ("Czech Republic", "République tchèque"),
    "EU": ("EU", "E.U.", "European Union", "Union européenne", "UE", "欧州連合"),  # ISO 3166's reserved code
}
# Endings of the adjectives and demonyms made from a country's one-word name, once its final vowels are dropped
# (Italy → ital-ian, Italie → itali-enne, Chine → chin-ois, Israël → israel-i, Japon → japon-ais); the first, no
# ending, only for a name in -y (Germany → german).
DEMONYM_ENDINGS = ("", "an", "ans", "ian", "ians", "ean", "eans", "ese", "ish", "i", "is", "ien", "iens", "ienne",
                   "iennes", "en", "ens", "enne", "ennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain",
                   "aine", "aines", "ains")
# Adjectives and demonyms no ending makes from the name (Allemagne → allemand, Spain → Spanish): a data list too.
# Not the names of languages a question asks in ("English", "anglais": the title in English is about no country).
IRREGULAR_DEMONYMS = {
    "DE": ("allemand", "allemande", "allemands", "allemandes"),
    "US": ("américain", "américaine", "américains", "américaines", "american", "americans"),
    "ES": ("espagnol", "espagnole", "espagnols", "espagnoles", "spanish"),
    "GB": ("british", "britannique", "britanniques"),
    "NL": ("dutch", "néerlandais", "néerlandaise", "néerlandaises"),
    "RU": ("russe", "russes", "russian", "russians"),
    "CH": ("swiss",),
    "BE": ("belge", "belges"),
    "SE": ("swedish", "suédois", "suédoise", "suédoises"),
}
# The adjectives that are also the names of languages a question asks in: a country's only beside a title ("the
# French president", « le président français »: is_demonym), never where a text names its countries.
LANGUAGE_DEMONYMS = {"french": "FR", "français": "FR", "française": "FR", "françaises": "FR", "english": "GB",
                     "anglais": "GB", "anglaise": "GB", "anglaises": "GB"}
# Country names that are everyday words too: never a country in a text without capitals (a data list to extend).
EVERYDAY_WORDS = frozenset({"réunion", "turkey", "chad", "jordan", "guinea", "georgia", "niger", "maurice", "china",
                            "panama", "jersey", "guernsey", "man", "togo"})
DEMONYM_STEM = 4  # a stem shorter than this makes no demonym ("Mali", "Inde", "Cuba": their adjectives are words)
_ONE_LATIN_WORD = re.compile(r"[a-z]+")
_WORD_RUN = re.compile(r"[\w\-]+")  # where a demonym is read (a 7,000-form alternation took 9 ms a passage)


def _forms(name: str) -> set[str]:
    """A name and its usual shorter forms: "Korea, Republic of" → korea; "大韓民国 (韓国)" → 大韓民国, 韓国."""
    folded = fold(name)
    forms = {folded, folded.split(",")[0].strip()}
    forms |= {part.strip(" )") for part in folded.split("(")}
    return {f for f in forms if len(f) >= 2}


# Japanese writes a pair of countries with one character each (日韓 Japan–Korea, 米中 US–China): the usual ones.
_JA_SHORT = {"日": "日本", "米": "米国", "英": "英国", "独": "ドイツ", "伊": "イタリア", "韓": "韓国", "中": "中国",
             "露": "ロシア", "加": "カナダ", "豪": "オーストラリア", "印": "インド", "仏": "フランス"}
_JA_ONE = "[" + "".join(_JA_SHORT) + "]"
_JA_PAIR = re.compile(rf"(?<![\u4e00-\u9fff])({_JA_ONE})({_JA_ONE})(?=[のとはがを間関・ァ-ヶー]|$)")  # 日英デジタル…


class Countries:
    """Finds country names in texts; built once (reads pycountry's translation files).

    ``aliases``, ``demonyms`` and ``uncased`` (names read in lower case too) can be turned off: the
    calibration measures what each adds (tests/calibration.py).
    """

    def __init__(
        self, *, aliases: Mapping[str, Sequence[str]] = ALIASES, demonyms: bool = True, uncased: bool = True
    ) -> None:
        translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                        for lang in ("fr", "ja")]
        codes: dict[str, str] = {}
        for country in pycountry.countries:
            names = {country.name, getattr(country, "common_name", country.name),
                     getattr(country, "official_name", country.name)}
            for name in list(names):
                names |= {t.gettext(name) for t in translations}
            for name in names:
                for form in _forms(name):
                    codes.setdefault(form, country.alpha_2)
        for code, forms in aliases.items():
            for alias in forms:
                codes.setdefault(fold(alias), code)
        self._demonyms = _demonyms(codes) if demonyms else {}
        if demonyms:
            self._demonyms |= {_unaccented(form): code for code, forms in IRREGULAR_DEMONYMS.items() for form in forms}
        self._uncased = uncased
        self._codes = codes
        latin = [f for f in codes if _LATIN_NAME.fullmatch(f) or "." in f]
        latin_names = set(latin)
        other = [f for f in codes if f not in latin_names]
        # a possessive typed without its apostrophe names the country too ("south koreas version")
        self._latin = re.compile(r"(?<![\w\-])(?:" + trie_pattern(latin) + r")(?=s?(?![\w\-]))", re.IGNORECASE)
        # a katakana name is a whole katakana word (タイ is not the start of タイトル)
        # (the character before the match, looked at after its first character: "(?<![ァ-ヺー]).")
        self._other = re.compile(r"(?:" + trie_pattern(other, r"(?<![ァ-ヺー].)") + r")(?![ァ-ヺー])")
        self.named = lru_cache(maxsize=4096)(self._named)

    def is_country(self, word: str) -> bool:
        """``word`` is a country's name or everyday name (Japan, Hollande, UK), not an adjective of one (François
        is a given name, though "françois" was once French)."""
        return fold(unicodedata.normalize("NFKC", word)) in self._codes

    def is_demonym(self, word: str) -> bool:
        """``word`` is an adjective or demonym of a country ("French", "japonaise"), not its name."""
        folded = _unaccented(unicodedata.normalize("NFKC", word))
        return folded in self._demonyms or folded in _LANGUAGE_COUNTRIES

    def beside_title(self, word: str) -> frozenset[str]:
        """The country an adjective beside a title names ("the French foreign minister": FR), a language's too."""
        named = self.named(word)
        code = _LANGUAGE_COUNTRIES.get(_unaccented(unicodedata.normalize("NFKC", word)))
        return named | {code} if code else named

    def subjects(self, texts: Sequence[str]) -> frozenset[str]:
        """The countries a corpus is about: named in at least SUBJECT_SHARE of ``texts`` (a bounded sample)."""
        step = max(1, len(texts) // SUBJECT_SAMPLE)
        sample = texts[::step]
        counts = Counter(code for text in sample for code in self._named(text))
        return frozenset(code for code, n in counts.items() if n >= SUBJECT_SHARE * len(sample))

    def _named(self, text: str) -> frozenset[str]:
        """The ISO codes of the countries ``text`` names."""
        text = unicodedata.normalize("NFKC", text)
        # a Latin name is read in lower case too ("has germany signed…?", "south koreas version of J-Startup": a
        # capital elsewhere says nothing of this one), but for the everyday words that are also countries ("une
        # réunion de suivi", "turkey"), which only their capital makes names, and "us" (blind H)
        uncased = self._uncased
        found = {fold(m.group()) for m in self._latin.finditer(text)
                 if m.group()[0].isupper() or (uncased and len(m.group()) > 2 and m.group() not in EVERYDAY_WORDS)}
        found |= {m.group() for m in self._other.finditer(fold(text))}
        found |= {_JA_SHORT[c] for pair in _JA_PAIR.findall(text) for c in pair if c in _JA_SHORT}
        codes = {self._codes[name] for name in found if name in self._codes}
        if self._demonyms:  # a demonym is a whole run of word characters and hyphens: looked up, not searched for
            # a compound adjective names each of its countries ("franco-allemande", "Franco-German")
            codes |= {self._demonyms[w] for run in _WORD_RUN.findall(_unaccented(text))
                      for w in (run, *run.split("-")) if w in self._demonyms}
        return frozenset(codes)


def _unaccented(text: str) -> str:
    """Case and accents folded: how demonyms are found ("Israéliennes" → israeliennes)."""
    if text.isascii():  # no accent to drop: a passage is read at C speed
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


_LANGUAGE_COUNTRIES = {_unaccented(word): code for word, code in LANGUAGE_DEMONYMS.items()}  # as folded to look up


def _demonyms(codes: dict[str, str]) -> dict[str, str]:
    """The adjectives and demonyms of the one-word Latin names (folded, unaccented) → their country's code.

    A form that is itself a name keeps that name's country; of two stems making one form, the longer wins
    ("nigerian": Nigeria, not Niger).
    """
    made: dict[str, tuple[int, str]] = {}
    for name, code in codes.items():
        plain = _unaccented(name)
        if not _ONE_LATIN_WORD.fullmatch(plain):
            continue
        stem = plain[:-1] if plain[-1] in "aeiouy" else plain
        if len(stem) < DEMONYM_STEM:
            continue
        for ending in DEMONYM_ENDINGS if plain.endswith("y") else DEMONYM_ENDINGS[1:]:
            form = stem + ending
            if len(stem) > made.get(form, (0, ""))[0]:
                made[form] = (len(stem), code)
    names = {_unaccented(n) for n in codes}
    return {form: code for form, (_, code) in made.items() if form not in names or codes.get(form) == code}
