"""Parse ONE knowledge file from bytes into a :class:`ParsedFile` (what it contributes to the knowledge base).

The kinds: a Markdown document with front matter; a plain-text document with front matter or a
``NAME.meta.yaml`` sidecar; a FAQ (``type: faq``); a glossary (``type: glossary``). Every rule a file
breaks is collected and raised together (:class:`FileProblems`; a YAML syntax error stops at once), so a
moderator fixes them in one go; warnings (an ignored key, a text that reads in another language) travel in
``ParsedFile.warnings``. The formats are described for moderators in ``knowledge/README.md``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from bot.knowledge import oversize
from bot.knowledge.about import is_about_source
from bot.knowledge.files import MAX_FILE_BYTES, decode, split_lines, too_big
from bot.knowledge.ids import passage_ids
from bot.knowledge.language import language_problem
from bot.knowledge.meta import (
    ID_RE,
    Meta,
    as_text,
    check_keys,
    check_source,
    read_meta,
    tags_of,
    text_list,
    unknown_language,
)
from bot.knowledge.paragraphs import split_paragraphs
from bot.knowledge.problems import Claim, FileProblem, FileProblems, IdKind, Problems
from bot.knowledge.safe_yaml import ParsedYaml, parse_yaml
from bot.models import (
    NAME_SLOT,
    ChatKind,
    ChatPhrases,
    Document,
    GlossaryEntry,
    Language,
    Passage,
    RelatedWords,
    served_language,
)

MIN_GLOSSARY_TERMS = 2
FAQ_KEYS = ("type", "entries")
FAQ_ENTRY_KEYS = ("questions", "answer", "source", "tags")
GLOSSARY_KEYS = ("type", "terms")
GLOSSARY_ENTRY_KEYS = ("id", "terms", "described")
MIN_DESCRIPTION_SLOTS = 2  # a description of one word is a synonym (terms) or a related word, not a description
TEXT_SUFFIXES = (".md", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
KNOWLEDGE_SUFFIXES = TEXT_SUFFIXES + YAML_SUFFIXES
SIDECAR_SUFFIX = ".meta.yaml"
NO_PASSAGES_MD = "the document has no passages: write at least one paragraph of text after the front matter"
NO_PASSAGES_TXT = "the text has no passages (a single short line without a final period counts as a heading)"
NO_FAQ_ENTRIES = 'the FAQ has no entries (add an "entries:" list of questions and answers)'
NO_GLOSSARY_TERMS = 'the glossary has no entries (add a "terms:" list of entries with id and terms)'


@dataclass(slots=True)
class ParsedFile:
    """What one knowledge file contributes (at most one document, or glossary entries)."""

    document: Document | None = None
    passages: list[Passage] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    id_line: int = 1
    id_path: str = ""  # where the id is written when it is not in the file itself (a sidecar)
    glossary_lines: list[int] = field(default_factory=list)
    chat: list[ChatPhrases] = field(default_factory=list)
    related: list[RelatedWords] = field(default_factory=list)
    warnings: list[FileProblem] = field(default_factory=list)


def _name(path: str) -> str:
    return PurePosixPath(path).name


def sidecar_name(path: str) -> str:
    """``NAME.meta.yaml``: the name of the metadata file of ``NAME.txt``."""
    return PurePosixPath(path).stem + SIDECAR_SUFFIX


def suffix_list() -> str:
    return ", ".join(KNOWLEDGE_SUFFIXES[:-1]) + " or " + KNOWLEDGE_SUFFIXES[-1]


# --------------------------------------------------------------------------- documents (.md, .txt)


def front_matter(lines: list[str]) -> tuple[ParsedYaml | None, int]:
    """Parse a leading ``---`` … ``---`` block; return it and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            parsed = parse_yaml("\n".join(lines[1:index]), offset=1)
            parsed.first_line = 1
            return parsed, index + 1
    raise FileProblem(1, 'the front matter that starts on line 1 is never closed: add a line with just "---" after it')


def _id_claim(parsed: ParsedYaml | None) -> list[Claim]:
    """The document id written in ``parsed`` (front matter or FAQ), if it is a valid one."""
    if parsed is None or not isinstance(parsed.data, dict):
        return []
    doc_id = as_text(parsed.data.get("id"))
    if not doc_id or not ID_RE.fullmatch(doc_id):
        return []
    return [Claim(IdKind.DOCUMENT, doc_id, parsed.key_lines.get("id", parsed.first_line))]


def _document(meta: Meta, path: str, kind: str, passage_count: int) -> Document:
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
        group=meta.group,
        translation_of=meta.translation_of,
    )


def build_document(meta: Meta, path: str, paragraphs: list[tuple[str, str, int]]) -> ParsedFile:
    """The document and its passages, one per ``(heading, text, line)`` paragraph (stable ids, see ``ids``)."""
    ids = passage_ids(meta.id, ((heading, text) for heading, text, _line in paragraphs))
    passages = [
        Passage(
            id=passage_id,
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
        for passage_id, (heading, text, line) in zip(ids, paragraphs, strict=True)
    ]
    document = _document(meta, path, "document", len(passages))
    return ParsedFile(document, passages, id_line=meta.id_line, id_path=meta.id_path)


def _in_its_language(result: ParsedFile, meta: Meta) -> ParsedFile:
    """``result``, unless its text reads as another language than ``language:`` says (raised: the file is refused)."""
    problem = language_problem(meta.language, [p.text for p in result.passages], meta.language_line)
    if problem is not None:
        problem.path = meta.id_path or None
        claims = [] if meta.id_path else [Claim(IdKind.DOCUMENT, meta.id, meta.id_line)]  # still its id
        raise FileProblems([problem], claims)
    return result


def _parse_text_document(path: str, text: str, sidecar: tuple[str, bytes] | None) -> ParsedFile:
    """A Markdown or plain-text document (front matter, or a sidecar for .txt)."""
    lines = split_lines(text)
    markdown = path.lower().endswith(".md")
    parsed, body = front_matter(lines)
    if parsed is not None and sidecar is not None:
        raise FileProblem(1, f"the file has front matter and also {_name(sidecar[0])}; keep only one of the two")
    problems = Problems()
    if parsed is not None:
        meta = read_meta(parsed, "front matter", problems)
    elif sidecar is not None:
        meta = parse_sidecar(*sidecar, problems=problems)
    elif markdown:
        raise FileProblem(
            1,
            'the file must start with front matter: a "---" line, then id, title, language, source, '
            'then another "---" line',
        )
    else:
        raise FileProblem(
            1,
            f"the file has no front matter and no {sidecar_name(path)} beside it "
            f"(one of the two must give id, title, language, source; with /kb add, add {sidecar_name(path)} first)",
        )
    left_out: list[tuple[int, str]] = []
    paragraphs = oversize.split_paragraphs(split_paragraphs(lines, body, markdown, left_out))
    for line, why in left_out:  # said, so a moderator knows why a paragraph is never quoted
        problems.warn(FileProblem(line, f"not quoted: {why}"))
    if not paragraphs:
        problems.add(FileProblem(1, NO_PASSAGES_MD if markdown else NO_PASSAGES_TXT))
    problems.raise_any(_id_claim(parsed))
    assert meta is not None  # a missing key is a problem, raised above
    result = build_document(meta, path, paragraphs)
    _about_source_first(result.passages, problems)
    result.warnings.extend(problems.warnings)
    return _in_its_language(result, meta)


def _about_source_first(passages: list[Passage], problems: Problems) -> None:
    """Warn when a section about the source itself (bot.knowledge.about) would hide facts: it follows a section of
    facts (the paragraphs a moderator adds at the end of the file would sit under it), it holds a second paragraph
    (facts written before the next heading), or it is all the file holds. Such text is quoted only for questions
    about the source."""
    about = [is_about_source(passage.heading) for passage in passages]
    for (was, before), (now, passage) in itertools.pairwise(zip(about, passages, strict=True)):
        if now and not was:
            problems.warn(FileProblem(passage.line, f'the section "{passage.heading}" should be the first of the '
                                      "file: what follows it is quoted only for questions about the source"))
            return
        if now and was and passage.heading == before.heading:
            problems.warn(FileProblem(passage.line, f'the section "{passage.heading}" holds a second paragraph: '
                                      "put the facts under a heading of their own, or they are quoted only for "
                                      "questions about the source"))
            return
    if about and all(about):
        problems.warn(FileProblem(passages[0].line, f'the file holds only the section "{passages[0].heading}": '
                                  "nothing in it answers a question about the facts"))


def parse_sidecar(path: str, data: bytes, problems: Problems | None = None) -> Meta | None:
    """The metadata of ``NAME.meta.yaml``; problems are reported on the sidecar's own path.

    With ``problems``, they are added there (None is returned for bad metadata); without, they are raised.
    """
    own = Problems()
    try:
        meta = read_meta(parse_yaml(decode(data)), _name(path), own)
    except FileProblem as problem:
        own.add(problem)
        meta = None
    for problem in own.found + own.warnings:
        problem.path = problem.path or path
    if problems is None:
        own.raise_any()
    else:
        problems.found.extend(own.found)
        problems.warnings.extend(own.warnings)
    if meta is not None:
        meta.id_path = path
    return meta


# --------------------------------------------------------------------------- FAQ and glossary (.yaml)


def _faq_entry(
    entry: Any, number: int, line: int, key_lines: dict[str, int], meta: Meta | None, path: str, problems: Problems
) -> tuple[str, str, Passage] | None:
    """``(heading, text, passage)`` of one FAQ entry (its id is set by the caller), or None after noting why."""
    skipped = " (the whole file is skipped until this is fixed)"
    if not isinstance(entry, dict):
        problems.add(FileProblem(line, f'entry {number} must have "questions:" and "answer:" lines{skipped}'))
        return None
    before = len(problems.found)
    meant = check_keys(entry, key_lines, FAQ_ENTRY_KEYS, problems, line)
    questions = problems.attempt(lambda: text_list(entry.get("questions"), "questions", line))
    if questions == () and "questions" not in meant:
        problems.add(FileProblem(line, f'entry {number} has no "questions"{skipped}'))
    answer = as_text(entry.get("answer"))
    if isinstance(entry.get("answer"), list | dict):  # bullet points, or "key: value" lines under it
        shape = "a list" if isinstance(entry["answer"], list) else 'a set of "key: value" lines'
        fix = 'write it as sentences, or after "answer: |" on lines indented under it'
        problems.add(FileProblem(key_lines.get("answer", line),
                                 f'the "answer" of entry {number} is {shape}, not one text: {fix}{skipped}'))
    elif not answer and "answer" not in meant:
        problems.add(FileProblem(line, f'entry {number} has no "answer"{skipped}'))
    source = None
    if entry.get("source") is not None:
        source = problems.attempt(lambda: check_source(entry["source"], key_lines.get("source", line)))
    tags = tags_of(entry.get("tags"), key_lines.get("tags", line), problems)
    if len(problems.found) > before or meta is None or not questions or not answer:
        return None
    passage = Passage(
        id="",
        doc_id=meta.id,
        title=meta.title,
        source=source or meta.source,
        language=meta.language,
        text=answer,
        kind="faq",
        questions=questions,
        path=path,
        line=line,
        tags=tuple(dict.fromkeys(meta.tags + (tags or ()))),
    )
    return questions[0], answer + "\n" + "\n".join(questions), passage


class _Item(NamedTuple):
    """One item of a YAML list (FAQ entries, glossary terms), where a moderator finds it."""

    number: int  # from 1, as problems name it
    value: Any
    line: int  # the item's line (the list's when unknown)
    key_lines: dict[str, int]  # the line of each of its keys


def _items(parsed: ParsedYaml, key: str, problems: Problems, empty: str) -> list[_Item]:
    """The items of the list under ``key``; a missing or empty list is the problem ``empty`` at its line."""
    values = parsed.data.get(key)
    first = parsed.key_lines.get(key, parsed.first_line)
    if not isinstance(values, list) or not values:
        problems.add(FileProblem(first, empty))
        return []
    lines = parsed.item_lines.get(key, [])
    key_lines = parsed.item_key_lines.get(key, [])
    return [
        _Item(n, value, lines[n - 1] if n <= len(lines) else first, key_lines[n - 1] if n <= len(key_lines) else {})
        for n, value in enumerate(values, start=1)
    ]


def _parse_faq(path: str, parsed: ParsedYaml) -> ParsedFile:
    problems = Problems()
    meta = read_meta(parsed, "the FAQ", problems, extra_keys=FAQ_KEYS)
    entries = _items(parsed, "entries", problems, NO_FAQ_ENTRIES)
    built = [_faq_entry(e.value, e.number, e.line, e.key_lines, meta, path, problems) for e in entries]
    problems.raise_any(_id_claim(parsed))
    assert meta is not None
    items = [item for item in built if item is not None]
    ids = passage_ids(meta.id, ((heading, text) for heading, text, _ in items))
    passages = [replace(passage, id=pid) for pid, (_, _, passage) in zip(ids, items, strict=True)]
    result = ParsedFile(_document(meta, path, "faq", len(passages)), passages, id_line=meta.id_line)
    result.warnings.extend(problems.warnings)
    return _in_its_language(result, meta)


def _parse_glossary(parsed: ParsedYaml) -> ParsedFile:
    problems = Problems()
    check_keys(parsed.data, parsed.key_lines, GLOSSARY_KEYS, problems, parsed.first_line)
    entries = _items(parsed, "terms", problems, NO_GLOSSARY_TERMS)
    result = ParsedFile()
    seen: dict[str, int] = {}
    for number, entry, line, keys in entries:
        item = _glossary_entry(entry, number, line, keys, problems)
        entry_id = as_text(entry.get("id")) if isinstance(entry, dict) else ""
        if entry_id in seen:  # reported with the entry's other problems: every problem in one run
            twice = f'glossary id "{entry_id}" is used twice in this file (also on line {seen[entry_id]})'
            problems.add(FileProblem(line, twice))
            continue
        if entry_id:
            seen[entry_id] = line
        if item is None:
            continue
        result.glossary.append(item)
        result.glossary_lines.append(line)
    problems.raise_any([Claim(IdKind.GLOSSARY, entry_id, line) for entry_id, line in seen.items()
                        if ID_RE.fullmatch(entry_id)])
    result.warnings.extend(problems.warnings)
    return result


def _glossary_entry(
    entry: Any, number: int, line: int, key_lines: dict[str, int], problems: Problems
) -> GlossaryEntry | None:
    if not isinstance(entry, dict):
        problems.add(FileProblem(line, f'glossary entry {number} must have "id:" and "terms:" lines'))
        return None
    before = len(problems.found)
    meant = check_keys(entry, key_lines, GLOSSARY_ENTRY_KEYS, problems, line)
    entry_id = as_text(entry.get("id"))
    if not entry_id and "id" not in meant:
        problems.add(FileProblem(line, f'glossary entry {number} has no "id"'))
    elif entry_id and not ID_RE.fullmatch(entry_id):
        problems.add(
            FileProblem(
                line,
                f'glossary entry {number}: "id" may only use lowercase letters a-z, digits and hyphens '
                f'(got "{entry_id}")',
            )
        )
    terms = problems.attempt(lambda: tuple(dict.fromkeys(text_list(entry.get("terms"), "terms", line))))
    if terms is not None and len(terms) < MIN_GLOSSARY_TERMS and "terms" not in meant:
        problems.add(
            FileProblem(
                line,
                f'glossary entry {number} ("{entry_id or "?"}") needs at least {MIN_GLOSSARY_TERMS} '
                "different terms (the names that mean the same thing)",
            )
        )
    described = problems.attempt(lambda: _descriptions(entry.get("described"), number, line))
    if len(problems.found) > before or not entry_id or not terms:
        return None
    return GlossaryEntry(id=entry_id, terms=terms, described=described or ())


def _descriptions(value: Any, number: int, line: int) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``described``: a list of descriptions, each a list of slots ("Japanese|Japan|Tokyo"), each slot its
    alternatives separated by "|"; at least MIN_DESCRIPTION_SLOTS slots each."""
    if value is None:
        return ()
    problem = FileProblem(line, f'glossary entry {number}: "described" must be a list of descriptions, each a list '
                                f"of at least {MIN_DESCRIPTION_SLOTS} words, alternatives separated by |, like "
                                "[[Japanese|Japan, start-up|young company, label|programme]]")
    if not isinstance(value, list):
        raise problem
    found = []
    for description in value:
        if not isinstance(description, list):
            raise problem
        slots = []
        for slot in description:
            alternatives = tuple(dict.fromkeys(a.strip() for a in as_text(slot).split("|") if a.strip()))
            if not alternatives:
                raise problem
            slots.append(alternatives)
        if len(slots) < MIN_DESCRIPTION_SLOTS:
            raise problem
        found.append(tuple(slots))
    return tuple(found)


def _list_language(parsed: ParsedYaml) -> Language:
    """The ``language`` of a chat or related-words file: one list serves one language."""
    written = as_text(parsed.data.get("language"))
    language = served_language(written)
    if language is None:
        line = parsed.key_lines.get("language", parsed.first_line)
        raise FileProblem(line, unknown_language(written or ""))
    return language


def _parse_chat(parsed: ParsedYaml) -> ParsedFile:
    """Chat phrases of one language: what members write around questions (see knowledge/README.md)."""
    data, lines = parsed.data, parsed.key_lines
    language = _list_language(parsed)
    kinds = [k.value for k in ChatKind]
    result = ParsedFile()
    for key, value in data.items():
        if key in ("type", "language"):
            continue
        line = lines.get(key, parsed.first_line)
        if key not in kinds:
            raise FileProblem(line, f'unknown list "{key}" in a chat file (use {", ".join(kinds)})')
        written = text_list(value, key, line)
        item_lines = parsed.item_lines.get(key, [])
        where = item_lines if len(item_lines) == len(written) else [line] * len(written)
        _check_no_numbers(value, key, where)
        first = {p.strip(): at for p, at in reversed(list(zip(written, where, strict=True))) if p.strip()}
        phrases = tuple(dict.fromkeys(p.strip() for p in written if p.strip()))
        if key == ChatKind.INTRODUCTIONS:
            _check_introductions(phrases, line)
        result.chat.append(ChatPhrases(language, ChatKind(key), phrases, tuple(first[p] for p in phrases)))
    if not result.chat:
        raise FileProblem(parsed.first_line, f"the chat file has no phrase lists (use {', '.join(kinds)})")
    return result


def _check_no_numbers(value: object, key: str, lines: list[int]) -> None:
    """A chat phrase YAML read as a number ("+1" unquoted is 1): the bare number would be taken out of every
    question that holds it, never what the moderator wrote."""
    items = value if isinstance(value, list) else [value]
    for item, at in zip(items, lines, strict=False):
        if isinstance(item, int | float) and not isinstance(item, bool):
            raise FileProblem(at, f'"{key}" holds the number {item}, not a text: put a phrase with digits between '
                                  'quotes ("+1", "<3"); a bare number would be taken out of every question')


def _check_introductions(phrases: tuple[str, ...], line: int) -> None:
    """An introduction says where the member's name goes, after some words in Latin script ("i'm {name}")."""
    for phrase in phrases:
        if NAME_SLOT not in phrase:
            raise FileProblem(line, f'the introduction "{phrase}" has no {NAME_SLOT} where the member\'s name goes '
                                    f'(write "i\'m {NAME_SLOT}")')
        if phrase.startswith(NAME_SLOT) and phrase.isascii():
            raise FileProblem(line, f'the introduction "{phrase}" needs words before {NAME_SLOT} '
                                    f'("my name is {NAME_SLOT}", not "{NAME_SLOT} here")')


def _parse_related(parsed: ParsedYaml) -> ParsedFile:
    """Related words of one language: ``what members write: [the words the sources use]`` (knowledge/README.md)."""
    data, lines = parsed.data, parsed.key_lines
    language = _list_language(parsed)
    result = ParsedFile()
    for key, value in data.items():
        if key in ("type", "language"):
            continue
        line = lines.get(key, parsed.first_line)
        phrase = as_text(key)
        means = tuple(dict.fromkeys(m.strip() for m in text_list(value, str(key), line) if m.strip()))
        if not phrase or not means:
            raise FileProblem(line, f'"{key}" needs the words the sources use, as in "promise: [commit, undertake]"')
        result.related.append(RelatedWords(language, phrase.strip(), means, line))
    if not result.related:
        raise FileProblem(parsed.first_line, 'the related-words file has no lines like "promise: [commit]"')
    return result


def _parse_yaml_file(path: str, text: str) -> ParsedFile:
    parsed = parse_yaml(text)
    if not isinstance(parsed.data, dict):
        raise FileProblem(
            parsed.first_line,
            'the file must be a list of "key: value" lines starting with "type: faq" or "type: glossary"',
        )
    kind = parsed.data.get("type")
    kind = kind.strip().lower() if isinstance(kind, str) else kind  # "FAQ" as "EN" is read (trial 10 L2)
    line = parsed.key_lines.get("type", parsed.first_line)
    if kind == "faq":
        return _parse_faq(path, parsed)
    if kind == "glossary":
        return _parse_glossary(parsed)
    if kind == "chat":
        return _parse_chat(parsed)
    if kind == "related":
        return _parse_related(parsed)
    if kind is None:
        raise FileProblem(
            line,
            'the file has no "type: faq", "type: glossary", "type: chat" or "type: related" line '
            "(a text's metadata file must be named NAME.meta.yaml, beside NAME.txt)",
        )
    raise FileProblem(
        line, f'unknown type "{kind}" (use "type: faq", "type: glossary", "type: chat" or "type: related")'
    )


def parse_file(path: str, data: bytes, sidecar: tuple[str, bytes] | None = None) -> ParsedFile:
    """Parse one knowledge file from bytes; raise ``FileProblems`` with every rule it breaks
    (``FileProblem`` alone when nothing more can be read: not UTF-8, a YAML syntax error).

    ``path`` is relative to the knowledge dir (POSIX); ``sidecar`` is ``(path, bytes)`` of ``NAME.meta.yaml``.
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_big(len(data))
    text = decode(data)
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        parsed = _parse_yaml_file(path, text)
    elif suffix in TEXT_SUFFIXES:
        parsed = _parse_text_document(path, text, sidecar if suffix == ".txt" else None)
    else:
        raise FileProblem(1, f"not a knowledge file: the name must end in {suffix_list()}")
    parsed.warnings.extend(oversize.absurd_tokens(parsed.passages))
    return parsed
