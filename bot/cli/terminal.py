"""Answers drawn for a terminal with rich: bold where Discord bolds, links as their text and their URL.

The Markdown that Discord gets (``--markdown``) would show its asterisks and brackets raw in a terminal;
here the same answer is built as rich ``Text``: the summary quoted with a bar, the question's words in bold,
then ``[1] Title · host`` with the full URL beside it (clickable where the terminal supports links). A
terminal that is not a TTY (a pipe, a file) gets the same text without colours or escape codes.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.text import Text

from bot.formatting import MISSING
from bot.i18n import t
from bot.models import Answer, Citation, KnowledgeBase
from bot.render import about_sources, not_found_key, small_talk_key, source_count, topics

QUOTE_BAR = "▌ "


def _quote(citation: Citation) -> Text:
    text = Text(QUOTE_BAR, style="dim")
    body = Text(citation.snippet)
    for start, end in citation.highlights:
        body.stylize("bold", start, end)
    return text.append_text(body)


def _source(citation: Citation, language: str) -> Text:
    line = Text(f"[{citation.n}] ", style="bold").append(citation.title, style="italic")
    if citation.source.startswith(("http://", "https://")):
        host = citation.source.split("://", 1)[1].split("/", 1)[0]
        line.append(" · ").append(host, style=f"link {citation.source}").append(f" {citation.source}", style="dim")
    if citation.language != language:
        line.append(f" · {citation.language.upper()}")
    return line


def _quoted(answer: Answer, language: str) -> list[Text]:
    """An answer's quotes, a block per source: two quotes of one source, both, then its source line once."""
    quotes: dict[int, list[Text]] = {}
    sources: dict[int, Text] = {}
    for citation in answer.citations:
        quotes.setdefault(citation.n, []).append(_quote(citation))
        sources.setdefault(citation.n, _source(citation, language))
    return [Text("\n").join([*quotes[n], sources[n]]) for n in quotes]


def answer_text(answer: Answer) -> Text:
    """The answer as a terminal shows it (the same blocks, in the same order, as the Discord embed)."""
    language = answer.language
    if answer.small_talk:
        return Text(t(small_talk_key(answer), language))
    if not answer.answered or not answer.citations:
        text = Text(t(not_found_key(answer), language))
        if answer.suggestions:
            text.append("\n\n").append(t("suggestions.title", language), style="bold")
            for suggestion in answer.suggestions:
                text.append(f"\n  • {suggestion.question}")
        return text
    blocks: list[Text] = []
    first = answer.citations[0]
    if first.language != language:
        name = t(f"language.{first.language}", language)
        blocks.append(Text(t("answer.other_language", language, name=name), style="dim"))
    if not answer.parts:
        blocks.extend(_quoted(answer, language))
    for part in answer.parts:  # a message of several questions: each under its words, as in Discord
        body = _quoted(part, language) if part.answered and part.citations else [Text(t("not_found.part", language))]
        blocks.append(Text("\n").join([Text(" ".join(part.question.split()), style="bold"), Text("\n\n").join(body)]))
    count = source_count(answer)
    blocks.append(Text(t("footer.one" if count == 1 else "footer", language, n=count), style="dim"))
    return Text("\n\n").join(blocks)


def topics_text(kb: KnowledgeBase, language: str) -> Text:
    """What ``/topics`` shows in chat: counts, the member's language's documents by title, the other languages in a
    line, a few FAQ questions as examples."""
    shown = topics(kb, language)
    text = Text(t("topics.title", language), style="bold").append("\n")
    text.append(t("topics.intro", language, documents=len(kb.documents), passages=len(kb.passages),
                  languages=", ".join(kb.languages) or MISSING))
    text.append("\n").append(shown.heading, style="bold")
    for title in shown.titles:
        text.append(f"\n  • {title}")
    if shown.also:
        text.append("\n").append(shown.also, style="dim")
    if shown.examples:
        text.append("\n").append(t("topics.examples", language), style="bold")
        for question in shown.examples:
            text.append(f"\n  • {question}")
    return text


def about_text(kb: KnowledgeBase, days: int, language: str) -> Text:
    """What ``/about`` (and "about", « à propos » as the whole message) shows in a terminal: how answers are made,
    what is logged and for how long, then one line per source."""
    text = Text(t("about.title", language), style="bold").append("\n")
    text.append(t("about.body", language, days=days).replace("**", "")).append("\n\n")
    text.append(t("about.sources", language), style="bold")
    for title, source in about_sources(kb.documents, language):
        text.append("\n  • ").append(title).append(f" · {source}", style="dim")
    return text


def console(file: IO[str] | None = None) -> Console:
    """A console that wraps softly (URLs stay whole) and adds no highlighting of its own."""
    return Console(file=file, highlight=False, soft_wrap=True, emoji=False)
