"""Route discord.py through a REST proxy or gateway other than Discord's (DISCORD_API_BASE / DISCORD_GATEWAY_URL).

Applied by ``python -m bot run`` just before connecting, never at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

_VERSIONED = re.compile(r"/api/v\d+$")


@dataclass(frozen=True, slots=True)
class Endpoints:
    api_base: str
    gateway: yarl.URL


def api_base_url(base: str) -> str:
    """``http://proxy:8080`` → ``http://proxy:8080/api/v10``; a base already ending in ``/api/vN`` is kept."""
    base = base.rstrip("/")
    return base if _VERSIONED.search(base) else f"{base}/api/v10"


def current() -> Endpoints:
    return Endpoints(Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)


def apply(api_base: str | None, gateway_url: str | None) -> Endpoints:
    """Point discord.py at ``api_base`` / ``gateway_url`` (None keeps Discord's); returns the previous ones."""
    previous = current()
    if api_base:
        Route.BASE = api_base_url(api_base)
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    return previous


def restore(endpoints: Endpoints) -> None:
    Route.BASE = endpoints.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = endpoints.gateway
