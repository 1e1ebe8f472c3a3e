"""Tests of bot.knowledge.parse: one file's details (BOM and CRLF, values as text, values of the wrong shape)."""

from __future__ import annotations

from pathlib import Path

from knowledge_data import front, load, only_error, write

from bot.knowledge.loader import load_knowledge


def test_bom_and_crlf(tmp_path: Path) -> None:
    data = ("\ufeff" + front("# Title\r\n\r\nFirst.\r\n\r\nSecond\r\nline.\r\n")).replace("\n", "\r\n").encode()
    kb = load_knowledge(write(tmp_path, {"doc.md": data.replace(b"\r\r\n", b"\r\n")}))
    assert kb.errors == []
    assert [(p.line, p.heading, p.text) for p in kb.passages] == [
        (9, "Title", "First."),
        (11, "Title", "Second\nline."),
    ]


def test_numbers_and_dates_are_text(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {"doc.md": front(id="2018", title="2018", date="2018-07-13")}))
    assert kb.errors == []
    assert (kb.documents[0].id, kb.documents[0].title, kb.documents[0].date) == ("2018", "2018", "2018-07-13")


def test_value_of_the_wrong_shape(tmp_path: Path) -> None:
    assert only_error(load(tmp_path, {"x.md": front(title="[a, b]")})) == 'x.md:3: "title" must be a single text'
    empty = "x.md:1: the file is empty: write its text, or delete it"
    assert only_error(load(tmp_path / "bom", {"x.md": b"\xef\xbb\xbf\n"})) == empty


def test_an_answer_written_as_a_list_is_named_as_such_at_its_line(tmp_path: Path) -> None:
    # attack19: an answer written as bullet points ("- AI", "- IoT") was reported as 'entry 1 has no "answer"' at the
    # entry's first line: the moderator sees an answer right there and is told it is missing
    faq = ("type: faq\nid: faq\ntitle: Q\nlanguage: en\nsource: https://example.org\nentries:\n"
           "  - questions: [Which technologies?]\n    answer:\n      - AI\n      - IoT\n")
    assert only_error(load(tmp_path, {"faq.yaml": faq})) == (
        'faq.yaml:8: the "answer" of entry 1 is a list, not one text: write it as sentences, or after "answer: |" on '
        "lines indented under it (the whole file is skipped until this is fixed)"
    )
