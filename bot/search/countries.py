"""The countries a text names, in French, English or Japanese, as ISO codes (pycountry's names and translations).

A question naming a country ("the Italy–Japan agreement", l'Allemagne, 中国) is about that country: the cited
passages must name it too, in whatever language they are written ("Japon", "Japan" and 日本 are all JP). The
names come from ISO 3166 and its translations shipped with pycountry, not from lists written here.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import pycountry

from bot.search.kinds import fold

SUBJECT_SHARE = 0.1  # a country named in at least this share of the passages is what the corpus is about (France
# and Japan here: 34 % and 42 % of the passages; the next, China, 2 %): asked for, it needs no citing of its own
# ("Which ministry in Japan…" is answered by a passage saying METI). Any value from 0.03 to 0.3 gives the same.
SUBJECT_SAMPLE = 512  # passages read (evenly spaced) to tell the corpus's subjects: bounded for any corpus
_LATIN_NAME = re.compile(r"[a-zà-ÿ][a-zà-ÿ' \-]+")


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
_JA_PAIR = re.compile(rf"(?<![\u4e00-\u9fff])({_JA_ONE})({_JA_ONE})(?=[のとはがを間関・]|$)")


class Countries:
    """Finds country names in texts; built once (reads pycountry's translation files)."""

    def __init__(self) -> None:
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
        self._codes = codes
        latin = sorted((f for f in codes if _LATIN_NAME.fullmatch(f)), key=len, reverse=True)
        other = sorted((f for f in codes if not _LATIN_NAME.fullmatch(f)), key=len, reverse=True)
        self._latin = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, latin)) + r")(?![\w\-])", re.IGNORECASE)
        # a katakana name is a whole katakana word (タイ is not the start of タイトル)
        self._other = re.compile(r"(?<![ァ-ヺー])(?:" + "|".join(map(re.escape, other)) + r")(?![ァ-ヺー])")
        self.named = lru_cache(maxsize=4096)(self._named)

    def subjects(self, texts: Sequence[str]) -> frozenset[str]:
        """The countries a corpus is about: named in at least SUBJECT_SHARE of ``texts`` (a bounded sample)."""
        step = max(1, len(texts) // SUBJECT_SAMPLE)
        sample = texts[::step]
        counts = Counter(code for text in sample for code in self._named(text))
        return frozenset(code for code, n in counts.items() if n >= SUBJECT_SHARE * len(sample))

    def _named(self, text: str) -> frozenset[str]:
        """The ISO codes of the countries ``text`` names."""
        text = unicodedata.normalize("NFKC", text)
        # a Latin name is written with its capital: "une réunion de suivi" names no Réunion, "turkey" no Turkey
        found = {fold(m.group()) for m in self._latin.finditer(text) if m.group()[0].isupper()}
        found |= {m.group() for m in self._other.finditer(fold(text))}
        found |= {_JA_SHORT[c] for pair in _JA_PAIR.findall(text) for c in pair if c in _JA_SHORT}
        return frozenset(self._codes[name] for name in found if name in self._codes)
