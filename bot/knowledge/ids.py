"""Stable passage ids: ``doc-id#slug-hash``, anchored on a passage's heading and content, not its position.

Inserting a paragraph above leaves every other passage's id as it was, so the votes and citations logged for
a passage keep pointing at the same text; editing a passage (or its heading) gives it a new id. Re-wrapping
lines does not (whitespace is normalised before hashing). ``legacy_ids`` maps the old ``doc-id#n`` ids
(positions, before this scheme) to the new ones, for the query log's rows written before.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from bot.models import Passage, column

SLUG_CHARS = 24
HASH_CHARS = 6
_NON_WORD = re.compile(r"[\W_]+")


def _latin(ch: str) -> bool:
    return ch < "\u0250"  # Basic Latin to Latin Extended-B


def _unaccented(decomposed: str, keep: bool) -> str:
    """Combining marks dropped from Latin letters (é → e); with ``keep``, those of other scripts stay
    (the dakuten of で, ブ: dropping them turned 誰ですか into 誰てすか)."""
    out: list[str] = []
    base = ""
    for ch in decomposed:
        if not unicodedata.combining(ch):
            base = ch
        elif not keep or _latin(base):
            continue
        out.append(ch)
    return "".join(out)


def slug(text: str) -> str:
    """A short readable anchor: lowercase words joined by hyphens, Latin accents dropped, Japanese kept whole."""
    if text.isascii():  # nothing to decompose, drop or compose
        words = _NON_WORD.sub("-", text.lower()).strip("-")
    else:
        plain = _unaccented(unicodedata.normalize("NFKD", text), keep=True)
        words = _NON_WORD.sub("-", unicodedata.normalize("NFC", plain).lower()).strip("-")
    if len(words) > SLUG_CHARS:
        cut = words[:SLUG_CHARS]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words or "p"


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``, with no split when ``text`` is already so (most paragraphs: C-speed scans
    for str.split's whitespace other than the plain space). In ASCII text that is a few characters, looked for
    one by one; in other text every such character (\\xa0, \\u3000, \\u2028…) is also one ``str.isprintable``
    refuses, so one scan tells (2.5x the speed of the split on SciFact's non-ASCII passages)."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    if text.isascii():
        if ("\n" not in text and "\t" not in text and "\r" not in text and "\x0b" not in text and "\x0c" not in text
                and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text):
            return text
    elif text.isprintable():
        return text
    return " ".join(text.split())


def content_hash(heading: str, text: str) -> str:
    normalised = single_spaced(heading) + "\n" + single_spaced(text)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_CHARS]


def passage_ids(doc_id: str, parts: Iterable[tuple[str, str]]) -> list[str]:
    """The id of each ``(heading, text)`` passage of a document; a repeated passage gets ``-2``, ``-3``…"""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for heading, text in parts:
        base = f"{doc_id}#{slug(heading or text)}-{content_hash(heading, text)}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def legacy_ids(passages: Sequence[Passage]) -> dict[str, str]:
    """``doc-id#n`` (the n-th passage of the document, the ids used before) → the passage's stable id."""
    counts: dict[str, int] = {}
    mapping: dict[str, str] = {}
    for doc_id, passage_id in zip(column(passages, "doc_id"), column(passages, "id"), strict=True):
        counts[doc_id] = counts.get(doc_id, 0) + 1
        mapping[f"{doc_id}#{counts[doc_id]}"] = passage_id
    return mapping


def old_ids(passages: Sequence[Passage]) -> dict[str, str]:
    """Every earlier id of each passage → its id now, for the query log's rows: the position ids
    (``legacy_ids``) and the ids whose slug had lost its dakuten (``…#誰てすか-1a2b3c`` → ``…#誰ですか-1a2b3c``)."""
    mapping = legacy_ids(passages)
    for passage_id in column(passages, "id"):  # the ids only: a start makes no passage (see bot.models.Passages)
        doc, _, anchor = passage_id.partition("#")
        stripped = unicodedata.normalize("NFC", _unaccented(unicodedata.normalize("NFD", anchor), keep=False))
        if stripped != anchor:
            mapping[f"{doc}#{stripped}"] = passage_id
    return mapping
