"""Tests of bot.knowledge: loading, splitting, validation errors, uploads."""

from __future__ import annotations

import os
import re
from datetime import UTC
from pathlib import Path

import pytest

from bot import knowledge
from bot.knowledge import (
    MAX_FILE_BYTES,
    UploadRefused,
    check_upload,
    load_knowledge,
    save_upload,
)
from bot.models import LANGUAGES, GlossaryEntry, KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "knowledge_basic"
SHIPPED = Path(__file__).resolve().parents[1] / "knowledge"

GOOD_MD = """---
id: good
title: Good
language: en
source: https://example.org/good
---
A good paragraph.
"""


def front(body: str = "Some text.\n", **keys: str) -> str:
    """A Markdown file with front matter; keys set to "" are left out."""
    meta = {"id": "doc", "title": "Doc", "language": "en", "source": "https://example.org/doc", **keys}
    lines = [f"{k}: {v}" for k, v in meta.items() if v != ""]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def load(root: Path, files: dict[str, str | bytes]) -> KnowledgeBase:
    return load_knowledge(write(root, {"good.md": GOOD_MD, **files}))


def only_error(kb: KnowledgeBase) -> str:
    """The single error as ``path:line: message``, after checking the good file still loaded."""
    assert "good" in {d.id for d in kb.documents}, kb.errors
    assert len(kb.errors) == 1, kb.errors
    return str(kb.errors[0])


# --------------------------------------------------------------------------- golden: knowledge_basic


@pytest.fixture(scope="module")
def basic() -> KnowledgeBase:
    return load_knowledge(BASIC)


def test_basic_loads_without_errors(basic: KnowledgeBase) -> None:
    assert basic.errors == []
    assert basic.directory == str(BASIC)
    assert basic.loaded_at is not None and basic.loaded_at.tzinfo == UTC


def test_basic_documents_in_sorted_walk_order(basic: KnowledgeBase) -> None:
    assert [(d.id, d.path, d.kind, d.passage_count) for d in basic.documents] == [
        ("declaration-en", "en/declaration.md", "document", 4),
        ("notes-en", "en/notes.txt", "document", 2),
        ("faq-fr", "fr/faq.yaml", "faq", 2),
        ("statement-ja", "ja/statement.txt", "document", 1),
    ]


def test_ignored_files_are_not_loaded(basic: KnowledgeBase) -> None:
    """README.md, _notes.md, .hidden.md and _drafts/ are skipped silently (no document, no error)."""
    paths = {p.path for p in basic.passages} | {d.path for d in basic.documents}
    assert paths == {"en/declaration.md", "en/notes.txt", "fr/faq.yaml", "ja/statement.txt"}


def test_markdown_document_metadata(basic: KnowledgeBase) -> None:
    doc = basic.documents[0]
    assert doc.title == "The joint declaration of 13 July 2018"
    assert doc.language == "en"
    assert doc.source == "https://example.org/declaration"
    assert doc.date == "2018-07-13"
    assert doc.tags == ("declaration", "signing")
    assert doc.aliases == ("The Paris declaration",)


def test_markdown_passages(basic: KnowledgeBase) -> None:
    passages = [p for p in basic.passages if p.doc_id == "declaration-en"]
    assert [(p.id, p.line, p.heading, p.text) for p in passages] == [
        (
            "declaration-en#1",
            12,
            "The joint declaration",
            "France and Japan signed a joint declaration on innovation\n"
            "and the digital economy in Paris on 13 July 2018.",
        ),
        ("declaration-en#2", 16, "Signatories", "The declaration was signed by ministers of both countries."),
        ("declaration-en#3", 23, "Key areas", "- artificial intelligence\n- cybersecurity"),
        ("declaration-en#4", 26, "Key areas", "```\na code block\n\nwith a blank line\n```"),
    ]
    first = passages[0]
    assert first.title == "The joint declaration of 13 July 2018"
    assert first.source == "https://example.org/declaration"
    assert first.language == "en"
    assert first.kind == "document"
    assert first.questions == ()
    assert first.tags == ("declaration", "signing")
    assert first.path == "en/declaration.md"


def test_text_with_front_matter_uses_short_line_headings(basic: KnowledgeBase) -> None:
    passages = [p for p in basic.passages if p.doc_id == "notes-en"]
    assert [(p.id, p.line, p.heading, p.text) for p in passages] == [
        ("notes-en#1", 9, "Background", "The two countries cooperate on startups.\nExchanges are encouraged."),
        ("notes-en#2", 12, "Background", "A short line."),
    ]


def test_text_with_sidecar(basic: KnowledgeBase) -> None:
    passages = [p for p in basic.passages if p.doc_id == "statement-ja"]
    assert [(p.id, p.path, p.line, p.heading, p.language, p.title) for p in passages] == [
        ("statement-ja#1", "ja/statement.txt", 3, "第1章 概要", "ja", "共同声明"),
    ]
    assert passages[0].text == "日本とフランスは2018年7月13日にパリで共同声明を発表した。"


def test_faq_entries_are_passages(basic: KnowledgeBase) -> None:
    first, second = (p for p in basic.passages if p.doc_id == "faq-fr")
    assert first.id == "faq-fr#1"
    assert first.kind == "faq"
    assert first.questions == ("Qui a signé la déclaration ?", "Quels ministres l'ont signée ?")
    assert first.text.startswith("Delphine Gény-Stephann")
    assert first.source == "https://example.org/faq"
    assert first.tags == ("faq", "signataires")
    assert (first.path, first.line) == ("fr/faq.yaml", 8)
    assert second.id == "faq-fr#2"
    assert second.questions == ("Quand la déclaration a-t-elle été signée ?",)
    assert second.text == "Le 13 juillet 2018, à Paris."
    assert second.source == "https://example.org/date"
    assert second.line == 12


def test_glossary_entries(basic: KnowledgeBase) -> None:
    assert basic.glossary == [
        GlossaryEntry("jetro", ("JETRO", "Jetro", "ジェトロ", "日本貿易振興機構")),
        GlossaryEntry("ai", ("AI", "IA", "人工知能", "artificial intelligence")),
    ]


def test_passage_ids_unique_and_counts_match(basic: KnowledgeBase) -> None:
    ids = [p.id for p in basic.passages]
    assert len(ids) == len(set(ids))
    for doc in basic.documents:
        assert doc.passage_count == sum(p.doc_id == doc.id for p in basic.passages)


# --------------------------------------------------------------------------- parsing details


def test_bom_and_crlf(tmp_path: Path) -> None:
    data = ("\ufeff" + front("# Title\r\n\r\nFirst.\r\n\r\nSecond\r\nline.\r\n")).replace("\n", "\r\n").encode()
    kb = load_knowledge(write(tmp_path, {"doc.md": data.replace(b"\r\r\n", b"\r\n")}))
    assert kb.errors == []
    assert [(p.line, p.heading, p.text) for p in kb.passages] == [
        (9, "Title", "First."),
        (11, "Title", "Second\nline."),
    ]


def test_heading_directly_above_paragraph_and_setext(tmp_path: Path) -> None:
    body = (
        "Intro without heading.\n## A\nUnder A.\nTitle B\n=======\n\nUnder B.\n\n---\nAfter rule.\n\nC\n---\nUnder C.\n"
    )
    kb = load_knowledge(write(tmp_path, {"doc.md": front(body)}))
    assert kb.errors == []
    assert [(p.id, p.line, p.heading, p.text) for p in kb.passages] == [
        ("doc#1", 7, "", "Intro without heading."),
        ("doc#2", 9, "A", "Under A.\nTitle B\n======="),
        ("doc#3", 13, "A", "Under B."),
        ("doc#4", 16, "A", "After rule."),
        ("doc#5", 20, "C", "Under C."),
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


def test_flow_lists_with_question_marks(tmp_path: Path) -> None:
    faq = (
        "type: faq\nid: faq-en\ntitle: FAQ\nlanguage: en\nsource: https://example.org\nentries:\n"
        "  - questions: [Who signed the declaration?, Which ministers signed it?]\n"
        "    answer: Two French ministers and one Japanese minister.\n"
    )
    kb = load_knowledge(write(tmp_path, {"faq.yml": faq}))
    assert kb.errors == []
    assert kb.passages[0].questions == ("Who signed the declaration?", "Which ministers signed it?")


def test_numbers_and_dates_are_text(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {"doc.md": front(id="2018", title="2018", date="2018-07-13")}))
    assert kb.errors == []
    assert (kb.documents[0].id, kb.documents[0].title, kb.documents[0].date) == ("2018", "2018", "2018-07-13")


def test_symlink_inside_the_dir_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"_store/real.md": GOOD_MD})
    (tmp_path / "link.md").symlink_to(tmp_path / "_store" / "real.md")
    kb = load_knowledge(tmp_path)
    assert kb.errors == []
    assert kb.documents[0].path == "link.md"


# --------------------------------------------------------------------------- one error per rule


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"en/x.md": front(language="")},
            'en/x.md:1: front matter is missing "language" (one of fr, en, ja)',
            id="missing-language",
        ),
        pytest.param({"x.md": front(id="")}, 'x.md:1: front matter is missing "id"', id="missing-id"),
        pytest.param({"x.md": front(title="")}, 'x.md:1: front matter is missing "title"', id="missing-title"),
        pytest.param({"x.md": front(source="")}, 'x.md:1: front matter is missing "source"', id="missing-source"),
        pytest.param(
            {"x.md": front(language="de")},
            'x.md:4: "language" must be one of fr, en, ja (got "de")',
            id="unknown-language",
        ),
        pytest.param({"x.md": front(id="Bad_Id")}, 'x.md:2: "id" may only use lowercase letters', id="bad-id"),
        pytest.param({"x.md": front(id="-x")}, 'x.md:2: "id" may only use', id="id-leading-hyphen"),
        pytest.param(
            {"x.md": front(source="ftp://example.org/x")},
            'x.md:5: "source" must be a web address starting with http:// or https:// (got "ftp://example.org/x")',
            id="ftp-source",
        ),
        pytest.param({"x.md": front(source="example.org")}, 'x.md:5: "source" must be a web', id="bare-source"),
        pytest.param(
            {"ja/y.md": front(title="Titre : cassé")},
            "ja/y.md:3: YAML error: mapping values are not allowed here",
            id="yaml-error-in-front-matter",
        ),
        pytest.param(
            {"x.md": "---\nid: x\ntitle: X\nlanguage: en\nsource: https://e.org\nText.\n"},
            "x.md:1: the front matter that starts on line 1 is never closed",
            id="unclosed-front-matter",
        ),
        pytest.param({"x.md": "Just text.\n"}, "x.md:1: the file must start with front matter", id="no-front-matter"),
        pytest.param({"x.md": front("# Only a heading\n")}, "x.md:1: the document has no passages", id="no-passages"),
        pytest.param({"x.md": ""}, "x.md:1: the file is empty", id="empty"),
        pytest.param({"x.md": " \n\n"}, "x.md:1: the file is empty", id="blank"),
        pytest.param(
            {"x.md": b"---\nid: x\n\x00\x01binary"}, "x.md:3: this is not a text file (it contains NUL bytes)", id="nul"
        ),
        pytest.param(
            {"x.md": front("Caf\xe9.\n").encode("utf-8").replace("Caf\xe9".encode(), b"Caf\xe9")},
            "x.md:7: the file is not UTF-8 text (byte 0xE9 cannot be read)",
            id="latin-1",
        ),
        pytest.param(
            {"x.md": front(id="a"), "y.md": front(id="a")},
            'y.md:2: the id "a" is already used by x.md; give this file another id',
            id="duplicate-id",
        ),
        pytest.param(
            {"x.md": front(id="good")},
            'x.md:2: the id "good" is already used by good.md',
            id="duplicate-of-good",
        ),
        pytest.param(
            {"x.md": "---\nid: x\nid: y\ntitle: X\n---\nText.\n"}, 'x.md:3: "id" is written twice', id="duplicate-key"
        ),
        pytest.param(
            {"x.md": "---\n- a list\n---\nText.\n"},
            'x.md:1: front matter must be a list of "key: value" lines',
            id="front-matter-not-mapping",
        ),
        pytest.param({"x.md": front(tags="{a: b}")}, 'x.md:6: "tags" must be a list of texts', id="bad-tags"),
        pytest.param(
            {"x.yaml": "type: faq\nid: x\ntitle: X\nlanguage: en\nsource: https://e.org\nentries: [a: &b 1]\n"},
            "x.yaml:6: YAML error: anchors and aliases (& and *) are not allowed",
            id="yaml-anchor",
        ),
        pytest.param(
            {"x.yaml": "a: &a [1, 2]\nb: [*a, *a, *a]\n"},
            "x.yaml:1: YAML error: anchors and aliases (& and *) are not allowed",
            id="yaml-bomb",
        ),
        pytest.param(
            {"x.yaml": "type: glossary\nterms: " + "[" * 50 + "]" * 50 + "\n"},
            "x.yaml:2: YAML error: the data is nested more than 20 levels deep",
            id="yaml-deep",
        ),
        pytest.param(
            {
                "fr/faq.yaml": "type: faq\nid: f\ntitle: F\nlanguage: fr\nsource: https://e.org\nentries:\n"
                "  - questions: [A ?]\n    answer: B.\n  - questions: [C ?]\n  - questions: [D ?]\n    answer: E.\n"
            },
            'fr/faq.yaml:9: entry 2 has no "answer" (the whole file is skipped until this is fixed)',
            id="faq-no-answer",
        ),
        pytest.param(
            {"faq.yaml": "type: faq\nid: f\ntitle: F\nlanguage: fr\nsource: https://e.org\nentries:\n  - answer: B.\n"},
            'faq.yaml:7: entry 1 has no "questions" (the whole file is skipped',
            id="faq-no-questions",
        ),
        pytest.param(
            {"faq.yaml": "type: faq\nid: f\ntitle: F\nlanguage: fr\nsource: https://e.org\nentries: []\n"},
            "faq.yaml:6: the FAQ has no entries",
            id="faq-empty",
        ),
        pytest.param(
            {"faq.yaml": "type: faq\nid: f\ntitle: F\nlanguage: fr\nentries:\n  - questions: [A]\n    answer: B\n"},
            'faq.yaml:1: the FAQ is missing "source"',
            id="faq-no-source",
        ),
        pytest.param(
            {
                "faq.yaml": "type: faq\nid: f\ntitle: F\nlanguage: fr\nsource: https://e.org\nentries:\n"
                "  - questions: [A]\n    answer: B\n    source: mailto:x@example.org\n"
            },
            'faq.yaml:7: "source" must be a web address',
            id="faq-entry-bad-source",
        ),
        pytest.param(
            {"g.yaml": "type: glossary\nterms:\n  - id: ai\n    terms: [AI, IA]\n  - id: x\n    terms: [X]\n"},
            'g.yaml:5: glossary entry 2 ("x") needs at least 2 different terms',
            id="glossary-one-term",
        ),
        pytest.param(
            {"g.yaml": "type: glossary\nterms:\n  - terms: [AI, IA]\n"},
            'g.yaml:3: glossary entry 1 has no "id"',
            id="glossary-no-id",
        ),
        pytest.param(
            {
                "g.yaml": "type: glossary\nterms:\n  - id: ai\n    terms: [AI, IA]\n",
                "h.yaml": "type: glossary\nterms:\n  - id: ai\n    terms: [A.I., 人工知能]\n",
            },
            'h.yaml:3: glossary id "ai" is already used in g.yaml',
            id="glossary-duplicate-across-files",
        ),
        pytest.param(
            {"x.yaml": "id: x\ntitle: X\n"},
            'x.yaml:1: the file has no "type: faq" or "type: glossary" line',
            id="yaml-without-type",
        ),
        pytest.param({"x.yaml": "type: notes\n"}, 'x.yaml:1: unknown type "notes"', id="yaml-unknown-type"),
        pytest.param(
            {"x.yaml": "just text\n"}, 'x.yaml:1: the file must be a list of "key: value" lines', id="yaml-scalar"
        ),
        pytest.param(
            {"orphan.meta.yaml": "id: o\ntitle: O\nlanguage: en\nsource: https://e.org\n"},
            "orphan.meta.yaml:1: this metadata file has no orphan.txt beside it",
            id="sidecar-without-txt",
        ),
        pytest.param(
            {"t.txt": "Some text.\n"},
            "t.txt:1: the file has no front matter and no t.meta.yaml beside it",
            id="txt-without-metadata",
        ),
        pytest.param(
            {"t.txt": front(), "t.meta.yaml": "id: t\ntitle: T\nlanguage: en\nsource: https://e.org\n"},
            "t.txt:1: the file has front matter and also t.meta.yaml; keep only one",
            id="txt-with-both",
        ),
        pytest.param(
            {"t.txt": "Some text.\n", "t.meta.yaml": "id: t\ntitle: T\nlanguage: xx\nsource: https://e.org\n"},
            't.meta.yaml:3: "language" must be one of fr, en, ja',
            id="bad-sidecar",
        ),
        pytest.param(
            {"notes.docx": b"PK\x03\x04"},
            "notes.docx:1: not a knowledge file (the name must end in .md, .txt",
            id="unknown-extension",
        ),
        pytest.param(
            {"big.md": front("x" * (MAX_FILE_BYTES + 1))},
            "big.md:1: the file is too big (1.0 MB; the limit is 1 MB)",
            id="too-big",
        ),
    ],
)
def test_each_rule_gives_one_error_and_good_files_load(
    tmp_path: Path, files: dict[str, str | bytes], expected: str
) -> None:
    assert only_error(load(tmp_path, files)).startswith(expected)


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    write(tmp_path, {"en.md/inner.md": front(id="inner")})
    error = only_error(load(tmp_path, {}))
    assert error.startswith("en.md:1: this is a folder but its name ends like a file name")


def test_symlink_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, {"secret.md": front(id="secret")})
    root = tmp_path / "kb"
    write(root, {"good.md": GOOD_MD})
    (root / "secret.md").symlink_to(outside / "secret.md")
    (root / "dir").symlink_to(outside, target_is_directory=True)
    kb = load_knowledge(root)
    assert [str(e) for e in kb.errors] == [
        "dir:1: this is a link to something outside the knowledge folder; it was not read",
        "secret.md:1: this is a link to something outside the knowledge folder; it was not read",
    ]
    assert [d.id for d in kb.documents] == ["good"]


def test_sidecar_linking_outside_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "out", {"t.meta.yaml": "id: t\ntitle: T\nlanguage: en\nsource: https://e.org\n"})
    root = write(tmp_path / "kb", {"good.md": GOOD_MD, "t.txt": "Text.\n"})
    (root / "t.meta.yaml").symlink_to(tmp_path / "out" / "t.meta.yaml")
    kb = load_knowledge(root)
    assert {e.path for e in kb.errors} == {"t.meta.yaml", "t.txt"}
    assert [d.id for d in kb.documents] == ["good"]


def test_broken_symlink(tmp_path: Path) -> None:
    write(tmp_path, {"good.md": GOOD_MD})
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    assert only_error(load_knowledge(tmp_path)) == "gone.md:1: this is a link to a file that does not exist"


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path, {"good.md": GOOD_MD, "sub/x.md": front(id="x")})
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub", target_is_directory=True)
    kb = load_knowledge(tmp_path)
    assert kb.errors == []
    assert sorted(d.id for d in kb.documents) == ["good", "x"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"locked.md": front(id="locked")})
    real_open = Path.open

    def fake_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", fake_open)
    assert only_error(load(tmp_path, {})) == "locked.md:1: the file cannot be read (permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    write(tmp_path, {"locked.md": front(id="locked")})
    (tmp_path / "locked.md").chmod(0)
    try:
        assert only_error(load(tmp_path, {})) == "locked.md:1: the file cannot be read (permission denied)"
    finally:
        (tmp_path / "locked.md").chmod(0o644)


@pytest.mark.parametrize("make", ["missing", "file"])
def test_bad_directory_is_an_error_not_an_exception(tmp_path: Path, make: str) -> None:
    target = tmp_path / "kb"
    if make == "file":
        target.write_text("x")
    kb = load_knowledge(target)
    assert kb.documents == [] and kb.passages == []
    assert len(kb.errors) == 1
    assert "the knowledge folder" in kb.errors[0].message
    assert kb.loaded_at is not None


def test_several_bad_files_each_reported(tmp_path: Path) -> None:
    kb = load(tmp_path, {"a.md": "", "b.md": front(language="de"), "c/d.md": front(id="d")})
    assert [(e.path, e.line) for e in kb.errors] == [("a.md", 1), ("b.md", 4)]
    assert sorted(d.id for d in kb.documents) == ["d", "good"]


def test_error_fixture_dir() -> None:
    kb = load_knowledge(FIXTURES / "knowledge_errors")
    assert [str(e) for e in kb.errors] == [
        'en/no-language.md:1: front matter is missing "language" (one of fr, en, ja)',
        "fr/broken.md:3: YAML error: mapping values are not allowed here "
        '(a value that contains ": " must be put between quotes)',
        'fr/faq.yaml:9: entry 2 has no "answer" (the whole file is skipped until this is fixed)',
    ]
    assert [d.id for d in kb.documents] == ["good-en"]


# --------------------------------------------------------------------------- the shipped corpus


def test_every_shipped_knowledge_file_loads_without_errors() -> None:
    kb = load_knowledge(SHIPPED)
    assert [str(e) for e in kb.errors] == []
    shipped = [p for p in SHIPPED.rglob("*") if p.is_file() and not knowledge._is_ignored(p.name)]
    if shipped:
        assert kb.documents, "knowledge/ has files but no document loaded"
    assert {p.language for p in kb.passages} <= set(LANGUAGES)
    ids = [p.id for p in kb.passages]
    assert len(ids) == len(set(ids))
    for passage in kb.passages:
        assert passage.text.strip() and passage.source.startswith(("http://", "https://"))
        assert passage.line >= 1 and (SHIPPED / passage.path).is_file()


# --------------------------------------------------------------------------- uploads


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write(tmp_path / "knowledge", {"good.md": GOOD_MD, "en/other.md": front(id="other")})


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("../x.md", "the file name must not contain a folder"),
        ("/etc/x.md", "the file name must not contain a folder"),
        ("en/x.md", "the file name must not contain a folder"),
        ("..\\x.md", "the file name must not contain a folder"),
        (".hidden.md", "must not start with a dot"),
        ("..", "must not start with a dot"),
        ("_draft.md", "must not start with a dot or an underscore"),
        ("x.exe", "the file name must end in .md, .txt, .yaml or .yml"),
        ("x", "the file name must end in"),
        ("README.md", "README files are notes for people"),
        ("readme.txt", "README files are notes for people"),
        ("my file.md", "may only use letters"),
        ("x\x00.md", "may only use letters"),
        ("é.md", "may only use letters"),
        ("", "1 to 100 characters"),
        ("a" * 101 + ".md", "1 to 100 characters"),
    ],
)
def test_upload_refuses_unsafe_names(kb_dir: Path, filename: str, message: str) -> None:
    errors = check_upload(filename, front(id="new").encode(), kb_dir)
    assert len(errors) == 1
    assert message in errors[0].message
    with pytest.raises(UploadRefused):
        save_upload(filename, front(id="new").encode(), kb_dir)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "new.md:3: this is not a text file"),
        (b"x" * (MAX_FILE_BYTES + 1), "new.md:1: the file is too big"),
        (front("\xe9t\xe9.\n").encode("latin-1"), "new.md:7: the file is not UTF-8 text"),
        (front(language="").encode(), 'new.md:1: front matter is missing "language"'),
        (b"", "new.md:1: the file is empty"),
        (front(id="other").encode(), 'new.md:2: the id "other" is already used by en/other.md'),
    ],
)
def test_upload_refuses_bad_content(kb_dir: Path, data: bytes, expected: str) -> None:
    errors = check_upload("new.md", data, kb_dir)
    assert len(errors) == 1
    assert str(errors[0]).startswith(expected)


def test_upload_accepts_a_valid_new_file(kb_dir: Path) -> None:
    data = front("A new paragraph.\n", id="new").encode()
    assert check_upload("new.md", data, kb_dir) == []
    path = save_upload("new.md", data, kb_dir)
    assert path == kb_dir.resolve() / "new.md"
    assert path.read_bytes() == data
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in kb_dir.iterdir() if p.name.startswith(".")] == []
    kb = load_knowledge(kb_dir)
    assert kb.errors == [] and "new" in {d.id for d in kb.documents}


def test_upload_may_replace_the_same_file(kb_dir: Path) -> None:
    data = GOOD_MD.replace("A good paragraph.", "An edited paragraph.").encode()
    assert check_upload("good.md", data, kb_dir) == []
    save_upload("good.md", data, kb_dir)
    assert [p.text for p in load_knowledge(kb_dir).passages if p.doc_id == "good"] == ["An edited paragraph."]


def test_upload_faq_and_glossary(kb_dir: Path) -> None:
    faq = b"type: faq\nid: faq-en\ntitle: F\nlanguage: en\nsource: https://e.org\nentries:\n  - questions: [Q?]\n"
    assert str(check_upload("faq.yaml", faq, kb_dir)[0]) == (
        'faq.yaml:7: entry 1 has no "answer" (the whole file is skipped until this is fixed)'
    )
    assert check_upload("faq.yaml", faq + b"    answer: A.\n", kb_dir) == []
    glossary = b"type: glossary\nterms:\n  - id: ai\n    terms: [AI, IA]\n"
    save_upload("glossary.yaml", glossary, kb_dir)
    assert check_upload("glossary.yaml", glossary, kb_dir) == []
    errors = check_upload("more.yaml", glossary, kb_dir)
    assert [str(e) for e in errors] == ['more.yaml:3: glossary id "ai" is already used in glossary.yaml']


def test_upload_text_and_sidecar(kb_dir: Path) -> None:
    meta = b"id: plain\ntitle: Plain\nlanguage: ja\nsource: https://e.org\n"
    assert check_upload("plain.txt", "本文です。\n".encode(), kb_dir)[0].message.startswith(
        "the file has no front matter and no plain.meta.yaml"
    )
    assert check_upload("plain.meta.yaml", meta, kb_dir) == []
    save_upload("plain.meta.yaml", meta, kb_dir)
    assert check_upload("plain.txt", "本文です。\n".encode(), kb_dir) == []
    save_upload("plain.txt", "本文です。\n".encode(), kb_dir)
    assert check_upload("plain.meta.yaml", meta.replace(b"ja", b"de"), kb_dir)[0].message.startswith('"language"')
    assert check_upload("plain.meta.yaml", meta.replace(b"plain", b"other", 1), kb_dir)[0].message.startswith(
        'the id "other" is already used by en/other.md'
    )
    kb = load_knowledge(kb_dir)
    assert kb.errors == [] and "plain" in {d.id for d in kb.documents}


def test_save_upload_refuses_a_symlink_target(kb_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep me")
    (kb_dir / "link.md").symlink_to(outside)
    with pytest.raises(UploadRefused, match="outside the knowledge folder"):
        save_upload("link.md", GOOD_MD.encode(), kb_dir)
    assert outside.read_text() == "keep me"


def test_save_upload_refuses_oversized_data_and_missing_dir(kb_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UploadRefused, match="too big"):
        save_upload("big.md", b"x" * (MAX_FILE_BYTES + 1), kb_dir)
    with pytest.raises(UploadRefused, match="could not be saved"):
        save_upload("x.md", b"x", tmp_path / "missing")


def test_save_upload_failure_leaves_no_temp_file(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(knowledge.os, "replace", fail)
    with pytest.raises(UploadRefused, match="No space left on device"):
        save_upload("new.md", GOOD_MD.encode(), kb_dir)
    assert sorted(p.name for p in kb_dir.iterdir()) == ["en", "good.md"]


def test_readme_examples_are_valid(tmp_path: Path) -> None:
    """The copy-paste examples of knowledge/README.md load without errors."""
    blocks = re.findall(r"```(\w+)\n(.*?)```", (SHIPPED / "README.md").read_text(encoding="utf-8"), re.S)
    examples = [text for lang, text in blocks if lang in ("markdown", "text", "yaml")]
    names = ["declaration.md", "article.txt", "article.meta.yaml", "faq.yaml", "glossary.yaml"]
    kb = load_knowledge(write(tmp_path, dict(zip(names, examples, strict=True))))
    assert kb.errors == []
    assert [(d.id, d.passage_count) for d in kb.documents] == [
        ("article-ruche", 1),
        ("declaration-en", 2),
        ("faq-en", 2),
    ]
    assert [g.id for g in kb.glossary] == ["jetro", "ai"]


def test_duplicate_id_in_a_sidecar_is_reported_on_the_sidecar(tmp_path: Path) -> None:
    kb = load(
        tmp_path, {"t.txt": "Some text.\n", "t.meta.yaml": "title: T\nid: good\nlanguage: en\nsource: https://e.org\n"}
    )
    assert only_error(kb) == 't.meta.yaml:2: the id "good" is already used by good.md; give this file another id'


def test_value_of_the_wrong_shape(tmp_path: Path) -> None:
    assert only_error(load(tmp_path, {"x.md": front(title="[a, b]")})) == 'x.md:3: "title" must be a single text'
    assert only_error(load(tmp_path / "bom", {"x.md": b"\xef\xbb\xbf\n"})) == "x.md:1: the file is empty"
