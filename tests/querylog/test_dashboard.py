"""The Datasette dashboard's canned queries, run through Datasette's own test client on a filled log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from querylog_data import fill_async

from bot.cli.logs import datasette_command
from bot.querylog.dashboard import metadata_for

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture
async def ds(tmp_path: Path):
    import time

    db = tmp_path / "mylog.db"  # not "queries.db": the metadata follows the file name
    await fill_async(db, time.time())
    instance = datasette_app.Datasette([str(db)], metadata=metadata_for(db))
    await instance.invoke_startup()
    return instance


async def query(ds, name: str) -> list[dict]:
    response = await ds.client.get(f"/mylog/{name}.json?_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def test_the_five_canned_queries_are_defined() -> None:
    (queries,) = (db["queries"] for db in metadata_for("queries.db")["databases"].values())
    assert list(queries) == [
        "unanswered_this_week", "thumbs_down", "most_asked", "questions_per_day", "answer_rate_per_day",
        "slowest_answers", "refusals_per_day",
    ]


async def test_unanswered_topics_this_week(ds) -> None:
    rows = await query(ds, "unanswered_this_week")
    # the stored keys group by words (fr and en share "?who sign"); `logs unanswered` also joins 誰が署名
    assert [(r["topic"], r["asked"], r["members"]) for r in rows][:2] == [
        ("qui a signé ?", 3, 3),  # "qui a signé ?" ×2, "who signed"
        ("Combien de start-up japonaises à Station F", 2, 2),
    ]
    assert set(rows[0]["languages"].split(",")) == {"en", "fr"}


async def test_thumbs_down_answers(ds) -> None:
    rows = await query(ds, "thumbs_down")
    assert [(r["qid"], r["down"], r["up"], r["first_passage"], r["snippet"]) for r in rows] == [
        ("q06", 2, 0, "declaration-en#2", "It was signed in Paris on 13 July 2018."),
        ("q10", 1, 1, "lemoci-fr#9", "J-Startup est le programme japonais."),
    ]


async def test_most_asked_questions(ds) -> None:
    rows = await query(ds, "most_asked")
    # grouped by the stored keys (same words after analysis); `logs top` groups by meaning across languages
    assert [(r["question"], r["asked"], r["answered"], r["answer_rate_pct"]) for r in rows[:3]] == [
        ("qui a signé ?", 3, 0, 0.0),
        ("Qui a signé la déclaration ?", 2, 1, 50.0),
        ("Combien de start-up japonaises à Station F", 2, 0, 0.0),
    ]
    assert sum(r["asked"] for r in rows) == 14 and len(rows) == 10


async def test_answer_rate_per_day(ds) -> None:
    rows = await query(ds, "answer_rate_per_day")
    assert sum(r["questions"] for r in rows) == 15
    assert sum(r["answered"] for r in rows) == 6
    assert [r["day"] for r in rows] == sorted((r["day"] for r in rows), reverse=True)
    for r in rows:  # small talk ("hi", "merci") is neither answered nor unanswered
        assert r["answer_rate_pct"] == round(100 * r["answered"] / (r["questions"] - r["small_talk"]), 1)


async def test_slowest_answers(ds) -> None:
    rows = await query(ds, "slowest_answers")
    assert [(r["qid"], r["latency_ms"]) for r in rows[:3]] == [("q11", 100.0), ("q10", 90.0), ("q09", 80.0)]
    assert len(rows) == 15


async def test_refusals_per_day(ds, tmp_path: Path) -> None:
    day = 20_000 * 86_400  # 2024-10-04 (UTC)
    with sqlite3.connect(tmp_path / "mylog.db") as conn:
        conn.executemany("INSERT INTO refusals (hour, guild_id, reason, count) VALUES (?, ?, ?, ?)", [
            (day, 7, "cooldown", 3), (day + 3_600, 0, "cooldown", 1), (day + 7_200, 7, "duplicate", 2),
            (day + 86_400, 7, "invalid", 1),
        ])
    rows = await query(ds, "refusals_per_day")
    assert [(r["day"], r["refused"], r["cooldown"], r["duplicate"], r["invalid"]) for r in rows] == [
        ("2024-10-05", 1, 0, 0, 1), ("2024-10-04", 6, 4, 2, 0),
    ]


async def test_the_dashboard_cannot_write(ds, tmp_path: Path) -> None:
    response = await ds.client.get("/mylog.json", params={"sql": "DELETE FROM questions"})
    assert response.status_code == 400
    conn = sqlite3.connect(tmp_path / "mylog.db")
    assert conn.execute("SELECT count(*) FROM questions").fetchone() == (15,)
    conn.close()


def test_serve_runs_datasette_on_localhost_with_the_metadata(tmp_path: Path) -> None:
    command = datasette_command(tmp_path / "q.db", tmp_path / "m.json", "127.0.0.1", 8001)
    assert command[1:4] == ["-m", "datasette", "serve"]
    assert command[command.index("--metadata") + 1] == str(tmp_path / "m.json")
    assert command[command.index("--host") + 1] == "127.0.0.1"


async def test_questions_per_day_feeds_the_chart_plugin(ds) -> None:
    rows = await query(ds, "questions_per_day")
    assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)  # oldest first, as a chart reads
    assert sum(r["questions"] for r in rows) == 14 and sum(r["answered"] for r in rows) == 5  # last 30 days
    for r in rows:  # small talk ("hi", "merci") is neither answered nor unanswered
        assert r["answer_rate_pct"] == round(100 * r["answered"] / (r["questions"] - r["small_talk"]), 1)
    plugins = (await ds.client.get("/-/plugins.json")).json()
    assert "datasette-vega" in {p["name"] for p in plugins}
    page = await ds.client.get("/mylog/questions_per_day?_chart=1")
    assert page.status_code == 200
    assert "/-/static-plugins/datasette_vega/" in page.text  # the plugin's script is on the page
    assert "g.mark=bar&amp;g.x_column=day" in page.text  # the link that opens the chart ready-made


async def test_only_the_canned_queries_run_no_table_is_browsed(ds) -> None:
    for path in ("/mylog/questions.json?question__contains=email", "/mylog/questions.json?_where=1",
                 "/mylog/meta.json", "/mylog/votes", "/mylog/citations.csv"):
        response = await ds.client.get(path)
        assert response.status_code == 403, path  # raw rows (member hashes) and the secret's fingerprint stay shut
    listing = (await ds.client.get("/mylog.json")).json()
    assert [table["name"] for table in listing["tables"] if not table.get("hidden")] == []
    assert (await ds.client.get("/mylog/most_asked.json")).status_code == 200


async def test_small_talk_leaves_the_daily_answer_rate_alone(ds, tmp_path: Path) -> None:
    before = (await query(ds, "answer_rate_per_day"))[0]  # the newest day
    with sqlite3.connect(tmp_path / "mylog.db") as conn:
        # on the newest question's day, not "now": shortly after midnight UTC the filled log's newest day is yesterday
        conn.execute("INSERT INTO questions (qid, ts, frontend, question, language, answered, reason, latency_ms)"
                     " SELECT 'hi', MAX(ts), 'cli', 'merci !', 'fr', 0, 'small-talk', 1.0 FROM questions")
    after = (await query(ds, "answer_rate_per_day"))[0]
    assert (after["questions"], after["small_talk"]) == (before["questions"] + 1, before["small_talk"] + 1)
    assert after["answer_rate_pct"] == before["answer_rate_pct"]
