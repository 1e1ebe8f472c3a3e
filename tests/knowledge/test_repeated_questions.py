"""A FAQ question asked again, in its entry or in another file, is a warning naming both places (trial 10 H2):
the second answer was served for the README's own example question and nothing said so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.cli import main
from bot.knowledge.loader import load_knowledge

EXTRA = """\
type: faq
id: faq-extra-en
title: More questions
language: en
source: https://www.example.org/more
entries:
  - questions:
      - when was the France–Japan declaration signed ?
    answer: It was signed on 14 July 2018 in Tokyo.
  - questions:
      - Who hosts the Tokyo pavilion?
      - Who hosts  the TOKYO pavilion ?
    answer: The Tokyo pavilion is hosted by the French Tech Tokyo community.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, knowledge)
    for path in knowledge.rglob("*"):
        os.utime(path, (1_500_000_000, 1_500_000_000))  # the shipped files are older than the moderator's new one
    (knowledge / "en" / "faq-extra.yaml").write_text(EXTRA, encoding="utf-8")
    return knowledge


def test_knowledge_check_names_both_places_of_a_repeated_question(folder: Path, capsys) -> None:
    assert main(["knowledge", "check", str(folder)]) == 0  # warnings: both files still load
    out = capsys.readouterr().out.splitlines()
    faq = (SHIPPED_KNOWLEDGE / "en" / "faq.yaml").read_text(encoding="utf-8").splitlines()
    asked = next(n for n, line in enumerate(faq, 1) if "When was the France-Japan declaration signed?" in line)
    entry = max(n for n, line in enumerate(faq[:asked], 1) if line.lstrip().startswith("- questions"))
    assert [line for line in out if "faq-extra.yaml" in line] == [
        f'{folder}/en/faq-extra.yaml:7: warning: the question "when was the France–Japan declaration signed ?" is '
        f"also asked in en/faq.yaml (line {entry}) with another answer; both entries are served, so a member asking it "
        "may get either: keep it in one entry",
        f'{folder}/en/faq-extra.yaml:10: warning: the question "Who hosts  the TOKYO pavilion ?" is listed twice in '
        "this entry; once is enough",
    ]
    assert out[-1].startswith("OK: no errors (")


def test_the_loader_reports_it_as_kb_status_shows_it(folder: Path) -> None:
    kb = load_knowledge(folder)
    assert kb.errors == []
    assert [(w.path, w.line) for w in kb.warnings if "asked" in w.message or "twice" in w.message] == [
        ("en/faq-extra.yaml", 7), ("en/faq-extra.yaml", 10)]


def test_other_words_or_another_script_are_no_repeat(tmp_path: Path) -> None:
    head = "type: faq\nid: {id}\ntitle: T\nlanguage: ja\nsource: https://e.org\nentries:\n"
    entry = "  - questions: [{question}]\n    answer: 7月\n"
    (tmp_path / "a.yaml").write_text(head.format(id="a") + entry.format(question="署名はいつ？"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(head.format(id="b") + entry.format(question="署名はいつ？です")
                                     + entry.format(question="しょめいはいつ"), encoding="utf-8")
    kb = load_knowledge(tmp_path)
    assert kb.errors == [] and kb.warnings == []
