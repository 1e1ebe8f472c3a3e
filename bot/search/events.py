"""The two events a "how many years between A and B?" question dates: A and B, each searched on its own.

"How many years between the start of French Tech and the signing of the declaration?" is answered by two quotes, one
dating each event ("French Tech … launched at the end of 2013", "signed … on 13 July 2018"): the member subtracts
(bot.search.kinds.years_across). Searched whole, the question's words meet the passages that speak of both events
without a date (French Tech and the declaration together), or « années » meets « l'Année de l'innovation ». So each
event is cut out of the question (``two_events``) and searched alone, and the best dated passage of each is quoted.
"""

from __future__ import annotations

import itertools
import re

# The two events, as the question names them: "between A and B", « entre A et B », "AとBの間", "AからBまで". Matched on
# the question as typed (the events keep their capitals: names).
_BETWEEN: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\bbetween (?P<a>.+?) and (?P<b>.+?)\s*(?:[?？.!]|$)", re.IGNORECASE),
    "fr": re.compile(r"\bentre (?P<a>.+?) et (?P<b>.+?)\s*(?:[?？.!]|$)", re.IGNORECASE),
    "ja": re.compile(r"(?P<a>[^、。？?]+?)(?:と|から)(?P<b>[^、。？?]+?)(?:の間|まで)"),
}
# « séparent A de B »: A and B are cut at one of the « de » between them, which one the passages tell (each cut is
# offered; the retriever keeps the first whose two events are dated by two different years).
_SEPARATE = re.compile(r"\bs[ée]par(?:ent|aient|e|ait|ant)\s+(?P<both>.+?)\s*(?:[?？.!]|$)", re.IGNORECASE)
_DE = re.compile(r"\s+d(?:e|u|es)\s+|\s+d['’]")
MIN_EVENT_CHARACTERS = 4  # an event named this briefly ("it", 今) names nothing to search for
MIN_EVENT_WORDS = 2  # ... nor one word alone (« entre Paris et Tokyo »: two places, no events)
MAX_CUTS = 4  # « séparent A de B »: the cuts offered at most (each is two searches; a message of sixty « de » is
# not sixty questions)


def two_events(question: str, language: str) -> list[tuple[str, str]]:
    """The ways ``question`` may name the two events it asks the time between ("the start of French Tech", "the
    signing of the declaration"), most likely first; [] when it names no two."""
    pattern = _BETWEEN.get(language)
    found = pattern.search(question) if pattern else None
    cuts: list[tuple[str, str]] = []
    if found is not None:
        cuts.append((found.group("a").strip(), found.group("b").strip()))
    elif language == "fr" and (separate := _SEPARATE.search(question)):
        both = separate.group("both")
        des = itertools.islice(_DE.finditer(both), MAX_CUTS)
        cuts = [(both[:m.start()].strip(), both[m.end():].strip()) for m in des]
    return [(a, b) for a, b in cuts if min(len(a), len(b)) >= MIN_EVENT_CHARACTERS
            and (language == "ja" or min(len(a.split()), len(b.split())) >= MIN_EVENT_WORDS)]
