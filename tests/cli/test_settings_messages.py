"""A bad digest setting names the values it takes (it said "must be text" for a weekday, a time, a language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

TIME = "a time of day HH:MM (UTC unless an offset is given: 08:00, 09:30+02:00)"
DAYS = "one of monday, tuesday, wednesday, thursday, friday, saturday, sunday"


@pytest.mark.parametrize(("variable", "value", "form"), [
    ("BOT_DIGEST_DAY", "Funday", f"{DAYS} (got 'funday')"),
    ("BOT_DIGEST_LANGUAGE", "de", "one of fr, en, ja (got 'de')"),
    ("BOT_DIGEST_TIME", "25:00", f"{TIME} (got '25:00')"),
    ("BOT_DIGEST_TIME", "8h", f"{TIME} (got '8h')"),
])
def test_a_bad_digest_setting_says_what_it_must_be(variable: str, value: str, form: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv(variable, value)
    assert main(["knowledge", "stats"]) == 2
    assert capsys.readouterr().err == f"error: invalid settings: {variable} must be {form}\n"


def test_the_digest_settings_still_accept_their_documented_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for variable, value in (("BOT_DIGEST_DAY", "Friday"), ("BOT_DIGEST_LANGUAGE", "JA"), ("BOT_DIGEST_TIME", "09:30")):
        monkeypatch.setenv(variable, value)
    main(["knowledge", "stats"])
    assert "invalid settings" not in capsys.readouterr().err
