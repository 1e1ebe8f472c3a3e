"""Evaluation runner: the real corpus (knowledge/) against tests/eval/questions.yaml.

Hit: the question is answered and every ``expect`` string appears (case-, accent-insensitive, NFKC) in the
snippet of one of the first three citations. Out-of-scope questions must abstain.
Run with ``.venv/bin/pytest tests/test_eval.py -s`` to see the table.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field

import paths
import pytest
import yaml

from bot.knowledge.loader import load_knowledge
from bot.models import LANGUAGES, Answer
from bot.search.retriever import Retriever

ROOT = paths.ROOT
KNOWLEDGE = ROOT / "knowledge"
QUESTIONS = ROOT / "tests" / "eval" / "questions.yaml"
MIN_HIT_RATE = 0.90  # per language
MIN_ABSTENTION_RATE = 0.90  # out of scope
MAX_MEDIAN_LATENCY_MS = 5.0

pytestmark = pytest.mark.skipif(
    not (KNOWLEDGE.is_dir() and QUESTIONS.is_file()), reason="needs knowledge/ and tests/eval/questions.yaml"
)


def fold(text: object) -> str:
    """NFKC, case and accent folding, spaces collapsed: how expected facts are compared with snippets."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFKC", stripped).split())


def is_hit(answer: Answer, expect: list[object]) -> bool:
    snippets = " | ".join(fold(c.snippet) for c in answer.citations[:3])
    return answer.answered and all(fold(e) in snippets for e in expect)


@dataclass
class Report:
    hits: dict[str, list[bool]] = field(default_factory=dict)
    abstained: dict[str, list[bool]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @staticmethod
    def values(table: dict[str, list[bool]], language: str | None) -> list[bool]:
        return table.get(language, []) if language else [v for vs in table.values() for v in vs]

    def rate(self, table: dict[str, list[bool]], language: str | None = None) -> float:
        values = self.values(table, language)
        return sum(values) / len(values) if values else 1.0

    def table(self) -> str:
        lines = [f"{'language':<10}{'in-scope hit rate':>22}{'out-of-scope abstained':>26}"]
        for lang in [*LANGUAGES, None]:
            hits, abstained = self.values(self.hits, lang), self.values(self.abstained, lang)
            lines.append(
                f"{lang or 'all':<10}{sum(hits):>8}/{len(hits):<4}{self.rate(self.hits, lang):>9.1%}"
                f"{sum(abstained):>12}/{len(abstained):<4}{self.rate(self.abstained, lang):>9.1%}"
            )
        ordered = sorted(self.latencies)
        lines.append(
            f"latency ms: median {statistics.median(ordered):.2f}, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.2f}, max {ordered[-1]:.2f}"
        )
        return "\n".join(lines)


def describe(answer: Answer) -> str:
    if not answer.answered:
        return f"abstained ({answer.reason})"
    return "; ".join(f"{c.passage_id}: {c.snippet[:80]!r}" for c in answer.citations)


@pytest.fixture(scope="module")
def report() -> Report:
    kb = load_knowledge(KNOWLEDGE)
    retriever = Retriever(kb)
    evaluation = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    for item in evaluation["in_scope"]:
        retriever.answer(item["question"], item["language"])  # warm caches (snippets, stems) before timing
    result = Report()
    for item in evaluation["in_scope"]:
        answer = retriever.answer(item["question"], item["language"])
        hit = is_hit(answer, item["expect"])
        result.hits.setdefault(item["language"], []).append(hit)
        result.latencies.append(answer.latency_ms)
        if not hit:
            result.failures.append(
                f"[{item['language']}] {item['question']!r} expect {item['expect']}: {describe(answer)}"
            )
    for item in evaluation["out_of_scope"]:
        answer = retriever.answer(item["question"], item["language"])
        result.abstained.setdefault(item["language"], []).append(not answer.answered)
        result.latencies.append(answer.latency_ms)
        if answer.answered:
            result.failures.append(f"[{item['language']}] out of scope {item['question']!r}: {describe(answer)}")
    print("\n" + result.table())
    print("failures:\n  " + "\n  ".join(result.failures or ["none"]))
    return result


def test_hit_rate_per_language(report: Report) -> None:
    rates = {lang: report.rate(report.hits, lang) for lang in report.hits}
    low = {lang: f"{rate:.1%}" for lang, rate in rates.items() if rate < MIN_HIT_RATE}
    assert not low, f"hit rate below {MIN_HIT_RATE:.0%}: {low}\n{report.table()}\n" + "\n".join(report.failures)


def test_out_of_scope_abstention(report: Report) -> None:
    rate = report.rate(report.abstained)
    assert rate >= MIN_ABSTENTION_RATE, f"abstention {rate:.0%}\n{report.table()}\n" + "\n".join(report.failures)


def test_latency(report: Report) -> None:
    assert statistics.median(report.latencies) < MAX_MEDIAN_LATENCY_MS, report.table()
