"""Reply building within Discord's limits, with member text made inert.

Discord's limits are in :mod:`bot.limits`. Citations are cut whole: a citation that does not fit
is left out rather than shown half (only a single citation longer than the whole budget is cut).
"""

from __future__ import annotations

import re
import unicodedata

import discord

from bot.i18n import t
from bot.limits import (
    DISCORD_EMBED_DESCRIPTION,
    DISCORD_EMBED_FOOTER,
    DISCORD_EMBED_TITLE,
    clip,
)
from bot.models import Document
from bot.questions import headline
from bot.render import render_about, whole_blocks

ANSWER_COLOUR = discord.Colour(0x2B59C3)
ABSTAIN_COLOUR = discord.Colour(0x8E8E93)
NOTICE_COLOUR = discord.Colour(0x3BA55C)

_LINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(//)")
_INVITE = re.compile(r"(?i)(discord(?:app)?\.(?:gg|com/invite))/")
_TAG = re.compile(r"<([@#/])")  # <@user>, <@&role>, <#channel>, </command:id> whatever the digits
MAX_MARKS = 3  # combining marks kept in a row in a member's text (Thai and Vietnamese use two; "Zalgo" hundreds)


def calm_marks(text: str, most: int = MAX_MARKS) -> str:
    """``text`` with at most ``most`` combining marks in a row: a letter under hundreds of accents ("Zalgo") is
    drawn over the messages around it in Discord."""
    out: list[str] = []
    run = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me"):
            run += 1
            if run > most:
                continue
        else:
            run = 0
        out.append(char)
    return "".join(out)


def escape_user_text(text: str, limit: int = DISCORD_EMBED_TITLE) -> str:
    """Member text made inert: one line, no Markdown, no mentions, no clickable links, no towers of accents;
    then clipped."""
    text = calm_marks(" ".join(text.split()))
    text = discord.utils.escape_markdown(text, ignore_links=False)
    text = _TAG.sub("<\\1\u200b", text)
    text = discord.utils.escape_mentions(text)
    text = _LINK.sub("\\1:\u2060\\2", text)  # a word joiner after the scheme stops auto-linking
    text = _INVITE.sub("\\1\u2060/", text)
    return clip(text, limit)


def fit_blocks(blocks: list[str], limit: int, separator: str = "\n\n") -> str:
    """Join as many whole ``blocks`` as fit in ``limit`` characters (at least a clipped first one)."""
    kept = whole_blocks(blocks, limit, separator)
    if not kept and blocks:
        return clip(blocks[0], limit)
    return separator.join(kept)


def answer_embed(question: str, citation_blocks: list[str], footer: str) -> discord.Embed:
    """The reply to an answered question: the question, numbered citations (title, source link), a footer."""
    embed = discord.Embed(
        title=escape_user_text(headline(question, DISCORD_EMBED_TITLE), DISCORD_EMBED_TITLE),
        description=fit_blocks(citation_blocks, DISCORD_EMBED_DESCRIPTION),
        colour=ANSWER_COLOUR,
    )
    embed.set_footer(text=clip(footer, DISCORD_EMBED_FOOTER))
    return embed


def abstain_embed(question: str, message: str, footer: str = "") -> discord.Embed:
    """The short honest reply when the corpus holds no answer (``message`` carries the /topics hint)."""
    embed = discord.Embed(
        title=escape_user_text(headline(question, DISCORD_EMBED_TITLE), DISCORD_EMBED_TITLE),
        description=clip(message, DISCORD_EMBED_DESCRIPTION),
        colour=ABSTAIN_COLOUR,
    )
    if footer:
        embed.set_footer(text=clip(footer, DISCORD_EMBED_FOOTER))
    return embed


def notice_embed(title: str, lines: list[str], colour: discord.Colour = NOTICE_COLOUR) -> discord.Embed:
    """A plain informational embed (/topics, /about, /kb …) whose description keeps whole lines."""
    return discord.Embed(
        title=clip(title, DISCORD_EMBED_TITLE),
        description=fit_blocks(lines, DISCORD_EMBED_DESCRIPTION, "\n"),
        colour=colour,
    )


def about_embed(documents: list[Document], days: int, language: str) -> discord.Embed:
    """What /about shows, and the reply to a mention saying only "about" (« à propos », このボットについて)."""
    return notice_embed(t("about.title", language), render_about(documents, days, language))
