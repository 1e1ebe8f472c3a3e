"""A thanks or a greeting with the name of the member addressed ("thanks Kevin", "merci Kevin !", "ありがとう、
ケビンさん") is small talk: the short reply, never "I could not find this…" logged as an unanswered question
(trial 3: "thanks Kevin" got an abstention with FAQ buttons and topped `logs unanswered`)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from paths import ROOT, SHIPPED_KNOWLEDGE


def test_thanks_with_a_first_name_gets_the_short_reply_and_is_not_logged_unanswered(tmp_path: Path) -> None:
    lines = ["Qui a signé la déclaration ?", "thanks Kevin", "merci Kevin !", "thank you Sarah :)",
             "Kevin, thanks!", "ありがとう、ケビンさん！", "hi Marie", "When was it signed?"]
    db = tmp_path / "q.db"
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    replies = done.stdout.split("\n? ")[1:]
    assert "Gény-Stephann" in replies[0]
    assert replies[1].startswith("You’re welcome!"), replies[1]
    assert replies[2].startswith("Avec plaisir !"), replies[2]
    assert replies[3].startswith("You’re welcome!"), replies[3]
    assert replies[4].startswith("You’re welcome!"), replies[4]
    assert replies[5].startswith("どういたしまして"), replies[5]
    assert replies[6].startswith("Hi!"), replies[6]
    assert "13" in replies[7] and "could not find" not in replies[7]  # a real question after them is answered
    with sqlite3.connect(db) as conn:
        unanswered = conn.execute("SELECT question FROM questions WHERE answered = 0 AND reason != 'small-talk'")
        assert unanswered.fetchall() == []


def test_a_question_with_a_name_is_still_a_question() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "--knowledge", str(SHIPPED_KNOWLEDGE),
                           "--json", "--file", "-"], input="thanks, Muto?\nhi, who is Muto\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert '"kind": "small-talk"' not in done.stdout
