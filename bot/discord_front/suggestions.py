"""Buttons that ask a question the bot can answer, offered under an abstention instead of a dead end.

Each button's custom_id carries the FAQ entry it asks (``ask:<passage id>``), so a click works after a
restart (registered with ``Client.add_dynamic_items``, like the votes); a click asks the entry's question
through ``/ask``'s own path (cooldown, log, follow-ups, reply).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_front.embeds import clip
from bot.discord_front.language import interaction_language
from bot.i18n import t
from bot.limits import DISCORD_BUTTON_LABEL, DISCORD_CUSTOM_ID
from bot.models import Suggestion

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

PREFIX = "ask:"
SUGGEST_TEMPLATE = r"ask:(?P<passage>.{1,96})"


class SuggestButton(discord.ui.DynamicItem[discord.ui.Button], template=SUGGEST_TEMPLATE):
    """A button labelled with an FAQ question; pressing it asks that question."""

    def __init__(self, passage_id: str, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.primary,
                label=clip(label, DISCORD_BUTTON_LABEL) if label else None,
                custom_id=f"{PREFIX}{passage_id}",
            )
        )
        self.passage_id = passage_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SuggestButton:
        return cls(match["passage"], getattr(item, "label", None))

    async def callback(self, interaction: discord.Interaction[DeclarationBot]) -> None:  # type: ignore[override]
        passage = await interaction.client.assistant.passage(self.passage_id)  # in the worker: no corpus scan here
        question = passage.questions[0] if passage is not None and passage.questions else None
        if question is None:  # the entry was removed or renamed since the button was sent
            text = t("suggestions.gone", interaction_language(interaction))
            await interaction.response.send_message(text, ephemeral=True)
            return
        from bot.discord_front.commands.member import ask  # the member commands import this module's replies

        await ask(interaction, question)


def suggestion_view(suggestions: list[Suggestion]) -> discord.ui.View | None:
    """One button per suggestion whose id fits in a custom_id (None when there is none)."""
    fitting = [s for s in suggestions if len(PREFIX + s.passage_id) <= DISCORD_CUSTOM_ID]
    if not fitting:
        return None
    view = discord.ui.View(timeout=None)
    for suggestion in fitting:
        view.add_item(SuggestButton(suggestion.passage_id, suggestion.question))
    return view
