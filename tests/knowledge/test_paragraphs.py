"""Tests of bot.knowledge.paragraphs: headings and paragraphs of Markdown and plain-text bodies."""

from __future__ import annotations

from pathlib import Path

from knowledge_data import front, write

from bot.knowledge.loader import load_knowledge


def test_heading_directly_above_paragraph_and_setext(tmp_path: Path) -> None:
    body = (
        "Intro without heading.\n## A\nUnder A.\nTitle B\n=======\n\nUnder B.\n\n---\nAfter rule.\n\nC\n---\nUnder C.\n"
    )
    kb = load_knowledge(write(tmp_path, {"doc.md": front(body)}))
    assert kb.errors == []
    assert [(p.id, p.line, p.heading, p.text) for p in kb.passages] == [
        ("doc#intro-without-heading-51562e", 7, "", "Intro without heading."),
        ("doc#a-6c5df5", 9, "A", "Under A.\nTitle B\n======="),
        ("doc#a-bf162a", 13, "A", "Under B."),
        ("doc#a-42b528", 16, "A", "After rule."),
        ("doc#c-6cd296", 20, "C", "Under C."),
    ]


def test_hashtag_is_not_a_heading_and_comments_are_skipped(tmp_path: Path) -> None:
    body = "#hashtag text.\n\n<!-- note -->\n\n# \n\nLast.\n"
    kb = load_knowledge(write(tmp_path, {"doc.md": front(body)}))
    assert [(p.text, p.heading) for p in kb.passages] == [("#hashtag text.", ""), ("Last.", "")]


def test_text_heading_rule(tmp_path: Path) -> None:
    long_line = "x" * 101
    body = f"Short title\n\nEnds with colon:\n\n{long_line}\n\n（注）\n\nSecond line\nmakes a paragraph\n"
    kb = load_knowledge(write(tmp_path, {"doc.txt": front(body)}))
    assert [(p.heading, p.text) for p in kb.passages] == [
        ("Short title", "Ends with colon:"),
        ("Short title", long_line),
        ("（注）", "Second line\nmakes a paragraph"),
    ]
