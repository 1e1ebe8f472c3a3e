"""``python -m bot bench --product``: what a member gets, at scale, beside bm25s and rank-bm25 in the same run.

For each size and corpus (:mod:`bot.bench.corpora`), one knowledge folder of Markdown files is written to a
temporary directory, then each contender runs in its own process (so peak RSS is its own):

* the product: cold start (``Assistant.from_directory``: load, analyse, index, write the caches), ask
  latency through ``Assistant.ask`` (cleanup, analysis, glossary, spelling, ranking, abstention, snippets),
  peak RSS after start and questions; then the event loop's lag while ``Assistant.reload`` runs after one
  file changed (and the peak RSS then: the old index serves until the new one is swapped in); then a second
  process restarts on the unchanged folder with the caches;
* bm25s (PyStemmer English stemmer, English stop words): index build, tokenize + retrieve top 3 per question
  (the stemmer made once; ``retrieve`` as bm25s's defaults run it, in the calling thread), peak RSS, and apart the
  question's tokenization, bm25s's top-k selection (numpy's ``argpartition``: its cost depends on the CPU, see
  :mod:`bot.bench.machine`) and the rest without it — a benchmark-only dependency (``pip install -e '.[bench]'``);
* rank-bm25 (lowercase word tokens, ``get_scores`` + top 3), up to RANK_BM25_MAX passages (it scores every
  passage per question).

Each figure is the median over ``repeat`` runs; ratios are product / peer (below 1 is better for the product).
The versions, the CPU, numpy's SIMD targets and the load average before and after each contender are kept
with the figures (:mod:`bot.bench.machine`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from bot.bench.benchmark import Target, lag_during, latency_ms
from bot.bench.corpora import scifact_texts, write_folder, zipf_texts
from bot.bench.machine import environment, load_average
from bot.search.cache import CACHE_NAME

PRODUCT_SIZES = (1_000, 10_000, 100_000)
TOP = 3  # citations a member sees; the peers retrieve as many
RANK_BM25_MAX = 100_000
RANK_BM25_QUERIES = 20  # rank-bm25 scores the whole corpus per question: fewer questions keep the run short
_WORD = re.compile(r"\w+")


def peak_rss_mb() -> float:
    """This process's peak resident memory, MB: the kernel's high-water mark of its own address space (VmHWM).

    Not ``getrusage``'s ``ru_maxrss``: a process started by fork and exec inherits its parent's maximum there, so
    every worker reported the driver's (which holds all the passages' texts: 656 MB for each contender at 100k)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:  # not Linux: the rusage figure, an upper bound
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(status.split("VmHWM:", 1)[1].split()[0]) / 1024  # kB


def rss_mb(pid: int | str) -> float:
    """A process's resident memory now, MB (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    return int(status.split("VmRSS:", 1)[1].split()[0]) / 1024 if "VmRSS:" in status else 0.0


def private_mb(pid: int | str) -> float:
    """A process's private resident memory, MB (0 once it is gone): a child forked but not yet running its own
    program shares the parent's pages, which its VmRSS counts again (a 1M start's helper read 3 GB so)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii")
    except OSError:
        return rss_mb(pid)
    fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:] if ":" in line)
    return sum(int(fields.get(name, "0 kB").split()[0]) for name in ("Private_Clean", "Private_Dirty")) / 1024


def _children() -> list[str]:
    """This process's children (any thread's) that run their own program, from /proc: one started but not yet
    past its exec shares this process's memory (``subprocess`` starts it by vfork), and its private pages are
    this process's (a 100k start's helper read 326 MB so, for a moment)."""
    try:
        tasks = list(Path("/proc/self/task").iterdir())
        own = Path("/proc/self/cmdline").read_bytes()
    except OSError:
        return []
    pids: list[str] = []
    for task in tasks:
        with contextlib.suppress(OSError):
            pids += (task / "children").read_text(encoding="ascii").split()
    return [pid for pid in pids if _program(pid) not in (own, b"")]


def _program(pid: str) -> bytes:
    """A process's command line (empty once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


class TreeMemory:
    """While running, samples the resident memory of this process plus its children's private memory every
    INTERVAL: a start that shares its analysis with a second process (``bot.search.parallel``) uses both processes'
    memory at once, which neither one's own high-water mark shows."""

    INTERVAL = 0.02  # seconds

    def __init__(self) -> None:
        self.peak_mb = 0.0  # this process and its children, summed, at the sample where it was highest
        self.children_peak_mb = 0.0  # the children alone, summed, at their highest sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-memory", daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            children = sum(private_mb(pid) for pid in _children())
            self.children_peak_mb = max(self.children_peak_mb, children)
            self.peak_mb = max(self.peak_mb, rss_mb("self") + children)


# -- workers (each runs in its own process) ------------------------------------------------------


def _product_worker(folder: Path, cache: Path, questions: list[str], restart_only: bool) -> dict:
    from bot.assistant import Assistant

    start = time.perf_counter()
    with TreeMemory() as tree:
        assistant = Assistant.from_directory(folder, cache)
    start_s = time.perf_counter() - start
    result: dict = {"start_s": start_s, "reused_files": assistant.retriever.indexed.reused_files,
                    "helper_peak_mb": tree.children_peak_mb}
    if restart_only:
        assistant.close()
        result["peak_mb"] = max(peak_rss_mb(), tree.peak_mb)
        return result

    async def run() -> None:
        for q in questions[:5]:  # warm-up
            await assistant.ask(q)
        samples = []
        for q in questions:
            t = time.perf_counter()
            await assistant.ask(q)
            samples.append(time.perf_counter() - t)
        result["ask_ms"] = latency_ms(samples)
        # start (with any helper process) and questions; the reload below holds two indexes a moment
        result["peak_mb"] = max(peak_rss_mb(), tree.peak_mb)
        first = sorted(folder.glob("*.md"))[0]  # a moderator edits one file, then /kb reload
        first.write_text(first.read_text(encoding="utf-8") + "\nAn added paragraph about quokkas.\n", encoding="utf-8")
        result["reload_lag_ms"], result["reload_s"] = await lag_during(assistant.reload)

    try:
        asyncio.run(run())
    finally:
        assistant.close()
    result["reload_peak_mb"] = peak_rss_mb()
    return result


def _bm25s_worker(texts: list[str], questions: list[str]) -> dict:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    start = time.perf_counter()
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    model = bm25s.BM25()
    model.index(tokens, show_progress=False)
    build_s = time.perf_counter() - start
    del tokens
    selecting: list[float] = []  # this question's time in bm25s's top-k selection (retrieve calls it by attribute)
    topk = bm25s.selection.topk

    def timed_topk(*args: object, **kwargs: object) -> object:
        t = time.perf_counter()
        try:
            return topk(*args, **kwargs)
        finally:
            selecting.append(time.perf_counter() - t)

    bm25s.selection.topk = timed_topk

    def ask(q: str) -> float:
        query = bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False)
        tokenized = time.perf_counter()
        if query.vocab:  # a question made only of stop words retrieves nothing
            model.retrieve(query, k=min(TOP, len(texts)), show_progress=False)
        return tokenized

    for q in questions[:5]:
        ask(q)
    samples, tokenize, select = [], [], []
    for q in questions:
        selecting.clear()
        t = time.perf_counter()
        tokenized = ask(q)
        samples.append(time.perf_counter() - t)
        tokenize.append(tokenized - t)
        select.append(sum(selecting))
    return {"build_s": build_s, "ask_ms": latency_ms(samples), "tokenize_ms": latency_ms(tokenize),
            "select_ms": latency_ms(select),
            "unselected_ms": latency_ms([a - b for a, b in zip(samples, select, strict=True)]),
            "peak_mb": peak_rss_mb()}


def _rank_bm25_worker(texts: list[str], questions: list[str]) -> dict:
    from rank_bm25 import BM25Okapi

    start = time.perf_counter()
    model = BM25Okapi([_WORD.findall(t.lower()) for t in texts])  # pre-tokenized: no process pool
    build_s = time.perf_counter() - start
    samples = []
    for q in questions[:RANK_BM25_QUERIES]:
        t = time.perf_counter()
        scores = model.get_scores(_WORD.findall(q.lower()))
        top = np.argpartition(-scores, min(TOP, len(scores) - 1))[:TOP]
        top[np.lexsort((top, -scores[top]))].tolist()
        samples.append(time.perf_counter() - t)
    return {"build_s": build_s, "ask_ms": latency_ms(samples), "peak_mb": peak_rss_mb()}


def worker_main(argv: Sequence[str]) -> int:
    """``python -m bot.bench.product WORKER WORKDIR [--one-core]``: run one contender, print its figures as JSON;
    ``--one-core``: on one CPU (the product then keeps its analysis in one process)."""
    kind, workdir = argv[0], Path(argv[1])
    if "--one-core" in argv[2:]:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    questions = json.loads((workdir / "questions.json").read_text(encoding="utf-8"))
    if kind in ("product", "restart"):  # the bot reads the knowledge folder: the texts never enter its memory
        out = _product_worker(workdir / "knowledge", workdir / "cache" / CACHE_NAME, questions,
                              restart_only=kind == "restart")
    else:
        texts = json.loads((workdir / "texts.json").read_text(encoding="utf-8"))
        worker = _bm25s_worker if kind == "bm25s" else _rank_bm25_worker
        out = worker(texts, questions)
    print(json.dumps(out))
    return 0


# -- the driver ----------------------------------------------------------------------------------


def _run_worker(kind: str, workdir: Path, one_core: bool = False, loads: list[float] | None = None) -> dict:
    """One contender in a process of its own; the load average before and after it is added to ``loads``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    before = load_average()
    done = subprocess.run(
        [sys.executable, "-m", "bot.bench.product", kind, str(workdir), *(["--one-core"] if one_core else [])],
        capture_output=True, text=True, env=env, check=False,
    )
    if loads is not None:
        loads += [x for x in (before, load_average()) if x is not None]
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    """Per figure, the median over runs (nested dicts too); an error in any run is kept."""
    errors = [r["error"] for r in runs if "error" in r]
    if errors:
        return {"error": errors[0]}
    out: dict = {}
    for key, value in runs[0].items():
        if isinstance(value, dict):
            out[key] = _median([r[key] for r in runs])
        elif isinstance(value, int | float):
            out[key] = statistics.median(r[key] for r in runs)
    return out


def bench_product_size(
    n: int, corpus: str, *, n_queries: int, repeat: int, scifact: Path | None, bm25s_ok: bool, seed: int = 0,
    one_core: bool = False,
) -> dict:
    if corpus == "scifact":
        assert scifact is not None
        texts, questions = scifact_texts(scifact, n, n_queries, seed)
    else:
        texts, questions = zipf_texts(n, n_queries, seed)
    with tempfile.TemporaryDirectory(prefix="bench-product-") as tmp:
        workdir = Path(tmp)
        (workdir / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        (workdir / "questions.json").write_text(json.dumps(questions), encoding="utf-8")
        runs: dict[str, list[dict]] = {"product": [], "restart": [], "bm25s": [], "rank_bm25": []}
        loads: list[float] = []
        for _ in range(repeat):
            folder = workdir / "knowledge"
            if folder.exists():
                for f in folder.iterdir():
                    f.unlink()
            write_folder(folder, texts, corpus)
            (workdir / "cache").mkdir(exist_ok=True)
            for f in (workdir / "cache").iterdir():  # a cold start: no index cache, no parsed files either
                f.unlink()
            runs["product"].append(_run_worker("product", workdir, one_core, loads))
            runs["restart"].append(_run_worker("restart", workdir, one_core, loads))  # the reload above saved the cache
            if bm25s_ok:
                runs["bm25s"].append(_run_worker("bm25s", workdir, one_core, loads))
            if n <= RANK_BM25_MAX:
                runs["rank_bm25"].append(_run_worker("rank_bm25", workdir, one_core, loads))
    result: dict = {"corpus": corpus, "passages": n, "questions": len(questions), "repeat": repeat,
                    "cores": 1 if one_core else len(os.sched_getaffinity(0)),
                    "load": {"min": min(loads), "max": max(loads)} if loads else None}
    for name, rs in runs.items():
        result[name] = _median(rs) if rs else None
    result["ratios"] = _ratios(result)
    result["targets"] = [asdict(t) for t in product_targets(result)]
    return result


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _get(result: dict, *path: str) -> float | None:
    node: object = result
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, int | float) else None


def _ratios(r: dict) -> dict:
    """Product / peer for start, ask p50/p95 and peak memory (below 1: the product is better)."""
    out: dict = {}
    for peer in ("bm25s", "rank_bm25"):
        out[peer] = {
            "start": _ratio(_get(r, "product", "start_s"), _get(r, peer, "build_s")),
            "p50": _ratio(_get(r, "product", "ask_ms", "p50"), _get(r, peer, "ask_ms", "p50")),
            "p95": _ratio(_get(r, "product", "ask_ms", "p95"), _get(r, peer, "ask_ms", "p95")),
            "peak_mb": _ratio(_get(r, "product", "peak_mb"), _get(r, peer, "peak_mb")),
        }
    return out


def _target(name: str, limit: str, value: float | None, bound: float | None) -> Target:
    ok = None if value is None or bound is None else value <= bound
    return Target(name, limit, value, ok)


def product_targets(r: dict) -> list[Target]:
    """The issue's targets at 100,000 and 1,000,000 passages."""
    n, tag = r["passages"], f"{r['passages'] // 1000}k {r['corpus']}"
    p95 = _get(r, "product", "ask_ms", "p95")
    if n == 100_000:
        return [
            _target(f"{tag} ask p95 <= bm25s p95", "bm25s", p95, _get(r, "bm25s", "ask_ms", "p95")),
            _target(f"{tag} start <= bm25s build", "bm25s", _get(r, "product", "start_s"), _get(r, "bm25s", "build_s")),
            _target(f"{tag} peak RSS <= bm25s", "bm25s", _get(r, "product", "peak_mb"), _get(r, "bm25s", "peak_mb")),
            _target(f"{tag} restart unchanged <= 2 s", "2 s", _get(r, "restart", "start_s"), 2.0),
            _target(f"{tag} reload lag p95 <= 10 ms", "10 ms", _get(r, "product", "reload_lag_ms", "p95"), 10.0),
        ]
    if n == 1_000_000:
        return [
            _target(f"{tag} start <= 90 s cold", "90 s", _get(r, "product", "start_s"), 90.0),
            _target(f"{tag} ask p95 <= 30 ms", "30 ms", p95, 30.0),
            _target(f"{tag} peak RSS <= 4 GB", "4096 MB", _get(r, "product", "peak_mb"), 4096.0),
        ]
    return []


def bm25s_available() -> bool:
    try:
        import bm25s  # noqa: F401
        import Stemmer  # noqa: F401
    except ImportError:
        return False
    return True


def run_product_benchmark(
    sizes: Sequence[int] = PRODUCT_SIZES,
    *,
    corpora: Sequence[str] = ("zipf",),
    n_queries: int = 200,
    repeat: int = 1,
    scifact: Path | None = None,
    progress: Callable[[str], None] | None = None,
    one_core: bool = False,
) -> dict:
    """Everything ``bench --product`` prints, as one JSON-able dict; ``scifact``: the BEIR SciFact folder the
    ``scifact`` corpus is read from (skipped without it); ``one_core``: every contender on one CPU."""
    note = progress or (lambda _msg: None)
    bm25s_ok = bm25s_available()
    has_scifact = scifact is not None and (Path(scifact) / "queries.jsonl").is_file()
    result: dict = {"runs": [], "bm25s": "measured" if bm25s_ok else "not installed (pip install -e '.[bench]')",
                    "skipped": [], "environment": environment()}
    for corpus in corpora:
        if corpus == "scifact" and not has_scifact:
            where = f"at {scifact}" if scifact is not None else "given (--scifact DIR)"
            result["skipped"].append(f"scifact: no BEIR data {where}")
            continue
        for n in sizes:
            note(f"{corpus} {n:,} passages ...")
            result["runs"].append(
                bench_product_size(n, corpus, n_queries=n_queries, repeat=repeat,
                                   scifact=Path(scifact) if has_scifact else None, bm25s_ok=bm25s_ok,
                                   one_core=one_core)
            )
    targets = [t for r in result["runs"] for t in r["targets"]]
    result["targets"] = targets
    result["ok"] = all(t["ok"] is not False for t in targets)
    result["load_average_end"] = load_average()
    return result


def _f(value: float | None, fmt: str = ".2f") -> str:
    return "n/a" if value is None else format(value, fmt)


def format_product_report(result: dict) -> str:
    """One table row per corpus and size (p50 beside p95 for every engine; ratios are product / peer), then what
    bm25s's time holds, the load during each size and what the run ran on."""
    head = (
        f"{'corpus':<8} {'passages':>9} | {'start s':>7} {'restart':>7} {'peak MB':>7} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'lag p95':>7} | {'bm25s s':>7} {'MB':>6} {'p50':>6} {'p95':>6} | {'rbm25 s':>7} {'p50':>7} {'p95':>7}"
        f" | {'x start':>7} {'x p50':>6} {'x p95':>6} {'x mem':>6} | {'load':>9}"
    )
    lines = ["product path (Assistant.ask) vs bm25s and rank-bm25, same passages and questions", head, "-" * len(head)]
    for r in result["runs"]:
        p, rs, b, rb, x = r["product"] or {}, r["restart"] or {}, r["bm25s"] or {}, r["rank_bm25"] or {}, r["ratios"]
        load = r.get("load") or {}
        lines.append(
            f"{r['corpus']:<8} {r['passages']:>9,} | {_f(p.get('start_s')):>7} {_f(rs.get('start_s')):>7}"
            f" {_f(p.get('peak_mb'), '.0f'):>7} {_f(_get(r, 'product', 'ask_ms', 'p50')):>7}"
            f" {_f(_get(r, 'product', 'ask_ms', 'p95')):>7} {_f(_get(r, 'product', 'reload_lag_ms', 'p95')):>7}"
            f" | {_f(b.get('build_s')):>7} {_f(b.get('peak_mb'), '.0f'):>6} {_f(_get(r, 'bm25s', 'ask_ms', 'p50')):>6}"
            f" {_f(_get(r, 'bm25s', 'ask_ms', 'p95')):>6} | {_f(rb.get('build_s')):>7}"
            f" {_f(_get(r, 'rank_bm25', 'ask_ms', 'p50')):>7} {_f(_get(r, 'rank_bm25', 'ask_ms', 'p95')):>7}"
            f" | {_f(x['bm25s']['start']):>7} {_f(x['bm25s']['p50']):>6} {_f(x['bm25s']['p95']):>6}"
            f" {_f(x['bm25s']['peak_mb']):>6} | {_f(load.get('min'), '.1f'):>4}-{_f(load.get('max'), '.1f'):<4}"
        )
        if _get(r, "bm25s", "select_ms", "p95") is not None:
            lines.append(
                f"  {r['corpus']} {r['passages']:,}: bm25s's time per question holds its tokenization (p50 / p95"
                f" {_f(_get(r, 'bm25s', 'tokenize_ms', 'p50'))} / {_f(_get(r, 'bm25s', 'tokenize_ms', 'p95'))} ms)"
                f" and its top-k selection by numpy (p50 / p95 {_f(_get(r, 'bm25s', 'select_ms', 'p50'))} /"
                f" {_f(_get(r, 'bm25s', 'select_ms', 'p95'))} ms); without the selection, p50 / p95"
                f" {_f(_get(r, 'bm25s', 'unselected_ms', 'p50'))} / {_f(_get(r, 'bm25s', 'unselected_ms', 'p95'))} ms"
            )
        if p.get("helper_peak_mb"):
            lines.append(f"  {r['corpus']} {r['passages']:,}: the start used {r.get('cores', 2)} cores (its analysis"
                         f" shared with a second process of {p['helper_peak_mb']:.0f} MB at most; peak MB counts both)")
        for name in ("product", "restart", "bm25s", "rank_bm25"):
            if r[name] and "error" in r[name]:
                lines.append(f"  {name} failed: {r[name]['error']}")
    if result["runs"]:
        r0 = result["runs"][0]
        lines.append(
            f"(medians of {r0['repeat']} run(s); {r0['questions']} questions, rank-bm25 {RANK_BM25_QUERIES}; start ="
            " load + analyse + index + write cache; restart = same folder, cache kept; lag = event-loop lateness"
            " during a reload after one file changed; x = product / bm25s; load = the 1-minute load average before"
            " and after each contender, lowest-highest)"
        )
    env = result.get("environment") or {}
    if env:
        simd = ", ".join(env.get("numpy_simd") or []) or "baseline only"
        lines.append(
            f"ran on: Python {env.get('python')}, numpy {env.get('numpy')} (SIMD {simd}), bm25s {env.get('bm25s')},"
            f" PyStemmer {env.get('PyStemmer')}, rank-bm25 {env.get('rank-bm25')}; {env.get('cpu')},"
            f" {env.get('usable_cpus')} of {env.get('cpu_count')} CPUs; load {_f(env.get('load_average'))} at start,"
            f" {_f(result.get('load_average_end'))} at end"
        )
    lines += [f"bm25s: {result['bm25s']}", *(f"skipped {s}" for s in result["skipped"])]
    for t in result["targets"]:
        status = "n/a " if t["ok"] is None else ("PASS" if t["ok"] else "FAIL")
        lines.append(f"{status} {t['name']}: {_f(t['value'], '.3f')} (limit {t['limit']})")
    return "\n".join(lines)

if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1:]))
