"""/kb (moderators) and /logs (maintainers): refusals, status, reload, uploads, summary."""

from __future__ import annotations

import logging
from pathlib import Path

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, until

from bot.discord_front import watcher
from bot.discord_front.watcher import snapshot

EPHEMERAL = 1 << 6

GOOD = b"""---
id: extra-en
title: Extra notes on the declaration
language: en
source: https://example.org/extra
---
# Extra

The roadmap of the declaration covers quantum computing exchanges between research institutes.
"""

BAD = b"""---
id: Not A Valid Id
title: Broken
language: xx
---
text
"""


async def test_member_without_permission_is_refused(harness: Harness, fake: FakeDiscord):
    response = await fake.wait_response(await fake.slash("kb", user=fake.alice, subcommand="status"))
    data = response.json["data"]
    assert data["flags"] & EPHEMERAL
    assert data["content"].startswith("This command is for moderators")
    response = await fake.wait_response(await fake.slash("logs", user=fake.moderator, subcommand="summary"))
    assert response.json["data"]["content"].startswith("This command is for maintainers")


async def test_kb_is_refused_in_direct_messages(harness: Harness, fake: FakeDiscord):
    response = await fake.wait_response(await fake.slash("kb", user=fake.admin, subcommand="status", dm=True))
    assert response.json["data"]["content"] == "This command only works in a server."


async def test_kb_status_for_a_moderator_role(harness: Harness, fake: FakeDiscord):
    response = await fake.wait_response(await fake.slash("kb", user=fake.moderator, subcommand="status"))
    description = response.json["data"]["embeds"][0]["description"]
    assert "Documents: 3" in description and "Languages: en, fr, ja" in description
    assert "no errors" in description


async def test_kb_add_a_good_file_saves_and_reloads(harness: Harness, fake: FakeDiscord):
    interaction = await fake.slash("kb", user=fake.admin, subcommand="add", attachments={"file": ("extra.md", GOOD)})
    deferred = await fake.wait_response(interaction)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & EPHEMERAL
    done = await fake.wait_followup(interaction)
    description = done.json["embeds"][0]["description"]
    assert "`extra.md` saved" in description and "4 documents" in description
    assert (Path(harness.settings.knowledge_dir) / "extra.md").read_bytes() == GOOD
    assert len(harness.assistant.knowledge.documents) == 4
    reply = await harness.mention("quantum computing exchanges")
    assert "*Extra notes on the declaration*" in reply.json["embeds"][0]["description"]


async def test_kb_add_a_bad_file_lists_the_errors_and_saves_nothing(harness: Harness, fake: FakeDiscord):
    for name, data in (("broken.md", BAD), ("../escape.md", GOOD), ("notes.exe", GOOD)):
        interaction = await fake.slash("kb", user=fake.moderator, subcommand="add", attachments={"file": (name, data)})
        await fake.wait_response(interaction)
        done = await fake.wait_followup(interaction)
        description = done.json["embeds"][0]["description"]
        assert "was not saved" in description, name
        assert "• `" in description
    assert sorted(p.name for p in Path(harness.settings.knowledge_dir).rglob("*") if p.is_file()) == [
        "declaration.md",
        "declaration.md",
        "declaration.md",
    ]
    assert len(harness.assistant.knowledge.documents) == 3


async def test_kb_reload_reports_failed_files_and_serves_the_others(harness: Harness, fake: FakeDiscord):
    (Path(harness.settings.knowledge_dir) / "en" / "broken.md").write_bytes(BAD)
    interaction = await fake.slash("kb", user=fake.admin, subcommand="reload")
    await fake.wait_response(interaction)
    done = await fake.wait_followup(interaction)
    description = done.json["embeds"][0]["description"]
    assert "Index rebuilt: 3 documents" in description
    assert "en/broken.md" in description


async def test_logs_summary_for_a_maintainer(harness: Harness, fake: FakeDiscord):
    await harness.mention("Who signed the declaration?")
    await harness.mention("What is the best ramen recipe?", author=fake.bob)
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    done = await fake.wait_followup(interaction)
    assert done.json["flags"] & EPHEMERAL
    description = done.json["embeds"][0]["description"]
    assert "p50" in description and "p95" in description
    assert "ramen" in description  # most asked unanswered


async def test_kb_reload_keeps_the_previous_index_when_nothing_loads(harness: Harness, fake: FakeDiscord):
    for path in Path(harness.settings.knowledge_dir).rglob("*.md"):
        path.write_bytes(BAD)
    interaction = await fake.slash("kb", user=fake.admin, subcommand="reload")
    await fake.wait_response(interaction)
    done = await fake.wait_followup(interaction)
    description = done.json["embeds"][0]["description"]
    assert description.startswith("Nothing could be loaded; the previous index is still served.")
    assert "Errors of the last load (" in description
    status = await fake.wait_response(await fake.slash("kb", user=fake.admin, subcommand="status"))
    assert "previous index is still served" in status.json["data"]["embeds"][0]["description"]
    reply = await harness.mention("Who signed the declaration?")
    assert reply.json["embeds"][0]["description"].startswith("> ")


async def test_auto_reload_when_knowledge_files_change(start_bot, fake: FakeDiscord, monkeypatch):
    scans: list[Path] = []

    def counted(directory: Path) -> watcher.Snapshot:
        scans.append(directory)
        return snapshot(directory)

    monkeypatch.setattr(watcher, "snapshot", counted)
    harness = await start_bot(bot_options={"watch_interval": 0.02}, BOT_AUTO_RELOAD="true")
    await until(lambda: len(scans) >= 2)  # the watcher knows the folder as it was (an earlier file is no change)
    (Path(harness.settings.knowledge_dir) / "extra.md").write_bytes(GOOD)
    await until(lambda: len(harness.assistant.knowledge.documents) == 4, timeout=60)  # a reload builds the index
    assert harness.bot.last_reload is not None and harness.bot.last_reload.swapped


async def test_kb_add_with_auto_reload_builds_the_index_once(start_bot, fake: FakeDiscord, caplog, monkeypatch):
    """Trial 8's F6: /kb add reloaded the index, then the watcher saw the new file and reloaded it again (two full
    rebuilds, ~40 s each for 25,000 passages)."""
    scans: list[Path] = []

    def counted(directory: Path) -> watcher.Snapshot:
        scans.append(directory)
        return snapshot(directory)

    monkeypatch.setattr(watcher, "snapshot", counted)
    caplog.set_level(logging.INFO, logger="bot.assistant")
    harness = await start_bot(bot_options={"watch_interval": 0.02}, BOT_AUTO_RELOAD="true")
    await until(lambda: len(scans) >= 2)
    upload = {"file": ("extra.md", GOOD)}
    interaction = await fake.slash("kb", user=fake.moderator, subcommand="add", attachments=upload)
    await fake.wait_response(interaction)
    assert "saved" in (await fake.wait_followup(interaction)).json["embeds"][0]["description"]
    seen = len(scans)
    await until(lambda: len(scans) >= seen + 5)  # the watcher has looked at the folder as /kb add left it, and again
    assert len(harness.assistant.knowledge.documents) == 4
    assert len([r for r in caplog.records if r.getMessage().startswith("index reloaded")]) == 1


async def test_logs_summary_lists_unanswered_topics_and_downvoted_answers(harness: Harness, fake: FakeDiscord):
    await harness.mention("Who signed the declaration?")
    answer_id = max(fake.messages)
    await harness.mention("What is the best ramen recipe?", author=fake.bob)
    await harness.mention("what is the best ramen recipe", author=fake.admin)
    down = fake.buttons(fake.messages[answer_id])[1]["custom_id"]
    await fake.wait_response(await fake.click(answer_id, down, user=fake.bob))
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    lines = (await fake.wait_followup(interaction)).json["embeds"][0]["description"].split("\n")
    unanswered = lines.index("**Most asked unanswered questions**")
    assert lines[unanswered + 1] == "• 2× What is the best ramen recipe?"
    downvoted = lines.index("**Answers voted 👎**")
    assert lines[downvoted + 1].startswith("• 👎 1 👍 0 — Who signed the declaration? → `")


async def test_logs_summary_attaches_the_chart(harness: Harness, fake: FakeDiscord):
    await harness.mention("Who signed the declaration?")
    interaction = await fake.slash("logs", {"days": 7}, user=fake.maintainer, subcommand="summary")
    await fake.wait_response(interaction)
    done = await fake.wait_followup(interaction)
    assert done.files == ["summary.png"]
    assert done.json["embeds"][0]["image"]["url"] == "attachment://summary.png"


async def test_kb_add_a_text_and_its_metadata_says_which_to_add_first_and_next(harness: Harness, fake: FakeDiscord):
    """Trial 6: the .txt first was refused for lack of its .meta.yaml, and the .meta.yaml was then "saved" with an
    error; neither said that the way is the .meta.yaml first, then the .txt."""
    text = b"Quantum computing exchanges were planned between French and Japanese startups in 2018.\n"
    meta = b"id: quantum-notes\ntitle: Quantum notes\nlanguage: en\nsource: https://example.org/quantum\n"
    said = []
    for name, data in (("quantum.txt", text), ("quantum.meta.yaml", meta), ("quantum.txt", text)):
        interaction = await fake.slash("kb", user=fake.moderator, subcommand="add", attachments={"file": (name, data)})
        await fake.wait_response(interaction)
        said.append((await fake.wait_followup(interaction)).json["embeds"][0]["description"])
    assert "was not saved" in said[0] and "with /kb add, add quantum.meta.yaml first" in said[0]
    assert "saved" in said[1] and "with /kb add, add quantum.txt next" in said[1]
    assert "`quantum.txt` saved" in said[2] and "quantum.txt next" not in said[2]
    assert len(harness.assistant.knowledge.documents) == 4


async def test_two_reloads_at_once_never_build_together_and_the_second_says_it_waited(
    harness: Harness, fake: FakeDiscord, monkeypatch
):
    """Issue 11 (product): two moderators (or a moderator and the watcher) reloading at once. The builds run one
    after the other, the second reads the files again (the one added meanwhile is served), and it says it waited."""
    import threading
    import time

    from bot import assistant as assistant_module

    running, most = [0], [0]
    guard = threading.Lock()
    rebuild = assistant_module.rebuild

    def one_at_a_time(*args, **kwargs):
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.3)  # long enough for the second command to arrive during the first build
            return rebuild(*args, **kwargs)
        finally:
            with guard:
                running[0] -= 1

    monkeypatch.setattr(assistant_module, "rebuild", one_at_a_time)
    first = await fake.slash("kb", user=fake.admin, subcommand="reload")
    await until(lambda: harness.assistant.reloading)
    (Path(harness.settings.knowledge_dir) / "extra.md").write_bytes(GOOD)  # written while the first one builds
    second = await fake.slash("kb", user=fake.moderator, subcommand="reload")
    done = [await fake.wait_followup(i, timeout=30) for i in (first, second)]
    texts = [d.json["embeds"][0]["description"] for d in done]
    assert most[0] == 1
    assert not texts[0].startswith("⏳") and texts[1].startswith("⏳ Another reload was running"), texts
    assert "Index rebuilt: 4 documents" in texts[1]
    assert len(harness.assistant.knowledge.documents) == 4


async def test_kb_status_shows_what_the_watchers_last_reload_refused(start_bot, fake: FakeDiscord):
    harness = await start_bot(bot_options={"watch_interval": 0.02}, BOT_AUTO_RELOAD="true")
    (Path(harness.settings.knowledge_dir) / "en" / "broken.md").write_bytes(BAD)
    await until(lambda: harness.bot.last_reload is not None, timeout=60)
    response = await fake.wait_response(await fake.slash("kb", user=fake.moderator, subcommand="status"))
    description = response.json["data"]["embeds"][0]["description"]
    assert "en/broken.md:2" in description and "id" in description, description
