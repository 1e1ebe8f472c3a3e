"""Trial 10's low findings on knowledge files: a language written as a name gets its code suggested and `type: FAQ` is
read as `type: faq` (L2); an editor's backup beside a file is a warning, not an error (L5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from knowledge_data import GOOD_MD, faq, load

from bot.cli import main

ENTRY = "\n  - questions: [Who signed it?]\n    answer: Three ministers signed it.\n"


@pytest.mark.parametrize(("written", "meant"), [("english", "en"), ("jp", "ja"), ("Français", "fr"), ("日本語", "ja")])
def test_a_language_name_gets_its_code_suggested(tmp_path: Path, written: str, meant: str) -> None:
    kb = load(tmp_path, {"f.yaml": faq(ENTRY, language=written)})
    assert [str(e) for e in kb.errors] == [
        f'f.yaml:4: "language" must be one of fr, en, ja (got "{written}"): write "language: {meant}"'
    ]


def test_type_faq_in_capitals_is_read_as_language_en_is(tmp_path: Path) -> None:
    kb = load(tmp_path, {"f.yaml": faq(ENTRY, language="EN").replace("type: faq", "type: FAQ")})
    assert kb.errors == [] and "f" in {d.id for d in kb.documents}


def test_an_editors_backup_is_a_warning_and_check_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("good.md.bak", "good.md~", "faq.yaml.orig"):
        (tmp_path / name).write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    assert main(["knowledge", "check", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    root = tmp_path.as_posix()
    assert out == [
        f"{root}/faq.yaml.orig: warning: an editor's backup copy, not read (delete it when you no longer need it)",
        f"{root}/good.md.bak: warning: an editor's backup copy, not read (delete it when you no longer need it)",
        f"{root}/good.md~: warning: an editor's backup copy, not read (delete it when you no longer need it)",
        "OK: no errors (3 warnings); loaded 1 document, 1 passage, 0 glossary entries",
    ]
