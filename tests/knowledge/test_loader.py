"""Tests of the knowledge loader: a directory (golden corpus, one error per rule, links, ids, the shipped corpus)."""

from __future__ import annotations

import os
import re
from datetime import UTC
from pathlib import Path

import paths
import pytest
from knowledge_data import GOOD_MD, faq, front, glossary, load, only_error, write

from bot.knowledge import loader as knowledge
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import load_knowledge
from bot.models import LANGUAGES, GlossaryEntry, KnowledgeBase
from bot.search import romaji, wordlists

FIXTURES = paths.FIXTURES
BASIC = FIXTURES / "knowledge_basic"
SHIPPED = paths.SHIPPED_KNOWLEDGE


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
            "declaration-en#the-joint-declaration-506062",
            12,
            "The joint declaration",
            "France and Japan signed a joint declaration on innovation\n"
            "and the digital economy in Paris on 13 July 2018.",
        ),
        (
            "declaration-en#signatories-57458d", 16, "Signatories",
            "The declaration was signed by ministers of both countries.",
        ),
        ("declaration-en#key-areas-fc9459", 23, "Key areas", "- artificial intelligence\n- cybersecurity"),
        ("declaration-en#key-areas-29a74b", 26, "Key areas", "```\na code block\n\nwith a blank line\n```"),
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
        (
            "notes-en#background-8a957c", 9, "Background",
            "The two countries cooperate on startups.\nExchanges are encouraged.",
        ),
        ("notes-en#background-09f8db", 12, "Background", "A short line."),
    ]


def test_text_with_sidecar(basic: KnowledgeBase) -> None:
    passages = [p for p in basic.passages if p.doc_id == "statement-ja"]
    assert [(p.id, p.path, p.line, p.heading, p.language, p.title) for p in passages] == [
        ("statement-ja#第1章-概要-c32008", "ja/statement.txt", 3, "第1章 概要", "ja", "共同声明"),
    ]
    assert passages[0].text == "日本とフランスは2018年7月13日にパリで共同声明を発表した。"


def test_faq_entries_are_passages(basic: KnowledgeBase) -> None:
    first, second = (p for p in basic.passages if p.doc_id == "faq-fr")
    assert first.id == "faq-fr#qui-a-signe-la-02a16e"
    assert first.kind == "faq"
    assert first.questions == ("Qui a signé la déclaration ?", "Quels ministres l'ont signée ?")
    assert first.text.startswith("Delphine Gény-Stephann")
    assert first.source == "https://example.org/faq"
    assert first.tags == ("faq", "signataires")
    assert (first.path, first.line) == ("fr/faq.yaml", 8)
    assert second.id == "faq-fr#quand-la-declaration-a-c36181"
    assert second.questions == ("Quand la déclaration a-t-elle été signée ?",)
    assert second.text == "Le 13 juillet 2018, à Paris."
    assert second.source == "https://example.org/date"
    assert second.line == 12


def test_glossary_entries(basic: KnowledgeBase) -> None:
    assert basic.glossary == [
        GlossaryEntry("jetro", ("JETRO", "Jetro", "ジェトロ", "日本貿易振興機構"), "glossary.yaml"),
        GlossaryEntry("ai", ("AI", "IA", "人工知能", "artificial intelligence"), "glossary.yaml"),
    ]


def test_passage_ids_unique_and_counts_match(basic: KnowledgeBase) -> None:
    ids = [p.id for p in basic.passages]
    assert len(ids) == len(set(ids))
    for doc in basic.documents:
        assert doc.passage_count == sum(p.doc_id == doc.id for p in basic.passages)


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
        pytest.param({"x.md": front(title="null")}, 'x.md:3: "title" is empty', id="null-title"),  # trial 6: line 1
        pytest.param({"x.md": front(id="''")}, 'x.md:2: "id" is empty (a short name such as', id="empty-id"),
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
        pytest.param({"x.md": ""}, "x.md:1: the file is empty: write its text, or delete it", id="empty"),
        pytest.param({"x.md": " \n\n"}, "x.md:1: the file is empty: write its text, or delete it", id="blank"),
        pytest.param(
            {"x.md": b"---\nid: x\n\x00\x01binary"}, "x.md:3: this is not a text file (it contains NUL bytes)", id="nul"
        ),
        pytest.param(
            {"x.md": front("Caf\xe9.\n").encode("utf-8").replace("Caf\xe9".encode(), b"Caf\xe9")},
            "x.md:7: the file is not UTF-8 text (byte 0xE9 cannot be read)",
            id="latin-1",
        ),
        pytest.param(
            {"x.md": front("共同声明はパリで署名されました。\n", language="ja").encode("shift_jis")},
            "x.md:7: the file is saved as Shift-JIS (what Japanese Windows often uses), not UTF-8",
            id="shift-jis",
        ),
        pytest.param(
            {"x.md": front("La déclaration a été signée à Paris, à l'Élysée.\n", language="fr").encode("cp1252")},
            "x.md:7: the file is not UTF-8 text (byte 0xE9 cannot be read)",
            id="windows-1252-is-no-shift-jis",
        ),
        pytest.param(
            {"x.md": front(id="a"), "y.md": front(id="a")},
            'y.md:2: the id "a" is already used by x.md; give this file another id (it was not loaded)',
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
            {"x.yaml": faq(" [a: &b 1]\n")},
            "x.yaml:6: YAML error: anchors and aliases (& and *) are not allowed",
            id="yaml-anchor",
        ),
        pytest.param(
            {"x.yaml": "a: &a [1, 2]\nb: [*a, *a, *a]\n"},
            "x.yaml:1: YAML error: anchors and aliases (& and *) are not allowed",
            id="yaml-bomb",
        ),
        pytest.param(
            {"x.yaml": glossary(" " + "[" * 50 + "]" * 50 + "\n")},
            "x.yaml:2: YAML error: the data is nested more than 20 levels deep",
            id="yaml-deep",
        ),
        pytest.param(
            {"fr/faq.yaml": faq("\n  - questions: [A ?]\n    answer: B.\n  - questions: [C ?]\n  - questions: [D ?]\n"
                                "    answer: E.\n")},
            'fr/faq.yaml:9: entry 2 has no "answer" (the whole file is skipped until this is fixed)',
            id="faq-no-answer",
        ),
        pytest.param(
            {"faq.yaml": faq("\n  - answer: B.\n")},
            'faq.yaml:7: entry 1 has no "questions" (the whole file is skipped',
            id="faq-no-questions",
        ),
        pytest.param(
            {"faq.yaml": faq(" []\n")},
            "faq.yaml:6: the FAQ has no entries",
            id="faq-empty",
        ),
        pytest.param(
            {"faq.yaml": faq("\n  - questions: [A]\n    answer: B\n", source="")},
            'faq.yaml:1: the FAQ is missing "source"',
            id="faq-no-source",
        ),
        pytest.param(
            {"faq.yaml": faq("\n  - questions: [A]\n    answer: B\n    source: mailto:x@example.org\n")},
            'faq.yaml:9: "source" must be a web address',
            id="faq-entry-bad-source",
        ),
        pytest.param(
            {"g.yaml": glossary("\n  - id: ai\n    terms: [AI, IA]\n  - id: x\n    terms: [X]\n")},
            'g.yaml:5: glossary entry 2 ("x") needs at least 2 different terms',
            id="glossary-one-term",
        ),
        pytest.param(
            {"g.yaml": glossary("\n  - terms: [AI, IA]\n")},
            'g.yaml:3: glossary entry 1 has no "id"',
            id="glossary-no-id",
        ),
        pytest.param(
            {
                "g.yaml": glossary("\n  - id: ai\n    terms: [AI, IA]\n"),
                "h.yaml": glossary("\n  - id: ai\n    terms: [A.I., 人工知能]\n"),
            },
            'h.yaml:3: glossary id "ai" is already used in g.yaml',
            id="glossary-duplicate-across-files",
        ),
        pytest.param(
            {"x.yaml": "id: x\ntitle: X\n"},
            'x.yaml:1: the file has no "type: faq", "type: glossary", "type: chat" or "type: related" line',
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
        pytest.param(  # attack20: "+1" unquoted is the number 1, and "1" was taken out of every question
            {"chat.yaml": "type: chat\nlanguage: en\nfillers: [lol,\n  <3, +1]\n"},
            'chat.yaml:4: "fillers" holds the number 1, not a text: put a phrase with digits between quotes',
            id="chat-phrase-read-as-a-number",
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


def test_duplicate_id_in_a_sidecar_is_reported_on_the_sidecar(tmp_path: Path) -> None:
    kb = load(
        tmp_path, {"t.txt": "Some text.\n", "t.meta.yaml": "title: T\nid: good\nlanguage: en\nsource: https://e.org\n"}
    )
    assert only_error(kb) == (
        't.meta.yaml:2: the id "good" is already used by good.md; give this file another id (it was not loaded)'
    )


# --------------------------------------------------------------------------- folders, links, unreadable files


def test_symlink_inside_the_dir_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"_store/real.md": GOOD_MD})
    (tmp_path / "link.md").symlink_to(tmp_path / "_store" / "real.md")
    kb = load_knowledge(tmp_path)
    assert kb.errors == []
    assert kb.documents[0].path == "link.md"


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


def test_a_loop_of_links_is_named_as_such(tmp_path: Path) -> None:
    """Trial 8: ``a.md`` → ``b.md`` → ``a.md`` was "a link to a file that does not exist"."""
    write(tmp_path, {"good.md": GOOD_MD})
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    (tmp_path / "self.md").symlink_to("self.md")
    kb = load_knowledge(tmp_path)
    loop = "this link leads back to itself (a loop of links); point it at a real file or remove it"
    assert sorted(str(e) for e in kb.errors) == [f"{name}:1: {loop}" for name in ("a.md", "b.md", "self.md")]
    assert [d.id for d in kb.documents] == ["good"]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path, {"good.md": GOOD_MD, "sub/x.md": front(id="x")})
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub", target_is_directory=True)
    kb = load_knowledge(tmp_path)
    assert kb.errors == []
    assert sorted(d.id for d in kb.documents) == ["good", "x"]


UNREADABLE = ("locked.md:1: the file cannot be read (permission denied): ask whoever runs the server to make it "
              "readable by the bot (for example chmod 644)")  # what to do (trial 10 L3)


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A folder with good.md and locked.md, the file the two tests below make unreadable."""
    return write(tmp_path, {"good.md": GOOD_MD, "locked.md": front(id="locked")})


def test_unreadable_file(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open

    def fake_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", fake_open)
    assert only_error(load_knowledge(locked)) == UNREADABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_chmod(locked: Path) -> None:
    (locked / "locked.md").chmod(0)
    try:
        assert only_error(load_knowledge(locked)) == UNREADABLE
    finally:
        (locked / "locked.md").chmod(0o644)


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


# --------------------------------------------------------------------------- the shipped corpus


def test_every_shipped_knowledge_file_loads_without_errors() -> None:
    kb = load_knowledge(SHIPPED)
    assert [str(e) for e in kb.errors] == []
    repeated = [str(w) for w in kb.warnings if "is also asked in" in w.message or "listed twice" in w.message]
    assert repeated == []  # no FAQ question asked twice (a text in another language is an error, above)
    hidden = [str(w) for w in kb.warnings if "about the source" in w.message]
    assert hidden == []  # no fact hidden under a section about the source (quoted only for questions about it)
    shipped = [p for p in SHIPPED.rglob("*") if p.is_file() and not knowledge.is_ignored(p.name)]
    if shipped:
        assert kb.documents, "knowledge/ has files but no document loaded"
    assert {p.language for p in kb.passages} <= set(LANGUAGES)
    ids = [p.id for p in kb.passages]
    assert len(ids) == len(set(ids))
    for passage in kb.passages:
        assert passage.text.strip() and passage.source.startswith(("http://", "https://"))
        assert passage.line >= 1 and (SHIPPED / passage.path).is_file()


def test_every_shipped_words_file_is_valid() -> None:
    """bot/search/words/: one file per language, each list present, no word twice (wordlists.parse_words), and the
    romaji syllable table (romaji.parse_syllabary: every spelling once, every kana hiragana)."""
    for language in LANGUAGES:
        path = wordlists.words_file(language)
        lists = wordlists.parse_words(path.read_text(encoding="utf-8"), language)
        assert set(lists) == set(wordlists.WordList), path
        assert all(w == w.strip() and w for words in lists.values() for w in words), path
    assert sorted(p.name for p in wordlists.words_file("en").parent.iterdir() if p.suffix == ".yaml") == sorted(
        [f"{language}.yaml" for language in LANGUAGES] + [romaji.syllabary_file().name]
    )
    romaji.parse_syllabary(romaji.syllabary_file().read_text(encoding="utf-8"))  # the romaji syllables beside them


def test_readme_examples_are_valid(tmp_path: Path) -> None:
    """The copy-paste examples of knowledge/README.md load without errors."""
    blocks = re.findall(r"```(\w+)\n(.*?)```", (SHIPPED / "README.md").read_text(encoding="utf-8"), re.S)
    examples: list[str] = []
    for lang, text in blocks:
        if lang in ("markdown", "text", "yaml"):
            if text.startswith(" ") and examples:  # an entry shown alone ("  - id: …"): the file above, continued
                examples[-1] += text
            else:
                examples.append(text)
    names = ["declaration.md", "article.txt", "article.meta.yaml", "faq.yaml", "glossary.yaml", "chat.yaml",
             "related.yaml"]
    kb = load_knowledge(write(tmp_path, dict(zip(names, examples, strict=True))))
    assert kb.errors == []
    assert [(d.id, d.passage_count) for d in kb.documents] == [
        ("article-ruche", 1),
        ("declaration-en", 2),
        ("faq-en", 2),
    ]
    assert [g.id for g in kb.glossary] == ["jetro", "ai", "la-ruche"]
    assert kb.glossary[-1].described[0][1][0] == "media"  # the description example reads as slots of alternatives
    assert {c.kind.value for c in kb.chat} == {"greetings", "thanks", "politeness", "fillers", "help"}
    assert [(r.phrase, r.means) for r in kb.related] == [("promise", ("agreed", "support")),
                                                         ("young companies", ("start-ups",))]


def test_every_problem_of_a_glossary_file_in_one_run(tmp_path: Path) -> None:
    body = (
        "\n  - id: jetro\n    terms: [JETRO]"  # one term only
        "\n  - id: jetro\n    terms: [Jetro, ジェトロ]"  # the same id again
        "\n  - id: Bad_Id\n    terms: [A, B]\n"
    )
    kb = load_knowledge(write(tmp_path, {"g.yaml": glossary(body)}))
    assert [str(e) for e in kb.errors] == [
        'g.yaml:3: glossary entry 1 ("jetro") needs at least 2 different terms (the names that mean the same thing)',
        'g.yaml:5: glossary id "jetro" is used twice in this file (also on line 3)',
        'g.yaml:7: glossary entry 3: "id" may only use lowercase letters a-z, digits and hyphens (got "Bad_Id")',
    ]


def test_a_text_named_in_capitals_is_the_one_its_metadata_file_describes(tmp_path: Path) -> None:
    # attack19: NOTES.TXT (as Windows tools save it) was served with notes.meta.yaml's metadata, yet `knowledge check`
    # failed on 'NOTES.meta.yaml:1: this metadata file has no NOTES.txt beside it' (exit 1, shown by /kb status)
    kb = load(tmp_path, {"NOTES.TXT": "Walruses rest on the Seine.\n",
                         "NOTES.meta.yaml": "id: notes\ntitle: Notes\nlanguage: en\nsource: https://example.org\n"})
    assert kb.errors == []
    assert ("notes", "NOTES.TXT") in [(d.id, d.path) for d in kb.documents]
