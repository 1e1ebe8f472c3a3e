"""A child process stopped for good: asked to stop, given a few seconds, then killed, and always reaped.

``logs serve`` stops its Datasette and a cold start its second index-analysis process this one way: neither may be
left running (a dashboard still serving the log, a process holding gigabytes) nor waited for without end.
"""

from __future__ import annotations

import subprocess
from typing import Any


def stop_child(process: subprocess.Popen[Any], seconds: float, *, terminate: bool = True) -> None:
    """Wait up to ``seconds`` for ``process`` to exit, after a SIGTERM (``terminate``; False when the caller has
    asked it its own way, as the index analysis does by closing its work), then SIGKILL it; reaped either way."""
    if process.poll() is not None:
        return
    if terminate:
        process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
