"""The path of one member question, shared by /ask, mentions and DMs.

``prepare`` does the quick, synchronous checks (clean-up, language, duplicate, cooldown) so a slash
command can still refuse ephemerally; ``answer`` runs retrieval (in the assistant's worker thread)
and logs the question. ``reply_for`` turns the outcome into what Discord is sent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import discord

from bot import limits
from bot.assistant import Assistant
from bot.conversation import Conversations
from bot.discord_front import embeds
from bot.discord_front.guards import Cooldown, DuplicateGuard
from bot.discord_front.suggestions import suggestion_view
from bot.discord_front.views import vote_view
from bot.i18n import t
from bot.logpolicy import excerpt
from bot.models import LANGUAGES, Answer, RefusalReason
from bot.querylog.store import LogEntry, QueryLog, new_qid
from bot.questions import QuestionError, clean_question
from bot.render import (
    COMPACT_CHARS,
    asks_about,
    asks_for_sources,
    not_found_key,
    render_markdown,
    render_sources,
    small_talk_key,
    source_count,
)
from bot.search.analysis import detect_language


class OutcomeKind(StrEnum):
    """What became of a member's question: answered, abstained, small talk, or refused before retrieval (the
    refusals are the :class:`RefusalReason` values, counted in the log under that name)."""

    ANSWER = "answer"  # from prepare: go on with AskDesk.answer; from answer: cited passages
    ABSTAIN = "abstain"
    SMALL_TALK = "small_talk"
    INVALID = RefusalReason.INVALID.value
    COOLDOWN = RefusalReason.COOLDOWN.value
    DUPLICATE = RefusalReason.DUPLICATE.value


_REFUSED = frozenset(RefusalReason)  # an OutcomeKind is in it when its value is a refusal reason's

NO_PINGS = discord.AllowedMentions.none()
_THREAD = "thread"  # the conversation key of a thread the bot opened for a question (see AskDesk.continue_in)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asks, where, and the language to fall back on when the question's is unclear."""

    user_id: int
    guild_id: int | None
    channel_id: int | None
    fallback_language: str = "en"


@dataclass(slots=True)
class Outcome:
    kind: OutcomeKind
    language: str
    question: str = ""
    asker: Asker | None = None
    answer: Answer | None = None
    qid: str = ""
    retry_at: float = 0.0  # wall-clock time (epoch seconds) when a cooled-down member may ask again
    message: str = ""  # why the question was refused (invalid)
    note: bool = True  # False for a cooldown refusal already noted in this window (mentions then stay silent)
    asked_at: float = 0.0  # wall-clock time the question was accepted (logged as its time)
    privacy_days: int | None = None  # the member's first logged question: the reply says it is kept this many days
    previous: Answer | None = None  # "source?": the answer whose sources it asks for (None: none here)
    about: discord.Embed | None = None  # "about", « à propos »: what /about shows

    @property
    def refused(self) -> bool:
        """Refused before retrieval: never logged, answered ephemerally (or not at all)."""
        return self.kind in _REFUSED


@dataclass(slots=True)
class Reply:
    """One message to send: keyword arguments shared by ``send_message``, ``followup.send`` and ``send``."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def kwargs(self, *, interaction: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"allowed_mentions": NO_PINGS, **self.extra}
        if self.content is not None:
            out["content"] = embeds.clip(self.content, limits.DISCORD_CONTENT)
        if self.embed is not None:
            out["embed"] = self.embed
        if self.view is not None:
            out["view"] = self.view
        if interaction:
            out["ephemeral"] = self.ephemeral
        return out


class AskDesk:
    """Cooldown, duplicate suppression, retrieval and logging for member questions."""

    def __init__(
        self,
        assistant: Assistant,
        querylog: QueryLog,
        cooldown: Cooldown,
        duplicates: DuplicateGuard,
        wall_clock: Callable[[], float] = time.time,
        conversations: Conversations | None = None,
        retention_days: int | None = None,
    ) -> None:
        self.assistant = assistant
        self.querylog = querylog
        self.cooldown = cooldown
        self.duplicates = duplicates
        self._wall_clock = wall_clock
        self.conversations = conversations or Conversations()
        self.retention_days = retention_days  # how long questions are kept (the privacy notice says it)

    def prepare(self, text: str, asker: Asker) -> Outcome:
        """Quick checks; an outcome of kind ``answer`` means "go on with :meth:`answer`"."""
        try:
            question = clean_question(text)
        except QuestionError as error:
            language = detect_language(text) or asker.fallback_language
            message = t(error.key, language, **error.values)
            return self._refused(Outcome(OutcomeKind.INVALID, language, text, asker, message=message))
        # its own language; else the member's previous message's here; else the locale (a bare "Kono")
        read = self.assistant.read_language(question)
        language = self.conversations.language(_place(asker), read, asker.fallback_language)
        member = asker.user_id
        wait = self.cooldown.retry_after(member)  # before the duplicate check: a refused question is not "answered"
        if wait:
            retry_at, note = self._wall_clock() + wait, self.cooldown.note_due(member)
            return self._refused(Outcome(OutcomeKind.COOLDOWN, language, question, asker, retry_at=retry_at, note=note))
        if self.duplicates.seen(member, question):
            return self._refused(Outcome(OutcomeKind.DUPLICATE, language, question, asker))
        self.cooldown.hit(member)  # only a question that goes on to be answered uses up the cooldown
        self.duplicates.remember(member, question)
        return Outcome(OutcomeKind.ANSWER, language, question, asker, asked_at=self._wall_clock())

    def _refused(self, outcome: Outcome) -> Outcome:
        """Count a refusal for the maintainers (``logs summary``): its reason, server and hour, never who or what."""
        assert outcome.asker is not None
        self.querylog.record_refusal(RefusalReason(outcome.kind), outcome.asker.guild_id, self._wall_clock())
        return outcome

    def continue_in(self, asker: Asker, thread_id: int) -> None:
        """The bot answered ``asker`` in a thread it opened: a follow-up asked there, by them or by another member
        (the thread is named after the question), leans on the question."""
        self.conversations.follow(_place(asker), _place(replace(asker, channel_id=thread_id)))
        self.conversations.pin(_place(asker), (_THREAD, thread_id))

    def pin(self, asker: Asker, answer_id: int) -> None:
        """The message ``answer_id`` answers ``asker``'s last question: a reply to it is a follow-up of it."""
        self.conversations.pin(_place(asker), answer_id)

    def resume(self, answer_id: int, asker: Asker) -> bool:
        """``asker`` replies to the bot's message ``answer_id``: read them with the question it answered."""
        return self.conversations.resume(answer_id, _place(asker))

    def uncount(self, prepared: Outcome) -> None:
        """Give back the cooldown use of an accepted question the bot answers without retrieval (small talk)."""
        if prepared.kind == OutcomeKind.ANSWER and prepared.asker is not None:
            self.cooldown.uncount(prepared.asker.user_id)

    async def answer(self, prepared: Outcome, *, key: int | None = None, edit: bool = False) -> Outcome:
        """Retrieve (off the event loop, in the assistant's worker) and log the question (committed on return).

        ``key``: the message id of a mention or DM. ``edit``: that message was edited; it is read as if the text
        it replaces had never been asked (the conversation as it was before it), and on its own when the member
        asked something else here since."""
        asker = prepared.asker
        assert asker is not None and prepared.kind == OutcomeKind.ANSWER
        place = _place(asker)
        if asker.channel_id is not None:  # a thread the bot opened for a question: another member follows up too
            self.conversations.resume((_THREAD, asker.channel_id), place, unless_own=True)
        latest = not edit or (key is not None and self.conversations.rewind(place, key))
        if latest:
            understood, language = await self.assistant.understand(
                self.conversations, place, prepared.question, prepared.language
            )  # in the retrieval worker: it parses the question and reads the index
        else:  # an older question edited: the questions asked after it are not its context
            understood, language = prepared.question, prepared.language
        quoted = self.conversations.already_quoted(place, prepared.question, understood)  # "who else?"
        searched = self.conversations.searched(place, prepared.question, understood)  # not "autre", not "plus"
        answer, alone = await self.assistant.answer_follow_up(searched, prepared.question, language, quoted)
        if alone is not None:  # read with the subject it found nothing; on its own it is answered (cleaned once)
            understood, searched = prepared.question, alone
        answer = self.conversations.nothing_more(place, understood, answer, quoted)  # nothing left
        if searched != understood:
            answer = replace(answer, question=understood)
        if answer.small_talk:
            self.uncount(prepared)  # "hi" or "help" does not use up the member's questions
        qid = new_qid()
        entry = LogEntry.from_answer(
            answer, qid=qid, frontend="discord", user_id=asker.user_id, guild_id=asker.guild_id,
            channel_id=asker.channel_id, typed=prepared.question,
        )
        entry.ts = prepared.asked_at or entry.ts  # when it was asked: /forget-me drops it if it came before
        # committed before the answer goes out: a crash after the reply cannot lose the question
        await self.querylog.record_durably(entry)
        log.debug("question %s (%s): %s", qid[:8], answer.language, excerpt(answer.question))  # DEBUG only, cut
        previous = self.conversations.last_answer(place) if asks_for_sources(answer) else None
        if latest:
            self.conversations.remember(place, prepared.question, understood, answer, key)
        language = answer.language if answer.language in LANGUAGES else prepared.language
        kind = OutcomeKind.ANSWER if answer.answered and answer.citations else OutcomeKind.ABSTAIN
        if answer.small_talk:
            kind = OutcomeKind.SMALL_TALK
        first = self.retention_days is not None and self.querylog.first_notice(asker.user_id, entry.ts)
        about = None
        if asks_about(answer):  # what /about says, which tells how long questions are kept: no notice under it
            documents = self.assistant.knowledge.documents
            about, first = embeds.about_embed(documents, self.retention_days or 0, language), False
        return Outcome(kind, language, understood, asker, answer=answer, qid=qid,
                       privacy_days=self.retention_days if first else None, previous=previous, about=about)


def _place(asker: Asker) -> tuple[int, int | None, int | None]:
    """Where a conversation happens: a member in a channel, a thread or a DM."""
    return (asker.user_id, asker.guild_id, asker.channel_id)


def reply_for(outcome: Outcome) -> Reply:
    """What to send for an outcome (refusals are ephemeral; duplicates get a short note). A member's first logged
    question also gets the privacy notice, under the embed."""
    reply = _reply_for(outcome)
    if outcome.privacy_days is not None and reply.embed is not None:
        notice = t("privacy.notice", outcome.language, days=outcome.privacy_days)
        footer = f"{reply.embed.footer.text}\n{notice}" if reply.embed.footer.text else notice
        reply.embed.set_footer(text=embeds.clip(footer, limits.DISCORD_EMBED_FOOTER))
    return reply


def _reply_for(outcome: Outcome) -> Reply:
    language = outcome.language
    if outcome.kind == OutcomeKind.INVALID:
        return Reply(content=outcome.message, ephemeral=True)
    if outcome.kind == OutcomeKind.DUPLICATE:
        return Reply(content=t("duplicate", language), ephemeral=True)
    if outcome.kind == OutcomeKind.COOLDOWN:
        when = discord.utils.format_dt(datetime.fromtimestamp(outcome.retry_at, tz=UTC), "R")
        return Reply(content=t("cooldown", language, when=when), ephemeral=True)
    if outcome.kind == OutcomeKind.SMALL_TALK and outcome.answer is not None and asks_for_sources(outcome.answer):
        lines = render_sources(outcome.previous, language)
        return Reply(embed=embeds.notice_embed(t("sources.title", language), lines))
    if outcome.kind == OutcomeKind.SMALL_TALK and outcome.about is not None:  # "@bot about": what /about shows
        return Reply(embed=outcome.about)
    if outcome.kind == OutcomeKind.SMALL_TALK:  # a short reply: two example questions and /topics, no passages or votes
        key = small_talk_key(outcome.answer) if outcome.answer else "small_talk"
        return Reply(embed=embeds.notice_embed(t("small_talk.title", language), [t(key, language)]))
    if outcome.kind == OutcomeKind.ABSTAIN:  # the honest message, and questions it can answer as buttons
        footer = t("footer_not_found", language)
        suggestions = outcome.answer.suggestions if outcome.answer else []
        key = not_found_key(outcome.answer) if outcome.answer else "not_found"
        message = t(key, language) + (f"\n\n{t('suggestions.title', language)}" if suggestions else "")
        view = suggestion_view(suggestions)
        return Reply(embed=embeds.abstain_embed(outcome.question, message, footer), view=view)
    answer = outcome.answer
    assert answer is not None
    count = source_count(answer, COMPACT_CHARS)  # the sources shown: a later one may be left out to fit
    footer = t("footer.one", language) if count == 1 else t("footer", language, n=count)
    embed = embeds.answer_embed(outcome.question, [render_markdown(answer, max_chars=COMPACT_CHARS)], footer)
    return Reply(embed=embed, view=vote_view(outcome.qid, language))
