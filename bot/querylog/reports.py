"""Maintainers' reports over the query log (``python -m bot logs …``), read-only and synchronous (sqlite3).

Every report takes the log path and a time window (``since``: Unix time or None for all, ``now``). Discord
calls ``summary()`` and ``format_summary()`` through ``asyncio.to_thread``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TextIO, TypedDict

from bot.formatting import MISSING, ms, pct, signed_pct, signed_points
from bot.i18n import t
from bot.limits import DAY, HOUR, PREVIEW_CHARS, WEEK, flat_clip
from bot.models import RefusalReason
from bot.querylog import chart, schema, topics
from bot.querylog.schema import QueryLogError
from bot.questions import asks_for_more
from bot.stats import percentile

__all__ = [
    "QueryLogError", "Summary", "export", "feedback", "format_summary", "passages", "replay", "summary", "top",
    "unanswered",
]

Progress = Callable[[int, int], None]
AnswerFn = Callable[[str, str], Any]  # (question, language) -> bot.models.Answer


class UnansweredTopic(TypedDict):
    """One topic of ``unanswered()``: near-duplicate abstained questions (JSON as is in ``logs --json``)."""

    topic: str  # its most frequent phrasing
    count: int
    members: int
    first_seen: str | None
    last_seen: str | None
    languages: list[str]
    examples: list[str]  # distinct phrasings, most frequent first


class CitedSnippet(TypedDict):
    rank: int
    passage_id: str
    score: float
    snippet: str


class FeedbackItem(TypedDict):
    """One answer of ``feedback()``: a logged question with at least one 👎, and what it cited."""

    qid: str
    time: str | None
    question: str
    language: str
    frontend: str
    answered: bool
    up: int
    down: int
    citations: list[CitedSnippet]


def iso(ts: float | None) -> str | None:
    """Unix time → ``2026-11-01T12:00:00Z``."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def _reader(db_path: Path | str, guild_id: int | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection; with ``guild_id``, every query sees only that server's questions.

    The scope is a TEMP view named ``questions``: SQLite resolves an unqualified name to the temp schema
    first, so each report's SQL (and every join through ``questions``) is filtered without being rewritten.
    """
    conn = schema.open_reader(db_path)
    try:
        if guild_id is not None:
            conn.execute(f"CREATE TEMP VIEW questions AS SELECT * FROM main.questions WHERE guild_id = {int(guild_id)}")
            conn.execute(f"CREATE TEMP VIEW refusals AS SELECT * FROM main.refusals WHERE guild_id = {int(guild_id)}")
        yield conn
    except sqlite3.Error as exc:
        raise QueryLogError(f"cannot read the query log {db_path}: {exc}") from exc
    finally:
        conn.close()


def _window(since: float | None, now: float | None) -> tuple[float, float]:
    now = time.time() if now is None else now
    return (-math.inf if since is None else since), now


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _percentile(sorted_values: list[float], q: float) -> float | None:
    """The nearest-rank percentile (``bot.stats``), to the tenth of a millisecond."""
    value = percentile(sorted_values, q)
    return None if value is None else round(value, 1)


# -- summary ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class WindowStats:
    """Questions and votes of one time window (the summary's, this week's, the week before's)."""

    questions: int
    members: int
    answered: int
    answer_rate: float | None  # None: no question
    up: int
    down: int
    up_rate: float | None  # None: no vote
    small_talk: int = 0  # "hi", "merci", "👍": not questions, neither answered nor unanswered


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Questions of one language or front end."""

    questions: int
    answered: int
    answer_rate: float | None


@dataclass(frozen=True, slots=True)
class Votes:
    up: int
    down: int
    up_rate: float | None


@dataclass(frozen=True, slots=True)
class Latency:
    """Answer latency in milliseconds (None: no question)."""

    p50: float | None
    p95: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class WeekChange:
    """This week against the one before: questions and members relative, rates in points (None: no base)."""

    questions: float | None
    members: float | None
    answer_rate: float | None
    up_rate: float | None


@dataclass(frozen=True, slots=True)
class WeekOverWeek:
    this_week: WindowStats
    previous_week: WindowStats
    change: WeekChange


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``summary()`` returns; ``dataclasses.asdict`` gives the JSON of ``logs summary --json``."""

    db: str
    since: str | None  # ISO time, None: everything
    until: str | None
    days: float | None
    questions: int
    members: int
    answered: int
    unanswered: int  # abstentions on questions (small talk apart)
    answer_rate: float | None  # answered / (questions - small talk)
    votes: Votes
    latency_ms: Latency
    by_language: dict[str, Breakdown]  # most questions first
    by_frontend: dict[str, Breakdown]
    week_over_week: WeekOverWeek
    small_talk: int = 0  # greetings and thanks: counted in ``questions``, not in the answer rate
    refused: dict[str, int] = field(default_factory=dict)  # refused before an answer, by reason: not in ``questions``


SMALL_TALK = "reason = 'small-talk'"  # a greeting or a thanks is neither answered nor unanswered


def _window_stats(conn: sqlite3.Connection, lo: float, hi: float) -> WindowStats:
    n, members, answered, small = conn.execute(
        f"SELECT count(*), count(DISTINCT user_hash), coalesce(sum(answered), 0), coalesce(sum({SMALL_TALK}), 0)"
        " FROM questions WHERE ts >= ? AND ts < ?",
        (lo, hi),
    ).fetchone()
    up, down = conn.execute(
        "SELECT coalesce(sum(v.value = 1), 0), coalesce(sum(v.value = -1), 0) FROM votes v"
        " JOIN questions q USING (qid) WHERE q.ts >= ? AND q.ts < ?",
        (lo, hi),
    ).fetchone()
    return WindowStats(n, members, answered, _rate(answered, n - small), up, down, _rate(up, up + down), small)


def _breakdown(conn: sqlite3.Connection, column: str, lo: float, hi: float) -> dict[str, Breakdown]:
    rows = conn.execute(
        f"SELECT {column}, count(*) AS n, sum(answered), sum({SMALL_TALK}) FROM questions WHERE ts >= ? AND ts < ?"
        f" GROUP BY {column} ORDER BY n DESC, {column}",
        (lo, hi),
    ).fetchall()
    return {key: Breakdown(n, a, _rate(a, n - small)) for key, n, a, small in rows}


_KNOWN_REFUSALS = frozenset(RefusalReason)  # a reason stored by a later version is shown as stored


def _refusals(conn: sqlite3.Connection, lo: float, hi: float) -> dict[str, int]:
    """Questions refused before an answer, by reason, counted by the hour: every hour that overlaps the window."""
    rows = conn.execute(
        "SELECT reason, sum(count) FROM refusals WHERE hour > ? AND hour < ? GROUP BY reason", (lo - HOUR, hi)
    ).fetchall()
    found = dict(rows)
    known = {reason.value: found.pop(reason) for reason in RefusalReason if reason in found}  # in the enum's order
    return known | dict(sorted(found.items()))


def refusal_reasons(refused: dict[str, int], language: str | None = "en") -> str:
    """"rate limit 3, repeated question 1": each reason in the report's language (an unknown one as stored)."""
    def name(reason: str) -> str:
        return t(f"refusal.{reason}", language) if reason in _KNOWN_REFUSALS else reason

    return ", ".join(f"{name(reason)} {n}" for reason, n in refused.items()) or MISSING


def _change(new: float | None, old: float | None, *, relative: bool) -> float | None:
    if new is None or old is None:
        return None
    if not relative:
        return round(new - old, 4)
    return round((new - old) / old, 4) if old else None


def summary(
    db_path: Path | str,
    since_days: float | None = 7.0,
    *,
    since: float | None = None,
    now: float | None = None,
    guild_id: int | None = None,
) -> Summary:
    """Questions, members, answer rate, votes, latency, by language and front end, and week over week.

    The window is ``since`` (Unix time) if given, else the last ``since_days`` days (None: everything).
    """
    now = time.time() if now is None else now
    if since is None and since_days is not None:
        since = now - since_days * DAY
    lo, hi = _window(since, now)
    with _reader(db_path, guild_id) as conn:
        stats = _window_stats(conn, lo, hi)
        latencies = [latency for (latency,) in conn.execute(
            "SELECT latency_ms FROM questions WHERE ts >= ? AND ts < ? ORDER BY latency_ms", (lo, hi)
        )]
        this_week = _window_stats(conn, now - WEEK, now)
        last_week = _window_stats(conn, now - 2 * WEEK, now - WEEK)
        by_language = _breakdown(conn, "language", lo, hi)
        by_frontend = _breakdown(conn, "frontend", lo, hi)
        refused = _refusals(conn, lo, hi)
    return Summary(
        db=str(db_path),
        since=iso(since),
        until=iso(now),
        days=None if since is None else round((now - since) / DAY, 2),
        questions=stats.questions,
        members=stats.members,
        answered=stats.answered,
        unanswered=stats.questions - stats.answered - stats.small_talk,
        small_talk=stats.small_talk,
        refused=refused,
        answer_rate=stats.answer_rate,
        votes=Votes(stats.up, stats.down, stats.up_rate),
        latency_ms=Latency(
            p50=_percentile(latencies, 50),
            p95=_percentile(latencies, 95),
            max=round(latencies[-1], 1) if latencies else None,
        ),
        by_language=by_language,
        by_frontend=by_frontend,
        week_over_week=WeekOverWeek(this_week, last_week, WeekChange(
            questions=_change(this_week.questions, last_week.questions, relative=True),
            members=_change(this_week.members, last_week.members, relative=True),
            answer_rate=_change(this_week.answer_rate, last_week.answer_rate, relative=False),
            up_rate=_change(this_week.up_rate, last_week.up_rate, relative=False),
        )),
    )


def format_summary(data: Summary, language: str | None = "en") -> str:
    """A compact Markdown summary (fits an ephemeral Discord message) in fr, en or ja."""
    def lab(key: str, **fields: object) -> str:
        return t(f"summary.{key}", language, **fields)

    period = lab("all") if data.days is None else lab("days", d=f"{data.days:g}")
    lines = [f"**{lab('title')} — {period}**"]
    refused = [lab("refused", n=sum(data.refused.values()), reasons=refusal_reasons(data.refused, language))]
    if not data.questions:
        return "\n".join([*lines, lab("none"), *(refused if data.refused else [])])
    votes, lat, wow = data.votes, data.latency_ms, data.week_over_week
    lines += [
        f"{lab('questions')}: {data.questions} · {lab('members')}: {data.members} · "
        f"{lab('answered')}: {data.answered} ({lab('rate_of', pct=pct(data.answer_rate))})",
        lab("small_talk", n=data.small_talk),
        *(refused if data.refused else []),
        f"{lab('feedback')}: 👍 {votes.up} · 👎 {votes.down} ({pct(votes.up_rate)} {lab('positive')})",
        f"{lab('latency')}: p50 {ms(lat.p50)} · p95 {ms(lat.p95)} · max {ms(lat.max)}",
        f"{lab('languages')}: " + ", ".join(
            f"{k} {v.questions} ({pct(v.answer_rate)})" for k, v in data.by_language.items()
        ),
        f"{lab('frontends')}: " + ", ".join(f"{k} {v.questions}" for k, v in data.by_frontend.items()),
    ]
    rate_text = signed_points(wow.change.answer_rate, lab("pts"))
    lines.append(
        f"{lab('wow')}: {lab('questions').lower()} {wow.this_week.questions} "
        f"({signed_pct(wow.change.questions)}), {lab('rate')} {rate_text}"
    )
    return "\n".join(lines)


# -- per day ---------------------------------------------------------------------------------------------
def daily(
    db_path: Path | str, *, since: float, now: float | None = None, guild_id: int | None = None
) -> list[chart.Day]:
    """Questions and answers per UTC day from ``since`` to ``now``, quiet days included, oldest first (of the
    server ``guild_id`` only when given)."""
    lo, hi = _window(since, now)
    with _reader(db_path, guild_id) as conn:
        rows = conn.execute(
            "SELECT date(ts, 'unixepoch') AS day, count(*), coalesce(sum(answered), 0),"
            f" coalesce(sum({SMALL_TALK}), 0) FROM questions WHERE ts >= ? AND ts < ? GROUP BY day ORDER BY day",
            (lo, hi),
        ).fetchall()
    return chart.fill_days(rows, since, hi)


# -- unanswered ------------------------------------------------------------------------------------------
class TopTopic(UnansweredTopic):
    """One topic of ``top()``: questions asked, answered or not, grouped by meaning across languages."""

    answered: int
    answer_rate: float | None
    up: int
    down: int


MAX_TOPIC_KEYS = 1_000
"""``logs top`` / ``logs unanswered`` group by meaning the questions of the most asked topic keys (the same words
after analysis) only: each distinct phrasing costs one search, so a log of 200,000 distinct questions would take
hours. The less asked are counted (``Grouped.left_out``), not listed. A log of ordinary size is grouped whole."""
ASKED = "coalesce(q.understood, q.question)"  # a follow-up as it was read
TOPIC_KEY = f"coalesce(q.topic, '~' || {ASKED})"


class _Phrasing(NamedTuple):
    text: str  # as logged
    language: str
    count: int
    first: float


@dataclass(frozen=True, slots=True)
class Grouped:
    """Topics most asked first, and what was not grouped: the questions (and distinct topic keys) beyond the
    ``MAX_TOPIC_KEYS`` most asked."""

    topics: list[TopTopic]
    questions: int  # in the window, grouped or not
    left_out: int = 0
    left_out_keys: int = 0


def _scope(unanswered_only: bool) -> str:
    """The window's questions, small talk apart ("hi", "merci": no question, no topic)."""
    return f"q.ts >= ? AND q.ts < ? AND NOT q.{SMALL_TALK}" + (" AND q.answered = 0" if unanswered_only else "")


def _phrasings(conn: sqlite3.Connection, where: str, lo: float, hi: float) -> list[_Phrasing]:
    """The distinct phrasings of the ``MAX_TOPIC_KEYS`` most asked topic keys, first asked first (SQLite groups:
    the log's rows are never all in memory)."""
    return [_Phrasing(*row) for row in conn.execute(
        f"WITH top AS (SELECT {TOPIC_KEY} AS key FROM questions q WHERE {where} GROUP BY key"
        " ORDER BY count(*) DESC, max(q.ts) DESC LIMIT ?)"
        f" SELECT {ASKED}, q.language, count(*), min(q.ts) FROM questions q WHERE {where}"
        f" AND {TOPIC_KEY} IN (SELECT key FROM top) GROUP BY 1, 2 ORDER BY 4, 1, 2",
        (lo, hi, MAX_TOPIC_KEYS, lo, hi),
    )]


def _topic_rows(
    conn: sqlite3.Connection, where: str, lo: float, hi: float, phrasings: list[_Phrasing], groups: list[list[int]]
) -> dict[int, tuple[Any, ...]]:
    """Per group: questions, members, first and last seen, languages, answered, 👍, 👎 (SQLite sums the rows)."""
    conn.execute("CREATE TEMP TABLE grouped (text TEXT, language TEXT, gid INTEGER, PRIMARY KEY (text, language))")
    conn.executemany("INSERT INTO temp.grouped VALUES (?, ?, ?)",
                     [(phrasings[i].text, phrasings[i].language, g) for g, group in enumerate(groups) for i in group])
    return {row[0]: row[1:] for row in conn.execute(
        "SELECT g.gid, count(*), count(DISTINCT q.user_hash), min(q.ts), max(q.ts), group_concat(DISTINCT q.language),"
        " sum(q.answered), coalesce(sum(v.up), 0), coalesce(sum(v.down), 0) FROM questions q"
        f" JOIN temp.grouped g ON g.text = {ASKED} AND g.language = q.language"
        " LEFT JOIN (SELECT qid, sum(value = 1) AS up, sum(value = -1) AS down FROM votes GROUP BY qid) v"
        f" ON v.qid = q.qid WHERE {where} GROUP BY g.gid",
        (lo, hi),
    )}


def _topics(phrasings: list[_Phrasing], rows: dict[int, tuple[Any, ...]], groups: list[list[int]],
            examples: int) -> list[TopTopic]:
    """The groups as topics: most asked first, then the most recent."""
    result: list[tuple[float, TopTopic]] = []
    for g, group in enumerate(groups):
        count, members, first, last, languages, answered, up, down = rows[g]
        said: Counter[str] = Counter()
        for i in group:  # first asked first: a tie keeps the phrasing asked first
            said[" ".join(phrasings[i].text.split())] += phrasings[i].count
        ordered = sorted(said, key=lambda p: -said[p])
        result.append((last, {
            "topic": ordered[0],
            "count": count,
            "members": members,
            "first_seen": iso(first),
            "last_seen": iso(last),
            "languages": sorted(set(languages.split(","))),
            "examples": ordered[:examples],
            "answered": answered,
            "answer_rate": _rate(answered, count),
            "up": up,
            "down": down,
        }))
    result.sort(key=lambda item: (-item[1]["count"], -item[0], item[1]["topic"]))
    return [topic for _, topic in result]


def grouped(
    db_path: Path | str,
    *,
    since: float | None = None,
    now: float | None = None,
    unanswered_only: bool,
    examples: int = 3,
    model: topics.TopicModel | None = None,
    guild_id: int | None = None,
) -> Grouped:
    """The window's questions (all, or the abstained ones) grouped into topics, and what was left out."""
    lo, hi = _window(since, now)
    where = _scope(unanswered_only)
    with _reader(db_path, guild_id) as conn:
        questions, keys = conn.execute(f"SELECT count(*), count(DISTINCT {TOPIC_KEY}) FROM questions q WHERE {where}",
                                       (lo, hi)).fetchone()
        phrasings = _phrasings(conn, where, lo, hi)
        merged: dict[tuple[str, str], int] = {}  # spaces collapsed: one phrasing
        counts: list[int] = []
        of = []  # each phrasing's merged one
        for p in phrasings:
            d = merged.setdefault((" ".join(p.text.split()), p.language), len(merged))
            counts += [0] * (d + 1 - len(counts))
            counts[d] += p.count
            of.append(d)
        distinct = [topics.Phrasing(text, language, counts[d]) for (text, language), d in merged.items()]
        clustered = topics.cluster_counted(distinct, model)
        owner = {d: g for g, group in enumerate(clustered) for d in group}
        groups: list[list[int]] = [[] for _ in clustered]
        for i, d in enumerate(of):
            groups[owner[d]].append(i)
        found = _topics(phrasings, _topic_rows(conn, where, lo, hi, phrasings, groups), groups, examples)
    return Grouped(found, questions, questions - sum(topic["count"] for topic in found), max(0, keys - MAX_TOPIC_KEYS))


def unanswered(
    db_path: Path | str,
    *,
    since: float | None = None,
    now: float | None = None,
    examples: int = 3,
    limit: int | None = None,
    model: topics.TopicModel | None = None,
    guild_id: int | None = None,
) -> list[UnansweredTopic]:
    """Abstained questions grouped into topics by meaning (across languages with a ``model`` built from the
    knowledge base; by words alone without), most asked first.

    Each topic: ``topic`` (its most frequent phrasing), ``count``, ``members``, ``first_seen``, ``last_seen``,
    ``languages`` and up to ``examples`` distinct phrasings (most frequent first).
    """
    found = grouped(db_path, since=since, now=now, unanswered_only=True, examples=examples, model=model,
                    guild_id=guild_id).topics[: limit or None]
    keys = UnansweredTopic.__annotations__
    return [{k: topic[k] for k in keys} for topic in found]  # type: ignore[misc]


def top(
    db_path: Path | str,
    *,
    since: float | None = None,
    now: float | None = None,
    examples: int = 3,
    limit: int | None = None,
    model: topics.TopicModel | None = None,
) -> list[TopTopic]:
    """The most asked questions, answered or not, grouped by meaning like ``unanswered()``; each topic also has
    ``answered``, ``answer_rate`` and the 👍/👎 its answers got."""
    found = grouped(db_path, since=since, now=now, unanswered_only=False, examples=examples, model=model)
    return found.topics[: limit or None]


# -- feedback --------------------------------------------------------------------------------------------
def _citations(conn: sqlite3.Connection, qids: Iterable[str]) -> dict[str, list[CitedSnippet]]:
    out: dict[str, list[CitedSnippet]] = {}
    qids = list(qids)
    for start in range(0, len(qids), 500):
        chunk = qids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for qid, rank, pid, score, snippet in conn.execute(
            f"SELECT qid, rank, passage_id, score, snippet FROM citations WHERE qid IN ({marks})"
            " ORDER BY qid, rank",
            chunk,
        ):
            out.setdefault(qid, []).append(
                {"rank": rank, "passage_id": pid, "score": round(score, 4), "snippet": snippet}
            )
    return out


def feedback(
    db_path: Path | str,
    *,
    since: float | None = None,
    now: float | None = None,
    limit: int | None = None,
    guild_id: int | None = None,
) -> list[FeedbackItem]:
    """Answers with at least one 👎 (most 👎 first, then newest), with their citations and snippets."""
    lo, hi = _window(since, now)
    with _reader(db_path, guild_id) as conn:
        rows = conn.execute(
            "SELECT q.qid, q.ts, q.question, q.language, q.frontend, q.answered,"
            " sum(v.value = 1) AS up, sum(v.value = -1) AS down"
            " FROM questions q JOIN votes v USING (qid) WHERE q.ts >= ? AND q.ts < ?"
            " GROUP BY q.qid HAVING down > 0 ORDER BY down DESC, q.ts DESC, q.qid",
            (lo, hi),
        ).fetchall()
        if limit:
            rows = rows[:limit]
        cites = _citations(conn, [qid for qid, *_ in rows])
    return [
        {
            "qid": qid, "time": iso(ts), "question": question, "language": language, "frontend": frontend,
            "answered": bool(answered), "up": up, "down": down, "citations": cites.get(qid, []),
        }
        for qid, ts, question, language, frontend, answered, up, down in rows
    ]


# -- passages --------------------------------------------------------------------------------------------
class _Known(Protocol):
    """What ``passages()`` reads of a corpus passage (``bot.models.Passage``)."""

    id: str
    doc_id: str
    path: str
    text: str


def passages(
    db_path: Path | str,
    *,
    since: float | None = None,
    now: float | None = None,
    known: Iterable[_Known] | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Passages by times cited (with first-place count and the votes on those answers), and the corpus passages
    never cited in the window grouped by document with a text preview (``never_cited`` is None without
    ``known``). ``limit`` caps both lists (``cited_total`` and ``never_cited_total`` give the full counts)."""
    lo, hi = _window(since, now)
    with _reader(db_path) as conn:
        rows = conn.execute(
            "SELECT c.passage_id, count(*) AS n, sum(c.rank = 1), coalesce(sum(v.up), 0), coalesce(sum(v.down), 0),"
            " max(q.ts) FROM citations c JOIN questions q USING (qid)"
            " LEFT JOIN (SELECT qid, sum(value = 1) AS up, sum(value = -1) AS down FROM votes GROUP BY qid) v"
            " USING (qid) WHERE q.ts >= ? AND q.ts < ? GROUP BY c.passage_id ORDER BY n DESC, c.passage_id",
            (lo, hi),
        ).fetchall()
    cited = [
        {"passage_id": pid, "cited": n, "first": first, "up": up, "down": down, "last_cited": iso(last)}
        for pid, n, first, up, down, last in rows
    ]
    result: dict[str, Any] = {"cited": cited[:limit] if limit else cited, "cited_total": len(cited),
                              "never_cited": None, "never_cited_total": None}
    if known is not None:
        seen = {row["passage_id"] for row in cited}
        unused = [p for p in known if p.id not in seen]
        result["never_cited_total"] = len(unused)
        groups: dict[str, dict[str, Any]] = {}
        for p in unused[:limit] if limit else unused:
            group = groups.setdefault(p.doc_id, {"document": p.doc_id, "path": p.path, "passages": []})
            group["passages"].append({"passage_id": p.id, "preview": flat_clip(p.text, PREVIEW_CHARS)})
        result["never_cited"] = list(groups.values())
    return result


# -- purge preview ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PurgePreview:
    """What ``purge`` would delete: questions older than the cutoff, their citations and votes, of ``total``."""

    questions: int
    citations: int
    votes: int
    total: int

    @property
    def rows(self) -> int:
        return self.questions + self.citations + self.votes


def purge_preview(db_path: Path | str, *, older_than_days: float, now: float | None = None) -> PurgePreview:
    """Count what ``QueryLog.purge(older_than_days)`` would delete (read only)."""
    now = time.time() if now is None else now
    cutoff = now - older_than_days * DAY
    old = "qid IN (SELECT qid FROM questions WHERE ts < ?)"
    with _reader(db_path) as conn:
        questions, total = conn.execute(
            "SELECT coalesce(sum(ts < ?), 0), count(*) FROM questions", (cutoff,)
        ).fetchone()
        citations = conn.execute(f"SELECT count(*) FROM citations WHERE {old}", (cutoff,)).fetchone()[0]
        votes = conn.execute(f"SELECT count(*) FROM votes WHERE {old}", (cutoff,)).fetchone()[0]
    return PurgePreview(questions, citations, votes, total)


# -- export ----------------------------------------------------------------------------------------------
EXPORT_FIELDS = (
    "qid", "time", "frontend", "user", "guild_id", "channel_id", "question", "language", "answered", "reason",
    "latency_ms", "citations", "votes_up", "votes_down", "understood",
)
CSV_FIELDS = (*EXPORT_FIELDS, "passage_ids", "first_snippet")
BOM = "\ufeff"
"""Starts a CSV export so that spreadsheets read it as UTF-8 (é, Japanese)."""


def _id_text(value: int | None) -> str | None:
    """Discord ids as strings: as JSON numbers they lose digits in JavaScript and jq (> 2**53)."""
    return None if value is None else str(value)


EXPORT_CHUNK = 1_000  # questions read (with their citations and votes) at a time: memory stays flat


def export_rows(
    db_path: Path | str, *, since: float | None = None, now: float | None = None
) -> Iterator[dict[str, Any]]:
    """One dict per question (oldest first) with its citations and vote counts; ``user`` is the keyed hash.
    Read ``EXPORT_CHUNK`` questions at a time (a 200,000-question log took 360 MB as one list)."""
    lo, hi = _window(since, now)
    with _reader(db_path) as conn:
        cursor = conn.execute(
            "SELECT qid, ts, frontend, user_hash, guild_id, channel_id, question, language, answered, reason,"
            " latency_ms, understood FROM questions WHERE ts >= ? AND ts < ? ORDER BY ts, qid",
            (lo, hi),
        )
        while rows := cursor.fetchmany(EXPORT_CHUNK):
            yield from _export_chunk(conn, rows)


def _export_chunk(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    qids = [qid for qid, *_ in rows]
    cites = _citations(conn, qids)
    votes: dict[str, tuple[int, int]] = {}
    for start in range(0, len(qids), 500):
        chunk = qids[start : start + 500]
        votes.update((qid, (up, down)) for qid, up, down in conn.execute(
            "SELECT qid, sum(value = 1), sum(value = -1) FROM votes"
            f" WHERE qid IN ({','.join('?' * len(chunk))}) GROUP BY qid",
            chunk,
        ))
    for qid, ts, frontend, user, guild, channel, question, language, answered, reason, latency, understood in rows:
        up, down = votes.get(qid, (0, 0))
        yield {
            "qid": qid, "time": iso(ts), "frontend": frontend, "user": user, "guild_id": _id_text(guild),
            "channel_id": _id_text(channel), "question": question, "language": language, "answered": bool(answered),
            "reason": reason, "latency_ms": round(latency, 3),
            "citations": [{k: c[k] for k in ("passage_id", "score", "snippet")} for c in cites.get(qid, [])],
            "votes_up": up, "votes_down": down,
            "understood": understood,  # a follow-up as the bot read it, with the previous subject (None: as typed)
        }


def spreadsheet_safe(text: str) -> str:
    """Member text that a spreadsheet will not run as a formula (a leading ``'`` before = + - @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(
    db_path: Path | str,
    out: TextIO,
    fmt: str = "jsonl",
    *,
    since: float | None = None,
    now: float | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the log as ``csv`` or ``jsonl`` to ``out``; returns the number of questions written.

    Discord ids are strings in both. CSV starts with a UTF-8 BOM; ``citations`` is ``passage_id:score`` joined
    by spaces, ``passage_ids`` the cited ids, ``first_snippet`` the first citation's snippet; member text that a
    spreadsheet would run as a formula is prefixed with ``'``.
    """
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"unknown export format {fmt!r}: use csv or jsonl")
    lo, hi = _window(since, now)
    with _reader(db_path) as conn:
        total = conn.execute("SELECT count(*) FROM questions WHERE ts >= ? AND ts < ?", (lo, hi)).fetchone()[0]
    written = 0
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n") if fmt == "csv" else None
    if writer:
        out.write(BOM)
        writer.writeheader()
    for written, row in enumerate(export_rows(db_path, since=lo, now=hi), start=1):
        if writer:
            cites = " ".join(f"{c['passage_id']}:{c['score']:g}" for c in row["citations"])
            writer.writerow({
                **row, "question": spreadsheet_safe(row["question"]), "answered": int(row["answered"]),
                "understood": spreadsheet_safe(row["understood"] or ""),
                "citations": cites, "passage_ids": " ".join(c["passage_id"] for c in row["citations"]),
                "first_snippet": spreadsheet_safe(row["citations"][0]["snippet"]) if row["citations"] else "",
            })
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if progress and (written % 1000 == 0 or written == total):
            progress(written, max(total, written))
    return written


# -- replay ----------------------------------------------------------------------------------------------
def replay(
    db_path: Path | str,
    answer: AnswerFn,
    *,
    since: float | None = None,
    now: float | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Ask the logged questions again (each distinct question and language once, compared with its latest
    logged answer) and report what changed: ``now_answered``, ``lost``, ``changed`` (first citation);
    questions the retriever failed on are listed in ``errors``. ``down_before`` counts the 👎 its logged
    answers got: a changed answer that had 👎 is likely a fix. A follow-up is asked as the bot understood it
    ("who else? (signed the declaration)"): typed alone it has no subject and would always look lost. Asked
    live, "who else?" left out what its subject had already quoted, which a replay cannot know: its first
    citation is not compared (it is still reported lost or now answered). Small talk ("merci !") is no question
    and is left out."""
    lo, hi = _window(since, now)
    with _reader(db_path) as conn:
        rows = conn.execute(
            "SELECT coalesce(q.understood, q.question), q.language, q.answered, q.understood IS NOT NULL,"
            " q.question,"
            " (SELECT passage_id FROM citations c WHERE c.qid = q.qid ORDER BY rank LIMIT 1),"
            " (SELECT count(*) FROM votes v WHERE v.qid = q.qid AND v.value = -1)"
            f" FROM questions q WHERE q.ts >= ? AND q.ts < ? AND NOT q.{SMALL_TALK} ORDER BY q.ts, q.qid",
            (lo, hi),
        ).fetchall()
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for question, language, answered, followed, typed, first, down in rows:
        key = (" ".join(question.split()), language)
        count = latest[key]["count"] + 1 if key in latest else 1
        downs = latest[key]["down"] + down if key in latest else down
        latest[key] = {"answered": bool(answered), "first": first if answered else None, "count": count,
                       "down": downs, "more": bool(followed) and asks_for_more(typed)}
    result: dict[str, Any] = {
        "asked": len(rows), "questions": len(latest), "now_answered": [], "lost": [], "changed": [],
        "unchanged": 0, "still_unanswered": 0, "errors": [],
    }
    for i, ((question, language), before) in enumerate(sorted(latest.items(), key=lambda kv: kv[0]), start=1):
        try:
            new = answer(question, language)
        except Exception as exc:  # one broken question must not hide the rest of the replay
            error = f"{type(exc).__name__}: {exc}"
            result["errors"].append({"question": question, "language": language, "error": error})
            if progress:
                progress(i, len(latest))
            continue
        new_first = new.citations[0].passage_id if new.answered and new.citations else None
        item = {
            "question": question, "language": language, "count": before["count"], "before": before["first"],
            "after": new_first, "down_before": before["down"],
            "snippet": new.citations[0].snippet if new_first else "",
        }
        if not before["answered"]:
            kind = "now_answered" if new.answered else "still_unanswered"
        elif not new.answered:
            kind = "lost"
        else:
            kind = "changed" if new_first != before["first"] and not before["more"] else "unchanged"
        if kind in ("now_answered", "lost", "changed"):
            result[kind].append(item)
        else:
            result[kind] += 1
        if progress:
            progress(i, len(latest))
    for kind in ("now_answered", "lost", "changed"):
        result[kind].sort(key=lambda it: (-it["count"], it["question"]))
    result["changed_after_down"] = sum(1 for it in result["changed"] if it["down_before"])
    return result
