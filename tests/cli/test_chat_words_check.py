"""``knowledge check`` warns when a chat phrase removed from every question is a word of the corpus (trial 10 H5):
"signed" added to the fillers made every "who signed?" go wrong while the check said OK."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from paths import SHIPPED_KNOWLEDGE

from bot.cli import main


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["knowledge", "check", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def test_a_corpus_word_among_the_fillers_is_named_with_its_file_and_line(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, folder)
    chat = folder / "chat" / "en.yaml"
    lines = chat.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("fillers: [lol,"))
    lines[at] = lines[at].replace("[lol,", "[lol, signed, quick question,")
    lines[at + 1] = lines[at + 1].replace("bro,", "bro, station,")
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = check(folder, capsys)
    assert code == 0  # a warning: the file still loads
    warned = [line for line in out if "is a word of the corpus" in line]
    assert [line.split(": warning: ")[0] for line in warned] == [f"{chat}:{at + 1}", f"{chat}:{at + 2}"]
    assert warned[0].split(": warning: ")[1].startswith('"signed" (fillers) is a word of the corpus (')
    assert warned[1].split(": warning: ")[1].startswith('"station" (fillers) is a word of the corpus (')
    assert "remove it from the list" in warned[0]
    assert out[-1].startswith("OK: no errors (") and "warnings); loaded " in out[-1]


def test_the_shipped_chat_words_pass(capsys) -> None:
    code, out = check(SHIPPED_KNOWLEDGE, capsys)
    assert code == 0 and out[-1].startswith("OK: no errors") and not any("word of the corpus" in line for line in out)
