"""Follow-ups a member types in ``python -m bot chat`` (trial 3): the French "qui d'autre ?" with its apostrophe,
"et qui pour le Japon ?", "other" words that must not be searched (d'autres sources, 他の資料), and the reading
of a Japanese follow-up shown to the member (no gap where the interrogative was, no verb cut in the middle)."""

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import paths

SIGNERS = ("Gény-Stephann", "Mahjoubi", "Muto", "武藤")


def chat(tmp_path: Path, *lines: str) -> tuple[list[str], Path]:
    db = tmp_path / "q.db"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(db), "--knowledge", str(paths.SHIPPED_KNOWLEDGE)],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=paths.ROOT,
    )
    assert done.returncode == 0, done.stderr
    turns = re.split(r"(?m)^\? ", done.stdout)[1:]
    return [turn.strip() for turn in turns[: len(lines)]], db


def quoted(turn: str) -> str:
    """The quotes of an answer (the lines after the reading)."""
    return "\n".join(line for line in turn.splitlines() if line.startswith("▌"))


def test_qui_d_autre_with_its_apostrophe_is_a_follow_up_about_the_signers(tmp_path: Path):
    turns, _ = chat(tmp_path, "Qui a signé la déclaration ?", "qui d'autre ?")
    assert turns[1].startswith("→ qui d'autre ? (a signé la déclaration)"), turns[1]
    assert any(name in quoted(turns[0]) for name in SIGNERS), turns[0]
    assert quoted(turns[1]) == "", turns[1]  # every signer was named: no one else to quote (was Muto again)
    assert "Akahoshi" not in turns[1] and "d'autres sources" not in turns[1]


def test_other_is_not_searched_in_a_follow_up_asking_for_more(tmp_path: Path):
    turns, db = chat(tmp_path, "誰が署名しましたか？", "他には？")
    assert turns[1].startswith("→ 他には？（誰が署名しましたか）"), turns[1]
    assert "他の資料" not in turns[1] and "Akahoshi" not in turns[1]  # was the JETRO spelling passage, for 他
    with sqlite3.connect(db) as connection:
        logged = connection.execute("SELECT question, understood FROM questions ORDER BY ts").fetchall()
    assert logged[1] == ("他には？", "他には？（誰が署名しましたか）")  # logged as the member read it


def test_who_for_japan_leans_on_the_previous_question(tmp_path: Path):
    turns, _ = chat(tmp_path, "Qui a signé la déclaration ?", "et qui pour le Japon ?",
                    "Who signed the declaration?", "and who for Japan?")
    assert turns[1].startswith("→ et qui pour le Japon ? (a signé la déclaration)"), turns[1]
    assert "Muto" in quoted(turns[1])
    assert turns[3].startswith("→ and who for Japan? (signed the declaration)"), turns[3]
    assert "Muto" in quoted(turns[3])


def test_a_japanese_follow_up_is_read_in_whole_japanese(tmp_path: Path):
    turns, _ = chat(tmp_path, "共同声明はいつ署名されましたか？", "どこで？", "ジェトロとは何ですか？", "それはいつ？")
    assert turns[1].startswith("→ どこで？（共同声明は署名されました）"), turns[1]  # was （共同声明は 署名され）
    assert "パリ" in quoted(turns[1])
    assert turns[3].startswith("→ それはいつ？（ジェトロ）"), turns[3]  # was （ジェトロとは何）


def test_the_subject_of_a_short_question_naming_its_own_is_without_its_connective(tmp_path: Path):
    turns, _ = chat(tmp_path, "What is JETRO?", "and Station F?", "who runs it?",
                    "Qui a signé la déclaration ?", "qui d’autre ?")
    assert turns[2].startswith("→ who runs it? (Station F)"), turns[2]  # was (and Station F)
    assert turns[4].startswith("→ qui d’autre ? (a signé la déclaration)"), turns[4]  # the typographic apostrophe
