"""Long messages (trial 2): the answer's title is the question, not the context before it; a message whose
question is too long is not told "I found no question in it"."""

from __future__ import annotations

import subprocess
import sys

from fake_discord import FakeDiscord
from fake_discord.plugin import Harness, embed_of
from paths import ROOT


async def test_the_title_of_a_long_message_is_its_question(harness: Harness, fake: FakeDiscord) -> None:
    reply = await harness.mention("Context. " * 200 + "Who signed the declaration?")  # 1,827 characters
    assert embed_of(reply)["title"] == "Who signed the declaration?"
    reply = await harness.mention("We read about it. What is the best ramen recipe? " + "Thanks. " * 40)
    assert embed_of(reply)["title"] == "What is the best ramen recipe?"


def test_a_too_long_question_is_not_said_to_be_missing() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "x" * 2500 + " who signed?"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr == ("That message is too long (2512 characters); please ask the question alone, in at most "
                           "2000 characters.\n")
