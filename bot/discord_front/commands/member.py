"""Members' slash commands: /ask, /topics, /about, /forget-me."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.discord_front import embeds
from bot.discord_front.ask import Asker, Reply, reply_for
from bot.discord_front.language import interaction_language, language_of_locale
from bot.discord_front.replies import answer_thread, send, within
from bot.discord_front.translator import Describe
from bot.discord_front.views import ForgetConfirm
from bot.formatting import MISSING
from bot.i18n import t
from bot.questions import MAX_QUESTION_CHARS
from bot.render import escape_markdown
from bot.render import topics as render_topics

if TYPE_CHECKING:
    from bot.discord_front.client import DeclarationBot

log = logging.getLogger(__name__)


def asker_of(interaction: discord.Interaction) -> Asker:
    return Asker(
        user_id=interaction.user.id,
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id,
        fallback_language=language_of_locale(interaction.locale),
    )


async def ask(
    interaction: discord.Interaction[DeclarationBot], question: app_commands.Range[str, 1, MAX_QUESTION_CHARS]
) -> None:
    """Answer with cited snippets (in a new thread when BOT_ANSWER_IN_THREAD is on)."""
    bot = interaction.client
    if interaction.guild_id is None and not bot.settings.allow_dms:
        # the question's own words first, as for a DM message; the locale only when they tell nothing
        language = bot.assistant.read_language(question) or interaction_language(interaction)
        await send(interaction, Reply(content=t("dm.off", language), ephemeral=True))
        return
    prepared = bot.desk.prepare(question, asker_of(interaction))
    if prepared.refused:
        await send(interaction, reply_for(prepared))
        return
    channel = interaction.channel
    in_thread = bot.settings.answer_in_thread and isinstance(channel, discord.TextChannel)
    if in_thread:
        await interaction.response.defer(ephemeral=True, thinking=True)
    outcome = await within(interaction, bot.desk.answer(prepared), bot.defer_after)
    reply = reply_for(outcome)
    if not in_thread:
        await send(interaction, reply)
        return
    assert isinstance(channel, discord.TextChannel)
    thread = await answer_thread(channel, outcome.question, outcome.language)
    if thread is None:
        await send(interaction, reply)
        return
    await thread.send(**reply.kwargs(interaction=False))
    if outcome.asker is not None:
        bot.desk.continue_in(outcome.asker, thread.id)
    await send(interaction, Reply(content=t("thread.answered", outcome.language, thread=thread.mention)))


async def suggest_questions(
    interaction: discord.Interaction[DeclarationBot], current: str
) -> list[app_commands.Choice[str]]:
    """/ask autocomplete: FAQ and most asked questions matching what is typed, in the member's language."""
    questions = interaction.client.questions.complete(current, interaction_language(interaction))
    return [app_commands.Choice(name=q, value=q) for q in questions]


async def topics(interaction: discord.Interaction[DeclarationBot]) -> None:
    """What the bot knows: the member's language's documents by title, the other languages in a line, examples."""
    language = interaction_language(interaction)
    kb = interaction.client.assistant.knowledge
    shown = render_topics(kb, language)
    lines = [
        t(
            "topics.intro",
            language,
            documents=len(kb.documents),
            passages=len(kb.passages),
            languages=", ".join(kb.languages) or MISSING,
        ),
        t("topics.ask", language),
        "",
        f"**{escape_markdown(shown.heading)}**",
        *(f"• {escape_markdown(title)}" for title in shown.titles),
    ]
    if shown.also:
        lines.append(escape_markdown(shown.also))
    if shown.examples:
        lines += ["", f"**{escape_markdown(t('topics.examples', language))}**",
                  *(f"• {escape_markdown(q)}" for q in shown.examples)]
    await send(interaction, Reply(embed=embeds.notice_embed(t("topics.title", language), lines), ephemeral=True))


async def about(interaction: discord.Interaction[DeclarationBot]) -> None:
    """Sources, how answers are made, what is logged and for how long."""
    language = interaction_language(interaction)
    bot = interaction.client
    embed = embeds.about_embed(bot.assistant.knowledge.documents, bot.settings.log_retention_days, language)
    await send(interaction, Reply(embed=embed, ephemeral=True))


async def forget_me(interaction: discord.Interaction[DeclarationBot]) -> None:
    """Ask for confirmation, then delete the caller's logged questions and votes."""
    language = interaction_language(interaction)
    view = ForgetConfirm(interaction.user.id, language, timeout=interaction.client.forget_timeout)
    view.origin = interaction
    await interaction.response.send_message(
        t("forget.confirm", language), view=view, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
    )


def member_commands() -> list[app_commands.Command]:
    """Fresh command objects for one bot's tree (descriptions are translated by the tree's translator)."""
    ask_cmd = app_commands.Command(
        name="ask",
        description=Describe.ASK,
        callback=ask,
    )
    app_commands.describe(question=locale_str(Describe.ASK_QUESTION))(ask_cmd)
    ask_cmd.autocomplete("question")(suggest_questions)
    return [
        ask_cmd,
        app_commands.Command(name="topics", description=Describe.TOPICS, callback=topics),
        app_commands.Command(
            name="about", description=Describe.ABOUT, callback=about
        ),
        app_commands.Command(
            name="forget-me", description=Describe.FORGET_ME, callback=forget_me
        ),
    ]
