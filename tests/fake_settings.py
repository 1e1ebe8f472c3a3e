"""Settings that point the real bot at a :class:`FakeDiscord` (for tests/test_discord and the reliability tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fake_discord import FakeDiscord

from bot.settings import Settings


def settings_for(fake: FakeDiscord, knowledge: Path, db: Path, *, token: str, **env: Any) -> Settings:
    """No ``.env``, the fake's URLs and roles, no channel restriction; ``env`` overrides (None drops a key)."""
    values: dict[str, Any] = {
        "DISCORD_TOKEN": token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "BOT_KNOWLEDGE_DIR": str(knowledge),
        "BOT_DB_PATH": str(db),
        "BOT_LOG_SECRET": "test-secret",
        "BOT_MODERATOR_ROLES": str(fake.moderator_role),
        "BOT_MAINTAINER_ROLES": str(fake.maintainer_role),
        "BOT_ALLOWED_CHANNELS": "",
        "BOT_STAFF_GUILDS": str(fake.guild_id),
        "BOT_DEV_GUILD": None,
        **env,
    }
    return Settings(_env_file=None, **{k: v for k, v in values.items() if v is not None})
