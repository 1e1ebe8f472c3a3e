"""``python -m bot logs …`` on a filled log: tables, JSON, export, replay, purge, forget and one-line errors."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
import time
from pathlib import Path

import pytest
from frozen import frozen
from paths import SHIPPED_KNOWLEDGE
from querylog_data import SECRET, fill, knowledge_dir, replay_log

from bot.cli import main
from bot.querylog import schema
from bot.querylog.store import LogEntry, QueryLog


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
    assert "questions   11          7 members" in lines
    assert "answered    4           36.4% of the questions (small talk apart)" in lines
    assert "feedback    👍 3  👎 3  50.0% positive" in lines
    assert "latency     p50 50 ms   p95 100 ms  max 100 ms" in lines  # as /logs summary writes them
    assert "fr                7         2        28.6%" in lines
    assert "discord            9         3        33.3%" in lines
    assert "questions                11              3   +266.7%" in lines


def test_reports_read_a_log_in_a_folder_they_cannot_write(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # attack19: a maintainer reading the log from a read-only volume or backup got "error: cannot read the query log
    # …: unable to open database file" for every report (SQLite could not create its -shm index beside the file)
    assert not (db.parent / "queries.db-shm").exists()  # the bot closed it cleanly
    files = sorted(db.parent.iterdir())
    with frozen(db.parent):
        code, out, err = run(capsys, "summary", "--db", str(db), "--since", "7d")
        exported, _, _ = run(capsys, "export", "--db", str(db), "--format", "jsonl", "--since", "all")
    assert (code, err) == (0, "") and "questions   11          7 members" in out.splitlines()
    assert exported == 0
    assert sorted(db.parent.iterdir()) == files


def test_small_talk_is_neither_answered_nor_unanswered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "talk.db"

    async def write() -> None:
        async with await QueryLog.open(db, secret=SECRET) as qlog:
            for qid, question, answered, reason in (("a1", "Who signed?", True, ""), ("a2", "When?", True, ""),
                                                    ("u1", "Bitcoin price?", False, "no-match"),
                                                    ("s1", "merci !", False, "small-talk")):
                qlog.record(LogEntry(qid=qid, question=question, language="en", answered=answered, citations=[],
                                     latency_ms=1.0, reason=reason))

    asyncio.run(write())
    code, out, _ = run(capsys, "summary", "--db", str(db))
    lines = out.splitlines()
    assert code == 0 and "questions   4           no Discord member (terminal questions only)" in lines
    assert "answered    2           66.7% of the questions (small talk apart)" in lines
    assert "unanswered  1" in lines  # as many as `logs unanswered` lists
    assert "small talk  1           greetings and thanks: not in the answer rate" in lines
    data = json.loads(run(capsys, "summary", "--db", str(db), "--json")[1])
    assert (data["unanswered"], data["small_talk"], data["answer_rate"]) == (1, 1, round(2 / 3, 4))
    assert data["by_language"]["en"]["answer_rate"] == round(2 / 3, 4)
    assert run(capsys, "unanswered", "--db", str(db))[1].splitlines()[0].count(": 1 question in 1 topic (")


def test_summary_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--db", str(db), "--since", "all", "--json")
    data = json.loads(out)
    assert code == 0 and (data["questions"], data["members"], data["answered"]) == (15, 8, 6)
    assert data["votes"] == {"up": 4, "down": 3, "up_rate": round(4 / 7, 4)}  # the typed summary, as JSON objects
    assert set(data["by_language"]["fr"]) == {"questions", "answered", "answer_rate"}
    assert set(data["week_over_week"]) == {"this_week", "previous_week", "change"}


def test_db_from_the_environment(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(db))
    code, out, _ = run(capsys, "summary", "--json")  # the default window, 30 days, leaves out the 120-day-old one
    assert code == 0 and json.loads(out)["questions"] == 14


def test_unanswered_table_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "unanswered", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE))
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
    code, out, _ = run(capsys, "unanswered", "--db", str(db), "--since", "7d", "--json", "--knowledge",
                       str(SHIPPED_KNOWLEDGE))
    assert [(g["topic"], g["count"]) for g in json.loads(out)] == [
        ("qui a signé ?", 5), ("Combien de start-up japonaises à Station F", 2),
    ]


def test_unanswered_says_when_it_cannot_group_across_languages(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "unanswered", "--db", str(db))  # no knowledge/ in the working directory
    assert code == 0 and out.splitlines()[0].endswith(
        "(no knowledge directory at knowledge: grouped by words only, not across languages)")
    code, out, _ = run(capsys, "unanswered", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE), "--words-only")
    assert out.splitlines()[0].endswith("9 questions in 5 topics (grouped by words only)")


def test_top(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "top", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Most asked — since ") and lines[0].endswith("14 questions in 8 topics")
    assert lines[2].split() == ["#", "asked", "members", "answered", "👍", "👎", "lang", "topic"]
    assert lines[3].split() == ["1", "6", "5", "16.7%", "2", "0", "en,fr,ja", "qui", "a", "signé", "?"]
    assert any(line.split()[1:7] == ["1", "1", "100.0%", "0", "2", "en"] and line.endswith("When was it signed?")
               for line in lines)
    code, out, _ = run(capsys, "top", "--db", str(db), "--knowledge", str(SHIPPED_KNOWLEDGE), "--json", "--limit", "1")
    data = json.loads(out)
    assert len(data) == 1 and (data[0]["count"], data[0]["answered"], data[0]["up"]) == (6, 1, 2)


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
    assert data["never_cited_total"] == 8 and [g["document"] for g in data["never_cited"]] == ["decl-en", "faq-en"]
    code, out, _ = run(capsys, "passages", "--db", str(db), "--knowledge", str(kdir), "--limit", "3")
    lines = out.splitlines()
    assert lines[0].endswith(": 6 (first 3)") and len([x for x in lines if x.startswith("lemoci-fr#")]) == 2
    assert f"Never cited — 8 of 8 passages in {kdir}, first 3:" in lines
    assert "  decl-en (decl.md):" in lines and "  faq-en (faq.yaml):" not in lines  # the first 3 are in decl.md
    preview = "  The joint declaration was signed by Delphine Gény-Stephann and Mounir Mahjoubi for France…"
    assert any(x.startswith("    decl-en#signatories-") and x.endswith(preview) for x in lines)


def test_export_csv_to_a_file_and_jsonl_to_stdout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target), "--since", "all")
    assert code == 0 and err.strip() == f"exported 15 questions to {target}"
    with target.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 15 and {r["qid"] for r in table} == {f"q{i:02d}" for i in range(1, 16)}
    code, out, _ = run(capsys, "export", "--db", str(db), "--since", "7d")
    assert code == 0 and len(out.splitlines()) == 11
    assert all("1001" not in line for line in out.splitlines())


def test_export_out_dash_is_standard_output_and_since_takes_a_bare_number_of_days(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Trial 10 L1 (`--out -` wrote a file named "-") and L7 (`--since 7` was refused, `--older-than 90` not)."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", "--db", str(db), "--since", "7", "--out", "-")
    assert code == 0 and len(out.splitlines()) == 11 and err == ""
    assert not (tmp_path / "-").exists()


def test_a_failed_export_leaves_the_previous_export_as_it_was(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Trial 7: --out was emptied before the log was read, so a mistyped --db (or a damaged log) lost the export."""
    target = tmp_path / "exports" / "last.csv"
    target.parent.mkdir()
    assert run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target), "--since", "all")[0] == 0
    before = target.read_bytes()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    for wrong in (tmp_path / "typo.db", damaged):
        code, _, err = run(capsys, "export", "--db", str(wrong), "--format", "csv", "--out", str(target))
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
        assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["last.csv"]  # no temporary file left beside it
    assert run(capsys, "export", "--db", str(db), "--format", "jsonl", "--out", "/dev/stdout")[0] == 0  # in place


def test_export_keeps_ids_exact_and_spreadsheets_read_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ids.db"
    guild, channel = 1_234_567_890_123_456_789, 987_654_321_098_765_432  # more digits than a double holds

    async def write() -> None:
        async with await QueryLog.open(db, secret=SECRET) as qlog:
            qlog.record(LogEntry(qid="x1", question="Où a été signée la déclaration ?", language="fr", answered=True,
                                 citations=[("faq-fr#2", 7.5, "Signée à Paris le 13 juillet 2018."),
                                            ("meti-fr#1", 3.0, "=Le 13")],
                                 latency_ms=3.0, frontend="discord", user_id=MEMBER, guild_id=guild,
                                 channel_id=channel))
            qlog.record(LogEntry(qid="x2", question="署名したのは誰ですか", language="ja", answered=False, citations=[],
                                 latency_ms=2.0, understood="Et au Japon ? (a signé la déclaration)"))

    asyncio.run(write())
    code, out, _ = run(capsys, "export", "--db", str(db))
    first = json.loads(out.splitlines()[0])
    assert code == 0 and (first["guild_id"], first["channel_id"]) == (str(guild), str(channel))
    target = tmp_path / "ids.csv"
    assert run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfqid,")  # the BOM spreadsheets need to read é and Japanese as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["passage_ids"] == "faq-fr#2 meti-fr#1"
    assert rows[0]["first_snippet"] == "Signée à Paris le 13 juillet 2018."
    assert rows[0]["guild_id"] == str(guild) and rows[1]["question"] == "署名したのは誰ですか"
    assert (rows[0]["understood"], rows[1]["understood"]) == ("", "Et au Japon ? (a signé la déclaration)")
    assert json.loads(out.splitlines()[1])["understood"] == "Et au Japon ? (a signé la déclaration)"
    assert oct(target.stat().st_mode & 0o777) == "0o600"  # member questions and hashes: private like the log
    target.chmod(0o644)
    assert run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target))[0] == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"  # an older, readable export is made private too
    assert (rows[1]["passage_ids"], rows[1]["first_snippet"]) == ("", "")


def test_one_default_window_for_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("summary", "unanswered", "feedback", "passages", "export", "replay"):
        with pytest.raises(SystemExit):
            main(["logs", command, "--help"])
        assert "(default for every logs command: 30d)" in " ".join(capsys.readouterr().out.split())


def test_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "replay.db"
    replay_log(path, time.time() - 10)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO votes (qid, user_hash, value, ts) VALUES ('r4', 'h1', -1, 1.0)")
    conn.close()
    kdir = knowledge_dir(tmp_path)
    code, out, _ = run(capsys, "replay", "--db", str(path), "--knowledge", str(kdir))
    assert code == 0
    assert "Replayed 5 distinct questions (6 asked" in out
    assert ("1 now answered, 1 lost, 1 with a new first citation (1 had 👎), 1 unchanged, 1 still unanswered"
            in out)
    assert "  + Who signed the declaration? [en, 2×] → faq-en#who-signed-the-375789" in out
    assert "  - Tell me about the moon base [en, 1×] (was moon#1)" in out
    assert "  ~ When was it signed? [en, 1×]: old-doc#1 → faq-en#when-was-the-585663  👎 1 before" in out
    # the log's old "decl-en#3" now names the passage it cited by its stable id, so it counts as unchanged
    assert "  ~ What are the three principles?" not in out
    code, _, err = run(capsys, "replay", "--db", str(path), "--knowledge", str(tmp_path / "nothing"))
    assert code == 1 and err == f"error: no knowledge directory at {tmp_path / 'nothing'}\n"


def test_purge(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, _ = run(capsys, "purge", "--db", str(db))
    assert code == 0
    assert out.strip() == f"deleted 1 question older than 90 days (1 citation, 1 vote; 3 rows) from {db}"
    code, out, _ = run(capsys, "purge", "--db", str(db), "--older-than", "7d")
    assert out.startswith("deleted 3 questions older than 7 days (1 citation, 0 votes; 4 rows)")
    code, _, err = run(capsys, "purge", "--db", str(db), "--older-than", "soon")
    assert code == 2 and err.startswith("error: bad --older-than value")


def _questions(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM questions").fetchone()[0]
    finally:
        conn.close()


def test_purge_of_the_whole_log_needs_yes(db: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, _ = run(capsys, "purge", "--db", str(db), "--older-than", "0d", "--dry-run")
    assert code == 0 and out.strip() == (
        f"would delete 15 of 15 questions older than 0 days (8 citations, 7 votes; 30 rows) from {db}; "
        "nothing deleted (dry run)"
    )
    code, out, err = run(capsys, "purge", "--db", str(db), "--older-than", "0d")  # stdin is no terminal here
    assert code == 1 and out == "" and _questions(db) == 15
    assert err == ("error: not deleting 15 of 15 questions (the whole log) without confirmation: check with "
                   "--dry-run, then run again with --yes\n")
    code, _, err = run(capsys, "purge", "--db", str(db), "--older-than", "7d")  # 4 of 15: no question asked
    assert code == 0 and _questions(db) == 11
    code, out, _ = run(capsys, "purge", "--db", str(db), "--older-than", "1h", "--dry-run")
    assert out.startswith("would delete 10 of 11 questions older than 1 hour (")  # trial 9: "0.0416667 days"
    code, _, err = run(capsys, "purge", "--db", str(db), "--older-than", "1h")  # 10 of 11: more than half
    assert code == 1 and "(more than 50%)" in err and _questions(db) == 11
    code, out, _ = run(capsys, "purge", "--db", str(db), "--older-than", "0d", "--yes")
    assert code == 0 and out.startswith("deleted 11 questions older than 0 days") and _questions(db) == 0


MEMBER = 123456789012345678


def _log_member(db: Path) -> None:
    async def write() -> None:
        async with await QueryLog.open(db, secret=SECRET) as qlog:
            for i in range(2):
                qlog.record(LogEntry(qid=f"m{i}", question="Qui a signé ?", language="fr", answered=False,
                                     citations=[], latency_ms=1.0, frontend="discord", user_id=MEMBER))
            await qlog.flush()
            assert await qlog.vote("q01", MEMBER, 1)

    asyncio.run(write())


def test_forget(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _log_member(db)
    code, _, err = run(capsys, "forget", str(MEMBER), "--db", str(db))
    assert code == 1 and "no log secret" in err and err.count("\n") == 1  # would match nobody: refuse
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, _ = run(capsys, "forget", str(MEMBER), "--db", str(db))
    assert code == 0
    assert out.strip() == (f"deleted 3 rows for member {MEMBER}: 2 questions with their 0 citations and the 0 votes "
                           "other members cast on them; 1 vote cast by the member")
    assert _questions(db) == 15
    code, out, _ = run(capsys, "forget", str(MEMBER), "--db", str(db))  # trial 10 M10: said plainly
    assert (code, out) == (0, f"no question of this member in the log, and no vote: nothing deleted for member "
                              f"{MEMBER}\n")


def test_forget_on_a_log_in_a_folder_it_cannot_write_says_why(db: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # attack19: a member's deletion on a read-only volume said only "cannot delete: unable to open database file"
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    _log_member(db)
    with frozen(db.parent):
        code, out, err = run(capsys, "forget", str(MEMBER), "--db", str(db))
    assert code != 0 and out == ""
    assert "read-only" in err and "writable" in err and err.count("\n") == 1, err
    code, out, _ = run(capsys, "forget", str(MEMBER), "--db", str(db))  # writable again: nothing was lost
    assert code == 0 and out.startswith(f"deleted 3 rows for member {MEMBER}")


def test_forget_says_whose_votes_went(db: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    _log_member(db)  # her 2 questions and her vote on q01

    async def other_votes_on_hers() -> None:
        async with await QueryLog.open(db, secret=SECRET) as qlog:
            assert await qlog.vote("m0", 555555555555555555, -1)

    asyncio.run(other_votes_on_hers())
    code, out, _ = run(capsys, "forget", str(MEMBER), "--db", str(db))
    assert code == 0
    assert out.strip() == (f"deleted 4 rows for member {MEMBER}: 2 questions with their 0 citations and the 1 vote "
                           "other members cast on them; 1 vote cast by the member")


def test_reports_warn_when_the_secret_was_replaced(db: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _log_member(db)  # records the fingerprint of SECRET
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, _, err = run(capsys, "summary", "--db", str(db))
    assert code == 0 and err == ""
    monkeypatch.setenv("BOT_LOG_SECRET", "regenerated")
    code, out, err = run(capsys, "summary", "--db", str(db))
    assert code == 0 and out.startswith("Query log ")  # the report still runs
    assert err.startswith("warning: the log secret in use does not match the one") and err.count("\n") == 1


@pytest.mark.parametrize("who", ["alice", f"<@{MEMBER}>", "1001", "12345678901234567890123", "-5", ""])
def test_forget_takes_only_a_discord_id(db: Path, who: str, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())
    code, out, err = run(capsys, "forget", "--db", str(db), "--", who)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {who!r} is not a Discord member id: give the member's Discord id, 17 to 20 digits")
    assert _questions(db) == 15


def test_forget_refuses_another_secret(db: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _log_member(db)
    monkeypatch.setenv("BOT_LOG_SECRET", "a-regenerated-secret")
    code, out, err = run(capsys, "forget", str(MEMBER), "--db", str(db))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("error: refusing to forget: the log secret in use does not match the one")
    assert _questions(db) == 17
    monkeypatch.setenv("BOT_LOG_SECRET", SECRET.decode())  # the forget above recorded nothing: still the old one
    assert run(capsys, "forget", str(MEMBER), "--db", str(db))[0] == 0 and _questions(db) == 15


def test_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.db"
    assert run(capsys, "summary", "--db", str(missing)) == (1, "", f"error: no query log at {missing}\n")
    text = tmp_path / "text.db"
    text.write_text("just text\n" * 200)
    code, _, err = run(capsys, "unanswered", "--db", str(text))
    assert (code, err) == (1, f"error: {text} is not a query log (not an SQLite database)\n")
    truncated = tmp_path / "truncated.db"  # a half-copied log (trial 6: called "not an SQLite database")
    fill(truncated)
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 3])
    code, _, err = run(capsys, "summary", "--db", str(truncated))
    assert (code, err) == (1, f"error: {truncated} is a damaged query log (SQLite: database disk image is malformed; "
                              "a truncated or half-copied file?): restore a backup\n")
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
    code, _, err = run(capsys, "forget", str(MEMBER), "--db", str(missing))
    assert code == 1 and err == f"error: no query log at {missing}\n"
    assert not missing.exists()  # purge/forget never create a log


def test_logs_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "summary" in out and "unanswered" in out and "serve" in out


@pytest.mark.parametrize("argv", [("top", "--limit", "-3"), ("unanswered", "--limit", "0"),
                                  ("passages", "--limit", "-1"), ("feedback", "--limit", "-2"),
                                  ("top", "--examples", "-1")])
def test_a_count_below_one_is_refused_not_read_from_the_end(db: Path, capsys: pytest.CaptureFixture[str],
                                                             argv: tuple[str, ...]) -> None:
    """attack20: `logs top --limit -3` printed "the 0 most asked below" and no topic, `passages --limit -1` left the
    last passage out (a Python slice from the end), `unanswered --limit 0` listed every topic."""
    with pytest.raises(SystemExit) as exited:
        main(["logs", *argv, "--db", str(db)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"{argv[1]}: a whole number of 1 or more (got '{argv[2]}')" in err
