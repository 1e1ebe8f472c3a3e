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
from collections.abc import Iterable

from bot.models import Passage

SLUG_CHARS = 24
HASH_CHARS = 6
LEGACY_ID_RE = re.compile(r"(?P<doc>[a-z0-9][a-z0-9-]*)#(?P<n>[0-9]+)")
_NON_WORD = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """A short readable anchor: lowercase words joined by hyphens, accents dropped (Japanese kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub("-", unicodedata.normalize("NFC", plain).lower()).strip("-")
    if len(words) > SLUG_CHARS:
        cut = words[:SLUG_CHARS]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words or "p"


def content_hash(heading: str, text: str) -> str:
    normalised = " ".join(heading.split()) + "\n" + " ".join(text.split())
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


def legacy_ids(passages: Iterable[Passage]) -> dict[str, str]:
    """``doc-id#n`` (the n-th passage of the document, the ids used before) → the passage's stable id."""
    counts: dict[str, int] = {}
    mapping: dict[str, str] = {}
    for passage in passages:
        counts[passage.doc_id] = counts.get(passage.doc_id, 0) + 1
        mapping[f"{passage.doc_id}#{counts[passage.doc_id]}"] = passage.id
    return mapping
