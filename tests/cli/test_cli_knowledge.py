"""`python -m bot knowledge check|stats` through bot.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import paths
import pytest

from bot.cli import main

FIXTURES = paths.FIXTURES
BASIC = FIXTURES / "knowledge_basic"
ERRORS = FIXTURES / "knowledge_errors"


def test_check_clean_dir(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "check", str(BASIC)]) == 0
    out = capsys.readouterr().out
    assert out == "OK: no errors; loaded 4 documents, 9 passages, 2 glossary entries\n"


def test_check_of_a_folder_without_documents_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("# Our notes\n", encoding="utf-8")  # the guide, never served
    assert main(["knowledge", "check", str(tmp_path)]) == 1  # as `ask` refuses it: nothing could be answered
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: no passage to serve in {tmp_path}: add .md documents")
    assert "OK" not in captured.out


def test_an_unreadable_folder_is_named_without_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "ok.md").write_text("---\nid: ok\ntitle: OK\nlanguage: en\nsource: https://e.org\n---\nText.\n",
                                    encoding="utf-8")
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "secret":  # as chmod 000 does for anyone but root
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    assert main(["knowledge", "check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path.as_posix()}/secret: the folder cannot be read (permission denied)"
    )


def test_check_reports_errors_with_dir_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "check", str(ERRORS)]) == 1
    prefix = ERRORS.as_posix()
    assert capsys.readouterr().out.splitlines() == [
        f'{prefix}/en/no-language.md:1: front matter is missing "language" (one of fr, en, ja)',
        f"{prefix}/fr/broken.md:3: YAML error: mapping values are not allowed here "
        '(a value that contains ": " must be put between quotes)',
        f'{prefix}/fr/faq.yaml:9: entry 2 has no "answer" (the whole file is skipped until this is fixed)',
        "3 errors in 3 files (skipped; a file the running bot served keeps its last good version there); "
        "loaded 1 document, 1 passage, 0 glossary entries",
    ]


def test_check_relative_dir_prefix(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["knowledge", "check", "knowledge_errors"]) == 1
    assert capsys.readouterr().out.startswith("knowledge_errors/en/no-language.md:1: ")


def test_check_default_dir_from_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(ERRORS))
    assert main(["knowledge", "check"]) == 1
    assert "3 errors in 3 files" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["check", "stats"])
def test_missing_dir_exits_2(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["knowledge", command, str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"error: knowledge folder not found: {missing}\n"  # trial 10 L9: as ask and run say it
    assert captured.out == ""


def test_stats_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "stats", str(BASIC)]) == 0
    out = capsys.readouterr().out
    assert "documents:        4 (document 3, faq 1)" in out
    assert "passages:         9 (en 6, fr 2, ja 1)" in out
    assert "languages:        en, fr, ja" in out
    assert "glossary entries: 2" in out
    assert "errors:           0" in out


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "stats", str(ERRORS), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == {
        "directory": str(ERRORS),
        "documents": 1,
        "documents_by_kind": {"document": 1},
        "passages": 1,
        "passages_by_language": {"en": 1},
        "languages": ["en"],
        "glossary_entries": 0,
        "errors": 3,
    }


def test_knowledge_without_subcommand_shows_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge"]) == 2
    assert "check" in capsys.readouterr().out


def test_check_lists_every_problem_of_a_file_and_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "bad.md").write_text(
        "---\nid: Bad\ntitel: T\nlanguage: EN\nsource: nowhere\nauthor: me\n---\nText.\n", encoding="utf-8"
    )
    (tmp_path / "ok.md").write_text(
        "---\nid: ok\ntitle: OK\nlanguage: en\nsource: https://e.org\nnotes: x\n---\nText.\n", encoding="utf-8"
    )
    assert main(["knowledge", "check", str(tmp_path)]) == 1
    prefix = f"{tmp_path.as_posix()}/"
    assert capsys.readouterr().out.replace(prefix, "").splitlines() == [
        'en/bad.md:2: "id" may only use lowercase letters a-z, digits and hyphens, starting with a letter or digit '
        '(got "Bad")',
        'en/bad.md:3: unknown key "titel": did you mean "title"?',
        'en/bad.md:5: "source" must be a web address starting with http:// or https:// (got "nowhere")',
        'ok.md:6: warning: unknown key "notes" is ignored (known keys: id, title, language, source, date, tags, '
        "aliases, group, translation_of)",
        "3 errors in 1 file (skipped; a file the running bot served keeps its last good version there); "
        "loaded 1 document, 1 passage, 0 glossary entries",
    ]


def test_list_and_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.knowledge import edits

    assert main(["knowledge", "list", str(BASIC)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["id", "language", "passages", "file"]
    assert any(line.split() == ["declaration-en", "en", "4", "en/declaration.md"] for line in out)
    assert main(["knowledge", "history", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("no change recorded")
    edits.record(tmp_path, edits.Change(0.0, "123456789012345678", edits.Action.REMOVE, "x-en", "en/x.md", "ab" * 32))
    assert main(["knowledge", "history", str(tmp_path), "--json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)
    assert change["who"] == "123456789012345678" and change["action"] == "remove" and change["path"] == "en/x.md"
    assert main(["knowledge", "history", str(tmp_path)]) == 0
    assert "1970-01-01 00:00 UTC  123456789012345678" in capsys.readouterr().out
