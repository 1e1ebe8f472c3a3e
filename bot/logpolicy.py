"""The logging policy: no line, at any level, carries a member id, a name, an interaction token or the bot token.

discord.py logs whole gateway events and REST bodies at DEBUG (member ids, user names, message text,
interaction tokens valid 15 minutes). One filter on the root handlers replaces such payload arguments with
``<payload>`` and masks what is left by pattern: Discord ids (snowflakes), tokens in webhook and interaction
URLs, ``token`` fields, anything shaped like a bot token, and the configured token itself. Question text
appears only in the bot's own DEBUG lines, cut by :func:`excerpt`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bot.limits import flat_clip

EXCERPT_CHARS = 40
PAYLOAD = "<payload>"
OWN_LOGGERS = "bot"  # the bot's own lines never pass payloads; every library's (discord, aiosqlite…) may
SHORT_ARGUMENT = 80  # a library argument longer than this is treated as a payload

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(/(?:webhooks|interactions)/)\d+/[^/\s?'\"]+"), r"\1[id]/[token]"),
    (re.compile(r"""(["']?token["']?\s*[:=]\s*["']?)[^\s"',}]+"""), r"\1[token]"),
    (re.compile(r"aW50ZXJhY3Rpb246[\w-]+"), "[token]"),  # base64 of "interaction:"
    (re.compile(r"[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}"), "[token]"),  # a bot token's shape
    # Discord snowflakes (members, channels, messages), also ending a sentence ("member ID: 123…. Discarding",
    # discord.py at DEBUG: trial 7); not a run of digits inside a decimal number or a version
    (re.compile(r"(?<![\w.])\d{15,21}(?!\w|\.\d)"), "[id]"),
)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A question as the bot's DEBUG lines may show it: one line, at most ``limit`` characters."""
    return flat_clip(str(text), limit)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[token]")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _payload_free(value: object) -> object:
    """Numbers and short plain strings stay; dicts, lists, bodies, SQL parameters and long texts go."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else repr(value)
    if len(text) > SHORT_ARGUMENT or text.lstrip().startswith(("{", "[", "(", "functools.partial")):
        return PAYLOAD
    return value


class RedactingFilter(logging.Filter):
    """Rewrites each record in place (message, arguments, traceback text) before any handler formats it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name == OWN_LOGGERS or record.name.startswith(OWN_LOGGERS + ".")
        if not own and record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_payload_free(a) for a in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def install(secrets: Iterable[str] = (), logger: logging.Logger | None = None) -> RedactingFilter:
    """Put one :class:`RedactingFilter` on every handler of ``logger`` (the root logger by default)."""
    target = logger or logging.getLogger()
    found = RedactingFilter(secrets)
    for handler in target.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(found)
    return found
