"""Who may use the moderator (/kb) and maintainer (/logs) commands, checked at run time.

The command's ``default_permissions`` only hides it in the Discord client; these checks are the rule:
refused in DMs, moderators have Manage Server or a configured role, maintainers a configured role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.settings import Settings


class NotAllowed(app_commands.CheckFailure):
    """The member may not use this command; ``key`` names the refusal text."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def role_ids(user: discord.abc.User) -> set[int]:
    """The ids of the member's roles (empty for a user outside a server)."""
    return {role.id for role in getattr(user, "roles", ())}


def has_role(user: discord.abc.User, roles: Iterable[int]) -> bool:
    wanted = set(roles)
    return bool(wanted & role_ids(user))


def is_moderator(interaction: discord.Interaction, moderator_roles: Iterable[int]) -> bool:
    """Manage Server permission (as Discord resolved it for this interaction) or a moderator role."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    return interaction.permissions.manage_guild or has_role(interaction.user, moderator_roles)


def is_maintainer(interaction: discord.Interaction, maintainer_roles: Iterable[int]) -> bool:
    """A member holding one of the configured maintainer roles."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    return has_role(interaction.user, maintainer_roles)


def require_staff_guild(interaction: discord.Interaction, staff_guilds: Iterable[int]) -> None:
    """The corpus and the log are shared by every server the bot is in: only BOT_STAFF_GUILDS may change or read them.

    The commands are registered only there; this check also refuses a stale or forged invocation elsewhere.
    """
    if interaction.guild_id is None:
        raise NotAllowed("refused.guild_only")
    if interaction.guild_id not in set(staff_guilds):
        raise NotAllowed("refused.staff_guild")


def require_moderator(interaction: discord.Interaction, moderator_roles: Iterable[int]) -> None:
    if interaction.guild_id is None:
        raise NotAllowed("refused.guild_only")
    if not is_moderator(interaction, moderator_roles):
        raise NotAllowed("refused.moderator")


def require_maintainer(interaction: discord.Interaction, maintainer_roles: Iterable[int]) -> None:
    if interaction.guild_id is None:
        raise NotAllowed("refused.guild_only")
    if not is_maintainer(interaction, maintainer_roles):
        raise NotAllowed("refused.maintainer")


class StaffGroup(app_commands.Group):
    """A guild-only command group hidden from members without Manage Server (subclasses check the roles).

    Added to the tree only as guild commands of BOT_STAFF_GUILDS (see ``DeclarationBot.setup_hook``).
    """

    def __init__(self, settings: Settings, *, name: str, description: str) -> None:
        super().__init__(
            name=name,
            description=description,
            guild_only=True,
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False),
            default_permissions=discord.Permissions(manage_guild=True),
        )
        self.settings = settings
