"""`knowledge check` names the line a moderator got wrong, in words she can act on (trial 3): a front-matter line
without its colon was reported at the next line as "could not find expected ':'", an unclosed quote at the end
of the file, a list item indented unlike its siblings with PyYAML's "expected <block end>" alone."""

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
