"""/forget-me racing an answer still being computed (issue 12, item 8)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, until


async def test_forget_me_also_covers_a_question_still_being_answered(harness: Harness, fake: FakeDiscord, monkeypatch):
    gate = threading.Event()
    # the retrieval worker is busy: alice's question waits in line while she confirms /forget-me
    busy = asyncio.get_running_loop().run_in_executor(harness.assistant._search_pool, gate.wait, 60)
    asked: list[str] = []
    understand = harness.assistant.understand  # the question's first turn in the worker

    async def counted(conversations: Any, place: Any, question: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(question)
        return await understand(conversations, place, question, *args, **kwargs)

    monkeypatch.setattr(harness.assistant, "understand", counted)
    start = len(fake.requests)
    await fake.post_message(f"{fake.bot_user.mention} Who signed the declaration?", author=fake.alice)
    await until(lambda: asked)  # her question is in line for the worker
    prompt = await fake.wait_response(await fake.slash("forget-me", user=fake.alice))
    prompt_id = int(prompt.json["data"].get("id", 0)) or max(fake.messages)
    yes, _ = fake.buttons(fake.messages[prompt_id])
    await fake.wait_response(await fake.click(prompt_id, yes["custom_id"], user=fake.alice))
    gate.set()
    assert await busy, "the worker was let go by its timeout, not by the test: the question was not held"
    await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages", after=start)  # the answer still comes
    assert await harness.rows("SELECT count(*) FROM questions") == [(0,)]
    # a question asked after /forget-me is logged as usual
    harness.clock.advance(10)
    await harness.mention("Where was the declaration signed?")
    assert await harness.rows("SELECT question FROM questions") == [("Where was the declaration signed?",)]
