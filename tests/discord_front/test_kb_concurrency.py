"""Two /kb add at once with the same document id: one is saved, the other refused (issue 12, item 9)."""

from __future__ import annotations

import asyncio

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness


def upload(title: str) -> bytes:
    return f"""---
id: race-en
title: {title}
language: en
source: https://example.org/race
---
# Race

The roadmap of the declaration covers {title.lower()} between research institutes.
""".encode()


async def test_the_second_concurrent_add_with_the_same_id_is_refused(harness: Harness, fake: FakeDiscord):
    first, second = await asyncio.gather(
        fake.slash("kb", user=fake.admin, subcommand="add", attachments={"file": ("race-a.md", upload("Quantum"))}),
        fake.slash("kb", user=fake.admin, subcommand="add", attachments={"file": ("race-b.md", upload("Fusion"))}),
    )
    done = await asyncio.gather(fake.wait_followup(first, timeout=20), fake.wait_followup(second, timeout=20))
    texts = [d.json["embeds"][0]["description"] for d in done]
    saved = [t for t in texts if "saved as" in t]
    refused = [t for t in texts if "was not saved" in t and "race-en" in t]
    assert len(saved) == 1 and len(refused) == 1, texts
    files = sorted(p.name for p in harness.settings.knowledge_dir.rglob("race-*.md"))
    assert len(files) == 1, files
    assert [d.id for d in harness.assistant.knowledge.documents].count("race-en") == 1
