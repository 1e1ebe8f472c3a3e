"""Tests of bot.knowledge.uploads: /kb add checks an upload like the loader would and saves it atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from knowledge_data import GOOD_MD, front, write

from bot import atomic
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import load_knowledge
from bot.knowledge.uploads import UploadRefused, check_upload, save_upload


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

    monkeypatch.setattr(atomic.os, "replace", fail)  # a full disk at the rename
    with pytest.raises(UploadRefused, match="No space left on device"):
        save_upload("new.md", GOOD_MD.encode(), kb_dir)
    assert sorted(p.name for p in kb_dir.iterdir()) == ["en", "good.md"]


def test_an_upload_lists_every_problem_including_a_taken_id(kb_dir: Path) -> None:
    data = b"---\nid: good\ntitel: T\nlanguage: EN\nsource: nowhere\n---\nText.\n"
    assert [str(e) for e in check_upload("notes.md", data, kb_dir)] == [
        'notes.md:3: unknown key "titel": did you mean "title"?',
        'notes.md:5: "source" must be a web address starting with http:// or https:// (got "nowhere")',
        'notes.md:2: the id "good" is already used by good.md; choose another id, or add the file again with '
        "replace: true to replace that one",
    ]


def test_an_upload_replacing_a_file_in_a_subfolder_is_checked_and_saved_there(kb_dir: Path) -> None:
    write(kb_dir, {"en/doc.md": front(id="doc-en")})
    data = front("New text.\n", id="doc-en").encode()
    assert "already used by en/doc.md" in check_upload("doc.md", data, kb_dir)[0].message
    assert check_upload("doc.md", data, kb_dir, target="en/doc.md") == []
    assert save_upload("doc.md", data, kb_dir, target="en/doc.md") == (kb_dir / "en" / "doc.md").resolve()
    assert not (kb_dir / "doc.md").exists()
    for bad in ("../doc.md", "_trash/doc.md", "/etc/doc.md"):
        with pytest.raises(UploadRefused, match="outside the knowledge folder"):
            save_upload("doc.md", data, kb_dir, target=bad)
