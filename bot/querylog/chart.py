"""The questions-per-day chart (bars) with the answer rate (line) that ``/logs summary`` attaches.

Drawn with matplotlib's Agg backend (no display, thread-safe through its object API) when the ``charts``
extra is installed; without it ``render_png`` returns None and the caller shows ``sparkline`` text instead.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

SIZE_INCHES = (6.4, 2.8)
DPI = 100
BAR_COLOUR = "#5865F2"  # Discord blurple: the bars read as "questions"
LINE_COLOUR = "#F0B232"
_SPARKS = "▁▂▃▄▅▆▇█"


class Day(NamedTuple):
    """Messages on one UTC day, how many were answered, and how many were small talk ("hi", "merci")."""

    day: date
    questions: int
    answered: int
    small_talk: int = 0

    @property
    def answer_rate(self) -> float | None:
        """Answered / questions, small talk apart (as in the summary): a greeting is neither answered nor not."""
        asked = self.questions - self.small_talk
        return self.answered / asked if asked else None


def fill_days(rows: Sequence[tuple[str, int, int, int]], since: float, now: float) -> list[Day]:
    """``(YYYY-MM-DD, questions, answered, small talk)`` rows made into one ``Day`` per calendar day of the
    window (zeros for quiet days), oldest first."""
    start = datetime.fromtimestamp(since, UTC).date()
    end = datetime.fromtimestamp(now, UTC).date()
    known = {date.fromisoformat(d): (q, a, s) for d, q, a, s in rows}
    days = []
    for n in range((end - start).days + 1):
        day = start + timedelta(days=n)
        days.append(Day(day, *known.get(day, (0, 0, 0))))
    return days


def available() -> bool:
    """True when matplotlib (the ``charts`` extra) is installed."""
    return importlib.util.find_spec("matplotlib") is not None


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """An installed font that has Japanese glyphs (matplotlib's default has none), or None."""
    from matplotlib import font_manager

    for font in font_manager.fontManager.ttflist:
        if any(key in font.name for key in ("CJK", "IPA", "Takao", "Hiragino", "Yu Gothic", "Meiryo", "Noto Sans JP")):
            return font.name
    return None


def can_write(language: str) -> bool:
    """Whether the chart can show labels in ``language`` (Japanese needs a CJK font)."""
    return language != "ja" or (available() and cjk_font() is not None)


def render_png(days: Sequence[Day], *, title: str, questions_label: str, rate_label: str) -> bytes | None:
    """A small PNG: questions per day as bars, the answer rate as a line on a 0–100 % axis; None without
    matplotlib. Labels come from the caller (the message catalog; see ``can_write``)."""
    if not available() or not days:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    font = {"fontfamily": [cjk_font(), "DejaVu Sans"]} if cjk_font() else {}
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.bar([d.day for d in days], [d.questions for d in days], color=BAR_COLOUR, width=0.8)
    ax.set_ylabel(questions_label, color=BAR_COLOUR, **font)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    rate = ax.twinx()
    answered = [(d.day, 100 * d.answer_rate) for d in days if d.answer_rate is not None]
    if answered:
        rate.plot([d for d, _ in answered], [r for _, r in answered], color=LINE_COLOUR, marker="o", markersize=3,
                  linewidth=2)
    rate.set_ylim(0, 105)
    rate.yaxis.set_major_formatter(PercentFormatter())
    rate.set_ylabel(rate_label, color=LINE_COLOUR, **font)
    ax.set_title(title, fontsize=11, **font)
    ax.xaxis.set_major_formatter(DateFormatter("%m-%d"))
    ax.tick_params(axis="x", labelsize=8, labelrotation=30)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def sparkline(days: Sequence[Day]) -> str:
    """Questions per day as block characters (the text fallback of the chart)."""
    peak = max((d.questions for d in days), default=0)
    if not peak:
        return _SPARKS[0] * len(days)
    return "".join(_SPARKS[round(d.questions / peak * (len(_SPARKS) - 1))] for d in days)

