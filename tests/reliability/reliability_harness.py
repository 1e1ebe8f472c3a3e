"""Shared by the Discord reliability tests: the real client, assistant and query log against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import paths
from fake_discord import FakeDiscord, FakeInteraction, FakeUser, RecordedRequest
from fake_settings import settings_for

from bot.assistant import Assistant
from bot.discord_front import endpoints
from bot.discord_front.client import DeclarationBot
from bot.querylog.store import QueryLog
from bot.settings import Settings

CORPUS = paths.SHIPPED_KNOWLEDGE
# Shaped like a real bot token, so a leak would be easy to spot in logs and files.
TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GrELia.reliability-SECRET-token-4f9c2b7e"
EPHEMERAL = 1 << 6
MESSAGES = r"/channels/\d+/messages"
CALLBACK = r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback"


@dataclass
class Running:
    fake: FakeDiscord
    bot: DeclarationBot
    querylog: QueryLog
    assistant: Assistant
    settings: Settings
    task: asyncio.Task[None]

    async def mention(self, text: str, author: FakeUser, **kw: Any) -> RecordedRequest:
        """Post ``@bot text`` and return the bot's reply to that message."""
        msg = await self.fake.post_message(f"{self.fake.bot_user.mention} {text}", author=author, **kw)
        return await reply_to(self.fake, int(msg["id"]))

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with contextlib.closing(sqlite3.connect(self.settings.db_path)) as conn:
            return conn.execute(sql, params).fetchall()


@contextlib.asynccontextmanager
async def running_bot(
    fake: FakeDiscord, tmp_path: Path, *, bot_options: dict[str, Any] | None = None, **env: Any
) -> AsyncIterator[Running]:
    """The real ``DeclarationBot`` logged in and READY against ``fake`` (reconnects on), closed on exit."""
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        shutil.copytree(CORPUS, knowledge)
    settings = settings_for(fake, knowledge, tmp_path / "data" / "queries.db", token=TOKEN, **env)
    previous = endpoints.apply(settings.discord_api_base, settings.discord_gateway_url)
    assistant = Assistant.from_directory(settings.knowledge_dir)
    querylog = await QueryLog.open(settings.db_path, secret="test-secret", batch_interval=0.02)
    options: dict[str, Any] = {"note_lifetime": 0.01, "guild_ready_timeout": 0.01, **(bot_options or {})}
    bot = DeclarationBot(settings=settings, assistant=assistant, querylog=querylog, **options)
    task: asyncio.Task[None] | None = None
    try:
        await bot.login(TOKEN)
        task = asyncio.create_task(bot.connect(reconnect=True))
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield Running(fake, bot, querylog, assistant, settings, task)
    finally:
        await bot.close()
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, 5)
        await querylog.close()
        assistant.close()
        endpoints.restore(previous)


def replies(fake: FakeDiscord) -> dict[int, list[RecordedRequest]]:
    """The bot's successful message posts, by the id of the message they reply to."""
    out: dict[int, list[RecordedRequest]] = {}
    for request in fake.find("POST", MESSAGES):
        reference = (request.json or {}).get("message_reference") or {}
        if request.status == 200 and reference.get("message_id"):
            out.setdefault(int(reference["message_id"]), []).append(request)
    return out


async def reply_to(fake: FakeDiscord, message_id: int, timeout: float = 10.0) -> RecordedRequest:
    await until(lambda: message_id in replies(fake), timeout)
    return replies(fake)[message_id][0]


def callbacks(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [
        r
        for r in fake.find("POST", CALLBACK)
        if r.path == f"/interactions/{interaction.id}/{interaction.token}/callback"
    ]


def followups(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [r for r in fake.find("POST", rf"/webhooks/\d+/{re.escape(interaction.token)}") if r.status == 200]


async def until(condition: Any, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def final_body(fake: FakeDiscord, interaction: FakeInteraction) -> dict[str, Any] | None:
    """What the member finally sees for an interaction: the callback's data, or the followup after a defer."""
    done = [r for r in callbacks(fake, interaction) if r.status == 200]
    if not done:
        return None
    if done[0].json.get("type") == 5:
        sent = followups(fake, interaction)
        return sent[0].json if sent else None
    return done[0].json.get("data") or {}


def qid_of(body: dict[str, Any]) -> str | None:
    for row in body.get("components") or []:
        for item in row.get("components") or []:
            match = re.fullmatch(r"vote:up:(\w+)", item.get("custom_id", ""))
            if match:
                return match.group(1)
    return None
