"""`logs top` and `logs unanswered` as a maintainer reads them after a chat (trial 3): small talk ("thanks",
"hi", "ありがとう") is no topic, and a follow-up is listed as the bot read it, so "et quand ?" about the signing and
"どこで？" about another subject are not one topic "どこで？"."""

import json
import subprocess
import sys
from pathlib import Path

import paths


def bot(*argv: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, "-m", "bot", *argv], input=stdin, capture_output=True, text=True,
                          timeout=180, cwd=paths.ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_top_and_unanswered_leave_small_talk_out_and_list_follow_ups_as_read(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    lines = ["Qui a signé la déclaration ?", "et quand ?", "thanks", "hi", "ありがとう",
             "共同声明はいつ署名されましたか？", "どこで？", "Who signed the declaration?", "and when?"]
    bot("chat", "--db", db, "--knowledge", str(paths.SHIPPED_KNOWLEDGE), stdin="\n".join(lines) + "\n")
    top = json.loads(bot("logs", "top", "--db", db, "--knowledge", str(paths.SHIPPED_KNOWLEDGE), "--json"))
    phrasings = [p for topic in top for p in topic["examples"]]
    assert not {"thanks", "hi", "ありがとう"} & set(phrasings), phrasings
    assert sum(topic["count"] for topic in top) == 6  # the six questions, not the three thanks and greetings
    assert "et quand ? (a signé la déclaration)" in phrasings and "どこで？（共同声明は署名されました）" in phrasings
    assert "et quand ?" not in phrasings
    unanswered = json.loads(bot("logs", "unanswered", "--db", db, "--words-only", "--json"))
    assert unanswered == []
