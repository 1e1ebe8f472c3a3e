"""`python -m bot knowledge` (placeholder until implemented)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("knowledge", help="(not implemented yet)")
