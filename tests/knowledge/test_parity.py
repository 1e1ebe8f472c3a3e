"""Translation parity: the facts (dates, numbers, glossary names) one translation states and another lacks."""

from __future__ import annotations

from pathlib import Path

import paths
import pytest
from knowledge_data import front, write

from bot.cli import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.parity import dates_and_numbers, gaps, groups

GLOSSARY = "type: glossary\nterms:\n  - id: station-f\n    terms: [Station F, ステーションF]\n"
EN = "# Signing\n\nSigned in Paris on 13 July 2018.\n\n# Campus\n\nStation F hosts 1,000 start-ups.\n"
FR = "# Signature\n\nSignée à Paris le 13 juillet 2018.\n"
JA = "# 署名\n\n2018年7月13日にパリで署名された。\n\n# キャンパス\n\nステーションFには1000社のスタートアップがある。\n"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Signed on July 13, 2018.", {"2018-07-13"}),
        ("Signée le 13 juillet 2018.", {"2018-07-13"}),
        ("２０１８年７月１３日に署名。", {"2018-07-13"}),
        ("from 12 to 14 July 2018", {"2018-07-12", "2018-07-14"}),
        ("du 12 au 14 juillet 2018", {"2018-07-12", "2018-07-14"}),
        ("2018年7月12日から14日まで", {"2018-07-12", "2018-07-14"}),
        ("in July 2018 / 2018年7月", {"2018-07"}),
        ("1 000 euros, 1,000 yen, 160周年, 5G", {"1000", "160"}),
    ],
)
def test_dates_and_numbers_are_read_alike_in_each_language(text: str, facts: set[str]) -> None:
    assert dates_and_numbers(text) == facts


def corpus(root: Path) -> Path:
    return write(root, {
        "glossary.yaml": GLOSSARY,
        "en/campus.md": front(EN, id="campus-en", group="campus"),
        "fr/campus.md": front(FR, id="campus-fr", language="fr", translation_of="campus-en"),
        "ja/campus.md": front(JA, id="campus-ja", language="ja", group="campus"),
        "en/other.md": front("Unrelated 2019 text.\n", id="other-en"),
    })


def test_the_translation_that_lacks_a_passage_is_named(tmp_path: Path) -> None:
    kb = load_knowledge(corpus(tmp_path))
    assert kb.errors == []
    assert {name: [d.id for d in docs] for name, docs in groups(kb).items()} == {
        "campus": ["campus-en", "campus-fr", "campus-ja"]
    }
    assert [(g.lacking.path, g.passage.path, g.passage.line, g.facts) for g in gaps(kb)] == [
        ("fr/campus.md", "en/campus.md", 14, ("1000", "Station F")),
        ("fr/campus.md", "ja/campus.md", 14, ("1000", "Station F")),
    ]


def test_parity_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = corpus(tmp_path)
    assert main(["knowledge", "parity", str(directory)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "fr/campus.md (campus-fr) lacks the passages about:",
        '  en/campus.md:14  1000, Station F — "Station F hosts 1,000 start-ups."',
        '  ja/campus.md:14  1000, Station F — "ステーションFには1000社のスタートアップがある。"',
    ]
    assert out[-1] == "2 passages missing from 1 document; 1 group of translations (3 documents)"
    (directory / "fr" / "campus.md").write_text(
        front(FR + "\n# Campus\n\nStation F accueille 1 000 start-up.\n", id="campus-fr", language="fr",
              group="campus"),
        encoding="utf-8",
    )
    assert main(["knowledge", "parity", str(directory)]) == 0
    assert capsys.readouterr().out == "OK: 1 group of translations (3 documents), no fact missing from a translation\n"


def test_the_shipped_corpus_groups_its_translations() -> None:
    kb = load_knowledge(paths.SHIPPED_KNOWLEDGE)
    found = groups(kb)
    assert len(found) == 10 and all(sorted(d.language for d in docs) == ["en", "fr", "ja"] for docs in found.values())
