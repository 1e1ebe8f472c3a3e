"""``/logs summary`` in Discord and ``logs summary`` in the terminal state the same figures the same way, over one
log (one percentile, ``bot.stats``; one way to write a latency, ``bot.formatting``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_discord import FakeDiscord
from fake_discord.plugin import Harness

from bot.cli import main
from bot.querylog.store import LogEntry


async def test_logs_summary_and_the_terminal_print_the_same_latencies(
    harness: Harness, fake: FakeDiscord, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Review 12 (H3): the terminal wrote "p95 100.0 ms" where ``/logs summary`` wrote "p95 100 ms" (two helpers)."""
    for n in range(20):  # 19 questions answered in 100 ms, one in 40 ms: p50 and p95 are 100
        harness.querylog.record(LogEntry(
            qid=f"q{n}", question=f"Question {n}?", language="en", answered=True, citations=[("p#1", 1.0)],
            latency_ms=40.0 if n == 0 else 100.0, frontend="discord", user_id=1000 + n, guild_id=fake.guild_id,
            channel_id=fake.channel_id,
        ))
    await harness.querylog.flush()
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction, timeout=30)  # the first report of a process imports matplotlib: slow loaded
    discord_text = (await fake.wait_followup(interaction, timeout=30)).json["embeds"][0]["description"]

    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["logs", "summary", "--db", str(harness.settings.db_path), "--since", "7d"]) == 0
    terminal_text = capsys.readouterr().out

    def latencies(text: str) -> list[str]:
        return re.findall(r"\b(p50|p95|max) (\S+ ms)", text)

    assert latencies(discord_text) == latencies(terminal_text) == [
        ("p50", "100 ms"), ("p95", "100 ms"), ("max", "100 ms")
    ]
