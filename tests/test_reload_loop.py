"""A reload leaves the event loop free, whatever the corpus's size, and gives the replaced index back at once.

The loop is where a Discord bot keeps its heartbeat and answers interactions within 3 s: at 1,000,000 passages a
reload held it for up to 35 s (what it lost of what was served was counted passage by passage on it, and the
replaced index, held in reference cycles, was freed by a full pass of the garbage collector, in whatever thread).
"""

import gc
import sys
import weakref
from pathlib import Path

from fake_discord.plugin import until

import bot
from bot.assistant import Assistant

BOT_CODE = str(Path(bot.__file__).parent)
PASSAGES_PER_FILE = 10


def write_corpus(directory: Path, files: int) -> Path:
    """``files`` knowledge files of PASSAGES_PER_FILE passages each."""
    directory.mkdir()
    for n in range(files):
        body = "\n\n".join(f"Paragraph {p} of file {n} is about quokkas number {n * 100 + p}."
                           for p in range(PASSAGES_PER_FILE))
        (directory / f"doc-{n:04d}.md").write_text(
            f"---\nid: doc-{n:04d}\ntitle: File {n}\nlanguage: en\nsource: https://example.org/{n}\n---\n"
            f"# Part {n}\n\n{body}\n", encoding="utf-8")
    return directory


def edit_one_file(directory: Path) -> None:
    """A moderator edits a file: the next reload analyses it again."""
    first = sorted(directory.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nAn added paragraph about wombats.\n", encoding="utf-8")


async def calls_on_the_loop_during_a_reload(tmp_path: Path, files: int) -> int:
    """How many of the bot's functions run on the event loop's thread while a reload of ``files`` files runs (on
    the caches a restart uses, as the bot runs)."""
    directory = write_corpus(tmp_path / f"knowledge-{files}", files)
    assistant = Assistant.from_directory(directory, tmp_path / f"data-{files}" / "index-cache.bin")
    try:
        edit_one_file(directory)
        calls = 0

        def count(frame, event, _arg) -> None:  # this thread only: the worker threads are not counted
            nonlocal calls
            if event == "call" and frame.f_code.co_filename.startswith(BOT_CODE):
                calls += 1

        sys.setprofile(count)
        try:
            result = await assistant.reload()
        finally:
            sys.setprofile(None)
        assert result.swapped and result.passages == files * PASSAGES_PER_FILE + 1
        return calls
    finally:
        assistant.close()


async def test_the_loop_does_no_more_during_a_reload_of_a_ten_times_larger_corpus(tmp_path: Path):
    """What the loop runs does not grow with the corpus: its longest wait cannot either (counted in calls, not
    timed: a timing would flake on a shared machine)."""
    small = await calls_on_the_loop_during_a_reload(tmp_path, 20)
    large = await calls_on_the_loop_during_a_reload(tmp_path, 200)
    assert large == small, (small, large)


async def test_a_reload_frees_the_index_it_replaced_without_the_garbage_collector(tmp_path: Path):
    """The replaced index's memory is given back right after the reload (by the reload worker), not at some later
    collection (two indexes held at once: 8.6 GB at 1M passages)."""
    directory = write_corpus(tmp_path / "knowledge", 5)
    assistant = Assistant.from_directory(directory, tmp_path / "data" / "index-cache.bin")
    collecting = gc.isenabled()
    gc.disable()
    try:
        replaced = weakref.ref(assistant.retriever)
        edit_one_file(directory)
        assert (await assistant.reload()).swapped
        await until(lambda: replaced() is None)  # the collector is off: freed by reference counting, or never
        answer = await assistant.ask("What is paragraph 3 of file 4 about?")
        assert answer.answered
    finally:
        if collecting:
            gc.enable()
        assistant.close()
