"""Sending a :class:`~bot.discord_front.ask.Reply` to an interaction, whether or not it was deferred."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

import discord

from bot.discord_front.ask import Reply
from bot.discord_front.embeds import calm_marks, clip
from bot.i18n import t
from bot.limits import DISCORD_THREAD_NAME

T = TypeVar("T")

log = logging.getLogger(__name__)


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


def thread_name(question: str, language: str) -> str:
    """The name of the thread that answers ``question`` (it shows the member's words, like the answer's title)."""
    return clip(t("thread.name", language, question=calm_marks(" ".join(question.split()))), DISCORD_THREAD_NAME)


async def answer_thread(
    origin: discord.TextChannel | discord.Message, question: str, language: str
) -> discord.Thread | None:
    """A new public thread for the answer to ``question`` (on the member's message when there is one).

    None when Discord refuses it (no permission, archived channel…): the caller then answers in place,
    rather than not at all. /ask and mentions both go through here.
    """
    name = thread_name(question, language)
    channel_id = origin.channel.id if isinstance(origin, discord.Message) else origin.id
    try:
        if isinstance(origin, discord.Message):
            return await origin.create_thread(name=name)
        return await origin.create_thread(name=name, type=discord.ChannelType.public_thread)
    except discord.HTTPException:
        log.warning("could not open a thread in channel %s; answering in the channel", channel_id)
        return None
