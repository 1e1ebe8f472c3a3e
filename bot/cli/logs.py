"""``python -m bot logs …``: the maintainers' view of the query log.

Reports (``summary``, ``top``, ``unanswered``, ``feedback``, ``passages``), ``export``, ``replay``, ``purge``,
``forget`` and ``serve`` (Datasette). Errors are one line on stderr: exit 1 for a log problem, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.atomic import atomic_write
from bot.children import stop_child
from bot.cli.output import error, print_json, progress, table
from bot.formatting import MISSING, ms, pct, signed_pct, signed_points
from bot.i18n import plural
from bot.limits import DAY, parse_duration, parse_window
from bot.querylog import fingerprint, reports, schema
from bot.querylog.schema import QueryLogError
from bot.settings import Settings

CLI_LANGUAGE = "en"  # the maintainers' commands speak English
DEFAULT_SINCE = "30d"
"""The window of every ``logs`` subcommand unless ``--since`` says otherwise (documented in ``--help``)."""
PURGE_CONFIRM_SHARE = 0.5
"""A purge deleting more than this share of the log (or all of it) needs ``--yes`` or a terminal's "y"."""
DISCORD_ID = re.compile(r"^[0-9]{17,20}$")
FORGET_HINT = (
    "give the member's Discord id, 17 to 20 digits (Discord: Settings › Advanced › Developer Mode on, then "
    "right-click the member › Copy User ID; for a mention <@123…> give only the digits)"
)


class UsageError(ValueError):
    """A bad option value (exit 2)."""


# -- settings (read once by bot.cli.main) ----------------------------------------------------------------
def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else args.settings.db_path


def _knowledge_dir(args: argparse.Namespace) -> Path:
    return Path(args.knowledge) if getattr(args, "knowledge", None) else args.settings.knowledge_dir


def _since(args: argparse.Namespace) -> float | None:
    try:
        return parse_window(args.since)
    except ValueError:
        raise UsageError(f"bad --since value {args.since!r}: use 7d (or 7: days), 30d, 12h, a date like 2026-11-01 "
                         "or all") from None


def _days(text: str) -> float:
    try:
        return parse_duration(text) / DAY
    except ValueError:
        raise UsageError(f"bad --older-than value {text!r}: use 90d, 12h or a number of days") from None


# -- output helpers ---------------------------------------------------------------------------------------
def _at_least_one(text: str) -> int:
    """A count option (``--limit``, ``--examples``): a negative one sliced lists from their end, 0 meant no limit."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number of 1 or more (got {text!r})")
    return value


def _short_time(stamp: str | None) -> str:
    return MISSING if stamp is None else stamp.replace("T", " ")[:16]


def _period(since: float | None) -> str:
    return "all time" if since is None else f"since {_short_time(reports.iso(since))} UTC"


# -- commands ---------------------------------------------------------------------------------------------
def _summary(args: argparse.Namespace) -> int:
    since = _since(args)
    data = reports.summary(_db_path(args), None, since=since)
    if args.json:
        print_json(data)
        return 0
    votes, lat = data.votes, data.latency_ms
    print(f"Query log {data.db} — {_period(since)}\n")
    print(table(None, [
        ("questions", data.questions, _members(data.members, data.questions)),
        ("answered", data.answered, f"{pct(data.answer_rate)} of the questions (small talk apart)"),
        ("unanswered", data.unanswered, ""),
        ("small talk", data.small_talk, "greetings and thanks: not in the answer rate"),
        ("refused", sum(data.refused.values()),
         f"{reports.refusal_reasons(data.refused)}: refused before an answer, not logged as questions"),
        ("feedback", f"👍 {votes.up}  👎 {votes.down}", f"{pct(votes.up_rate)} positive"),
        ("latency", f"p50 {ms(lat.p50)}", f"p95 {ms(lat.p95)}  max {ms(lat.max)}"),
    ]))
    for title, groups in (("language", data.by_language), ("front end", data.by_frontend)):
        rows = [(k, v.questions, v.answered, pct(v.answer_rate)) for k, v in groups.items()]
        print()
        print(table((title, "questions", "answered", "answer rate"), rows, right=(1, 2, 3)))
    this, prev, change = data.week_over_week.this_week, data.week_over_week.previous_week, data.week_over_week.change
    print()
    print(table(("week over week", "last 7 days", "7 days before", "change"), [
        ("questions", this.questions, prev.questions, signed_pct(change.questions)),
        ("members", this.members, prev.members, signed_pct(change.members)),
        ("answer rate", pct(this.answer_rate), pct(prev.answer_rate), signed_points(change.answer_rate)),
        ("👍 rate", pct(this.up_rate), pct(prev.up_rate), signed_points(change.up_rate)),
    ], right=(1, 2, 3)))
    return 0


def _topic_model(args: argparse.Namespace) -> Any:
    """The corpus and glossary that group questions across languages (None: by words alone)."""
    directory = _knowledge_dir(args)
    if args.words_only or not directory.is_dir():
        return None
    from bot.knowledge.loader import load_knowledge
    from bot.querylog.topics import TopicModel

    return TopicModel.from_knowledge(load_knowledge(directory))


def _grouping_note(args: argparse.Namespace, model: Any) -> str:
    if model is not None:
        return ""
    if args.words_only:
        return " (grouped by words only)"
    return f" (no knowledge directory at {_knowledge_dir(args)}: grouped by words only, not across languages)"


def _shown(groups: list[Any], found: list[Any]) -> str:
    return f", the {len(groups)} most asked below" if len(groups) < len(found) else ""


def _phrasings(groups: list[Any]) -> None:
    with_more = [(i, g) for i, g in enumerate(groups, start=1) if len(g["examples"]) > 1]
    if with_more:
        print("\nPhrasings:")
        for i, g in with_more:
            print(f"  {i}. " + " | ".join(g["examples"]))


TopicRow = Callable[[Any], tuple[Any, ...]]


def _count(key: str, n: int) -> str:
    return plural(f"count.{key}", n, CLI_LANGUAGE)


def _age(days: float) -> str:
    """An age as given to ``--older-than``: "90 days", "1 hour" (not "0.0416667 days"), "1.5 days"."""
    if days == int(days):
        return _count("days", int(days))
    hours = days * 24
    if abs(hours - round(hours)) < 1e-6:
        return _count("hours", round(hours))
    return f"{days:g} days"


def _members(members: int, questions: int) -> str:
    """Members are counted from Discord questions; terminal questions have none."""
    if questions and not members:
        return "no Discord member (terminal questions only)"
    return _count("members", members)


def _topic_report(args: argparse.Namespace, unanswered_only: bool, title: str,
                  headers: tuple[str, ...], row: TopicRow, right: tuple[int, ...]) -> int:
    """A report of questions grouped into topics (``unanswered``, ``top``): a count line, then one table row per
    topic (numbered) and the other phrasings."""
    since = _since(args)
    db = _db_path(args)
    schema.open_reader(db).close()  # a bad log fails before the corpus is loaded
    model = _topic_model(args)
    report = reports.grouped(db, since=since, unanswered_only=unanswered_only, examples=args.examples, model=model)
    found = report.topics
    groups = found[: args.limit] if args.limit else found
    if args.json:
        print_json(groups)
        return 0
    grouped = report.questions - report.left_out
    print(f"{title} — {_period(since)}: {_count('questions', grouped)} in {_count('topics', len(found))}"
          f"{_left_out(report)}{_shown(groups, found)}{_grouping_note(args, model)}\n")
    if groups:
        print(table(("#", *headers), [(i, *row(g)) for i, g in enumerate(groups, start=1)], right=right))
        _phrasings(groups)
    return 0


def _left_out(report: reports.Grouped) -> str:
    """The questions not grouped (beyond the most asked topic keys), when there are any."""
    if not report.left_out:
        return ""
    return (f" ({report.left_out} more, asked in {report.left_out_keys:,} other ways, are not listed: only the"
            f" {reports.MAX_TOPIC_KEYS:,} most asked ways of asking are grouped)")


def _unanswered(args: argparse.Namespace) -> int:
    return _topic_report(
        args, True, "Unanswered questions",
        ("asked", "members", "lang", "first seen", "last seen", "topic"),
        lambda g: (g["count"], g["members"], ",".join(g["languages"]), _short_time(g["first_seen"]),
                   _short_time(g["last_seen"]), g["topic"]),
        right=(0, 1, 2),
    )


def _top(args: argparse.Namespace) -> int:
    return _topic_report(
        args, False, "Most asked",
        ("asked", "members", "answered", "👍", "👎", "lang", "topic"),
        lambda g: (g["count"], g["members"], pct(g["answer_rate"]), g["up"], g["down"], ",".join(g["languages"]),
                   g["topic"]),
        right=(0, 1, 2, 3, 4, 5),
    )


def _feedback(args: argparse.Namespace) -> int:
    since = _since(args)
    items = reports.feedback(_db_path(args), since=since, limit=args.limit)
    if args.json:
        print_json(items)
        return 0
    print(f"Answers with 👎 — {_period(since)}: {len(items)}\n")
    for item in items:
        print(f"👎 {item['down']} 👍 {item['up']}  {_short_time(item['time'])}  [{item['language']}, "
              f"{item['frontend']}]  {item['question']}")
        print(f"   qid {item['qid']}")
        for cite in item["citations"]:
            print(f"   {cite['rank']}. {cite['passage_id']} ({cite['score']:.2f}): {cite['snippet']}")
        if not item["citations"]:
            print("   (no citation: the bot abstained)")
        print()
    return 0


def _passages(args: argparse.Namespace) -> int:
    since = _since(args)
    directory = _knowledge_dir(args)
    known = None
    if directory.is_dir():
        from bot.knowledge.loader import load_knowledge

        passages = load_knowledge(directory).passages
        known = passages
        _rename_old_ids(_db_path(args), passages)
    data = reports.passages(_db_path(args), since=since, known=known, limit=args.limit)
    if args.json:
        print_json(data)
        return 0
    cited = data["cited"]
    shown = f" (first {len(cited)})" if len(cited) < data["cited_total"] else ""
    print(f"Cited passages — {_period(since)}: {data['cited_total']}{shown}\n")
    if cited:
        rows = [(c["passage_id"], c["cited"], c["first"], c["up"], c["down"], _short_time(c["last_cited"]))
                for c in cited]
        print(table(("passage", "cited", "first", "👍", "👎", "last cited"), rows, right=(1, 2, 3, 4)))
    if data["never_cited"] is None:
        print(f"\n(no knowledge directory at {directory}: cannot list the passages never cited)")
        return 0
    total = data["never_cited_total"]
    listed = sum(len(g["passages"]) for g in data["never_cited"])
    shown = f", first {listed}" if listed < total else ""
    print(f"\nNever cited — {total} of {len(known or [])} passages in {directory}{shown}:")
    for group in data["never_cited"]:
        print(f"\n  {group['document']} ({group['path']}):")
        for p in group["passages"]:
            print(f"    {p['passage_id']}  {p['preview']}")
    return 0


def _private_output(path: Path) -> TextIO:
    """A device or pipe given as ``--out`` (``/dev/stdout``), written in place; 0600 like the log."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")


def _export_to(path: Path, write: Callable[[TextIO], int]) -> int:
    """An export holds member questions and hashes: written 0600 like the log, whole or not at all (trial 7: a
    failed export, e.g. a mistyped --db, emptied the previous export at ``path`` before reading the log)."""
    if path.exists() and not path.is_file():
        with _private_output(path) as out:
            return write(out)
    with atomic_write(path, ".export-", mode=0o600) as handle:
        out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        count = write(out)
        out.flush()
        out.detach()  # atomic_write syncs and renames the handle it gave
    return count


def _export(args: argparse.Namespace) -> int:
    since = _since(args)
    db = _db_path(args)
    if args.out and args.out != "-":  # "-": standard output, as Unix tools read it (trial 10 L1)
        try:
            n = _export_to(Path(args.out), lambda out: reports.export(db, out, args.format, since=since,
                                                                         progress=progress("exporting")))
        except OSError as exc:  # a folder that does not exist, no permission: one line, not "[Errno 2] …"
            return error(f"cannot write {args.out}: {(exc.strerror or str(exc)).lower()}", 2)
        print(f"exported {_count('questions', n)} to {args.out}", file=sys.stderr)
    else:
        reports.export(db, sys.stdout, args.format, since=since)
    return 0


def _rename_old_ids(db: Path, passages: list[Any]) -> None:
    """Rows logged with position ids (``doc#n``) get the stable ids of the corpus at hand (once)."""
    from bot.knowledge.ids import old_ids
    from bot.querylog.renames import rename_in_file

    try:
        rename_in_file(db, old_ids(passages))
    except (sqlite3.Error, OSError) as exc:
        print(f"warning: old passage ids in {db} were not renamed ({exc})", file=sys.stderr)


def _retriever_answer(directory: Path, db: Path) -> Callable[[str, str], Any]:
    if not directory.is_dir():
        raise QueryLogError(f"no knowledge directory at {directory}")
    from bot.knowledge.loader import load_knowledge
    from bot.search.retriever import Retriever

    kb = load_knowledge(directory)
    retriever = Retriever(kb)
    _rename_old_ids(db, kb.passages)  # every passage, the sections about a source too (the retriever's are not)
    return lambda question, language: retriever.answer(question, language)


def _replay(args: argparse.Namespace) -> int:
    since = _since(args)
    directory = _knowledge_dir(args)
    db = _db_path(args)
    schema.open_reader(db).close()  # a bad log fails before the corpus is loaded
    data = reports.replay(db, _retriever_answer(directory, db), since=since, progress=progress("replaying"))
    if args.json:
        print_json(data)
        return 0
    print(
        f"Replayed {data['questions']} distinct questions ({data['asked']} asked, {_period(since)}) against "
        f"{directory}: {len(data['now_answered'])} now answered, {len(data['lost'])} lost, "
        f"{len(data['changed'])} with a new first citation ({data['changed_after_down']} had 👎), "
        f"{data['unchanged']} unchanged, "
        f"{data['still_unanswered']} still unanswered"
        + (f", {len(data['errors'])} errors" if data["errors"] else "")
    )
    sections = (
        ("Now answered", "now_answered", lambda it: f"+ {it['question']} [{it['language']}, {it['count']}×] → "
                                                    f"{it['after']}"),
        ("Lost (answered before, not now)", "lost",
         lambda it: f"- {it['question']} [{it['language']}, {it['count']}×] (was {it['before']})"),
        ("First citation changed", "changed",
         lambda it: f"~ {it['question']} [{it['language']}, {it['count']}×]: {it['before']} → {it['after']}"
                    + (f"  👎 {it['down_before']} before" if it["down_before"] else "")),
    )
    if data["errors"]:
        print(f"\nErrors ({len(data['errors'])}):")
        for item in data["errors"]:
            print(f"  ! {item['question']} [{item['language']}]: {item['error']}")
    for title, key, line in sections:
        if data[key]:
            print(f"\n{title} ({len(data[key])}):")
            for item in data[key]:
                print("  " + line(item))
    return 0


def _given_secret(settings: Settings) -> str | None:
    return settings.log_secret.get_secret_value() if settings.log_secret else None


def _open_for_delete(db: Path, settings: Settings) -> tuple[Path, bytes | None]:
    """The log and its secret; None when there is no secret and the log holds no member's hash (only the CLI's
    questions: nothing to match, said plainly rather than refused)."""
    from bot.querylog.store import load_secret

    schema.open_reader(db).close()  # missing file / not a log / newer: one clear error
    try:
        return db, load_secret(db, _given_secret(settings), create=False)
    except QueryLogError:
        with contextlib.closing(schema.open_reader(db)) as conn:
            if fingerprint.stored(conn) is None and not conn.execute(_ANY_MEMBER).fetchone():
                return db, None
        raise


NOTHING_FORGOTTEN = "no question of this member in the log, and no vote: nothing deleted for member {member}"
_ANY_MEMBER = ("SELECT 1 FROM questions WHERE user_hash IS NOT NULL UNION ALL SELECT 1 FROM votes UNION ALL "
               "SELECT 1 FROM notices LIMIT 1")


def _secret_check(db: Path, secret: bytes) -> fingerprint.SecretCheck:
    with contextlib.closing(schema.open_reader(db)) as conn:
        return fingerprint.check(conn, secret)


def _purge_preview(db: Path, days: float) -> tuple[reports.PurgePreview, bool]:
    """What a purge would delete, and whether it needs a confirmation (all, or more than the set share)."""
    preview = reports.purge_preview(db, older_than_days=days)
    big = preview.questions > 0 and (
        preview.questions == preview.total or preview.questions > PURGE_CONFIRM_SHARE * preview.total
    )
    return preview, big


def _confirm(question: str) -> bool:
    """Ask on the terminal; without one (cron, pipes) the answer is no."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _purge(args: argparse.Namespace) -> int:
    from bot.querylog.store import QueryLog

    days = _days(args.older_than) if args.older_than else float(args.settings.log_retention_days)
    db = _db_path(args)
    schema.open_reader(db).close()
    preview, big = _purge_preview(db, days)
    share = f"{preview.questions} of {_count('questions', preview.total)}"
    what = (f"{share} older than {_age(days)} ({_count('citations', preview.citations)}, "
            f"{_count('votes', preview.votes)}; {_count('rows', preview.rows)})")
    if args.dry_run:
        print(f"would delete {what} from {db}; nothing deleted (dry run)")
        return 0
    if big and not args.yes:
        scope = "the whole log" if preview.questions == preview.total else f"more than {PURGE_CONFIRM_SHARE:.0%}"
        if not _confirm(f"Delete {what} — {scope}?"):
            print(f"error: not deleting {share} ({scope}) without confirmation: check with --dry-run, then "
                  "run again with --yes", file=sys.stderr)
            return 1
    secret = _given_secret(args.settings)  # the purge hashes nobody: a log without its secret is purged too

    async def run() -> Any:
        async with await QueryLog.open(db, secret=secret, record_fingerprint=False, create_secret=False,
                                       report_incidents=False) as qlog:
            return await qlog.purge_counts(days)

    counts = asyncio.run(run())
    print(f"deleted {_count('questions', counts.questions)} older than {_age(days)} "
          f"({_count('citations', counts.citations)}, {_count('votes', counts.votes)}; "
          f"{_count('rows', counts.total)}) from {db}")
    _expire_moderators(args, days)
    return 0


def _expire_moderators(args: argparse.Namespace, days: float) -> None:
    """The moderators' ids of /kb changes older than the retention go with the old questions (trial 10 M9)."""
    from bot.knowledge import edits

    directory = _knowledge_dir(args)
    changed = edits.expire_moderators(directory, days) if directory.is_dir() else 0
    if changed:
        print(f"removed who made {_count('changes', changed)} older than {_age(days)} from "
              f"{directory / edits.HISTORY_FILE} (the changes stay)")


def _forget_moderator(args: argparse.Namespace, member: str) -> None:
    """A moderator's id in the knowledge folder's history of /kb changes goes too (trial 10 M9)."""
    from bot.knowledge import edits

    directory = _knowledge_dir(args)
    changed = edits.forget_moderator(directory, member) if directory.is_dir() else 0
    if changed:
        print(f"removed {member} from {_count('changes', changed)} of {directory / edits.HISTORY_FILE} (the changes "
              "stay, without who made them)")


def _member_id(text: str) -> str:
    if not DISCORD_ID.match(text.strip()):
        raise UsageError(f"{text!r} is not a Discord member id: {FORGET_HINT}")
    return text.strip()


def _forget(args: argparse.Namespace) -> int:
    from bot.querylog.store import SECRET_FILE, QueryLog

    member = _member_id(args.user_id)
    _forget_moderator(args, member)
    db, secret = _open_for_delete(_db_path(args), args.settings)
    if secret is None:
        print(NOTHING_FORGOTTEN.format(member=member))
        return 0
    if _secret_check(db, secret) is fingerprint.SecretCheck.MISMATCH:
        raise QueryLogError(f"refusing to forget: {fingerprint.mismatch_message(db, db.parent / SECRET_FILE)}")

    async def run() -> Any:
        async with await QueryLog.open(db, secret=secret, record_fingerprint=False) as qlog:
            return await qlog.forget_user_counts(member)

    counts = asyncio.run(run())
    if not counts.total:  # said plainly: a typo in the id and a member without data look alike otherwise (trial 10)
        print(NOTHING_FORGOTTEN.format(member=member))
        return 0
    others = counts.votes - counts.own_votes
    print(f"deleted {_count('rows', counts.total)} for member {member}: {_count('questions', counts.questions)} "
          f"with their {_count('citations', counts.citations)} and the {_count('votes', others)} other members "
          f"cast on them; {_count('votes', counts.own_votes)} cast by the member")
    return 0


DASHBOARD_PLUGINS = Path(__file__).resolve().parents[1] / "querylog" / "dashboard" / "plugins"
HOST_PLUGIN = "bot-host-check"  # bot/querylog/dashboard/plugins/host_check.py
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
DASHBOARD_STOP_SECONDS = 10.0  # Datasette's own shutdown, then it is killed
SIGNAL_CHECK_SECONDS = 0.1  # how soon a noted stop signal stops Datasette
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def datasette_command(db: Path, metadata: Path, host: str, port: int, plugins: Path | None = None) -> list[str]:
    """The Datasette command line ``logs serve`` runs (read-only: Datasette opens the file with mode=ro)."""
    command = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata), "--host", host,
               "--port", str(port)]
    return [*command, "--plugins-dir", str(plugins)] if plugins is not None else command


def allowed_hosts(host: str, port: int, extra: Sequence[str] = ()) -> list[str]:
    """The Host headers the dashboard answers: the address it listens on (all loopback names for a loopback
    address) and the names given with ``--allow-host``."""
    names = {host, *extra}
    if host in LOOPBACK:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
    return sorted({f"{name}:{port}".lower() for name in names} | {n.lower() for n in extra if ":" in n})


@contextlib.contextmanager
def _stop_signals_noted() -> Iterator[list[int]]:
    """Ctrl-C, SIGTERM and SIGHUP noted while Datasette runs, never raised: an exception raised inside
    ``Popen.wait`` just after it took its internal lock leaves the lock held, and every later wait for Datasette then
    blocks for ever (a double Ctrl-C under load left ``logs serve`` running, deaf to signals). A stop is final: the
    signals after it are ignored to the process's end (trial 6: a second one printed a traceback from inside the
    stopping, or from the interpreter's exit)."""
    noted: list[int] = []
    watched = (signal.SIGINT, *STOP_SIGNALS)

    def note(signum: int, _frame: object) -> None:
        noted.append(signum)
        for other in watched:
            signal.signal(other, signal.SIG_IGN)

    previous = {signum: signal.signal(signum, note) for signum in watched}
    try:
        yield noted
    finally:
        if not noted:  # Datasette ended by itself: the signals are the caller's again
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def _wait_unless_stopped(child: subprocess.Popen[bytes], stop: list[int]) -> int:
    """Datasette's exit status, or 0 once a stop signal is noted (within SIGNAL_CHECK_SECONDS)."""
    while not stop:
        with contextlib.suppress(subprocess.TimeoutExpired):
            status = child.wait(SIGNAL_CHECK_SECONDS)
            return 0 if stop else status
    return 0


def _serve(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("datasette") is None:
        print("datasette is not installed: pip install '.[dashboard]'", file=sys.stderr)
        return 2
    from bot.querylog.dashboard import metadata_for

    db = _db_path(args)
    schema.open_reader(db).close()
    with _stop_signals_noted() as stop, tempfile.TemporaryDirectory(prefix="bot-dashboard-") as tmp:
        meta = metadata_for(db)
        if not args.allow_sql:
            meta["allow_sql"] = False  # the canned queries only: no SELECT typed into a page by anyone
        meta.setdefault("plugins", {})[HOST_PLUGIN] = {"hosts": allowed_hosts(args.host, args.port, args.allow_host)}
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        command = datasette_command(db, metadata, args.host, args.port, DASHBOARD_PLUGINS)
        if stop:  # before Datasette starts: it would inherit the ignored signals (then be killed after the wait)
            return 0
        print(f"dashboard on http://{args.host}:{args.port}/{db.stem} (Ctrl-C to stop)", file=sys.stderr)
        child = subprocess.Popen(command)
        try:
            return _wait_unless_stopped(child, stop)
        finally:  # every exit (Ctrl-C, SIGTERM, SIGHUP, an error): no Datasette left running, no temp folder
            stop_child(child, DASHBOARD_STOP_SECONDS)


# -- wiring -----------------------------------------------------------------------------------------------
def _warn_on_another_secret(args: argparse.Namespace) -> None:
    """Issue 12 item 11: say at once when the secret at hand is not the one the log was written with
    (``forget`` refuses on its own; the reports still work, but member counts no longer join old rows)."""
    from bot.querylog.store import SECRET_FILE, load_secret

    db = _db_path(args)
    if getattr(args, "logs_command", "") == "forget" or not db.is_file():
        return
    with contextlib.suppress(QueryLogError, OSError, sqlite3.Error):
        secret = load_secret(db, _given_secret(args.settings), create=False)  # none at hand: the reports hash
        # nobody, and forget refuses on its own
        if _secret_check(db, secret) is fingerprint.SecretCheck.MISMATCH:
            print(f"warning: {fingerprint.mismatch_message(db, db.parent / SECRET_FILE)}", file=sys.stderr)


def _run(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            _warn_on_another_secret(args)
            return handler(args)
        except BrokenPipeError:  # `logs export | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except UsageError as exc:
            return error(str(exc), 2)
        except (QueryLogError, OSError) as exc:
            return error(str(exc), 1)

    return run


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help="query log file (default: BOT_DB_PATH or data/queries.db)")

    since = argparse.ArgumentParser(add_help=False)
    since.add_argument("--since", default=DEFAULT_SINCE, metavar="WHEN",
                       help=f"7d, 30d, 12h, a date (2026-11-01) or all (default for every logs command: "
                            f"{DEFAULT_SINCE})")

    def window() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(add_help=False, parents=[since])
        parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
        return parser

    knowledge = argparse.ArgumentParser(add_help=False)
    knowledge.add_argument("--knowledge", metavar="DIR", help="knowledge directory (default: BOT_KNOWLEDGE_DIR)")

    logs = sub.add_parser("logs", help="reports on the query log, export, replay, purge, forget, dashboard",
                          description="Maintainers' view of the query log. Every report and the export cover "
                          f"the last {DEFAULT_SINCE} unless --since says otherwise (--since all: everything).")

    def usage(args: argparse.Namespace) -> int:
        logs.print_help()
        return 2

    logs.set_defaults(func=usage)
    cmds = logs.add_subparsers(dest="logs_command", metavar="SUBCOMMAND")

    p = cmds.add_parser("summary", parents=[common, window()], help="questions, answer rate, votes, latency")
    p.set_defaults(func=_run(_summary))

    def grouping(limit: int | None) -> argparse.ArgumentParser:
        """The options of the reports that group questions into topics (``unanswered``, ``top``)."""
        parser = argparse.ArgumentParser(add_help=False, parents=[common, window(), knowledge])
        parser.add_argument("--examples", type=_at_least_one, default=3, help="phrasings shown per topic (default 3)")
        parser.add_argument("--limit", type=_at_least_one, default=limit,
                            help="at most N topics" + (f" (default {limit})" if limit else ""))
        parser.add_argument("--words-only", action="store_true",
                            help="group by words alone (no glossary, no corpus: not across languages)")
        return parser

    p = cmds.add_parser("unanswered", parents=[grouping(limit=None)],
                        help="abstained questions grouped into topics, most asked first")
    p.set_defaults(func=_run(_unanswered))

    p = cmds.add_parser("top", parents=[grouping(limit=20)],
                        help="most asked questions grouped by meaning across languages, with answer rate and votes")
    p.set_defaults(func=_run(_top))

    p = cmds.add_parser("feedback", parents=[common, window()], help="answers with 👎 and what they cited")
    p.add_argument("--limit", type=_at_least_one, default=None, help="at most N answers")
    p.set_defaults(func=_run(_feedback))

    p = cmds.add_parser("passages", parents=[common, window(), knowledge],
                        help="passages cited most, and never")
    p.add_argument("--limit", type=_at_least_one, default=None,
                   help="at most N passages in each list (cited, never cited)")
    p.set_defaults(func=_run(_passages))

    p = cmds.add_parser("export", parents=[common, since], help="one row per question (csv or jsonl)")
    p.add_argument("--format", choices=("csv", "jsonl"), default="jsonl")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default, or '-': standard output)")
    p.set_defaults(func=_run(_export))

    p = cmds.add_parser("replay", parents=[common, window(), knowledge],
                        help="ask the logged questions again against the current corpus")
    p.set_defaults(func=_run(_replay))

    p = cmds.add_parser("purge", parents=[common], help="delete questions older than the retention period")
    p.add_argument("--older-than", metavar="AGE", help="90d, 12h or days (default: BOT_LOG_RETENTION_DAYS or 90)")
    p.add_argument("--dry-run", action="store_true", help="show what would be deleted, delete nothing")
    p.add_argument("--yes", action="store_true",
                   help=f"confirm deleting the whole log or more than {PURGE_CONFIRM_SHARE:.0%}% of it (needed "
                        "without a terminal)")
    p.set_defaults(func=_run(_purge))

    p = cmds.add_parser("forget", parents=[common], help="delete one member's questions and votes")
    p.add_argument("user_id", metavar="DISCORD_USER_ID", help="the member's Discord id (17–20 digits)")
    p.set_defaults(func=_run(_forget))

    p = cmds.add_parser("serve", parents=[common], help="read-only Datasette dashboard (extra: dashboard)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--allow-sql", action="store_true",
                   help="also let the dashboard run any SELECT typed in (default: the canned queries only)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another Host header to answer (default: the --host address only; loopback names for it)")
    p.set_defaults(func=_run(_serve))
