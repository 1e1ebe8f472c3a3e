"""Month names: their one home (data, per language; folded, in calendar order).

Read by bot.search.evidence (a number before a month is a day of a date, not a count; a capitalised month names
no one), bot.search.kinds (a passage giving a month gives a date) and bot.knowledge.parity (the dates translations
state). Japanese writes months as numbers (7月): no names here.
"""

from __future__ import annotations

import unicodedata

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
# Their short forms (Jul, janv.): written with a capital, they name no one either.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    "fr": ("janv", "févr", "fév", "avr", "juil", "déc"),
}


def unaccented(name: str) -> str:
    """A month as typed without its accents ("fevrier", "aout", "decembre")."""
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


def spellings(language: str) -> list[str]:
    """The months of ``language`` in calendar order, each followed by its unaccented spelling when it differs."""
    return [form for name in MONTHS[language] for form in dict.fromkeys((name, unaccented(name)))]


def numbers(languages: tuple[str, ...] = ("en", "fr")) -> dict[str, int]:
    """Month name → its number (1–12), the languages in the order given."""
    return {name: n for language in languages for n, name in enumerate(MONTHS[language], 1)}
