"""The index cache across real restarts: each start is a new Python process on real files, as the bot's.

A restart reads every file's analysis from the cache; a changed file is analysed alone; a damaged (truncated,
flipped, garbage) or stale (another analyzer) cache is rebuilt with one log line and answers the same; a data
folder the bot cannot write to still serves, from the cache it holds or without one; a cache another program
truncates in place while the bot serves does not stop it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import paths
import pytest
from frozen import frozen

from bot.search.cache import CACHE_NAME, IndexCache

QUESTIONS = ["Who founded Station F?", "Quand la déclaration a-t-elle été signée ?", "ジェトロとは", "J-Startup"]

# one start of the bot's index (Assistant.from_directory, as `run` and `ask` do), its cache's log lines on stderr
DRIVER = """
import json, logging, sys
from pathlib import Path
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
from bot.assistant import Assistant
from bot.search.cache import CACHE_NAME
knowledge, data, questions = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
assistant = Assistant.from_directory(knowledge, data / CACHE_NAME)
indexed = assistant.retriever.indexed
answers = [[c.passage_id for c in assistant.retriever.answer(q).citations] for q in questions]
print(json.dumps({"files": indexed.files, "reused": indexed.reused_files, "analysed": indexed.analysed_files,
                  "answers": answers}))
assistant.close()
"""


def start(knowledge: Path, data: Path) -> tuple[dict, list[str]]:
    """One bot start in its own process: what it indexed and answered, and the index cache's log lines."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(knowledge), str(data), json.dumps(QUESTIONS)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(paths.ROOT)}, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("bot.search.cache ")]
    return json.loads(done.stdout.strip().splitlines()[-1]), lines


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_a_restart_reads_every_file_from_the_cache(knowledge: Path, data: Path) -> None:
    (data / "index-cache.npz").write_bytes(b"an older version's cache")  # left by an older version: replaced
    first, lines = start(knowledge, data)
    assert first["analysed"] == first["files"] > 0 and first["reused"] == 0 and lines == []
    assert (data / CACHE_NAME).exists() and not (data / "index-cache.npz").exists()
    again, lines = start(knowledge, data)
    assert again["reused"] == again["files"] == first["files"] and again["analysed"] == 0 and lines == []
    assert again["answers"] == first["answers"] and all(first["answers"])


def test_a_changed_file_is_analysed_alone(knowledge: Path, data: Path) -> None:
    first, _ = start(knowledge, data)
    target = knowledge / "en" / "elysee.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nZanzibar quokkas signed nothing in 2031.\n",
                      encoding="utf-8")
    changed, lines = start(knowledge, data)
    assert changed["analysed"] == 1 and changed["reused"] == changed["files"] - 1 and lines == []
    assert changed["answers"] == first["answers"]
    again, _ = start(knowledge, data)
    assert again["analysed"] == 0


def _stale(path: Path) -> None:
    """The cache rewritten whole and sound, but as another analyzer's (a release that analyses words otherwise)."""
    cache = IndexCache(path)
    snapshot = cache._read()
    key = {**snapshot.manifest["key"], "analyzer": "0:older-analyzer"}
    cache.save(key, snapshot.manifest["files"], snapshot.terms, snapshot.words, dict(snapshot.arrays))


DAMAGES = ("truncated", "flipped", "garbage", "empty", "stale")


def _damage(path: Path, damage: str) -> None:
    raw = bytearray(path.read_bytes())
    if damage == "truncated":
        path.write_bytes(bytes(raw[: len(raw) * 2 // 3]))
    elif damage == "flipped":  # one bit, in the arrays
        raw[len(raw) * 2 // 3] ^= 0x01
        path.write_bytes(bytes(raw))
    elif damage == "garbage":
        path.write_bytes(b"\x00garbage" * 1000)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        _stale(path)


def test_a_damaged_or_stale_cache_is_rebuilt_with_one_log_line(knowledge: Path, data: Path) -> None:
    first, _ = start(knowledge, data)
    for damage in DAMAGES:  # each start rewrites the cache sound, which the next damages
        _damage(data / CACHE_NAME, damage)
        rebuilt, lines = start(knowledge, data)
        assert len(lines) == 1 and "rebuilding" in lines[0], (damage, lines)
        assert rebuilt["analysed"] == rebuilt["files"] and rebuilt["answers"] == first["answers"], damage
    again, lines = start(knowledge, data)
    assert again["analysed"] == 0 and lines == []


def _served_frozen(knowledge: Path, data: Path) -> tuple[dict, list[str]]:
    before = sorted((p.name, p.stat().st_mtime_ns) for p in data.iterdir())
    with frozen(data):
        served = start(knowledge, data)
    assert sorted((p.name, p.stat().st_mtime_ns) for p in data.iterdir()) == before  # nothing was written
    return served


def test_a_read_only_data_folder_still_serves(knowledge: Path, data: Path) -> None:
    first, _ = start(knowledge, data)
    served, lines = _served_frozen(knowledge, data)  # from the cache it holds
    assert served["analysed"] == 0 and lines == [] and served["answers"] == first["answers"]
    for item in data.iterdir():
        item.unlink()
    served, lines = _served_frozen(knowledge, data)  # without one: built, and said once that it cannot be kept
    assert served["analysed"] == served["files"] and served["answers"] == first["answers"]
    assert len(lines) == 1 and "cannot be written" in lines[0], lines


# a running bot: started from the cache, it says so, then answers each question it reads on stdin
SERVER = """
import json, sys
from pathlib import Path
from bot.assistant import Assistant
from bot.search.cache import CACHE_NAME
knowledge, data = Path(sys.argv[1]), Path(sys.argv[2])
assistant = Assistant.from_directory(knowledge, data / CACHE_NAME)
print(json.dumps({"reused": assistant.retriever.indexed.reused_files}), flush=True)
for line in sys.stdin:
    answer = assistant.retriever.answer(line.strip())
    print(json.dumps([c.passage_id for c in answer.citations]), flush=True)
assistant.close()
"""


def test_a_cache_truncated_in_place_while_the_bot_runs_does_not_kill_it(knowledge: Path, data: Path) -> None:
    """Another program (a backup tool, a moderator's ``truncate``) cutting the cache file in place while the bot
    serves from it: the bot keeps answering, as before (it died of SIGBUS when the file was memory-mapped)."""
    first, _ = start(knowledge, data)
    bot = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(knowledge), str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONPATH": str(paths.ROOT)},
    )
    try:
        assert bot.stdout is not None and bot.stdin is not None
        assert json.loads(bot.stdout.readline())["reused"] > 0  # serving from the cache
        with open(data / CACHE_NAME, "r+b") as cache:  # in place: the same file, not a rename
            cache.truncate(64)
        answers, _ = bot.communicate("\n".join(QUESTIONS) + "\n", timeout=300)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, bot.returncode  # -7: SIGBUS
    assert [json.loads(line) for line in answers.splitlines()] == first["answers"]
