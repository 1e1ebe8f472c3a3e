"""How the reports write a share, a change, a latency and a missing value: one home for the CLI's tables and
Discord's ``/logs summary``, so both print the same figure the same way."""

from __future__ import annotations

MISSING = "–"  # a value there is none of (an empty period, no vote yet), in tables and summaries


def pct(value: float | None) -> str:
    """A share (0.123 → "12.3%")."""
    return MISSING if value is None else f"{value * 100:.1f}%"


def signed_pct(value: float | None) -> str:
    """A relative change (0.05 → "+5.0%")."""
    return MISSING if value is None else f"{value * 100:+.1f}%"


def signed_points(value: float | None, unit: str = "pts") -> str:
    """A change of a share, in percentage points (0.05 → "+5.0 pts"); ``unit``: the word in the reader's language."""
    return MISSING if value is None else f"{value * 100:+.1f} {unit}"


def ms(value: float | None) -> str:
    """A latency in milliseconds, to the tenth, without a trailing ".0" (12.0 → "12 ms", 1234.5 → "1234.5 ms")."""
    return MISSING if value is None else f"{value:.1f}".removesuffix(".0") + " ms"
