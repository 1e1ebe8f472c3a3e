"""A folder nobody may write: what a read-only volume, ``chmod`` or ``chattr +i`` makes of the data folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def frozen(folder: Path) -> Iterator[None]:
    """``folder`` and its files made unwritable for this process: chmod for a user, ``chattr +i`` for root (the test
    is skipped where that is not available). Writable again after the block."""
    items = [folder, *folder.iterdir()]
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in items}
        for p in items:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    tool = shutil.which("chattr")
    if tool is None or subprocess.run([tool, "+i", *map(str, items)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (root writes anywhere else)")
    try:
        yield
    finally:
        subprocess.run([tool, "-i", *map(str, items)], check=True)
