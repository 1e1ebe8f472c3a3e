"""A restart does not read the knowledge files whose metadata is unchanged, and never serves a stale one."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.knowledge.loader import Loader, Served, load_directory
from bot.knowledge.parsed_cache import PARSED_CACHE_NAME, ParsedFiles


def _load(knowledge: Path, cache: Path, racy_ns: int) -> tuple[ParsedFiles, Loader]:
    """One start: load through the parsed-files cache, then keep what was served (as build_retriever does)."""
    parsed = ParsedFiles(cache, racy_ns=racy_ns)
    loader = load_directory(knowledge, parsed.served, parsed.parse, parsed.last_good, parsed)
    parsed.remember(Served.of(loader.kb), loader.added)
    parsed.save()
    return parsed, loader


def _with_sidecar(knowledge: Path) -> int:
    """Files described by a NAME.meta.yaml beside them: always read (the sidecar is part of their parse)."""
    return len(list(knowledge.rglob("*.meta.yaml")))


def test_unchanged_files_are_not_read_again(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / PARSED_CACHE_NAME
    first, loaded = _load(knowledge, cache, racy_ns=0)
    assert first.unread == 0
    again, reloaded = _load(knowledge, cache, racy_ns=0)
    assert again.unread == len(loaded.added) - _with_sidecar(knowledge) > 10
    assert reloaded.kb.passages == loaded.kb.passages and reloaded.kb.glossary == loaded.kb.glossary


def test_files_changed_just_before_a_load_are_read_at_the_next(knowledge: Path, tmp_path: Path) -> None:
    """The files were written a moment ago: within a tick of the file system's clock another write could keep
    their times, so their metadata is not noted."""
    cache = tmp_path / PARSED_CACHE_NAME
    _load(knowledge, cache, racy_ns=60 * 10**9)
    again, _ = _load(knowledge, cache, racy_ns=60 * 10**9)
    assert again.unread == 0


def test_a_file_rewritten_with_its_size_and_times_kept_is_read_again(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / PARSED_CACHE_NAME
    _, loaded = _load(knowledge, cache, racy_ns=0)
    target = knowledge / "en" / "elysee.md"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    assert "Hollande" in text
    time.sleep(0.05)  # past a tick of the kernel's clock: the rewrite's change time differs
    target.write_text(text.replace("Hollande", "Holland!"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # a tool that keeps the modification time
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    again, reloaded = _load(knowledge, cache, racy_ns=0)
    assert again.unread == len(loaded.added) - _with_sidecar(knowledge) - 1
    edited = [p.text for p in reloaded.kb.passages if p.path == "en/elysee.md"]
    assert any("Holland!" in t for t in edited) and not any("Hollande" in t for t in edited)
