"""Where the tests find the repository's files: one home for every path the tests read."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHIPPED_KNOWLEDGE = ROOT / "knowledge"
FIXTURES = TESTS / "fixtures"
DISCORD_CORPUS = TESTS / "discord_front" / "knowledge"
EVAL = TESTS / "eval"
SHARED = ROOT.parent / "shared"
SCIFACT = SHARED / "eval" / "scifact"
