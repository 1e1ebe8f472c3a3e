"""A public IR score: BEIR-format datasets (e.g. SciFact) scored with nDCG@10 and recall@100.

The data is read in place (``corpus.jsonl[.gz]``, ``queries.jsonl``, ``qrels/<split>.tsv``) and never
copied: SciFact is non-commercial research data. Metrics follow BEIR/pytrec_eval: linear gains,
``log2(rank + 1)`` discount, ideal ranking from the judged relevant documents (score > 0), mean over
the queries that have relevance judgements.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
from rank_bm25 import BM25Okapi

from bot.search.bm25 import BM25Index

NDCG_K = 10
RECALL_K = 100
# the engine's own defaults (rank-bm25's), not tuned on the test queries
DEFAULT_K1 = 1.5
DEFAULT_B = 0.75
DEFAULT_EPSILON = 0.25
_WORD = re.compile(r"\w+")

Analyzer = Callable[[str], list[str]]


@dataclass(slots=True)
class BeirData:
    """One BEIR split: documents as ``title + text``, the judged queries and their qrels."""

    doc_ids: list[str]
    doc_texts: list[str]
    queries: dict[str, str]  # query id -> text, only queries with judgements, in file order
    qrels: dict[str, dict[str, int]]  # query id -> {doc id: relevance}


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def load_beir(directory: Path, split: str = "test") -> BeirData:
    """Read a BEIR dataset directory (``corpus.jsonl`` may be gzipped)."""
    directory = Path(directory)
    corpus_path = next((directory / n for n in ("corpus.jsonl", "corpus.jsonl.gz") if (directory / n).exists()), None)
    if corpus_path is None:
        raise FileNotFoundError(f"no corpus.jsonl[.gz] in {directory}")
    doc_ids: list[str] = []
    doc_texts: list[str] = []
    with _open_text(corpus_path) as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                doc_ids.append(str(row["_id"]))
                doc_texts.append(f"{row.get('title') or ''} {row.get('text') or ''}".strip())
    qrels: dict[str, dict[str, int]] = {}
    with (directory / "qrels" / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        for row in reader:
            if len(row) < 3 or row[0] == "query-id":  # the header line
                continue
            query_id, corpus_id, score = row[:3]
            qrels.setdefault(query_id, {})[corpus_id] = int(score)
    queries: dict[str, str] = {}
    with (directory / "queries.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if str(row["_id"]) in qrels:
                    queries[str(row["_id"])] = row["text"]
    return BeirData(doc_ids, doc_texts, queries, qrels)


def ndcg_at_k(ranking: Sequence[str], relevance: Mapping[str, int], k: int = NDCG_K) -> float:
    """nDCG@k of one ranking (linear gains, as pytrec_eval's ``ndcg_cut``)."""
    ideal = sorted((r for r in relevance.values() if r > 0), reverse=True)[:k]
    if not ideal:
        return 0.0
    dcg = sum(relevance.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranking[:k]))
    idcg = sum(r / math.log2(rank + 2) for rank, r in enumerate(ideal))
    return dcg / idcg


def recall_at_k(ranking: Sequence[str], relevance: Mapping[str, int], k: int = RECALL_K) -> float:
    """Share of the relevant documents (score > 0) found in the first ``k``."""
    relevant = {doc for doc, r in relevance.items() if r > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def evaluate(run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """Mean nDCG@10 and recall@100 over the judged queries (a query missing from ``run`` counts 0)."""
    if not qrels:
        return {"ndcg@10": 0.0, "recall@100": 0.0}
    ndcg = [ndcg_at_k(run.get(q, ()), rel) for q, rel in qrels.items()]
    recall = [recall_at_k(run.get(q, ()), rel) for q, rel in qrels.items()]
    return {"ndcg@10": sum(ndcg) / len(ndcg), "recall@100": sum(recall) / len(recall)}


def plain_tokens(text: str) -> list[str]:
    """Lowercase word tokens, the usual rank-bm25 baseline."""
    return _WORD.findall(text.lower())


def english_analyzer() -> Analyzer:
    """The project's English analyzer (``bot.search.analysis``), imported lazily."""
    from bot.search.analysis import analyze

    return lambda text: analyze(text, "en")


def unique(tokens: Iterable[str]) -> list[str]:
    """Query terms de-duplicated in order (what the retrieval layer does)."""
    return list(dict.fromkeys(tokens))


def run_engine(data: BeirData, analyzer: Analyzer, k1: float, b: float, epsilon: float) -> dict:
    """Index with ``BM25Index``; time the queries including their analysis."""
    start = time.perf_counter()
    index = BM25Index([analyzer(t) for t in data.doc_texts], k1=k1, b=b, epsilon=epsilon)
    build_s = time.perf_counter() - start
    run: dict[str, list[str]] = {}
    start = time.perf_counter()
    for qid, text in data.queries.items():
        run[qid] = [data.doc_ids[i] for i, _ in index.top_k(unique(analyzer(text)), RECALL_K)]
    elapsed = time.perf_counter() - start
    return {"run": run, "build_s": build_s, "qps": len(run) / elapsed if elapsed else math.inf}


def run_rank_bm25(data: BeirData) -> dict:
    """Plain rank-bm25 (default parameters) on lowercase word tokens: get_scores + top-100."""
    start = time.perf_counter()
    model = BM25Okapi([plain_tokens(t) for t in data.doc_texts])  # pre-tokenized: no process pool
    build_s = time.perf_counter() - start
    run: dict[str, list[str]] = {}
    start = time.perf_counter()
    for qid, text in data.queries.items():
        scores = model.get_scores(plain_tokens(text))
        k = min(RECALL_K, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        run[qid] = [data.doc_ids[i] for i in top.tolist()]
    elapsed = time.perf_counter() - start
    return {"run": run, "build_s": build_s, "qps": len(run) / elapsed if elapsed else math.inf}


def bench_beir(
    directory: Path,
    *,
    analyzer: Analyzer | None = None,
    k1: float = DEFAULT_K1,
    b: float = DEFAULT_B,
    epsilon: float = DEFAULT_EPSILON,
    split: str = "test",
    baseline: bool = True,
) -> dict:
    """Score the project's engine (and plain rank-bm25) on a BEIR dataset."""
    data = load_beir(directory, split)
    engine = run_engine(data, analyzer or english_analyzer(), k1, b, epsilon)
    result: dict = {
        "dataset": str(directory),
        "split": split,
        "documents": len(data.doc_ids),
        "queries": len(data.queries),
        "params": {"k1": k1, "b": b, "epsilon": epsilon},
        **evaluate(engine["run"], data.qrels),
        "qps": engine["qps"],
        "build_s": engine["build_s"],
    }
    if baseline:
        plain = run_rank_bm25(data)
        result["rank_bm25"] = {**evaluate(plain["run"], data.qrels), "qps": plain["qps"], "build_s": plain["build_s"]}
        result["qps_ratio"] = engine["qps"] / plain["qps"] if plain["qps"] else math.inf
    return result
