"""Moderators' mistakes from trial 4: a file saved as UTF-16 (Windows Notepad's "Unicode") was called "not a text
file (it contains NUL bytes)", and `knowledge check --knowledge DIR` (the option every other command takes) was
refused as an unknown argument."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from paths import ROOT

DOC = """---
id: notes-en
title: Notes
language: en
source: https://example.org/notes
---
The declaration was signed in Paris on 13 July 2018.
"""


def knowledge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "knowledge", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_a_utf16_file_is_named_as_such_with_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "good.md").write_text(DOC, encoding="utf-8")
    (folder / "notepad.md").write_bytes(DOC.replace("notes-en", "notepad-en").encode("utf-16"))  # with its BOM
    done = knowledge("check", str(folder))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f'{folder.as_posix()}/notepad.md:1: the file is saved as UTF-16 (Windows Notepad calls it "Unicode"), '
        "not UTF-8; save it again choosing the UTF-8 encoding")
    assert "loaded 1 document, 1 passage" in done.stdout  # the good file is still served


def test_the_folder_can_be_given_as_knowledge_option(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "good.md").write_text(DOC, encoding="utf-8")
    for command in ("check", "stats", "list", "parity"):
        done = knowledge(command, "--knowledge", str(folder))
        assert done.returncode == 0, (command, done.stderr)
    assert "notes-en" in knowledge("list", "--knowledge", str(folder)).stdout
    both = knowledge("check", str(folder), "--knowledge", str(tmp_path))
    assert both.returncode == 2 and "two knowledge folders given" in both.stderr


def test_ask_says_which_broken_file_is_still_served_and_which_is_skipped(tmp_path: Path) -> None:
    """Trial 4: after breaking a served file, `ask` warned "1 knowledge file problem(s) skipped" while it kept
    quoting that file's last good version."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "good.md").write_text(DOC, encoding="utf-8")
    db = tmp_path / "data" / "queries.db"

    def ask() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "ask", "Where was the declaration signed?", "--knowledge",
                               str(folder), "--db", str(db)], capture_output=True, text=True, timeout=120, cwd=ROOT)

    assert ask().stderr == ""
    served = datetime.fromtimestamp((folder / "good.md").stat().st_mtime, UTC)  # the version the bot keeps
    (folder / "good.md").write_text(DOC.replace("title: Notes", "title: Notes: mine"), encoding="utf-8")
    (folder / "new.md").write_text(DOC.replace("notes-en", "new-en").replace("source:", "sourc:"), encoding="utf-8")
    done = ask()
    assert done.returncode == 0 and "Paris on 13 July 2018" in done.stdout  # the last good version answers
    assert done.stderr == (
        "warning: 2 knowledge files have problems (skipped: new.md; served in their last good version: good.md "
        f"(its version of {served:%Y-%m-%d %H:%M} UTC)); run `python -m bot knowledge check {folder}` for details\n")
