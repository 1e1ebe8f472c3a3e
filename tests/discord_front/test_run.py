"""`python -m bot run`: the missing-token message, and a whole run against the fake ended by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fake_discord import FakeDiscord
from fake_discord.plugin import TOKEN
from fake_settings import settings_for

from bot.cli import main
from bot.cli.run import serve
from bot.discord_front import endpoints


def test_run_without_token_says_how_to_get_one(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "DISCORD_TOKEN" in err and "discord.com/developers" in err and "python -m bot chat" in err


def test_run_when_discord_cannot_be_reached_says_so_in_one_line(knowledge_dir: Path, tmp_path: Path):
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused, as with Discord down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DISCORD_TOKEN": "not-a-real-token", "DISCORD_API_BASE": f"http://127.0.0.1:{port}",
           "BOT_KNOWLEDGE_DIR": str(knowledge_dir), "BOT_DB_PATH": str(tmp_path / "data" / "q.db"),
           "BOT_LOG_LEVEL": "ERROR"}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 3  # the README's exit status for an unreachable Discord
    assert done.stderr.splitlines() == [done.stderr.strip()], done.stderr  # one line, no traceback
    assert done.stderr.startswith(f"error: cannot reach Discord at http://127.0.0.1:{port}: ")


async def test_serve_answers_then_stops_cleanly_on_sigterm(fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path):
    previous = endpoints.current()
    settings = settings_for(fake, knowledge_dir, tmp_path / "data" / "q.db", token=TOKEN)
    task = asyncio.create_task(serve(settings, guild_ready_timeout=0.01))
    try:
        await fake.wait_connected()
        await asyncio.sleep(0.05)  # READY → GUILD_CREATE → ready
        loop = asyncio.get_running_loop()
        if signal.SIGTERM not in getattr(loop, "_signal_handlers", {}):
            pytest.skip("no asyncio signal handlers on this platform")
        start = len(fake.requests)
        await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
        await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages", after=start)
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(task, 5) == 0
    finally:
        if not task.done():
            task.cancel()
        endpoints.restore(previous)
    assert endpoints.current() == previous
    with sqlite3.connect(settings.db_path) as conn:  # flushed and closed on the way out
        assert conn.execute("SELECT count(*) FROM questions").fetchone() == (1,)


async def test_heartbeats_keep_their_rhythm_while_answering(start_bot, fake: FakeDiscord):
    fake.heartbeat_interval = 0.05
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="100")  # every mention answered (one cooldown note per window)
    await fake.wait_heartbeats(2)
    for n in range(15):
        await harness.mention(f"Who signed the declaration? ({n})")
    await fake.wait_heartbeats(len(fake.heartbeats) + 3)
    gaps = fake.heartbeat_gaps[1:]  # the first beat is sent at once on HELLO
    assert gaps and max(gaps) < 0.05 + 0.2, gaps
