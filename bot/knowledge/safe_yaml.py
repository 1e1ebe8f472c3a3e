"""The restricted YAML reader of knowledge files.

No anchors or aliases (YAML bombs), a depth limit, no key written twice, ``?`` allowed inside flow
items; errors are :class:`FileProblem` at the file's line, with a hint for the usual mistakes.

PyYAML rather than ruamel.yaml: ruamel finds duplicate keys and reads ``?`` in flow items by itself, but
refusing aliases and deep nesting would still override its composer (see docs/ARCHITECTURE.md, "Libraries").
Only ``true``/``false`` are booleans, as in YAML 1.2: no knowledge key is a yes/no setting, and YAML 1.1 made
``answer: No`` or a chat phrase ``no`` a boolean, reported as a missing answer (trial 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from bot.knowledge.problems import FileProblem

MAX_YAML_DEPTH = 20
YAML_BREAKS = "\0 \t\r\n\x85\u2028\u2029"
YAML_TAB = "found character '\\t' that cannot start any token"
YAML_HINTS = {
    "mapping values are not allowed here": ' (a value that contains ": " must be put between quotes)',
    YAML_TAB: " (indent with spaces, not tabs)",
    "expected ',' or ']', but got ':'": ' (in a [ … ] list, put a text that contains ": " between quotes)',
    "but found another document": (' (a line of just "---" ends a YAML file and starts another: delete this line;'
                                   " a text with a front matter between two \"---\" lines is a .md file)"),
}


@dataclass(slots=True)
class ParsedYaml:
    """Parsed YAML with the line of each top-level key and of each item of top-level lists."""

    data: Any
    key_lines: dict[str, int]
    item_lines: dict[str, list[int]]
    first_line: int
    # for a top-level list of mappings (FAQ entries, glossary terms): the line of each key of each item
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)


BOOL_TAG = "tag:yaml.org,2002:bool"
YAML_12_BOOLEANS = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
NBSP_AFTER_COLON = re.compile(r":[\u00a0\u202f]")  # what a word processor or a French keyboard types


class RestrictedLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases (YAML bombs) and deep nesting, and reads yes/no/on/off as text."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, YAML_12_BOOLEANS if tag == BOOL_TAG else pattern) for tag, pattern in resolvers]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

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


# PyYAML errors noticed after the line at fault: reported at the line where the faulty thing began (its
# context), in the moderator's words. (problem, context) -> hint
YAML_AT_CONTEXT = {
    ("could not find expected ':'", "while scanning a simple key"):
        "this line has no ':' after its name (write `name: value`)",
    ("found unexpected end of stream", "while scanning a quoted scalar"):
        "a quote opened on this line is never closed",
}
YAML_NBSP_HINT = ("the ':' on this line is followed by a non-breaking space, which YAML does not read as a space:"
                  " retype that space with the space bar")
# What a Japanese input method types in place of YAML's indentation: an ideographic space (its colon: in the patterns).
IDEOGRAPHIC_SPACE = "\u3000"
_STRUCTURE = re.compile(r"-[ \u3000]|[A-Za-z_]+[:\uff1a]")  # a list item or a key, as the line's first thing
_KEY_FULL_WIDTH = re.compile(r"[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_]+[ \u3000]*\uff1a")  # "title：…"
YAML_FULL_WIDTH_COLON = ("the ':' on this line is a full-width colon '：' (typed in Japanese input mode): type ':'"
                         " in half-width, then a space")
YAML_IDEOGRAPHIC_INDENT = ("this line is indented with a full-width space '　' (typed in Japanese input mode):"
                           " indent with ordinary half-width spaces")
YAML_TAB_AFTER_KEY = ('a tab after "{key}:": type a space between "{key}:" and its value, not a tab'
                      " (YAML does not accept a tab there)")
YAML_TAB_IN_LINE = "a tab in the middle of this line: YAML does not accept a tab there; type spaces instead"
YAML_QUOTED_THEN_MORE = ("the value on this line begins with a quoted part and goes on after it, which YAML does not"
                         """ read: put the whole value between quotes of the other kind (answer: '"J-Startup" is …')"""
                         " or do not begin it with a quote")
_QUOTE_OPENING = re.compile(r"""[ \t]*(?:-[ \t]+)?(?:[A-Za-z_][\w-]*:[ \t]+)?(["'])""")  # a value's opening quote
YAML_INDENT_HINT = (" (this line is not indented like the lines above it: line up the items of one list, and the"
                    " keys of one entry, with the same number of spaces)")


def _full_width(text: str, last: int) -> tuple[int, str] | None:
    """The first line up to ``last`` (0-based) that a Japanese input mode broke, and what to do about it: an
    ideographic space as indentation, or a full-width colon where the key's ':' should be."""
    for number, written in enumerate(text.splitlines()[: last + 1]):
        indent = len(written) - len(written.lstrip(" " + IDEOGRAPHIC_SPACE))
        if IDEOGRAPHIC_SPACE in written[:indent] and _STRUCTURE.match(written[indent:]):  # not a quoted paragraph
            return number, YAML_IDEOGRAPHIC_INDENT
        if _KEY_FULL_WIDTH.match(written):
            return number, YAML_FULL_WIDTH_COLON
    return None


def _quoted_then_more(line: str) -> bool:
    """Whether ``line``'s value opens with a quoted part and goes on after its closing quote (``title: "X" day``)."""
    opening = _QUOTE_OPENING.match(line)
    if opening is None:
        return False
    closing = line.find(opening.group(1), opening.end())
    rest = line[closing + 1:].strip() if closing >= 0 else ""
    return bool(rest) and not rest.startswith("#")


def _yaml_error(exc: yaml.YAMLError, offset: int, text: str) -> FileProblem:
    """Turn a PyYAML error into a problem at the right file line (``text``: the YAML, to look at that line)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    typed = _full_width(text, mark.line if mark is not None else 0)
    if typed is not None:  # the parser notices it lines later, in its own words
        return FileProblem(typed[0] + 1 + offset, f"YAML error: {typed[1]}")
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    context_mark = getattr(exc, "context_mark", None)
    at_context = YAML_AT_CONTEXT.get((problem, getattr(exc, "context", None)))
    if at_context is not None and context_mark is not None:
        lines = text.splitlines()
        if context_mark.line < len(lines) and NBSP_AFTER_COLON.search(lines[context_mark.line]):
            at_context = YAML_NBSP_HINT  # there is a ':', followed by a space YAML does not count as one
        return FileProblem(context_mark.line + 1 + offset, f"YAML error: {at_context}")
    if problem == YAML_TAB and mark is not None:
        tab = _tab_inside_line(text, mark.line, mark.column)
        if tab is not None:
            return FileProblem(line, f"YAML error: {tab}")
    if problem.startswith("expected <block end>"):
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and _quoted_then_more(lines[mark.line]):
            return FileProblem(line, f"YAML error: {YAML_QUOTED_THEN_MORE}")
        return FileProblem(line, f"YAML error: {problem}{YAML_INDENT_HINT}")
    return FileProblem(line, f"YAML error: {problem}{YAML_HINTS.get(problem, '')}")


def _tab_inside_line(text: str, line: int, column: int) -> str | None:
    """What is wrong with a tab that is not part of the line's indentation (None when it is): the usual one is
    a tab typed between a key's ':' and its value, which PyYAML calls a character that "cannot start any token"."""
    lines = text.splitlines()
    before = lines[line][:column] if line < len(lines) else ""
    written = before.strip(" \t")
    if not written:
        return None  # the tab is in the indentation: the indentation hint is right
    if written.endswith(":"):
        return YAML_TAB_AFTER_KEY.format(key=written[:-1].lstrip("- ").strip())
    return YAML_TAB_IN_LINE


def _duplicate_key(node: yaml.Node, offset: int) -> FileProblem | None:
    """Report a key written twice in the same mapping (YAML would silently keep the last one)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    return FileProblem(key.start_mark.line + 1 + offset, f'"{key.value}" is written twice')
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


def _bad_value(loader: RestrictedLoader, node: yaml.Node, offset: int, exc: ValueError) -> FileProblem:
    """The scalar whose value cannot be built (an impossible date), as a problem at its line."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            constructor = loader.yaml_constructors.get(current.tag)
            try:
                if constructor is not None:
                    constructor(loader, current)
            except ValueError as error:
                return FileProblem(
                    current.start_mark.line + 1 + offset,
                    f'"{current.value}" is not a valid value ({error}); put it between quotes if it is meant as text',
                )
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return FileProblem(node.start_mark.line + 1 + offset, f"YAML error: {exc}")


def parse_yaml(text: str, offset: int = 0) -> ParsedYaml:
    """Parse YAML safely; ``offset`` is the number of file lines before ``text``."""
    loader = RestrictedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, {}, {}, 1 + offset)
        problem = _duplicate_key(node, offset)
        if problem:
            raise problem
        try:
            data = loader.construct_document(node)
        except ValueError as exc:  # a scalar YAML resolves but cannot build, e.g. "date: 2018-13-45"
            raise _bad_value(loader, node, offset, exc) from exc
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, offset, text) from exc
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    item_key_lines: dict[str, list[dict[str, int]]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            key_lines[name] = key.start_mark.line + 1 + offset
            if isinstance(value, yaml.SequenceNode):
                item_lines[name] = [item.start_mark.line + 1 + offset for item in value.value]
                item_key_lines[name] = [
                    {str(k.value): k.start_mark.line + 1 + offset for k, _ in item.value}
                    if isinstance(item, yaml.MappingNode) else {}
                    for item in value.value
                ]
    return ParsedYaml(data, key_lines, item_lines, node.start_mark.line + 1 + offset, item_key_lines)
