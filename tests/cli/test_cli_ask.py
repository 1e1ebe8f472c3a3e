"""``python -m bot ask`` / ``chat`` as a user runs them: output, exit codes, the log file."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import paths
import pytest

from bot.cli import main

ROOT = paths.ROOT
# well past the CLI's wait for a locked log (bot.cli.ask.LOG_WAIT_SECONDS), well within SQLite's default 5 s
RELEASE_AFTER_ANSWER = 3.0


def run_ask(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["ask", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "queries.db"


def test_small_talk_gets_the_short_reply_and_is_logged_as_small_talk(capsys, db: Path):
    status, out, _ = run_ask(capsys, "salut !", "--db", str(db))
    assert status == 0
    assert "/sujets" in out and "13 juillet 2018" in out
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT answered, reason FROM questions").fetchall()
    assert rows == [(0, "small-talk")]


def test_ask_json_has_the_documented_shape_and_logs_the_question(capsys, db: Path):
    status, out, _ = run_ask(capsys, "Qui a signé la déclaration ?", "--json", "--db", str(db))
    assert status == 0
    answer = json.loads(out)
    assert set(answer) == {"question", "language", "answered", "summary", "kind", "citations", "text", "latency_ms"}
    assert answer["answered"] and answer["language"] == "fr"
    assert "Gény-Stephann" in answer["summary"] and answer["text"].startswith("> ")  # the answer said first
    assert 1 <= len(answer["citations"]) <= 3
    first = answer["citations"][0]
    assert set(first) == {"n", "doc_id", "passage_id", "title", "source", "language", "snippet", "score"}
    assert first["source"].startswith("http") and first["passage_id"].startswith(first["doc_id"] + "#")
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT question, answered FROM questions").fetchall()
    assert rows == [("Qui a signé la déclaration ?", 1)]


def test_out_of_scope_question_gets_an_honest_answer(capsys, db: Path):
    status, out, _ = run_ask(capsys, "What's the weather in Lyon?", "--db", str(db))
    assert status == 0
    assert "could not find" in out
    assert "I can answer:\n  • Who signed the France-Japan declaration?" in out  # no dead end
    _, out, _ = run_ask(capsys, "What's the weather in Lyon?", "--markdown", "--no-log")
    assert "could not find" in out  # the embed's Markdown, then the buttons Discord shows under it
    assert "know.\n\nI can answer: (buttons)\n[Who signed the France-Japan declaration?]\n" in out
    _, out, _ = run_ask(capsys, "What's the weather in Lyon?", "--json", "--no-log")
    assert json.loads(out)["summary"] == ""
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT answered FROM questions").fetchall() == [(0,)]


@pytest.mark.parametrize("question", ["", "   ", "?!?", "x" * 10_000])
def test_bad_questions_exit_2_with_a_short_message(capsys, db: Path, question: str):
    status, out, err = run_ask(capsys, question, "--db", str(db))
    assert status == 2
    assert out == "" and err.strip() and "Traceback" not in err and len(err) < 300


def test_file_mode_answers_one_question_per_line(capsys, tmp_path: Path, db: Path):
    questions = tmp_path / "questions.txt"
    questions.write_text("Who signed the declaration?\n\n???\n共同声明はいつ署名されましたか？\n", encoding="utf-8")
    status, out, _ = run_ask(capsys, "--file", str(questions), "--json", "--db", str(db))
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [line.get("answered") for line in lines] == [True, None, True]
    assert lines[1]["error"] == "no_words"
    assert lines[2]["language"] == "ja"


def test_file_mode_names_the_line_of_a_refused_question(capsys, tmp_path: Path, db: Path):
    questions = tmp_path / "questions.txt"
    questions.write_text("Who signed the declaration?\n\n???\n", encoding="utf-8")
    status, out, err = run_ask(capsys, "--file", str(questions), "--db", str(db))
    assert status == 0 and "Gény-Stephann" in out
    assert err == f"{questions}:3: I could not find any words in that question. Please ask it with words. ('???')\n"
    _, out, _ = run_ask(capsys, "--file", str(questions), "--json", "--no-log")
    assert json.loads(out.splitlines()[1])["line"] == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Who signed?\nQui a signé ?\n".encode("utf-16"), "the file is saved as UTF-16 (Windows Notepad calls it"),
        ("Who signed?\nQui a signé ?\n".encode("cp1252"), "the file is not UTF-8 text (byte 0xE9 cannot be read)"),
        (b"", "the file is empty"),
    ],
    ids=["utf-16", "windows-1252", "empty"],
)
def test_file_mode_names_a_file_it_cannot_read_as_text(capsys, tmp_path: Path, db: Path, data: bytes, message: str):
    """Trial 7: a UTF-16 file was read as 'W h o …' lines, each answered; Latin-1 lines got a U+FFFD, silently."""
    questions = tmp_path / "questions.txt"
    questions.write_bytes(data)
    status, out, err = run_ask(capsys, "--file", str(questions), "--json", "--db", str(db))
    line = 2 if "UTF-8" in message else 1
    assert (status, out) == (2, "") and err.startswith(f"error: {questions}:{line}: {message}") and err.count("\n") == 1
    questions.write_bytes(b"\xef\xbb\xbfWho signed?\r\nQui a sign\xc3\xa9 ?\r\n")  # Notepad's UTF-8: a BOM, CRLF
    status, out, _ = run_ask(capsys, "--file", str(questions), "--json", "--db", str(db))
    assert status == 0 and [json.loads(x)["question"] for x in out.splitlines()] == ["Who signed?", "Qui a signé ?"]


def test_missing_knowledge_dir_is_a_usage_error(capsys, tmp_path: Path, db: Path):
    status, _, err = run_ask(capsys, "who?", "--knowledge", str(tmp_path / "nope"), "--db", str(db))
    assert status == 2 and err == f"error: knowledge folder not found: {tmp_path / 'nope'}\n"  # as check and run (L9)


def test_unusable_log_does_not_stop_the_answer(capsys, tmp_path: Path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    status, out, err = run_ask(capsys, "Who signed the declaration?", "--db", str(blocker / "queries.db"))
    assert status == 0 and "[1]" in out
    assert "Traceback" not in err


def test_chat_session_in_a_real_process(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(tmp_path / "q.db")],
        input="When was the declaration signed?\n\n/quit\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "2018" in done.stdout and "[1]" in done.stdout


def test_chat_reads_a_follow_up_with_the_previous_subject_and_knows_its_commands(tmp_path: Path):
    db = tmp_path / "q.db"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(db)],
        input="Qui a fondé Station F ?\net où ?\n/topics\n/help\n/quit\nnever asked\n",
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "→ et où ? (a fondé Station F)" in done.stdout  # how the follow-up was read
    assert "Halle Freyssinet" in done.stdout.split("→ et où ?")[1]
    assert "Ce que je sais" in done.stdout and "(d'après Le Moci)" in done.stdout  # /topics, in French
    assert "Qui a signé la déclaration ?" in done.stdout  # /help: example questions, in the last question's language
    assert "**" not in done.stdout and "](http" not in done.stdout  # terminal text, not Discord Markdown
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT question, understood FROM questions ORDER BY ts").fetchall()
    assert rows == [("Qui a fondé Station F ?", None), ("et où ?", "et où ? (a fondé Station F)")]


def test_terminal_shows_links_as_text_and_url_and_markdown_is_what_discord_gets(capsys):
    status, out, _ = run_ask(capsys, "Who signed the declaration?", "--no-log")
    assert status == 0 and out.startswith("▌ The joint declaration")
    assert "[1] Frequently asked questions" in out and "lemoci.com https://lemoci.com/" in out
    status, out, _ = run_ask(capsys, "Who signed the declaration?", "--no-log", "--markdown")
    assert out.startswith("> The joint **declaration**") and "· [lemoci.com](https://lemoci.com/" in out


def test_ask_piped_into_head_ends_quietly(tmp_path: Path):
    done = subprocess.run(
        f"{sys.executable} -m bot ask --no-log --file - | head -1",
        shell=True, input="Who signed the declaration?\n" * 200, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.stdout.startswith("▌ ") and done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_the_data_folders_ask_creates_are_private(capsys, tmp_path: Path):
    db = tmp_path / "newdir" / "sub" / "q.db"  # the index cache is written there before the log opens
    status, _, _ = run_ask(capsys, "Who signed the declaration?", "--db", str(db))
    assert status == 0
    modes = {folder.name: oct(folder.stat().st_mode & 0o777) for folder in (db.parent, db.parent.parent)}
    assert modes == {"sub": "0o700", "newdir": "0o700"}
    assert {oct(f.stat().st_mode & 0o777) for f in db.parent.iterdir()} == {"0o600"}


def test_a_locked_log_costs_the_answer_nothing_and_says_so_in_one_line(tmp_path: Path):
    db = tmp_path / "q.db"
    command = [sys.executable, "-m", "bot", "ask", "Who signed the declaration?", "--db", str(db)]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT, check=True)  # log and caches
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the log, as `sqlite3 q.db 'BEGIN EXCLUSIVE'` does
    release = threading.Timer(RELEASE_AFTER_ANSWER, holder.close)
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   cwd=ROOT, env=environment)
        shown = process.stdout.readline()  # the answer's first line: the member has it before any wait
        release.start()  # the lock goes away later; a process still waiting for it then would log the question
        out, err = process.communicate(timeout=60)
    finally:
        release.cancel()
        holder.close()
    assert process.returncode == 0 and "Gény-Stephann" in shown + out  # the answer is shown
    assert err == f"warning: 1 question not logged: the query log {db} is locked by another program " \
                  "(database is locked)\n"  # it gave up on the lock (it waited 5 s, SQLite's busy timeout, before)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM questions").fetchone() == (1,)


def test_a_killed_ask_file_has_logged_every_answer_it_printed(tmp_path: Path):
    """`kill -9` during `ask --file` (trial 10 M3): each question is committed before its answer is printed, so the
    log holds at least every answer the moderator saw (a batch of up to 100 answered questions was lost)."""
    db = tmp_path / "q.db"
    questions = tmp_path / "q.txt"
    questions.write_text("Who signed the declaration?\nQuand a-t-elle été signée ?\nWhat is J-Startup?\n" * 400,
                         encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--file", str(questions), "--json", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        printed = [json.loads(process.stdout.readline()) for _ in range(60)]
    finally:
        process.kill()
        process.wait(timeout=30)
    assert all(answer["question"] for answer in printed)
    with sqlite3.connect(db) as connection:
        logged = connection.execute("SELECT count(*) FROM questions").fetchone()[0]
    assert 60 <= logged < 1200  # killed mid-file: everything printed is there, and nothing was lost


def test_ask_makes_no_log_secret_and_a_copied_log_gets_none_beside_it(capsys, tmp_path: Path):
    """Trial 10 M5: `ask --db` in any folder made a `log-secret` there, and beside a copy of the bot's log a new one
    that restoring the old secret had to overwrite. The CLI logs no member: it never makes a secret; a log that
    was written with one is told, in one plain line, which file to put back."""
    db = tmp_path / "shared" / "q.db"
    status, _, err = run_ask(capsys, "Who signed the declaration?", "--db", str(db))
    assert status == 0 and err == "" and not (db.parent / "log-secret").exists()
    assert main(["logs", "forget", "123456789012345678", "--db", str(db)]) == 0  # nobody's hash in it: said so
    assert capsys.readouterr().out.startswith("no question of this member in the log")
    assert main(["logs", "purge", "--db", str(db), "--older-than", "90d"]) == 0  # the purge needs no secret
    capsys.readouterr()
    bot_db = tmp_path / "data" / "queries.db"
    done = subprocess.run(  # the bot's log, written with its secret (the bot makes it: it hashes members)
        [sys.executable, "-c", "import asyncio; from bot.querylog.store import QueryLog\n"
         f"async def go():\n    await (await QueryLog.open({str(bot_db)!r})).close()\nasyncio.run(go())"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 0 and (bot_db.parent / "log-secret").is_file(), done.stderr
    copy = tmp_path / "copy" / "queries.db"
    copy.parent.mkdir()
    copy.write_bytes(bot_db.read_bytes())
    status, out, err = run_ask(capsys, "Who signed the declaration?", "--db", str(copy))
    assert status == 0 and "[1]" in out
    assert err == (f"warning: {copy} was written with a log secret, but there is no {copy.parent / 'log-secret'} "
                   "and BOT_LOG_SECRET is not set (a copied log, or a lost secret): member hashes cannot be matched "
                   f"and no new secret was made. Put the previous secret back as {copy.parent / 'log-secret'} or "
                   "BOT_LOG_SECRET\n")
    assert not (copy.parent / "log-secret").exists()


@pytest.mark.parametrize(
    "question", ["Mounir Mahjoubi est-il toujours ministre ?", "Delphine Gény-Stephann est-elle encore ministre ?"]
)
def test_a_french_question_with_an_inverted_pronoun_is_answered_in_french(capsys, question: str) -> None:
    """Trial 11 (M4): "est-il", "a-t-elle" ask in French; the reply (a brush-off too) was in English."""
    status, out, _ = run_ask(capsys, question, "--json", "--no-log")
    assert status == 0
    assert json.loads(out)["language"] == "fr"
