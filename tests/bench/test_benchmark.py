"""The benchmark command (structure only, no timing asserted) and the BEIR metrics (hand-computed)."""

from __future__ import annotations

import asyncio
import gzip
import importlib
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import evaluation
import paths
import pytest
import rank_bm25

from bot.bench import benchmark, evalsets, product
from bot.bench.beir import bench_beir, evaluate, load_beir, ndcg_at_k, plain_tokens, recall_at_k
from bot.bench.product import TreeMemory, rss_mb
from bot.cli import main
from bot.search.bm25 import BM25Index

# -- BEIR metrics, by hand ----------------------------------------------------------------------


def test_ndcg_by_hand() -> None:
    rel = {"d1": 1, "d3": 1}
    # relevant at ranks 1 and 3: DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3)
    assert ndcg_at_k(["d3", "d2", "d1"], rel) == pytest.approx(1.5 / (1 + 1 / math.log2(3)), abs=1e-12)
    graded = {"d2": 2, "d4": 1}
    # only d4 (gain 1) at rank 1: DCG = 1; ideal = 2 + 1/log2(3)
    assert ndcg_at_k(["d4", "d5"], graded) == pytest.approx(1 / (2 + 1 / math.log2(3)), abs=1e-12)
    assert ndcg_at_k(["d2", "d4"], graded) == pytest.approx(1.0)
    assert ndcg_at_k([], rel) == 0.0
    assert ndcg_at_k(["d1"], {"d1": 0}) == 0.0  # no relevant document: 0, as pytrec_eval
    # the cut at 10: a relevant document at rank 11 earns nothing
    assert ndcg_at_k([f"x{i}" for i in range(10)] + ["d1"], {"d1": 1}) == 0.0


def test_recall_by_hand() -> None:
    rel = {"a": 1, "b": 1, "c": 0}
    assert recall_at_k(["a", "x", "b"], rel) == 1.0
    assert recall_at_k(["x", "b"], rel) == 0.5
    assert recall_at_k([f"x{i}" for i in range(100)] + ["a", "b"], rel) == 0.0
    assert recall_at_k(["a"], {}) == 0.0


def test_evaluate_means_over_judged_queries() -> None:
    qrels = {"q1": {"d1": 1, "d3": 1}, "q2": {"d2": 2, "d4": 1}, "q3": {"d9": 1}}
    run = {"q1": ["d3", "d2", "d1"], "q2": ["d4", "d5"], "q-unjudged": ["d1"]}  # q3 missing: counts 0
    scores = evaluate(run, qrels)
    ndcg_q1 = 1.5 / (1 + 1 / math.log2(3))
    ndcg_q2 = 1 / (2 + 1 / math.log2(3))
    assert scores["ndcg@10"] == pytest.approx((ndcg_q1 + ndcg_q2 + 0) / 3, abs=1e-12)
    assert scores["recall@100"] == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-12)


def write_fake_beir(root: Path, *, gz: bool = False) -> Path:
    docs = [
        ("d1", "Apples", "apple banana"),
        ("d2", "", "cherry"),
        ("d3", "Apple", "apple"),
        ("d4", "", "durian"),
        ("d5", "", "banana cherry"),
    ]
    lines = "".join(json.dumps({"_id": i, "title": t, "text": x, "metadata": {}}) + "\n" for i, t, x in docs)
    if gz:
        with gzip.open(root / "corpus.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write(lines)
    else:
        (root / "corpus.jsonl").write_text(lines, encoding="utf-8")
    queries = [("q1", "apple"), ("q2", "durian"), ("q3", "banana")]  # q3 has no judgement: not evaluated
    (root / "queries.jsonl").write_text("".join(json.dumps({"_id": i, "text": t}) + "\n" for i, t in queries))
    (root / "qrels").mkdir()
    (root / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td3\t1\nq2\td2\t1\n")
    return root


@pytest.mark.parametrize("gz", [False, True])
def test_load_beir(tmp_path: Path, gz: bool) -> None:
    data = load_beir(write_fake_beir(tmp_path, gz=gz))
    assert data.doc_ids == ["d1", "d2", "d3", "d4", "d5"]
    assert data.doc_texts[0] == "Apples apple banana" and data.doc_texts[1] == "cherry"
    assert data.queries == {"q1": "apple", "q2": "durian"}
    assert data.qrels == {"q1": {"d3": 1}, "q2": {"d2": 1}}


def test_bench_beir_end_to_end(tmp_path: Path) -> None:
    # q1 "apple": d3 ("Apple apple", tf 2) ranks first -> nDCG 1, recall 1;
    # q2 "durian": only d4 matches, the relevant d2 is never retrieved -> 0 and 0
    result = bench_beir(write_fake_beir(tmp_path), analyzer=plain_tokens)
    assert result["ndcg@10"] == pytest.approx(0.5)
    assert result["recall@100"] == pytest.approx(0.5)
    # plain rank-bm25's top-100 also lists passages scoring 0 (ties by index): for q2, d4 then d1, d2, …
    # so d2 lands at rank 3: nDCG (1 + 1/log2(4)) / 2, recall 1
    assert result["rank_bm25"]["ndcg@10"] == pytest.approx((1 + 1 / math.log2(4)) / 2)
    assert result["rank_bm25"]["recall@100"] == pytest.approx(1.0)
    assert result["queries"] == 2 and result["documents"] == 5
    assert result["qps"] > 0 and result["qps_ratio"] > 0


def test_bench_command_beir_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--beir", str(write_fake_beir(tmp_path)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ndcg@10"] == pytest.approx(0.5)  # the project's English analyzer gives the same ranking
    assert out["recall@100"] == pytest.approx(0.5)
    assert out["sizes"] == [] and out["ask"] is None
    assert {t["name"] for t in out["targets"]} == {"BEIR nDCG@10 >= 0.68", "BEIR >= 20x rank-bm25 queries/s"}


def test_bench_command_rejects_bad_arguments(tmp_path: Path) -> None:
    assert main(["bench", "--beir", str(tmp_path / "missing")]) == 2
    with pytest.raises(SystemExit):
        main(["bench", "--sizes", "1000,abc"])


# -- synthetic workload and the size benchmark --------------------------------------------------


def test_synthetic_workload_is_deterministic_and_shaped() -> None:
    corpus = benchmark.synthetic_corpus(200, seed=3)
    assert corpus == benchmark.synthetic_corpus(200, seed=3)
    assert all(60 <= len(p) <= 120 for p in corpus)
    queries = benchmark.synthetic_queries(100, seed=3)
    assert all(2 <= len(q) <= 6 for q in queries)
    words = {w for q in queries for w in q}
    assert "t0" in words  # common words are part of the queries


def test_executor_search_matches_the_index() -> None:
    corpus = benchmark.synthetic_corpus(300)
    queries = benchmark.synthetic_queries(20)
    index = BM25Index(corpus)
    searcher = benchmark.ExecutorSearch(index)

    async def scenario() -> tuple[list, dict]:
        results = await asyncio.gather(*(searcher.search(q) for q in queries))
        lag = await benchmark.event_loop_lag(searcher.search, queries)
        return results, lag

    try:
        results, lag = asyncio.run(scenario())
    finally:
        searcher.close()
    assert results == [index.top_k(q, benchmark.TOP_K) for q in queries]
    assert set(lag) == {"p95", "max", "ticks", "burst_s"}


def test_rank_bm25_is_built_without_a_process_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("rank-bm25's tokenizer pool must not be used")

    monkeypatch.setattr(rank_bm25, "Pool", no_pool)
    result = benchmark.bench_size(300, n_queries=20)
    assert result["passages"] == 300 and result["targets"] == []


def test_bench_command_small_size_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--sizes", "300", "--queries", "50", "--json"]) == 0  # the shape, not the figures
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"sizes", "ask", "beir", "targets", "ok"}
    (size,) = out["sizes"]
    assert size["passages"] == 300 and size["queries"] == 50
    for engine in ("engine", "rank_bm25"):
        assert set(size[engine]) == {"build_s", "memory_mb", "query_ms"}
        assert set(size[engine]["memory_mb"]) == {"retained", "peak"}
        assert set(size[engine]["query_ms"]) == {"p50", "p95", "max"}
    assert set(size["speedup"]) == {"p50", "p95"}
    assert {"p95", "max"} <= set(size["loop_lag_ms"])
    assert out["beir"] is None
    if out["ask"] is not None:  # the shipped corpus is there
        assert out["ask"]["passages"] > 0 and set(out["ask"]["ask_ms"]) == {"p50", "p95", "max"}
        assert [t["name"] for t in out["targets"]] == ["shipped corpus ask p95 <= 5 ms"]


def test_targets_at_100k_print_pass_and_fail() -> None:
    fake = {
        "passages": 100_000,
        "engine": {"build_s": 3.0, "memory_mb": {"retained": 90.0}, "query_ms": {"p95": 4.0}},
        "rank_bm25": {"memory_mb": {"retained": 300.0}},
        "speedup": {"p50": 80.0, "p95": 15.0},
        "loop_lag_ms": {"p95": 2.0},
    }
    targets = {t.name: t.ok for t in benchmark.size_targets(fake)}
    assert targets == {
        "100k query p95 <= 10 ms": True,
        "100k >= 20x faster than rank-bm25 (p50 and p95)": False,
        "100k build <= 30 s": True,
        "100k index memory <= rank-bm25's": True,
        "100k event-loop lag p95 <= 10 ms": True,
    }
    report = benchmark.format_report(
        {"sizes": [], "beir": None, "targets": [asdict(t) for t in benchmark.size_targets(fake)]}
    )
    assert "FAIL 100k >= 20x faster than rank-bm25 (p50 and p95): 15.000" in report
    assert "PASS 100k build <= 30 s" in report


# -- the product benchmark ---------------------------------------------------------------------


def test_product_benchmark_small_size_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The whole product path measured end to end on a small folder, with the peers' figures and ratios."""
    from bot.bench.product import bm25s_available

    code = main(["bench", "--product", "--sizes", "300", "--corpus", "zipf", "--queries", "20", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    (run,) = result["runs"]
    assert run["passages"] == 300 and run["corpus"] == "zipf"
    product = run["product"]
    assert "error" not in product, product
    assert product["start_s"] > 0 and product["peak_mb"] > 0
    assert 0 < product["ask_ms"]["p50"] <= product["ask_ms"]["p95"]
    assert product["reload_lag_ms"]["p95"] >= 0
    assert run["restart"]["reused_files"] == 3  # 300 passages, 100 a file: the restart read the cache
    assert run["rank_bm25"]["ask_ms"]["p95"] > 0
    if bm25s_available():
        assert run["bm25s"]["build_s"] > 0
        assert run["ratios"]["bm25s"]["p95"] > 0
        assert run["ratios"]["bm25s"]["p50"] > 0
        # what bm25s's time holds, to tell its selection's share (numpy's, CPU-dependent) from the rest
        assert 0 <= run["bm25s"]["select_ms"]["p50"] <= run["bm25s"]["ask_ms"]["max"]
        assert result["environment"]["bm25s"]
    env = result["environment"]  # what the figures ran on, recorded with them
    assert env["python"] and env["numpy"] and env["cpu_count"] >= 1 and env["usable_cpus"] >= 1
    assert run["load"] is None or 0 <= run["load"]["min"] <= run["load"]["max"]


def test_the_product_report_gives_p50_beside_p95_and_what_the_run_ran_on() -> None:
    """Every engine's p50 is printed beside its p95, with the load during the run and the versions measured."""
    ask = {"p50": 2.0, "p95": 9.0, "max": 20.0}
    peer = {"build_s": 10.0, "peak_mb": 600.0, "ask_ms": {"p50": 1.0, "p95": 18.0, "max": 30.0},
            "tokenize_ms": {"p50": 0.07, "p95": 0.1, "max": 0.2}, "select_ms": {"p50": 0.9, "p95": 16.5, "max": 29.0},
            "unselected_ms": {"p50": 0.3, "p95": 1.5, "max": 3.0}}
    run = {"corpus": "scifact", "passages": 100_000, "questions": 200, "repeat": 1, "cores": 2,
           "load": {"min": 0.4, "max": 1.3},
           "product": {"start_s": 9.0, "peak_mb": 550.0, "ask_ms": ask, "reload_lag_ms": {"p95": 0.5}},
           "restart": {"start_s": 0.9}, "bm25s": peer,
           "rank_bm25": {"build_s": 12.0, "ask_ms": {"p50": 650.0, "p95": 700.0, "max": 710.0}}}
    run["ratios"] = product._ratios(run)
    result = {"runs": [run], "bm25s": "measured", "skipped": [], "targets": [], "load_average_end": 1.1,
              "environment": {"python": "3.11.7", "numpy": "2.4.6", "numpy_simd": ["AVX512_ICL"], "bm25s": "0.3.16",
                              "PyStemmer": "3.1.0", "rank-bm25": "0.2.2", "cpu": "AMD EPYC", "cpu_count": 2,
                              "usable_cpus": 2, "load_average": 0.4}}
    report = product.format_product_report(result)
    row = next(line for line in report.splitlines() if line.startswith("scifact"))
    assert "650.00" in row and "700.00" in row  # rank-bm25's p50 beside its p95
    assert "2.00" in row and "0.4-1.3" in row  # x p50 = 2.0 / 1.0; the load during the run
    assert "top-k selection by numpy (p50 / p95 0.90 / 16.50 ms)" in report
    assert "without the selection, p50 / p95 0.30 / 1.50 ms" in report
    assert "numpy 2.4.6 (SIMD AVX512_ICL), bm25s 0.3.16" in report and "load 0.40 at start, 1.10 at end" in report


def test_a_workers_peak_memory_is_its_own_not_its_parents() -> None:
    """Each contender's peak RSS is that of its own process: a worker started by a parent holding 400 MB (the
    driver holds every passage's text) reported the parent's 400 MB, so every contender's peak looked the same."""
    held = bytearray(b"\x01") * (400 * 2**20)  # every page written: resident in this process
    code = "from bot.bench.product import peak_rss_mb; print(peak_rss_mb())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(paths.ROOT)})
    assert float(done.stdout) < 200  # the worker's own interpreter and imports, not the parent's 400 MB
    del held


def test_a_start_sharing_its_work_with_a_second_process_counts_both_processes_memory() -> None:
    """A cold start analyses on two cores (bot.search.parallel): the product's peak is both processes' memory at
    once, which the start's own high-water mark alone would leave out."""
    code = "import time; held = bytearray(b'\\x01') * (300 * 2**20); print('ready', flush=True); time.sleep(0.5)"
    with TreeMemory() as tree:
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(0.2)  # several samples with the 300 MB resident
        own = rss_mb("self")
        child.wait()
    assert 300 <= tree.children_peak_mb < 450  # the child's 300 MB and its interpreter
    assert tree.peak_mb >= own + 300 - 20


def test_a_child_not_yet_running_its_own_program_is_not_counted() -> None:
    """Between its start and its exec a child shares this process's memory (``subprocess`` starts it by vfork): its
    private pages then read as this process's, counted twice (a 100k start's helper read 326 MB, its parent's)."""
    pid = os.fork()
    if pid == 0:  # the child: this program still, as a vforked child is until its exec
        time.sleep(2)
        os._exit(0)
    try:
        started = subprocess.Popen([sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(2)"],
                                   stdout=subprocess.PIPE, text=True)
        try:
            assert started.stdout is not None and started.stdout.readline() == "ready\n"  # past its exec
            counted = product._children()
            assert str(started.pid) in counted and str(pid) not in counted
        finally:
            started.kill()
            started.wait()
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_product_benchmark_rejects_an_unknown_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--product", "--corpus", "wiki"]) == 2
    assert "--corpus" in capsys.readouterr().err


def test_eval_questions_are_every_set_question_and_one_noisy_variant_of_each_in_scope_one() -> None:
    sets = evalsets.sets_in(paths.EVAL)
    assert [name for name in sets][:2] == ["questions", "blind-a"]  # the order tests/evaluation.py reads them in
    assert len(sets) == len(evaluation.available_sets())
    questions, wrapped = benchmark.eval_questions(sets)
    items = [item for found in sets.values() for item in found]
    assert wrapped == sum(item.in_scope for item in items) > 0
    assert len(questions) == len(items) + wrapped
    plain = {item.question for item in items}
    noisy = [q for q in questions if q not in plain]
    assert noisy and all(any(p in q for p in plain) for q in noisy[:50])


def test_the_shipped_benches_read_no_path_of_the_test_tree_nor_beside_the_checkout() -> None:
    """bot.bench ships in the wheel: the evaluation sets and SciFact are folders named on the command line."""
    for module in Path(benchmark.__file__).parent.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert '"tests"' not in text and '"shared"' not in text and "parents[3]" not in text, module.name


@pytest.mark.parametrize("argv", [["bench", "--eval-ask"], ["bench", "--eval-ask", "--eval-dir", "/nonexistent"]])
def test_eval_ask_without_the_evaluation_sets_says_which_option_names_them(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert "--eval-dir" in capsys.readouterr().err


def test_a_scifact_product_run_without_its_folder_says_which_option_names_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["bench", "--product", "--corpus", "scifact"]) == 2
    assert "--scifact DIR" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["digest", "answers", "autocomplete"])
def test_the_evaluation_benches_without_their_sets_say_which_option_names_them(
    module: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main_of = importlib.import_module(f"bot.bench.{module}").main
    with pytest.raises(SystemExit) as exit_:
        main_of(["--eval-dir", "/nonexistent"] if module != "answers" else [])
    assert exit_.value.code == 2
    assert "--eval-dir" in capsys.readouterr().err


def test_eval_ask_report_and_targets() -> None:
    figures = {"p50": 2.0, "p95": 4.0, "max": 9.0}
    fake = {"passages": 268, "questions": 10, "noise_wrapped": 4, "build": {"wall_s": 1.0, "cpu_s": 0.9},
            "cpu_ms": figures, "wall_ms": figures, "loop_cpu_ms": figures,
            "worker_cpu_ms": figures}
    startup = {"wall_s": 0.2, "cpu_s": 0.1}
    targets = benchmark.eval_ask_targets(fake, startup)
    assert [t.ok for t in targets] == [True, True]
    slow = {**fake, "cpu_ms": {**figures, "p95": 6.0}}
    assert [t.ok for t in benchmark.eval_ask_targets(slow, {"wall_s": 1.5, "cpu_s": 1.0})] == [False, False]
    line = benchmark._eval_ask_line(fake, startup)
    assert "CPU  p50 2.000 ms, p95 4.000 ms" in line and "analyzer start-up" in line
    assert benchmark.eval_ask_targets(None, None)[0].ok is None


def test_the_digest_leaves_out_every_parts_latency() -> None:
    """`python -m bot.bench.digest` shows a speed change left answers byte-identical: two runs of the same code must
    give one digest. A message of two questions keeps each one's answer with its own latency, which differs from
    run to run (the digest of one tree moved between runs before)."""
    from bot.bench.digest import _serialised
    from bot.models import Answer

    def asked(ms: float) -> Answer:
        parts = [Answer("Who signed?", "en", True, latency_ms=ms), Answer("When?", "en", True, latency_ms=ms * 2)]
        return Answer("Who signed? When?", "en", True, latency_ms=ms * 3, parts=parts)

    assert _serialised(asked(1.25)) == _serialised(asked(7.5))
    assert "Who signed?" in _serialised(asked(1.25))  # the parts are still compared
