"""The ``logs`` reports on a large query log: CPU seconds and peak memory of each (outsider trials 7 and 8).

``python -m bot.bench.reports [--questions N]`` fills a fresh log in a temporary folder with N distinct
unanswered questions (made by SQL, with the topic keys the bot stores; default 200,000, as trial 7's log) and runs
each ``python -m bot logs …`` report on it as a real process, printing its CPU time (user + system) and peak RSS.
No figure is asserted anywhere: they are printed for the README and for comparison between machines.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPORTS = (
    ("summary",), ("unanswered", "--words-only"), ("unanswered",), ("top",), ("feedback",), ("passages",),
    ("export", "--format", "csv", "--out", "{folder}/export.csv"), ("purge", "--dry-run"),
)


def fill(db: Path, questions: int) -> None:
    """``questions`` distinct unanswered questions over the last 30 days, one member each (run in a child process:
    a process's peak memory counts the one it was forked from, so this one stays small)."""
    from bot.querylog import schema

    schema.migrate(db)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO questions (qid, ts, frontend, user_hash, guild_id, channel_id, question, language, answered,"
            " reason, latency_ms) SELECT lower(hex(randomblob(16))), ? - i * ?, 'discord', lower(hex(randomblob(16))),"
            " 5, 6, 'what about item ' || i || ' of the plan?', 'en', 0, 'no-match', 3.0 FROM n",
            (questions, time.time(), 29 * 86_400 / questions),
        )
        conn.commit()
        schema.backfill_topics(conn)


def run(argv: list[str], folder: Path) -> tuple[int, float, float]:
    """Exit status, CPU seconds and peak RSS (MB) of one ``python -m bot logs …`` process."""
    args = [a.format(folder=folder) for a in argv]
    child = subprocess.Popen([sys.executable, "-m", "bot", "logs", *args, "--db", str(folder / "q.db")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "BOT_LOG_SECRET": "bench"})
    _, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.reports", description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)  # the child that fills the log
    args = parser.parse_args(argv)
    if args.fill:
        fill(args.fill, args.questions)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, "-m", "bot.bench.reports", "--questions", str(args.questions),
                        "--fill", str(folder / "q.db")], check=True)
        print(f"{args.questions:,} distinct unanswered questions; load {os.getloadavg()[0]:.1f}")
        for report in REPORTS:
            status, cpu, rss = run(list(report), folder)
            label = " ".join(a for a in report[:2] if not a.startswith("--format"))
            print(f"logs {label:<24} exit {status}  CPU {cpu:6.1f} s  peak {rss:5.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
