"""Pieces without a connection: limits, escaping, cooldown, localizations, endpoints."""

from __future__ import annotations

import re

import discord
import pytest
from fake_discord.plugin import within_limits

from bot.discord_front import embeds, endpoints
from bot.discord_front.ask import Outcome, reply_for
from bot.discord_front.guards import Cooldown, DuplicateGuard
from bot.discord_front.language import language_of_locale
from bot.discord_front.translator import LOCALIZATIONS
from bot.models import Answer, Citation
from bot.render import COMPACT_CHARS


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


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


def test_cooldown_is_a_sliding_window_per_member():
    clock = Clock()
    cooldown = Cooldown(2, 60, clock)
    assert cooldown.hit("a") == 0
    clock.now = 30
    assert cooldown.hit("a") == 0
    clock.now = 40
    assert cooldown.hit("a") == pytest.approx(20)  # refused: not counted
    assert cooldown.hit("b") == 0
    clock.now = 60
    assert cooldown.hit("a") == 0  # the first question left the window
    assert cooldown.hit("a") == pytest.approx(30)


def test_duplicates_within_the_window():
    """As ``AskDesk.prepare`` uses it: ``seen`` before answering, ``remember`` once the question is answered."""
    clock = Clock()
    guard = DuplicateGuard(5, clock)
    assert not guard.seen(1, "Who signed it?")
    guard.remember(1, "Who signed it?")
    assert guard.seen(1, "  who  SIGNED it? ")
    assert not guard.seen(2, "Who signed it?")
    assert not guard.seen(2, "Who signed it?")  # looking does not remember (a refused question is no duplicate)
    clock.now = 5
    assert not guard.seen(1, "Who signed it?")


def test_locales_map_to_the_three_languages():
    assert language_of_locale(discord.Locale.french) == "fr"
    assert language_of_locale(discord.Locale.japanese) == "ja"
    assert language_of_locale(discord.Locale.american_english) == "en"
    assert language_of_locale(discord.Locale.german) == "en"
    assert language_of_locale(None) == "en"


def test_localized_names_are_valid_discord_names():
    names = [k for k in LOCALIZATIONS if re.fullmatch(r"[a-z-]+", k)]
    for key in names:
        for value in LOCALIZATIONS[key].values():
            assert re.fullmatch(r"[-_\w]{1,32}", value) and value == value.lower(), value
    for key, values in LOCALIZATIONS.items():
        for value in values.values():
            assert 1 <= len(value) <= 100, key


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


def test_the_answer_trail_keeps_a_digest_of_each_question_not_its_text():
    """Trial 5: 10,000 answered 4,000-character questions held 83 MB of their texts (Japanese: 4 bytes a character
    in CPython) only to tell an edit from Discord's update for a link preview; a 64-bit digest does the same."""
    import tracemalloc
    from dataclasses import dataclass

    from bot.discord_front.commands.mentions import AnswerTrail

    @dataclass
    class Posted:  # what the trail reads of a discord.Message
        id: int
        content: str

    clock = Clock()
    tracemalloc.start()
    try:
        trail = AnswerTrail(clock)
        before = tracemalloc.get_traced_memory()[0]
        for i in range(10_000):
            trail.remember(Posted(10**17 + i, f"{i:06d}" + "署" * 3994), 1, 10**17 + 10**6 + i)  # type: ignore[arg-type]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 5_000_000, held  # 2.9 MB (ids, times, digests), was 83 MB
    asked = Posted(10**17 + 9_999, f"{9_999:06d}" + "署" * 3994)
    assert trail.to_redo(asked) is None  # the same text again (a link preview): nothing to redo
    asked.content += "?"
    assert trail.to_redo(asked) is not None  # an edit
    clock.now += 601
    assert trail.to_redo(asked) is None and trail.changed(asked) is not None  # too late to redo, still changed
