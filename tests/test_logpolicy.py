"""The logging filter on records shaped like discord.py's and aiosqlite's DEBUG lines."""

from __future__ import annotations

import logging

from bot.logpolicy import RedactingFilter, excerpt

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GrELia.reliability-SECRET-token-4f9c2b7e"


def shown(name: str, msg: str, *args: object) -> str:
    record = logging.LogRecord(name, logging.DEBUG, __file__, 1, msg, args, None)
    RedactingFilter([TOKEN]).filter(record)
    return record.getMessage()


def test_payloads_ids_and_tokens_are_masked():
    event = {"t": "INTERACTION_CREATE", "d": {"token": "aW50ZXJhY3Rpb246MTIzOmFiYw", "member": {"user": {"id": "1"}}}}
    assert shown("discord.gateway", "For Shard ID %s: WebSocket Event: %s", None, event) == (
        "For Shard ID None: WebSocket Event: <payload>"
    )
    url = "https://discord.com/api/v10/webhooks/1098765432109876543/aW50ZXJhY3Rpb246MTA5ODc2/messages/@original"
    line = shown("discord.http", "%s %s with %s has returned %s", "PATCH", url, '{"content": "hi alice"}', 200)
    assert "aW50" not in line and "1098765432109876543" not in line and "alice" not in line
    assert shown("discord.app_commands.tree", "Ignoring exception (Guild: %s, User: %s)", 1234567890123456789,
                 987654321098765432) == "Ignoring exception (Guild: [id], User: [id])"
    assert TOKEN not in shown("bot.run", "token was %s", TOKEN)
    assert "token" not in shown("bot.x", "Authorization: Bot " + TOKEN).replace("[token]", "")


def test_excerpt_is_one_short_line():
    assert excerpt("Who  signed\nit?") == "Who signed it?"
    assert len(excerpt("x" * 500)) == 40


def test_an_id_ending_a_sentence_is_masked():
    """Trial 7: discord.py's "GUILD_MEMBER_UPDATE referencing an unknown member ID: %s. Discarding." showed the id."""
    line = shown("discord.state", "GUILD_MEMBER_UPDATE referencing an unknown member ID: %s. Discarding.",
                 987654321098765432)
    assert line == "GUILD_MEMBER_UPDATE referencing an unknown member ID: [id]. Discarding."
    assert shown("discord.state", "channel %s.", "1234567890123456789") == "channel [id]."
    assert shown("bot.x", "took 1.123456789012345678 s, 123456789012345678.5 ms") == (
        "took 1.123456789012345678 s, 123456789012345678.5 ms"  # digits inside a decimal number are not an id
    )
