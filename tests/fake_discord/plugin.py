"""The fake Discord as a pytest plugin (registered in ``tests/conftest.py``), and the one way to run the bot.

Fixtures: ``fake`` (a :class:`FakeDiscord`; no task may outlive the test), ``knowledge_dir`` (a copy of the
Discord test corpus), ``start_bot`` (``await start_bot(**env)``: the real client READY against ``fake``) and
``harness`` (one started bot). Tests that need more control (their own ``FakeDiscord``, another corpus)
use :func:`running_bot` directly; both go through it, so there is one way to start the bot in tests.
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

import discord
import paths
import pytest
from fake_settings import settings_for

from bot.assistant import Assistant
from bot.discord_front import endpoints
from bot.discord_front.client import DeclarationBot
from bot.limits import (
    DISCORD_CONTENT,
    DISCORD_EMBED_DESCRIPTION,
    DISCORD_EMBED_FOOTER,
    DISCORD_EMBED_TITLE,
    DISCORD_EMBED_TOTAL,
)
from bot.querylog.store import QueryLog
from bot.search.cache import cache_path_beside
from bot.settings import Settings

from .server import FakeDiscord, FakeUser, RecordedRequest

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
    """A running bot and what it was built from."""

    fake: FakeDiscord
    bot: DeclarationBot
    settings: Settings
    querylog: QueryLog
    assistant: Assistant
    clock: ManualClock | None
    task: asyncio.Task[None]

    async def mention(self, text: str, *, author: FakeUser | None = None, **kw: Any) -> RecordedRequest:
        """Post ``@bot text`` and return the bot's next message in that channel."""
        start = len(self.fake.requests)
        msg = await self.fake.post_message(
            f"{self.fake.bot_user.mention} {text}", author=author or self.fake.alice, **kw
        )
        return await self.fake.wait_for("POST", rf"/channels/{msg['channel_id']}/messages", after=start)

    async def reply_to_mention(self, text: str, author: FakeUser, timeout: float = 10.0, **kw: Any) -> RecordedRequest:
        """Post ``@bot text`` and return the bot's reply to that very message (safe with many at once)."""
        msg = await self.fake.post_message(f"{self.fake.bot_user.mention} {text}", author=author, **kw)
        return await reply_to(self.fake, int(msg["id"]), timeout)

    async def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of the query log (flushed first)."""
        await self.querylog.flush()

        def read() -> list[tuple[Any, ...]]:
            with contextlib.closing(sqlite3.connect(self.settings.db_path)) as conn:
                return conn.execute(sql, params).fetchall()

        return await asyncio.to_thread(read)


@contextlib.asynccontextmanager
async def running_bot(
    fake: FakeDiscord,
    tmp_path: Path,
    *,
    corpus: Path = paths.DISCORD_CORPUS,
    token: str = TOKEN,
    clock: ManualClock | None = None,
    bot_options: dict[str, Any] | None = None,
    batch_interval: float = 0.01,
    knowledge_cache: bool = False,
    **env: Any,
) -> AsyncIterator[Harness]:
    """The real ``DeclarationBot`` logged in (commands synced) and READY against ``fake``, closed on exit.

    ``tmp_path/knowledge`` (a copy of ``corpus`` unless it exists) and ``tmp_path/data/queries.db``;
    ``env`` overrides settings by their environment names. ``knowledge_cache``: the caches beside the query log,
    as ``python -m bot run`` has them (a served file broken by an edit keeps its last good version, also when a
    bot is started again on the same ``tmp_path``); off by default, since writing them costs each test seconds.
    """
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        shutil.copytree(corpus, knowledge)
    settings = settings_for(fake, knowledge, tmp_path / "data" / "queries.db", token=token, **env)
    previous = endpoints.apply(settings.discord_api_base, settings.discord_gateway_url)
    cache = cache_path_beside(settings.db_path) if knowledge_cache else None
    assistant = await asyncio.to_thread(Assistant.from_directory, settings.knowledge_dir, cache)
    querylog = await QueryLog.open(settings.db_path, secret="test-secret", batch_interval=batch_interval)
    options: dict[str, Any] = {"note_lifetime": 0.01, "guild_ready_timeout": 0.01, **(bot_options or {})}
    if clock is not None:
        options["clock"] = clock
    bot = DeclarationBot(settings=settings, assistant=assistant, querylog=querylog, **options)
    task: asyncio.Task[None] | None = None
    try:
        await bot.login(token)
        task = asyncio.create_task(bot.connect(reconnect=True))
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield Harness(fake, bot, settings, querylog, assistant, clock, task)
    finally:
        await bot.close()
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, 5)
        await querylog.close()
        assistant.close()
        endpoints.restore(previous)


# -- reading what the bot sent ------------------------------------------------------------------------------
def within_limits(embed: discord.Embed, content: str | None = None) -> bool:
    """True when ``embed`` (and message ``content``) respect Discord's size limits."""
    return (
        len(content or "") <= DISCORD_CONTENT
        and len(embed.title or "") <= DISCORD_EMBED_TITLE
        and len(embed.description or "") <= DISCORD_EMBED_DESCRIPTION
        and len(embed.footer.text or "") <= DISCORD_EMBED_FOOTER
        and len(embed) <= DISCORD_EMBED_TOTAL
    )


MESSAGES = r"/channels/\d+/messages"


def replies(fake: FakeDiscord) -> dict[int, list[RecordedRequest]]:
    """The bot's successful message posts, by the id of the message they reply to."""
    out: dict[int, list[RecordedRequest]] = {}
    for request in fake.find("POST", MESSAGES):
        reference = (request.json or {}).get("message_reference") or {}
        if request.status == 200 and reference.get("message_id"):
            out.setdefault(int(reference["message_id"]), []).append(request)
    return out


async def until(condition: Callable[[], Any], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def reply_to(fake: FakeDiscord, message_id: int, timeout: float = 10.0) -> RecordedRequest:
    await until(lambda: message_id in replies(fake), timeout)
    return replies(fake)[message_id][0]


def embed_of(request: RecordedRequest) -> dict[str, Any]:
    """The single embed of a message body (REST message or interaction callback data)."""
    body = request.json.get("data", request.json) if "type" in request.json else request.json
    (embed,) = body["embeds"]
    return embed


def custom_ids(body: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in body.get("components") or [] for c in row.get("components") or []]


def qid_of(body: dict[str, Any]) -> str | None:
    """The logged question id carried by the vote buttons of an answer (None without buttons)."""
    for custom_id in custom_ids(body):
        match = re.fullmatch(r"vote:(?:up|down):(\w+)(?::\w+)?", custom_id)
        if match:
            return match.group(1)
    return None


# -- fixtures -----------------------------------------------------------------------------------------------
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
    shutil.copytree(paths.DISCORD_CORPUS, target)
    return target


StartBot = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def start_bot(fake: FakeDiscord, knowledge_dir: Path, tmp_path: Path) -> AsyncIterator[StartBot]:
    """``await start_bot(bot_options=None, knowledge_cache=False, **env)``: a bot with a hand-moved clock, closed
    after the test (``knowledge_cache``: see :func:`running_bot`)."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(bot_options: dict[str, Any] | None = None, *, knowledge_cache: bool = False,
                        **env: Any) -> Harness:
            return await stack.enter_async_context(
                running_bot(fake, tmp_path, clock=ManualClock(), bot_options=bot_options,
                            knowledge_cache=knowledge_cache, **env)
            )

        yield start


@pytest.fixture
async def harness(start_bot: StartBot) -> Harness:
    return await start_bot()
