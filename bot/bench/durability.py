"""What committing each question before its answer is sent costs (issue 12: target ≤ 2 ms p95 per answer).

``python -m bot.bench.durability [--questions N] [--concurrency C]`` writes N questions to a fresh query log in
a temporary folder, C answers at a time, and prints the time each answer waited for its commit
(``QueryLog.record_durably``): p50, p95, max, in milliseconds. No timing is asserted anywhere: the figures are
printed for the README and for comparison between machines.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot.querylog.store import LogEntry, QueryLog, new_qid
from bot.stats import percentile

TARGET_P95_MS = 2.0


def _entry(n: int) -> LogEntry:
    return LogEntry(
        qid=new_qid(), question=f"Who signed the declaration on 13 July 2018? ({n})", language="en", answered=True,
        citations=[("declaration-en#1", 7.5, "The declaration was signed by …"), ("declaration-en#4", 5.1, "…")],
        latency_ms=3.0, frontend="discord", user_id=10_000 + n % 50, guild_id=1, channel_id=2,
    )


async def measure(db: Path, questions: int, concurrency: int) -> dict[str, float]:
    """Milliseconds each answer waited for its question's commit."""
    waits: list[float] = []
    qlog = await QueryLog.open(db, secret="bench")
    try:
        async def one(n: int) -> None:
            started = time.perf_counter()
            await qlog.record_durably(_entry(n))
            waits.append((time.perf_counter() - started) * 1000)

        for start in range(0, questions, concurrency):
            await asyncio.gather(*(one(n) for n in range(start, min(start + concurrency, questions))))
    finally:
        await qlog.close()
    return {
        "questions": questions,
        "concurrency": concurrency,
        "p50_ms": round(percentile(waits, 50) or 0.0, 3),
        "p95_ms": round(percentile(waits, 95) or 0.0, 3),
        "max_ms": round(max(waits), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.durability", description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=1, help="answers committed at the same time")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        figures = asyncio.run(measure(Path(tmp) / "queries.db", args.questions, max(1, args.concurrency)))
    verdict = "within" if figures["p95_ms"] <= TARGET_P95_MS else "OVER"
    print(
        f"commit before reply: {figures['questions']} questions, {figures['concurrency']} at a time: "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms "
        f"({verdict} the {TARGET_P95_MS} ms p95 target)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
