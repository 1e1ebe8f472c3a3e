"""The data folder (query log, log secret, caches) is created readable by the bot's user only.

One helper for every writer, whichever runs first (the index cache is written before the query log opens).
"""

from __future__ import annotations

import os
from pathlib import Path


def private_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents 0700 (member questions are personal data); existing ones are kept."""
    folder = Path(folder)
    missing = []
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:
            if not made.is_dir():
                raise
            continue  # made by another process meanwhile
        os.chmod(made, 0o700)  # mkdir's mode is filtered by the umask
