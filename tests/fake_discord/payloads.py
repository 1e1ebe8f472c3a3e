"""JSON payloads shaped like Discord's API v10 (only the fields discord.py reads)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000

# permission bits used by the tests
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | (1 << 16) | (1 << 31)  # + read history, use app commands


class Snowflakes:
    """Increasing snowflake ids (time-based like Discord's, unique within a process)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def role(role_id: int, name: str, position: int = 1, permissions: int = 0, *, bot_id: int | None = None) -> Json:
    """A role; with ``bot_id`` the bot's own managed role (the one Discord makes when a bot joins)."""
    extra: Json = {"managed": True, "tags": {"bot_id": str(bot_id)}} if bot_id else {}
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "hoist": False,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
        **extra,
    }


def member(user_payload: Json, roles: Sequence[int] = (), *, permissions: int | None = None) -> Json:
    out: Json = {
        "user": user_payload,
        "roles": [str(r) for r in roles],
        "joined_at": now_iso(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
    }
    if permissions is not None:
        out["permissions"] = str(permissions)
    return out


def text_channel(channel_id: int, guild_id: int, name: str, position: int = 0) -> Json:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def thread_channel(thread_id: int, guild_id: int, parent_id: int, owner_id: int, name: str) -> Json:
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": str(guild_id),
        "parent_id": str(parent_id),
        "owner_id": str(owner_id),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_iso(),
            "locked": False,
        },
    }


def guild(
    guild_id: int,
    name: str,
    *,
    owner_id: int,
    roles: list[Json],
    channels: list[Json],
    members: list[Json],
    preferred_locale: str = "en-US",
) -> Json:
    """A GUILD_CREATE payload; ``member_count`` equals the members sent so the client never waits for chunks."""
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": preferred_locale,
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "unavailable": False,
        "large": False,
        "member_count": len(members),
        "joined_at": now_iso(),
        "channels": channels,
        "threads": [],
        "members": members,
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def message(
    message_id: int,
    channel_id: int,
    author: Json,
    *,
    content: str = "",
    guild_id: int | None = None,
    author_member: Json | None = None,
    mentions: Sequence[Json] = (),
    mention_roles: Sequence[int] = (),
    embeds: Sequence[Json] = (),
    components: Sequence[Json] = (),
    flags: int = 0,
    message_reference: Json | None = None,
    webhook_id: int | None = None,
) -> Json:
    out: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": list(mentions),
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": [],
        "embeds": list(embeds),
        "components": list(components),
        "pinned": False,
        "type": 19 if message_reference else 0,
        "flags": flags,
    }
    if guild_id is not None:
        out["guild_id"] = str(guild_id)
    if author_member is not None:
        out["member"] = {k: v for k, v in author_member.items() if k != "user"}
    if message_reference is not None:
        out["message_reference"] = message_reference
    if webhook_id is not None:
        out["webhook_id"] = str(webhook_id)
    return out


def attachment(attachment_id: int, filename: str, size: int, url: str, content_type: str = "text/plain") -> Json:
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    }
