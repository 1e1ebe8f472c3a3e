"""Trial 11 (H4, M1): "tell me more", « plus de détails », もっと詳しく after an answer, in ``python -m bot chat``
(a real process, the shipped corpus): the same question again for passages not quoted yet, then "nothing more";
before any answer, small talk. « plus de détails » searched the word "plus" and quoted « il nous tarde d'en savoir
encore plus »."""

import re
import subprocess
import sys
from pathlib import Path

import paths

from bot.i18n import t


def chat(tmp_path: Path, *lines: str) -> list[str]:
    """Each line typed, and what the bot printed after it (one entry per line, in order)."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(tmp_path / "q.db")],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=paths.ROOT,
    )
    assert done.returncode == 0, done.stderr
    turns = re.split(r"(?m)^\? ", done.stdout)[1:]
    assert len(turns) >= len(lines)
    return [turn.strip() for turn in turns[: len(lines)]]


def quotes(turn: str) -> list[str]:
    return [line for line in turn.splitlines() if line.startswith("▌")]


def test_more_details_quotes_what_the_answer_left_out_then_says_there_is_nothing_more(tmp_path: Path):
    """Snips: its two passages are both quoted by the first answer (a passage left out for length fills an empty
    slot, session 14), so there is nothing more."""
    turns = chat(tmp_path, "Qu’est-ce que Station F ?", "plus de détails", "Qu’est-ce que Snips ?", "plus de détails")
    assert turns[1].startswith("→ plus de détails (Qu’est-ce que Station F)")
    assert quotes(turns[1]) and set(quotes(turns[1])).isdisjoint(quotes(turns[0]))  # not the same quote again
    assert all("Station F" in quote for quote in quotes(turns[1]))  # on the question, never on the word "plus"
    assert "Snips" in turns[2]
    assert turns[3].startswith("→ plus de détails (Qu’est-ce que Snips)")
    assert t("not_found.more", "fr") in turns[3] and not quotes(turns[3])


def test_more_in_english_and_japanese_follows_the_question_in_its_language(tmp_path: Path):
    turns = chat(tmp_path, "What happened at Station F?", "tell me more", "ジェトロって何？", "もっと詳しく")
    assert turns[1].startswith("→ tell me more (What happened at Station F)")
    assert quotes(turns[1]) and set(quotes(turns[1])).isdisjoint(quotes(turns[0]))
    assert turns[3].startswith("→ もっと詳しく（ジェトロって何）")
    assert quotes(turns[3]) and set(quotes(turns[3])).isdisjoint(quotes(turns[2]))


def test_more_before_any_answer_is_small_talk_never_a_search(tmp_path: Path):
    turns = chat(tmp_path, "plus de détails", "tell me more")
    assert turns[0] == t("small_talk", "fr") and turns[1] == t("small_talk", "en")
