"""Reliability of the knowledge loader and of reloads: broken, hostile and mistaken files.

Each bad file is refused with a clear ``path:line: message``, every other file is still served, and a
reload that loads nothing keeps the previous index.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from pathlib import Path

import paths
import pytest

from bot.assistant import Assistant
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import load_knowledge
from bot.knowledge.safe_yaml import MAX_YAML_DEPTH
from bot.knowledge.uploads import check_upload
from bot.models import KnowledgeBase

CORPUS = paths.DISCORD_CORPUS
GOOD_DOC_IDS = {"declaration-en", "declaration-fr", "declaration-ja"}

FRONT = "---\nid: {id}\ntitle: {title}\nlanguage: en\nsource: https://example.org/{id}\n---\n"
EXTRA = FRONT.format(id="extra-en", title="Extra notes") + (
    "# Extra\n\nThe extra file says that the Osaka expo pavilion hosted a robotics showcase.\n"
)


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    """A writable copy of a small three-language corpus."""
    target = tmp_path / "knowledge"
    shutil.copytree(CORPUS, target)
    return target


def messages(kb: KnowledgeBase, path: str) -> list[str]:
    return [e.message for e in kb.errors if e.path == path]


def doc_ids(kb: KnowledgeBase) -> set[str]:
    return {d.id for d in kb.documents}


def assert_rest_served(kb: KnowledgeBase) -> None:
    assert doc_ids(kb) >= GOOD_DOC_IDS
    assert {p.language for p in kb.passages} >= {"en", "fr", "ja"}


# --------------------------------------------------------------------------- one bad file at a time


def test_half_written_front_matter_is_refused(kdir: Path) -> None:
    full = EXTRA.encode()
    (kdir / "extra.md").write_bytes(full[: full.index(b"language")])
    kb = load_knowledge(kdir)
    (message,) = messages(kb, "extra.md")
    assert "never closed" in message
    assert_rest_served(kb)


def test_half_written_multibyte_character_is_refused(kdir: Path) -> None:
    data = (FRONT.format(id="extra-ja", title="追加") + "共同声明は二〇一八年七月十三日に署名された。\n").encode()
    (kdir / "extra.md").write_bytes(data[:-5])  # cut inside a 3-byte character
    kb = load_knowledge(kdir)
    (message,) = messages(kb, "extra.md")
    assert "not UTF-8" in message
    assert_rest_served(kb)


def test_invalid_utf8_names_the_line_and_byte(kdir: Path) -> None:
    (kdir / "latin1.md").write_bytes(FRONT.format(id="latin1", title="Déclaration").encode("latin-1"))
    (kdir / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    kb = load_knowledge(kdir)
    assert messages(kb, "latin1.md") == [
        "the file is not UTF-8 text (byte 0xE9 cannot be read): it was probably saved as Windows-1252 / Latin-1 "
        '("ANSI" in Windows Notepad); save it again choosing the UTF-8 encoding'
    ]
    assert [e.line for e in kb.errors if e.path == "latin1.md"] == [3]
    (binary,) = messages(kb, "binary.txt")
    assert "not a text file" in binary
    assert_rest_served(kb)


def test_file_replaced_by_a_directory(kdir: Path) -> None:
    target = kdir / "en" / "declaration.md"
    target.unlink()
    target.mkdir()
    (target / "inner.md").write_text(EXTRA, encoding="utf-8")
    kb = load_knowledge(kdir)
    (message,) = messages(kb, "en/declaration.md")
    assert "is a folder" in message
    assert "extra-en" not in doc_ids(kb)  # the folder is not read
    assert {"declaration-fr", "declaration-ja"} <= doc_ids(kb)


def test_symlinks_outside_the_knowledge_dir_are_refused(kdir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(FRONT.format(id="secret", title="Secret") + "Secret text here.\n")
    (kdir / "secret.md").symlink_to(outside / "secret.md")
    (kdir / "passwd.md").symlink_to("/etc/passwd")
    (kdir / "linked-dir").symlink_to(outside, target_is_directory=True)
    (kdir / "dangling.md").symlink_to(kdir / "nowhere.md")
    (kdir / "loop").symlink_to(kdir, target_is_directory=True)  # inside: allowed, but walked once
    kb = load_knowledge(kdir)
    for name in ("secret.md", "passwd.md", "linked-dir"):
        (message,) = messages(kb, name)
        assert "outside the knowledge folder" in message
    assert "does not exist" in messages(kb, "dangling.md")[0]
    assert "secret" not in doc_ids(kb)
    assert not any("Secret" in p.text for p in kb.passages)
    assert_rest_served(kb)
    assert len(kb.documents) == len(GOOD_DOC_IDS)  # the loop did not load the corpus twice


def bytes_read() -> int:
    """Bytes this process has read so far (Linux: ``rchar`` of /proc/self/io, whatever the page cache holds)."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["rchar"])


def test_50_mb_file_is_refused_without_being_read(kdir: Path) -> None:
    big = kdir / "big.md"
    with big.open("wb") as handle:
        handle.write(FRONT.format(id="big", title="Big").encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    read_before, started = bytes_read(), time.thread_time()
    kb = load_knowledge(kdir)
    read, cpu = bytes_read() - read_before, time.thread_time() - started
    (message,) = messages(kb, "big.md")
    assert "too big (50.0 MB; the limit is 1 MB)" in message
    assert read < MAX_FILE_BYTES and cpu < 2.0  # not even its first MB was read (the corpus is some KB)
    assert_rest_served(kb)


def test_file_one_byte_over_the_limit_is_refused(kdir: Path) -> None:
    (kdir / "grow.md").write_bytes(b"x" * (MAX_FILE_BYTES + 10))
    kb = load_knowledge(kdir)
    assert "too big" in messages(kb, "grow.md")[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "type: glossary\nterms:\n  - id: x\n    terms: " + "[" * 5000 + "]" * 5000 + "\n",
            f"nested more than {MAX_YAML_DEPTH} levels deep",
            id="deeply-nested-flow",
        ),
        pytest.param(
            "type: faq\nid: deep\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)),
            f"nested more than {MAX_YAML_DEPTH} levels deep",
            id="deeply-nested-block",
        ),
        pytest.param(
            "type: faq\nid: lol\nentries: []\n"
            + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
            "anchors and aliases (& and *) are not allowed",
            id="billion-laughs",
        ),
        pytest.param(
            "type: faq\nid: merge\nbase: &b {q: 1}\nentries:\n  - <<: *b\n",
            "anchors and aliases (& and *) are not allowed",
            id="merge-key",
        ),
        pytest.param(
            "type: faq\nid: tag\nentries: !!python/object/apply:os.system ['true']\n",
            "could not determine a constructor",
            id="python-tag",
        ),
    ],
)
def test_yaml_bombs_are_refused_quickly(kdir: Path, text: str, expected: str) -> None:
    (kdir / "bomb.yaml").write_text(text, encoding="utf-8")
    started = time.thread_time()  # CPU time of this thread: the work done, not the wait for a busy machine
    kb = load_knowledge(kdir)
    assert time.thread_time() - started < 3.0
    (message,) = messages(kb, "bomb.yaml")
    assert expected in message
    assert_rest_served(kb)


def test_duplicate_ids_across_files(kdir: Path) -> None:
    """The second file (in sorted path order) with a taken id is refused and names the first."""
    (kdir / "fr" / "zz-copy.md").write_text((kdir / "fr" / "declaration.md").read_text(encoding="utf-8"))
    (kdir / "glossary-a.yaml").write_text("type: glossary\nterms:\n  - id: jetro\n    terms: [JETRO, ジェトロ]\n")
    (kdir / "glossary-b.yaml").write_text(
        "type: glossary\nterms:\n  - id: jetro\n    terms: [Jetro Paris, JETRO Paris]\n"
    )
    kb = load_knowledge(kdir)
    (doc_error,) = messages(kb, "fr/zz-copy.md")
    assert 'the id "declaration-fr" is already used by fr/declaration.md' in doc_error
    (gloss_error,) = messages(kb, "glossary-b.yaml")
    assert 'glossary id "jetro" is already used in glossary-a.yaml' in gloss_error
    assert sum(d.id == "declaration-fr" for d in kb.documents) == 1
    assert len({p.id for p in kb.passages}) == len(kb.passages)
    assert_rest_served(kb)


def test_every_fault_at_once_still_serves_the_rest(kdir: Path, tmp_path: Path) -> None:
    (kdir / "half.md").write_bytes(EXTRA.encode()[:40])
    (kdir / "dir.md").mkdir()
    (kdir / "out.md").symlink_to("/etc/hostname")
    with (kdir / "big.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (kdir / "bad.md").write_bytes(b"---\nid: bad\xff\n---\n")
    (kdir / "bomb.yaml").write_text("type: faq\na: &a [1]\nb: [*a, *a]\n")
    (kdir / "dup.md").write_text((kdir / "en" / "declaration.md").read_text(encoding="utf-8"))
    kb = load_knowledge(kdir)
    failed = {e.path for e in kb.errors}
    assert failed == {"half.md", "dir.md", "out.md", "big.txt", "bad.md", "bomb.yaml", "dup.md"}
    assert all(str(e).startswith(f"{e.path}:{e.line}: ") and len(e.message) > 20 for e in kb.errors)
    assert doc_ids(kb) == GOOD_DOC_IDS  # the newer dup.md is refused, the original keeps declaration-en
    assert {d.path for d in kb.documents if d.id == "declaration-en"} == {"en/declaration.md"}


# --------------------------------------------------------------------------- reloads through the Assistant


async def test_reload_with_a_half_written_file_then_complete(kdir: Path) -> None:
    assistant = Assistant.from_directory(kdir)
    try:
        before = len(assistant.knowledge.passages)
        data = EXTRA.encode()
        (kdir / "extra.md").write_bytes(data[: len(data) // 3])
        result = await assistant.reload()
        assert result.swapped
        assert [e.path for e in result.errors] == ["extra.md"]
        assert len(assistant.knowledge.passages) == before
        answer = await assistant.ask("Who signed the declaration?")
        assert answer.answered

        (kdir / "extra.md").write_bytes(data)
        result = await assistant.reload()
        assert result.swapped and not result.errors
        assert "extra-en" in doc_ids(assistant.knowledge)
        answer = await assistant.ask("Which pavilion hosted a robotics showcase at the Osaka expo?")
        assert answer.citations and answer.citations[0].doc_id == "extra-en"
    finally:
        assistant.close()


async def test_reload_while_a_writer_rewrites_a_file(kdir: Path) -> None:
    """A moderator's editor writes a file in small chunks while reloads run: no reload fails or loses the rest."""
    assistant = Assistant.from_directory(kdir)
    stop = threading.Event()
    data = (EXTRA + "\n".join(f"Paragraph {i} mentions the Osaka expo pavilion." for i in range(200))).encode()

    def writer() -> None:
        while not stop.is_set():
            with (kdir / "extra.md").open("wb") as handle:
                for start in range(0, len(data), 512):
                    handle.write(data[start : start + 512])
                    handle.flush()
                    time.sleep(0.0005)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        for _ in range(15):
            result = await assistant.reload()
            assert result.swapped
            assert doc_ids(assistant.knowledge) >= GOOD_DOC_IDS
            assert {e.path for e in result.errors} <= {"extra.md"}
            assert (await assistant.ask("Who signed the declaration?")).answered
            await asyncio.sleep(0.003)
    finally:
        stop.set()
        thread.join(5)
        assistant.close()


async def test_reload_keeps_the_previous_index_when_nothing_loads(kdir: Path, caplog: pytest.LogCaptureFixture) -> None:
    assistant = Assistant.from_directory(kdir)
    try:
        built_at = assistant.built_at
        passages = len(assistant.knowledge.passages)
        for path in kdir.rglob("*.md"):
            path.write_bytes(path.read_bytes()[:30])  # every file half written
        result = await assistant.reload()
        assert not result.swapped
        assert result.passages == 0 and len(result.errors) == 3
        assert assistant.built_at == built_at and len(assistant.knowledge.passages) == passages
        assert "keeping the previous index" in caplog.text
        assert (await assistant.ask("Qui a signé la déclaration ?")).answered

        shutil.rmtree(kdir)  # the whole folder gone
        result = await assistant.reload()
        assert not result.swapped and "does not exist" in result.errors[0].message
        kdir.write_text("not a folder")  # a file where the folder was
        result = await assistant.reload()
        assert not result.swapped and "is not a folder" in result.errors[0].message
        assert (await assistant.ask("Who signed the declaration?")).answered
    finally:
        assistant.close()


async def test_questions_flow_during_reloads(kdir: Path) -> None:
    """Questions asked while reloads run are answered (by the old or the new index), none fails."""
    assistant = Assistant.from_directory(kdir)
    try:
        (kdir / "extra.md").write_text(EXTRA, encoding="utf-8")
        questions = ["Who signed the declaration?", "Qui a signé la déclaration ?", "共同声明に署名したのは誰ですか？"]
        asks = [assistant.ask(questions[i % 3]) for i in range(60)]
        reloads = [assistant.reload() for _ in range(5)]
        results = await asyncio.gather(*asks, *reloads)
        assert all(a.answered for a in results[:60])
        assert all(r.swapped for r in results[60:])
    finally:
        assistant.close()


# --------------------------------------------------------------------------- /kb add uploads


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("../escape.md", EXTRA.encode(), "must not contain a folder"),
        ("..\\escape.md", EXTRA.encode(), "must not contain a folder"),
        ("en/../../escape.md", EXTRA.encode(), "must not contain a folder"),
        ("/etc/cron.d/evil.md", EXTRA.encode(), "must not contain a folder"),
        ("C:evil.md", EXTRA.encode(), "may only use letters"),
        (".hidden.md", EXTRA.encode(), "must not start with a dot"),
        ("_draft.md", EXTRA.encode(), "must not start with a dot or an underscore"),
        ("..", EXTRA.encode(), "must not start with a dot"),
        ("", EXTRA.encode(), "1 to 100 characters"),
        ("a" * 120 + ".md", EXTRA.encode(), "1 to 100 characters"),
        ("evil\x00.md", EXTRA.encode(), "may only use letters"),
        ("évil.md", EXTRA.encode(), "may only use letters"),
        ("notes.exe", EXTRA.encode(), "must end in"),
        ("README.md", EXTRA.encode(), "README files"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("latin.md", "é".encode("latin-1") * 10, "not UTF-8"),
        ("big.md", b"a" * (MAX_FILE_BYTES + 1), "too big"),
        ("bomb.yaml", b"type: faq\na: &a [1]\nb: [*a]\n", "anchors and aliases"),
        ("dup.md", (CORPUS / "en" / "declaration.md").read_bytes(), 'the id "declaration-en" is already used'),
    ],
)
def test_upload_refusals(kdir: Path, filename: str, data: bytes, expected: str) -> None:
    before = sorted(p.relative_to(kdir.parent) for p in kdir.parent.rglob("*"))
    errors = check_upload(filename, data, kdir)
    assert errors, filename
    assert expected in errors[0].message
    assert sorted(p.relative_to(kdir.parent) for p in kdir.parent.rglob("*")) == before  # nothing written


def test_upload_of_a_good_file_is_accepted(kdir: Path) -> None:
    assert check_upload("extra.md", EXTRA.encode(), kdir) == []


def test_save_upload_refuses_a_symlinked_target(kdir: Path, tmp_path: Path) -> None:
    from bot.knowledge.uploads import UploadRefused, save_upload

    victim = tmp_path / "victim.md"
    victim.write_text("untouched")
    (kdir / "extra.md").symlink_to(victim)
    with pytest.raises(UploadRefused, match="outside the knowledge folder"):
        save_upload("extra.md", EXTRA.encode(), kdir)
    assert victim.read_text() == "untouched"
    assert not [p for p in os.listdir(kdir) if p.startswith(".upload-")]
