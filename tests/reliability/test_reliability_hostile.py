"""Hostile input, property-based: the analyzer, the retrieval and the reply builder never fail or misbehave.

Questions are arbitrary Unicode (RTL and zero-width marks, combining marks, lone surrogates as produced by
``surrogateescape``, control characters, 10,000-character strings) mixed with corpus words and attack
fragments (mass mentions, role/user mentions, masked links, Markdown). Replies are built through the real
path (``AskDesk.prepare/answer`` → ``reply_for`` → ``Reply.kwargs``) and checked against Discord's limits.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import discord
import paths
import pytest
from fake_discord.plugin import within_limits
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot import limits
from bot.assistant import Assistant
from bot.discord_front import embeds
from bot.discord_front.ask import AskDesk, Asker, Outcome, reply_for
from bot.discord_front.guards import Cooldown, DuplicateGuard
from bot.i18n import MESSAGES
from bot.models import LANGUAGES, Answer, Citation
from bot.questions import MAX_QUESTION_CHARS, QuestionError, clean_question
from bot.render import render_citations, render_markdown, render_quote
from bot.search.analysis import analyze, detect_language
from bot.search.retriever import Retriever

CORPUS = paths.SHIPPED_KNOWLEDGE
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

ATTACKS = [
    "@everyone", "@here", "@EVERYONE", "@ everyone", "@@here", "＠everyone", "@\u200beveryone",
    "<@123456789012345678>", "<@!123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>",
    "<@&1>", "<a:party:123456789012345678>", "<t:1531440000:R>", "</ask:123456789012345678>",
    "[click me](https://evil.example/login)", "[x](<https://evil.example>)", "[a]( https://evil.example )",
    "https://discord.gg/evil", "discord.com/invite/evil", "http://evil.example", "<https://evil.example>",
    "**", "__", "~~", "||", "`", "```py\n", "```", "> ", ">>> ", "# ", "-# ", "- ", "1. ", "\\", "*", "_",
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff",
    "\u0301" * 30, "e\u0301", "Z\u0351\u0352\u0357\u0358\u035b", "\udcff", "\udce9", "\ud800", "\x00", "\x1b[31m",
    "\r\n", "\n\n", "\t", "\u2028", "\u2029", "\ufffd", "🇫🇷🇯🇵", "👨‍👩‍👧",
]
WORDS = [
    "Who signed the declaration?", "Qui a signé la déclaration ?", "共同声明に署名したのは誰ですか？",
    "When was it signed?", "JETRO", "Mahjoubi", "intelligence artificielle", "サイバーセキュリティ", "Paris",
    "2018", "13 juillet", "start-ups", "l'innovation", "Internet des objets", "Yoji Muto",
]
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
PIECES = st.one_of(st.sampled_from(ATTACKS), st.sampled_from(WORDS), st.text(ANY_CHAR, max_size=40))
QUESTIONS = st.one_of(
    st.lists(PIECES, max_size=25).map(" ".join),
    st.lists(PIECES, max_size=25).map("".join),
    st.text(ANY_CHAR, max_size=300),
    st.tuples(st.lists(PIECES, min_size=1, max_size=5).map(" ".join), st.integers(900, 10_000)).map(
        lambda pair: (pair[0] * (pair[1] // max(len(pair[0]), 1) + 1))[: pair[1]]
    ),
)

PING = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>")  # user/role pings; mass mentions are lower case only
MASKED_LINK = re.compile(r"(?<!\\)\[[^\]\n]*\]\(\s*<?\s*[a-z][a-z0-9+.-]*://", re.IGNORECASE)  # a working link
BARE_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://")
INVITE = re.compile(r"(?i)discord(?:app)?\.(?:gg|com/invite)/")
PICTOGRAPHS = "\u2600-\u27bf\U0001f000-\U0001faff"
EMOJI_JOINER = re.compile(f"(?<=[{PICTOGRAPHS}\ufe0f])\u200d(?=[{PICTOGRAPHS}])")  # between two pictographs: one emoji


@pytest.fixture(scope="module")
def assistant(shipped_retriever: Retriever) -> Iterator[Assistant]:
    helper = Assistant(shipped_retriever, CORPUS)  # questions only: the session's retriever of CORPUS
    yield helper
    helper.close()


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    event_loop = asyncio.new_event_loop()
    yield event_loop
    event_loop.close()


class Recorder:
    """Stands in for the query log: keeps what would be written."""

    def __init__(self) -> None:
        self.entries: list[Any] = []

    def record(self, entry: Any) -> None:
        self.entries.append(entry)

    async def record_durably(self, entry: Any) -> None:
        self.record(entry)

    def record_refusal(self, reason: str, guild_id: int | None, ts: float | None = None) -> None:
        pass  # a count per hour, not what this stand-in checks

    def first_notice(self, user_id: Any, ts: float | None = None) -> bool:
        return True  # every reply with the privacy notice: the longest footer


def user_text_fields(body: dict[str, Any]) -> list[str]:
    """Every string of a message body that can carry member text (content, embed title)."""
    fields = [body.get("content") or ""]
    fields += [embed.get("title") or "" for embed in body.get("embeds", [])]
    return fields


def all_text_fields(body: dict[str, Any]) -> list[str]:
    fields = [body.get("content") or ""]
    for embed in body.get("embeds", []):
        fields += [embed.get("title") or "", embed.get("description") or "", (embed.get("footer") or {}).get("text")]
    return [f or "" for f in fields]


def body_of(outcome: Outcome, *, interaction: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON discord.py would send for the reply (content, embeds) and the raw keyword arguments."""
    kwargs = reply_for(outcome).kwargs(interaction=interaction)
    body: dict[str, Any] = {"content": kwargs.get("content")}
    if "embed" in kwargs:
        body["embeds"] = [kwargs["embed"].to_dict()]
    return body, kwargs


def check_reply(outcome: Outcome, *, interaction: bool) -> None:
    body, kwargs = body_of(outcome, interaction=interaction)
    mentions = kwargs["allowed_mentions"]
    assert isinstance(mentions, discord.AllowedMentions)
    assert mentions.to_dict() == {"parse": []}  # nobody and no role can be pinged, whatever the text
    assert len(body.get("content") or "") <= limits.DISCORD_CONTENT
    if "embed" in kwargs:
        assert within_limits(kwargs["embed"], body.get("content"))
    for text in all_text_fields(body):
        assert not PING.search(text), text
    for text in user_text_fields(body):
        assert not MASKED_LINK.search(text), text
        assert not BARE_URL.search(text), text
        assert not INVITE.search(text), text
        assert "\n" not in text.strip()
    if outcome.kind == "answer":
        assert outcome.answer is not None
        description = body["embeds"][0]["description"]
        if outcome.answer.parts:  # a message of several questions: each under its words, in order, its quote first
            position = 0
            for part in outcome.answer.parts:
                quote = render_quote(part.citations[0]) if part.answered and part.citations else ""
                first = quote[:40]
                heading = description.find("**", position)
                found = description.find(first or "**\n", heading + 2)  # its quote, or past its heading
                if quote and found < 0:  # a quote cut to fit its question's share: a beginning of it, then "…"
                    start = description.find("\n> ", heading) + 1
                    first = description[start:description.find(limits.ELLIPSIS, start)]
                    found = start if start > heading and len(first) > len("> ") and quote.startswith(first) else -1
                assert heading >= position and found > heading, description
                position = found + len(first)
        else:
            blocks = render_citations(outcome.answer)
            kept = description.split("\n\n")
            assert 1 <= len(kept) <= len(blocks)
            assert description == "\n\n".join(blocks[: len(kept)])  # whole citations, in order
        assert kwargs["view"] is not None  # vote buttons carry the logged qid
        assert all(outcome.qid in item.custom_id for item in kwargs["view"].children)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- analyzer and question cleaning


@PROPERTY
@given(text=QUESTIONS)
def test_analyzer_never_fails(text: str) -> None:
    language = detect_language(text)
    assert language in (None, *LANGUAGES)
    for lang in LANGUAGES:
        tokens = analyze(text, lang)
        assert all(isinstance(t, str) and t and not t.isspace() for t in tokens)


@PROPERTY
@given(text=QUESTIONS)
@example(text="#  </ask:123456789012345678> \r\n </ask:123456789012345678>")  # found by CI, 1 Dec
def test_clean_question_refuses_or_returns_inert_text(text: str) -> None:
    try:
        cleaned = clean_question(text)
    except QuestionError as error:
        assert error.key in MESSAGES
        return
    assert 0 < len(cleaned) <= MAX_QUESTION_CHARS
    assert not PING.search(cleaned) and not re.search(r"@(everyone|here)\b", cleaned, re.IGNORECASE)
    # one control character is kept on purpose: the line break after a Markdown heading line ("# Title\nwho
    # signed?"), so that the search can leave the heading out (bot.search.cleanup); every other line is one line
    lines = cleaned.split("\n")
    assert all(re.match(r"[ \t]*(?:#{1,3}|-#)[ \t]+\S", line) for line in lines[:-1]), cleaned
    # and one format character: the zero-width joiner inside an emoji sequence (a family, a coder), part of the emoji
    inert = EMOJI_JOINER.sub("", "".join(lines))
    assert not re.search(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]", inert)
    assert "`" not in cleaned
    cleaned.encode("utf-8")  # no lone surrogate can reach the log or Discord


# --------------------------------------------------------------------------- retrieval


@PROPERTY
@given(text=QUESTIONS, language=st.sampled_from([None, *LANGUAGES]))
def test_retrieval_never_fails_on_raw_text(assistant: Assistant, text: str, language: str | None) -> None:
    """Even text that skipped the cleaning (a future front end) gives a well-formed answer."""
    answer = assistant.retriever.answer(text, language)
    assert isinstance(answer, Answer)
    assert answer.answered == bool(answer.citations)
    ids = {p.id for p in assistant.knowledge.passages}
    numbers = list(dict.fromkeys(c.n for c in answer.citations))
    assert numbers == list(range(1, len(numbers) + 1))  # sources numbered in order, a document once
    for citation in answer.citations:
        assert citation.passage_id in ids
        assert all(0 <= a < b <= len(citation.snippet) for a, b in citation.highlights)


def test_10000_character_questions_are_fast(assistant: Assistant) -> None:
    """Includes one 10,000-letter word: the typo corrector once built its O(n²) deletions (gigabytes)."""
    import random
    import string
    import time

    word = "".join(random.Random(7).choices(string.ascii_lowercase, k=10_000))
    texts = ("déclaration " * 900, "共同声明" * 2500, "a" * 10_000, "\u0301" * 10_000, "@everyone " * 1000, word,
             "who was the japanese minister " * 330)  # a role asked 330 times: each read once, not per passage
    for text in texts:
        started = time.thread_time()  # CPU time of this thread: the work done, not the wait for a busy machine
        assistant.retriever.answer(text[:10_000])
        assert time.thread_time() - started < 1.0, text[:20]


# --------------------------------------------------------------------------- the reply builder (Discord)


@PROPERTY
@given(text=QUESTIONS, locale=st.sampled_from(LANGUAGES), interaction=st.booleans())
@example(text="Who signed the declaration? When was it signed?", locale="fr", interaction=False)
@example(text="Who signed the declaration? Who signed the declaration? intelligence artificielle", locale="en",
         interaction=True)
@example(text="Qui a signé la déclaration ? Qui a signé la déclaration ? Qui a signé la déclaration ? 6", locale="fr",
         interaction=True)  # the third question's quote cut to fit beside a long source link (the Élysée's)
def test_replies_stay_within_limits_and_inert(
    assistant: Assistant, loop: asyncio.AbstractEventLoop, text: str, locale: str, interaction: bool
) -> None:
    recorder = Recorder()
    desk = AskDesk(assistant, recorder, Cooldown(10**6, 60.0), DuplicateGuard(0), retention_days=90)
    prepared = desk.prepare(text, Asker(42, 1, 2, locale))
    outcome = prepared if prepared.refused else loop.run_until_complete(desk.answer(prepared))
    check_reply(outcome, interaction=interaction)
    if not prepared.refused:
        (entry,) = recorder.entries
        assert entry.qid == outcome.qid
        entry.question.encode("utf-8")


def test_too_long_question_reply_names_the_length(assistant: Assistant) -> None:
    desk = AskDesk(assistant, Recorder(), Cooldown(10**6, 60.0), DuplicateGuard(0))
    outcome = desk.prepare("a" * 5000, Asker(42, 1, 2, "en"))
    content = reply_for(outcome).content or ""
    assert outcome.kind == "invalid" and "5000" in content and "{" not in content


@pytest.mark.parametrize("kind", ["cooldown", "duplicate", "invalid"])
def test_refusals_are_ephemeral_and_inert(kind: str) -> None:
    outcome = Outcome(kind, "en", "@everyone [x](https://evil.example)", retry_at=2e9, message="Please ask a question")
    body, kwargs = body_of(outcome, interaction=True)
    assert kwargs["ephemeral"] is True
    assert not any(PING.search(t) or MASKED_LINK.search(t) for t in all_text_fields(body))


# --------------------------------------------------------------------------- the renderer on hostile corpus text


URLS = st.one_of(
    st.just("https://example.org/declaration"),
    st.just("javascript:alert(1)"),
    st.just("https://evil.example/a)[b](https://x"),
    st.just("https://evil.example/<@&123456789012345678>"),
    st.text(ANY_CHAR, max_size=40),
)
TEXTS = st.one_of(st.lists(PIECES, max_size=20).map(" ".join), st.text(ANY_CHAR, max_size=2500))


@st.composite
def citations(draw: st.DrawFn) -> list[Citation]:
    count = draw(st.integers(1, 5))
    out = []
    for n in range(1, count + 1):
        snippet = draw(TEXTS)
        spans = draw(st.lists(st.tuples(st.integers(-5, len(snippet) + 5), st.integers(-5, len(snippet) + 5))))
        out.append(
            Citation(
                n=n,
                doc_id=draw(st.text(ANY_CHAR, max_size=20)),
                passage_id=draw(st.text(ANY_CHAR, max_size=30)),
                title=draw(TEXTS.map(lambda s: s[:200])),
                source=draw(URLS),
                language=draw(st.sampled_from(LANGUAGES)),
                snippet=snippet,
                score=draw(st.floats(0, 100)),
                highlights=tuple(spans),
            )
        )
    return out


@PROPERTY
@given(cites=citations(), question=TEXTS, language=st.sampled_from(LANGUAGES))
def test_rendered_citations_fit_and_stay_whole(cites: list[Citation], question: str, language: str) -> None:
    """Even a hostile knowledge file (a moderator's mistake) cannot ping, overflow or cut a citation."""
    answer = Answer(question=question, language=language, answered=True, citations=cites)
    markdown = render_markdown(answer)
    assert 0 < len(markdown) <= limits.DISCORD_EMBED_DESCRIPTION
    assert not re.search(r"@(everyone|here)\b", markdown, re.IGNORECASE)
    assert not re.search(r"(?<!\\)<@[!&]?\d+>", markdown)
    blocks = render_citations(answer)
    kept = markdown.split("\n\n")
    if len(blocks[0]) <= limits.DISCORD_EMBED_DESCRIPTION:
        assert markdown == "\n\n".join(blocks[: len(kept)])
    else:  # a single citation longer than the budget: its source line is still whole
        assert markdown.endswith(blocks[0].rsplit("\n— ", 1)[1])
    for link in re.findall(r"(?<!\\)\]\(([^)]*)\)", markdown):
        assert re.fullmatch(r"https?://[^\s<>()\[\]]+", link), link  # only plain http(s) sources become links
    embed = embeds.answer_embed(question, blocks, "footer")
    assert within_limits(embed)
    assert not PING.search(embed.title or "")
