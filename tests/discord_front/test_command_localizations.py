"""Every slash command, subcommand and option Discord receives is named and described in French and Japanese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness

from bot.discord_front.translator import LOCALIZATIONS, SUMMARY_DAYS, Describe

STAFF = ("/kb", "/logs")  # staff commands keep their English names (typed as the README writes them: /kb show id:…)


def _walk(items: list[dict[str, Any]], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for item in items:
        where = f"{path}/{item['name']}"
        yield where, item
        yield from _walk(item.get("options", []), where)


async def test_every_synced_name_and_description_has_its_french_and_japanese(harness: Harness, fake: FakeDiscord):
    """Review 12 (M13): the descriptions were typed in the command modules and again as the translations' keys: an
    edited description silently lost its translations. Read from what Discord got, this found that no option's
    description was ever translated (discord.py translates an option's description only given as a locale_str):
    /ask's "question" read "Your question, in French, English or Japanese" in every locale."""
    synced = [command for scope in fake.commands.values() for command in scope]
    assert {c["name"] for c in synced} >= {"ask", "topics", "about", "forget-me", "kb", "logs"}
    missing = [
        (where, field)
        for where, item in _walk(synced)
        for field in ("name", "description")
        if set(item.get(f"{field}_localizations") or {}) < {"fr", "ja"}
        and not (field == "name" and where.startswith(STAFF))
    ]
    assert missing == [], missing  # before: every option's description (/ask question, /kb add file, …) in English
    (logs,) = [c for c in synced if c["name"] == "logs"]
    (summary,) = [o for o in logs["options"] if o["name"] == "summary"]
    (days,) = summary["options"]
    assert days["description"] == Describe.LOGS_SUMMARY_DAYS == f"How many days back (default {SUMMARY_DAYS})"
    assert f"({SUMMARY_DAYS} par défaut)" in days["description_localizations"]["fr"]


def test_localized_names_are_valid_discord_names():
    names = [k for k in LOCALIZATIONS if re.fullmatch(r"[a-z-]+", k)]
    for key in names:
        for value in LOCALIZATIONS[key].values():
            assert re.fullmatch(r"[-_\w]{1,32}", value) and value == value.lower(), value
    for key, values in LOCALIZATIONS.items():
        for value in values.values():
            assert 1 <= len(value) <= 100, key
