"""The answer as Markdown: the same text in the terminal and in the Discord embed."""

from __future__ import annotations

import re

from bot.i18n import t
from bot.limits import DISCORD_EMBED_DESCRIPTION, ELLIPSIS
from bot.models import Answer, Citation

_MARKDOWN_SPECIAL = re.compile(r"([\\*_~|`\[\]<])")
_LINE_START = re.compile(r"^([>#-])", re.MULTILINE)
_PING = re.compile(r"@(?=(everyone|here)\b|[!&]?\d)", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s<>()\[\]]+$")


def escape_markdown(text: str) -> str:
    """Escape Markdown and neutralise @everyone/@here so quoted text renders as written."""
    escaped = _LINE_START.sub(r"\\\1", _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return _PING.sub("@\u200b", escaped)


def highlight(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Escape ``snippet`` and bold the ``(start, end)`` spans (overlaps merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(len(snippet), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(escape_markdown(snippet[position:start]))
        parts.append(f"**{escape_markdown(snippet[start:end])}**")
        position = end
    parts.append(escape_markdown(snippet[position:]))
    return "".join(parts)


def render_source(citation: Citation) -> str:
    """``*Title* · <link>`` with the link only when it is a plain http(s) URL."""
    title = f"*{escape_markdown(citation.title)}*"
    link = citation.source if _URL.match(citation.source or "") else ""
    source = f" · [{escape_markdown(_host(link))}]({link})" if link else ""
    return f"{title}{source} · `{citation.passage_id.replace('`', '')}`"


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def render_citation(citation: Citation) -> str:
    """One numbered citation: the snippet, then its title, source link and passage id."""
    snippet = highlight(citation.snippet, citation.highlights)
    return f"**[{citation.n}]** {' '.join(snippet.split())}\n— {render_source(citation)}"


def render_citations(answer: Answer) -> list[str]:
    return [render_citation(c) for c in answer.citations]


def whole_blocks(blocks: list[str], limit: int, separator: str = "\n\n") -> list[str]:
    """The leading ``blocks`` that fit whole in ``limit`` characters once joined with ``separator``.

    Stops at the first block that does not fit (never cut, never skipped over); empty if even the first is too long.
    """
    kept: list[str] = []
    size = 0
    for block in blocks:
        extra = len(block) + (len(separator) if kept else 0)
        if size + extra > limit:
            break
        kept.append(block)
        size += extra
    return kept


def render_markdown(answer: Answer, language: str | None = None, max_chars: int = DISCORD_EMBED_DESCRIPTION) -> str:
    """The whole answer, at most ``max_chars`` long; citations are dropped whole, never cut."""
    lang = language or answer.language
    if answer.small_talk:
        return t("small_talk", lang)
    if not answer.answered or not answer.citations:
        return t("not_found", lang)
    blocks = whole_blocks(render_citations(answer), max_chars)
    if not blocks:  # a single citation longer than the limit: keep its source line whole
        first = answer.citations[0]
        source = f"\n— {render_source(first)}"
        room = max_chars - len(source) - len(f"**[{first.n}]** ") - 1
        blocks.append(f"**[{first.n}]** {escape_markdown(first.snippet)[: max(room, 0)]}{ELLIPSIS}{source}")
    return "\n\n".join(blocks)
