"""Knowledge folders of any size for the product benchmark: Markdown files a moderator could have written.

Two kinds of text, both deterministic for a seed:

* ``zipf``: the synthetic Zipf passages of :mod:`bot.bench.benchmark` (60–120 words), questions of 2–6 words;
* ``scifact``: SciFact's abstracts (BEIR, read in place from the folder ``--scifact`` names) repeated and perturbed
  (each copy drops ~10% of its words and swaps a few neighbours), questions are SciFact's claims.

Passages go 100 to a file, as the issue's measurement did (100,000 passages in 1,000 files).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.bench.benchmark import synthetic_corpus, synthetic_queries

PASSAGES_PER_FILE = 100
CORPUS_KINDS = ("zipf", "scifact")
DROP_SHARE = 0.1  # words dropped from a repeated SciFact abstract
SWAPS = 3  # adjacent words swapped in a repeated SciFact abstract


def _front_matter(n: int, kind: str) -> str:
    return (
        f"---\nid: {kind}-{n:06d}\ntitle: {kind} file {n}\nlanguage: en\n"
        f"source: https://example.org/{kind}/{n}\n---\n"
    )


def write_folder(directory: Path, passages: Sequence[str], kind: str) -> list[Path]:
    """Write ``passages`` as Markdown files of PASSAGES_PER_FILE paragraphs; returns the files."""
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for n, start in enumerate(range(0, len(passages), PASSAGES_PER_FILE)):
        chunk = passages[start : start + PASSAGES_PER_FILE]
        body = "\n\n".join(p.replace("\n", " ") for p in chunk)
        path = directory / f"{kind}-{n:06d}.md"
        path.write_text(f"{_front_matter(n, kind)}# Part {n}\n\n{body}\n", encoding="utf-8")
        files.append(path)
    return files


def zipf_texts(n_passages: int, n_queries: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """Synthetic passages and questions as text."""
    passages = [" ".join(p) for p in synthetic_corpus(n_passages, seed)]
    questions = [" ".join(q) for q in synthetic_queries(n_queries, seed)]
    return passages, questions


def scifact_texts(beir_dir: Path, n_passages: int, n_queries: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """SciFact abstracts repeated and perturbed up to ``n_passages``, and SciFact claims as questions."""
    from bot.bench.beir import load_beir

    data = load_beir(beir_dir)
    rng = np.random.default_rng(seed)
    base = [t.split() for t in data.doc_texts]
    passages = []
    for i in range(n_passages):
        words = base[i % len(base)]
        if i >= len(base):  # a copy: drop some words, swap a few neighbours
            keep = rng.random(len(words)) >= DROP_SHARE
            words = [w for w, k in zip(words, keep.tolist(), strict=True) if k] or words
            for j in rng.integers(0, max(len(words) - 1, 1), size=SWAPS).tolist():
                if j + 1 < len(words):
                    words[j], words[j + 1] = words[j + 1], words[j]
        passages.append(" ".join(words))
    claims = list(data.queries.values())
    questions = [claims[i % len(claims)] for i in range(n_queries)]
    return passages, questions
