"""docs/ARCHITECTURE.md lists exactly the real packages and modules (as sqlite-utils tests its docs)."""

from __future__ import annotations

import re
import tomllib

import paths

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
