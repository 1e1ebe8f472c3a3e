"""Translation parity: for documents that translate each other (same ``group``, or ``translation_of``), the
facts one language states and another lacks, passage by passage.

A fact is a date (``13 July 2018``, ``13 juillet 2018``, ``2018年7月13日`` → ``2018-07-13``), a number of two
digits or more, or a glossary name (any term of a glossary entry, so ``Station F`` and ``ステーションF`` are one
fact). A passage whose facts appear nowhere in a translation is reported: that translation lacks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from bot.models import Document, GlossaryEntry, KnowledgeBase, Passage
from bot.months import numbers as month_numbers

MONTHS = month_numbers(("en", "fr"))  # name → number (bot.months)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_TO = r"\s*(?:to|au|and|et|-|–|—|~|〜|～)\s*"
_DATES = (  # ranges first: "from 12 to 14 July 2018", "du 12 au 14 juillet 2018", "2018年7月12日から14日"
    re.compile(
        rf"(?P<d1>\d{{1,2}})(?:er)?{_TO}(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE
    ),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<d1>\d{{1,2}}){_TO}(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(
        r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:から|～|〜|-|–)\s*(?P<d>\d{1,2})\s*日"
    ),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(rf"(?P<d>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月"),
)
_NUMBER = re.compile(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3}(?!\d))+|\d+")
MIN_NUMBER_DIGITS = 2


@dataclass(frozen=True, slots=True)
class Gap:
    """``lacking`` (a document) says nothing of what ``passage`` (in a translation) states: ``facts``."""

    group: str
    lacking: Document
    passage: Passage
    facts: tuple[str, ...]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def dates_and_numbers(text: str) -> set[str]:
    """The dates (ISO, or year-month) and the numbers of two digits or more a text states."""
    text = unicodedata.normalize("NFKC", text)
    facts: set[str] = set()
    for pattern in _DATES:
        def found(match: re.Match[str]) -> str:
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS[parts["month"].lower()]
            day = f"-{int(parts['d']):02d}" if parts.get("d") else ""
            facts.add(f"{parts['y']}-{month:02d}{day}")
            if parts.get("d1"):
                facts.add(f"{parts['y']}-{month:02d}-{int(parts['d1']):02d}")
            return " "
        text = pattern.sub(found, text)
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group()).lstrip("0")
        if len(digits) >= MIN_NUMBER_DIGITS:
            facts.add(digits)
    return facts


class FactFinder:
    """Finds the facts of a passage; glossary names are matched on word boundaries (Latin) or as is (CJK)."""

    def __init__(self, glossary: list[GlossaryEntry]) -> None:
        self._terms: list[tuple[re.Pattern[str], str]] = []
        for entry in glossary:
            for term in entry.terms:
                folded = _fold(term)
                if len(folded) < 2:
                    continue
                boundary = folded[0].isascii() and folded[-1].isascii()
                pattern = rf"(?<!\w){re.escape(folded)}(?!\w)" if boundary else re.escape(folded)
                self._terms.append((re.compile(pattern), entry.id))
        self.names = {entry.id: entry.terms[0] for entry in glossary}

    def facts(self, passage: Passage) -> set[str]:
        text = passage.text + "\n" + "\n".join(passage.questions)
        folded = _fold(text)
        found = dates_and_numbers(text)
        found.update(f"={entry_id}" for pattern, entry_id in self._terms if pattern.search(folded))
        return found

    def label(self, fact: str) -> str:
        return self.names.get(fact[1:], fact[1:]) if fact.startswith("=") else fact


def groups(kb: KnowledgeBase) -> dict[str, list[Document]]:
    """Documents that translate each other, by group name (``translation_of`` joins the target's group)."""
    by_id = {d.id: d for d in kb.documents}
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for doc in kb.documents:
        if doc.group:
            join(f"doc:{doc.id}", f"group:{doc.group}")
        if doc.translation_of and doc.translation_of in by_id:
            join(f"doc:{doc.id}", f"doc:{doc.translation_of}")
    members: dict[str, list[Document]] = defaultdict(list)
    for doc in kb.documents:
        if doc.group or doc.translation_of:
            members[root(f"doc:{doc.id}")].append(doc)
    named = {}
    for key, docs in members.items():
        if len(docs) > 1:
            name = next((d.group for d in docs if d.group), None) or key.split(":", 1)[1]
            named[name] = sorted(docs, key=lambda d: d.path)
    return dict(sorted(named.items()))


def gaps(kb: KnowledgeBase) -> list[Gap]:
    """Every passage whose facts are missing from a translation in its group."""
    finder = FactFinder(kb.glossary)
    passages: dict[str, list[Passage]] = defaultdict(list)
    for passage in kb.passages:
        passages[passage.doc_id].append(passage)
    facts = {p.id: finder.facts(p) for p in kb.passages}
    found: list[Gap] = []
    for name, docs in groups(kb).items():
        stated = {d.id: set().union(*(facts[p.id] for p in passages[d.id])) for d in docs}
        for lacking in docs:
            for other in docs:
                if other.id == lacking.id or other.language == lacking.language:
                    continue
                for passage in passages[other.id]:
                    missing = facts[passage.id] - stated[lacking.id]
                    if missing:
                        labels = tuple(sorted(finder.label(f) for f in missing))
                        found.append(Gap(name, lacking, passage, labels))
    return found
