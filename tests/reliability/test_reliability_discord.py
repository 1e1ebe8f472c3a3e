"""Discord faults, permissions and secrets, with the real client against the fake Discord.

Faults: the gateway drops (resume, and a full re-identify when the session is invalid), REST 429 with
``retry_after``, REST 5xx on a reply, an interaction whose callback fails, SIGTERM during a burst.
Permissions: /kb and /logs refused for everyone else, in servers and in DMs; /kb add refuses unsafe files.
Secrets: the token never appears in logs, error messages sent to Discord, exports or process output.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import paths
import pytest
from fake_discord import FakeDiscord, FakeUser, RecordedRequest, json_response, rate_limited, server_error
from fake_discord.plugin import Harness
from reliability_harness import (
    CORPUS,
    EPHEMERAL,
    TOKEN,
    callbacks,
    final_body,
    qid_of,
    replies,
    reply_to,
    running_bot,
    until,
)

from bot.discord_front.language import language_of_locale
from bot.i18n import t

ROOT = paths.ROOT
GOOD = b"---\nid: extra-en\ntitle: Extra\nlanguage: en\nsource: https://example.org/extra\n---\nExtra text here.\n"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(heartbeat_interval=0.2) as server:
        yield server


@pytest.fixture
async def run(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(fake, tmp_path) as running:
        yield running


async def answered(run: Harness, text: str, author: FakeUser) -> RecordedRequest:
    reply = await run.reply_to_mention(text, author)
    assert reply.json["embeds"], reply.json
    return reply


# --------------------------------------------------------------------------- gateway


async def test_gateway_drop_is_resumed_and_later_questions_answered(run: Harness, fake: FakeDiscord) -> None:
    await answered(run, "Who signed the declaration?", fake.alice)
    session = run.bot.ws.session_id
    for code in (4000, 1006, 4000):  # an unknown error, an abnormal closure, once more
        resumes = len(fake.resumes)
        await fake.close_gateway(code)
        await until(lambda n=resumes: len(fake.resumes) > n, timeout=15)
        await fake.wait_connected()
    assert all(r["session_id"] == session for r in fake.resumes)
    assert len(fake.identifies) == 1
    reply = await answered(run, "Qui a signé la déclaration ?", fake.bob)
    await run.querylog.flush()
    assert qid_of(reply.json) in {q for (q,) in await run.rows("SELECT qid FROM questions")}
    response = await fake.wait_response(await fake.slash("ask", {"question": "When was it signed?"}, user=fake.alice))
    assert response.status == 200 and response.json["data"]["embeds"]


async def test_invalid_session_leads_to_a_new_identify(run: Harness, fake: FakeDiscord) -> None:
    fake.allow_resume = False
    await fake.close_gateway(4000)
    await until(lambda: len(fake.identifies) == 2, timeout=20)
    await until(lambda: run.bot.is_ready(), timeout=10)
    await answered(run, "Who signed the declaration?", fake.alice)


async def test_reconnect_requested_by_the_gateway(run: Harness, fake: FakeDiscord) -> None:
    await fake.send_gateway({"op": 7, "d": None})  # RECONNECT
    await until(lambda: len(fake.resumes) == 1, timeout=15)
    await answered(run, "Who signed the declaration?", fake.alice)


# --------------------------------------------------------------------------- REST faults


async def test_rate_limited_reply_arrives_later_and_once(run: Harness, fake: FakeDiscord) -> None:
    limited: list[RecordedRequest] = []

    def twice(request: RecordedRequest) -> Any:
        if len(limited) >= 2:
            return None
        limited.append(request)
        return rate_limited(0.3)

    fake.override("POST", r"/channels/\d+/messages", twice)
    msg = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    reply = await reply_to(fake, int(msg["id"]))
    assert reply.json["embeds"] and len(limited) == 2
    assert reply.at - limited[0].at >= 0.55  # waited retry_after twice
    await asyncio.sleep(0.3)
    assert len(replies(fake)[int(msg["id"])]) == 1
    await run.querylog.flush()
    assert await run.rows("SELECT count(*) FROM questions") == [(1,)]


async def test_rate_limited_interaction_callback_still_answers(run: Harness, fake: FakeDiscord) -> None:
    limited: list[RecordedRequest] = []

    def once(request: RecordedRequest) -> Any:
        if limited:
            return None
        limited.append(request)
        return rate_limited(0.2)

    fake.override("POST", r"/interactions/\d+/[^/]+/callback", once)
    interaction = await fake.slash("ask", {"question": "Who signed the declaration?"}, user=fake.alice)
    await until(lambda: final_body(fake, interaction) is not None)
    body = final_body(fake, interaction)
    assert body is not None and body["embeds"] and limited


async def test_server_error_once_is_retried(run: Harness, fake: FakeDiscord) -> None:
    failed: list[RecordedRequest] = []

    def once(request: RecordedRequest) -> Any:
        if failed:
            return None
        failed.append(request)
        return server_error(500)

    fake.override("POST", r"/channels/\d+/messages", once)
    reply = await answered(run, "Who signed the declaration?", fake.alice)
    assert failed and reply.at - failed[0].at >= 0.9  # discord.py waits 1 s before retrying a 500


class _QuickRetries:
    """``asyncio`` as discord.py's HTTP clients see it, with their 5xx back-off sleeps (1, 3, 5, 7 s) shortened."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: Any = None) -> Any:
        return await asyncio.sleep(min(delay, 0.02), result)


@pytest.mark.parametrize("status", [500, 503])
async def test_server_error_on_every_try_is_logged_and_the_bot_goes_on(
    run: Harness, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    monkeypatch.setattr(discord.http, "asyncio", _QuickRetries())
    remove = fake.override("POST", r"/channels/\d+/messages", lambda request: server_error(status))
    msg = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    await until(lambda: any(r.levelno >= logging.ERROR and "on_message" in r.getMessage() for r in caplog.records))
    failed = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], discord.DiscordServerError)]
    assert len(failed) == 1
    assert int(msg["id"]) not in replies(fake)
    remove()
    await answered(run, "Qui a signé la déclaration ?", fake.bob)
    await run.querylog.flush()
    assert await run.rows("SELECT count(*) FROM questions") == [(2,)]  # the failed reply's question was logged too


async def test_interaction_whose_callback_fails(
    run: Harness, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord refuses the callback (expired interaction): the failure is logged, the next /ask is answered."""
    remove = fake.override(
        "POST",
        r"/interactions/\d+/[^/]+/callback",
        lambda request: json_response({"message": "Unknown interaction", "code": 10062}, 404),
    )
    interaction = await fake.slash("ask", {"question": "Who signed the declaration?"}, user=fake.alice)
    await until(lambda: len(callbacks(fake, interaction)) >= 2)  # the answer, then the error message
    await until(lambda: any("/ask failed" in r.getMessage() for r in caplog.records))
    # logged once the refused error message's response is back, a moment after the fake has recorded it
    await until(lambda: any("could not send the error message" in r.getMessage() for r in caplog.records))
    remove()
    second = await fake.slash("ask", {"question": "Qui a signé la déclaration ?"}, user=fake.bob)
    response = await fake.wait_response(second)
    assert response.status == 200 and response.json["data"]["embeds"]


async def test_a_failing_followup_after_defer_is_logged(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow answer is deferred; when the followup then fails, the failure is logged and the bot goes on."""
    monkeypatch.setattr(discord.webhook.async_, "asyncio", _QuickRetries())
    async with running_bot(fake, tmp_path, bot_options={"defer_after": 0.0}) as run:
        remove = fake.override("POST", r"/webhooks/\d+/[^/]+", lambda request: server_error(503))
        interaction = await fake.slash("ask", {"question": "Who signed the declaration?"}, user=fake.alice)
        await until(lambda: any("/ask failed" in r.getMessage() for r in caplog.records))
        assert [r.json["type"] for r in callbacks(fake, interaction)] == [5]
        remove()
        await answered(run, "Qui a signé la déclaration ?", fake.bob)


# --------------------------------------------------------------------------- permissions


MODERATOR_COMMANDS: list[tuple[str, str, dict[str, Any]]] = [
    ("kb", "status", {}),
    ("kb", "reload", {}),
    ("kb", "add", {"attachments": {"file": ("extra.md", GOOD)}}),
]
MAINTAINER_COMMANDS: list[tuple[str, str, dict[str, Any]]] = [("logs", "summary", {})]


async def refusal(fake: FakeDiscord, command: tuple[str, str, dict[str, Any]], user: FakeUser, dm: bool) -> str:
    """The ephemeral refusal's key (``refused.moderator`` …), read back from the text in the member's language."""
    name, sub, extra = command
    interaction = await fake.slash(name, user=user, subcommand=sub, dm=dm, **extra)
    response = await fake.wait_response(interaction)
    assert response.status == 200
    data = response.json.get("data") or {}
    assert response.json["type"] == 4 and data.get("flags", 0) & EPHEMERAL, response.json
    content = data.get("content") or ""
    language = language_of_locale(user.locale)
    keys = [k for k in ("refused.moderator", "refused.maintainer", "refused.guild_only") if t(k, language) == content]
    return keys[0] if keys else content


async def test_moderator_and_maintainer_commands_are_refused_to_everyone_else(
    run: Harness, fake: FakeDiscord
) -> None:
    built_at = run.assistant.built_at
    member = FakeUser(fake.ids(), "mallory")
    spoofed = FakeUser(fake.ids(), "spoofer", roles=[fake.ids()])  # a role that is neither
    for command in MODERATOR_COMMANDS:
        for user in (member, spoofed, fake.maintainer, fake.bob):
            assert await refusal(fake, command, user, dm=False) == "refused.moderator"
        for user in (member, fake.admin, fake.moderator):
            assert await refusal(fake, command, user, dm=True) == "refused.guild_only"
    for command in MAINTAINER_COMMANDS:
        for user in (member, spoofed, fake.moderator, fake.admin):
            assert await refusal(fake, command, user, dm=False) == "refused.maintainer"
        for user in (member, fake.maintainer):
            assert await refusal(fake, command, user, dm=True) == "refused.guild_only"
    assert run.assistant.built_at == built_at  # no reload ran
    assert not (run.settings.knowledge_dir / "extra.md").exists()  # no upload was saved
    assert not fake.find("POST", r"/webhooks/.*")  # nothing but the refusals was sent


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("../escape.md", GOOD, "must not contain a folder"),
        ("..%2Fescape.md", GOOD, "must not start with a dot"),
        ("/etc/cron.d/evil.md", GOOD, "must not contain a folder"),
        (".hidden.md", GOOD, "must not start with a dot"),
        ("picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("notes.exe", GOOD, "must end in"),
        ("big.md", b"a" * (1024 * 1024 + 1), "the limit is 1048576 bytes"),
    ],
)
async def test_kb_add_refuses_unsafe_files(
    run: Harness, fake: FakeDiscord, tmp_path: Path, filename: str, data: bytes, expected: str
) -> None:
    before = sorted(str(p) for p in tmp_path.rglob("*") if "data" not in p.parts)
    interaction = await fake.slash("kb", user=fake.admin, subcommand="add", attachments={"file": (filename, data)})
    await until(lambda: final_body(fake, interaction) is not None)
    body = final_body(fake, interaction)
    assert body is not None
    text = (body.get("content") or "") + " ".join(e.get("description", "") for e in body.get("embeds") or [])
    assert expected in text, text
    assert sorted(str(p) for p in tmp_path.rglob("*") if "data" not in p.parts) == before
    assert not (tmp_path / "escape.md").exists() and not Path("/etc/cron.d/evil.md").exists()


# --------------------------------------------------------------------------- the token


async def test_token_never_in_logs_errors_or_exports(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(discord.http, "asyncio", _QuickRetries())
    async with running_bot(fake, tmp_path) as run:
        await answered(run, "Who signed the declaration?", fake.alice)
        remove = fake.override("POST", r"/channels/\d+/messages", lambda request: server_error(500))
        await fake.post_message(f"{fake.bot_user.mention} Qui a signé ?", author=fake.bob)
        await until(lambda: any("on_message" in r.getMessage() for r in caplog.records if r.levelno >= 40))
        remove()
        await fake.wait_response(await fake.slash("kb", user=fake.alice, subcommand="status"))
        await fake.wait_response(await fake.slash("logs", user=fake.maintainer, subcommand="summary"))
        await fake.close_gateway(4000)
        await until(lambda: len(fake.resumes) == 1, timeout=15)
        await run.querylog.flush()
        settings_text = f"{run.settings!r} {run.settings} {run.settings.model_dump()}"
    logged = caplog.text + "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.exc_info[1] if r.exc_info else ''}" for r in caplog.records
    )
    assert TOKEN not in logged and TOKEN not in settings_text
    sent = [r for r in fake.requests if TOKEN in str(r.json) or TOKEN in r.path or TOKEN in str(r.query)]
    assert not sent  # the token only travels in the Authorization header
    assert all(r.headers.get("Authorization") == f"Bot {TOKEN}" for r in fake.requests if r.path == "/users/@me")
    export = tmp_path / "export.jsonl"
    env = {**os.environ, "DISCORD_TOKEN": TOKEN, "BOT_LOG_SECRET": "test-secret"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "logs", "export", "--db", str(tmp_path / "data" / "queries.db"),
         "--format", "jsonl", "--out", str(export)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    outputs = done.stdout + done.stderr + (export.read_text() if export.exists() else "")
    assert TOKEN not in outputs
    db_bytes = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file())
    assert TOKEN.encode() not in db_bytes


async def test_refused_token_is_not_echoed(fake: FakeDiscord, tmp_path: Path) -> None:
    """Discord refuses the token: ``python -m bot run`` says so without printing it."""
    fake.override("GET", r"/users/@me", lambda request: json_response({"message": "401: Unauthorized", "code": 0}, 401))
    env = {
        **os.environ, "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": fake.api_base, "DISCORD_GATEWAY_URL": fake.gateway_url,
        "BOT_DB_PATH": str(tmp_path / "q.db"), "BOT_KNOWLEDGE_DIR": str(CORPUS), "BOT_LOG_SECRET": "s",
        "BOT_LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode != 0
    assert b"refused DISCORD_TOKEN" in output
    assert TOKEN.encode() not in output


# --------------------------------------------------------------------------- SIGTERM during a burst


SIGTERM_QUESTIONS = ["Who signed the declaration?", "Qui a signé la déclaration ?", "共同声明に署名したのは誰ですか？"]


async def test_sigterm_during_a_burst_loses_no_acknowledged_question(fake: FakeDiscord, tmp_path: Path) -> None:
    """``python -m bot run`` as a real process: SIGTERM mid-burst, then every question it answered is in the log."""
    db = tmp_path / "queries.db"
    env = {
        **os.environ, "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": fake.api_base, "DISCORD_GATEWAY_URL": fake.gateway_url,
        "BOT_DB_PATH": str(db), "BOT_KNOWLEDGE_DIR": str(CORPUS), "BOT_LOG_SECRET": "s",
        "BOT_COOLDOWN_QUESTIONS": "1000", "BOT_DUPLICATE_WINDOW_SECONDS": "0",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await fake.wait_connected(timeout=60)
        probe = await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
        await reply_to(fake, int(probe["id"]), timeout=30)  # READY comes ~2 s after the guild
        members = [FakeUser(fake.ids(), f"m{i}") for i in range(10)]
        sent: list[int] = []

        async def post(count: int) -> None:
            for _ in range(count):
                i = len(sent)
                msg = await fake.post_message(
                    f"{fake.bot_user.mention} {SIGTERM_QUESTIONS[i % 3]}", author=members[i % 10]
                )
                sent.append(int(msg["id"]))
                await asyncio.sleep(0.005)

        # The signal waits for 20 answers rather than for a fixed number of posts: a loaded
        # machine answers fewer in the same time, and the test is about the stop, not the speed.
        await post(60)
        await until(lambda: sum(m in replies(fake) for m in sent) >= 20, timeout=60)
        process.send_signal(signal.SIGTERM)
        await post(90)
        output, _ = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, output.decode(errors="replace")[-2000:]
    acknowledged = [replies(fake)[m][0] for m in sent if m in replies(fake)]
    qids = {qid_of(r.json) for r in acknowledged if r.json.get("embeds")}
    with contextlib.closing(sqlite3.connect(db)) as conn:
        logged = {row[0] for row in conn.execute("SELECT qid FROM questions")}
    assert 20 <= len(acknowledged) < len(sent)  # stopped mid-burst
    assert None not in qids and qids <= logged
    assert len(logged) >= len(acknowledged) + 1  # + the probe
    assert b"query log flushed" in output
    assert b"are lost" not in output
