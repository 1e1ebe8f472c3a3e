"""docs/ARCHITECTURE.md lists exactly the real packages and modules (as sqlite-utils tests its docs)."""

from __future__ import annotations

import argparse
import re
import tomllib

import paths

from bot.cli import build_parser
from bot.discord_front.commands.kb import KnowledgeCommands

BOT = paths.ROOT / "bot"
DOC = paths.ROOT / "docs" / "ARCHITECTURE.md"


def _documented() -> list[str]:
    """The first cell of each row of the "Modules" table, e.g. ``search/bm25.py`` or ``search/``."""
    section = DOC.read_text(encoding="utf-8").split("## Modules", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def _real() -> set[str]:
    modules = {p.relative_to(BOT).as_posix() for p in BOT.rglob("*.py") if p.name != "__init__.py"}
    packages = {p.parent.relative_to(BOT).as_posix() + "/" for p in BOT.rglob("__init__.py") if p.parent != BOT}
    return modules | packages


def test_the_module_table_lists_every_module_once_and_nothing_else():
    documented = _documented()
    assert len(documented) == len(set(documented)), "a module is listed twice"
    real = _real()
    assert sorted(real - set(documented)) == [], "add a line for each new module to docs/ARCHITECTURE.md"
    assert sorted(set(documented) - real) == [], "docs/ARCHITECTURE.md lists modules that do not exist"


def test_every_shared_top_level_module_is_held_to_the_cores_contract():
    """Review 12 (M5): the shared top-level modules (conversation, render, limits, …) were in no contract: any of them
    could import discord or the settings and ``lint-imports`` stayed green. A new one joins the contract."""
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (core,) = [c for c in config["contracts"] if c["type"] == "forbidden"]
    assert {"discord", "bot.cli", "bot.discord_front", "bot.settings"} <= set(core["forbidden_modules"])
    shared = {f"bot.{p.stem}" for p in BOT.glob("*.py")} - {"bot.__init__", "bot.__main__", "bot.settings"}
    assert sorted(shared - set(core["source_modules"])) == []


DOCS = (paths.ROOT / "README.md", paths.ROOT / "CONTRIBUTING.md", *sorted((paths.ROOT / "docs").glob("*.md")))
_QUOTED = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"(?<![\w./-])((?:bot|tests)/[\w./-]*[\w/])")


def test_every_bot_or_tests_path_the_docs_quote_exists():
    """Review 12 (L9): the README sent readers to ``bot/dashboard/metadata.yaml`` and ``tests/test_uploads.py``,
    which had moved; a quoted path (in backquotes) that names no file or folder fails here."""
    missing = []
    for doc in DOCS:
        for span in _QUOTED.findall(doc.read_text(encoding="utf-8")):
            for found in _PATH.finditer(span):
                path = paths.ROOT / found[1]
                if span[found.end():found.end() + 1] in ("*", "<"):  # a pattern (migrations/NNNN_*.sql): its folder
                    path = path.parent
                if not path.exists():
                    missing.append(f"{doc.name}: {found[1]}")
    assert missing == []


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_the_module_table_lists_every_logs_subcommand_and_kb_subcommand():
    """Review 12 (L9): the table said ``logs summary|unanswered|…`` without ``top``, ``/kb status|reload|add`` without
    list, show, history, remove and restore."""
    text = DOC.read_text(encoding="utf-8")

    def row(module: str) -> str:
        return re.search(rf"^\| `{re.escape(module)}` \| (.*)$", text, flags=re.MULTILINE)[1]

    logs = sorted(_subcommands(_subcommands(build_parser())["logs"]))
    assert sorted(re.search(r"`logs ([\w|]+)`", row("cli/logs.py"))[1].split("|")) == logs
    kb = sorted(command.name for command in KnowledgeCommands.__discord_app_commands_group_children__)
    assert sorted(re.search(r"`/kb ([\w|]+)`", row("discord_front/commands/kb.py"))[1].split("|")) == kb
