"""Maintainers' /logs commands (a configured maintainer role)."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot import limits
from bot.discord_front import embeds
from bot.discord_front.ask import Reply
from bot.discord_front.background import read_in_background
from bot.discord_front.language import interaction_language
from bot.discord_front.permissions import StaffGroup, require_maintainer, require_staff_guild
from bot.discord_front.replies import send
from bot.discord_front.translator import SUMMARY_DAYS, Describe
from bot.formatting import MISSING
from bot.i18n import t
from bot.limits import DAY
from bot.querylog import chart, reports
from bot.querylog.topics import TopicModel

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot
    from bot.settings import Settings

TOP = 5
CHART_FILE = "summary.png"


def summary_chart(
    db_path: Path, days: float, language: str, now: float | None = None, guild_id: int | None = None
) -> tuple[bytes | None, str]:
    """The questions-per-day chart as PNG, or (without matplotlib) a text line with a sparkline instead."""
    now = time.time() if now is None else now
    per_day = reports.daily(db_path, since=now - days * DAY, now=now, guild_id=guild_id)
    if not chart.available():
        return None, t("chart.text", language, spark=chart.sparkline(per_day))
    words = language if chart.can_write(language) else "en"
    png = chart.render_png(per_day, title=t("chart.title", words), questions_label=t("chart.questions", words),
                           rate_label=t("chart.rate", words))
    return png, ""


def summary_lines(
    db_path: Path,
    days: float,
    language: str,
    now: float | None = None,
    model: TopicModel | None = None,
    guild_id: int | None = None,
) -> list[str]:
    """The summary, then the most asked unanswered topics (grouped across languages with ``model``) and the 👎
    answers, of the server ``guild_id`` only when given (sqlite3: run it in a thread)."""
    now = time.time() if now is None else now
    since = now - days * DAY
    lines = reports.format_summary(reports.summary(db_path, days, now=now, guild_id=guild_id), language).split("\n")
    unanswered = reports.unanswered(db_path, since=since, now=now, limit=TOP, model=model, guild_id=guild_id)
    if unanswered:
        lines += ["", f"**{t('logs.unanswered', language)}**"]
        lines += [f"• {topic['count']}× {embeds.escape_user_text(topic['topic'], 150)}" for topic in unanswered]
    downvoted = reports.feedback(db_path, since=since, now=now, limit=TOP, guild_id=guild_id)
    if downvoted:
        lines += ["", f"**{t('logs.downvoted', language)}**"]
        for item in downvoted:
            cited = ", ".join(f"`{c['passage_id']}`" for c in item["citations"][:3]) or MISSING
            question = embeds.escape_user_text(item["question"], 150)
            lines.append(f"• 👎 {item['down']} 👍 {item['up']} — {question} → {cited}")
    return lines


async def summary_embed(
    bot: DeclarationBot, days: float, language: str, guild_id: int | None, *, now: float | None = None,
    title: str | None = None,
) -> tuple[discord.Embed, discord.File | None]:
    """``/logs summary`` and the weekly digest: one server's summary and chart as an embed, and the chart's
    file to attach (the reports run in threads)."""
    now = time.time() if now is None else now
    kb, retriever, db = bot.assistant.knowledge, bot.assistant.retriever, bot.settings.db_path
    lines = await read_in_background(
        lambda: summary_lines(db, days, language, now, TopicModel.from_knowledge(kb, retriever), guild_id)
    )
    png, text = await read_in_background(summary_chart, db, days, language, now, guild_id)
    if text:
        lines[1:1] = [text]
    embed = discord.Embed(
        title=title, description=embeds.fit_blocks(lines, limits.DISCORD_EMBED_DESCRIPTION, "\n"),
        colour=embeds.NOTICE_COLOUR,
    )
    if not png:
        return embed, None
    embed.set_image(url=f"attachment://{CHART_FILE}")
    return embed, discord.File(io.BytesIO(png), filename=CHART_FILE)


class LogCommands(StaffGroup):
    """``/logs``: reports over the query log, answered ephemerally."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, name="logs", description=Describe.LOGS)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        require_staff_guild(interaction, self.settings.staff_guilds)
        require_maintainer(interaction, self.settings.maintainer_roles)
        return True

    @app_commands.command(name="summary", description=Describe.LOGS_SUMMARY)
    @app_commands.describe(days=locale_str(Describe.LOGS_SUMMARY_DAYS))
    async def summary(
        self, interaction: discord.Interaction[DeclarationBot], days: app_commands.Range[int, 1, 3650] = SUMMARY_DAYS
    ) -> None:
        language = interaction_language(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        bot = interaction.client
        await bot.querylog.flush()
        if not bot.settings.db_path.exists():
            await send(interaction, Reply(content=t("logs.none", language), ephemeral=True))
            return
        # only this server's questions: its maintainers are not the other servers'
        embed, chart_file = await summary_embed(bot, days, language, interaction.guild_id)
        extra: dict[str, object] = {"file": chart_file} if chart_file else {}
        await send(interaction, Reply(embed=embed, ephemeral=True, extra=extra))
