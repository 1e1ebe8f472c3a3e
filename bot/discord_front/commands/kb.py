"""Moderators' /kb commands: status, reload, add (Manage Server or a moderator role)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.assistant import ReloadResult
from bot.discord_front import embeds
from bot.discord_front.ask import Reply
from bot.discord_front.language import interaction_language
from bot.discord_front.permissions import StaffGroup, require_moderator
from bot.discord_front.replies import send
from bot.i18n import t
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.uploads import UploadRefused, check_upload, save_upload
from bot.models import KnowledgeBase, LoadError

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot
    from bot.settings import Settings

MAX_ERRORS_SHOWN = 25


def error_lines(errors: list[LoadError], limit: int = MAX_ERRORS_SHOWN) -> list[str]:
    """One ``• `path:line: message` `` line per error (at most ``limit``, then a count of the rest)."""
    lines = [f"• `{embeds.clip(str(e).replace('`', ''), 300)}`" for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"… (+{len(errors) - limit})")
    return lines


def built_text(built_at: datetime | None) -> str:
    if built_at is None:
        return "–"
    return f"{discord.utils.format_dt(built_at, 'f')} ({discord.utils.format_dt(built_at, 'R')})"


def status_lines(
    kb: KnowledgeBase, built_at: datetime | None, language: str, last_reload: ReloadResult | None = None
) -> list[str]:
    lines = t(
        "kb.status.body",
        language,
        documents=len(kb.documents),
        passages=len(kb.passages),
        languages=", ".join(kb.languages) or "–",
        built=built_text(built_at),
    ).split("\n")
    lines.append("")
    errors = kb.errors
    if last_reload is not None and not last_reload.swapped:  # the last load failed as a whole
        lines.append(t("kb.reload.kept", language))
        errors = last_reload.errors
    if errors:
        lines.append(t("kb.errors", language, count=len(errors)))
        lines.extend(error_lines(errors))
    else:
        lines.append(t("kb.no_errors", language))
    return lines


def reload_lines(result: ReloadResult, language: str) -> list[str]:
    """What a reload did: new counts (or "previous index kept"), what it lost of what was served, the files
    that failed (a refused newcomer first named by its own path), then the warnings."""
    if result.swapped:
        lines = [t("kb.reload.done", language, documents=result.documents, passages=result.passages)]
    else:
        lines = [t("kb.reload.kept", language)]
    if result.dropped:
        lines.append(t("kb.reload.dropped", language))
        lines.extend(f"• `{embeds.clip(line.replace('`', ''), 300)}`" for line in result.dropped)
    if result.errors:
        lines.append(t("kb.errors", language, count=len(result.errors)))
        lines.extend(error_lines(result.errors))
    if result.warnings:
        lines.append(t("kb.warnings", language, count=len(result.warnings)))
        lines.extend(error_lines(result.warnings))
    return lines


class KnowledgeCommands(StaffGroup):
    """``/kb``: hidden by default to members without Manage Server; checked again at run time."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, name="kb", description="Knowledge base (moderators)")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        require_moderator(interaction, self.settings.moderator_roles)
        return True

    @app_commands.command(name="status", description="Documents, passages, languages, last build and load errors")
    async def status(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        bot = interaction.client
        lines = status_lines(bot.assistant.knowledge, bot.assistant.built_at, language, bot.last_reload)
        await send(
            interaction, Reply(embed=embeds.notice_embed(t("kb.status.title", language), lines), ephemeral=True)
        )

    @app_commands.command(name="reload", description="Rebuild the index from the knowledge files")
    async def reload(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await interaction.client.assistant.reload()
        interaction.client.reloaded(result)
        title = t("kb.status.title", language)
        await send(interaction, Reply(embed=embeds.notice_embed(title, reload_lines(result, language)), ephemeral=True))

    @app_commands.command(name="add", description="Upload a knowledge file (.md, .txt, .yaml) and reload")
    @app_commands.describe(file="The knowledge file")
    async def add(self, interaction: discord.Interaction[DeclarationBot], file: discord.Attachment) -> None:
        language = interaction_language(interaction)
        title = t("kb.status.title", language)
        name = discord.utils.escape_markdown(file.filename.replace("`", ""))
        if file.size > MAX_FILE_BYTES:
            text = t("kb.add.too_big", language, name=name, size=file.size, limit=MAX_FILE_BYTES)
            await send(interaction, Reply(content=text, ephemeral=True))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        directory = interaction.client.assistant.knowledge_dir
        errors = await asyncio.to_thread(check_upload, file.filename, data, directory)
        if not errors:
            try:
                path = await asyncio.to_thread(save_upload, file.filename, data, directory)
            except UploadRefused as refused:
                errors = [LoadError(file.filename, 1, str(refused))]
        if errors:
            lines = [t("kb.add.rejected", language, name=name), *error_lines(errors)]
            await send(
                interaction, Reply(embed=embeds.notice_embed(title, lines, embeds.ABSTAIN_COLOUR), ephemeral=True)
            )
            return
        result = await interaction.client.assistant.reload()
        interaction.client.reloaded(result)
        shown = path.relative_to(directory.resolve()) if path.is_relative_to(directory.resolve()) else path.name
        lines = [t("kb.add.saved", language, name=name, path=shown), *reload_lines(result, language)]
        await send(interaction, Reply(embed=embeds.notice_embed(title, lines), ephemeral=True))
