"""Run ``python -m bot run`` against the fake Discord and print what the bot sent for one question.

Usage (from the repository root): ``python tests/fake_discord/session.py [question]``.
The bot runs as a real subprocess, routed to the fake with DISCORD_API_BASE / DISCORD_GATEWAY_URL,
and is stopped with SIGTERM at the end.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # script mode: make ``fake_discord`` importable

from fake_discord import FakeDiscord  # noqa: E402


def show(title: str, request) -> None:
    query = f"?{urlencode(request.query)}" if request.query else ""
    print(f"\n### {title}\n{request.method} /api/v10{request.path}{query}")
    print(json.dumps(request.json, ensure_ascii=False, indent=2))


async def session(question: str) -> int:
    async with FakeDiscord() as fake:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "DISCORD_TOKEN": "fake-token",
                "DISCORD_API_BASE": fake.api_base,
                "DISCORD_GATEWAY_URL": fake.gateway_url,
                "BOT_DB_PATH": str(Path(tmp) / "queries.db"),
                "BOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
                "BOT_LOG_SECRET": "demo",
            }
            bot = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=tmp, env=env)
            await fake.wait_connected(timeout=30)
            await asyncio.sleep(2.5)  # discord.py waits 2 s after the last GUILD_CREATE before READY
            show("command sync", fake.find("PUT", r"/applications/\d+/commands")[0])

            start = len(fake.requests)
            await fake.post_message(f"{fake.bot_user.mention} {question}", author=fake.alice)
            show("reply to a mention", await fake.wait_for("POST", r"/channels/\d+/messages", after=start))

            interaction = await fake.slash("ask", {"question": question}, user=fake.bob)
            show("/ask interaction callback", await fake.wait_response(interaction))

            message_id = max(fake.messages)
            up = fake.buttons(fake.messages[message_id])[0]["custom_id"]
            show("👍 click acknowledged", await fake.wait_response(await fake.click(message_id, up, user=fake.bob)))

            bot.send_signal(signal.SIGTERM)
            status = await asyncio.wait_for(bot.wait(), 15)
            print(f"\nSIGTERM → exit status {status}")
            return status


if __name__ == "__main__":
    sys.exit(asyncio.run(session(" ".join(sys.argv[1:]) or "Who signed the declaration?")))
