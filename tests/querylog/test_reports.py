"""Reports over a query log filled with known rows (tests/querylog_data.py): exact counts and groups."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from querylog_data import SECRET, D, fill, knowledge_dir, replay_log

from bot.i18n import t
from bot.limits import parse_window
from bot.models import LANGUAGES, Answer, Passage, RefusalReason
from bot.querylog import reports, topics
from bot.querylog.store import hash_user


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    db = tmp_path_factory.mktemp("log") / "queries.db"
    now = fill(db)
    return db, now


# -- window ----------------------------------------------------------------------------------------------
def test_a_since_before_year_one_starts_at_year_one_instead_of_crashing(filled: tuple[Path, float]) -> None:
    db, now = filled
    earliest = datetime(1, 1, 1, tzinfo=UTC).timestamp()
    assert parse_window("99999999d", now) == earliest
    report = reports.summary(db, since=parse_window("99999999d", now), now=now)
    assert report.since is not None
    assert report.questions == 15


# -- summary ---------------------------------------------------------------------------------------------
def test_summary_last_7_days(filled: tuple[Path, float]) -> None:
    db, now = filled
    data = reports.summary(db, 7, now=now)
    assert (data.questions, data.members, data.answered, data.unanswered) == (11, 7, 4, 7)
    assert data.answer_rate == round(4 / 11, 4)
    assert data.votes == reports.Votes(up=3, down=3, up_rate=0.5)
    assert data.latency_ms == reports.Latency(p50=50.0, p95=100.0, max=100.0)
    assert data.by_language == {
        "fr": reports.Breakdown(questions=7, answered=2, answer_rate=round(2 / 7, 4)),
        "en": reports.Breakdown(questions=3, answered=2, answer_rate=round(2 / 3, 4)),
        "ja": reports.Breakdown(questions=1, answered=0, answer_rate=0.0),
    }
    assert list(data.by_language) == ["fr", "en", "ja"]  # most asked first
    assert data.by_frontend == {
        "discord": reports.Breakdown(questions=9, answered=3, answer_rate=round(3 / 9, 4)),
        "cli": reports.Breakdown(questions=2, answered=1, answer_rate=0.5),
    }
    wow = data.week_over_week
    assert (wow.this_week.questions, wow.previous_week.questions) == (11, 3)
    assert (wow.this_week.members, wow.previous_week.members) == (7, 3)
    assert wow.previous_week.answer_rate == round(1 / 3, 4)
    assert wow.change.questions == round(8 / 3, 4)
    assert wow.change.answer_rate == round(round(4 / 11, 4) - round(1 / 3, 4), 4)
    assert wow.change.up_rate is None  # no vote the week before
    as_json = dataclasses.asdict(data)  # what `logs summary --json` prints
    assert json.loads(json.dumps(as_json)) == as_json
    assert as_json["votes"] == {"up": 3, "down": 3, "up_rate": 0.5}
    assert as_json["week_over_week"]["change"]["up_rate"] is None


def test_summary_all_time_and_since_date(filled: tuple[Path, float]) -> None:
    db, now = filled
    everything = reports.summary(db, None, now=now)
    assert (everything.questions, everything.members, everything.days) == (15, 8, None)
    assert everything.votes == reports.Votes(up=4, down=3, up_rate=round(4 / 7, 4))
    assert reports.summary(db, since=now - 30 * D, now=now).questions == 14


def test_summary_of_an_empty_log(tmp_path: Path) -> None:
    from bot.querylog import schema

    db = tmp_path / "empty.db"
    schema.migrate(db)
    data = reports.summary(db, 7)
    assert data.questions == 0 and data.answer_rate is None and data.latency_ms.p50 is None
    assert "No questions" in reports.format_summary(data, "en")


def test_format_summary_in_three_languages(filled: tuple[Path, float]) -> None:
    db, now = filled
    data = reports.summary(db, 7, now=now)
    en = reports.format_summary(data, "en")
    assert en.splitlines()[0] == "**Query log — last 7 days**"
    assert "Questions: 11 · members: 7 · answered: 4 (36.4% of the questions, small talk apart)" in en
    assert "👍 3 · 👎 3 (50.0% positive)" in en
    assert "p50 50 ms · p95 100 ms · max 100 ms" in en
    assert "fr 7 (28.6%), en 3 (66.7%), ja 1 (0.0%)" in en
    assert "+266.7%" in en
    assert "7 derniers jours" in reports.format_summary(data, "fr")
    assert "過去7日間" in reports.format_summary(data, "ja")
    assert len(en) < 2000  # fits one Discord message


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_refusal_reason_is_named_in_the_reports_language(language: str) -> None:
    refused = {reason.value: n for n, reason in enumerate(RefusalReason, 1)} | {"later-reason": 9}  # a newer bot's
    shown = reports.refusal_reasons(refused, language)
    named = [f"{t(f'refusal.{reason}', language)} {n}" for n, reason in enumerate(RefusalReason, 1)]
    assert shown == ", ".join([*named, "later-reason 9"])
    assert "refusal." not in shown and not any(f"{reason.value} " in shown for reason in RefusalReason)


# -- unanswered ------------------------------------------------------------------------------------------
def test_unanswered_topics_last_30_days(filled: tuple[Path, float], topic_model: topics.TopicModel) -> None:
    db, now = filled
    groups = reports.unanswered(db, since=now - 30 * D, now=now, model=topic_model)
    assert [(g["topic"], g["count"], g["members"]) for g in groups] == [
        ("qui a signé ?", 5, 4),
        ("Combien de start-up japonaises à Station F", 2, 2),
        ("Où a été signée la déclaration ?", 1, 1),
        ("What is the weather in Tokyo?", 1, 1),
    ]
    first = groups[0]
    assert first["examples"] == ["qui a signé ?", "誰が署名しましたか？", "who signed"]
    assert first["languages"] == ["en", "fr", "ja"]
    assert first["first_seen"] == reports.iso(now - 6 * D)
    assert first["last_seen"] == reports.iso(now - 0.5 * 3600)
    assert reports.unanswered(db, since=now - 30 * D, now=now, examples=5, model=topic_model)[0]["examples"] == [
        "qui a signé ?", "誰が署名しましたか？", "who signed", "Qui a signé la déclaration?",
    ]
    assert groups[1]["examples"] == [
        "Combien de start-up japonaises à Station F", "Combien de start-up japonaises à Station F ?",
    ]


def test_unanswered_this_week_and_limit(filled: tuple[Path, float], topic_model: topics.TopicModel) -> None:
    db, now = filled
    groups = reports.unanswered(db, since=now - 7 * D, now=now, limit=1, model=topic_model)
    assert [(g["topic"], g["count"]) for g in groups] == [("qui a signé ?", 5)]
    assert len(reports.unanswered(db, since=now - 7 * D, now=now, model=topic_model)) == 2


def test_unanswered_without_a_corpus_groups_by_words(filled: tuple[Path, float]) -> None:
    db, now = filled
    groups = reports.unanswered(db, since=now - 7 * D, now=now)
    assert [(g["topic"], g["count"], g["languages"]) for g in groups][:2] == [
        ("qui a signé ?", 4, ["en", "fr"]), ("Combien de start-up japonaises à Station F", 2, ["fr"]),
    ]  # 誰が署名しましたか？ shares no word with them: its own topic


def test_top_groups_answered_and_unanswered_with_votes(filled: tuple[Path, float],
                                                       topic_model: topics.TopicModel) -> None:
    db, now = filled
    groups = reports.top(db, since=now - 30 * D, now=now, model=topic_model)
    first = groups[0]
    assert (first["topic"], first["count"], first["answered"], first["answer_rate"]) == ("qui a signé ?", 6, 1, 0.1667)
    assert (first["up"], first["down"], first["languages"]) == (2, 0, ["en", "fr", "ja"])
    when = next(g for g in groups if g["topic"] == "When was it signed?")
    assert (when["count"], when["answered"], when["down"]) == (1, 1, 2)
    assert sum(g["count"] for g in groups) == 14
    assert len(reports.top(db, since=now - 30 * D, now=now, model=topic_model, limit=2)) == 2


# -- feedback --------------------------------------------------------------------------------------------
def test_feedback_lists_answers_with_thumbs_down(filled: tuple[Path, float]) -> None:
    db, now = filled
    items = reports.feedback(db, since=now - 30 * D, now=now)
    assert [(i["qid"], i["question"], i["down"], i["up"]) for i in items] == [
        ("q06", "When was it signed?", 2, 0), ("q10", "What is J-Startup?", 1, 1),
    ]
    assert items[0]["citations"] == [
        {"rank": 1, "passage_id": "declaration-en#2", "score": 8.0,
         "snippet": "It was signed in Paris on 13 July 2018."},
        {"rank": 2, "passage_id": "meti-fr#1", "score": 5.0, "snippet": "Le 13 juillet."},
    ]
    assert items[0]["time"] == reports.iso(now - 2 * D - 3600)
    assert reports.feedback(db, since=now - 3 * D, now=now, limit=5) == items[:1]


# -- passages --------------------------------------------------------------------------------------------
def test_passages_cited_and_never_cited(filled: tuple[Path, float]) -> None:
    db, now = filled
    def passage(pid: str, text: str) -> Passage:
        doc = pid.split("#")[0]
        return Passage(pid, doc, "T", "https://example.org", "fr", text, path=f"fr/{doc}.md")

    known = [passage("lemoci-fr#1", "Titre."), passage("lemoci-fr#3", "signée"),
             passage("lemoci-fr#4", "Un   paragraphe\nassez long " + "mot " * 40), passage("faq-fr#1", "Qui ?")]
    data = reports.passages(db, since=now - 30 * D, now=now, known=known)
    assert [(c["passage_id"], c["cited"], c["first"], c["up"], c["down"]) for c in data["cited"]] == [
        ("lemoci-fr#3", 2, 1, 2, 0),
        ("declaration-en#2", 1, 1, 0, 2),
        ("lemoci-fr#5", 1, 1, 0, 0),
        ("lemoci-fr#6", 1, 1, 0, 0),
        ("lemoci-fr#9", 1, 1, 1, 1),
        ("meti-fr#1", 1, 0, 0, 2),
    ]
    assert data["never_cited"] == [  # by document, in corpus order; lemoci-fr#1 was cited only 120 days ago
        {"document": "lemoci-fr", "path": "fr/lemoci-fr.md", "passages": [
            {"passage_id": "lemoci-fr#1", "preview": "Titre."},
            {"passage_id": "lemoci-fr#4", "preview": "Un paragraphe assez long" + " mot" * 16 + "…"},
        ]},
        {"document": "faq-fr", "path": "fr/faq-fr.md", "passages": [{"passage_id": "faq-fr#1", "preview": "Qui ?"}]},
    ]
    assert len(data["never_cited"][0]["passages"][1]["preview"]) <= reports.PREVIEW_CHARS
    assert reports.passages(db, now=now)["never_cited"] is None
    assert len(reports.passages(db, now=now)["cited"]) == 7
    limited = reports.passages(db, since=now - 30 * D, now=now, known=known, limit=2)
    assert [c["passage_id"] for c in limited["cited"]] == ["lemoci-fr#3", "declaration-en#2"]
    assert [p["passage_id"] for g in limited["never_cited"] for p in g["passages"]] == ["lemoci-fr#1", "lemoci-fr#4"]
    assert (limited["cited_total"], limited["never_cited_total"]) == (6, 3)


# -- export ----------------------------------------------------------------------------------------------
def test_export_jsonl_has_one_row_per_question_and_no_raw_id(filled: tuple[Path, float]) -> None:
    db, now = filled
    out = io.StringIO()
    seen: list[tuple[int, int]] = []
    assert reports.export(db, out, "jsonl", now=now, progress=lambda d, t: seen.append((d, t))) == 15
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["qid"] for r in lines] == ["q15", "q14", "q13", "q12", "q10", "q09", "q11", "q08", "q07", "q03",
                                         "q06", "q02", "q01", "q04", "q05"]
    q06 = next(r for r in lines if r["qid"] == "q06")
    assert (q06["votes_up"], q06["votes_down"], q06["answered"]) == (0, 2, True)
    assert [c["passage_id"] for c in q06["citations"]] == ["declaration-en#2", "meti-fr#1"]
    assert q06["user"] == hash_user(SECRET, 1001)
    assert next(r for r in lines if r["qid"] == "q04")["user"] is None
    assert set(lines[0]) == set(reports.EXPORT_FIELDS)
    assert seen == [(15, 15)]
    for raw in ("1001", "1002", "1008"):
        assert raw not in out.getvalue().replace('"guild_id": "5"', "")


def test_export_csv(filled: tuple[Path, float]) -> None:
    db, now = filled
    out = io.StringIO()
    assert reports.export(db, out, "csv", since=now - 7 * D, now=now) == 11
    assert out.getvalue().startswith(reports.BOM)
    table = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix(reports.BOM))))
    assert len(table) == 11 and tuple(table[0]) == reports.CSV_FIELDS
    q11 = next(r for r in table if r["qid"] == "q11")
    assert q11["citations"] == "lemoci-fr#5:6 lemoci-fr#3:2"
    assert q11["passage_ids"] == "lemoci-fr#5 lemoci-fr#3"
    assert q11["first_snippet"] == "Trois principes : égalité, réciprocité, bénéfice mutuel."
    assert (q11["answered"], q11["votes_up"], q11["user"]) == ("1", "0", "")
    with pytest.raises(ValueError):
        reports.export(db, io.StringIO(), "xml")


# -- replay ----------------------------------------------------------------------------------------------
def test_replay_with_the_real_retriever(tmp_path: Path) -> None:
    from bot.knowledge.ids import legacy_ids
    from bot.knowledge.loader import load_knowledge
    from bot.querylog.renames import rename_in_file
    from bot.search.retriever import Retriever

    db = tmp_path / "q.db"
    now = time.time()
    replay_log(db, now)
    retriever = Retriever(load_knowledge(knowledge_dir(tmp_path)))
    stable = legacy_ids(retriever.kb.passages)
    assert rename_in_file(db, stable) == 1  # decl-en#3, the only old id of a passage still there
    assert rename_in_file(db, stable) == 0  # once
    progress: list[int] = []
    data = reports.replay(db, lambda q, lang: retriever.answer(q, lang), now=now + 1,
                          progress=lambda d, t: progress.append(d))
    assert (data["asked"], data["questions"], data["unchanged"], data["still_unanswered"]) == (6, 5, 1, 1)
    assert [(i["question"], i["count"], i["after"]) for i in data["now_answered"]] == [
        ("Who signed the declaration?", 2, stable["faq-en#1"]),
    ]
    assert [(i["question"], i["before"], i["after"]) for i in data["changed"]] == [
        ("When was it signed?", "old-doc#1", stable["faq-en#2"]),
    ]
    assert [(i["question"], i["before"], i["after"]) for i in data["lost"]] == [
        ("Tell me about the moon base", "moon#1", None),
    ]
    assert data["errors"] == [] and progress == [1, 2, 3, 4, 5]


def test_replay_classifies_exactly_and_survives_a_failing_question(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    now = time.time()
    replay_log(db, now)

    def fake(question: str, language: str) -> Answer:
        if "weather" in question:
            raise RuntimeError("boom")
        cite = SimpleNamespace(passage_id="decl-en#3", snippet="three principles")
        return Answer(question, language, answered="principles" in question,
                      citations=[cite] if "principles" in question else [])

    data = reports.replay(db, fake, since=now - 2 * D, now=now + 1)
    assert [i["question"] for i in data["lost"]] == ["Tell me about the moon base", "When was it signed?"]
    assert (data["now_answered"], data["changed"], data["unchanged"], data["still_unanswered"]) == ([], [], 1, 1)
    assert data["errors"] == [{"question": "What is the weather in Tokyo?", "language": "en",
                               "error": "RuntimeError: boom"}]


# -- errors ----------------------------------------------------------------------------------------------
def test_reports_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(reports.QueryLogError, match="no query log at"):
        reports.summary(tmp_path / "missing.db")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(reports.QueryLogError, match="not an SQLite database"):
        reports.unanswered(bad)


async def test_export_csv_does_not_let_a_question_run_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    from bot.querylog.store import LogEntry, QueryLog

    db = tmp_path / "q.db"
    log = await QueryLog.open(db, secret=SECRET)
    for text in ('=HYPERLINK("http://evil","click")', "@SUM(1+1)", "who signed?"):
        log.record(LogEntry(qid=text.encode().hex()[:32], question=text, language="en", answered=False,
                            citations=[], latency_ms=1.0))
    await log.close()
    out = io.StringIO()
    assert reports.export(db, out, "csv") == 3
    questions = sorted(r["question"] for r in csv.DictReader(io.StringIO(out.getvalue())))
    assert questions == ["'=HYPERLINK(\"http://evil\",\"click\")", "'@SUM(1+1)", "who signed?"]


async def test_small_talk_is_logged_but_not_listed_as_unanswered(tmp_path: Path) -> None:
    from bot.querylog.store import LogEntry, QueryLog

    db = tmp_path / "q.db"
    log = await QueryLog.open(db, secret=SECRET)
    log.record(LogEntry(qid="a" * 32, question="merci !", language="fr", answered=False, citations=[],
                        latency_ms=1.0, reason="small-talk"))
    log.record(LogEntry(qid="b" * 32, question="who won the world cup?", language="en", answered=False,
                        citations=[], latency_ms=1.0, reason="low-coverage"))
    await log.close()
    groups = reports.unanswered(db)
    assert [g["topic"] for g in groups] == ["who won the world cup?"]
