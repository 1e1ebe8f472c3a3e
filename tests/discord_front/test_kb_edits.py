"""/kb as moderators use it to edit the corpus: a refused newcomer in the reload reply, list, show,
add with replace, remove, restore, history."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, StartBot, embed_of, running_bot
from frozen import frozen

NEWCOMER = b"""---
id: declaration-en
title: My notes
language: en
source: https://example.org/notes
---
A note that reuses the id of the served declaration.
"""


async def test_reload_refuses_a_newcomer_with_a_served_id_and_names_it(harness: Harness, fake: FakeDiscord):
    kdir = Path(harness.settings.knowledge_dir)
    (kdir / "en" / "0-notes.md").write_bytes(NEWCOMER)
    old = time.time() - 3600  # even older than the served file: being served is what counts
    os.utime(kdir / "en" / "0-notes.md", (old, old))
    interaction = await fake.slash("kb", user=fake.moderator, subcommand="reload")
    await fake.wait_response(interaction)
    description = embed_of(await fake.wait_followup(interaction))["description"]
    assert '`en/0-notes.md:2: the id "declaration-en" is already used by en/declaration.md' in description
    assert "3 documents" in description and "What was served" not in description
    assert {d.path for d in harness.assistant.knowledge.documents if d.id == "declaration-en"} == {
        "en/declaration.md"
    }
    (kdir / "en" / "0-notes.md").unlink()
    (kdir / "en" / "declaration.md").unlink()
    interaction = await fake.slash("kb", user=fake.moderator, subcommand="reload")
    await fake.wait_response(interaction)
    description = embed_of(await fake.wait_followup(interaction))["description"]
    assert "What was served and is gone or smaller now:" in description
    assert "`declaration-en: 4 passages before, 0 now`" in description


REPLACEMENT = (Path(__file__).parent / "knowledge" / "en" / "declaration.md").read_bytes().replace(
    b"# The declaration\n", b"# The declaration\n\nA new first paragraph about the Paris signing ceremony.\n\n"
)


async def kb(fake: FakeDiscord, subcommand: str, options: dict | None = None, **kw: object) -> str:
    """Run ``/kb subcommand`` as the moderator; the reply's text (embed description or content)."""
    interaction = await fake.slash("kb", options, user=fake.moderator, subcommand=subcommand, **kw)
    response = await fake.wait_response(interaction)
    deferred = response.json["type"] == 5  # the answer is a follow-up
    body = (await fake.wait_followup(interaction)).json if deferred else response.json["data"]
    return body["embeds"][0]["description"] if body.get("embeds") else body["content"]


async def test_list_show_replace_remove_restore_history(harness: Harness, fake: FakeDiscord):
    kdir = Path(harness.settings.knowledge_dir)
    listing = await kb(fake, "list")
    assert "`declaration-en` · en · 4 · `en/declaration.md`" in listing
    assert listing.index("en/declaration.md") < listing.index("fr/declaration.md")
    shown = await kb(fake, "show", {"id": "declaration-en"})
    assert "4 passages · file `en/declaration.md`" in shown and "`declaration-en#the-declaration-" in shown
    assert "No document has the id `nope`" in await kb(fake, "show", {"id": "nope"})
    ids_before = [p.id for p in harness.assistant.knowledge.passages if p.doc_id == "declaration-en"]

    refused = await kb(fake, "add", attachments={"file": ("declaration-v2.md", REPLACEMENT)})
    assert "is already served by en/declaration.md; to replace that file, add it again with replace: true" in refused
    assert "`declaration-v2.md:2: the id" in refused  # its id: line (trial 7's T9: line 1)
    assert not (kdir / "declaration-v2.md").exists()

    replaced = await kb(fake, "add", {"replace": True}, attachments={"file": ("declaration-v2.md", REPLACEMENT)})
    assert "`declaration-v2.md` replaced `en/declaration.md`" in replaced and "/kb restore declaration-en" in replaced
    assert (kdir / "en" / "declaration.md").read_bytes() == REPLACEMENT and not (kdir / "declaration-v2.md").exists()
    ids_after = [p.id for p in harness.assistant.knowledge.passages if p.doc_id == "declaration-en"]
    assert len(ids_after) == 5 and set(ids_before) <= set(ids_after)  # the unchanged passages kept their ids

    removed = await kb(fake, "remove", {"id": "declaration-en"})
    assert "`declaration-en` (`en/declaration.md`) is in the trash" in removed
    assert "`declaration-en: 5 passages before, 0 now`" in removed
    assert not (kdir / "en" / "declaration.md").exists()
    assert sorted(p.name.endswith("-en--declaration.md") for p in (kdir / "_trash").iterdir()) == [True, True]
    assert "declaration-en" not in {d.id for d in harness.assistant.knowledge.documents}
    assert "Nothing was changed:\n• no document has the id" in await kb(fake, "remove", {"id": "declaration-en"})

    restored = await kb(fake, "restore", {"id": "declaration-en"})
    assert "`declaration-en` is back in `en/declaration.md`" in restored
    assert (kdir / "en" / "declaration.md").read_bytes() == REPLACEMENT
    restored = await kb(fake, "restore", {"id": "declaration-en"})  # undoes the replace: the shipped version
    assert (kdir / "en" / "declaration.md").read_bytes() != REPLACEMENT
    assert [p.id for p in harness.assistant.knowledge.passages if p.doc_id == "declaration-en"] == ids_before

    history = await kb(fake, "history")
    lines = history.splitlines()
    assert len(lines) == 4 and all(f"<@{fake.moderator.id}>" in line for line in lines)
    assert [line.split("**")[1] for line in lines] == ["restore", "restore", "remove", "replace"]
    assert "`declaration-en` `en/declaration.md` sha256:" in lines[-1]
    assert "_history.jsonl" not in listing and "_trash" not in await kb(fake, "list")


async def test_history_is_empty_at_first_and_members_cannot_edit(harness: Harness, fake: FakeDiscord):
    assert await kb(fake, "history") == "No change recorded yet."
    interaction = await fake.slash("kb", {"id": "declaration-en"}, user=fake.alice, subcommand="remove")
    response = await fake.wait_response(interaction)
    assert response.json["data"]["content"].startswith("This command is for moderators")
    assert (Path(harness.settings.knowledge_dir) / "en" / "declaration.md").exists()


async def test_status_shows_the_warnings(harness: Harness, fake: FakeDiscord):
    kdir = Path(harness.settings.knowledge_dir)
    (kdir / "en" / "extra.md").write_bytes(NEWCOMER.replace(b"id: declaration-en", b"id: extra-en\nauthor: me"))
    reloaded = await kb(fake, "reload")
    assert 'Warnings (1); these files were loaded:\n• `en/extra.md:3: unknown key "author" is ignored' in reloaded
    status = await kb(fake, "status")
    assert "Documents: 4" in status and "Warnings (1)" in status and "no errors" in status


async def test_reload_serves_the_last_good_version_of_a_served_file_broken_by_an_edit(
    start_bot: StartBot, fake: FakeDiscord
):
    """With the knowledge cache ``python -m bot run`` has (trial 4's T1: the harness had none, so this promise could
    only be shown with a real process; the reload answered "declaration-en: … passages before, 0 now")."""
    harness = await start_bot(knowledge_cache=True)
    kdir = Path(harness.settings.knowledge_dir)
    served = kdir / "en" / "declaration.md"
    served.write_text(served.read_text().replace("title: The France", "title The France", 1))
    report = await kb(fake, "reload")
    assert "3 documents" in report and "passages before" not in report
    assert "`en/declaration.md:3: YAML error" in report
    assert "`en/declaration.md: serving its last good version until the problems above are fixed`" in report
    assert report.index("`en/declaration.md:3: YAML error") < report.index("`en/declaration.md: serving")
    reply = await harness.mention("Who signed the declaration for Japan?")
    assert "Yoji Muto" in str(reply.json)
    status = await kb(fake, "status")
    assert "`en/declaration.md: serving its last good version" in status


async def test_a_bot_started_again_serves_the_last_good_version_of_a_file_broken_while_it_was_down(
    fake: FakeDiscord, tmp_path: Path
):
    async with running_bot(fake, tmp_path, knowledge_cache=True) as first:
        assert "Yoji Muto" in str((await first.mention("Who signed the declaration for Japan?")).json)
    served = tmp_path / "knowledge" / "en" / "declaration.md"
    served.write_text(served.read_text().replace("title: The France", "title The France", 1))
    async with running_bot(fake, tmp_path, knowledge_cache=True) as again:
        status = await kb(fake, "status")
        assert "`en/declaration.md:3: YAML error" in status
        assert "`en/declaration.md: serving its last good version" in status
        assert "Yoji Muto" in str((await again.mention("Who signed the declaration for Japan?")).json)


async def test_an_upload_named_readme_is_refused_for_its_name_never_invited_to_replace(
    harness: Harness, fake: FakeDiscord
):
    """Trial 5: "README.md already exists; to replace it, add it again with replace: true", and that was then
    refused because README files are notes for people (the moderators' guide was never at risk, but the hint lied)."""
    (Path(harness.settings.knowledge_dir) / "README.md").write_text("# The moderators' guide\n")
    upload = NEWCOMER.replace(b"id: declaration-en", b"id: readme-en")
    for replace in (False, True):
        reply = await kb(fake, "add", {"replace": replace}, attachments={"file": ("README.md", upload)})
        assert "README files are notes for people" in reply and "replace: true" not in reply
    assert (Path(harness.settings.knowledge_dir) / "README.md").read_text() == "# The moderators' guide\n"


async def test_a_knowledge_folder_the_bot_cannot_write_is_said_so_for_a_replace_and_a_remove(
    harness: Harness, fake: FakeDiscord
):
    # attack19: on a read-only knowledge volume, `/kb add replace:true` answered "Something went wrong on my side
    # … try again later" (trying again never helps) and `/kb remove` "[Errno 30] Read-only file system: '/app/…/_trash'"
    kdir = Path(harness.settings.knowledge_dir)
    before = {p: p.read_bytes() for p in kdir.rglob("*") if p.is_file()}
    with frozen(kdir / "en"), frozen(kdir):
        replaced = await kb(fake, "add", {"replace": True}, attachments={"file": ("declaration.md", REPLACEMENT)})
        removed = await kb(fake, "remove", {"id": "declaration-en"})
    assert replaced.startswith("`declaration.md` was not saved:\n• `declaration.md:1: the knowledge folder cannot be "
                               "written (")
    assert removed.startswith("Nothing was changed:\n• the knowledge folder cannot be written (")
    assert "Errno" not in removed and str(kdir) not in removed
    assert {p: p.read_bytes() for p in kdir.rglob("*") if p.is_file()} == before
