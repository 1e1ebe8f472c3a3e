"""A thanks with a word of address ("thx bro", "merci mec") is small talk, not a follow-up (trial 2: "thx bro"
after an answer was read "thx bro (What about 5G)" and got the whole answer again, with vote buttons)."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT, SHIPPED_KNOWLEDGE


def test_thanks_with_a_nickname_gets_the_short_reply_not_the_answer_again() -> None:
    lines = ["What about 5G?", "thx bro", "Qui a signé la déclaration ?", "merci mec", "cheers mate!"]
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-log", "--knowledge", str(SHIPPED_KNOWLEDGE)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    replies = done.stdout.split("\n? ")[1:]  # the prompt before each reply
    assert "5G" in replies[0] and "Gény-Stephann" in replies[2]
    assert replies[1].startswith("You’re welcome!") and "→" not in replies[1]
    assert replies[3].startswith("Avec plaisir !") and "→" not in replies[3]
    assert replies[4].startswith("You’re welcome!")
