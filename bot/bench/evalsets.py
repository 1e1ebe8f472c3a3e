"""The evaluation sets the benchmarks ask: their items, read from a folder named on the command line, and the noise
a member types around a question.

The sets live in the checkout's ``tests/eval/`` (not shipped): a bench that asks them takes the folder as an option
(``--eval-dir tests/eval``) and says so when it is missing. ``tests/evaluation.py`` scores the same items.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FIRST_SET = "questions.yaml"  # the team's own set ("orig"), read before the blind sets
EVAL_DIR_HELP = "the evaluation sets' folder (tests/eval in a checkout)"


@dataclass(frozen=True)
class Item:
    question: str
    language: str
    style: str
    expect: tuple[str, ...]
    any_of: bool  # True: one expected string is enough (blind sets); False: all are needed
    in_scope: bool


def load_set(path: Path) -> list[Item]:
    """The items of one set file (both formats: ``in_scope``/``out_of_scope`` lists, or a list of items)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items: list[Item] = []
    if isinstance(data, dict) and "in_scope" in data:
        for raw in data.get("in_scope") or []:
            any_of = "expect_any" in raw
            expect = raw["expect_any"] if any_of else raw["expect"]
            items.append(Item(str(raw["question"]), raw["language"], raw.get("style", "orig"),
                              tuple(map(str, expect)), any_of, True))
        for raw in data.get("out_of_scope") or []:
            items.append(Item(str(raw["question"]), raw["language"], "near-miss", (), False, False))
        return items
    entries = data.get("questions", data.get("items")) if isinstance(data, dict) else data
    for raw in entries or []:
        oos = bool(raw.get("out_of_scope")) or raw.get("style") == "near-miss"
        expect = raw.get("expect_any") or []
        items.append(Item(str(raw["question"]), raw["language"], raw.get("style", "plain"),
                          tuple(map(str, expect)), True, not oos))
    return items


def set_files(folder: Path) -> list[Path]:
    """The set files of ``folder``: ``questions.yaml`` first, then the others by name (blind-a, blind-b …).

    Raises ``FileNotFoundError`` with a message to show when the folder holds none."""
    files = sorted(folder.glob("*.yaml"), key=lambda path: (path.name != FIRST_SET, path.name))
    if not folder.is_dir() or not files:
        raise FileNotFoundError(f"no evaluation sets (*.yaml) in {folder}: pass --eval-dir tests/eval from a checkout")
    return files


def sets_in(folder: Path) -> dict[str, list[Item]]:
    """Every set of ``folder`` by file stem, in :func:`set_files`' order."""
    return {path.stem: load_set(path) for path in set_files(folder)}


# Noise a member types around a question (metamorphic test): the first citation must not change.
NOISE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": (
        "hey @everyone {q} pls",
        "hi! {q} thx",
        "<@123456789> {q}",
        "quick question: {q} lol",
        "{q} 🙏",
        "Hello everyone, {q} thanks in advance",
        "sorry, {q} <:pepe:123456> https://example.org/x",
    ),
    "fr": (
        "Bonjour à tous, {q} merci !",
        "salut @everyone {q} svp",
        "petite question : {q} mdr",
        "<@123456789> {q} merci d'avance",
        "coucou ! {q} 😅",
        "{q} stp",
        "euh du coup {q}",
    ),
    "ja": (
        "すみません、{q}",
        "こんにちは！{q} よろしくお願いします",
        "<@123456789> {q}",
        "{q}w",
        "質問です。{q} ありがとう",
        "{q} 🙏",
        "ちょっと聞きたいんだけど、{q}",
    ),
}
# Chatter that the shipped chat lists do NOT hold: what the word weighting alone must survive (held out).
UNLISTED_NOISE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": ("gm fam, {q} cheers mate", "{q} asking for a friend"),
    "fr": ("wsh la mif {q} bisous", "{q} je demande pour un ami"),
    "ja": ("おつ〜 {q} よろぴく", "{q} 気になって眠れない"),
}
SMALL_TALK = ("hi", "hello!", "help", "aide", "merci", "merci beaucoup !", "ヘルプ", "ありがとう", "👍", "salut !",
              "thanks!", "hey @everyone", "coucou", "こんにちは", "<@123> 🙏", "ok thx")


def noisy_templates(language: str) -> tuple[str, ...]:
    """Every noise template of a language, the listed chatter then the unlisted."""
    return (*NOISE_TEMPLATES[language], *UNLISTED_NOISE_TEMPLATES[language])
