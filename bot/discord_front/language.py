"""Which language the bot's own words use: the question's, else the member's Discord locale."""

from __future__ import annotations

import discord

from bot.models import LANGUAGES


def language_of_locale(locale: discord.Locale | str | None) -> str:
    """Map a Discord locale (``fr``, ``ja``, ``en-US`` …) to ``fr``/``en``/``ja``; English otherwise."""
    value = locale.value if isinstance(locale, discord.Locale) else (locale or "")
    prefix = value.split("-")[0].lower()
    return prefix if prefix in LANGUAGES else "en"


def detect(text: str) -> str | None:
    """The language of ``text`` when the analysis can tell, else ``None``."""
    from bot.analysis import detect_language  # the core's detector; imported lazily (no Discord deps)

    language = detect_language(text)
    return language if language in LANGUAGES else None


def interaction_language(interaction: discord.Interaction) -> str:
    """The language for replies to an interaction that holds no question: the member's locale."""
    return language_of_locale(interaction.locale)


def guild_language(guild: discord.Guild | None) -> str:
    """The language for replies to a mention (messages carry no locale): the server's preferred locale."""
    return language_of_locale(guild.preferred_locale if guild is not None else None)
