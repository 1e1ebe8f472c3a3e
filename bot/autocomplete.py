"""``/ask`` autocomplete: the FAQ questions and the most asked answered questions, as the member types.

Discord gives an autocomplete request 3 seconds and members type fast, so suggestions come from an index in
memory (rebuilt from the knowledge and the query log every few minutes, off the event loop), never from a
query per keystroke. A logged question is offered only once at least ``MIN_MEMBERS`` different members asked
it: another member's question is shown to everyone, so a question only one person asked stays private.
"""

from __future__ import annotations

import logging
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.limits import DISCORD_AUTOCOMPLETE_CHOICES, DISCORD_CHOICE_VALUE
from bot.models import KnowledgeBase, column
from bot.querylog import schema

log = logging.getLogger(__name__)

MIN_MEMBERS = 2  # a logged question is suggested once this many members asked it
POPULAR_LIMIT = 2_000  # most asked questions read from the log at each refresh
FAQ_WEIGHT = 1_000_000  # FAQ questions come before logged ones (they are answered by construction), in order
REFRESH_SECONDS = 300.0  # how often the Discord client rebuilds the index

_POPULAR_SQL = f"""
SELECT question, language, COUNT(*) AS asked, MIN(LENGTH(question))
FROM questions
WHERE answered = 1 AND understood IS NULL AND LENGTH(question) <= {DISCORD_CHOICE_VALUE}
GROUP BY COALESCE(topic, question), language
HAVING COUNT(DISTINCT user_hash) >= ?
ORDER BY asked DESC
LIMIT ?
"""


def fold(text: str) -> str:
    """NFKC, case and accents folded, spaces collapsed: how typed text is compared with questions."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFKC", stripped).split())


@dataclass(frozen=True, slots=True)
class _Entry:
    question: str
    folded: str
    weight: int


class QuestionIndex:
    """Questions per language, best first; :meth:`complete` filters them by what the member typed."""

    def __init__(self, questions: Iterable[tuple[str, str, int]] = ()) -> None:
        by_language: dict[str, dict[str, _Entry]] = {}
        for question, language, weight in questions:
            text = " ".join(question.split())
            if not text or len(text) > DISCORD_CHOICE_VALUE:
                continue
            entries = by_language.setdefault(language, {})
            key = fold(text)
            if key not in entries or entries[key].weight < weight:
                entries[key] = _Entry(text, key, weight)
        self._entries = {
            language: sorted(entries.values(), key=lambda e: (-e.weight, len(e.question), e.question))
            for language, entries in by_language.items()
        }

    @classmethod
    def build(cls, kb: KnowledgeBase, popular: Iterable[tuple[str, str, int]] = ()) -> QuestionIndex:
        """From the FAQ entries' phrasings and the log's most asked ``(question, language, count)``."""
        # in file order: the most asked first; read from the kinds (a large corpus's documents are not made)
        entries = [kb.passages[i] for i, kind in enumerate(column(kb.passages, "kind")) if kind == "faq"]
        faq = [(q, p.language, FAQ_WEIGHT - n) for n, p in enumerate(entries) for q in p.questions]
        return cls([*faq, *popular])

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._entries.values())

    def complete(self, typed: str, language: str, limit: int = DISCORD_AUTOCOMPLETE_CHOICES) -> list[str]:
        """Up to ``limit`` questions in ``language`` holding every word typed (the last one as a prefix).

        Questions that start with what was typed come first; then the best weighted.
        """
        entries = self._entries.get(language, [])
        needle = fold(typed)
        if not needle:
            return [e.question for e in entries[:limit]]
        words = needle.split()
        starts: list[str] = []
        others: list[str] = []
        for entry in entries:
            if all(word in entry.folded for word in words):
                (starts if entry.folded.startswith(needle) else others).append(entry.question)
                if len(starts) >= limit:
                    break
        return (starts + others)[:limit]


def popular_questions(db_path: Path, limit: int = POPULAR_LIMIT) -> list[tuple[str, str, int]]:
    """The log's most asked answered questions ``(question, language, times asked)``; [] without a log.

    Blocking (SQLite): call it off the event loop.
    """
    if not Path(db_path).is_file():
        return []
    try:
        conn = schema.connect(db_path, readonly=True)
    except sqlite3.Error:
        log.warning("autocomplete: cannot open the query log %s; suggesting the FAQ only", db_path, exc_info=True)
        return []
    try:
        rows = conn.execute(_POPULAR_SQL, (MIN_MEMBERS, limit)).fetchall()
    except sqlite3.Error:  # an older log without the columns read here, or a damaged one: no popular questions
        log.warning("autocomplete: cannot read the query log %s; suggesting the FAQ only", db_path, exc_info=True)
        return []
    finally:
        conn.close()
    return [(question, language, asked) for question, language, asked, _ in rows]
