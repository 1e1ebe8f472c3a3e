"""Strikethrough and underline text (letters with combining overlay marks, as text generators make them) is read
as its letters (trial 3: "W̷h̷o̷ signed" was not found); French accents stay."""

import json
import subprocess
import sys

import paths


def test_struck_through_and_underlined_letters_are_read_as_letters() -> None:
    lines = "W\u0337h\u0337o\u0337 signed the declaration?\nQ\u0332u\u0332i\u0332 a signé la déclaration ?\n"
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "--json", "--file", "-", "--knowledge",
                           str(paths.SHIPPED_KNOWLEDGE)], input=lines, capture_output=True, text=True, timeout=120,
                          cwd=paths.ROOT)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["answered"] for a in answers] == [True, True]
    assert "Muto" in answers[0]["summary"] and "Muto" in answers[1]["summary"]
    assert answers[0]["question"] == "Who signed the declaration?"
    assert answers[1]["question"] == "Qui a signé la déclaration ?"  # the accent is kept
