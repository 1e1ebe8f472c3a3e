"""Load a knowledge directory into a :class:`KnowledgeBase`; check and save ``/kb add`` uploads.

The file formats are described for moderators in ``knowledge/README.md``.
Nothing here raises for a bad file: each problem becomes a :class:`LoadError` (``path:line: message``,
worded for moderators), the file is skipped, and every other file still loads.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.models import LANGUAGES, Document, GlossaryEntry, KnowledgeBase, LoadError, Passage

MAX_FILE_BYTES = 1024 * 1024  # 1 MB per file
MAX_YAML_DEPTH = 20
MAX_FILENAME_CHARS = 100
HEADING_MAX_CHARS = 100  # a short unpunctuated one-line paragraph of a .txt is a heading
MIN_GLOSSARY_TERMS = 2
TEXT_SUFFIXES = (".md", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
KNOWLEDGE_SUFFIXES = TEXT_SUFFIXES + YAML_SUFFIXES
SIDECAR_SUFFIX = ".meta.yaml"
FINAL_PUNCTUATION = ".!?:…。！？"
CLOSING_CHARS = "\"')]}»」』）】”’"
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
UPLOAD_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
ATX_HEADING_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*))?")
CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
THEMATIC_BREAK_RE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*")
FENCE_RE = re.compile(r" {0,3}(```|~~~)")
NO_PASSAGES_MD = "the document has no passages: write at least one paragraph of text after the front matter"
NO_PASSAGES_TXT = "the text has no passages (a single short line without a final period counts as a heading)"
YAML_BREAKS = "\0 \t\r\n\x85\u2028\u2029"
LANGUAGE_LIST = ", ".join(LANGUAGES)
YAML_HINTS = {
    "mapping values are not allowed here": ' (a value that contains ": " must be put between quotes)',
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
    "expected ',' or ']', but got ':'": ' (in a [ … ] list, put a text that contains ": " between quotes)',
}


class _Problem(Exception):
    """One problem in a file; ``path`` is set when it is not the file being parsed (a sidecar)."""

    def __init__(self, line: int, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


@dataclass(slots=True)
class _Meta:
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


@dataclass(slots=True)
class _Yaml:
    """Parsed YAML with the line of each top-level key and of each item of top-level lists."""

    data: Any
    key_lines: dict[str, int]
    item_lines: dict[str, list[int]]
    first_line: int


@dataclass(slots=True)
class ParsedFile:
    """What one knowledge file contributes (at most one document, or glossary entries)."""

    document: Document | None = None
    passages: list[Passage] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    id_line: int = 1
    id_path: str = ""  # where the id is written when it is not in the file itself (a sidecar)
    glossary_lines: list[int] = field(default_factory=list)


class UploadRefused(ValueError):
    """``save_upload`` refused to write a file (unsafe name or path, too big)."""


# --------------------------------------------------------------------------- YAML


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases (YAML bombs) and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed "
                "(a text that starts with & or * must be put between quotes)",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"the data is nested more than {MAX_YAML_DEPTH} levels deep",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def scan_plain(self) -> yaml.ScalarToken:
        """PyYAML's plain-scalar scanner, except that ``?`` may appear inside flow items (as in YAML 1.2).

        So ``questions: [Who signed?, Qui a signé ?]`` works as moderators expect.
        """
        chunks: list[str] = []
        start_mark = end_mark = self.get_mark()
        indent = self.indent + 1
        spaces: list[str] = []
        while self.peek() != "#":
            length = self._plain_length()
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.ScalarToken("".join(chunks), True, start_mark, end_mark)

    def _plain_length(self) -> int:
        """Length of the next run of a plain scalar (stops at spaces, ": ", and flow punctuation)."""
        flow = ",[]{}" if self.flow_level else ""
        length = 0
        while True:
            ch = self.peek(length)
            colon = ch == ":" and self.peek(length + 1) in YAML_BREAKS + flow
            if ch in YAML_BREAKS or colon or (flow and ch in flow):
                return length
            length += 1


def _yaml_error(exc: yaml.YAMLError, offset: int) -> _Problem:
    """Turn a PyYAML error into a problem at the right file line."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return _Problem(line, f"YAML error: {problem}{YAML_HINTS.get(problem, '')}")


def _duplicate_key(node: yaml.Node, offset: int) -> _Problem | None:
    """Report a key written twice in the same mapping (YAML would silently keep the last one)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    return _Problem(key.start_mark.line + 1 + offset, f'"{key.value}" is written twice')
                seen.add(key.value)
            found = _duplicate_key(value, offset)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _duplicate_key(item, offset)
            if found:
                return found
    return None


def _parse_yaml(text: str, offset: int = 0) -> _Yaml:
    """Parse YAML safely; ``offset`` is the number of file lines before ``text``."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _Yaml(None, {}, {}, 1 + offset)
        problem = _duplicate_key(node, offset)
        if problem:
            raise problem
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, offset) from exc
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            key_lines[name] = key.start_mark.line + 1 + offset
            if isinstance(value, yaml.SequenceNode):
                item_lines[name] = [item.start_mark.line + 1 + offset for item in value.value]
    return _Yaml(data, key_lines, item_lines, node.start_mark.line + 1 + offset)


# --------------------------------------------------------------------------- text and metadata


def _line_of_byte(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def _decode(data: bytes) -> str:
    """Bytes → text: refuse empty, binary and non-UTF-8 files; drop a UTF-8 BOM."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Problem(
            _line_of_byte(data, nul),
            "this is not a text file (it contains NUL bytes); save it as plain UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise _Problem(
            _line_of_byte(data, exc.start),
            f"the file is not UTF-8 text (byte 0x{bad:02X} cannot be read); save it with the UTF-8 encoding",
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _Problem(1, "the file is empty")
    return text


def _lines(text: str) -> list[str]:
    """Split on \\n, \\r\\n and \\r only (like editors count lines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _as_text(value: Any) -> str | None:
    """A YAML scalar as text (numbers and dates too); None for lists, mappings, booleans."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float | date):
        return value.isoformat() if isinstance(value, date) else str(value)
    return None


def _text_list(value: Any, key: str, line: int) -> tuple[str, ...]:
    """A list of texts (a single text is accepted as a one-item list)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    texts = [_as_text(item) for item in items]
    if any(not item for item in texts):
        raise _Problem(line, f'"{key}" must be a list of texts, like [first, second]')
    return tuple(t for t in texts if t)


def _check_source(value: Any, line: int) -> str:
    source = _as_text(value)
    parts = urlsplit(source or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in source or ""):
        raise _Problem(
            line, f'"source" must be a web address starting with http:// or https:// (got "{source or value}")'
        )
    return source or ""


def _required(parsed: _Yaml, key: str, where: str, hint: str = "") -> str:
    """A required text value; missing → error on the first line, wrong shape → on the key's line."""
    raw = parsed.data.get(key)
    value = _as_text(raw)
    if not value and raw not in (None, ""):
        raise _Problem(parsed.key_lines.get(key, parsed.first_line), f'"{key}" must be a single text{hint}')
    if not value:
        raise _Problem(parsed.first_line, f'{where} is missing "{key}"{hint}')
    return value


def _read_meta(parsed: _Yaml, where: str) -> _Meta:
    """Validate id, title, language, source (+ optional date, tags, aliases)."""
    data, lines, first = parsed.data, parsed.key_lines, parsed.first_line
    if not isinstance(data, dict):
        raise _Problem(first, f'{where} must be a list of "key: value" lines (id, title, language, source)')
    doc_id = _required(parsed, "id", where, " (a short name such as declaration-en)")
    if not ID_RE.fullmatch(doc_id):
        raise _Problem(
            lines.get("id", first),
            f'"id" may only use lowercase letters a-z, digits and hyphens, starting with a letter or digit '
            f'(got "{doc_id}")',
        )
    title = _required(parsed, "title", where)
    language = _required(parsed, "language", where, f" (one of {LANGUAGE_LIST})")
    if language not in LANGUAGES:
        raise _Problem(lines.get("language", first), f'"language" must be one of {LANGUAGE_LIST} (got "{language}")')
    _required(parsed, "source", where, " (the http(s) web address the facts come from)")
    source = _check_source(data["source"], lines.get("source", first))
    return _Meta(
        id=doc_id,
        title=title,
        language=language,
        source=source,
        id_line=lines.get("id", first),
        date=_as_text(data.get("date")) or None,
        tags=_text_list(data.get("tags"), "tags", lines.get("tags", first)),
        aliases=_text_list(data.get("aliases"), "aliases", lines.get("aliases", first)),
    )


# --------------------------------------------------------------------------- paragraphs


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


def _is_comment(text: str) -> bool:
    return text.startswith("<!--") and text.endswith("-->")


def _paragraphs(lines: list[str], start: int, markdown: bool) -> list[tuple[str, str, int]]:
    """``(heading, text, line)`` of each passage of a document body."""
    result: list[tuple[str, str, int]] = []
    heading = ""
    for block in _markdown_blocks(lines, start) if markdown else _text_blocks(lines, start):
        if block.heading or (not markdown and _is_text_heading(block)):
            heading = block.text
        elif block.text and not (markdown and _is_comment(block.text)):
            result.append((heading, block.text, block.line))
    return result


# --------------------------------------------------------------------------- file kinds


def _front_matter(lines: list[str]) -> tuple[_Yaml | None, int]:
    """Parse a leading ``---`` … ``---`` block; return it and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            parsed = _parse_yaml("\n".join(lines[1:index]), offset=1)
            parsed.first_line = 1
            return parsed, index + 1
    raise _Problem(1, 'the front matter that starts on line 1 is never closed: add a line with just "---" after it')


def _document(meta: _Meta, path: str, kind: str, passage_count: int) -> Document:
    return Document(
        id=meta.id,
        title=meta.title,
        language=meta.language,
        source=meta.source,
        path=path,
        kind=kind,
        date=meta.date,
        tags=meta.tags,
        aliases=meta.aliases,
        passage_count=passage_count,
    )


def _build_document(meta: _Meta, path: str, paragraphs: list[tuple[str, str, int]]) -> ParsedFile:
    passages = [
        Passage(
            id=f"{meta.id}#{n}",
            doc_id=meta.id,
            title=meta.title,
            source=meta.source,
            language=meta.language,
            text=text,
            heading=heading,
            path=path,
            line=line,
            tags=meta.tags,
        )
        for n, (heading, text, line) in enumerate(paragraphs, start=1)
    ]
    document = _document(meta, path, "document", len(passages))
    return ParsedFile(document, passages, id_line=meta.id_line, id_path=meta.id_path)


def _parse_text_document(path: str, text: str, sidecar: tuple[str, bytes] | None) -> ParsedFile:
    """A Markdown or plain-text document (front matter, or a sidecar for .txt)."""
    lines = _lines(text)
    markdown = path.lower().endswith(".md")
    parsed, body = _front_matter(lines)
    if parsed is not None and sidecar is not None:
        raise _Problem(1, f"the file has front matter and also {_name(sidecar[0])}; keep only one of the two")
    if parsed is not None:
        meta = _read_meta(parsed, "front matter")
    elif sidecar is not None:
        meta = _parse_sidecar(*sidecar)
    elif markdown:
        raise _Problem(
            1,
            'the file must start with front matter: a "---" line, then id, title, language, source, '
            'then another "---" line',
        )
    else:
        raise _Problem(
            1,
            f"the file has no front matter and no {_sidecar_name(path)} beside it "
            "(one of the two must give id, title, language, source)",
        )
    paragraphs = _paragraphs(lines, body, markdown)
    if not paragraphs:
        raise _Problem(1, NO_PASSAGES_MD if markdown else NO_PASSAGES_TXT)
    return _build_document(meta, path, paragraphs)


def _parse_sidecar(path: str, data: bytes) -> _Meta:
    """The metadata of ``NAME.meta.yaml``; problems are reported on the sidecar's own path."""
    try:
        meta = _read_meta(_parse_yaml(_decode(data)), _name(path))
    except _Problem as problem:
        problem.path = problem.path or path
        raise
    meta.id_path = path
    return meta


def _faq_entry(entry: Any, number: int, line: int, meta: _Meta, path: str) -> Passage:
    skipped = " (the whole file is skipped until this is fixed)"
    if not isinstance(entry, dict):
        raise _Problem(line, f'entry {number} must have "questions:" and "answer:" lines{skipped}')
    questions = _text_list(entry.get("questions"), "questions", line)
    if not questions:
        raise _Problem(line, f'entry {number} has no "questions"{skipped}')
    answer = _as_text(entry.get("answer"))
    if not answer:
        raise _Problem(line, f'entry {number} has no "answer"{skipped}')
    source = _check_source(entry["source"], line) if entry.get("source") is not None else meta.source
    tags = tuple(dict.fromkeys(meta.tags + _text_list(entry.get("tags"), "tags", line)))
    return Passage(
        id=f"{meta.id}#{number}",
        doc_id=meta.id,
        title=meta.title,
        source=source,
        language=meta.language,
        text=answer,
        kind="faq",
        questions=questions,
        path=path,
        line=line,
        tags=tags,
    )


def _parse_faq(path: str, parsed: _Yaml) -> ParsedFile:
    meta = _read_meta(parsed, "the FAQ")
    entries = parsed.data.get("entries")
    entries_line = parsed.key_lines.get("entries", parsed.first_line)
    if not isinstance(entries, list) or not entries:
        raise _Problem(entries_line, 'the FAQ has no entries (add an "entries:" list of questions and answers)')
    lines = parsed.item_lines.get("entries", [])
    passages = [
        _faq_entry(entry, n, lines[n - 1] if n <= len(lines) else entries_line, meta, path)
        for n, entry in enumerate(entries, start=1)
    ]
    return ParsedFile(_document(meta, path, "faq", len(passages)), passages, id_line=meta.id_line)


def _parse_glossary(parsed: _Yaml) -> ParsedFile:
    entries = parsed.data.get("terms")
    first = parsed.key_lines.get("terms", parsed.first_line)
    if not isinstance(entries, list) or not entries:
        raise _Problem(first, 'the glossary has no entries (add a "terms:" list of entries with id and terms)')
    lines = parsed.item_lines.get("terms", [])
    result = ParsedFile()
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        line = lines[number - 1] if number <= len(lines) else first
        item = _glossary_entry(entry, number, line)
        if item.id in seen:
            raise _Problem(line, f'glossary id "{item.id}" is used twice in this file (also on line {seen[item.id]})')
        seen[item.id] = line
        result.glossary.append(item)
        result.glossary_lines.append(line)
    return result


def _glossary_entry(entry: Any, number: int, line: int) -> GlossaryEntry:
    if not isinstance(entry, dict):
        raise _Problem(line, f'glossary entry {number} must have "id:" and "terms:" lines')
    entry_id = _as_text(entry.get("id"))
    if not entry_id:
        raise _Problem(line, f'glossary entry {number} has no "id"')
    if not ID_RE.fullmatch(entry_id):
        raise _Problem(
            line,
            f'glossary entry {number}: "id" may only use lowercase letters a-z, digits and hyphens (got "{entry_id}")',
        )
    terms = tuple(dict.fromkeys(_text_list(entry.get("terms"), "terms", line)))
    if len(terms) < MIN_GLOSSARY_TERMS:
        raise _Problem(
            line,
            f'glossary entry {number} ("{entry_id}") needs at least {MIN_GLOSSARY_TERMS} '
            "different terms (the names that mean the same thing)",
        )
    return GlossaryEntry(id=entry_id, terms=terms)


def _parse_yaml_file(path: str, text: str) -> ParsedFile:
    parsed = _parse_yaml(text)
    if not isinstance(parsed.data, dict):
        raise _Problem(
            parsed.first_line,
            'the file must be a list of "key: value" lines starting with "type: faq" or "type: glossary"',
        )
    kind = parsed.data.get("type")
    line = parsed.key_lines.get("type", parsed.first_line)
    if kind == "faq":
        return _parse_faq(path, parsed)
    if kind == "glossary":
        return _parse_glossary(parsed)
    if kind is None:
        raise _Problem(
            line,
            'the file has no "type: faq" or "type: glossary" line '
            "(a text's metadata file must be named NAME.meta.yaml, beside NAME.txt)",
        )
    raise _Problem(line, f'unknown type "{kind}" (use "type: faq" or "type: glossary")')


def parse_file(path: str, data: bytes, sidecar: tuple[str, bytes] | None = None) -> ParsedFile:
    """Parse one knowledge file from bytes; raise ``_Problem`` for the first rule it breaks.

    ``path`` is relative to the knowledge dir (POSIX); ``sidecar`` is ``(path, bytes)`` of ``NAME.meta.yaml``.
    """
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    text = _decode(data)
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return _parse_yaml_file(path, text)
    if suffix in TEXT_SUFFIXES:
        return _parse_text_document(path, text, sidecar if suffix == ".txt" else None)
    raise _Problem(1, f"not a knowledge file: the name must end in {_suffix_list()}")


# --------------------------------------------------------------------------- walking the directory


def _name(path: str) -> str:
    return PurePosixPath(path).name


def _sidecar_name(path: str) -> str:
    return PurePosixPath(path).stem + SIDECAR_SUFFIX


def _suffix_list() -> str:
    return ", ".join(KNOWLEDGE_SUFFIXES[:-1]) + " or " + KNOWLEDGE_SUFFIXES[-1]


def _too_big(size: int) -> _Problem:
    return _Problem(
        1,
        f"the file is too big ({size / 1_048_576:.1f} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB): "
        "split it into several files",
    )


def _is_ignored(name: str) -> bool:
    return name.startswith(("_", ".")) or name.lower() == "readme.md"


def _read(path: Path) -> bytes:
    """Read a regular file of at most MAX_FILE_BYTES, or raise ``_Problem``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Problem(1, "this is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(info.st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError as exc:
        raise _Problem(1, "the file cannot be read (permission denied)") from exc
    except OSError as exc:
        raise _Problem(1, f"the file cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    return data


@dataclass(slots=True)
class _Loader:
    """Accumulates one load: the knowledge base plus who owns each id."""

    real_root: str
    kb: KnowledgeBase
    doc_paths: dict[str, str] = field(default_factory=dict)
    glossary_paths: dict[str, str] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)

    def error(self, path: str, line: int, message: str) -> None:
        self.kb.errors.append(LoadError(path, line, message))

    def outside(self, path: Path) -> bool:
        """True if ``path`` (a link) leads outside the knowledge dir."""
        target = os.path.realpath(path)
        return os.path.commonpath([target, self.real_root]) != self.real_root

    def walk(self, directory: Path, rel: PurePosixPath) -> None:
        real = os.path.realpath(directory)
        if real in self.visited:
            return
        self.visited.add(real)
        try:
            entries = sorted(directory.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.error(rel.as_posix() or ".", 0, f"the folder cannot be read ({exc.strerror or exc})")
            return
        names = {entry.name for entry in entries}
        for entry in entries:
            if not _is_ignored(entry.name):
                self.visit(entry, rel / entry.name, names)

    def visit(self, entry: Path, rel: PurePosixPath, names: set[str]) -> None:
        path = rel.as_posix()
        if entry.is_symlink():
            if self.outside(entry):
                self.error(path, 1, "this is a link to something outside the knowledge folder; it was not read")
                return
            if not entry.exists():
                self.error(path, 1, "this is a link to a file that does not exist")
                return
        if entry.is_dir():
            if entry.name.lower().endswith(KNOWLEDGE_SUFFIXES):
                self.error(path, 1, "this is a folder but its name ends like a file name; rename it (it was not read)")
            else:
                self.walk(entry, rel)
            return
        lower = entry.name.lower()
        if lower.endswith(SIDECAR_SUFFIX):
            txt = entry.name[: -len(SIDECAR_SUFFIX)] + ".txt"
            if txt not in names:
                self.error(path, 1, f"this metadata file has no {txt} beside it (NAME.meta.yaml describes NAME.txt)")
            return
        if not lower.endswith(KNOWLEDGE_SUFFIXES):
            self.error(path, 1, f"not a knowledge file (the name must end in {_suffix_list()}); it was ignored")
            return
        self.load_file(entry, path, names)

    def load_file(self, entry: Path, path: str, names: set[str]) -> None:
        try:
            sidecar = self.read_sidecar(entry, path) if _sidecar_name(path) in names else None
            parsed = parse_file(path, _read(entry), sidecar)
        except _Problem as problem:
            self.error(problem.path or path, problem.line, problem.message)
            return
        self.add(path, parsed)

    def read_sidecar(self, entry: Path, path: str) -> tuple[str, bytes] | None:
        """``(path, bytes)`` of the ``NAME.meta.yaml`` beside a ``NAME.txt`` (None for other files)."""
        if not path.lower().endswith(".txt"):
            return None
        name = _sidecar_name(path)
        sidecar = entry.with_name(name)
        if self.outside(sidecar):
            raise _Problem(1, f"its metadata file {name} links outside the knowledge folder; the file was not read")
        sidecar_path = PurePosixPath(path).with_name(name).as_posix()
        try:
            return sidecar_path, _read(sidecar)
        except _Problem as problem:
            problem.path = sidecar_path
            raise

    def add(self, path: str, parsed: ParsedFile) -> None:
        """Add a parsed file unless one of its ids is already taken by another file."""
        doc = parsed.document
        if doc is not None and doc.id in self.doc_paths:
            first = self.doc_paths[doc.id]
            message = f'the id "{doc.id}" is already used by {first}; give this file another id'
            self.error(parsed.id_path or path, parsed.id_line, message)
            return
        for entry, line in zip(parsed.glossary, parsed.glossary_lines, strict=True):
            if entry.id in self.glossary_paths:
                first = self.glossary_paths[entry.id]
                self.error(path, line, f'glossary id "{entry.id}" is already used in {first}; use another id')
                return
        if doc is not None:
            self.doc_paths[doc.id] = path
            self.kb.documents.append(doc)
            self.kb.passages.extend(parsed.passages)
        for entry in parsed.glossary:
            self.glossary_paths[entry.id] = path
            self.kb.glossary.append(entry)


def _load(directory: Path) -> _Loader:
    kb = KnowledgeBase(documents=[], passages=[], glossary=[], errors=[], directory=str(directory))
    loader = _Loader(real_root=os.path.realpath(directory), kb=kb)
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "does not exist"
        loader.error(".", 0, f"the knowledge folder {directory} {what}")
    else:
        loader.walk(directory, PurePosixPath())
    kb.loaded_at = datetime.now(UTC)
    return loader


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Load every knowledge file under ``directory`` (recursively, sorted); bad files become ``kb.errors``."""
    return _load(Path(directory)).kb


# --------------------------------------------------------------------------- uploads (/kb add)


def _name_problem(filename: str) -> str | None:
    """Why an uploaded file name is unsafe or not a knowledge file name, or None."""
    if not filename or len(filename) > MAX_FILENAME_CHARS:
        return f"the file name must have 1 to {MAX_FILENAME_CHARS} characters"
    if "/" in filename or "\\" in filename:
        return "the file name must not contain a folder (no / or \\)"
    if filename.startswith((".", "_")):
        return "the file name must not start with a dot or an underscore"
    if not UPLOAD_NAME_RE.fullmatch(filename):
        return "the file name may only use letters A-Z a-z, digits, dots, hyphens and underscores"
    if not filename.lower().endswith(KNOWLEDGE_SUFFIXES):
        return f"the file name must end in {_suffix_list()}"
    if PurePosixPath(filename).stem.lower() == "readme":
        return "README files are notes for people, not knowledge files; choose another name"
    return None


def _upload_parse(filename: str, data: bytes, directory: Path) -> tuple[str, ParsedFile]:
    """Parse an upload the way the loader would; return its final path and what it contributes."""
    if filename.lower().endswith(SIDECAR_SUFFIX):
        meta = _parse_sidecar(filename, data)
        txt_name = filename[: -len(SIDECAR_SUFFIX)] + ".txt"
        txt = directory / txt_name
        if not txt.is_file():
            return txt_name, _build_document(meta, txt_name, [])
        return txt_name, parse_file(txt_name, _read(txt), (filename, data))
    sidecar = None
    if filename.lower().endswith(".txt"):
        candidate = directory / _sidecar_name(filename)
        if candidate.is_file() and not candidate.is_symlink():
            sidecar = (candidate.name, _read(candidate))
    return filename, parse_file(filename, data, sidecar)


def _collisions(path: str, parsed: ParsedFile, directory: Path) -> list[LoadError]:
    """Ids of the upload already used by another file of the knowledge dir."""
    loader = _load(directory)
    errors = []
    doc = parsed.document
    if doc is not None and loader.doc_paths.get(doc.id, path) != path:
        other = loader.doc_paths[doc.id]
        errors.append(
            LoadError(
                parsed.id_path or path,
                parsed.id_line,
                f'the id "{doc.id}" is already used by {other}; choose another id (or upload under that file name)',
            )
        )
    for entry, line in zip(parsed.glossary, parsed.glossary_lines, strict=True):
        other = loader.glossary_paths.get(entry.id, path)
        if other != path:
            errors.append(LoadError(path, line, f'glossary id "{entry.id}" is already used in {other}'))
    return errors


def check_upload(filename: str, data: bytes, directory: Path) -> list[LoadError]:
    """Everything wrong with uploading ``data`` as ``directory/filename`` (empty list: safe to save)."""
    problem = _name_problem(filename)
    if problem:
        return [LoadError(filename, 1, problem)]
    if len(data) > MAX_FILE_BYTES:
        return [LoadError(filename, 1, _too_big(len(data)).message)]
    try:
        path, parsed = _upload_parse(filename, data, Path(directory))
    except _Problem as exc:
        return [LoadError(exc.path or filename, exc.line, exc.message)]
    return _collisions(path, parsed, Path(directory))


def save_upload(filename: str, data: bytes, directory: Path) -> Path:
    """Write ``data`` to ``directory/filename`` atomically (temp file + ``os.replace``).

    Raises :class:`UploadRefused` (with a moderator-readable message) for an unsafe name or path,
    oversized data, or a write that fails (missing folder, permissions, full disk).
    """
    problem = _name_problem(filename)
    if problem:
        raise UploadRefused(problem)
    if len(data) > MAX_FILE_BYTES:
        raise UploadRefused(_too_big(len(data)).message)
    try:
        root = Path(directory).resolve(strict=True)
        target = root / filename
        if target.is_symlink() or target.resolve().parent != root:
            raise UploadRefused("the file would be written outside the knowledge folder")
        if target.exists() and not target.is_file():
            raise UploadRefused("a folder with that name already exists")
        _write_atomically(target, data)
    except OSError as exc:
        raise UploadRefused(f"the file could not be saved ({exc.strerror or exc})") from exc
    return target


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a hidden temp file beside ``target`` (the loader ignores it), then rename it over ``target``."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
