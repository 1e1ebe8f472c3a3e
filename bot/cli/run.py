"""`python -m bot run`: connect the Discord bot (needs DISCORD_TOKEN).

Resources (assistant, query log) are built here and handed to the client; SIGTERM or Ctrl-C
closes the client, then the query log is flushed and closed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from bot.i18n import plural
from bot.settings import Settings

log = logging.getLogger("bot.run")

MISSING_TOKEN = (
    "error: DISCORD_TOKEN is not set. Create an application at https://discord.com/developers/applications "
    "(Bot → Reset Token), put DISCORD_TOKEN=… in .env (see the README, 'Creating the Discord application'); "
    'to try the bot without Discord, run `python -m bot chat` or `python -m bot ask "Who signed it?"`.'
)
EXIT_REFUSED = 1  # Discord refused the token or the intents
EXIT_SETTINGS = 2  # missing token, invalid settings or an unusable query log (systemd does not restart it)
LOG_UNUSABLE_HINT = "to start a new log instead, move the file away or set BOT_DB_PATH to another file"
KNOWLEDGE_HINT = "set BOT_KNOWLEDGE_DIR or --knowledge, or start the bot from the folder that holds knowledge/"
EXIT_UNREACHABLE = 3  # Discord (or DISCORD_API_BASE / DISCORD_GATEWAY_URL) could not be reached
# seconds a stop signal waits for discord.py to end its connection loop after closing the client; it sleeps out its
# reconnect back-off (up to ~17 minutes while Discord is unreachable) before it sees the client closed
STOP_GRACE = 2.0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run",
        help="run the Discord bot (needs DISCORD_TOKEN)",
        description="Connect to Discord and answer /ask, mentions and DMs. Settings come from the environment "
        "and .env (see .env.example); the options below override them.",
    )
    parser.add_argument("--knowledge", type=Path, metavar="DIR", help="knowledge folder (BOT_KNOWLEDGE_DIR)")
    parser.add_argument("--db", type=Path, metavar="FILE", help="query log database (BOT_DB_PATH)")
    parser.add_argument("--dev-guild", type=int, metavar="ID", help="sync commands to this server only (BOT_DEV_GUILD)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = {"knowledge_dir": args.knowledge, "db_path": args.db, "dev_guild": args.dev_guild}
    settings = args.settings.model_copy(update={k: v for k, v in options.items() if v is not None})
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(MISSING_TOKEN, file=sys.stderr)
        return EXIT_SETTINGS
    if not args.verbose:
        try:
            logging.getLogger().setLevel(settings.log_level.upper())
        except ValueError:
            print(f"error: BOT_LOG_LEVEL={settings.log_level!r} is not DEBUG, INFO, WARNING or ERROR", file=sys.stderr)
            return EXIT_SETTINGS
    if not settings.knowledge_dir.is_dir():  # a typo or the wrong working folder: a bot that knows nothing (trial 7)
        what = "is not a folder" if settings.knowledge_dir.exists() else "not found"
        print(f"error: knowledge folder {what}: {settings.knowledge_dir} ({KNOWLEDGE_HINT})", file=sys.stderr)
        return EXIT_SETTINGS
    return asyncio.run(serve(settings))


async def serve(settings: Settings, **bot_options: Any) -> int:
    """Build the resources, run the bot until it is closed (SIGTERM/SIGINT), then close everything."""
    import aiohttp
    import discord

    from bot.assistant import Assistant, log_problems
    from bot.buildcheck import BuildBudget
    from bot.discord_front import endpoints
    from bot.discord_front.client import DeclarationBot
    from bot.knowledge import edits
    from bot.knowledge.ids import old_ids
    from bot.querylog.store import QueryLog, QueryLogError
    from bot.search.cache import cache_path_beside

    assert settings.discord_token is not None
    endpoints.apply(settings.discord_api_base, settings.discord_gateway_url)
    cache = cache_path_beside(settings.db_path)
    assistant = await asyncio.to_thread(Assistant.from_directory, settings.knowledge_dir, cache)
    assistant.build_budget = BuildBudget(settings.build_seconds, settings.build_memory_mb)  # uploads, reloads
    kb = assistant.knowledge
    log.info("knowledge: %d documents, %d passages, %s", len(kb.documents), len(kb.passages),
             plural("count.errors", len(kb.errors), "en"))  # "1 error" (trial 10 L9)
    log_problems(kb)
    for warning in kb.warnings:
        log.info("knowledge file warning: %s", warning)
    if not kb.passages:  # every file broken and none served before: a bot that knows nothing (trial 10 M6)
        assistant.close()
        print(f"error: no passage could be loaded from {settings.knowledge_dir} ({len(kb.errors)} knowledge "
              f"problem{'' if len(kb.errors) == 1 else 's'}): run `python -m bot knowledge check "
              f"{settings.knowledge_dir}`", file=sys.stderr)
        return EXIT_SETTINGS
    secret = settings.log_secret.get_secret_value() if settings.log_secret else None
    try:
        querylog = await QueryLog.open(  # the moderators' ids of old /kb changes expire with the questions (M9)
            settings.db_path, secret=secret, retention_days=settings.log_retention_days,
            with_retention=functools.partial(edits.expire_moderators, settings.knowledge_dir),
        )
    except QueryLogError as error:  # damaged, not a log, or newer: a restart cannot fix it (exit 2: none is tried)
        assistant.close()
        print(f"error: {error}; {LOG_UNUSABLE_HINT}", file=sys.stderr)
        return EXIT_SETTINGS
    await querylog.rename_passages(old_ids(kb.passages))
    bot = DeclarationBot(settings=settings, assistant=assistant, querylog=querylog, **bot_options)
    connection = asyncio.ensure_future(_connect(bot, settings.discord_token.get_secret_value()))
    stopping = _on_signals(bot, connection)
    try:
        await connection
    except asyncio.CancelledError:
        if not stopping:
            raise
    except discord.LoginFailure:
        print("error: Discord refused DISCORD_TOKEN; reset the token in the Developer Portal.", file=sys.stderr)
        return EXIT_REFUSED
    except discord.PrivilegedIntentsRequired:
        print("error: Discord refused the gateway intents requested.", file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, aiohttp.ClientError, discord.GatewayNotFound, discord.DiscordServerError) as exc:
        # DNS, refused connection, TLS, proxy down, Discord's 5xx: not a bug of the bot, so no traceback but at DEBUG
        log.debug("cannot reach Discord", exc_info=True)
        where = endpoints.current().api_base.removesuffix("/api/v10")
        print(f"error: cannot reach Discord at {where}: {_reason(exc)}", file=sys.stderr)
        return EXIT_UNREACHABLE
    finally:
        _remove_signals()
        await querylog.close()
        assistant.close()
        log.info("stopped%s; query log flushed", " on signal" if stopping else "")
    return 0


def _reason(exc: BaseException) -> str:
    """The innermost cause of a connection failure in a few words (``Name or service not known``)."""
    while exc.__cause__ is not None or getattr(exc, "os_error", None) is not None:
        exc = getattr(exc, "os_error", None) or exc.__cause__  # type: ignore[assignment]
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())


async def _connect(bot: Any, token: str) -> None:
    async with bot:
        await bot.start(token)


async def _close(bot: Any, connection: asyncio.Future[None]) -> None:
    """Close the client; if its connection loop is still asleep (a reconnect back-off) after ``STOP_GRACE``
    seconds, cancel it: a stop signal must not wait for Discord to come back."""
    await bot.close()
    with contextlib.suppress(asyncio.CancelledError, Exception):  # its outcome is serve()'s to report
        await asyncio.wait_for(asyncio.shield(connection), STOP_GRACE)
    if not connection.done():
        log.info("the connection was waiting to reconnect: stopped without waiting")
        connection.cancel()


def _on_signals(bot: Any, connection: asyncio.Future[None]) -> list[int]:
    """Close ``bot`` on SIGTERM/SIGINT; the returned list records the signals received."""
    received: list[int] = []
    closing: list[asyncio.Task[None]] = []  # keeps a reference until the loop ends
    loop = asyncio.get_running_loop()

    def stop(signum: int) -> None:
        received.append(signum)
        log.info("signal %s: closing", signal.Signals(signum).name)
        closing.append(loop.create_task(_close(bot, connection)))

    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signal handlers on Windows
            loop.add_signal_handler(signum, stop, signum)
    return received


def _remove_signals() -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signum)
