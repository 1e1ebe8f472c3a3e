"""Which language the bot's own words use: the question's, else the member's Discord locale."""

from __future__ import annotations

import discord

from bot.i18n import normalize_language


def language_of_locale(locale: discord.Locale | str | None) -> str:
    """Map a Discord locale (``fr``, ``ja``, ``en-US`` …) to ``fr``/``en``/``ja``; English otherwise."""
    return normalize_language(locale.value if isinstance(locale, discord.Locale) else locale)


def interaction_language(interaction: discord.Interaction) -> str:
    """The language for replies to an interaction that holds no question: the member's locale."""
    return language_of_locale(interaction.locale)


def guild_language(guild: discord.Guild | None) -> str:
    """The language for replies to a mention (messages carry no locale): the server's preferred locale."""
    return language_of_locale(guild.preferred_locale if guild is not None else None)
