"""The weekly digest (opt-in, ``BOT_DIGEST_CHANNEL``): the week's numbers, the most asked unanswered topics
(grouped across languages) and the 👎 answers of the digest channel's server, with the questions-per-day chart,
posted there by a ``discord.ext.tasks`` loop on ``BOT_DIGEST_DAY`` at ``BOT_DIGEST_TIME``.

Maintainers then see what to fix without asking for it. Only their own server's questions: the log is shared by
every server the bot is in. Members' names and ids never appear (the reports carry question texts and counts).
The words come from the catalog in ``BOT_DIGEST_LANGUAGE``, else the server's preferred locale (else English).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import tasks

from bot.discord_front.commands.logs import summary_embed
from bot.discord_front.language import guild_language
from bot.i18n import t
from bot.settings import WEEKDAYS, DigestSettings

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

log = logging.getLogger("bot.discord_front.digest")

DIGEST_DAYS = 7


def is_due(now: float, schedule: DigestSettings) -> bool:
    """The loop runs daily at ``schedule.at``; the digest goes out on ``schedule.weekday`` (in that time's zone)."""
    return WEEKDAYS[datetime.fromtimestamp(now, schedule.at.tzinfo).weekday()] == schedule.weekday


class WeeklyDigest:
    """Posts the digest to one channel; ``start()`` in the bot's setup, ``stop()`` on close, ``post()`` now."""

    def __init__(self, bot: DeclarationBot, schedule: DigestSettings, wall_clock: Callable[[], float]) -> None:
        self.bot = bot
        self.schedule = schedule
        self.wall_clock = wall_clock
        self.loop = tasks.loop(time=schedule.at)(self._tick)

    def start(self) -> None:
        self.loop.start()
        log.info("weekly digest on: channel %s, %s at %s", self.schedule.channel, self.schedule.weekday,
                 self.schedule.at.isoformat(timespec="minutes"))

    def stop(self) -> None:
        self.loop.cancel()

    async def _tick(self) -> None:
        if is_due(self.wall_clock(), self.schedule):
            await self.post()

    async def post(self) -> discord.Message | None:
        """Build and send the digest now; None (and one log line) when the channel cannot be used."""
        bot = self.bot
        channel = await self._channel()
        if channel is None:
            return None
        await bot.querylog.flush()
        if not bot.settings.db_path.exists():
            log.info("weekly digest: no query log yet, nothing posted")
            return None
        guild = channel.guild
        language = self.schedule.language or guild_language(guild)
        embed, chart_file = await summary_embed(
            bot, DIGEST_DAYS, language, guild.id, now=self.wall_clock(), title=t("digest.title", language)
        )
        kwargs: dict[str, Any] = {"embed": embed, "allowed_mentions": discord.AllowedMentions.none()}
        if chart_file:
            kwargs["file"] = chart_file
        try:
            return await channel.send(**kwargs)
        except discord.HTTPException as exc:
            log.warning("weekly digest: cannot post to channel %s (%s)", self.schedule.channel, exc)
            return None

    async def _channel(self) -> discord.TextChannel | discord.Thread | None:
        """The digest channel: a server's text channel or thread (its server is the one reported)."""
        channel_id = self.schedule.channel
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        except discord.HTTPException as exc:
            log.warning("weekly digest: cannot find channel %s (%s)", channel_id, exc)
            return None
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            log.warning("weekly digest: channel %s is not a server's text channel, nothing posted", channel_id)
            return None
        return channel
