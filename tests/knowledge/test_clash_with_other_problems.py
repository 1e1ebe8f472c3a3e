"""A file refused for other problems also hears that its id is taken, in the same ``knowledge check`` run
(trial 2: the clash showed up only once the other problems were fixed, one round more for the moderator)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.cli import main


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env
    folder = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, folder)
    return folder


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["knowledge", "check", str(folder)]) == 1
    return capsys.readouterr().out.splitlines()


def test_a_glossary_with_problems_also_hears_its_id_is_taken(knowledge: Path, capsys) -> None:
    (knowledge / "glossary2.yaml").write_text(
        "type: glossary\nterms:\n  - id: jetro\n    terms: [JETRO, ジェトロ]\n  - id: solo\n    terms: [alone]\n"
    )
    lines = check(knowledge, capsys)
    where = f"{knowledge.as_posix()}/glossary2.yaml"
    assert lines[:2] == [
        f'{where}:3: glossary id "jetro" is already used in glossary.yaml; use another id (this file was not loaded)',
        f'{where}:5: glossary entry 2 ("solo") needs at least 2 different terms (the names that mean the same thing)',
    ]


def test_a_document_with_problems_also_hears_its_id_is_taken(knowledge: Path, capsys) -> None:
    (knowledge / "en" / "zz.md").write_text(
        "---\nid: lemoci-en\ntitle: Notes\nlanguage: en\nsource: ftp://example.org\n---\nNotes on the declaration.\n"
    )
    lines = check(knowledge, capsys)
    where = f"{knowledge.as_posix()}/en/zz.md"
    assert lines[:2] == [
        f'{where}:2: the id "lemoci-en" is already used by en/lemoci.md; give this file another id (it was not loaded)',
        f'{where}:5: "source" must be a web address starting with http:// or https:// (got "ftp://example.org")',
    ]


def test_a_faq_with_problems_also_hears_its_id_is_taken(knowledge: Path, capsys) -> None:
    (knowledge / "en" / "zz.yaml").write_text(
        "type: faq\nid: faq-en\ntitle: More\nlanguage: en\nsource: https://example.org\n"
        "entries:\n  - questions: [Who?]\n"
    )
    lines = check(knowledge, capsys)
    assert [line.split(": ", 1)[1] for line in lines[:2]] == [
        'the id "faq-en" is already used by en/faq.yaml; give this file another id (it was not loaded)',
        'entry 1 has no "answer" (the whole file is skipped until this is fixed)',
    ]


def test_a_refused_file_with_its_own_id_gets_no_clash(knowledge: Path, capsys) -> None:
    (knowledge / "en" / "zz.md").write_text(
        "---\nid: brand-new\ntitle: Notes\nlanguage: en\nsource: ftp://example.org\n---\nNotes on the declaration.\n"
    )
    lines = check(knowledge, capsys)
    assert len([line for line in lines if "/en/zz.md:" in line]) == 1 and "already used" not in lines[0]
