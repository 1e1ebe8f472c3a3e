"""Fixed numbers the code shares, each written once: time units, Discord's limits, the ellipsis.

Also the one reader of time windows ("7d", "30d", "12h", "2w", a date, "all") and of ages ("90d", "12h",
a bare number of days), so the CLI and the reports agree on what a window means.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

HOUR = 3_600.0
DAY = 86_400.0
WEEK = 7 * DAY

ELLIPSIS = "…"
"""Marks text that was cut (one character, so a cut text still fits its limit)."""

PREVIEW_CHARS = 90  # the start of a passage shown on one line (logs passages, /kb show)


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def flat_clip(text: str, limit: int) -> str:
    """``text`` on one line (runs of white space as one space), cut to at most ``limit`` characters."""
    return clip(" ".join(text.split()), limit)

# Discord's limits, in characters (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
DISCORD_CONTENT = 2_000
DISCORD_CONTENT_NITRO = 4_000  # what a member with Nitro may send
DISCORD_EMBED_TITLE = 256
DISCORD_EMBED_DESCRIPTION = 4_096
DISCORD_EMBED_FOOTER = 2_048
DISCORD_EMBED_TOTAL = 6_000
DISCORD_THREAD_NAME = 100
DISCORD_AUTOCOMPLETE_CHOICES = 25
DISCORD_CHOICE_NAME = 100
DISCORD_CHOICE_VALUE = 100
DISCORD_BUTTON_LABEL = 80
DISCORD_CUSTOM_ID = 100

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdw]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"h": HOUR, "d": DAY, "w": WEEK}
_EARLIEST = datetime(1, 1, 1, tzinfo=UTC).timestamp()


def parse_duration(text: str, bare_unit: str | None = "d") -> float:
    """``12h``, ``7d``, ``2w`` (or a bare number counted in ``bare_unit``) → seconds; ``ValueError`` otherwise."""
    match = _DURATION.match(text)
    unit = (match.group(2).lower() or bare_unit) if match else None
    if match is None or unit is None:
        raise ValueError(f"bad duration {text!r}: use 12h, 7d or 2w")
    return float(match.group(1)) * _UNIT_SECONDS[unit]


def parse_window(text: str, now: float | None = None) -> float | None:
    """``7d``, ``30d``, ``12h``, ``2w``, a bare number of days (``7``, as ages are read: trial 10 L7), a date
    ``2026-11-01`` (UTC) or ``all`` → its start in Unix time (None: all)."""
    now = time.time() if now is None else now
    if text.strip().lower() == "all":
        return None
    try:  # a window reaching before year 1 (e.g. 99999999d) starts at year 1, as dates cannot go further
        return max(now - parse_duration(text), _EARLIEST)
    except ValueError:
        pass
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"bad time window {text!r}: use 7d, 30d, 12h, a date like 2026-11-01 or all") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
