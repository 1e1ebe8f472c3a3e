"""Personal data members type (e-mails, phone numbers, Discord ids typed as numbers) never reaches the query log,
so no report, export, dashboard or digest can show it (trial 10 H3). Real SQLite files, the real CLI."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import sqlite3
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.cli import main
from bot.querylog.personal import mask
from bot.querylog.store import LogEntry, QueryLog

MEMBER_TEXTS = [
    "My email is jean.dupont@example.com, who signed it?",
    "I'm Marie Curie, phone +33 6 12 34 56 78, when was it signed?",
    "who signed it? my id is 123456789012345678",
    "Mon numéro : 06.12.34.56.78, qui a signé ?",
    "電話は090-1234-5678です。誰が署名しましたか？",
]
SECRETS = ["jean.dupont", "example.com", "12 34 56 78", "123456789012345678", "06.12.34.56.78", "1234-5678"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("BOT_DB_PATH", "BOT_LOG_SECRET", "BOT_LOG_RETENTION_DAYS", "BOT_KNOWLEDGE_DIR"):
        monkeypatch.delenv(name, raising=False)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_what_members_type_about_themselves_is_masked_in_every_report(tmp_path: Path, capsys) -> None:
    questions = tmp_path / "pii.txt"
    questions.write_text("\n".join(MEMBER_TEXTS) + "\n", encoding="utf-8")
    db = str(tmp_path / "data" / "queries.db")
    corpus = ("--knowledge", str(SHIPPED_KNOWLEDGE))
    cli(capsys, "ask", "--file", str(questions), "--db", db, *corpus)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        stored = [row[0] for row in conn.execute("SELECT question FROM questions ORDER BY ts")]
    assert stored == [
        "My email is [email], who signed it?",
        "I'm Marie Curie, phone [phone], when was it signed?",
        "who signed it? my id is [id]",
        "Mon numéro : [phone], qui a signé ?",
        "電話は[phone]です。誰が署名しましたか？",
    ]
    shown = [cli(capsys, "logs", "unanswered", "--db", db, "--since", "all", *corpus),
             cli(capsys, "logs", "top", "--db", db, "--since", "all", *corpus),
             cli(capsys, "logs", "summary", "--db", db, "--since", "all")]
    cli(capsys, "logs", "export", "--db", db, "--since", "all", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    with open(tmp_path / "x.csv", encoding="utf-8", newline="") as fh:
        shown.append(str(list(csv.reader(fh))))
    for text in shown:
        assert not any(secret in text for secret in SECRETS), text
    assert "[email]" in shown[1] + shown[0] and "[id]" in shown[-1]


def test_a_discord_question_and_its_follow_up_reading_are_masked_too(tmp_path: Path) -> None:
    db = tmp_path / "queries.db"

    async def write() -> None:
        async with await QueryLog.open(db, secret="s") as qlog:
            qlog.record(LogEntry(qid="d1", question="and when? write me at a.b@mail.jp", language="en",
                                 answered=True, citations=[], latency_ms=1.0, frontend="discord", user_id=42,
                                 guild_id=7, channel_id=9,
                                 understood="when was it signed? write me at a.b@mail.jp"))

    asyncio.run(write())
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT question, understood FROM questions").fetchone() == (
            "and when? write me at [email]", "when was it signed? write me at [email]")


@pytest.mark.parametrize("question", [
    "Was it signed on 13/07/2018, 13.07.2018 or 2018-07-13?",
    "Did 160 start-ups go to Paris in 2018?",
    "What does +33 mean for French Tech?",
    "Is the budget 1 000 000 euros for 2017-2018 and 2019 2020?",
    "VivaTech 2019 du 16 au 18 mai : combien de visiteurs (124 000) ?",
    "2018年7月13日に署名されましたか？",
    "Who is @Taro in the declaration?",
])
def test_dates_amounts_and_the_corpus_numbers_are_kept_as_typed(question: str) -> None:
    assert mask(question) == question


def test_the_shipped_corpus_holds_nothing_the_mask_would_change() -> None:
    lines = [line for path in SHIPPED_KNOWLEDGE.rglob("*") if path.suffix in {".md", ".txt", ".yaml"}
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 500 and [line for line in lines if mask(line) != line] == []



async def test_a_member_s_email_asked_on_discord_is_masked_in_the_log(harness, fake) -> None:
    """The real discord.py client against the fake Discord: a mention with an e-mail and a typed id."""
    await harness.mention("Who signed the declaration? mail me at jean.dupont@example.com, id 123456789012345678")
    assert await harness.rows("SELECT frontend, question FROM questions") == [
        ("discord", "Who signed the declaration? mail me at [email], id [id]")]
