"""The answer as Markdown: what the Discord embed shows and ``--markdown`` prints.

The first lines answer the question: the sentence(s) of the best passage, quoted, the question's words in
bold. Then the sources, numbered, one line each (title · link), each with its quote when it adds a fact.
Timings and ids are not shown: they stay in the log and in ``ask --json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import plural, t
from bot.limits import ELLIPSIS
from bot.models import Answer, ChatKind, Citation, Document, KnowledgeBase, column

COMPACT_CHARS = 1_000
"""The longest answer a member reads on a phone (an issue 11 target; Discord would allow 4,096)."""
TITLE_CHARS = 70  # a source's title in its line; the link names the site
TOPIC_EXAMPLES = 5  # /topics: this many FAQ questions of the member's language, as examples

_MARKDOWN_SPECIAL = re.compile(r"([\\*_~|`\[\]<])")
_LINE_START = re.compile(r"^([>#-])", re.MULTILINE)
_PING = re.compile(r"@(?=(everyone|here)\b|[!&]?\d)", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
_LINK_BREAKERS = str.maketrans({c: f"%{ord(c):02X}" for c in "()[]<>"})  # would end a Markdown link early


def link_target(source: str) -> str:
    """``source`` as a Markdown link's target, or "" when it is no http(s) address: brackets and parentheses
    percent-encoded (the same address), so ".../Penguin_(bird)" stays one working link."""
    return source.translate(_LINK_BREAKERS) if _URL.match(source or "") else ""


def small_talk_key(answer: Answer) -> str:
    """The reply to a message with no question, from the chat phrases it was made of (knowledge/chat/*.yaml).

    "merci", "thanks!!" get a "you're welcome"; "ok", "lol", "cool", "👍" (after an answer, usually) a short
    nod; a greeting, a call for help or a member saying who they are the introduction with example questions.
    """
    if ChatKind.THANKS in answer.chat:
        return "small_talk.thanks"
    if answer.chat & {ChatKind.GREETINGS, ChatKind.HELP, ChatKind.INTRODUCTIONS, ChatKind.MORE, ChatKind.ABOUT}:
        return "small_talk"  # "je suis Yves": hello, Yves; "tell me more" before any answer: what the bot knows
        # ("about" where the front end has no /about text at hand: `ask --json`)
    return "small_talk.ack"


def not_found_key(answer: Answer) -> str:
    """The reply to a question answered by nothing: "not found"; after "tell me more", that nothing more is quoted;
    for a question about today or what came after ("is she still minister?"), that the sources date from 2018."""
    return {"no-more": "not_found.more", "after-corpus": "not_found.after"}.get(answer.reason, "not_found")


@dataclass(frozen=True, slots=True)
class Topics:
    """What /topics shows (Discord and chat alike), plain text: the member's language's documents by title (the
    subjects, not 31 titles in three languages), a line for the other languages, a few FAQ questions."""

    heading: str  # "My documents in French:"
    titles: list[str]
    also: str  # "The same facts also in English (10 documents) and …"; "" when there is no other language
    examples: list[str]  # FAQ questions of the member's language


def topics(kb: KnowledgeBase, language: str) -> Topics:
    """The /topics of ``kb`` for a member writing ``language`` (the corpus's first language when it has none)."""
    languages = kb.languages
    own = language if language in languages else (languages[0] if languages else language)
    titles = sorted(doc.title for doc in kb.documents if doc.language == own)
    counts = {lang: sum(doc.language == lang for doc in kb.documents) for lang in languages if lang != own}
    others = [t("topics.other", language, name=t(f"language.{lang}", language),
                count=plural("count.documents", n, language)) for lang, n in counts.items()]
    also = t("topics.also", language, languages=t("list.separator", language).join(others)) if others else ""
    fields = zip(*(column(kb.passages, name) for name in ("kind", "language")), strict=True)
    faq = [i for i, (kind, lang) in enumerate(fields) if kind == "faq" and lang == own][:TOPIC_EXAMPLES * 2]
    examples = [q for i in faq if (q := next(iter(kb.passages[i].questions), ""))][:TOPIC_EXAMPLES]
    heading = t("topics.documents", language, name=t(f"language.{own}", language))
    return Topics(heading, titles, also, examples)


def asks_about(answer: Answer) -> bool:
    """"about", « à propos », このボットについて (the ``about`` chat phrases, the whole message): what /about says."""
    return answer.small_talk and ChatKind.ABOUT in answer.chat


def about_sources(documents: list[Document], language: str) -> list[tuple[str, str]]:
    """The sources /about lists: (title, link) once per link, titled in ``language`` when a document of it cites
    it."""
    seen: dict[str, str] = {}
    for doc in sorted(documents, key=lambda d: d.language != language):
        if doc.source and doc.source not in seen:
            seen[doc.source] = doc.title
    return [(title, source) for source, title in seen.items()]


def render_about(documents: list[Document], days: int, language: str) -> list[str]:
    """What /about says, as Markdown lines (the embed's description, ``ask --markdown``): how answers are made,
    what is logged and for how long, then one line per source."""
    lines = [t("about.body", language, days=days), "", f"**{t('about.sources', language)}**"]
    for title, source in about_sources(documents, language):
        shown = escape_markdown(title).replace("[", "(").replace("]", ")")
        link = link_target(source)
        lines.append(f"• [{shown}](<{link}>)" if link else f"• {shown} · {escape_markdown(source)}")
    return lines


def asks_for_sources(answer: Answer) -> bool:
    """"source?", "lien ?", ソースは？ (the ``sources`` chat phrases, as the whole message): the previous answer's
    sources are wanted, not a new search."""
    return answer.small_talk and ChatKind.SOURCES in answer.chat


def sources_of(previous: Answer | None) -> list[Citation]:
    """The sources a previous answer cited, one per number (two quotes of one source are one source)."""
    if previous is None:
        return []
    return list({c.n: c for c in reversed(previous.citations)}.values())[::-1]


def render_sources(previous: Answer | None, language: str) -> list[str]:
    """The reply to "source?": the question it answered, then ``**[n]** *Title* · [host](link)`` per source; or
    why there is none (nothing answered here yet, or it quoted nothing)."""
    if previous is None:
        return [escape_markdown(t("sources.none", language))]
    cited = sources_of(previous)
    if not cited:
        return [escape_markdown(t("sources.nothing", language))]
    asked = escape_markdown(_clip(" ".join(previous.question.split()), TITLE_CHARS))
    return [t("sources.of", language, question=asked), *(render_source(c, language) for c in cited)]


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


def render_source(citation: Citation, language: str | None = None) -> str:
    """``**[n]** *Title* · [host](link)``: the link only for a plain http(s) URL, the language when not ``language``."""
    title = f"*{escape_markdown(_clip(citation.title, TITLE_CHARS))}*"
    link = link_target(citation.source)
    source = f" · [{escape_markdown(_host(link))}]({link})" if link else ""
    marker = f" · {citation.language.upper()}" if language and citation.language != language else ""
    return f"**[{citation.n}]** {title}{source}{marker}"


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:(") + ELLIPSIS


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def render_quote(citation: Citation) -> str:
    """The citation's snippet as one quoted line, the question's words in bold."""
    return "> " + " ".join(highlight(citation.snippet, citation.highlights).split())


def source_count(answer: Answer, max_chars: int | None = None) -> int:
    """How many sources an answer quotes (two quotes of one document are one source); with ``max_chars``, how many
    :func:`render_markdown` shows within it (the footer counts what the member sees, not what was dropped)."""
    if answer.parts:  # a block per source in each question's answer; one source quoted for two counts once
        if max_chars is None:
            return len({c.n for part in answer.parts for c in part.citations})
        return len({n for part, blocks in _shown_parts(answer, max_chars)
                    for n in list(dict.fromkeys(c.n for c in part.citations))[: len(blocks)]})
    if max_chars is not None and answer.answered and answer.citations and not answer.small_talk:
        return len(_shown_blocks(answer, max_chars))
    return len({c.n for c in answer.citations})


def render_citations(answer: Answer) -> list[str]:
    """The blocks of an answer, joined by a blank line: the summary (quoted from [1]) first, then each source.

    The summary is the snippet of the first citation, so its block is that citation's. Two quotes of one source
    are one block (both quotes, then the source line once): no bare "[1]" line. When the corpus has the fact
    only in another language, a short localized note says so before it.
    """
    quotes: dict[int, list[str]] = {}  # a second quote of a source goes under the first, above its one source line
    sources: dict[int, str] = {}
    for citation in answer.citations:
        quotes.setdefault(citation.n, []).append(render_quote(citation))
        sources.setdefault(citation.n, render_source(citation, answer.language))
    blocks = ["\n".join([*quotes[n], sources[n]]) for n in quotes]
    if blocks and answer.citations[0].language != answer.language:
        name = t(f"language.{answer.citations[0].language}", answer.language)
        note = t("answer.other_language", answer.language, name=name)
        blocks[0] = f"{escape_markdown(note)}\n{blocks[0]}"
    return blocks


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


def render_markdown(answer: Answer, language: str | None = None, max_chars: int = COMPACT_CHARS) -> str:
    """The whole answer, at most ``max_chars`` long; later sources are dropped whole, never cut.

    Only a first block longer than ``max_chars`` is cut, in its quote: its source line stays whole.
    """
    lang = language or answer.language
    if answer.small_talk:
        return t(small_talk_key(answer), lang)
    if not answer.answered or not answer.citations:
        return t(not_found_key(answer), lang)
    if answer.parts:
        return "\n\n".join(_part_block(part, blocks, lang) for part, blocks in _shown_parts(answer, max_chars))
    return "\n\n".join(_shown_blocks(answer, max_chars))


def _part_heading(part: Answer) -> str:
    """The question a part of the reply answers, as the member wrote it, in bold."""
    return f"**{escape_markdown(_clip(' '.join(part.question.split()), TITLE_CHARS))}**"


def _shown_parts(answer: Answer, max_chars: int) -> list[tuple[Answer, list[str]]]:
    """Each question of a message of several (bot.search.several) with its blocks that fit in its share of
    ``max_chars`` (an equal share each: every question gets its answer, or its "not found" line)."""
    share = (max_chars - 2 * (len(answer.parts) - 1)) // len(answer.parts)
    shown = []
    for part in answer.parts:
        room = share - len(_part_heading(part)) - 1
        shown.append((part, _shown_blocks(part, room) if part.answered and part.citations else []))
    return shown


def _part_block(part: Answer, blocks: list[str], language: str) -> str:
    """One question of a message of several: its words in bold, then its quote(s) with their sources, or the short
    line saying the sources do not answer it."""
    heading = _part_heading(part)
    if not blocks:
        return f"{heading}\n{escape_markdown(t('not_found.part', language))}"
    return f"{heading}\n" + "\n\n".join(blocks)


def _shown_blocks(answer: Answer, max_chars: int) -> list[str]:
    """The blocks of an answer that fit in ``max_chars``, one per source (only a first block too long is cut)."""
    blocks = render_citations(answer)
    kept = whole_blocks(blocks, max_chars)
    if not kept:
        head, source = blocks[0].rsplit("\n", 1)
        room = max_chars - len(source) - 1 - len(ELLIPSIS)
        kept = [f"{head[: max(room, 0)]}{ELLIPSIS}\n{source}"]
    return kept
