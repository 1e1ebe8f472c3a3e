"""Buttons: persistent 👍/👎 votes (work across restarts) and the /forget-me confirmation."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_front.language import language_of_locale
from bot.i18n import plural, t
from bot.querylog.store import QueryLogError

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

log = logging.getLogger(__name__)

VOTE_TEMPLATE = r"vote:(?P<value>up|down):(?P<qid>[0-9A-Za-z_-]{8,64})(?::(?P<language>fr|en|ja))?"
VALUES = {"up": 1, "down": -1}


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=VOTE_TEMPLATE):
    """A 👍 or 👎 button whose custom_id carries the vote, the logged question's id and the answer's language.

    Registered with ``Client.add_dynamic_items`` so a click is handled even after a restart. The language
    (absent from buttons sent before it was added) makes the thanks speak the answer's language.
    """

    def __init__(self, value: str, qid: str, label: str | None = None, language: str | None = None) -> None:
        suffix = f":{language}" if language else ""
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji="👍" if value == "up" else "👎",
                label=label,
                custom_id=f"vote:{value}:{qid}{suffix}",
            )
        )
        self.value = value
        self.qid = qid
        self.language = language

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(match["value"], match["qid"], getattr(item, "label", None), match["language"])

    async def callback(self, interaction: discord.Interaction[DeclarationBot]) -> None:  # type: ignore[override]
        """Store the vote (one per member per answer; a new click replaces it) and thank the member. A log that
        waits for a lock (up to its busy timeout, 5 s) would miss Discord's 3 s deadline: the click is deferred
        after ``defer_after`` seconds, then the thanks or the failure follow."""
        from bot.discord_front.ask import Reply  # ask (and replies, through it) import this module
        from bot.discord_front.replies import send, within

        value = VALUES[self.value]
        language = self.language or language_of_locale(interaction.locale)
        vote = interaction.client.querylog.vote(self.qid, interaction.user.id, value)
        try:
            recorded = await within(interaction, vote, interaction.client.defer_after, ephemeral=True)
        except QueryLogError:
            log.exception("vote on %s not stored", self.qid)
            await send(interaction, Reply(content=t("internal_error", language), ephemeral=True))
            return
        key = ("vote.up" if value > 0 else "vote.down") if recorded else "vote.unknown"
        await send(interaction, Reply(content=t(key, language), ephemeral=True))


def vote_view(qid: str, language: str) -> discord.ui.View:
    """The 👍/👎 row attached to an answer (persistent: no timeout, ids carry the state)."""
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton("up", qid, t("button.up", language), language))
    view.add_item(VoteButton("down", qid, t("button.down", language), language))
    return view


class ForgetConfirm(discord.ui.View):
    """Ephemeral yes/no before deleting a member's logged questions and votes."""

    def __init__(self, owner_id: int, language: str, timeout: float = 120.0) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.language = language
        self.confirm.label = t("forget.yes", language)
        self.cancel.label = t("forget.no", language)
        self.origin: discord.Interaction | None = None  # the /forget-me interaction, to edit on timeout

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.owner_id

    @discord.ui.button(style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction[DeclarationBot], button: discord.ui.Button) -> None:
        """Acknowledge at once (a big or locked log takes longer than Discord's 3 s), delete, then say what went,
        or that nothing did."""
        self.stop()
        await interaction.response.defer()  # the prompt is updated when the deletion is done
        querylog = interaction.client.querylog
        try:
            await querylog.flush()
            counts = await querylog.forget_user_counts(interaction.user.id)
        except QueryLogError as error:
            log.warning("/forget-me: nothing deleted: %s", error)  # the log's path and SQLite's words only
            text = t("forget.failed", self.language)
        else:
            text = t("forget.done", self.language,
                     questions=plural("count.questions", counts.questions, self.language),
                     votes=plural("count.votes", counts.votes, self.language))
        await interaction.edit_original_response(content=text, view=None)

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content=t("forget.cancelled", self.language), view=None)

    async def on_timeout(self) -> None:
        if self.origin is None:
            return
        try:
            await self.origin.edit_original_response(content=t("forget.expired", self.language), view=None)
        except discord.HTTPException:
            log.debug("could not edit the expired /forget-me prompt", exc_info=True)
