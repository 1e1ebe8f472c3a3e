"""One fingerprint of every answer the evaluation questions get, to show a speed change left answers byte-identical.

``python -m bot.bench.digest --eval-dir tests/eval [--out FILE]`` answers every question of the evaluation sets
(``*.yaml`` of that folder, in and out of scope) through ``Retriever.answer`` (with its stated language and without,
as written and wrapped in each noise template of :mod:`bot.bench.evalsets`), the small talk, and ``Assistant.ask``
over the questions ``bench --eval-ask`` times; each answer is serialised field by field (cited passage ids in order,
snippets, highlights, scores, abstention reasons, suggestions; not its latency), and one sha256 of them all is
printed. Run it on two checkouts and compare the digests; ``--out`` keeps the lines to diff when they differ.
Python's hash seed is fixed to 0 (a child process is started when it is not), so a set iterated in a different order
shows up as a different digest.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.bench.benchmark import ASK_QUESTIONS, KNOWLEDGE_DIR, eval_questions
from bot.bench.evalsets import EVAL_DIR_HELP, SMALL_TALK, noisy_templates, set_files, sets_in

SEED = "0"


def _serialised(answer: Any) -> str:
    return json.dumps(_without_latency(dataclasses.asdict(answer)), sort_keys=True, ensure_ascii=False, default=repr)


def _without_latency(fields: dict) -> dict:
    """An answer's fields without its latency, nor its parts' (a message of several questions: bot.search.several),
    which would make two runs of the same code differ."""
    fields.pop("latency_ms", None)
    for part in fields.get("parts") or ():
        _without_latency(part)
    return fields


def answer_lines(eval_dir: Path, knowledge_dir: Path = KNOWLEDGE_DIR) -> list[str]:
    """One JSON line per (way of asking, question, language, answer); ``eval_dir``: the evaluation sets' folder."""
    from bot.assistant import Assistant
    from bot.questions import QuestionError

    sets = sets_in(eval_dir)
    assistant = Assistant.from_directory(knowledge_dir)
    retriever = assistant.retriever
    rows: list[tuple[str, str, str | None, str]] = []
    for items in sets.values():
        for item in items:
            asked = [item.question]
            if item.in_scope:
                asked += [t.format(q=item.question) for t in noisy_templates(item.language)]
            for question in asked:
                for language in (item.language, None):
                    rows.append(("retriever", question, language, _serialised(retriever.answer(question, language))))
    for question in SMALL_TALK:
        rows.append(("retriever", question, None, _serialised(retriever.answer(question))))

    async def ask_all() -> None:
        questions, _ = eval_questions(sets)
        for question in (*ASK_QUESTIONS, *questions, *SMALL_TALK):
            try:
                rows.append(("ask", question, None, _serialised(await assistant.ask(question))))
            except QuestionError as error:
                rows.append(("ask", question, None, f"refused: {error}"))

    try:
        asyncio.run(ask_all())
    finally:
        assistant.close()
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.digest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, required=True, metavar="DIR", help=EVAL_DIR_HELP)
    parser.add_argument("--out", type=Path, help="also write the answers, one JSON line each (to diff two runs)")
    args = parser.parse_args(argv)
    try:
        set_files(args.eval_dir)
    except FileNotFoundError as error:
        parser.error(str(error))
    if os.environ.get("PYTHONHASHSEED") != SEED:
        env = {**os.environ, "PYTHONHASHSEED": SEED}
        return subprocess.run([sys.executable, "-m", "bot.bench.digest", *(argv or sys.argv[1:])], env=env).returncode
    lines = answer_lines(args.eval_dir)
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(f"{len(lines)} answers, sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
