"""Moderators' /kb commands (Manage Server or a moderator role): status, reload, list, show, add (or replace),
remove, restore, history. Changes go through ``bot.knowledge.edits``, which records who made them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.assistant import ReloadResult
from bot.buildcheck import BuildBudget, BuildChecks, check_build
from bot.discord_front import embeds
from bot.discord_front.ask import Reply
from bot.discord_front.language import interaction_language
from bot.discord_front.permissions import StaffGroup, require_moderator, require_staff_guild
from bot.discord_front.replies import send
from bot.discord_front.translator import Describe
from bot.formatting import MISSING
from bot.i18n import t
from bot.knowledge import edits
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.uploads import UploadRefused, check_upload
from bot.limits import PREVIEW_CHARS, flat_clip
from bot.models import Document, KnowledgeBase, LoadError, column

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot
    from bot.settings import Settings

MAX_ERRORS_SHOWN = 25
Edit = Callable[[Path, KnowledgeBase, str, str], edits.Change]  # remove or restore: (folder, kb, id, who)
MAX_PASSAGES_SHOWN = 15
LINE_CHARS = 300  # an error, a kept or dropped file: one line of a /kb reply
ID_CHARS = 100  # a document id a moderator typed, quoted back
HISTORY_SHOWN = 10


def error_lines(errors: list[LoadError], limit: int = MAX_ERRORS_SHOWN) -> list[str]:
    """One ``• `path:line: message` `` line per error (at most ``limit``, then a count of the rest)."""
    lines = [f"• `{embeds.clip(str(e).replace('`', ''), LINE_CHARS)}`" for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"… (+{len(errors) - limit})")
    return lines


def kept_lines(kept: list[str], language: str) -> list[str]:
    """One line per file that has errors but is still served in its last good version."""
    return [f"• `{embeds.clip(t('kb.kept_file', language, path=path).replace('`', ''), LINE_CHARS)}`" for path in kept]


def built_text(built_at: datetime | None) -> str:
    if built_at is None:
        return MISSING
    return f"{discord.utils.format_dt(built_at, 'f')} ({discord.utils.format_dt(built_at, 'R')})"


def status_lines(
    kb: KnowledgeBase, built_at: datetime | None, language: str, last_reload: ReloadResult | None = None
) -> list[str]:
    lines = t(
        "kb.status.body",
        language,
        documents=len(kb.documents),
        passages=len(kb.passages),
        languages=", ".join(kb.languages) or MISSING,
        built=built_text(built_at),
    ).split("\n")
    lines.append("")
    errors, kept = kb.errors, kb.kept
    if last_reload is not None and not last_reload.swapped:  # the last load failed as a whole
        lines.append(t("kb.reload.kept", language))
        errors, kept = last_reload.errors, last_reload.kept
    if errors:
        lines.append(t("kb.errors", language, count=len(errors)))
        lines.extend(error_lines(errors))
        lines.extend(kept_lines(kept, language))
    else:
        lines.append(t("kb.no_errors", language))
    if kb.warnings:
        lines.append(t("kb.warnings", language, count=len(kb.warnings)))
        lines.extend(error_lines(kb.warnings))
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
        lines.extend(f"• `{embeds.clip(line.replace('`', ''), LINE_CHARS)}`" for line in result.dropped)
    if result.errors:
        lines.append(t("kb.errors", language, count=len(result.errors)))
        lines.extend(error_lines(result.errors))
        lines.extend(kept_lines(result.kept, language))
    if result.warnings:
        lines.append(t("kb.warnings", language, count=len(result.warnings)))
        lines.extend(error_lines(result.warnings))
    return lines


def list_lines(kb: KnowledgeBase, language: str) -> list[str]:
    """``/kb list``: one line per document, in folder order."""
    lines = [t("kb.list.header", language)]
    for doc in sorted(kb.documents, key=lambda d: d.path):
        lines.append(f"`{doc.id}` · {doc.language} · {doc.passage_count} · `{doc.path}`")
    return lines


def show_lines(kb: KnowledgeBase, document: Document, language: str) -> list[str]:
    """``/kb show``: the document's keys, then its passages (id, line, start of the text)."""
    lines = t(
        "kb.show.meta", language, doc_language=document.language, passages=document.passage_count,
        path=document.path, source=document.source,
    ).split("\n")
    if document.group or document.translation_of:
        lines.append(f"group: {document.group or MISSING} · translation_of: {document.translation_of or MISSING}")
    lines.append("")
    passages = [kb.passages[i] for i, doc_id in enumerate(column(kb.passages, "doc_id")) if doc_id == document.id]
    for passage in passages[:MAX_PASSAGES_SHOWN]:
        preview = flat_clip(passage.text.replace("`", ""), PREVIEW_CHARS)
        lines.append(f"`{passage.id}` (l. {passage.line}) {preview}")
    if len(passages) > MAX_PASSAGES_SHOWN:
        lines.append(f"… (+{len(passages) - MAX_PASSAGES_SHOWN})")
    return lines


def history_lines(changes: list[edits.Change]) -> list[str]:
    """``/kb history``: when, who (a mention, for staff), what, which file, the start of its SHA-256."""
    return [
        f"{discord.utils.format_dt(datetime.fromtimestamp(c.ts, UTC), 'f')} {f'<@{c.who}>' if c.who else MISSING} "
        f"**{c.action}** "
        f"`{c.id or MISSING}` `{c.path}` sha256:{c.sha256[:12]}"
        for c in changes
    ]


class KnowledgeCommands(StaffGroup):
    """``/kb``: hidden by default to members without Manage Server; checked again at run time."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, name="kb", description=Describe.KB)
        self._edit_lock = asyncio.Lock()  # one change of the folder at a time

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        require_staff_guild(interaction, self.settings.staff_guilds)
        require_moderator(interaction, self.settings.moderator_roles)
        return True

    @app_commands.command(name="status", description=Describe.KB_STATUS)
    async def status(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        bot = interaction.client
        lines = status_lines(bot.assistant.knowledge, bot.assistant.built_at, language, bot.last_reload)
        await send(
            interaction, Reply(embed=embeds.notice_embed(t("kb.status.title", language), lines), ephemeral=True)
        )

    @app_commands.command(name="reload", description=Describe.KB_RELOAD)
    async def reload(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        waited = interaction.client.assistant.reloading  # another moderator's, /kb add's or the watcher's: one at once
        result = await interaction.client.assistant.reload()
        interaction.client.reloaded(result)
        title = t("kb.status.title", language)
        lines = [*([t("kb.reload.waited", language)] if waited else []), *reload_lines(result, language)]
        await send(interaction, Reply(embed=embeds.notice_embed(title, lines), ephemeral=True))

    @app_commands.command(name="list", description=Describe.KB_LIST)
    async def list_documents(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        kb = interaction.client.assistant.knowledge
        title = t("kb.list.title", language, count=len(kb.documents))
        await send(interaction, Reply(embed=embeds.notice_embed(title, list_lines(kb, language)), ephemeral=True))

    @app_commands.command(name="show", description=Describe.KB_SHOW)
    @app_commands.rename(doc_id="id")
    @app_commands.describe(doc_id=locale_str(Describe.KB_DOC_ID))
    async def show(self, interaction: discord.Interaction[DeclarationBot], doc_id: str) -> None:
        language = interaction_language(interaction)
        kb = interaction.client.assistant.knowledge
        document = next((d for d in kb.documents if d.id == doc_id.strip()), None)
        if document is None:
            text = t("kb.unknown_id", language, id=embeds.clip(doc_id.replace("`", ""), ID_CHARS))
            await send(interaction, Reply(content=text, ephemeral=True))
            return
        embed = embeds.notice_embed(document.title, show_lines(kb, document, language))
        await send(interaction, Reply(embed=embed, ephemeral=True))

    @app_commands.command(name="history", description=Describe.KB_HISTORY)
    async def history(self, interaction: discord.Interaction[DeclarationBot]) -> None:
        language = interaction_language(interaction)
        directory = interaction.client.assistant.knowledge_dir
        changes = await asyncio.to_thread(edits.history, directory, HISTORY_SHOWN)
        lines = history_lines(changes) or [t("kb.history.none", language)]
        embed = embeds.notice_embed(t("kb.history.title", language), lines)
        await send(interaction, Reply(embed=embed, ephemeral=True))

    @app_commands.command(name="remove", description=Describe.KB_REMOVE)
    @app_commands.rename(doc_id="id")
    @app_commands.describe(doc_id=locale_str(Describe.KB_DOC_ID))
    async def remove(self, interaction: discord.Interaction[DeclarationBot], doc_id: str) -> None:
        await self._change(interaction, edits.remove, doc_id.strip(), "kb.remove.done")

    @app_commands.command(name="restore", description=Describe.KB_RESTORE)
    @app_commands.rename(doc_id="id")
    @app_commands.describe(doc_id=locale_str(Describe.KB_RESTORE_DOC_ID))
    async def restore(self, interaction: discord.Interaction[DeclarationBot], doc_id: str) -> None:
        await self._change(interaction, edits.restore, doc_id.strip(), "kb.restore.done")

    async def _change(
        self, interaction: discord.Interaction[DeclarationBot], edit: Edit, doc_id: str, done: str
    ) -> None:
        """Remove or restore under the edit lock, then reload and say what the reload did."""
        language = interaction_language(interaction)
        title = t("kb.status.title", language)
        await interaction.response.defer(ephemeral=True, thinking=True)
        assistant = interaction.client.assistant
        async with self._edit_lock:
            try:
                change = await asyncio.to_thread(
                    edit, assistant.knowledge_dir, assistant.knowledge, doc_id, str(interaction.user.id)
                )
            except (edits.EditRefused, OSError) as refused:
                lines = [t("kb.refused", language), f"• {embeds.clip(str(refused).replace('`', ''), LINE_CHARS)}"]
                embed = embeds.notice_embed(title, lines, embeds.ABSTAIN_COLOUR)
                await send(interaction, Reply(embed=embed, ephemeral=True))
                return
            result = await assistant.reload()
        interaction.client.reloaded(result)
        lines = [t(done, language, id=doc_id, path=change.path), *reload_lines(result, language)]
        await send(interaction, Reply(embed=embeds.notice_embed(title, lines), ephemeral=True))

    @app_commands.command(name="add", description=Describe.KB_ADD)
    @app_commands.describe(
        file=locale_str(Describe.KB_ADD_FILE),
        replace=locale_str(Describe.KB_ADD_REPLACE),
    )
    async def add(
        self, interaction: discord.Interaction[DeclarationBot], file: discord.Attachment, replace: bool = False
    ) -> None:
        language = interaction_language(interaction)
        title = t("kb.status.title", language)
        name = discord.utils.escape_markdown(file.filename.replace("`", ""))
        if file.size > MAX_FILE_BYTES:
            text = t("kb.add.too_big", language, name=name, size=file.size, limit=MAX_FILE_BYTES)
            await send(interaction, Reply(content=text, ephemeral=True))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        assistant = interaction.client.assistant
        directory = assistant.knowledge_dir
        async with self._edit_lock:
            change, errors = await asyncio.to_thread(
                _upload, file.filename, data, directory, assistant.knowledge, replace, str(interaction.user.id),
                assistant.build_budget, assistant.build_checks,
            )
            if change is not None:
                result = await assistant.reload()
        if change is None:
            lines = [t("kb.add.rejected", language, name=name), *error_lines(errors)]
            await send(
                interaction, Reply(embed=embeds.notice_embed(title, lines, embeds.ABSTAIN_COLOUR), ephemeral=True)
            )
            return
        interaction.client.reloaded(result)
        if change.action is edits.Action.REPLACE:
            saved = t("kb.add.replaced", language, name=name, path=change.path, id=change.id or name)
        else:
            saved = t("kb.add.saved", language, name=name, path=change.path)
        lines = [saved, *reload_lines(result, language)]
        await send(interaction, Reply(embed=embeds.notice_embed(title, lines), ephemeral=True))


def _upload(
    filename: str, data: bytes, directory: Path, kb: KnowledgeBase, replace: bool, who: str,
    budget: BuildBudget | None = None, checks: BuildChecks | None = None,
) -> tuple[edits.Change | None, list[LoadError]]:
    """Plan, check and save an upload (worker thread): the recorded change, or the reasons it was refused."""
    try:
        plan = edits.plan_upload(filename, data, directory, kb, replace)
    except edits.EditRefused as refused:
        return None, [LoadError(filename, refused.line, str(refused))]
    errors = check_upload(filename, data, directory, target=plan.target)
    if errors:
        return None, errors
    if budget is not None:  # indexed in a budgeted process before it is saved: a failing file never lands
        problem = check_build(directory, budget, (plan.target, data), name=filename, checks=checks)
        if problem is not None:
            return None, [problem]
    try:
        return edits.save(plan, filename, data, directory, who), []
    except (UploadRefused, edits.EditRefused) as refused:
        return None, [LoadError(filename, 1, str(refused))]
