"""A fake Discord (REST + gateway) to run the real discord.py client against in tests."""

from .server import (
    FakeDiscord,
    FakeInteraction,
    FakeUser,
    Heartbeat,
    RecordedRequest,
    json_response,
    rate_limited,
    server_error,
)

__all__ = [
    "FakeDiscord",
    "FakeInteraction",
    "FakeUser",
    "Heartbeat",
    "RecordedRequest",
    "json_response",
    "rate_limited",
    "server_error",
]
