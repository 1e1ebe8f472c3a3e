"""bot.knowledge.edits: where an upload goes, remove/restore through the trash, the history file."""

from __future__ import annotations

from pathlib import Path

import pytest
from knowledge_data import front, write

from bot.knowledge import edits
from bot.knowledge.loader import load_knowledge


def test_plan_upload(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/doc.txt": "Text.\n", "en/doc.meta.yaml": "id: doc\ntitle: T\nlanguage: en\n"
                            "source: https://e.org\n", "glossary.yaml": "type: glossary\nterms:\n"
                            "  - id: a\n    terms: [a, b]\n"})
    kb = load_knowledge(root)
    assert kb.errors == []
    md = front(id="doc").encode()
    with pytest.raises(edits.EditRefused, match=r"served by en/doc.txt: upload a \.txt file"):
        edits.plan_upload("doc.md", md, root, kb, replace=True)
    sidecar = b"id: doc\ntitle: T2\nlanguage: en\nsource: https://e.org\n"
    assert edits.plan_upload("x.meta.yaml", sidecar, root, kb, replace=True) == edits.UploadPlan(
        "en/doc.meta.yaml", "en/doc.meta.yaml"
    )
    with pytest.raises(edits.EditRefused, match=r"glossary\.yaml already exists; to replace it, add it again"):
        edits.plan_upload("glossary.yaml", b"type: glossary\n", root, kb, replace=False)
    assert edits.plan_upload("new.md", front(id="new").encode(), root, kb, replace=False) == edits.UploadPlan("new.md")


def test_remove_moves_a_text_and_its_sidecar_and_restore_brings_them_back(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/doc.txt": "Text.\n", "en/doc.meta.yaml": "id: doc\ntitle: T\nlanguage: en\n"
                            "source: https://e.org\n"})
    change = edits.remove(root, load_knowledge(root), "doc", "42")
    assert [p for p, _ in change.trash] == ["en/doc.txt", "en/doc.meta.yaml"]
    assert load_knowledge(root).documents == [] and not (root / "en" / "doc.txt").exists()
    with pytest.raises(edits.EditRefused, match='no document has the id "doc"'):
        edits.remove(root, load_knowledge(root), "doc", "42")
    edits.restore(root, load_knowledge(root), "doc", "42")
    assert [d.id for d in load_knowledge(root).documents] == ["doc"]
    with pytest.raises(edits.EditRefused, match='nothing to restore for "doc"'):
        edits.restore(root, load_knowledge(root), "doc", "42")
    with (root / edits.HISTORY_FILE).open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    assert [(c.action, c.who) for c in edits.history(root)] == [("restore", "42"), ("remove", "42")]
    assert len(edits.history(root, limit=1)) == 1


@pytest.mark.parametrize(
    ("name", "upload", "line"),
    [
        pytest.param("other.md", "---\ntitle: T\nlanguage: en\nsource: https://e.org\nid: doc\n---\nText.\n", 5,
                     id="front-matter"),
        pytest.param("x.meta.yaml", "title: T2\nlanguage: en\nid: doc\nsource: https://e.org\n", 3, id="sidecar"),
        pytest.param("faq.yaml", "type: faq\ntitle: F\nid: doc\nlanguage: en\nsource: https://e.org\nentries:\n"
                     "  - questions: [Who?]\n    answer: Us.\n", 3, id="faq"),
    ],
)
def test_an_id_already_served_is_refused_at_the_line_of_its_id(
    tmp_path: Path, name: str, upload: str, line: int
) -> None:
    """Outsider trial 7's T9: `/kb add` named line 1 of the upload, not its ``id:`` line."""
    root = write(tmp_path, {"en/doc.txt": "Text.\n", "en/doc.meta.yaml": "id: doc\ntitle: T\nlanguage: en\n"
                            "source: https://e.org\n"})
    kb = load_knowledge(root)
    with pytest.raises(edits.EditRefused, match='the id "doc" is') as refused:
        edits.plan_upload(name, upload.encode(), root, kb, replace=False)
    assert refused.value.line == line
