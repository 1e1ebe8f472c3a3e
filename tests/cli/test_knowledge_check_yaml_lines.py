"""`knowledge check` names the line a moderator got wrong, in words she can act on (trial 3): a front-matter line
without its colon was reported at the next line as "could not find expected ':'", an unclosed quote at the end
of the file, a list item indented unlike its siblings with PyYAML's "expected <block end>" alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import paths

DOC = """---
id: meti-notes
title = Le déplacement de Yoji Muto
language: fr
source: https://www.meti.go.jp/
---
# Notes

Yoji Muto a signé la déclaration pour le Japon.
"""

FAQ = """type: faq
id: faq-notes
title: 'Questions
language: en
source: https://example.org/
entries:
  - questions: [Who signed?]
    answer: Muto.
"""

INDENT = """type: faq
id: faq-indent
title: Questions
language: en
source: https://example.org/
entries:
  - questions:
      - Who signed?
    answer: Muto.
 - questions:
      - When?
    answer: 13 July 2018.
"""


def test_yaml_mistakes_are_reported_at_their_line_with_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "notes.md").write_text(DOC, encoding="utf-8")
    (folder / "faq.yaml").write_text(FAQ, encoding="utf-8")
    (folder / "indent.yaml").write_text(INDENT, encoding="utf-8")
    (folder / "good.md").write_text(DOC.replace("title =", "title:").replace("meti-notes", "good"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "knowledge", "check", str(folder)], capture_output=True,
                          text=True, timeout=120, cwd=paths.ROOT)
    assert done.returncode == 1
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    assert f"{folder / 'notes.md'}:3: YAML error: this line has no ':' after its name (write `name: value`)" in lines
    assert f"{folder / 'faq.yaml'}:3: YAML error: a quote opened on this line is never closed" in lines
    indent = next(line for line in lines if line.startswith(f"{folder / 'indent.yaml'}:"))
    assert indent.startswith(f"{folder / 'indent.yaml'}:10: ") and "not indented like the lines above it" in indent
    assert any("loaded 1 document" in line for line in lines)  # the good file is still served


YES_NO = """type: faq
id: faq-yes-no
title: Questions
language: en
source: https://example.org/
entries:
  - questions: [Is the declaration a treaty?]
    answer: No
  - questions: [Did Japan sign it?]
    answer: yes
"""


def test_a_yes_or_no_answer_is_text_and_a_non_breaking_space_after_a_colon_is_named(tmp_path: Path) -> None:
    """Trial 6: `answer: No` was reported as `entry 1 has no "answer"` (YAML 1.1 reads a bare yes/no as a boolean),
    and `title:` followed by a non-breaking space as "this line has no ':' after its name"."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "faq.yaml").write_text(YES_NO, encoding="utf-8")
    (folder / "notes.md").write_text(DOC.replace("title = ", "title:\u00a0"), encoding="utf-8")
    check = [sys.executable, "-m", "bot", "knowledge", "check", str(folder)]
    done = subprocess.run(check, capture_output=True, text=True, timeout=120, cwd=paths.ROOT)
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    assert not [line for line in lines if "faq.yaml" in line], lines  # both answers are read as written
    assert lines[0] == (f"{folder / 'notes.md'}:3: YAML error: the ':' on this line is followed by a non-breaking "
                        "space, which YAML does not read as a space: retype that space with the space bar")
    ask = [sys.executable, "-m", "bot", "ask", "Is the declaration a treaty?", "--knowledge", str(folder),
           "--no-log", "--json"]
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT)}
    answered = subprocess.run(ask, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert json.loads(answered.stdout)["summary"] == "No"


JAPANESE_INPUT = {
    "ja/colon.md": "---\nid: zen-colon\ntitle：福岡のハブ\nlanguage: ja\nsource: https://www.example.org/zen\n---\n"
                   "福岡のハブは2019年に開設されました。\n",
    "ja/indent.yaml": "type: faq\nid: faq-zen\ntitle: 質問\nlanguage: ja\nsource: https://www.example.org/zen\n"
                      "entries:\n  - questions: [誰が署名しましたか]\n    answer: 武藤副大臣です。\n"
                      "\u3000- questions: [いつですか]\n    answer: 2018年7月13日です。\n"
                      "  - questions: [どこですか]\n    answer: パリです。\n",
    "ja/source.md": "---\nid: zen-source\ntitle: 全角\nlanguage: ja\nsource: ｈｔｔｐｓ：／／www.example.org/x\n---\n"
                    "福岡のハブ。\n",
    # a paragraph that starts with an ideographic space and a full-width colon inside text are fine
    "ja/fine.yaml": "type: faq\nid: faq-fine\ntitle: 注：質問\nlanguage: ja\nsource: https://www.example.org/zen\n"
                    "entries:\n  - questions: [署名はいつ]\n    answer: |\n      \u3000注：2018年7月13日です。\n",
}


def test_what_a_japanese_input_mode_types_is_named_at_its_line(tmp_path: Path) -> None:
    """Trial 10 (M2): a full-width colon or an indentation by full-width space was reported as a missing ':' or
    PyYAML's "expected <block end>" two lines later; a full-width address as a mere bad address."""
    folder = tmp_path / "knowledge"
    for name, text in JAPANESE_INPUT.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "knowledge", "check", str(folder)], capture_output=True,
                          text=True, timeout=120, cwd=paths.ROOT)
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert f"{folder / 'ja/colon.md'}:3: YAML error: the ':' on this line is a full-width colon" in out
    assert f"{folder / 'ja/indent.yaml'}:9: YAML error: this line is indented with a full-width space" in out
    assert f"{folder / 'ja/source.md'}:5:" in out and "typed in full-width characters" in out
    assert "fine.yaml" not in out
