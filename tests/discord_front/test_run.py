"""`python -m bot run`: the missing-token message, and a whole run against the fake ended by SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import paths
import pytest
from fake_discord import FakeDiscord
from fake_discord.plugin import TOKEN
from fake_settings import settings_for
from querylog_data import damage_in_the_middle

from bot.cli import main
from bot.cli.run import serve
from bot.discord_front import endpoints
from bot.querylog import schema


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
        await fake.wait_connected(timeout=60)  # serve loads the corpus first: 5 s timed out at load 9
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


async def test_sigterm_before_ready_leaves_no_task_error(fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path):
    """Trial 8's F9: SIGTERM in the seconds discord.py waits for the servers before READY left its waiting task alive;
    it woke after the client had closed and failed ('_MissingSentinel' object has no attribute 'create_task'), logged
    by asyncio as "Task exception was never retrieved"."""
    previous = endpoints.current()
    loop = asyncio.get_running_loop()
    errors: list[dict] = []
    handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _, context: errors.append(context))
    settings = settings_for(fake, knowledge_dir, tmp_path / "data" / "q.db", token=TOKEN)
    task = asyncio.create_task(serve(settings, guild_ready_timeout=1.0))
    try:
        await fake.wait_connected(timeout=60)  # READY and GUILD_CREATE sent: discord.py waits 1 s for more servers
        if signal.SIGTERM not in getattr(loop, "_signal_handlers", {}):
            pytest.skip("no asyncio signal handlers on this platform")
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(task, 5) == 0
        await asyncio.sleep(1.5)  # past the wait: a task left alive has woken up by now
        gc.collect()  # a failed task nobody awaits is reported when it is collected
    finally:
        loop.set_exception_handler(handler)
        if not task.done():
            task.cancel()
        endpoints.restore(previous)
    assert [context.get("message") for context in errors] == []


async def test_heartbeats_keep_their_rhythm_while_answering(start_bot, fake: FakeDiscord):
    fake.heartbeat_interval = 0.05
    harness = await start_bot(BOT_COOLDOWN_QUESTIONS="100")  # every mention answered (one cooldown note per window)
    await fake.wait_heartbeats(2)
    for n in range(15):
        await harness.mention(f"Who signed the declaration? ({n})")
    await fake.wait_heartbeats(len(fake.heartbeats) + 3)
    gaps = fake.heartbeat_gaps[1:]  # the first beat is sent at once on HELLO
    assert gaps and max(gaps) < 0.05 + 0.2, gaps


def _run_env(fake_api: str, gateway: str, knowledge: Path, db: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(paths.ROOT), "DISCORD_TOKEN": TOKEN, "DISCORD_API_BASE": fake_api,
            "DISCORD_GATEWAY_URL": gateway, "BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_DB_PATH": str(db),
            "BOT_LOG_SECRET": "run-test"}


@contextlib.asynccontextmanager
async def _bot_run(env: dict[str, str], cwd: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """A real ``python -m bot run`` process, its log (stderr) piped to the test; killed if a test leaves it running."""
    bot = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
                                               stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        yield bot
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()


async def _commands_synced(fake: FakeDiscord) -> None:
    """Wait until the bot is connected and has registered its commands in the fake's server (it can take /kb, /logs)."""
    await fake.wait_connected(timeout=60)
    await fake.wait_for("PUT", rf"/applications/\d+/guilds/{fake.guild_id}/commands", timeout=60)


async def _sigterm(bot: asyncio.subprocess.Process, timeout: float = 60) -> tuple[float, str]:
    """Send SIGTERM; the seconds until the process ended (with status 0) and what it logged meanwhile."""
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    assert bot.stderr is not None
    rest = (await asyncio.wait_for(bot.stderr.read(), timeout)).decode()
    assert await bot.wait() == 0
    return time.monotonic() - started, rest


async def test_sigterm_while_discord_is_unreachable_stops_at_once(knowledge_dir: Path, tmp_path: Path):
    """Trial 6: with Discord gone (network or proxy down), discord.py sleeps out a reconnect back-off that grows to
    ~17 minutes, and SIGTERM waited for it (41 s measured): systemd and Docker SIGKILL the bot after 30 s."""
    fake = FakeDiscord()
    await fake.start()
    env = _run_env(fake.api_base, fake.gateway_url, knowledge_dir, tmp_path / "data" / "q.db")
    async with _bot_run(env, tmp_path) as bot:
        await fake.wait_connected(timeout=60)
        await fake.stop()  # Discord goes away: the client retries with a growing, random back-off
        assert bot.stderr is not None
        while True:  # until it sleeps long enough that waiting it out would show
            line = (await asyncio.wait_for(bot.stderr.readline(), 120)).decode()
            waiting = re.search(r"Attempting a reconnect in (\d+\.\d+)s", line)
            if waiting and float(waiting.group(1)) >= 8:
                break
        took, rest = await _sigterm(bot)
        assert took < 6, rest  # STOP_GRACE (2 s) and the clean-up, not the back-off
        assert "stopped on signal; query log flushed" in rest


@pytest.mark.parametrize("damage", ["truncated", "newer", "middle"])
def test_run_with_an_unusable_query_log_says_so_in_one_line_and_is_not_restarted(
    knowledge_dir: Path, tmp_path: Path, damage: str
):
    """Trial 6: a half-copied log gave a 30-line traceback and exit 1 (the README's "Discord refused the token",
    which systemd's Restart=on-failure restarts every 5 s for ever). Trial 10 M4: a log damaged in its middle
    started the bot normally."""
    db = tmp_path / "data" / "q.db"
    db.parent.mkdir()
    schema.migrate(db)  # a real log, made by the bot's own migrations
    if damage == "middle":
        damage_in_the_middle(db, secret=b"run-test")
    elif damage == "truncated":
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    else:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute(f"PRAGMA user_version = {schema.current_version() + 1}")
    env = {**_run_env("http://127.0.0.1:9", "ws://127.0.0.1:9/", knowledge_dir, db), "BOT_LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2  # RestartPreventExitStatus=2 in deploy/declaration-bot.service
    assert done.stderr.splitlines() == [done.stderr.strip()], done.stderr  # one line, no traceback
    assert done.stderr.startswith(f"error: {db} ")
    assert "to start a new log instead, move the file away" in done.stderr
    if damage == "truncated":  # trial 6 D13: was "not a query log (not an SQLite database)"
        assert done.stderr.startswith(f"error: {db} is a damaged query log (SQLite: database disk image is malformed")
    if damage == "middle":
        assert done.stderr.startswith(f"error: {db} is a damaged query log (SQLite's check: ")


def test_run_with_a_knowledge_folder_where_no_file_loads_refuses_to_start(tmp_path: Path):
    """Trial 10 M6: every file broken (and no last good version) started a bot with 0 documents that answered
    "not found" to everything, while `ask` refused the folder."""
    knowledge = tmp_path / "kbroken"
    knowledge.mkdir()
    (knowledge / "a.yaml").write_text("garbage: [\n", encoding="utf-8")
    env = _run_env("http://127.0.0.1:9", "ws://127.0.0.1:9/", knowledge, tmp_path / "data" / "q.db")
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env={**env, "BOT_LOG_LEVEL": "ERROR"}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2  # as a missing folder: systemd does not restart it
    assert done.stderr.splitlines()[-1] == (
        f"error: no passage could be loaded from {knowledge} (1 knowledge problem): run `python -m bot knowledge "
        f"check {knowledge}`")


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_run_without_its_knowledge_folder_says_so_in_one_line(tmp_path: Path, kind: str):
    """Trial 7: started from another folder (or with BOT_KNOWLEDGE_DIR mistyped), the bot connected with 0 documents
    and answered "not found" to every question, while `ask` and `chat` there used the shipped corpus."""
    knowledge = tmp_path / "knowledge"
    if kind == "file":
        knowledge.write_text("not a folder")
    env = _run_env("http://127.0.0.1:9", "ws://127.0.0.1:9/", knowledge, tmp_path / "data" / "q.db")
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2  # invalid settings: systemd does not restart it
    what = "not found" if kind == "missing" else "is not a folder"
    assert done.stderr == f"error: knowledge folder {what}: {knowledge} (set BOT_KNOWLEDGE_DIR or --knowledge, or " \
                          "start the bot from the folder that holds knowledge/)\n"


async def test_sigterm_does_not_wait_for_a_report_being_read(fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path):
    """Trial 7: SIGTERM during /logs summary on a 200,000-question log logged "stopped on signal; query log flushed",
    then the process lived on until the report's thread ended (29 s measured): past systemd's and Docker's wait."""
    db = tmp_path / "data" / "q.db"
    db.parent.mkdir()
    schema.migrate(db)
    with contextlib.closing(sqlite3.connect(db)) as conn:  # distinct unanswered questions: a long report to read
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
            "INSERT INTO questions (qid, ts, frontend, user_hash, guild_id, channel_id, question, language, answered, "
            "reason, latency_ms) SELECT lower(hex(randomblob(16))), strftime('%s', 'now') - i, 'discord', "
            "lower(hex(randomblob(16))), ?, ?, 'what about item ' || i || ' of the plan?', 'en', 0, 'no-match', 3.0 "
            "FROM n", (fake.guild_id, fake.channel_id),
        )
        conn.commit()
    env = {**_run_env(fake.api_base, fake.gateway_url, knowledge_dir, db), "BOT_STAFF_GUILDS": str(fake.guild_id),
           "BOT_MAINTAINER_ROLES": str(fake.maintainer_role)}
    async with _bot_run(env, tmp_path) as bot:
        await _commands_synced(fake)
        interaction = await fake.slash("logs", user=fake.maintainer, subcommand="summary")
        assert (await fake.wait_response(interaction, timeout=30)).json["type"] == 5  # deferred: the report runs
        await asyncio.sleep(0.5)
        took, rest = await _sigterm(bot)
        assert not fake.find("POST", rf"/webhooks/\d+/{re.escape(interaction.token)}")  # it was still being read
        assert took < 6, rest
        assert "stopped on signal; query log flushed" in rest


async def test_sigterm_does_not_wait_for_a_knowledge_build_being_checked(
    fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path
):
    """Trial 8: SIGTERM during /kb reload of a large folder: "stopped on signal; query log flushed", then the
    process lived 36.6 s more, waiting for the process that checks the new index (which then printed a
    BrokenPipeError traceback). Now the check is killed: nothing is swapped, nothing is printed. (/kb add too, in
    its check; its own parse of the folder before that runs in the process and is waited for.)"""
    db = tmp_path / "data" / "q.db"
    env = {**_run_env(fake.api_base, fake.gateway_url, knowledge_dir, db), "BOT_STAFF_GUILDS": str(fake.guild_id),
           "BOT_MODERATOR_ROLES": str(fake.moderator_role)}
    async with _bot_run(env, tmp_path) as bot:
        await _commands_synced(fake)
        for n in range(4):  # 100,000 passages added on disk after the start: a build of tens of seconds to check
            (knowledge_dir / f"bulk-{n}.md").write_text(
                f"---\nid: bulk-{n}\ntitle: Bulk {n}\nlanguage: en\nsource: https://example.org/{n}\n---\n\n"
                + "".join(f"Note {n}-{i} on the declaration.\n\n" for i in range(25_000))
            )
        interaction = await fake.slash("kb", user=fake.moderator, subcommand="reload")
        assert (await fake.wait_response(interaction, timeout=30)).json["type"] == 5  # deferred: the check runs
        await asyncio.sleep(1.5)
        took, rest = await _sigterm(bot, timeout=120)
        assert not fake.find("POST", rf"/webhooks/\d+/{re.escape(interaction.token)}")  # it was still being checked
        assert took < 6, rest
        assert "stopped on signal; query log flushed" in rest and "Traceback" not in rest
