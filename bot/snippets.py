"""The part of a passage worth quoting: the sentence (or two adjacent ones) that best matches the query."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.analysis import analyze_spans

MAX_SNIPPET_CHARS = 300
ELLIPSIS = "…"

_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"»”’)\]]*\s+|(?<=[。！？])[」』）]*\s*")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP_RE = re.compile(r"(\*\*|__|`|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_MD_LINE_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_SPACES_RE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """Passage text without Markdown markup (links keep their text), on one line."""
    text = _MD_LINK_RE.sub(r"\1", markdown)
    text = _MD_LINE_PREFIX_RE.sub("", text)
    text = _MD_MARKUP_RE.sub("", text)
    return _SPACES_RE.sub(" ", text).strip()


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text: fr/en end on . ! ? …, Japanese on 。！？ (closing quotes stay attached)."""
    sentences = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.start() + len(match.group().rstrip())
        if end > start:
            sentences.append(text[start:end].strip())
        start = match.end()
    if start < len(text) and text[start:].strip():
        sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def _matched(sentence: str, language: str, terms: Mapping[str, float]) -> set[str]:
    return {t for t, _, _ in analyze_spans(sentence, language) if t in terms}


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS


def _window(sentences: list[str], language: str, terms: Mapping[str, float], limit: int) -> str:
    """The best sentence or pair of adjacent sentences (by summed weight of distinct matched terms)."""
    matched = [_matched(s, language, terms) for s in sentences]
    best_text, best_key = sentences[0], (-1.0, 0, 0)
    for i, sentence in enumerate(sentences):
        options = [(sentence, matched[i])]
        if i + 1 < len(sentences):
            pair = f"{sentence} {sentences[i + 1]}"
            if len(pair) <= limit and matched[i + 1] - matched[i]:
                options.append((pair, matched[i] | matched[i + 1]))
        for text, found in options:
            key = (sum(terms[t] for t in found), -len(text) if len(text) > limit else 0, -i)
            if key > best_key:
                best_text, best_key = text, key
    return best_text


def highlight_spans(text: str, language: str, terms: Mapping[str, float]) -> tuple[tuple[int, int], ...]:
    """Merged (start, end) spans of the words (or CJK characters) of ``text`` whose tokens are query terms."""
    spans = sorted((s, e) for t, s, e in analyze_spans(text, language) if t in terms)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def make_snippet(
    text: str, language: str, terms: Mapping[str, float], max_chars: int = MAX_SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of a passage ``text`` for query ``terms`` (token -> weight), with its highlight spans."""
    plain = plain_text(text)
    if not plain:
        return "", ()
    sentences = split_sentences(plain) or [plain]
    snippet = _truncate(_window(sentences, language, terms, max_chars), max_chars)
    return snippet, highlight_spans(snippet, language, terms)
