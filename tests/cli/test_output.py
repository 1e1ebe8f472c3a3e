"""The CLI's shared output: aligned tables with wide characters, JSON, one-line errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.output import error, print_json, table


def test_columns_line_up_with_japanese_and_emoji():
    text = table(("topic", "asked"), [("誰が署名しましたか", 5), ("who signed", 12), ("👎", None)], right=(1,))
    assert text.split("\n") == [
        "topic               asked",
        "誰が署名しましたか      5",
        "who signed             12",
        "👎                      –",
    ]


def test_a_table_without_headers_and_a_narrow_gap():
    assert table(None, [("a:", 1), ("bcd:", "x")], gap=1) == "a:   1\nbcd: x"


def test_json_keeps_text_readable_and_prints_dataclasses(capsys):
    @dataclass
    class Row:
        topic: str
        count: int

    print_json({"rows": [Row("誰", 2)]})
    out = capsys.readouterr().out
    assert "誰" in out and json.loads(out) == {"rows": [{"topic": "誰", "count": 2}]}


def test_errors_are_one_line_on_stderr(capsys):
    assert error("no such log", 1) == 1
    assert capsys.readouterr().err == "error: no such log\n"


def test_invalid_settings_are_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_COOLDOWN_SECONDS", "soon")
    assert main(["knowledge", "stats"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: invalid settings: BOT_COOLDOWN_SECONDS") and err.count("\n") == 1


def test_invalid_settings_say_the_form_each_variable_needs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_STAFF_GUILDS", "123456789012345678,abc")
    monkeypatch.setenv("BOT_ALLOW_DMS", "maybe")
    monkeypatch.setenv("BOT_BUILD_MEMORY_MB", "10")
    assert main(["knowledge", "stats"]) == 2
    assert capsys.readouterr().err == (
        "error: invalid settings: BOT_ALLOW_DMS must be true or false (got 'maybe'); BOT_STAFF_GUILDS must be "
        "Discord ids (digits) separated by commas, e.g. 123456789012345678,234567890123456789 "
        "(got '123456789012345678,abc'); BOT_BUILD_MEMORY_MB must be a whole number of at least 256 (got '10')\n"
    )
