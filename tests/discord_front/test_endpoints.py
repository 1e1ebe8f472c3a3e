"""Where discord.py connects: a proxy base with or without the API version, and the defaults restored."""

from __future__ import annotations

import discord

from bot.discord_front import endpoints


def test_endpoints_accept_a_base_with_or_without_the_api_version():
    assert endpoints.api_base_url("http://proxy:8080/") == "http://proxy:8080/api/v10"
    assert endpoints.api_base_url("http://proxy:8080/api/v9") == "http://proxy:8080/api/v9"
    previous = endpoints.apply("http://127.0.0.1:1", "ws://127.0.0.1:1/gw")
    try:
        assert discord.http.Route.BASE == "http://127.0.0.1:1/api/v10"
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1/gw"
    finally:
        endpoints.restore(previous)
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
