"""Text no one writes on purpose: passages too long to search quickly, and "words" too long to be words.

A 1 MB paragraph on one line would make every question that matches it cost the retrieval worker half a
second (snippets, highlighting); it is split at load into passages of at most ``MAX_PASSAGE_CHARS``,
at a sentence end or a space when there is one. A run of letters and digits longer than
``ABSURD_TOKEN_CHARS`` (base64, a pasted hash, a keyboard held down) is no word anyone asks about: it is
loaded (the typo corrector skips it) but reported by ``knowledge check`` as a warning with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from bot.knowledge.problems import FileProblem
from bot.models import Passage

MAX_PASSAGE_CHARS = 2_000
ABSURD_TOKEN_CHARS = 40
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"')\]»」』）]*)(?:\s+|$)")
# tried only where a run of such characters starts (the lookbehind), so a long text costs one pass, not one try
# per character: the matches are the same, as a run of more than ABSURD_TOKEN_CHARS is matched from its start
_TOKEN = re.compile(rf"(?<![0-9A-Za-z\u00c0-\u024f])[0-9A-Za-z\u00c0-\u024f]{{{ABSURD_TOKEN_CHARS + 1},}}")
_ASCII_SPACES = np.zeros(256, dtype=bool)  # the bytes of the ASCII characters str.split() cuts at
_ASCII_SPACES[list(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")] = True


def _cut(text: str, limit: int) -> int:
    """Where to end the first chunk of ``text``: the last sentence end, else space, in its second half."""
    window = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() >= limit // 2]
    if ends:
        return ends[-1]
    space = window.rfind(" ", limit // 2)
    return space + 1 if space > 0 else limit


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """``text`` in chunks of at most ``limit`` characters (itself when short enough)."""
    if len(text) <= limit:
        return [text]
    chunks, start = [], 0
    while len(text) - start > limit:
        cut = start + _cut(text[start : start + limit], limit)
        chunks.append(text[start:cut].strip())
        start = cut
    chunks.append(text[start:].strip())
    return [c for c in chunks if c]


def split_paragraphs(paragraphs: Iterable[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """``(heading, text, line)`` paragraphs with each overlong one split (the pieces keep its heading and line)."""
    return [(heading, piece, line) for heading, text, line in paragraphs for piece in split_long(text)]


def _long_runs(texts: list[str]) -> list[int]:
    """Which of ``texts`` hold a run of more than ``ABSURD_TOKEN_CHARS`` UTF-8 bytes between ASCII spaces, found
    for all of them at once: those that can hold a longer ``str.split()`` word (a character is a byte or more, and
    a space ``str.split`` knows outside ASCII lies inside such a run). Splitting every passage into its words cost
    ~20 µs a SciFact passage, a sixth of parsing it."""
    data = np.frombuffer("\n".join(texts).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    bounds = np.concatenate(([-1], np.flatnonzero(_ASCII_SPACES[data]), [data.shape[0]]))
    long = np.flatnonzero(np.diff(bounds) > ABSURD_TOKEN_CHARS + 1)
    if not long.shape[0]:
        return []
    ends = np.cumsum([(len(t) if t.isascii() else len(t.encode("utf-8", "surrogatepass"))) + 1 for t in texts])
    return np.unique(np.searchsorted(ends, bounds[long] + 1, side="right")).tolist()


def absurd_tokens(passages: Iterable[Passage]) -> list[FileProblem]:
    """One warning per paragraph holding a "word" longer than ``ABSURD_TOKEN_CHARS`` characters (as long as it
    runs in one passage: a word longer than a passage is cut with it)."""
    warnings: list[FileProblem] = []
    seen: set[int] = set()
    passages = list(passages)
    for passage in [passages[i] for i in _long_runs([p.text for p in passages])]:
        if passage.line in seen:  # the pieces of one split paragraph: one warning
            continue
        if max(map(len, passage.text.split()), default=0) <= ABSURD_TOKEN_CHARS:
            continue  # a word lies within a run of non-space characters: none is long enough (C speed)
        longest = max((m.group(0) for m in _TOKEN.finditer(passage.text)), key=len, default=None)
        if longest is not None:
            seen.add(passage.line)
            cut = len(passage.text) >= MAX_PASSAGE_CHARS and passage.text.endswith(longest)  # runs on past it
            size = f"a word of {len(longest):,} characters or more" if cut else f"a {len(longest):,}-character word"
            warnings.append(FileProblem(
                passage.line,
                f"{size} ({longest[:20]}…) is no word anyone asks about; it is not "
                "corrected for typos. Check the text (pasted data, a missing space?)",
            ))
    return warnings
