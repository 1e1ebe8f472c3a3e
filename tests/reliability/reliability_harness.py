"""Shared by the Discord reliability tests: the real client, assistant and query log against the fake Discord."""

from __future__ import annotations

import re
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import paths
from fake_discord import FakeDiscord, FakeInteraction, RecordedRequest, plugin
from fake_discord.plugin import Harness, qid_of, replies, reply_to, until

CORPUS = paths.SHIPPED_KNOWLEDGE
# Shaped like a real bot token, so a leak would be easy to spot in logs and files.
TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GrELia.reliability-SECRET-token-4f9c2b7e"
EPHEMERAL = 1 << 6
CALLBACK = r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback"


def running_bot(fake: FakeDiscord, tmp_path: Path, **options: Any) -> AbstractAsyncContextManager[Harness]:
    """The one bot starter (``fake_discord.plugin.running_bot``) on the shipped corpus with a token-shaped secret."""
    return plugin.running_bot(fake, tmp_path, corpus=CORPUS, token=TOKEN, batch_interval=0.02, **options)


def callbacks(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [
        r
        for r in fake.find("POST", CALLBACK)
        if r.path == f"/interactions/{interaction.id}/{interaction.token}/callback"
    ]


def followups(fake: FakeDiscord, interaction: FakeInteraction) -> list[RecordedRequest]:
    return [r for r in fake.find("POST", rf"/webhooks/\d+/{re.escape(interaction.token)}") if r.status == 200]


def final_body(fake: FakeDiscord, interaction: FakeInteraction) -> dict[str, Any] | None:
    """What the member finally sees for an interaction: the callback's data, or the followup after a defer."""
    done = [r for r in callbacks(fake, interaction) if r.status == 200]
    if not done:
        return None
    if done[0].json.get("type") == 5:
        sent = followups(fake, interaction)
        return sent[0].json if sent else None
    return done[0].json.get("data") or {}


__all__ = ["CORPUS", "EPHEMERAL", "TOKEN", "callbacks", "final_body", "followups", "qid_of", "replies",
           "reply_to", "running_bot", "until"]
