"""``python -m bot bench``: speed and memory against rank-bm25, and a public IR score (BEIR)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from bot.bench.beir import DEFAULT_B, DEFAULT_EPSILON, DEFAULT_K1
from bot.bench.benchmark import DEFAULT_SIZES, format_report, run_benchmark
from bot.bench.corpora import CORPUS_KINDS
from bot.bench.evalsets import EVAL_DIR_HELP, set_files


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not sizes or any(n <= 0 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


def _finite(value: object) -> object:
    """JSON has no NaN/Infinity: write them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="benchmark the retrieval engine against rank-bm25; --beir DIR for nDCG@10/recall@100",
        description="Synthetic corpora: build time, index memory, query p50/p95 for the engine and rank-bm25, "
        "event-loop lag during a burst of concurrent searches; the shipped corpus's ask latency. "
        "With --beir DIR (and no --sizes) only the BEIR evaluation runs.",
    )
    p.add_argument(
        "--sizes", type=_sizes, default=None, help="comma-separated passage counts (default 1000,10000,100000)"
    )
    p.add_argument("--queries", type=int, default=200, help="queries per size (default 200)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--no-ask", action="store_true", help="skip the shipped-corpus ask latency")
    p.add_argument(
        "--eval-ask", action="store_true",
        help="ask latency (CPU and wall) over every evaluation question (--eval-dir) and a noise-wrapped variant of "
        "each, and the analyzer's start-up (with no --sizes, only these run)",
    )
    p.add_argument("--eval-dir", type=Path, metavar="DIR", help=f"--eval-ask: {EVAL_DIR_HELP}")
    p.add_argument(
        "--beir", type=Path, metavar="DIR", help="BEIR dataset dir (corpus.jsonl[.gz], queries.jsonl, qrels/)"
    )
    p.add_argument("--split", default="test", help="BEIR qrels split (default test)")
    p.add_argument("--k1", type=float, default=DEFAULT_K1, help=f"BEIR run k1 (default {DEFAULT_K1})")
    p.add_argument("--b", type=float, default=DEFAULT_B, help=f"BEIR run b (default {DEFAULT_B})")
    p.add_argument(
        "--epsilon", type=float, default=DEFAULT_EPSILON, help=f"BEIR run epsilon (default {DEFAULT_EPSILON})"
    )
    p.add_argument(
        "--product", action="store_true",
        help="measure the whole product path (start, restart with cache, peak RSS, ask p50/p95, event-loop lag "
        "during a reload) beside bm25s and rank-bm25 (default sizes 1000,10000,100000)",
    )
    p.add_argument("--corpus", default=None,
                   help="--product corpora: zipf, scifact (default zipf, and scifact when --scifact is given)")
    p.add_argument("--repeat", type=int, default=1, help="--product: runs per size, medians reported (default 1)")
    p.add_argument("--scifact", type=Path, default=None, metavar="DIR",
                   help="--product: SciFact (BEIR) dir for realistic text (e.g. ../shared/eval/scifact; no default)")
    p.add_argument("--one-core", action="store_true",
                   help="--product: every contender on one CPU (the bot's start then analyses in one process)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a measured target fails")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.queries < 1:
        print("--queries must be >= 1", file=sys.stderr)
        return 2
    if args.product:
        return run_product(args)
    if args.eval_ask:
        if args.eval_dir is None:
            print(f"--eval-ask needs --eval-dir DIR: {EVAL_DIR_HELP}", file=sys.stderr)
            return 2
        try:
            set_files(args.eval_dir)
        except FileNotFoundError as error:
            print(f"--eval-dir: {error}", file=sys.stderr)
            return 2
    if args.beir is not None and not args.beir.is_dir():
        print(f"--beir: not a directory: {args.beir}", file=sys.stderr)
        return 2
    default_sizes = [] if args.beir is not None or args.eval_ask else list(DEFAULT_SIZES)
    sizes = args.sizes if args.sizes is not None else default_sizes
    result = run_benchmark(
        sizes,
        n_queries=args.queries,
        seed=args.seed,
        ask=not args.no_ask and (args.beir is None or args.sizes is not None) and (not args.eval_ask or bool(sizes)),
        eval_ask=args.eval_ask,
        eval_dir=args.eval_dir,
        beir_dir=args.beir,
        beir_params={"k1": args.k1, "b": args.b, "epsilon": args.epsilon, "split": args.split},
        progress=None if args.json else lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    if args.json:
        print(json.dumps(_finite(result), indent=2))
    else:
        print(format_report(result))
    return 1 if args.strict and not result["ok"] else 0


def run_product(args: argparse.Namespace) -> int:
    """``bench --product``: the whole product path beside bm25s and rank-bm25."""
    from bot.bench.product import PRODUCT_SIZES, format_product_report, run_product_benchmark

    chosen = args.corpus if args.corpus is not None else "zipf,scifact" if args.scifact else "zipf"
    corpora = [c.strip() for c in chosen.split(",") if c.strip()]
    unknown = [c for c in corpora if c not in CORPUS_KINDS]
    if not corpora or unknown:
        print(f"--corpus: choose among {', '.join(CORPUS_KINDS)}", file=sys.stderr)
        return 2
    if "scifact" in corpora and args.scifact is None:
        print("--corpus scifact needs --scifact DIR: the BEIR SciFact folder (e.g. ../shared/eval/scifact)",
              file=sys.stderr)
        return 2
    if args.repeat < 1:
        print("--repeat must be >= 1", file=sys.stderr)
        return 2
    result = run_product_benchmark(
        args.sizes or list(PRODUCT_SIZES),
        corpora=corpora,
        n_queries=args.queries,
        repeat=args.repeat,
        scifact=args.scifact,
        progress=None if args.json else lambda msg: print(msg, file=sys.stderr, flush=True),
        one_core=args.one_core,
    )
    print(json.dumps(_finite(result), indent=2) if args.json else format_product_report(result))
    return 1 if args.strict and not result["ok"] else 0
