"""Sending a :class:`~bot.discord_front.ask.Reply` to an interaction, whether or not it was deferred."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

import discord

from bot.discord_front.ask import Reply

T = TypeVar("T")


async def send(interaction: discord.Interaction, reply: Reply) -> discord.Message | None:
    """The first response if none was given yet, else a followup (``?wait=1``: returns the message)."""
    if interaction.response.is_done():
        return await interaction.followup.send(wait=True, **reply.kwargs(interaction=True))
    await interaction.response.send_message(**reply.kwargs(interaction=True))
    return None


async def within(interaction: discord.Interaction, work: Awaitable[T], budget: float, *, ephemeral: bool = False) -> T:
    """Await ``work``; if it takes longer than ``budget`` seconds, defer the interaction meanwhile.

    Discord drops an interaction not answered within 3 s, so slow answers show "thinking…" instead.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=budget)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task
