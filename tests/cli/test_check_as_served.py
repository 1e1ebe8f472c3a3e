"""`ask --no-log` and `knowledge check` say what the bot serves (trial 10 M1) and what a reload would change (M7):
they read the knowledge cache the bot keeps beside its query log, and write nothing."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from knowledge_data import front, write

from bot.cli import main

QUESTION = "How many founders attended the French Tech Tokyo meetup?"
MEETUP = "The French Tech Tokyo community held a meetup of 120 founders in Tokyo about the joint declaration.\n"
SIGNED = "The joint declaration on innovation was signed in Paris on 13 July 2018 by three ministers.\n"
STATION = "Station F hosts a Japanese programme for start-ups from Tokyo and Osaka every spring.\n"
LYON = "The Lyon pavilion opened in September 2018 to host young companies from both countries.\n"
BACKDATED = datetime(2018, 1, 1, tzinfo=UTC).timestamp()


def _files(data: Path) -> dict[str, int]:
    return {f.name: f.stat().st_mtime_ns for f in data.iterdir()}


def test_check_and_ask_no_log_show_what_the_bot_serves_and_what_a_reload_would_change(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    knowledge = write(tmp_path / "knowledge", {
        "meetup.md": front(MEETUP, id="meetup-en", title="Meetup"),
        "signed.md": front(SIGNED, id="signed-en", title="Signed"),
        "station.md": front(STATION, id="station-en", title="Station"),
    })
    served_version = datetime(2026, 11, 30, 9, 15, tzinfo=UTC).timestamp()
    os.utime(knowledge / "meetup.md", (served_version, served_version))
    db = tmp_path / "data" / "queries.db"
    folder = ["--knowledge", str(knowledge), "--db", str(db)]
    assert main(["ask", QUESTION, *folder]) == 0  # the bot's way: logged, its caches beside the log
    assert "120 founders" in capsys.readouterr().out

    meetup = (knowledge / "meetup.md").read_text(encoding="utf-8")
    (knowledge / "meetup.md").write_text(meetup.replace("source:", "sorce:"), encoding="utf-8")  # a bad edit
    copy = knowledge / "0-old-copy.md"  # a forgotten older copy holding the same id
    copy.write_text(meetup.replace("120 founders", "999 founders"), encoding="utf-8")
    os.utime(copy, (BACKDATED, BACKDATED))
    (knowledge / "station.md").unlink()
    (knowledge / "signed.md").write_text(front(SIGNED + "\nIt was welcomed in Tokyo.\n", id="signed-en",
                                               title="Signed"), encoding="utf-8")
    write(knowledge, {"lyon.md": front(LYON, id="lyon-en", title="Lyon")})
    before = _files(db.parent)

    assert main(["ask", QUESTION, "--no-log", *folder]) == 0
    out, err = capsys.readouterr()
    assert "120 founders" in out and "999" not in out  # what members get, not the forgotten copy
    assert err.startswith("warning: 2 knowledge files have problems (skipped: 0-old-copy.md; served in their last "
                          "good version: meetup.md (its version of 2026-11-30 09:15 UTC))")

    assert main(["knowledge", "check", str(knowledge), "--db", str(db)]) == 1
    lines = capsys.readouterr().out.splitlines()
    root = knowledge.as_posix()
    assert lines[0] == (f'{root}/0-old-copy.md:2: the id "meetup-en" is already used by meetup.md; give this file '
                        "another id (it was not loaded)")  # not the good file (main reported meetup.md as refused)
    assert lines[1] == f'{root}/meetup.md:5: unknown key "sorce": did you mean "source"?'
    assert lines[2] == (f"{root}/meetup.md: the bot keeps serving its last good version (its version of 2026-11-30 "
                        "09:15 UTC) until the problems above are fixed")
    assert lines[3].startswith("a reload of the bot would (compared with its last load, ")
    assert lines[4:7] == [
        "  add     lyon-en (lyon.md, 1 passage)",
        "  change  signed-en (signed.md, 1 → 2 passages)",
        "  remove  station-en (station.md, 1 passage)",
    ]
    assert lines[7] == ("2 errors in 2 files (skipped, but 1 file the bot served keeps its last good version); "
                        "loaded 3 documents, 4 passages, 0 glossary entries")
    assert _files(db.parent) == before  # read, never written

    assert main(["knowledge", "check", str(knowledge), "--db", str(tmp_path / "elsewhere" / "q.db")]) == 1
    assert "what the bot serves is not known here: no knowledge cache of" in capsys.readouterr().out
