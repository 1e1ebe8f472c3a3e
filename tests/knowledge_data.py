"""Shared by the knowledge tests: a good file, builders of front matter, FAQ and glossary files, writing files,
loading with one error."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.models import KnowledgeBase

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


def faq(entries: str, **keys: str) -> str:
    """A FAQ file: ``type: faq``, its header (keys set to "" are left out), then ``entries:`` + ``entries``."""
    meta = {"id": "f", "title": "F", "language": "fr", "source": "https://e.org", **keys}
    return "type: faq\n" + "".join(f"{k}: {v}\n" for k, v in meta.items() if v != "") + "entries:" + entries


def glossary(terms: str) -> str:
    """A glossary file: ``type: glossary`` then ``terms:`` + ``terms``."""
    return "type: glossary\nterms:" + terms


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
