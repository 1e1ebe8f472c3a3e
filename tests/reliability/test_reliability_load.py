"""Load: 200 questions from 20 members in 10 seconds through the fake Discord, mentions and /ask mixed.

Every question gets exactly one answer or cooldown message (5 questions per member per minute, the default;
by mention, one cooldown note per member per window and silence after it),
the gateway heartbeats keep their rhythm, and every answered question is in the log afterwards.
Run alone with ``pytest -m slow -s tests/test_reliability_load.py`` to see the figures.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import math
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_discord import FakeDiscord, FakeInteraction, FakeUser
from reliability_harness import EPHEMERAL, Responses, qid_of, replies, running_bot, until

from bot.stats import percentile

MEMBERS = 20
PER_MEMBER = 10
SPAN = 10.0  # seconds over which the questions arrive
HEARTBEAT = 0.5  # gateway heartbeat interval the fake asks for (Discord's is 41.25 s)
QUESTIONS = [
    "Who signed the declaration?",
    "Qui a signé la déclaration ?",
    "共同声明に署名したのは誰ですか？",
    "When was the declaration signed?",
    "Quels sont les domaines de coopération ?",
    "What does the declaration say about artificial intelligence?",
    "Quel est le rôle de JETRO ?",
    "共同声明はいつ署名されましたか？",
    "Where was the declaration signed?",
    "Qu'est-ce que la déclaration dit des start-ups ?",
]
LOCALES = ["en-US", "fr", "ja"]


@pytest.fixture(autouse=True)
def _heap_before_the_test_frozen() -> Iterator[None]:
    """What earlier tests left in this process is left out of the collector's scans while the burst is measured: in
    the full suite a full collection of that heap stopped the process for 3.1 s at load 14 (heartbeats "skipped");
    the bot's own heap, made in the test and collected as in production, costs ~30 ms of CPU a full collection."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def kind_of(body: dict[str, Any]) -> str:
    """answer (cited embed with vote buttons), abstain (embed, no buttons) or cooldown (ephemeral note)."""
    if body.get("embeds"):
        return "answer" if qid_of(body) else "abstain"
    content = body.get("content") or ""
    return "cooldown" if "<t:" in content and ":R>" in content else f"other: {content[:80]}"


@pytest.mark.slow
async def test_burst_of_200_questions_from_20_members(tmp_path: Path) -> None:
    async with FakeDiscord(heartbeat_interval=HEARTBEAT) as fake, running_bot(fake, tmp_path) as run:
        members = [FakeUser(fake.ids(), f"member{i:02d}", locale=LOCALES[i % 3]) for i in range(MEMBERS)]
        await fake.wait_heartbeats(2, timeout=5)
        beats_before = len(fake.heartbeats)
        sent: list[dict[str, Any]] = []  # one per question: member, text, how, key, at
        started = time.monotonic()
        for i in range(MEMBERS * PER_MEMBER):
            member, k = members[i % MEMBERS], i // MEMBERS
            text = QUESTIONS[(i + k) % len(QUESTIONS)]  # ten different questions per member
            delay = started + i * SPAN / (MEMBERS * PER_MEMBER) - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            at = time.monotonic()
            if i % 2 == 0:
                msg = await fake.post_message(f"{fake.bot_user.mention} {text}", author=member)
                sent.append({"member": member.id, "text": text, "how": "mention", "key": int(msg["id"]), "at": at})
            else:
                interaction = await fake.slash("ask", {"question": text}, user=member)
                sent.append({"member": member.id, "text": text, "how": "ask", "key": interaction, "at": at})
        dispatched = time.monotonic() - started

        def outcome(item: dict[str, Any], seen: Responses) -> tuple[dict[str, Any], float] | None:
            if item["how"] == "mention":
                found = seen.by_message.get(item["key"])
                return (found[0].json, found[0].at) if found else None
            interaction: FakeInteraction = item["key"]
            body = seen.final_body(interaction)
            return None if body is None else (body, seen.last_at(interaction))

        def answered(how: str = "") -> int:
            seen = Responses(fake)  # one pass a poll
            return sum(1 for item in sent if item["how"].startswith(how) and outcome(item, seen))

        asks = sum(1 for item in sent if item["how"] == "ask")
        await until(lambda: answered("ask") == asks, timeout=30)
        await until(lambda: answered() >= 160, timeout=30)
        await asyncio.sleep(0.5)  # anything sent twice, or late, would show up now
        elapsed = time.monotonic() - started
        beats = fake.heartbeats[beats_before:]
        await run.querylog.flush()

        # -- exactly one response per question ------------------------------------------------------------
        by_message = replies(fake)
        for item in sent:
            if item["how"] == "mention":
                assert len(by_message.get(item["key"], [None])) == 1, item
            else:
                interaction = item["key"]
                done = [r for r in fake.find("POST", r"/interactions/.*") if interaction.token in r.path]
                assert [r.status for r in done] == [200], item
        assert not [r for r in fake.requests if r.status >= 400], "a request of the bot was refused"

        kinds: dict[str, int] = {}
        per_member: dict[int, dict[str, int]] = {}
        latencies: list[float] = []
        answered_texts: Counter[str] = Counter()
        qids: set[str] = set()
        seen = Responses(fake)
        for item in sent:
            got = outcome(item, seen)
            assert got is not None or item["how"] == "mention"
            body, at = got or ({}, 0.0)
            kind = kind_of(body) if got else "silent"
            kinds[kind] = kinds.get(kind, 0) + 1
            counts = per_member.setdefault(item["member"], {})
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "cooldown" and item["how"] == "ask":
                assert body["flags"] & EPHEMERAL
            if kind in ("answer", "abstain"):
                latencies.append(at - item["at"])
                answered_texts[item["text"]] += 1
                if kind == "answer":
                    qids.add(qid_of(body) or "")

        # -- the log holds every answered question ---------------------------------------------------------
        logged = await run.rows("SELECT qid, question FROM questions WHERE frontend = 'discord'")
        heartbeat_delays = [b.at - a.at - HEARTBEAT for a, b in itertools.pairwise(beats)]
        figures = {
            "questions": len(sent),
            "dispatched in s": round(dispatched, 2),
            "answers": kinds.get("answer", 0) + kinds.get("abstain", 0),
            "of which abstentions": kinds.get("abstain", 0),
            "cooldown messages": kinds.get("cooldown", 0),
            "answers/s": round((kinds.get("answer", 0) + kinds.get("abstain", 0)) / elapsed, 1),
            "heartbeats": len(beats),
            "heartbeat delay p95 ms": round(percentile(heartbeat_delays, 95) * 1000, 1),
            "heartbeat delay max ms": round(max(heartbeat_delays) * 1000, 1),
            "answer latency p50 ms": round(percentile(latencies, 50) * 1000, 1),
            "answer latency p95 ms": round(percentile(latencies, 95) * 1000, 1),
            "answer latency max ms": round(max(latencies) * 1000, 1),
            "mean latency ms": round(statistics.mean(latencies) * 1000, 1),
        }
        print("\nload figures:", figures)

        assert set(kinds) <= {"answer", "abstain", "cooldown", "silent"}, kinds
        assert kinds.get("answer", 0) + kinds.get("abstain", 0) == 100
        # members asking by /ask get 5 ephemeral refusals; by mention, one note then silence (issue 12, item 7)
        assert kinds["cooldown"] == 10 * 5 + 10 * 1 and kinds["silent"] == 10 * 4, kinds
        refused = [c.get("cooldown", 0) + c.get("silent", 0) for c in per_member.values()]
        assert all(n == 5 for n in refused) and all(sum(c.values()) == 10 for c in per_member.values()), per_member
        assert len(per_member) == MEMBERS
        assert len(logged) == 100
        assert Counter(q for _, q in logged) == answered_texts
        assert qids <= {qid for qid, _ in logged}
        assert len(beats) >= int(elapsed / HEARTBEAT) - 2, "heartbeats were skipped"
        # No beat came two intervals late (the loop was never blocked that long), and most were on
        # time. A single late beat inside the full suite comes from the test process's own pauses (the
        # fake runs in it too): on a shared 2-core machine at load 8-9 one came 0.69 s late, so the
        # bound on the worst beat is two intervals; the p95 bound below is what catches CPU work on the loop.
        assert max(heartbeat_delays) < 2 * HEARTBEAT, heartbeat_delays
        assert percentile(heartbeat_delays, 95) < HEARTBEAT / 2, heartbeat_delays
        # every heartbeat was acknowledged: the client never dropped the session to reconnect
        assert len(fake.identifies) == 1 and not fake.resumes
        assert math.isfinite(run.bot.latency)
        assert dispatched < SPAN + 2


@pytest.mark.slow
async def test_fifty_members_ask_at_the_same_instant(tmp_path: Path) -> None:
    """The announcement case: 50 questions dispatched back to back; all answered once, peak rate printed."""
    async with FakeDiscord(heartbeat_interval=HEARTBEAT) as fake, running_bot(fake, tmp_path) as run:
        members = [FakeUser(fake.ids(), f"burst{i:02d}", locale=LOCALES[i % 3]) for i in range(50)]
        await fake.wait_heartbeats(2, timeout=5)
        started = time.monotonic()
        messages = [
            await fake.post_message(f"{fake.bot_user.mention} {QUESTIONS[i % len(QUESTIONS)]}", author=member)
            for i, member in enumerate(members)
        ]
        await until(lambda: all(int(m["id"]) in replies(fake) for m in messages), timeout=20)
        elapsed = time.monotonic() - started
        await run.querylog.flush()
        assert all(len(replies(fake)[int(m["id"])]) == 1 for m in messages)
        assert (await run.rows("SELECT count(*) FROM questions"))[0][0] == 50
        print(f"\nburst figures: 50 questions answered in {elapsed * 1000:.0f} ms ({50 / elapsed:.0f} answers/s)")
