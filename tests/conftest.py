"""Root of the test suite: ``tests/`` is on ``sys.path`` (pyproject ``pythonpath``), the fake Discord's fixtures
come from its plugin, and tests under ``tests/reliability/`` carry the ``reliability`` marker."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["fake_discord.plugin"]

RELIABILITY = Path(__file__).parent / "reliability"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the reliability tests by where they live, so ``-m "not reliability"`` gives a quick run."""
    for item in items:
        if RELIABILITY in Path(item.path).parents:
            item.add_marker(pytest.mark.reliability)
