"""The weekly digest (opt-in, ``BOT_DIGEST_CHANNEL``): the week's numbers, the most asked unanswered topics
(grouped across languages) and the 👎 answers, with the questions-per-day chart, posted to the maintainers'
channel every Monday at 08:00 UTC by a ``discord.ext.tasks`` loop.

Maintainers then see what to fix without asking for it; members' names and ids never appear (the reports
carry question texts and counts only).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import time as day_time
from typing import TYPE_CHECKING

import discord
from discord.ext import tasks

from bot import limits
from bot.discord_front import embeds
from bot.discord_front.commands.logs import CHART_FILE, summary_chart, summary_lines
from bot.i18n import DEFAULT_LANGUAGE, t
from bot.querylog.topics import TopicModel

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

log = logging.getLogger("bot.discord_front.digest")

DIGEST_DAYS = 7
DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = day_time(8, 0, tzinfo=UTC)


def is_due(now: float) -> bool:
    """The loop runs daily at ``DIGEST_TIME``; the digest goes out on ``DIGEST_WEEKDAY`` only."""
    return datetime.fromtimestamp(now, UTC).weekday() == DIGEST_WEEKDAY


class WeeklyDigest:
    """Posts the digest to one channel; ``start()`` in the bot's setup, ``stop()`` on close, ``post()`` now."""

    def __init__(self, bot: DeclarationBot, channel_id: int, wall_clock: Callable[[], float],
                 language: str = DEFAULT_LANGUAGE) -> None:
        self.bot = bot
        self.channel_id = channel_id
        self.wall_clock = wall_clock
        self.language = language
        self.loop = tasks.loop(time=DIGEST_TIME)(self._tick)

    def start(self) -> None:
        self.loop.start()
        log.info("weekly digest on: channel %s, Mondays %s UTC", self.channel_id, DIGEST_TIME.strftime("%H:%M"))

    def stop(self) -> None:
        self.loop.cancel()

    async def _tick(self) -> None:
        if is_due(self.wall_clock()):
            await self.post()

    async def post(self) -> discord.Message | None:
        """Build and send the digest now; None (and one log line) when the channel cannot be used."""
        bot = self.bot
        await bot.querylog.flush()
        db = bot.settings.db_path
        if not db.exists():
            log.info("weekly digest: no query log yet, nothing posted")
            return None
        now = self.wall_clock()
        kb, retriever = bot.assistant.knowledge, bot.assistant.retriever
        lines = await asyncio.to_thread(
            lambda: summary_lines(db, DIGEST_DAYS, self.language, now,
                                  model=TopicModel.from_knowledge(kb, retriever))
        )
        png, text = await asyncio.to_thread(summary_chart, db, DIGEST_DAYS, self.language, now)
        if text:
            lines[1:1] = [text]
        embed = discord.Embed(
            title=t("digest.title", self.language),
            description=embeds.fit_blocks(lines, limits.DISCORD_EMBED_DESCRIPTION, "\n"),
            colour=embeds.NOTICE_COLOUR,
        )
        kwargs: dict[str, object] = {"embed": embed, "allowed_mentions": discord.AllowedMentions.none()}
        if png:
            embed.set_image(url=f"attachment://{CHART_FILE}")
            kwargs["file"] = discord.File(io.BytesIO(png), filename=CHART_FILE)
        try:
            channel = bot.get_channel(self.channel_id) or await bot.fetch_channel(self.channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                raise TypeError("not a text channel")
            return await channel.send(**kwargs)  # type: ignore[arg-type]
        except (discord.HTTPException, TypeError) as exc:
            log.warning("weekly digest: cannot post to channel %s (%s)", self.channel_id, exc)
            return None
