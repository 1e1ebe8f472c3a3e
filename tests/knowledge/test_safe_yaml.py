"""Tests of safe_yaml: the restricted YAML reader (flow lists with "?", anchors, depth, duplicate keys, lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from knowledge_data import front, write

from bot.knowledge.loader import load_knowledge
from bot.knowledge.problems import FileProblem
from bot.knowledge.safe_yaml import MAX_YAML_DEPTH, parse_yaml


def test_flow_lists_with_question_marks(tmp_path: Path) -> None:
    faq = (
        "type: faq\nid: faq-en\ntitle: FAQ\nlanguage: en\nsource: https://example.org\nentries:\n"
        "  - questions: [Who signed the declaration?, Which ministers signed it?]\n"
        "    answer: Two French ministers and one Japanese minister.\n"
    )
    kb = load_knowledge(write(tmp_path, {"faq.yml": faq}))
    assert kb.errors == []
    assert kb.passages[0].questions == ("Who signed the declaration?", "Which ministers signed it?")


def test_lines_of_keys_and_list_items_count_the_offset() -> None:
    parsed = parse_yaml("a: 1\nlist:\n  - x\n  - y\n", offset=3)
    assert parsed.data == {"a": 1, "list": ["x", "y"]}
    assert (parsed.key_lines, parsed.item_lines, parsed.first_line) == ({"a": 4, "list": 5}, {"list": [6, 7]}, 4)


def test_empty_text_is_no_data() -> None:
    assert parse_yaml("").data is None


def test_depth_limit() -> None:
    assert parse_yaml("[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH).data is not None
    with pytest.raises(FileProblem, match=f"nested more than {MAX_YAML_DEPTH} levels deep"):
        parse_yaml("[" * (MAX_YAML_DEPTH + 1) + "]" * (MAX_YAML_DEPTH + 1))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("a: &x 1\nb: *x\n", 2, "YAML error: anchors and aliases (& and *) are not allowed", id="anchor"),
        pytest.param("a:\n  b: 1\n  b: 2\n", 4, '"b" is written twice', id="nested-duplicate-key"),
        pytest.param("a:\n\t- x\n", 3, "(indent with spaces, not tabs)", id="tab-hint"),
        pytest.param(
            "id: x\ntitle:\tHello\n", 3, 'a tab after "title:": type a space between "title:" and its value',
            id="tab-after-key",
        ),
        pytest.param(
            "entries:\n  - questions:\t[Who?]\n", 3, 'a tab after "questions:"', id="tab-after-key-of-an-item",
        ),
        pytest.param("title: Hello \t# note\n", 2, "a tab in the middle of this line", id="tab-inside-a-line"),
        pytest.param(
            "title: Titre : cassé\n", 2, '(a value that contains ": " must be put between quotes)', id="colon"
        ),
        pytest.param(  # attack19: a value opening with a quoted name was told "this line is not indented like …"
            "id: x\nanswer: \"J-Startup\" is a programme of METI.\n", 3,
            "YAML error: the value on this line begins with a quoted part and goes on after it", id="quoted-then-more",
        ),
        pytest.param(
            "questions:\n  - 'La Ruche' wrote what?\n", 3,
            "YAML error: the value on this line begins with a quoted part and goes on after it", id="quoted-item",
        ),
        pytest.param(  # attack19: a FAQ wrapped in "---" lines, as a Markdown front matter is, said only this
            "---\ntype: faq\n---\n", 4, 'YAML error: but found another document (a line of just "---" ends a YAML file',
            id="second-document",
        ),
    ],
)
def test_problems_have_a_file_line_and_a_hint(text: str, line: int, message: str) -> None:
    with pytest.raises(FileProblem) as caught:
        parse_yaml(text, offset=1)
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize("value", ["2018-13-45", "2018-02-30"])
def test_an_impossible_date_is_a_problem_at_its_line_not_a_crash(tmp_path: Path, value: str) -> None:
    with pytest.raises(FileProblem) as caught:
        parse_yaml(f"id: x\ndate: {value}\n", offset=1)
    assert caught.value.line == 3
    assert value in caught.value.message
    kb = load_knowledge(write(tmp_path, {"good.md": front(), "bad.md": front(id="bad", date=value)}))
    assert [(e.path, e.line) for e in kb.errors] == [("bad.md", 6)]
    assert [d.id for d in kb.documents] == ["doc"]
