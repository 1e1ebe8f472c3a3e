"""A query log filled with known rows, shared by the query log, reports, CLI and dashboard tests.

``fill(path, now)`` writes the rows below through the real ``QueryLog`` (times relative to ``now``).
Run as a script to make a demo log: ``python tests/querylog_data.py /tmp/demo.db``.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import sys
import time
from pathlib import Path

from bot.querylog import schema
from bot.querylog.store import LogEntry, QueryLog

SECRET = b"test-secret"
H = 3600.0
D = 86_400.0

# (qid, age in seconds, frontend, user, question, language, citations, latency_ms, reason)
ROWS: list[tuple[str, float, str, int | None, str, str, list[tuple], float, str]] = [
    ("q01", 1 * D, "discord", 1001, "Qui a signé la déclaration ?", "fr",
     [("lemoci-fr#3", 9.1, "La déclaration a été signée par Delphine Gény-Stephann et Mounir Mahjoubi.")], 10, ""),
    ("q02", 2 * D, "discord", 1002, "who signed", "en", [], 20, "low-score"),
    ("q03", 3 * D, "discord", 1003, "qui a signé ?", "fr", [], 30, "low-score"),
    ("q04", 1 * H, "cli", None, "Qui a signé la déclaration?", "fr", [], 40, "no-match"),
    ("q05", 0.5 * H, "discord", 1007, "qui a signé ?", "fr", [], 45, "low-score"),
    ("q06", 2 * D + H, "discord", 1001, "When was it signed?", "en",
     [("declaration-en#2", 8.0, "It was signed in Paris on 13 July 2018."), ("meti-fr#1", 5.0, "Le 13 juillet.")],
     50, ""),
    ("q07", 4 * D, "discord", 1004, "Combien de start-up japonaises à Station F ?", "fr", [], 60, "no-match"),
    ("q08", 5 * D, "discord", 1005, "Combien de start-up japonaises à Station F", "fr", [], 70, "no-match"),
    ("q09", 6 * D, "discord", 1006, "誰が署名しましたか？", "ja", [], 80, "low-score"),
    ("q10", 6 * D + H, "discord", 1002, "What is J-Startup?", "en",
     [("lemoci-fr#9", 7.0, "J-Startup est le programme japonais.")], 90, ""),
    ("q11", 5 * D + H, "cli", None, "Quels sont les trois principes ?", "fr",
     [("lemoci-fr#5", 6.0, "Trois principes : égalité, réciprocité, bénéfice mutuel."),
      ("lemoci-fr#3", 2.0, "signée")], 100, ""),
    # the week before
    ("q12", 9 * D, "discord", 1001, "Quelles technologies ?", "fr",
     [("lemoci-fr#6", 6.5, "IA, big data, IoT et 5G.")], 15, ""),
    ("q13", 10 * D, "discord", 1007, "Où a été signée la déclaration ?", "fr", [], 25, "low-score"),
    ("q14", 12 * D, "discord", 1008, "What is the weather in Tokyo?", "en", [], 35, "no-match"),
    # older than the 90-day retention
    ("q15", 120 * D, "discord", 1001, "Ancienne question", "fr", [("lemoci-fr#1", 3.0, "Titre.")], 5, ""),
]
# (qid, member, vote)
VOTES: list[tuple[str, int, int]] = [
    ("q01", 1002, 1), ("q01", 1003, 1),
    ("q06", 1004, -1), ("q06", 1005, -1),
    ("q10", 1002, -1), ("q10", 1001, 1),
    ("q15", 1002, 1),
]


async def fill_async(path: Path | str, now: float, secret: bytes = SECRET) -> None:
    async with await QueryLog.open(path, secret=secret) as qlog:
        for qid, age, frontend, user, question, language, cites, latency, reason in ROWS:
            qlog.record(LogEntry(
                qid=qid, question=question, language=language, answered=bool(cites), citations=cites,
                latency_ms=latency, frontend=frontend, user_id=user, guild_id=5 if user else None,
                channel_id=6 if user else None, reason=reason, ts=now - age,
            ))
        await qlog.flush()
        for qid, member, value in VOTES:
            assert await qlog.vote(qid, member, value)


def fill(path: Path | str, now: float | None = None, secret: bytes = SECRET) -> float:
    """Fill a log at ``path``; returns the ``now`` used."""
    now = time.time() if now is None else now
    asyncio.run(fill_async(path, now, secret))
    return now


FAQ = """\
type: faq
id: faq-en
title: Frequently asked questions
language: en
source: https://example.org/faq
entries:
  - questions: [Who signed the declaration?, Which ministers signed it?]
    answer: Delphine Gény-Stephann and Mounir Mahjoubi signed for France, Yoji Muto for Japan.
  - questions: [When was the declaration signed?, What is the date of the declaration?]
    answer: The declaration was signed in Paris on 13 July 2018.
"""
DOC = """\
---
id: decl-en
title: The joint declaration of 13 July 2018
language: en
source: https://example.org/declaration
---
# Signatories

The joint declaration was signed by Delphine Gény-Stephann and Mounir Mahjoubi for France and by Yoji Muto for Japan.

# Date

The declaration was signed in Paris on Friday 13 July 2018.

# Principles

The cooperation rests on three principles: equality, reciprocity and mutual benefit.

# Technologies

The declaration names artificial intelligence, big data, the internet of things and 5G.

# Start-ups

The goal is to help start-ups of both countries grow, with J-Startup and French Tech.

# Station F

Station F in Paris hosts a programme for Japanese start-ups.
"""


def knowledge_dir(root: Path) -> Path:
    """A small knowledge directory (an FAQ and a document) for the real Retriever."""
    directory = root / "knowledge"
    directory.mkdir()
    (directory / "faq.yaml").write_text(FAQ, encoding="utf-8")
    (directory / "decl.md").write_text(DOC, encoding="utf-8")
    return directory


def replay_log(db: Path, now: float) -> None:
    """A log whose replay against ``knowledge_dir()`` gives one case of each kind."""
    schema.migrate(db)
    conn = sqlite3.connect(db, isolation_level=None)
    logged = [  # qid, question, answered, first citation
        ("r1", "Who signed the declaration?", 0, None),
        ("r2", "Who signed the declaration?", 0, None),
        ("r3", "What is the weather in Tokyo?", 0, None),
        ("r4", "When was it signed?", 1, "old-doc#1"),
        ("r5", "Tell me about the moon base", 1, "moon#1"),
        ("r6", "What are the three principles?", 1, "decl-en#3"),
    ]
    for i, (qid, question, answered, first) in enumerate(logged):
        conn.execute(
            "INSERT INTO questions (qid, ts, frontend, question, language, answered, latency_ms)"
            " VALUES (?, ?, 'cli', ?, 'en', ?, 1.0)", (qid, now - D + i, question, answered))
        if first:
            conn.execute("INSERT INTO citations (qid, rank, passage_id, score) VALUES (?, 1, ?, 1.0)", (qid, first))
    conn.close()


if __name__ == "__main__":
    fill(sys.argv[1])


def damage_in_the_middle(db: Path, rows: int = 3000, secret: bytes = SECRET) -> None:
    """A log of ``rows`` questions whose middle 20 kB are overwritten with random bytes (trial 10 M4): its header
    and first pages are intact, so it opens, but SQLite's quick_check finds the damage."""

    async def write() -> None:
        async with await QueryLog.open(db, secret=secret, batch_size=500) as qlog:
            for i in range(rows):
                qlog.record(LogEntry(qid=f"d{i}", question=f"Who signed the declaration, question {i}?", language="en",
                                     answered=True, latency_ms=1.0, frontend="discord", user_id=1000 + i % 50,
                                     citations=[("declaration-en#2", 8.0, "It was signed in Paris on 13 July 2018.")]))

    asyncio.run(write())
    size = db.stat().st_size
    with open(db, "r+b") as file:
        file.seek(size // 2)
        file.write(random.Random(7).randbytes(20_000))
