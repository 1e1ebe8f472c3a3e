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
    assert [(p.heading, p.text) for p in kb.passages] == [  # "Ends with colon:": not a heading, nor quoted
        ("Short title", long_line),
        ("（注）", "Second line\nmakes a paragraph"),
    ]


def test_a_table_of_contents_or_a_lone_label_is_not_quoted_and_check_says_so(tmp_path: Path) -> None:
    """Issue 11 (product): the La Ruche article's "Sommaire :" was a passage the bot could quote as an answer. A
    paragraph with nothing to quote (a label of a few words ending with a colon, or the document's own headings
    listed) is left out at load, with a warning naming its line."""
    body = (
        "## Sommaire\n\nTable des matières :\n\n- Who signed\n- Where\n\n"
        "## Who signed\n\nThree ministers signed it.\n\n"
        "## Where\n\nContents:\n\nIn Paris: at the Élysée.\n\nThe signatories:\n\nGény-Stephann, Mahjoubi, Muto.\n"
    )
    kb = load_knowledge(write(tmp_path, {"doc.md": front(body)}))
    assert [p.text for p in kb.passages] == [
        "Three ministers signed it.", "In Paris: at the Élysée.", "Gény-Stephann, Mahjoubi, Muto.",
    ]
    assert [(w.line, w.message) for w in kb.warnings] == [
        (9, "not quoted: a label announcing what follows, with nothing after it"),
        (11, "not quoted: a table of contents: the document's own headings"),
        (20, "not quoted: a label announcing what follows, with nothing after it"),
        (24, "not quoted: a label announcing what follows, with nothing after it"),
    ]


def test_the_shipped_articles_sommaire_is_never_quoted(shipped_retriever) -> None:
    assert not [p for p in shipped_retriever.kb.passages if p.text.strip(" :\u00a0") == "Sommaire"]
    for question in ("Sommaire ?", "c'est quoi le sommaire de l'article ?", "What is in the article's summary?"):
        assert all("Sommaire" not in c.snippet for c in shipped_retriever.answer(question).citations), question


def test_an_image_alone_is_not_quoted_and_check_says_so(tmp_path: Path) -> None:
    # attack19: a Markdown image line was a passage: "What does the walrus picture show?" was answered by quoting
    # "![a walrus picture](walrus.png)" as "> a walrus picture", a description of a picture members never see
    body = "## Walruses\n\n![a walrus picture](walrus.png)\n\nTwelve walruses live in Paris ![icon](i.png).\n"
    kb = load_knowledge(write(tmp_path, {"doc.md": front(body)}))
    assert [p.text for p in kb.passages] == ["Twelve walruses live in Paris ![icon](i.png)."]
    assert [(w.line, w.message) for w in kb.warnings] == [
        (9, "not quoted: an image: members see no picture, only text is quoted"),
    ]
