"""The fake's fault hooks work with the real client: a 429 is retried, a dropped gateway is resumed."""

from __future__ import annotations

from fake_discord import FakeDiscord, RecordedRequest, rate_limited
from fake_discord.plugin import Harness


async def test_a_rate_limited_reply_is_retried(harness: Harness, fake: FakeDiscord):
    limited: list[RecordedRequest] = []

    def once(request: RecordedRequest):
        if limited:
            return None  # answer normally from now on
        limited.append(request)
        return rate_limited(0.05)

    fake.override("POST", rf"/channels/{fake.channel_id}/messages", once)
    first = await harness.mention("Who signed the declaration?")
    assert first.status == 429 and limited
    retried = await fake.wait_for(
        "POST", rf"/channels/{fake.channel_id}/messages", after=fake.requests.index(first) + 1
    )
    assert retried.status == 200 and retried.json == first.json
    assert [r.status for r in fake.find("POST", rf"/channels/{fake.channel_id}/messages")] == [429, 200]


async def test_the_client_resumes_after_the_gateway_drops(harness: Harness, fake: FakeDiscord):
    session_id = harness.bot.ws.session_id
    await fake.close_gateway(4000)
    await fake.wait_connected()
    for _ in range(100):
        if fake.resumes:
            break
        await fake.wait_heartbeats(len(fake.heartbeats) + 1)
    assert fake.resumes and fake.resumes[0]["session_id"] == session_id
    assert len(fake.identifies) == 1
    reply = await harness.mention("Who signed the declaration?")
    assert reply.json["embeds"]
