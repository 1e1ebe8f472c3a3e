"""What the bot sends fits Discord's limits and member text in it is inert (embeds, reply_for)."""

from __future__ import annotations

import re

import pytest
from fake_discord.plugin import within_limits

from bot.discord_front import embeds
from bot.discord_front.ask import Outcome, reply_for
from bot.models import Answer, Citation
from bot.render import COMPACT_CHARS


def citation(n: int, length: int) -> Citation:
    return Citation(n, "doc", f"doc#{n}", "Title", "https://example.org/x", "en", "word " * (length // 5), 1.0)


def test_long_answers_stay_within_discord_limits_and_keep_citations_whole():
    answer = Answer("q" * 2000, "en", True, [citation(n, 1500) for n in range(1, 6)], 12.0)
    reply = reply_for(Outcome("answer", "en", "q " * 1000, answer=answer, qid="a" * 32))
    embed = reply.embed
    assert embed is not None and within_limits(embed, reply.content)
    assert len(embed.title or "") <= 256 and len(embed) <= 6000
    description = embed.description or ""
    assert len(description) <= COMPACT_CHARS  # short enough for a phone, whatever the corpus holds
    assert description.startswith("> word") and "\n\n" not in description  # one citation, its quote clipped
    assert description.endswith("\n**[1]** *Title* · [example.org](https://example.org/x)")  # source line whole


def test_a_single_huge_block_is_clipped():
    assert len(embeds.fit_blocks(["x" * 5000], 4096)) == 4096


@pytest.mark.parametrize(
    "text",
    ["@everyone hi", "<@123456789012345678> hi", "[a](https://evil.example)", "**b** __u__ `c` > q", "discord.gg/abc"],
)
def test_user_text_is_inert(text: str):
    escaped = embeds.escape_user_text(text)
    assert "@everyone" not in escaped and not re.search(r"<@[!&]?\d", escaped)
    assert "https://" not in escaped and "discord.gg/" not in escaped
    assert not re.search(r"(?<!\\)[*_`\[]", escaped) and not escaped.startswith(">")
