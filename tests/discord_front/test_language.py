"""A member's Discord locale read as one of the three served languages."""

from __future__ import annotations

import discord

from bot.discord_front.language import language_of_locale


def test_locales_map_to_the_three_languages():
    assert language_of_locale(discord.Locale.french) == "fr"
    assert language_of_locale(discord.Locale.japanese) == "ja"
    assert language_of_locale(discord.Locale.american_english) == "en"
    assert language_of_locale(discord.Locale.german) == "en"
    assert language_of_locale(None) == "en"
