"""Countries a text names (bot.search.countries): ISO names, everyday names, demonyms, and case."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from bot.search.countries import _LATIN_NAME, Countries
from bot.search.kinds import fold


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("l'Allemagne et le Japon", {"DE", "JP"}),
        ("has germany signed a similar declaration with japan?", {"DE", "JP"}),  # no capitals: case says nothing
        ("l'italie a signé un accord ?", {"IT"}),
        ("Which Italian startups pitched?", {"IT"}),  # demonyms and adjectives, in any case
        ("quelles start-up israéliennes ?", {"IL"}),
        ("des groupes chinois", {"CN"}),
        ("des start-up allemandes", {"DE"}),
        ("the UK–Japan partnership", {"GB", "JP"}),  # everyday names ISO lacks
        ("why did the US protest?", {"US"}),
        ("アメリカはなぜ抗議したの？", {"US"}),
        ("日英デジタル協力はいつ始まりましたか？", {"JP", "GB"}),  # a pair of one-kanji names before a katakana word
        ("la déclaration franco-allemande sur l'IA", {"DE"}),  # a compound adjective names each of its countries
        ("the Franco-German declaration", {"DE"}),
        ("le partenariat entre le Japon et l'Union européenne", {"JP", "EU"}),  # ISO's reserved code for the EU
        ("the EU–Japan agreement", {"EU", "JP"}),
        ("whats south koreas version of J-Startup called?", {"KR"}),  # lower case beside a capital, no apostrophe
        ("Did italy sign the Station F charter?", {"IT"}),
    ],
)
def test_a_country_is_named_by_its_name_adjective_or_everyday_name(countries: Countries, text: str, codes) -> None:
    assert countries.named(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "une réunion de suivi avec Mounir Mahjoubi",  # a capital tells a name: not La Réunion
        "une réunion de suivi avec Mounir Mahjoubi et des réunions à Tokyo",  # an everyday word, plural too
        "what did the jetro guy say about us?",  # "us", lower case, is a word
        "What is the full English title?",  # a language, not a country
        "la feuille de route signée par Hollande et Abe",  # François Hollande
        "the chin of the robot",
        "ステーションFの広さは何平米？",
        "qu'est-ce qu'il y a eu à la Station F ?",  # "eu", lower case, is a word
        "the J-Startup and French Tech programmes",  # the parts of a name are no demonyms
    ],
)
def test_words_that_only_look_like_countries_name_none(countries: Countries, text: str) -> None:
    assert countries.named(text) == frozenset()


def test_the_additions_can_be_turned_off_for_calibration() -> None:
    plain = Countries(aliases={}, demonyms=False, uncased=False)
    assert plain.named("has germany signed?") == frozenset()
    assert plain.named("Italian startups") == frozenset()
    assert plain.named("the UK") == frozenset()
    assert plain.named("l'Italie") == {"IT"}


ROOT = Path(__file__).resolve().parents[2]


def _plain(names: list[str]) -> str:
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


def _matches(pattern: re.Pattern[str], texts: list[str], folded: bool) -> list[list[tuple[tuple[int, int], str]]]:
    out = []
    for text in texts:
        text = unicodedata.normalize("NFKC", text)
        out.append([(m.span(), m.group()) for m in pattern.finditer(fold(text) if folded else text)])
    return out


def test_country_patterns_match_as_the_alternation_of_names() -> None:
    countries = Countries()
    codes = countries._codes
    latin = [f for f in codes if _LATIN_NAME.fullmatch(f) or "." in f]
    other = [f for f in codes if f not in set(latin)]
    plain_latin = re.compile(r"(?<![\w\-])(?:" + _plain(latin) + r")(?=s?(?![\w\-]))", re.IGNORECASE)
    plain_other = re.compile(r"(?<![ァ-ヺー])(?:" + _plain(other) + r")(?![ァ-ヺー])")
    rng = random.Random(0)
    names = sorted(codes)
    texts = [p for f in sorted((ROOT / "knowledge").rglob("*.md")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    for _ in range(3000):  # names side by side, in any case, glued or apart: where the longest-first rule matters
        parts = []
        for _ in range(rng.randint(1, 6)):
            name = rng.choice(names)
            name = rng.choice([name, name.title(), name.upper()])
            parts.append(name + rng.choice(["", " ", "-", "'", ", ", "s ", "ア", "の"]))
        texts.append("".join(parts))
    assert _matches(countries._latin, texts, False) == _matches(plain_latin, texts, False)
    assert _matches(countries._other, texts, True) == _matches(plain_other, texts, True)
