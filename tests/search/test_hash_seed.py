"""The same question gets the same answer after a restart: nothing the bot says depends on Python's hash seed.

Real processes with different ``PYTHONHASHSEED``: a set iterated where order matters (a float sum over a set's
terms, a tie broken by set order) shows up here as two different answers. The questions are ones that
differed between seeds 1 and 3 before snippet scores were summed exactly (math.fsum).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import paths
import pytest

QUESTIONS = (
    "Concrètement, qu'est-ce que les deux États se sont engagés à soutenir pour les jeunes pousses ?",
    "What did the 日本 side and the French Tech agree to share?",
    "フランスのスタートアップは何社出てたの？w",
    "Qu'a représenté cette soirée pour le programme japonais de jeunes pousses ?",
    "マジュビ氏はなぜイベントを途中で退席したの？",
    "Comment J-Startup et la French Tech vont-ils coopérer ?",
    "what did Muto actually say in his speech at Station F? any quote?",
)

_CHILD = """
import json, sys
from pathlib import Path
from bot.knowledge.loader import load_knowledge
from bot.search.retriever import Retriever
retriever = Retriever(load_knowledge(Path(sys.argv[1])))
out = []
for question in json.loads(sys.stdin.read()):
    a = retriever.answer(question)
    out.append([a.answered, a.reason, str(a.kind), a.summary, [[c.passage_id, c.snippet] for c in a.citations]])
print(json.dumps(out, ensure_ascii=False))
"""

pytestmark = pytest.mark.skipif(not paths.SHIPPED_KNOWLEDGE.is_dir(), reason="needs knowledge/")


def _answers(seed: int) -> list[object]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(paths.ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(paths.SHIPPED_KNOWLEDGE)], input=json.dumps(QUESTIONS),
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=paths.ROOT, timeout=120,
                          check=True)
    return json.loads(done.stdout)


def test_answers_do_not_depend_on_the_hash_seed() -> None:
    first, second = _answers(1), _answers(3)
    for question, a, b in zip(QUESTIONS, first, second, strict=True):
        assert a == b, question
