"""Every ``--help`` prints, and ``ask --file`` with a file it cannot read says so in one line (trial 2)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from bot.cli import build_parser


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the CLI (``("logs", "purge")``…), found from the parser itself."""
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*prefix, name))
    return found


COMMANDS = _commands(build_parser())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "bot")
def test_every_help_prints_and_exits_0(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("usage: python -m bot")


def test_purge_help_names_the_confirmation_share() -> None:
    assert ("logs", "purge") in COMMANDS
    done = subprocess.run([sys.executable, "-m", "bot", "logs", "purge", "--help"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "more than 50% of it" in " ".join(done.stdout.split())


def _ask_file(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "--file", str(path)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_ask_file_that_is_not_a_file_is_one_line_and_exit_2(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "nope.txt" if kind == "missing" else tmp_path
    done = _ask_file(path, tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"error: no such file: {path}\n"


def test_ask_file_from_a_pipe_is_read(tmp_path: Path) -> None:
    # attack19: `ask --file <(grep signed questions.txt)` (the shell's /dev/fd/63, a pipe) said "error: no such file:
    # /dev/fd/63", and `--file /dev/null` "no such file" too: only regular files were taken
    read, write = os.pipe()
    os.write(write, b"Who signed the declaration?\n")
    os.close(write)
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "--json", "--file", f"/dev/fd/{read}"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, pass_fds=(read,))
    os.close(read)
    assert done.returncode == 0 and json.loads(done.stdout)["answered"], done.stderr
    empty = _ask_file(Path(os.devnull), tmp_path)
    assert (empty.returncode, empty.stderr) == (2, f"error: {os.devnull}:1: the file is empty: write its text, or "
                                                   "delete it\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_ask_file_without_permission_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Who signed?\n")
    path.chmod(0)
    done = _ask_file(path, tmp_path)
    assert done.returncode == 2 and done.stderr.startswith(f"error: cannot read {path}: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["knowledge list", "knowledge stats", "knowledge parity", "knowledge check"])
def test_a_command_piped_into_head_ends_quietly(command: str) -> None:
    # `head -c 1` closes the pipe after one byte, while the command is still writing
    done = subprocess.run(f"{sys.executable} -m bot {command} | head -c 1", shell=True, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert len(done.stdout) == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
