"""``python -m bot logs …`` on a filled log: tables, JSON, export, replay, purge, forget and one-line errors."""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from pathlib import Path

import pytest
from querylog_data import SECRET, fill, knowledge_dir, replay_log

from bot.cli import main
from bot.querylog import schema


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("BOT_DB_PATH", "BOT_LOG_SECRET", "BOT_LOG_RETENTION_DAYS", "BOT_KNOWLEDGE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env, no knowledge/ unless a test makes one


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "queries.db"
    fill(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["logs", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summary", "--db", str(db), "--since", "7d")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"Query log {db} — since ")
    assert "questions   11           7 members" in lines
    assert "answered    4            36.4%" in lines
    assert "feedback    👍 3  👎 3   50.0% positive" in lines
    assert "latency     p50 50.0 ms  p95 100.0 ms  max 100.0 ms" in lines
    assert "fr                7         2        28.6%" in lines
    assert "discord            9         3        33.3%" in lines
    assert "questions                11              3   +266.7%" in lines


def test_summary_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--db", str(db), "--since", "all", "--json")
    data = json.loads(out)
    assert code == 0 and (data["questions"], data["members"], data["answered"]) == (15, 8, 6)


def test_db_from_the_environment(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(db))
    code, out, _ = run(capsys, "summary", "--json")
    assert code == 0 and json.loads(out)["questions"] == 11


def test_unanswered_table_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "unanswered", "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Unanswered questions — since ") and lines[0].endswith("9 questions in 4 topics")
    topics = [line for line in lines if line[:1].isdigit()]
    assert [line.split("  ")[-1] for line in topics] == [
        "qui a signé ?", "Combien de start-up japonaises à Station F", "Où a été signée la déclaration ?",
        "What is the weather in Tokyo?",
    ]
    assert topics[0].startswith("1      5        4  en,fr,ja")
    assert "  1. qui a signé ? | 誰が署名しましたか？ | who signed" in lines
    code, out, _ = run(capsys, "unanswered", "--db", str(db), "--since", "7d", "--json")
    assert [(g["topic"], g["count"]) for g in json.loads(out)] == [
        ("qui a signé ?", 5), ("Combien de start-up japonaises à Station F", 2),
    ]


def test_feedback(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "feedback", "--db", str(db))
    assert code == 0
    assert "Answers with 👎 — " in out and out.splitlines()[0].endswith(": 2")
    assert "   1. declaration-en#2 (8.00): It was signed in Paris on 13 July 2018." in out
    assert out.index("When was it signed?") < out.index("What is J-Startup?")
    code, out, _ = run(capsys, "feedback", "--db", str(db), "--json")
    assert [i["qid"] for i in json.loads(out)] == ["q06", "q10"]


def test_passages(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "passages", "--db", str(db))
    assert code == 0 and "lemoci-fr#3           2      1   2   0" in out
    assert "cannot list the passages never cited" in out
    kdir = knowledge_dir(tmp_path)
    code, out, _ = run(capsys, "passages", "--db", str(db), "--knowledge", str(kdir), "--json")
    data = json.loads(out)
    assert len(data["never_cited"]) == 8 and data["never_cited"][0] == "decl-en#1"


def test_export_csv_to_a_file_and_jsonl_to_stdout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target))
    assert code == 0 and err.strip() == f"exported 15 questions to {target}"
    with target.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 15 and {r["qid"] for r in table} == {f"q{i:02d}" for i in range(1, 16)}
    code, out, _ = run(capsys, "export", "--db", str(db), "--since", "7d")
    assert code == 0 and len(out.splitlines()) == 11
    assert all("1001" not in line for line in out.splitlines())


def test_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "replay.db"
    replay_log(path, time.time() - 10)
    kdir = knowledge_dir(tmp_path)
    code, out, _ = run(capsys, "replay", "--db", str(path), "--knowledge", str(kdir))
    assert code == 0
    assert "Replayed 5 distinct questions (6 asked" in out
    assert "1 now answered, 1 lost, 1 with a new first citation, 1 unchanged, 1 still unanswered" in out
    assert "  + Who signed the declaration? [en, 2×] → faq-en#1" in out
    assert "  - Tell me about the moon base [en, 1×] (was moon#1)" in out
    assert "  ~ When was it signed? [en, 1×]: old-doc#1 → faq-en#2" in out
    code, _, err = run(capsys, "replay", "--db", str(path), "--knowledge", str(tmp_path / "nothing"))
    assert code == 1 and err == f"error: no knowledge directory at {tmp_path / 'nothing'}\n"


def test_purge(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, _ = run(capsys, "purge", "--db", str(db))
    assert code == 0
    assert out.strip() == f"deleted 1 questions older than 90 days (1 citations, 1 votes; 3 rows) from {db}"
    code, out, _ = run(capsys, "purge", "--db", str(db), "--older-than", "7d")
    assert out.startswith("deleted 3 questions older than 7 days (1 citations, 0 votes; 4 rows)")
    code, _, err = run(capsys, "purge", "--db", str(db), "--older-than", "soon")
    assert code == 2 and err.startswith("error: bad --older-than value")


def test_forget(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "forget", "1001", "--db", str(db))
    assert code == 1 and "no log secret" in err and err.count("\n") == 1  # would match nobody: refuse
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, _ = run(capsys, "forget", "1001", "--db", str(db))
    assert code == 0
    assert out.strip() == "deleted 15 rows for member 1001: 4 questions, 5 citations, 6 votes"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM questions").fetchone() == (11,)
    conn.close()
    code, out, _ = run(capsys, "forget", "1001", "--db", str(db))
    assert out.strip() == "deleted 0 rows for member 1001: 0 questions, 0 citations, 0 votes"


def test_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.db"
    assert run(capsys, "summary", "--db", str(missing)) == (1, "", f"error: no query log at {missing}\n")
    text = tmp_path / "text.db"
    text.write_text("just text\n" * 200)
    code, _, err = run(capsys, "unanswered", "--db", str(text))
    assert (code, err) == (1, f"error: {text} is not a query log (not an SQLite database)\n")
    newer = tmp_path / "newer.db"
    schema.migrate(newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    code, _, err = run(capsys, "feedback", "--db", str(newer))
    assert code == 1 and "schema version 42, newer than this version of the bot knows" in err
    assert err.count("\n") == 1
    code, _, err = run(capsys, "summary", "--db", str(missing), "--since", "yesterday")
    assert code == 2 and err.startswith("error: bad --since value 'yesterday'") and err.count("\n") == 1
    code, _, err = run(capsys, "forget", "1", "--db", str(missing))
    assert code == 1 and err == f"error: no query log at {missing}\n"
    assert not missing.exists()  # purge/forget never create a log


def test_logs_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "summary" in out and "unanswered" in out and "serve" in out
