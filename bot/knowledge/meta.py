"""The metadata of a document (front matter, sidecar or FAQ header): id, title, language, source, …

Also the YAML value helpers shared by the file kinds (a scalar as text, a list of texts, a web address).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.knowledge.problems import FileProblem, Problems, did_you_mean
from bot.knowledge.safe_yaml import ParsedYaml
from bot.models import LANGUAGES, served_language

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")  # a year, a month or a day: 2018, 2018-07, 2018-07-13
LANGUAGE_LIST = ", ".join(LANGUAGES)
LANGUAGE_NAMES = {  # what moderators write for a language instead of its code (trial 10 L2): suggested, not read
    "english": "en", "anglais": "en", "eng": "en", "英語": "en",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr", "フランス語": "fr",
    "japanese": "ja", "japonais": "ja", "jp": "ja", "jpn": "ja", "jap": "ja", "日本語": "ja",
}


def unknown_language(written: str) -> str:
    """The message for a ``language`` that is not a served code, with the code meant when it is a known name."""
    meant = LANGUAGE_NAMES.get(written.strip().casefold())
    hint = f': write "language: {meant}"' if meant else ""
    return f'"language" must be one of {LANGUAGE_LIST} (got "{written.strip()}"){hint}'
META_KEYS = ("id", "title", "language", "source", "date", "tags", "aliases", "group", "translation_of")


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
    group: str | None = None  # documents that are translations of each other share a group
    translation_of: str | None = None  # or name the id of the document they translate
    language_line: int = 1


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


def tags_of(value: Any, line: int, problems: Problems) -> tuple[str, ...]:
    """``tags``: a list of texts; "a, b" is one text, so one tag — warned (not refused: tags are optional and a
    file must not be switched off for one), since the moderator meant a list."""
    tags = problems.attempt(lambda: text_list(value, "tags", line)) or ()
    if isinstance(value, str) and "," in value:
        problems.warn(
            FileProblem(
                line,
                f'"tags" is one text ("{value.strip()}"), so a single tag: for several tags '
                f"write a list in brackets, like [{value.strip()}]",
            )
        )
    return tags


def date_of(value: Any, line: int, problems: Problems) -> str | None:
    """``date``: a date written year-month-day (or a year, a year-month); anything else is warned and ignored,
    not refused (the date is optional: "13/07/2018" must not switch a good document off)."""
    text = as_text(value)
    if value is None:
        return None
    if text and (match := DATE_RE.fullmatch(text)):
        year, month, day = (int(part or 1) for part in match.groups())
        try:
            date(year, month, day)
            return text
        except ValueError:
            pass
    problems.warn(
        FileProblem(
            line,
            f'"date" must be written year-month-day, like 2018-07-13 (got "{text or value}"): '
            "it is ignored until fixed",
        )
    )
    return None


def check_source(value: Any, line: int) -> str:
    source = as_text(value)
    parts = urlsplit(source or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in source or ""):
        half_width = unicodedata.normalize("NFKC", source or "")
        full_width = half_width != source and half_width.startswith(("http://", "https://"))
        raise FileProblem(
            line, f'"source" must be a web address starting with http:// or https:// (got "{source or value}")'
            + (": it is typed in full-width characters (Japanese input mode); retype it in half-width"
               if full_width else "")
        )
    return source or ""


def _required(parsed: ParsedYaml, key: str, where: str, hint: str = "") -> str:
    """A required text value; missing → error on the first line, empty or wrong shape → on the key's line."""
    raw = parsed.data.get(key)
    value = as_text(raw)
    line = parsed.key_lines.get(key, parsed.first_line)
    if not value and raw not in (None, ""):
        raise FileProblem(line, f'"{key}" must be a single text{hint}')
    if not value and key in parsed.data:  # "title:", "title: null", "title: ''" (trial 6: reported at line 1)
        raise FileProblem(line, f'"{key}" is empty{hint}')
    if not value:
        raise FileProblem(parsed.first_line, f'{where} is missing "{key}"{hint}')
    return value


def check_keys(
    data: dict, key_lines: dict[str, int], known: tuple[str, ...], problems: Problems, first: int
) -> set[str]:
    """Name each key that is not one of ``known``: a misspelt one is an error with "did you mean",
    any other a warning (it is ignored). Returns the known keys that were misspelt (not reported missing)."""
    meant: set[str] = set()
    for key in data:
        name = str(key)
        if name in known:
            continue
        line = key_lines.get(name, first)
        guess = name.lower() if name.lower() in known else did_you_mean(name, known)
        if guess is not None and guess not in data:
            meant.add(guess)
            problems.add(FileProblem(line, f'unknown key "{name}": did you mean "{guess}"?'))
        else:
            problems.warn(FileProblem(line, f'unknown key "{name}" is ignored (known keys: {", ".join(known)})'))
    return meant


def _optional_id(parsed: ParsedYaml, key: str) -> str | None:
    value = as_text(parsed.data.get(key))
    if value and not ID_RE.fullmatch(value):
        raise FileProblem(
            parsed.key_lines.get(key, parsed.first_line),
            f'"{key}" is a document id or group name: lowercase letters a-z, digits and hyphens (got "{value}")',
        )
    return value or None


def read_meta(
    parsed: ParsedYaml, where: str, problems: Problems | None = None, extra_keys: tuple[str, ...] = ()
) -> Meta | None:
    """Validate id, title, language, source (+ optional date, tags, aliases, group, translation_of).

    Every problem goes to ``problems`` (None: raise them together); returns None when a required key is bad.
    """
    collect = problems if problems is not None else Problems()
    meta = _read_meta(parsed, where, collect, extra_keys)
    if problems is None:
        collect.raise_any()
    return meta


def _read_meta(parsed: ParsedYaml, where: str, problems: Problems, extra_keys: tuple[str, ...]) -> Meta | None:
    data, lines, first = parsed.data, parsed.key_lines, parsed.first_line
    if not isinstance(data, dict):
        problems.add(
            FileProblem(first, f'{where} must be a list of "key: value" lines (id, title, language, source)')
        )
        return None
    meant = check_keys(data, lines, META_KEYS + extra_keys, problems, first)

    def required(key: str, hint: str = "") -> str | None:
        if key in meant and key not in data:
            return None  # already named as a misspelling
        return problems.attempt(lambda: _required(parsed, key, where, hint))

    doc_id = required("id", " (a short name such as declaration-en)")
    if doc_id and not ID_RE.fullmatch(doc_id):
        problems.add(
            FileProblem(
                lines.get("id", first),
                f'"id" may only use lowercase letters a-z, digits and hyphens, starting with a letter or digit '
                f'(got "{doc_id}")',
            )
        )
        doc_id = None
    title = required("title")
    written_language = required("language", f" (one of {LANGUAGE_LIST})")
    language = served_language(written_language.strip()) if written_language is not None else None
    if written_language is not None and language is None:
        problems.add(FileProblem(lines.get("language", first), unknown_language(written_language)))
    source = None
    if required("source", " (the http(s) web address the facts come from)") is not None:
        source = problems.attempt(lambda: check_source(data["source"], lines.get("source", first)))
    written = date_of(data.get("date"), lines.get("date", first), problems)
    tags = tags_of(data.get("tags"), lines.get("tags", first), problems)
    aliases = problems.attempt(lambda: text_list(data.get("aliases"), "aliases", lines.get("aliases", first))) or ()
    group = problems.attempt(lambda: _optional_id(parsed, "group"))
    translation_of = problems.attempt(lambda: _optional_id(parsed, "translation_of"))
    if doc_id is None or title is None or language is None or source is None:
        return None
    return Meta(
        id=doc_id,
        title=title,
        language=language,
        source=source,
        id_line=lines.get("id", first),
        date=written,
        tags=tags,
        aliases=aliases,
        group=group,
        translation_of=translation_of,
        language_line=lines.get("language", first),
    )
