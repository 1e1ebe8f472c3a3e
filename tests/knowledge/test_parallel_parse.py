"""A cold start's files parsed in a second process load as one process loads them: served, reported and cached."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

from bot.children import second_process_allowed
from bot.knowledge.loader import Loader, Parse, Served, load_directory
from bot.knowledge.parallel import SharedParse
from bot.knowledge.parse import ParsedFile, parse_file
from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles, cached_form, key_of
from bot.models import column

pytestmark = pytest.mark.skipif(not second_process_allowed(), reason="needs two cores")

FIELDS = ("id", "doc_id", "text", "heading", "line", "tags", "path", "kind", "questions", "source", "language")


def _with_problems(knowledge: Path) -> None:
    """Files that are refused or warned about, among the shipped ones: the second process must not change that."""
    (knowledge / "en" / "unclosed.md").write_text("---\nid: unclosed\ntitle: T\n\nNo end to the front matter.\n")
    (knowledge / "en" / "french.md").write_text(
        "---\nid: french-en\ntitle: T\nlanguage: en\nsource: https://example.org/f\n---\n\n"
        "Le texte est écrit dans une langue qui est le français, et les mots de la phrase sont pour les lecteurs "
        "qui sont dans la salle avec une idée.\n")
    (knowledge / "en" / "long-word.md").write_text(
        "---\nid: long-word\ntitle: Long\nlanguage: en\nsource: https://example.org/l\n---\n\n"
        f"The declaration was signed in Paris with {'x' * 60} as its reference.\n")


def _waiting(parsed: ParsedFiles, shared: SharedParse | None) -> Parse:
    """``parsed.parse``, its first call waiting until the second process has sent a parse: a small corpus is
    otherwise parsed here before that process has started."""

    def parse(path: str, data: bytes, sidecar: tuple[str, bytes] | None) -> ParsedFile:
        deadline = time.monotonic() + 60
        while shared is not None and shared.sent == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        return parsed.parse(path, data, sidecar)

    return parse


def _load(knowledge: Path, cache: Path, ahead: bool, **sharing: int) -> tuple[Loader, SharedParse | None]:
    parsed = ParsedFiles(cache / PARSED_CACHE_NAME, racy_ns=0)  # files noted by both loads, however slow the first
    shared = SharedParse(parsed, **sharing) if ahead else None
    parse = _waiting(parsed, shared) if sharing.get("min_bytes") == 0 else parsed.parse
    loader = load_directory(knowledge, parsed.served, parse, parsed.last_good, parsed, shared)
    parsed.remember(Served.of(loader.kb), loader.added)
    parsed.save()
    return loader, shared


def _served(loader: Loader) -> tuple:
    kb = loader.kb
    return ([[list(column(chunk, name)) for name in FIELDS] for chunk in kb.passages.chunks], kb.documents,
            kb.glossary, kb.chat, kb.related, kb.errors, kb.warnings, kb.kept, loader.added)


def _parsing_processes() -> list[int]:
    pids = [int(pid) for task in Path(f"/proc/{os.getpid()}/task").iterdir()
            for pid in (task / "children").read_text().split()]
    return [pid for pid in pids if b"bot.knowledge.parallel" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_files_parsed_in_a_second_process_load_as_in_one(knowledge: Path, tmp_path: Path) -> None:
    _with_problems(knowledge)
    one, _ = _load(knowledge, tmp_path / "one", ahead=False)
    two, shared = _load(knowledge, tmp_path / "two", ahead=True, min_bytes=0, chunk_bytes=1)
    assert shared is not None and shared.sent > 5  # one file a chunk, from the last: it parsed a share of them
    assert _served(two) == _served(one)
    assert {e.path for e in one.kb.errors} == {"en/unclosed.md", "en/french.md"}
    assert any("60-character word" in str(w) for w in one.kb.warnings)
    assert (tmp_path / "two" / PARSED_CACHE_NAME).read_bytes() == (tmp_path / "one" / PARSED_CACHE_NAME).read_bytes()
    assert not _parsing_processes()


def test_few_bytes_to_parse_start_no_second_process(knowledge: Path, tmp_path: Path) -> None:
    loader, shared = _load(knowledge, tmp_path, ahead=True)  # the shipped corpus: well under MIN_BYTES
    assert shared is not None and shared.sent == 0 and loader.kb.passages


def test_a_second_process_killed_midway_leaves_its_files_to_this_one(knowledge: Path, tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    one, _ = _load(knowledge, tmp_path / "one", ahead=False)

    class Killing(dict):
        received = 0

        def __setitem__(self, key: bytes, blob: bytes) -> None:
            super().__setitem__(key, blob)
            self.received += 1
            if self.received == 2:  # it sent two parses: killed before its next chunk
                for pid in _parsing_processes():
                    os.kill(pid, signal.SIGKILL)

    parsed = ParsedFiles(tmp_path / "two" / PARSED_CACHE_NAME)
    parsed.offered = Killing()
    shared = SharedParse(parsed, min_bytes=0, chunk_bytes=1)
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.parallel"):
        two = load_directory(knowledge, parsed.served, _waiting(parsed, shared), parsed.last_good, parsed, shared)
    assert _served(two) == _served(one)
    assert shared.sent == 2 and "its files are parsed in this one" in caplog.text
    assert not _parsing_processes()


def test_a_parse_made_of_other_bytes_is_not_served(knowledge: Path, tmp_path: Path) -> None:
    """A file edited between the second process's read and the load's: the load serves what it read."""
    path = "en/edited.md"
    old = b"---\nid: edited\ntitle: T\nlanguage: en\nsource: https://example.org/e\n---\n\nThe old text of it.\n"
    (knowledge / path).write_bytes(old.replace(b"old", b"new"))
    parsed = ParsedFiles(tmp_path / PARSED_CACHE_NAME)
    parsed.offered[key_of(path, old, None)] = cached_form(parse_file(path, old))[1]
    loader = load_directory(knowledge, parsed.served, parsed.parse, parsed.last_good, parsed)
    texts = [p.text for p in loader.kb.passages if p.doc_id == "edited"]
    assert texts == ["The new text of it."]
