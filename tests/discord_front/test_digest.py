"""The weekly digest (BOT_DIGEST_CHANNEL) against the fake Discord: off by default, posted when triggered."""

from __future__ import annotations

from datetime import UTC, datetime

from fake_discord import FakeDiscord

from bot.discord_front.digest import DIGEST_TIME, is_due


async def test_no_digest_unless_a_channel_is_set(harness, fake: FakeDiscord) -> None:
    assert harness.bot.digest is None


async def test_the_digest_posts_the_week_to_the_maintainers_channel(start_bot, fake: FakeDiscord) -> None:
    harness = await start_bot(BOT_DIGEST_CHANNEL=str(fake.other_channel_id))
    digest = harness.bot.digest
    assert digest is not None and digest.loop.is_running() and digest.loop.time == [DIGEST_TIME]
    await harness.mention("Who signed the declaration?")
    answer_id = max(fake.messages)
    await harness.mention("What is the best ramen recipe?", author=fake.bob)
    await harness.mention("what is the best ramen recipe", author=fake.admin)
    down = fake.buttons(fake.messages[answer_id])[1]["custom_id"]
    await fake.wait_response(await fake.click(answer_id, down, user=fake.bob))
    start = len(fake.requests)
    message = await digest.post()  # what the loop does on Mondays at 08:00 UTC
    assert message is not None
    sent = await fake.wait_for("POST", rf"/channels/{fake.other_channel_id}/messages", after=start)
    embed = sent.json["embeds"][0]
    assert embed["title"] == "Weekly digest"
    lines = embed["description"].split("\n")
    assert lines[0] == "**Query log — last 7 days**"
    assert "• 2× What is the best ramen recipe?" in lines  # the week's top unanswered topic
    assert any(line.startswith("• 👎 1 👍 0 — Who signed the declaration?") for line in lines)
    assert sent.files == ["summary.png"] and embed["image"]["url"] == "attachment://summary.png"
    assert str(fake.bob.id) not in embed["description"] and "bob" not in embed["description"].lower()
    assert sent.json["allowed_mentions"]["parse"] == []


def test_the_digest_goes_out_on_mondays() -> None:
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=UTC).timestamp()
    assert is_due(monday) and not is_due(monday + 86_400) and not is_due(monday - 86_400)
