"""Command-line interface: ``python -m bot <command> …``.

Each submodule adds its subcommands with ``register(subparsers)`` and sets a
handler ``func(args) -> int`` (the exit status). Usage errors exit with 2.
The settings are read once, here, and handed to the handler as ``args.settings``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pydantic import ValidationError

from bot import logpolicy
from bot.cli.output import error, quietly_on_broken_pipe
from bot.settings import explain, load_settings

COMMAND_MODULES = ("ask", "knowledge", "logs", "bench", "run")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Answers questions about the France–Japan declaration of 13 July 2018 "
        "with cited snippets from the knowledge/ corpus.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"bot.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logpolicy.install()  # before anything logs: no member data at any level (see bot/logpolicy.py)
    try:
        args.settings = load_settings()
    except ValidationError as exc:  # in plain words, naming the variable (environment or .env)
        return error(f"invalid settings: {'; '.join(explain(exc))}", 2)
    token = args.settings.discord_token
    logpolicy.install([token.get_secret_value()] if token else [])
    try:
        return quietly_on_broken_pipe(lambda: int(args.func(args) or 0))  # `… | head` ends quietly
    except KeyboardInterrupt:
        return 130
