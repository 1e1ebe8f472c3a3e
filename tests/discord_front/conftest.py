"""Fixtures: a fake Discord on 127.0.0.1 and the real bot connected to it.

``fake_discord`` is importable because pytest puts ``tests/`` on ``sys.path`` for this package.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import paths
import pytest
from fake_discord import FakeDiscord, FakeUser, RecordedRequest
from fake_settings import settings_for

from bot.assistant import Assistant
from bot.discord_front import endpoints
from bot.discord_front.client import DeclarationBot
from bot.querylog.store import QueryLog
from bot.settings import Settings

CORPUS = paths.DISCORD_CORPUS
TOKEN = "fake-token"


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    fake: FakeDiscord
    bot: DeclarationBot
    settings: Settings
    querylog: QueryLog
    assistant: Assistant
    clock: ManualClock

    async def mention(self, text: str, *, author: FakeUser | None = None, **kw: Any) -> RecordedRequest:
        """Post ``@bot text`` and return the bot's reply request."""
        start = len(self.fake.requests)
        msg = await self.fake.post_message(
            f"{self.fake.bot_user.mention} {text}", author=author or self.fake.alice, **kw
        )
        return await self.fake.wait_for("POST", rf"/channels/{msg['channel_id']}/messages", after=start)

    async def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of the query log (flushed first)."""
        await self.querylog.flush()

        def read() -> list[tuple[Any, ...]]:
            with contextlib.closing(sqlite3.connect(self.settings.db_path)) as conn:
                return conn.execute(sql, params).fetchall()

        return await asyncio.to_thread(read)


async def leftover_tasks(grace: float = 1.0) -> list[asyncio.Task[Any]]:
    """Tasks still running (other than the test's own) after ``grace`` seconds."""
    current = asyncio.current_task()
    deadline = asyncio.get_running_loop().time() + grace
    while True:
        tasks = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
        if not tasks or asyncio.get_running_loop().time() > deadline:
            return tasks
        await asyncio.sleep(0.01)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """The fake Discord; on teardown (after the bots are closed) no task may be left running."""
    async with FakeDiscord() as server:
        yield server
    leaked = await leftover_tasks()
    assert not leaked, f"tasks leaked: {[t.get_name() for t in leaked]}"


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(CORPUS, target)
    return target


StartBot = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def start_bot(fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path) -> AsyncIterator[StartBot]:
    """``await start_bot(**env)``: the real client logged in (commands synced) and READY against ``fake``."""
    started: list[tuple[Harness, asyncio.Task[None]]] = []
    previous = endpoints.current()

    async def start(bot_options: dict[str, Any] | None = None, **env: Any) -> Harness:
        settings = settings_for(fake, knowledge_dir, tmp_path / "data" / "queries.db", token=TOKEN, **env)
        endpoints.apply(settings.discord_api_base, settings.discord_gateway_url)
        assistant = Assistant.from_directory(settings.knowledge_dir)
        querylog = await QueryLog.open(settings.db_path, secret="test-secret", batch_interval=0.01)
        clock = ManualClock()
        bot = DeclarationBot(
            settings=settings,
            assistant=assistant,
            querylog=querylog,
            clock=clock,
            note_lifetime=0.01,
            guild_ready_timeout=0.01,
            **(bot_options or {}),
        )
        await bot.login(TOKEN)
        task = asyncio.create_task(bot.connect(reconnect=True))
        harness = Harness(fake, bot, settings, querylog, assistant, clock)
        started.append((harness, task))
        await asyncio.wait_for(bot.wait_until_ready(), 5)
        return harness

    yield start
    for harness, task in started:
        await harness.bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)
        await harness.querylog.close()
        harness.assistant.close()
    endpoints.restore(previous)


@pytest.fixture
async def harness(start_bot: StartBot) -> Harness:
    return await start_bot()


def embed_of(request: RecordedRequest) -> dict[str, Any]:
    """The single embed of a message body (REST message or interaction callback data)."""
    body = request.json.get("data", request.json) if "type" in request.json else request.json
    (embed,) = body["embeds"]
    return embed


def custom_ids(body: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in body.get("components", []) for c in row["components"]]


def qid_of(body: dict[str, Any]) -> str:
    ids = [m["qid"] for c in custom_ids(body) if (m := re.fullmatch(r"vote:(?:up|down):(?P<qid>\w+)", c))]
    assert ids, body
    return ids[0]
