"""A document body split into passages: Markdown paragraphs under headings, or plain-text paragraphs.

In plain text, a short one-line paragraph without final punctuation is a heading. A paragraph with nothing to quote
is not a passage: a lone label that announces what follows ("Sommaire :", "Contents:", 目次：), a table of contents
(every line a heading of the same document) or a Markdown image alone; ``split_paragraphs`` reports each one left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

HEADING_MAX_CHARS = 100  # a short unpunctuated one-line paragraph of a .txt is a heading
FINAL_PUNCTUATION = ".!?:…。！？"
CLOSING_CHARS = "\"')]}»」』）】”’"
ATX_HEADING_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*))?")
CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
THEMATIC_BREAK_RE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*")
FENCE_RE = re.compile(r" {0,3}(```|~~~)")
_MARKUP_STARTS = frozenset("#`~=-*_")  # what a heading, fence, underline or break line opens on (or a space)


@dataclass(slots=True)
class _Block:
    line: int  # 1-based first line
    lines: list[str]
    heading: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _markdown_blocks(lines: list[str], start: int) -> Iterator[_Block]:
    """Paragraphs and headings of a Markdown body (code fences keep their blank lines)."""
    block: _Block | None = None
    fence: str | None = None
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if line and line[0] not in _MARKUP_STARTS and not line[0].isspace():  # text: no pattern can match it
            block = block or _Block(number, [])
            block.lines.append(line)
            continue
        opening = FENCE_RE.match(line) if fence is None else None
        if fence is not None or opening:
            if opening:
                fence = opening.group(1)
            elif fence and line.strip().startswith(fence):
                fence = None
            block = block or _Block(number, [])
            block.lines.append(line)
            continue
        heading = ATX_HEADING_RE.fullmatch(line)
        setext = SETEXT_RE.fullmatch(line)
        if setext and block is not None and len(block.lines) == 1:
            yield _Block(block.line, [block.text], heading=True)
            block = None
        elif heading or not line.strip() or THEMATIC_BREAK_RE.fullmatch(line):
            if block is not None:
                yield block
                block = None
            if heading:
                title = CLOSING_HASHES_RE.sub("", heading.group(1) or "").strip()
                yield _Block(number, [title], heading=True)
        else:
            block = block or _Block(number, [])
            block.lines.append(line)
    if block is not None:
        yield block


def _text_blocks(lines: list[str], start: int) -> Iterator[_Block]:
    """Blank-line separated paragraphs of a plain text; short unpunctuated lines are headings."""
    block: _Block | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip():
            block = block or _Block(index + 1, [])
            block.lines.append(line)
        elif block is not None:
            yield block
            block = None
    if block is not None:
        yield block


def _is_text_heading(block: _Block) -> bool:
    text = block.text
    if len(block.lines) != 1 or len(text) > HEADING_MAX_CHARS:
        return False
    return not text.rstrip(CLOSING_CHARS).endswith(tuple(FINAL_PUNCTUATION))


LABEL_MAX_WORDS = 3  # "Sommaire :", "Table des matières :", "In this article:": a label, not a sentence
_LABEL_RE = re.compile(r"[^\W\d_](?:[\w'’ -]*[^\W_])?\s*[:：]")
_WORDS_RE = re.compile(r"\w+")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*+•·]|\d+[.)])\s+")
_IMAGES_RE = re.compile(r"(?:!\[[^\]\n]*\]\([^)\n]*\)\s*)+")  # Markdown images and nothing else


def _fold_line(line: str) -> str:
    return " ".join(_LIST_MARK_RE.sub("", line).split()).casefold()


def nothing_to_quote(text: str, headings: set[str]) -> str:
    """Why a paragraph has nothing to quote ("" when it has): a label of a few words ending with a colon and
    nothing after it, a list of the document's own headings (its table of contents), or Markdown images alone (their
    descriptions would be quoted as facts)."""
    stripped = text.strip()
    if stripped.startswith("![") and _IMAGES_RE.fullmatch(stripped):
        return "an image: members see no picture, only text is quoted"
    # both checks first ask what is cheap to ask (every passage of a 100k corpus goes through here): a label ends
    # with its colon, a table of contents has two lines or more
    if "\n" not in stripped and stripped.endswith((":", "：")):
        one_line = " ".join(text.split())
        if _LABEL_RE.fullmatch(one_line) and len(_WORDS_RE.findall(one_line)) <= LABEL_MAX_WORDS:
            return "a label announcing what follows, with nothing after it"
    if not headings or "\n" not in stripped:
        return ""
    lines = [_fold_line(line) for line in text.splitlines() if line.strip()]
    listed = [line for line in lines if line in headings]
    rest = [line for line in lines if line not in headings]
    if len(listed) >= 2 and (not rest or (len(rest) == 1 and rest[0] == lines[0] and _LABEL_RE.fullmatch(rest[0]))):
        return "a table of contents: the document's own headings"
    return ""


def _is_comment(text: str) -> bool:
    return text.startswith("<!--") and text.endswith("-->")


def split_paragraphs(
    lines: list[str], start: int, markdown: bool, left_out: list[tuple[int, str]] | None = None
) -> list[tuple[str, str, int]]:
    """``(heading, text, line)`` of each passage of a document body; ``left_out`` receives ``(line, why)`` of each
    paragraph with nothing to quote (see :func:`nothing_to_quote`)."""
    result: list[tuple[str, str, int]] = []
    headings: set[str] = set()
    heading = ""
    for block in _markdown_blocks(lines, start) if markdown else _text_blocks(lines, start):
        if block.heading or (not markdown and _is_text_heading(block)):
            heading = block.text
            headings.add(_fold_line(heading))
        elif block.text and not (markdown and _is_comment(block.text)):
            result.append((heading, block.text, block.line))
    kept = []
    for passage in result:
        why = nothing_to_quote(passage[1], headings)
        if not why:
            kept.append(passage)
        elif left_out is not None:
            left_out.append((passage[2], why))
    return kept
