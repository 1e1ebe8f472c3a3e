"""Questions asked by mentioning the bot in an allowed channel (or replying to one of its answers: a follow-up of
that answer's question), or in a direct message.

The bot gets the text of such messages without the privileged message-content intent.
Refusals cannot be ephemeral here: cooldown notes are deleted after a few seconds, duplicates are
ignored, and a message that is only a mention gets the "please ask a question" hint. When the member deletes
their question, the answer is deleted too: its title shows their words, which they took back. When they edit it
soon after (a typo fixed, a word added), the answer is redone in place.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot import limits
from bot.discord_front import embeds
from bot.discord_front.ask import Asker, Outcome, OutcomeKind, reply_for
from bot.discord_front.language import guild_language
from bot.discord_front.replies import answer_thread, thread_name
from bot.i18n import t

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

log = logging.getLogger(__name__)

MAX_ANSWERS_REMEMBERED = 10_000  # question → answer pairs kept (the oldest are forgotten first)
EDIT_WINDOW = 600.0  # seconds after its answer during which an edited question is answered again
INVALID_FORM_BODY = 50035  # Discord's JSON error code for a refused payload (here: a reply to a deleted message)


@dataclass(frozen=True, slots=True)
class Answered:
    channel_id: int  # where the answer is (a thread, with BOT_ANSWER_IN_THREAD)
    message_id: int  # the answer
    text_hash: int  # a digest of the question's message as it was answered (its text is not kept)
    at: float  # when (the bot's monotonic clock)
    thread: bool = False  # the answer is in a thread the bot opened for this question (named with its words)
    language: str = "en"  # the answer's language (a withdrawn thread's new name)


def text_hash(text: str) -> int:
    """64 bits of BLAKE2b of a message's text: enough to tell an edit from the same text again."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class AnswerTrail:
    """Which message answered which question (by message id), for the last ``limit`` answers: a deleted
    question takes its answer with it, an edited one has it redone. The question's text is not kept, only a
    digest of it (an edit is told from Discord's update for a link preview, which leaves the text as it was)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, limit: int = MAX_ANSWERS_REMEMBERED,
        edit_window: float = EDIT_WINDOW,
    ) -> None:
        self._clock = clock
        self._limit = limit
        self._edit_window = edit_window
        self._answers: OrderedDict[int, Answered] = OrderedDict()
        self._pending: set[int] = set()  # questions being answered now
        self._withdrawn: set[int] = set()  # ... deleted (or their mention taken out) before their answer was sent
        # mentions refused as empty or word-less: when, and a digest of their text
        self._hinted: OrderedDict[int, tuple[float, int]] = OrderedDict()

    def hinted(self, question: discord.Message) -> None:
        """``question`` got the "please ask a question" hint: an edit that adds the question is answered."""
        self._hinted.pop(question.id, None)
        self._hinted[question.id] = (self._clock(), text_hash(question.content))
        while len(self._hinted) > self._limit:
            self._hinted.popitem(last=False)

    def take_hinted(self, question: discord.Message) -> bool:
        """Whether ``question`` got the hint within the edit window and its text changed since (a link preview
        arriving changes nothing); forgotten as it is taken."""
        hinted = self._hinted.get(question.id)
        if hinted is None or hinted[1] == text_hash(question.content):
            return False
        del self._hinted[question.id]
        return self._clock() - hinted[0] <= self._edit_window

    def remember(
        self, question: discord.Message, channel_id: int, answer_id: int, *, thread: bool = False,
        language: str = "en",
    ) -> None:
        self._answers.pop(question.id, None)
        self._answers[question.id] = Answered(
            channel_id, answer_id, text_hash(question.content), self._clock(), thread, language
        )
        while len(self._answers) > self._limit:
            self._answers.popitem(last=False)

    def take(self, question_id: int) -> Answered | None:
        """The answer to ``question_id``, forgotten as it is taken; a question still being answered is marked
        withdrawn (its answer must not stay: trial 8, a mention deleted at once was answered and the answer kept)."""
        if question_id in self._pending:
            self._withdrawn.add(question_id)
        return self._answers.pop(question_id, None)

    def answering(self, question_id: int) -> None:
        """``question_id`` is being answered: a deletion meanwhile is remembered until ``done``."""
        self._pending.add(question_id)

    def withdrawn(self, question_id: int) -> bool:
        """Whether the question being answered was deleted meanwhile."""
        return question_id in self._withdrawn

    def done(self, question_id: int) -> bool:
        """The answer was sent (or not); returns whether the question was deleted meanwhile."""
        self._pending.discard(question_id)
        if question_id in self._withdrawn:
            self._withdrawn.discard(question_id)
            return True
        return False

    def changed(self, question: discord.Message) -> Answered | None:
        """The answer to an edited question whose text changed (Discord also sends an update when a link preview
        arrives), whenever it was answered."""
        answered = self._answers.get(question.id)
        if answered is None or answered.text_hash == text_hash(question.content):
            return None
        return answered

    def to_redo(self, question: discord.Message) -> Answered | None:
        """The answer to redo for an edited question: its text changed within the edit window."""
        answered = self.changed(question)
        return answered if answered is not None and self._clock() - answered.at <= self._edit_window else None


def mention_pattern(user_id: int, role_id: int | None = None) -> re.Pattern[str]:
    """``<@bot>`` / ``<@!bot>``, and ``<@&role>`` for the bot's own managed role (often picked by mistake)."""
    role = rf"|<@&{role_id}>" if role_id else ""
    return re.compile(rf"<@!?{user_id}>{role}")


def is_allowed_channel(channel: discord.abc.Messageable, allowed: list[int]) -> bool:
    """Every channel when the list is empty; else the listed channels and threads under them."""
    if not allowed:
        return True
    ids = {getattr(channel, "id", None), getattr(channel, "parent_id", None)}
    return bool(ids & set(allowed))


def question_of(bot: DeclarationBot, message: discord.Message) -> str | None:
    """The question in ``message``, or None when the bot should stay silent."""
    me = bot.user
    if me is None or message.author.bot or message.author.id == me.id:
        return None
    if message.guild is None:
        return message.content if bot.settings.allow_dms else None
    self_role = message.guild.self_role
    pattern = mention_pattern(me.id, self_role.id if self_role else None)
    addressed = pattern.search(message.content) or replied_answer(bot, message) is not None
    if not addressed or not is_allowed_channel(message.channel, bot.settings.allowed_channels):
        return None
    return pattern.sub(" ", message.content)


def replied_answer(bot: DeclarationBot, message: discord.Message) -> int | None:
    """The id of the bot's message that ``message`` replies to (Discord's "Reply") with its ping on, else None.

    Replying is how members follow up on Discord; with the ping off the bot is not mentioned, and without the
    message-content intent Discord does not give it the text. A reply to another member's message is not one."""
    reference = message.reference
    me = bot.user
    if reference is None or me is None or reference.message_id is None or me not in message.mentions:
        return None
    replied = reference.resolved or reference.cached_message
    if not isinstance(replied, discord.Message) or replied.author.id != me.id:
        return None
    return reference.message_id


async def on_mention(bot: DeclarationBot, message: discord.Message) -> None:
    """Answer a mention or a DM, in place or in a new thread (BOT_ANSWER_IN_THREAD)."""
    question = question_of(bot, message)
    if question is None:
        if message.guild is None and not bot.settings.allow_dms and bot.user and not message.author.bot:
            language = bot.assistant.read_language(message.content) or "en"  # a DM has no locale: its words tell
            await message.channel.send(t("dm.off", language), allowed_mentions=discord.AllowedMentions.none())
        return
    answer_id = replied_answer(bot, message)
    if answer_id is not None:  # a reply to one of the bot's answers follows up on that answer's question
        bot.desk.resume(answer_id, _asker(message))
    prepared = bot.desk.prepare(question, _asker(message))
    if prepared.kind == OutcomeKind.DUPLICATE or (prepared.kind == OutcomeKind.COOLDOWN and not prepared.note):
        return  # one cooldown note per member per window: a burst of mentions gets one note, not one each
    if prepared.refused:
        await _note(bot, message, reply_for(prepared).content or "")
        if prepared.kind == OutcomeKind.INVALID:  # "@bot" alone, then the question typed in by an edit: answered then
            bot.answers.hinted(message)
        return
    bot.answers.answering(message.id)
    try:
        await _answer(bot, message, prepared)
    finally:
        withdrawn = bot.answers.done(message.id)
    if withdrawn:  # deleted while the answer was on its way: it goes too (its title shows the member's words)
        await on_questions_deleted(bot, [message.id])


def _refers_to_a_deleted_message(error: discord.HTTPException) -> bool:
    """Discord refused a reply because its question (or the thread) was deleted meanwhile: 400 "Invalid Form Body"
    (MESSAGE_REFERENCE_UNKNOWN_MESSAGE) or 404 "Unknown Message/Channel"; not a 5xx nor a 403."""
    return (error.status == 400 and error.code == INVALID_FORM_BODY) or isinstance(error, discord.NotFound)


async def _answer(bot: DeclarationBot, message: discord.Message, prepared: Outcome) -> None:
    """Answer a question read from a mention or a DM, in place or in a new thread, unless it was deleted first."""
    try:
        outcome = await bot.desk.answer(prepared, key=message.id)
    except Exception:
        log.exception("answering message %s failed", message.id)
        await _note(bot, message, t("internal_error", prepared.language))
        return
    if bot.answers.withdrawn(message.id):
        log.info("a question was deleted while it was being answered: no answer sent")
        return
    reply = reply_for(outcome)
    target = None
    if bot.settings.answer_in_thread and isinstance(message.channel, discord.TextChannel):
        target = await answer_thread(message, outcome.question, outcome.language)
    try:
        if target is None:
            sent = await message.reply(mention_author=False, **reply.kwargs(interaction=False))
        else:
            sent = await target.send(**reply.kwargs(interaction=False))
    except discord.HTTPException as error:
        if not _refers_to_a_deleted_message(error):
            raise  # a server error or a missing permission: the error handler logs it for the maintainers
        log.info("could not send an answer (its question deleted meanwhile?): %s %s", error.status, error.code)
        return
    if target is not None:
        bot.desk.continue_in(_asker(message), target.id)
    if outcome.kind != OutcomeKind.SMALL_TALK:
        bot.desk.pin(_asker(message), sent.id)
    bot.answers.remember(message, sent.channel.id, sent.id, thread=target is not None, language=outcome.language)


def _asker(message: discord.Message) -> Asker:
    return Asker(
        message.author.id,
        message.guild.id if message.guild else None,
        message.channel.id,
        guild_language(message.guild),
    )


async def on_question_edited(bot: DeclarationBot, message: discord.Message) -> None:
    """Redo the answer of a question its author edited within the edit window, in place (new vote buttons:
    the new answer is a new logged question; its thread, if the bot opened one, is renamed). A refused edit leaves
    the answer as it was: one too long to hold a question, or with none left, gets the note a new message would.
    An edit that takes the bot's mention out, whenever it comes, takes the answer away as a deletion does: the
    member no longer asks the bot. A mention that got the "please
    ask a question" hint ("@bot" alone) and is edited within the window to hold the question is answered then."""
    if _mention_withdrawn(bot, message):
        await on_questions_deleted(bot, [message.id])
        return
    if bot.answers.take_hinted(message):  # it got "please ask a question": the edit asks it
        await on_mention(bot, message)
        return
    answered = bot.answers.to_redo(message)
    question = question_of(bot, message) if answered is not None else None
    if answered is None or question is None:
        return
    prepared = bot.desk.prepare(question, _asker(message))
    if prepared.kind == OutcomeKind.INVALID:  # too long to hold a question, or none left: said as for a new
        await _note(bot, message, reply_for(prepared).content or "")  # message (trial 8's F7: it was silent),
        # the answer stays
        return
    if prepared.refused:
        return
    try:
        outcome = await bot.desk.answer(prepared, key=message.id, edit=True)
    except Exception:
        log.exception("answering edited message %s failed", message.id)
        return
    edit = {"content": None, "view": None, **reply_for(outcome).kwargs(interaction=False)}  # no old buttons left
    try:
        await bot.get_partial_messageable(answered.channel_id).get_partial_message(answered.message_id).edit(**edit)
    except discord.HTTPException as error:  # the answer was deleted meanwhile
        log.info("could not redo the answer to an edited question: %s", error.status)
        return
    if answered.thread:
        await _rename_thread(bot, answered.channel_id, thread_name(outcome.question, outcome.language))
        bot.desk.continue_in(_asker(message), answered.channel_id)
    if outcome.kind != OutcomeKind.SMALL_TALK:
        bot.desk.pin(_asker(message), answered.message_id)
    bot.answers.remember(
        message, answered.channel_id, answered.message_id, thread=answered.thread, language=outcome.language
    )


def _mention_withdrawn(bot: DeclarationBot, message: discord.Message) -> bool:
    """A server message the bot answered, edited so that it no longer mentions the bot."""
    if message.guild is None or bot.user is None or bot.answers.changed(message) is None:
        return False
    self_role = message.guild.self_role
    mentioned = mention_pattern(bot.user.id, self_role.id if self_role else None).search(message.content)
    return not mentioned and replied_answer(bot, message) is None


async def _rename_thread(bot: DeclarationBot, thread_id: int, name: str, *, archived: bool | None = None) -> None:
    """Rename (and archive) a thread the bot opened: its creator may, without the Manage Threads permission."""
    options: dict[str, object] = {"name": name}
    if archived is not None:
        options["archived"] = archived
    try:
        await bot.http.edit_channel(thread_id, **options)
    except discord.HTTPException as error:  # deleted or locked by a moderator meanwhile
        log.info("could not rename the thread of an answer: %s", error.status)


async def on_questions_deleted(bot: DeclarationBot, message_ids: Iterable[int]) -> None:
    """Delete the answers to messages their authors deleted (a purge by a moderator too); a thread the bot
    opened for such a question loses the member's words from its name and is archived."""
    for question_id in message_ids:
        bot.desk.conversations.withdraw(question_id)  # no follow-up leans on it (and shows its words) any more
        answered = bot.answers.take(question_id)
        if answered is None:
            continue
        try:
            await bot.get_partial_messageable(answered.channel_id).get_partial_message(answered.message_id).delete()
        except discord.HTTPException as error:  # already deleted by a moderator, or the channel is gone
            log.info("could not delete the answer to a deleted question: %s", error.status)
        if answered.thread:
            await _rename_thread(bot, answered.channel_id, t("thread.withdrawn", answered.language), archived=True)


async def _note(bot: DeclarationBot, message: discord.Message, text: str) -> None:
    """A short reply that removes itself (mentions have no ephemeral messages)."""
    await message.reply(
        embeds.clip(text, limits.DISCORD_CONTENT),
        mention_author=False,
        allowed_mentions=discord.AllowedMentions.none(),
        delete_after=bot.note_lifetime,
    )
