"""How fast ``/ask`` autocomplete answers with a large query log (Discord's deadline is 3 s; target p95 ≤ 50 ms).

``python -m bot.bench.autocomplete --eval-dir tests/eval [--questions 10000]`` writes that many questions (from the
evaluation sets, varied) by random members to a fresh query log, refreshes the index as the bot does (the log's most
asked questions + the FAQ), then times ``complete()`` for what members type: every prefix length of random
questions, in the three languages. It also times an index holding every logged question, the worst case.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

import yaml

from bot.autocomplete import QuestionIndex, popular_questions
from bot.bench.evalsets import EVAL_DIR_HELP, set_files
from bot.knowledge.loader import load_knowledge
from bot.models import Answer
from bot.querylog.store import LogEntry, QueryLog
from bot.stats import percentile

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = ("", " exactement", " en 2018", " svp", " please", " now", " 正確に", " 詳しく")


def seed_questions(eval_dir: Path) -> list[tuple[str, str]]:
    """``(question, language)`` of the in-scope questions of the evaluation sets (``*.yaml`` of ``eval_dir``)."""
    found = []
    for path in sorted(set_files(eval_dir)):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found += [(str(item["question"]), str(item["language"])) for item in data.get("in_scope", [])]
    return found


async def fill_log(db: Path, count: int, seeds: list[tuple[str, str]], rng: random.Random) -> None:
    """``count`` answered questions by 500 members, popular ones asked often (Zipf-like), into ``db``."""
    weights = [1 / (n + 1) for n in range(len(seeds) * len(VARIANTS))]
    variants = [(q.rstrip(" ?？") + v + ("？" if lang == "ja" else " ?"), lang) for q, lang in seeds for v in VARIANTS]
    querylog = await QueryLog.open(db, secret="bench", batch_size=500)
    try:
        for question, language in rng.choices(variants, weights=weights[: len(variants)], k=count):
            answer = Answer(question, language, True)  # type: ignore[arg-type]
            querylog.record(LogEntry.from_answer(answer, user_id=rng.randrange(500)))
        await querylog.flush()
    finally:
        await querylog.close()


def time_completions(index: QuestionIndex, typed: list[tuple[str, str]]) -> list[float]:
    timings = []
    for text, language in typed:
        started = time.perf_counter()
        index.complete(text, language)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def line(name: str, timings: list[float]) -> str:
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    return f"{name:<34} p50 {p50:6.3f} ms  p95 {p95:6.3f} ms  max {max(timings):6.3f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.autocomplete", description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=10_000, help="logged questions (default 10000)")
    parser.add_argument("--keystrokes", type=int, default=3_000, help="autocomplete requests timed (default 3000)")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--eval-dir", type=Path, required=True, metavar="DIR", help=EVAL_DIR_HELP)
    args = parser.parse_args(argv)
    rng = random.Random(13)
    try:
        seeds = seed_questions(args.eval_dir)
    except FileNotFoundError as error:
        parser.error(str(error))
    kb = load_knowledge(args.knowledge)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "queries.db"
        asyncio.run(fill_log(db, args.questions, seeds, rng))
        started = time.perf_counter()
        popular = popular_questions(db)
        index = QuestionIndex.build(kb, popular)
        refresh_ms = (time.perf_counter() - started) * 1000
    everything = QuestionIndex.build(kb, [(q.rstrip(" ?？") + v, lang, 1) for q, lang in seeds for v in VARIANTS])
    typed = []
    for _ in range(args.keystrokes):
        question, language = rng.choice(seeds)
        typed.append((question[: rng.randrange(0, len(question) + 1)], language))
    print(f"{args.questions} logged questions; index: {len(index)} suggestions "
          f"({len(popular)} from the log, the rest FAQ); refresh (log read + build) {refresh_ms:.0f} ms")
    print(line("complete(), as the bot refreshes it", time_completions(index, typed)))
    print(line(f"complete(), every one of {len(everything)}", time_completions(everything, typed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
