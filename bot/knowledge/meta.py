"""The metadata of a document (front matter, sidecar or FAQ header): id, title, language, source, …

Also the YAML value helpers shared by the file kinds (a scalar as text, a list of texts, a web address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.knowledge.problems import FileProblem
from bot.knowledge.safe_yaml import ParsedYaml
from bot.models import LANGUAGES

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
LANGUAGE_LIST = ", ".join(LANGUAGES)


@dataclass(slots=True)
class Meta:
    """The metadata keys of a document (front matter, sidecar or FAQ header)."""

    id: str
    title: str
    language: str
    source: str
    id_line: int
    date: str | None = None
    id_path: str = ""  # the sidecar holding the id, if not the file itself
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def as_text(value: Any) -> str | None:
    """A YAML scalar as text (numbers and dates too); None for lists, mappings, booleans."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float | date):
        return value.isoformat() if isinstance(value, date) else str(value)
    return None


def text_list(value: Any, key: str, line: int) -> tuple[str, ...]:
    """A list of texts (a single text is accepted as a one-item list)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    texts = [as_text(item) for item in items]
    if any(not item for item in texts):
        raise FileProblem(line, f'"{key}" must be a list of texts, like [first, second]')
    return tuple(t for t in texts if t)


def check_source(value: Any, line: int) -> str:
    source = as_text(value)
    parts = urlsplit(source or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in source or ""):
        raise FileProblem(
            line, f'"source" must be a web address starting with http:// or https:// (got "{source or value}")'
        )
    return source or ""


def _required(parsed: ParsedYaml, key: str, where: str, hint: str = "") -> str:
    """A required text value; missing → error on the first line, wrong shape → on the key's line."""
    raw = parsed.data.get(key)
    value = as_text(raw)
    if not value and raw not in (None, ""):
        raise FileProblem(parsed.key_lines.get(key, parsed.first_line), f'"{key}" must be a single text{hint}')
    if not value:
        raise FileProblem(parsed.first_line, f'{where} is missing "{key}"{hint}')
    return value


def read_meta(parsed: ParsedYaml, where: str) -> Meta:
    """Validate id, title, language, source (+ optional date, tags, aliases)."""
    data, lines, first = parsed.data, parsed.key_lines, parsed.first_line
    if not isinstance(data, dict):
        raise FileProblem(first, f'{where} must be a list of "key: value" lines (id, title, language, source)')
    doc_id = _required(parsed, "id", where, " (a short name such as declaration-en)")
    if not ID_RE.fullmatch(doc_id):
        raise FileProblem(
            lines.get("id", first),
            f'"id" may only use lowercase letters a-z, digits and hyphens, starting with a letter or digit '
            f'(got "{doc_id}")',
        )
    title = _required(parsed, "title", where)
    language = _required(parsed, "language", where, f" (one of {LANGUAGE_LIST})")
    if language not in LANGUAGES:
        raise FileProblem(lines.get("language", first), f'"language" must be one of {LANGUAGE_LIST} (got "{language}")')
    _required(parsed, "source", where, " (the http(s) web address the facts come from)")
    source = check_source(data["source"], lines.get("source", first))
    return Meta(
        id=doc_id,
        title=title,
        language=language,
        source=source,
        id_line=lines.get("id", first),
        date=as_text(data.get("date")) or None,
        tags=text_list(data.get("tags"), "tags", lines.get("tags", first)),
        aliases=text_list(data.get("aliases"), "aliases", lines.get("aliases", first)),
    )
