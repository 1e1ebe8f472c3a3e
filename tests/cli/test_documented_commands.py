"""Every `python -m bot …` command the guides show is one the CLI accepts (trial 7: nothing checked them).

The commands are read from the Markdown (code blocks, inline code, tables); optional parts in brackets are taken
as given and placeholders (N, DIR, FILE, …) get a sample value. Parsing only: running them is the other tests' job.
"""

from __future__ import annotations

import re
import shlex

import pytest
from paths import ROOT

from bot.cli import build_parser

GUIDES = ("README.md", "knowledge/README.md", "CONTRIBUTING.md", "docs/ARCHITECTURE.md", "docs/PERFORMANCE.md")
PLACEHOLDERS = {"N": "3", "DIR": "knowledge", "FILE": "x.txt", "PATH": "x.db", "ID": "123456789012345678",
                "DISCORD_USER_ID": "123456789012345678", "YOUR_DISCORD_USER_ID": "123456789012345678"}
COMMAND = re.compile(r"python -m bot ([^`\n#]*)")


def documented() -> list[tuple[str, str]]:
    found = []
    for guide in GUIDES:
        for match in COMMAND.finditer((ROOT / guide).read_text(encoding="utf-8")):
            found.append((guide, match.group(1).strip()))
    return found


def argv_of(command: str) -> list[str]:
    text = re.sub(r"\s\|\s.*", "", command.replace("\\|", "|"))  # a table cell ends at " | "
    words = shlex.split(text.replace("[", " ").replace("]", " "))
    return [PLACEHOLDERS.get(w, w.split("|")[0]) for w in words if w not in ("…", "...")]


def test_the_guides_show_commands() -> None:
    assert len(documented()) >= 50


@pytest.mark.parametrize(("guide", "command"), documented())
def test_every_documented_command_is_accepted(guide: str, command: str) -> None:
    try:
        build_parser().parse_args(argv_of(command))
    except SystemExit as exit_:
        assert exit_.code == 0, f"{guide}: python -m bot {command}"
