"""Shared by the Discord reliability tests: the real client, assistant and query log against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import paths
from fake_discord import FakeDiscord, FakeInteraction, RecordedRequest, plugin
from fake_discord.plugin import Harness, qid_of, replies, reply_to, until

CORPUS = paths.SHIPPED_KNOWLEDGE
# Shaped like a real bot token, so a leak would be easy to spot in logs and files.
TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GrELia.reliability-SECRET-token-4f9c2b7e"
EPHEMERAL = 1 << 6
CALLBACK = r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback"


def running_bot(fake: FakeDiscord, tmp_path: Path, **options: Any) -> AbstractAsyncContextManager[Harness]:
    """The one bot starter (``fake_discord.plugin.running_bot``) on the shipped corpus with a token-shaped secret."""
    return plugin.running_bot(fake, tmp_path, corpus=CORPUS, token=TOKEN, batch_interval=0.02, **options)


@contextlib.asynccontextmanager
async def bot_process(
    fake: FakeDiscord,
    tmp_path: Path,
    *,
    knowledge: Path = CORPUS,
    options: Sequence[str] = (),
    stderr: int = asyncio.subprocess.DEVNULL,
    **settings: str,
) -> AsyncIterator[asyncio.subprocess.Process]:
    """A real ``python -m bot [options] run`` process against ``fake``, in ``tmp_path`` with its query log at
    ``tmp_path/data/queries.db``; ``settings`` are more environment variables. It is yielded once connected
    and its global commands are synced, and killed on the way out if still running."""
    env = {
        **os.environ,
        "PYTHONPATH": str(paths.ROOT),
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "BOT_DB_PATH": str(tmp_path / "data" / "queries.db"),
        "BOT_KNOWLEDGE_DIR": str(knowledge),
        "BOT_LOG_SECRET": "process-test",
        **settings,
    }
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *options, "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
    )
    try:
        await fake.wait_connected(timeout=60)
        await until(lambda: bool(fake.find("PUT", r"/applications/\d+/commands")), timeout=30)
        yield bot
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()


async def stop(bot: asyncio.subprocess.Process) -> str:
    """SIGTERM, then what the process wrote on stderr (started with ``stderr=PIPE``)."""
    bot.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(bot.communicate(), 30)
    return err.decode("utf-8", "replace")


def callbacks(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [
        r
        for r in fake.find("POST", CALLBACK)
        if r.path == f"/interactions/{interaction.id}/{interaction.token}/callback"
    ]


def followups(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [r for r in fake.find("POST", rf"/webhooks/\d+/{re.escape(interaction.token)}") if r.status == 200]


def final_body(fake: FakeDiscord, interaction: FakeInteraction) -> dict[str, Any] | None:
    """What the member finally sees for an interaction: the callback's data, or the followup after a defer."""
    return Responses(fake).final_body(interaction)


class Responses:
    """What the bot has sent so far, read in one pass over the fake's records. A load test's waits poll on the loop
    the bot and the fake share: a pass per question (~50 ms of CPU a poll for 200 questions, several times that in
    wall time at load 10) delayed the very heartbeats the test measures."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.by_message = replies(fake)
        self._by_token: dict[str, list[RecordedRequest]] = {}
        for request in fake.requests:  # /interactions/{id}/{token}/callback, /webhooks/{app}/{token}[/…]
            parts = request.path.split("/")
            if request.status == 200 and len(parts) > 3 and parts[1] in ("interactions", "webhooks"):
                self._by_token.setdefault(parts[3], []).append(request)

    def final_body(self, interaction: FakeInteraction) -> dict[str, Any] | None:
        mine = [r for r in self._by_token.get(interaction.token, []) if r.method == "POST"]
        done = [r for r in mine if r.path == f"/interactions/{interaction.id}/{interaction.token}/callback"]
        if not done:
            return None
        if done[0].json.get("type") == 5:
            sent = [r for r in mine if re.fullmatch(rf"/webhooks/\d+/{re.escape(interaction.token)}", r.path)]
            return sent[0].json if sent else None
        return done[0].json.get("data") or {}

    def last_at(self, interaction: FakeInteraction) -> float:
        """When the bot's last successful request for ``interaction`` came."""
        return max(r.at for r in self._by_token.get(interaction.token, []))


__all__ = ["CORPUS", "EPHEMERAL", "TOKEN", "Responses", "bot_process", "callbacks", "final_body", "followups", "qid_of",
           "replies", "reply_to", "running_bot", "stop", "until"]
