"""Write a file whole or not at all: a hidden temporary file beside the target, synced, then renamed over it.

One home for the pattern the knowledge cache, the index cache and `/kb add` uploads share: a reader (or a
process killed mid-write) sees the old file or the new one, never half of one. The temporary name starts with
a dot, so the knowledge loader skips it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_write(target: Path, prefix: str, mode: int | None = None) -> Iterator[BinaryIO]:
    """Yield a binary handle; on a clean exit the bytes reach the disk and replace ``target`` (with ``mode``,
    when given). On any error the temporary file is removed and the error propagates."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
