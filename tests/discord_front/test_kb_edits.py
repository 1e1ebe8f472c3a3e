"""/kb as moderators use it to edit the corpus: a refused newcomer in the reload reply, list, show,
add with replace, remove, restore, history."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, embed_of

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
