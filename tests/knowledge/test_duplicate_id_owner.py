"""Two files claim one id: at start, the file that served it at the last load keeps it (trial 2).

A moderator copies ``en/meti.md`` to start a new document and forgets to change its id; the copy is refused
(the older ``en/lemoci.md`` keeps ``lemoci-en``). Then she fixes a typo in ``en/lemoci.md``: by age alone the
copy became the older file, and at the next start it took ``lemoci-en`` and switched the Le Moci text off.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from paths import SHIPPED_KNOWLEDGE

from bot.assistant import build_retriever
from bot.search.cache import cache_path_beside


def _owner(kb, doc_id: str) -> str:
    (path,) = [d.path for d in kb.documents if d.id == doc_id]
    return path


def test_editing_a_served_file_keeps_its_id_against_a_forgotten_copy(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, knowledge)
    copy = knowledge / "en" / "0-notes.md"
    copy.write_text((knowledge / "en" / "meti.md").read_text().replace("id: meti-en", "id: lemoci-en", 1))
    past = time.time() - 3600
    os.utime(knowledge / "en" / "lemoci.md", (past, past))  # the served file is the older one
    cache = cache_path_beside(tmp_path / "data" / "queries.db")

    first = build_retriever(knowledge, cache).kb  # a start: the copy is the newcomer, refused
    assert _owner(first, "lemoci-en") == "en/lemoci.md"
    assert [e.path for e in first.errors] == ["en/0-notes.md"]

    os.utime(knowledge / "en" / "lemoci.md")  # the moderator edits the served file: now the newer one
    again = build_retriever(knowledge, cache).kb  # the next start
    assert _owner(again, "lemoci-en") == "en/lemoci.md"
    assert [(e.path, e.message) for e in again.errors] == [
        ("en/0-notes.md", 'the id "lemoci-en" is already used by en/lemoci.md; give this file another id '
                          "(it was not loaded)"),
    ]
    assert {p.path for p in again.passages if p.doc_id == "lemoci-en"} == {"en/lemoci.md"}  # Le Moci's text

    # without the memory of the last load (no cache), age alone decides: the copy would take the id
    assert _owner(build_retriever(knowledge).kb, "lemoci-en") == "en/0-notes.md"
