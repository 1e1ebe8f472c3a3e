"""A cache or an uploaded knowledge file is replaced whole or not at all (bot.atomic)."""

from __future__ import annotations

import os

import pytest

from bot.atomic import atomic_write


def test_a_clean_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "faq.md"
    target.write_bytes(b"old")
    with atomic_write(target, ".upload-", mode=0o644) as handle:
        handle.write(b"new text")
    assert target.read_bytes() == b"new text"
    assert os.stat(target).st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faq.md"]


def test_a_write_that_fails_midway_keeps_the_old_file_whole(tmp_path):
    target = tmp_path / "index.npz"
    target.write_bytes(b"the good cache")
    with pytest.raises(RuntimeError), atomic_write(target, ".index-cache-") as handle:
        handle.write(b"half of a new cach")
        raise RuntimeError("killed while writing")
    assert target.read_bytes() == b"the good cache"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.npz"]


def test_without_a_mode_the_file_stays_private(tmp_path):
    target = tmp_path / "knowledge.cache"
    with atomic_write(target, ".knowledge-cache-") as handle:
        handle.write(b"x")
    assert os.stat(target).st_mode & 0o077 == 0  # caches hold analysed member-facing text: owner only
