"""``logs replay`` after a ``chat`` with follow-ups: nothing is reported lost when nothing changed (trial 2).

Replay asked the follow-up as typed ("who else?"), which has no subject on its own, so every follow-up
looked "lost" after any corpus edit; small talk was counted as a still unanswered question.
Trial 4: "who else?" was listed as "first citation changed" with the corpus unchanged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from paths import ROOT, SHIPPED_KNOWLEDGE

CHAT = ["Qui a signé la déclaration ?", "and the Japanese side?", "who else?", "when?", "merci !"]


def test_replay_asks_follow_ups_as_understood_and_leaves_small_talk_out(tmp_path: Path) -> None:
    db = tmp_path / "data" / "queries.db"
    chat = subprocess.run([sys.executable, "-m", "bot", "chat", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE)],
                          input="\n".join(CHAT) + "\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert chat.returncode == 0 and chat.stdout.count("→ ") == 3  # three follow-ups, read with the subject
    done = subprocess.run([sys.executable, "-m", "bot", "logs", "replay", "--db", str(db), "--json",
                           "--knowledge", str(SHIPPED_KNOWLEDGE)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["lost"] == [] and data["still_unanswered"] == 0
    # "who else?" found no one the answer before it had not named (not found); replayed without that answer's quotes
    # (the log does not keep them), it is answered by the signatories: a known gap of replay, not of the chat
    assert [q["question"] for q in data["now_answered"]] == ["who else? (signed the France-Japan declaration)"]
    assert (data["asked"], data["unchanged"]) == (4, 3)  # "merci !" is not replayed
    # trial 4: "who else?" left out live what its subject had quoted; the replay cannot, and flagged it changed
    assert data["changed"] == []
    text = subprocess.run([sys.executable, "-m", "bot", "logs", "replay", "--db", str(db),
                           "--knowledge", str(SHIPPED_KNOWLEDGE)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT).stdout
    assert "0 lost" in text and "0 still unanswered" in text
