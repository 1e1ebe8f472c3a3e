"""/kb add and /kb reload build the index in a budgeted process first (issue 12, item 2)."""

from __future__ import annotations

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness

from bot.buildcheck import BuildBudget

WORD = b"""---
id: word-en
title: One long word
language: en
source: https://example.org/word
---
# Word

""" + b"a" * 2_400 + b"\n"

GOOD = b"""---
id: extra-en
title: Extra notes on the declaration
language: en
source: https://example.org/extra
---
# Extra

The roadmap of the declaration covers quantum computing exchanges between research institutes.
"""


async def add(fake: FakeDiscord, name: str, data: bytes) -> str:
    interaction = await fake.slash("kb", user=fake.admin, subcommand="add", attachments={"file": (name, data)})
    return (await fake.wait_followup(interaction, timeout=60)).json["embeds"][0]["description"]


async def test_an_upload_that_cannot_be_indexed_in_budget_is_not_saved(harness: Harness, fake: FakeDiscord):
    harness.assistant.build_budget = BuildBudget(seconds=0.05)  # no build fits: stands for a pathological file
    before = len(harness.assistant.knowledge.passages)
    text = await add(fake, "extra.md", GOOD)
    assert "was not saved" in text and "longer than 0.05 s" in text, text
    assert not (harness.settings.knowledge_dir / "extra.md").exists()
    assert not list(harness.settings.knowledge_dir.rglob("extra.md"))
    assert len(harness.assistant.knowledge.passages) == before
    reload = await fake.slash("kb", user=fake.admin, subcommand="reload")
    description = (await fake.wait_followup(reload, timeout=60)).json["embeds"][0]["description"]
    assert "previous index" in description.lower() or "kept" in description.lower(), description
    await harness.mention("Who signed the declaration?")  # still answering


async def test_the_one_word_upload_of_the_attack_is_handled_within_the_budget(harness: Harness, fake: FakeDiscord):
    """The attack's file builds at a bounded cost: saved, its word named in a warning. A build that took
    minutes or gigabytes would be refused by the budget ("longer than 30 s", "more than 4,096 MB")."""
    harness.assistant.build_budget = BuildBudget(seconds=30, memory_mb=4096)
    text = await add(fake, "word.md", WORD)
    assert "saved as `word.md`" in text and "a word of 2,000 characters or more" in text, text
    assert (harness.settings.knowledge_dir / "word.md").exists()
    reply = await harness.mention("Who signed the declaration?")
    assert reply.json["embeds"]
