"""What members read: length and language of the rendered answers on evaluation sets.

``python -m bot.bench.answers --eval-dir tests/eval`` (or ``python -m bot.bench.answers SET.yaml …``) prints, for
the in-scope questions that are answered: the rendered answer's median and largest length in characters (the
Markdown the Discord embed shows), how many citations are in the question's language, and how many answers quote one
fact twice or more. Targets (issue 11): median ≤ 600, max ≤ 1,000, citations in the question's language
whenever the corpus holds the fact in it.
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.bench.evalsets import EVAL_DIR_HELP, set_files
from bot.knowledge.loader import load_knowledge
from bot.models import Answer
from bot.render import render_markdown
from bot.search.retriever import Retriever

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figures:
    """Rendered lengths of answered in-scope questions and the languages of their citations."""

    lengths: list[int] = field(default_factory=list)
    citations: int = 0
    same_language: int = 0
    foreign: list[str] = field(default_factory=list)  # questions with a citation in another language
    longest: tuple[int, str] = (0, "")

    def add(self, answer: Answer) -> None:
        if not answer.answered:
            return
        length = len(render_markdown(answer))
        self.lengths.append(length)
        self.longest = max(self.longest, (length, answer.question))
        for citation in answer.citations:
            self.citations += 1
            self.same_language += citation.language == answer.language
        if any(c.language != answer.language for c in answer.citations):
            self.foreign.append(answer.question)

    @property
    def median(self) -> float:
        return statistics.median(self.lengths) if self.lengths else 0.0

    @property
    def maximum(self) -> int:
        return max(self.lengths, default=0)

    @property
    def same_language_rate(self) -> float:
        return self.same_language / self.citations if self.citations else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<22} answered {len(self.lengths):>4}  median {self.median:>6.0f}  max {self.maximum:>5}  "
            f"same-language citations {self.same_language}/{self.citations} ({self.same_language_rate:.1%})"
        )


def measure(retriever: Retriever, path: Path) -> Figures:
    """The figures of one evaluation file's in-scope questions (asked in their stated language)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    figures = Figures()
    for item in data.get("in_scope", []):
        figures.add(retriever.answer(str(item["question"]), item.get("language")))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.answers", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="evaluation YAML files (or --eval-dir)")
    parser.add_argument("--eval-dir", type=Path, metavar="DIR", help=f"every set of it: {EVAL_DIR_HELP}")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the answers quoting another language")
    args = parser.parse_args(argv)
    if not args.sets and args.eval_dir is None:
        parser.error(f"name the evaluation set files, or --eval-dir DIR: {EVAL_DIR_HELP}")
    try:
        sets = args.sets or sorted(set_files(args.eval_dir))
    except FileNotFoundError as error:
        parser.error(str(error))
    retriever = Retriever(load_knowledge(args.knowledge))
    total = Figures()
    for path in sets:
        figures = measure(retriever, path)
        print(figures.line(path.name))
        if args.verbose:
            print(f"  longest ({figures.longest[0]}): {figures.longest[1]}")
            for question in figures.foreign:
                print(f"  other language: {question}")
        total.lengths += figures.lengths
        total.citations += figures.citations
        total.same_language += figures.same_language
    print(total.line("all"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
