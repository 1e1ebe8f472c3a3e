"""Oversized text in knowledge files (issue 12, item 2): long passages split at load, absurd words reported."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.oversize import _TOKEN, ABSURD_TOKEN_CHARS, MAX_PASSAGE_CHARS, absurd_tokens
from bot.models import Passage

HEADER = "---\nid: {id}\ntitle: Notes\nlanguage: en\nsource: https://example.org/notes\n---\n# Notes\n\n"


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(HEADER.format(id=name.split(".")[0]) + body + "\n", encoding="utf-8")
    return path


def test_a_one_megabyte_single_line_passage_is_split_at_load(tmp_path: Path):
    sentence = "The roadmap of the declaration covers quantum computing exchanges between institutes. "
    write(tmp_path / "k", "huge.md", (sentence * (1_000_000 // len(sentence))).strip())
    kb = load_knowledge(tmp_path / "k")
    assert not kb.errors
    assert len(kb.passages) > 400
    assert max(len(p.text) for p in kb.passages) <= MAX_PASSAGE_CHARS
    assert all(p.text.endswith("institutes.") for p in kb.passages)  # cut at sentence ends
    assert {p.line for p in kb.passages} == {9}  # each piece still points at the line it came from


def test_knowledge_check_reports_absurd_words_with_their_line(tmp_path: Path, capsys):
    folder = tmp_path / "k"
    write(folder, "word.md", "A normal paragraph about the declaration.\n\nThe word " + "a" * 2_400 + " ends here.")
    assert main(["knowledge", "check", str(folder)]) == 0  # a warning: the file still loads
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "characters or more" in line]
    assert len(warned) == 1, out
    # the word runs on past its passage (2,000 characters): its length there is a lower bound, said as one
    assert warned[0].startswith(f"{(folder / 'word.md').as_posix()}:11: warning: a word of 1,991 characters or more")


def test_absurd_words_are_whole_runs_of_letters_and_digits(tmp_path: Path):
    folder = tmp_path / "k"
    ok, long = "é" * ABSURD_TOKEN_CHARS, "9Zé" * 14  # 40 characters: a word; 42: no word
    write(folder, "ok.md", f"Fine {ok} and ({ok}) too.")
    write(folder, "long.md", f"Pasted: ({long}), then -{ok}-.")
    kb = load_knowledge(folder)
    by_file = {path: absurd_tokens([p for p in kb.passages if p.path == path]) for path in ("ok.md", "long.md")}
    assert by_file["ok.md"] == []
    assert [w.message.split(" (")[0] for w in by_file["long.md"]] == ["a 42-character word"]


_RUNS = st.one_of(  # runs of letters about as long as the limit, of 1-3 bytes a character, and mixed ones
    st.tuples(st.sampled_from(["a", "9", "é", "ß", "中"]), st.integers(36, 46)).map(lambda r: r[0] * r[1]),
    st.text(alphabet=st.sampled_from(["a", "é", "中", "-", "'", "."]), max_size=46))
_SPACES = st.sampled_from([" ", "\n", "\t", "\x1c", "\xa0", "\u3000", "\u2028", "\x85"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.one_of(_RUNS, _SPACES), max_size=6).map("".join), st.integers(1, 4)),
                max_size=8), st.integers(1, 3))
def test_every_paragraph_holding_an_absurd_word_is_warned_once(texts: list[tuple[str, int]], repeat: int):
    """Whatever the spaces (Unicode ones too) and the characters' widths: a warning for each paragraph (line) whose
    passages hold a run of more than ABSURD_TOKEN_CHARS letters or digits, and for no other."""
    passages = [Passage(id=f"p{i}", doc_id="d", title="T", source="s", language="en", text=text * repeat,
                        path="d.md", line=line)
                for i, (text, line) in enumerate(texts)]
    expected = sorted({p.line for p in passages if _TOKEN.search(p.text)})
    assert sorted(w.line for w in absurd_tokens(passages)) == expected
