"""The weekly digest (BOT_DIGEST_CHANNEL) against the fake Discord: off by default, posted when triggered, of the
digest channel's server only, in the set or the server's language, on the set day and time."""

from __future__ import annotations

from datetime import UTC, datetime, time

from fake_discord import FakeDiscord
from fake_discord.plugin import StartBot

from bot.discord_front.digest import is_due
from bot.querylog.store import LogEntry
from bot.settings import Settings


async def test_no_digest_unless_a_channel_is_set(harness, fake: FakeDiscord) -> None:
    assert harness.bot.digest is None


async def test_the_digest_posts_the_servers_week_to_the_maintainers_channel(start_bot: StartBot,
                                                                             fake: FakeDiscord) -> None:
    harness = await start_bot(BOT_DIGEST_CHANNEL=str(fake.other_channel_id))
    digest = harness.bot.digest
    assert digest is not None and digest.loop.is_running() and digest.loop.time == [time(8, 0, tzinfo=UTC)]
    await harness.mention("Who signed the declaration?")
    answer_id = max(fake.messages)
    await harness.mention("What is the best ramen recipe?", author=fake.bob)
    await harness.mention("what is the best ramen recipe", author=fake.admin)
    down = fake.buttons(fake.messages[answer_id])[1]["custom_id"]
    await fake.wait_response(await fake.click(answer_id, down, user=fake.bob))
    for n in range(4):  # asked in another server the bot is in: not this server's maintainers' business
        harness.querylog.record(LogEntry(
            qid=f"elsewhere{n}", question="secret plans of the other server", language="en", answered=False,
            citations=[], latency_ms=1.0, frontend="discord", user_id=1, guild_id=fake.guild_id + 1, channel_id=5,
        ))
    start = len(fake.requests)
    message = await digest.post()  # what the loop does on Mondays at 08:00 UTC
    assert message is not None
    sent = await fake.wait_for("POST", rf"/channels/{fake.other_channel_id}/messages", after=start)
    embed = sent.json["embeds"][0]
    assert embed["title"] == "Weekly digest"
    lines = embed["description"].split("\n")
    assert lines[0] == "**Query log — last 7 days**"
    # this server's three, not the other's four
    assert "Questions: 3 · members: 3 · answered: 1 (33.3% of the questions, small talk apart)" in lines
    assert "• 2× What is the best ramen recipe?" in lines  # the week's top unanswered topic
    assert "secret plans" not in embed["description"]
    assert any(line.startswith("• 👎 1 👍 0 — Who signed the declaration?") for line in lines)
    assert sent.files == ["summary.png"] and embed["image"]["url"] == "attachment://summary.png"
    assert str(fake.bob.id) not in embed["description"] and "bob" not in embed["description"].lower()
    assert sent.json["allowed_mentions"]["parse"] == []


async def test_the_digest_speaks_the_servers_preferred_language(start_bot: StartBot, fake: FakeDiscord) -> None:
    fake.guild_locale = "fr"  # Server Settings › Community › Server primary language
    harness = await start_bot(BOT_DIGEST_CHANNEL=str(fake.other_channel_id))
    await harness.mention("Qui a signé la déclaration ?")
    start = len(fake.requests)
    assert await harness.bot.digest.post() is not None
    embed = (await fake.wait_for("POST", rf"/channels/{fake.other_channel_id}/messages", after=start)).json["embeds"][0]
    assert embed["title"] == "Résumé de la semaine"
    assert embed["description"].split("\n")[0] == "**Journal des questions — 7 derniers jours**"


async def test_the_digest_language_day_and_time_are_settings(start_bot: StartBot, fake: FakeDiscord) -> None:
    fake.guild_locale = "fr"
    harness = await start_bot(BOT_DIGEST_CHANNEL=str(fake.other_channel_id), BOT_DIGEST_LANGUAGE="ja",
                              BOT_DIGEST_DAY="Friday", BOT_DIGEST_TIME="17:30")
    digest = harness.bot.digest
    assert digest.loop.time == [time(17, 30, tzinfo=UTC)]
    friday = datetime(2026, 12, 4, 17, 30, tzinfo=UTC).timestamp()
    assert is_due(friday, digest.schedule) and not is_due(friday - 4 * 86_400, digest.schedule)
    await harness.mention("Who signed the declaration?")
    start = len(fake.requests)
    assert await digest.post() is not None
    embed = (await fake.wait_for("POST", rf"/channels/{fake.other_channel_id}/messages", after=start)).json["embeds"][0]
    assert embed["title"] == "週間ダイジェスト"  # the setting wins over the server's French
    assert embed["description"].split("\n")[0] == "**質問ログ — 過去7日間**"


def test_by_default_the_digest_goes_out_on_mondays_at_8_utc() -> None:
    schedule = Settings(_env_file=None, BOT_DIGEST_CHANNEL="1").digest
    assert schedule is not None and schedule.at == time(8, 0, tzinfo=UTC) and schedule.language is None
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=UTC).timestamp()
    assert is_due(monday, schedule) and not is_due(monday + 86_400, schedule) and not is_due(monday - 86_400, schedule)
    assert Settings(_env_file=None).digest is None
