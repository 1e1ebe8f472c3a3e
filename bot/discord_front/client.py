"""The discord.py client: resources come in through the constructor, commands are synced in ``setup_hook``."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.assistant import Assistant, ReloadResult
from bot.autocomplete import REFRESH_SECONDS, QuestionIndex, popular_questions
from bot.conversation import Conversations
from bot.discord_front.ask import AskDesk
from bot.discord_front.background import read_in_background
from bot.discord_front.commands.kb import KnowledgeCommands
from bot.discord_front.commands.logs import LogCommands
from bot.discord_front.commands.member import member_commands
from bot.discord_front.commands.mentions import AnswerTrail, on_mention, on_question_edited, on_questions_deleted
from bot.discord_front.digest import WeeklyDigest
from bot.discord_front.guards import Cooldown, DuplicateGuard
from bot.discord_front.language import interaction_language
from bot.discord_front.permissions import NotAllowed
from bot.discord_front.suggestions import SuggestButton
from bot.discord_front.translator import CommandTranslator
from bot.discord_front.views import VoteButton
from bot.discord_front.watcher import watch_knowledge
from bot.i18n import t
from bot.querylog.store import QueryLog
from bot.settings import Settings

log = logging.getLogger(__name__)


def minimal_intents() -> discord.Intents:
    """Guilds, guild and DM messages; no members, presences or (privileged) message content.

    Messages that mention the bot, and DMs, carry their text without the message-content intent.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


class BotTree(app_commands.CommandTree["DeclarationBot"]):
    """The command tree with one error handler: a short ephemeral message, the traceback in the log."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        language = interaction_language(interaction)
        if isinstance(error, NotAllowed):
            text = t(error.key, language)
            log.info("refused /%s: %s", _command_name(interaction), error.key)  # no member id in the logs
        elif isinstance(error, app_commands.NoPrivateMessage) or (
            isinstance(error, app_commands.CommandNotFound) and interaction.guild_id is None
        ):
            text = t("refused.guild_only", language)
        elif isinstance(error, app_commands.CommandNotFound):  # /kb from a server outside BOT_STAFF_GUILDS, or a
            staff = self._staff_command(error.name)  # command a member's client still shows after it was removed
            text = t("refused.staff_guild" if staff else "refused.unknown_command", language)
            log.info("refused /%s: not a command here", error.name)
        else:
            text = t("internal_error", language)
            log.error("command /%s failed", _command_name(interaction), exc_info=error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
            else:
                await interaction.response.send_message(
                    text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
                )
        except discord.HTTPException:
            log.warning("could not send the error message for interaction %s", interaction.id, exc_info=True)


    def _staff_command(self, name: str) -> bool:
        """``name`` is a command of the staff servers (/kb, /logs): elsewhere it gets "staff servers only"."""
        staff = getattr(self.client, "settings", None)
        guilds = staff.staff_guilds if staff is not None else []
        return any(self.get_command(name, guild=discord.Object(id=guild)) is not None for guild in guilds)


def _command_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    return command.qualified_name if command is not None else "?"


class DeclarationBot(discord.Client):
    """Answers members' questions with cited passages; resources are handed in, never global.

    The assistant and the query log stay owned by the caller (``python -m bot run`` closes them after the bot).
    """

    def __init__(
        self,
        *,
        settings: Settings,
        assistant: Assistant,
        querylog: QueryLog,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        defer_after: float = 1.0,
        note_lifetime: float = 15.0,
        watch_interval: float = 5.0,
        forget_timeout: float = 120.0,
        autocomplete_refresh: float = REFRESH_SECONDS,
        **options: Any,
    ) -> None:
        options.setdefault("intents", minimal_intents())
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        super().__init__(**options)
        self.settings = settings
        self.assistant = assistant
        self.querylog = querylog
        self.defer_after = defer_after
        self.note_lifetime = note_lifetime
        self.watch_interval = watch_interval
        self.forget_timeout = forget_timeout  # how long /forget-me waits for its confirmation
        self.desk = AskDesk(
            assistant,
            querylog,
            Cooldown(settings.cooldown_questions, settings.cooldown_seconds, clock),
            DuplicateGuard(settings.duplicate_window_seconds, clock),
            wall_clock,
            Conversations(clock=clock),
            settings.log_retention_days,
        )
        self.tree = BotTree(self)
        self.synced: list[app_commands.AppCommand] = []
        self.last_reload: ReloadResult | None = None  # shown by /kb status
        self._chores: list[asyncio.Task[None]] = []
        self.autocomplete_refresh = autocomplete_refresh
        self.questions = QuestionIndex()  # /ask autocomplete: FAQ and most asked questions, rebuilt in a chore
        self.digest: WeeklyDigest | None = None  # the weekly digest, when BOT_DIGEST_CHANNEL is set
        self._wall_clock = wall_clock
        self.answers = AnswerTrail(clock)  # which reply answered which mention or DM: deleted or redone with it

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CommandTranslator())
        for command in member_commands():
            self.tree.add_command(command)
        self.add_staff_commands()
        self.add_dynamic_items(VoteButton, SuggestButton)
        self.questions = QuestionIndex.build(self.assistant.knowledge)
        self._start(self._refresh_questions(), "autocomplete-refresh")
        if self.settings.auto_reload:
            self._start(
                watch_knowledge(self.assistant, self.assistant.knowledge_dir, self.watch_interval, self.reloaded),
                "knowledge-watch",
            )
        if self.settings.digest is not None:
            self.digest = WeeklyDigest(self, self.settings.digest, self._wall_clock)
            self.digest.start()
        self.synced = await self.sync_commands()

    def add_staff_commands(self) -> None:
        """/kb and /logs as guild commands of BOT_STAFF_GUILDS only, never global.

        The knowledge folder and the query log are shared by every server the bot is in: Manage Server in
        any server must not be enough to rewrite the corpus or read other servers' questions.
        """
        staff = [discord.Object(id=guild) for guild in self.settings.staff_guilds]
        if not staff:
            log.warning("BOT_STAFF_GUILDS is not set: /kb and /logs are not offered in Discord (the CLI still works)")
            return
        self.tree.add_command(KnowledgeCommands(self.settings), guilds=staff)
        self.tree.add_command(LogCommands(self.settings), guilds=staff)

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Member commands to BOT_DEV_GUILD only when set (instant), globally otherwise; staff commands to each
        of BOT_STAFF_GUILDS."""
        synced: list[app_commands.AppCommand] = []
        guilds = list(self.settings.staff_guilds)
        if self.settings.dev_guild:
            self.tree.copy_global_to(guild=discord.Object(id=self.settings.dev_guild))
            guilds = [self.settings.dev_guild, *(g for g in guilds if g != self.settings.dev_guild)]
        else:
            synced += await self.tree.sync()
            log.info("synced %d global commands", len(synced))
        for guild_id in guilds:
            done = await self.tree.sync(guild=discord.Object(id=guild_id))
            log.info("synced %d commands to a server", len(done))  # no server id in the logs
            synced += done
        return synced

    def reloaded(self, result: ReloadResult) -> None:
        """Remember the outcome of the latest reload (by /kb or the watcher)."""
        self.last_reload = result

    async def _refresh_questions(self) -> None:
        while True:
            await self.refresh_questions()
            await asyncio.sleep(self.autocomplete_refresh)

    async def refresh_questions(self) -> None:
        """Rebuild the autocomplete index from the current knowledge and the log, off the event loop."""
        try:
            popular = await read_in_background(popular_questions, self.settings.db_path)
            self.questions = await asyncio.to_thread(QuestionIndex.build, self.assistant.knowledge, popular)
        except Exception:  # a failed refresh keeps the previous suggestions
            log.exception("could not refresh the /ask suggestions")

    def _start(self, chore: Coroutine[Any, Any, None], name: str) -> None:
        self._chores.append(asyncio.create_task(chore, name=name))

    async def on_ready(self) -> None:
        log.info("connected as %s (%s) to %d servers", self.user, getattr(self.user, "id", "?"), len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        await on_mention(self, message)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await on_question_edited(self, payload.message)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await on_questions_deleted(self, [payload.message_id])

    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        await on_questions_deleted(self, payload.message_ids)

    async def close(self) -> None:
        """Stop the chores, then disconnect (the caller closes the query log and the assistant)."""
        if self.digest is not None:
            self.digest.stop()
        chores, self._chores = self._chores, []
        for task in chores:
            task.cancel()
        await asyncio.gather(*chores, return_exceptions=True)
        # discord.py's wait for the servers before READY (guild_ready_timeout) is not ended by close(): woken after it,
        # it dispatched "ready" to a closed client and failed, "Task exception was never retrieved" (trial 8's F9)
        # ``ConnectionState._ready_task`` is private (discord.py 2.x, the task parse_ready starts; no public way to end
        # it): read defensively, so a release that renames it only loses this clean-up, never the close
        waiting = getattr(self._connection, "_ready_task", None)
        if isinstance(waiting, asyncio.Task):
            waiting.cancel()
        await super().close()
