"""``python -m bot ask`` and ``python -m bot chat``: the answering pipeline in a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from rich.text import Text

from bot.assistant import Assistant
from bot.cli.common import log_secret, resolve_db_path, resolve_knowledge_dir
from bot.cli.knowledge import NOT_FOUND
from bot.cli.output import LAST_GOOD, quietly_on_broken_pipe
from bot.cli.terminal import about_text, answer_text, console, topics_text
from bot.conversation import Conversations
from bot.datadir import private_folder
from bot.i18n import DEFAULT_LANGUAGE, plural, t
from bot.knowledge.files import decode, split_lines
from bot.knowledge.problems import FileProblem
from bot.limits import ELLIPSIS
from bot.models import Answer, KnowledgeBase, Language
from bot.querylog.store import LogEntry, QueryLog, QueryLogError
from bot.questions import QuestionError, clean_question
from bot.render import asks_about, asks_for_sources, render_about, render_markdown, render_sources, sources_of
from bot.search.cache import cache_path_beside

EXIT_USAGE = 2
MARKDOWN_HELP = "print the Markdown Discord gets instead of terminal text"
CHAT_PLACE = "terminal"  # the one place a chat's follow-ups belong to
QUOTED = 40  # characters of a refused --file line quoted in its message
LOG_WAIT_SECONDS = 0.5  # the longest a locked query log holds up the exit (README: "Asking from a terminal")
LOG_PROBLEMS = (  # sqlite's words → the user's
    ("locked", "is locked by another program"),
    ("readonly", "is read-only"),
    ("read-only", "is read-only"),
    ("permission denied", "cannot be written (permission denied)"),
    ("no such file or directory", "cannot be created there"),
    ("disk is full", "cannot be written: the disk is full"),
)


class ChatCommand(StrEnum):
    TOPICS = "topics"
    ABOUT = "about"
    HELP = "help"
    QUIT = "quit"


# A chat command and the language it answers in: a localized name says it; an English one (None) answers in
# the language of the member's last question.
CHAT_COMMANDS: dict[str, tuple[ChatCommand, Language | None]] = {
    "/topics": (ChatCommand.TOPICS, None), "/sujets": (ChatCommand.TOPICS, "fr"),
    "/トピック": (ChatCommand.TOPICS, "ja"), "/about": (ChatCommand.ABOUT, None),
    "/a-propos": (ChatCommand.ABOUT, "fr"), "/à-propos": (ChatCommand.ABOUT, "fr"), "/概要": (ChatCommand.ABOUT, "ja"),
    "/help": (ChatCommand.HELP, None), "/?": (ChatCommand.HELP, None), "/aide": (ChatCommand.HELP, "fr"),
    "/ヘルプ": (ChatCommand.HELP, "ja"), "/quit": (ChatCommand.QUIT, None), "/exit": (ChatCommand.QUIT, None),
    "/q": (ChatCommand.QUIT, None), "/quitter": (ChatCommand.QUIT, "fr"), "/終了": (ChatCommand.QUIT, "ja"),
}


def register(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser("ask", help="answer one question (or one per line of --file) with cited snippets")
    ask.add_argument("question", nargs="?", help="the question, in French, English or Japanese")
    ask.add_argument("--file", help="answer each line of FILE ('-' for standard input)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--markdown", action="store_true", help=MARKDOWN_HELP)
    _common_options(ask)
    ask.set_defaults(func=run_ask)

    chat = sub.add_parser(
        "chat", help="interactive session in the terminal (a question per line; /topics, /about, /help, /quit, Ctrl-D)"
    )
    chat.add_argument("--markdown", action="store_true", help=MARKDOWN_HELP)
    _common_options(chat)
    chat.set_defaults(func=run_chat)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("fr", "en", "ja"), help="language of the question (default: detected)")
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge dir (default: BOT_KNOWLEDGE_DIR or ./knowledge)")
    parser.add_argument("--db", metavar="PATH", help="query log (default: BOT_DB_PATH or data/queries.db)")
    parser.add_argument("--no-log", action="store_true", help="do not write the question to the query log")


def answer_json(answer: Answer) -> dict:
    return {
        "question": answer.question,
        "language": answer.language,
        "answered": answer.answered,
        "summary": answer.summary,
        "kind": answer.kind.value,
        "citations": [c.to_json() for c in answer.citations],
        "text": render_markdown(answer),
        "latency_ms": round(answer.latency_ms, 3),
    }


def _problems(kb: KnowledgeBase) -> str:
    """What became of the files with problems: a served file broken by an edit is still served (its last good
    version), a new one is skipped; the moderator checking an edit must not read "skipped" for the first."""
    files = sorted({error.path for error in kb.errors})
    kept = [path for path in files if path in kb.kept]
    skipped = [path for path in files if path not in kb.kept]
    fates = []
    if skipped:
        fates.append(f"skipped: {', '.join(skipped[:3])}{', …' if len(skipped) > 3 else ''}")
    if kept:
        shown = [f"{path} ({LAST_GOOD.format(when=kb.kept_since[path])})" if path in kb.kept_since else path
                 for path in kept[:3]]
        fates.append(f"served in their last good version: {', '.join(shown)}{', …' if len(kept) > 3 else ''}")
    count = "1 knowledge file has" if len(files) == 1 else f"{len(files)} knowledge files have"
    return f"{count} problems ({'; '.join(fates)})"


def _writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (created 0700 if missing). Tried, not asked: root passes every
    ``os.access`` check, and an immutable folder or a pseudo file system only refuses the write itself."""
    try:
        private_folder(folder)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


async def _setup(args: argparse.Namespace) -> tuple[Assistant, QueryLog | None] | int:
    settings = args.settings
    directory = resolve_knowledge_dir(args.knowledge, settings)
    if not directory.is_dir():
        print(f"error: {NOT_FOUND.format(directory=directory)}", file=sys.stderr)
        return EXIT_USAGE
    # the caches live beside the query log; --no-log writes nothing to disk, the caches included, nor is a folder that
    # cannot be written tried: the line said at exit (_close) tells it, not one log line per cache (trial 8's F10)
    writable = not args.no_log and _writable(resolve_db_path(args.db, settings).parent)
    if writable:
        assistant = Assistant.from_directory(directory, cache_path_beside(resolve_db_path(args.db, settings)))
    else:  # what the bot serves, from its knowledge cache read only (trial 10 M1: --no-log showed the files)
        assistant = Assistant.as_served(directory, resolve_db_path(args.db, settings).parent)
    kb = assistant.knowledge
    if kb.errors:
        print(f"warning: {_problems(kb)}; run `python -m bot knowledge check {directory}` for details",
              file=sys.stderr)
    if not kb.passages:
        print(f"error: no passage could be loaded from {directory}", file=sys.stderr)
        return EXIT_USAGE
    querylog = None
    if not args.no_log:
        db_path = resolve_db_path(args.db, settings)
        try:
            querylog = await QueryLog.open(db_path, secret=log_secret(settings), busy_timeout=LOG_WAIT_SECONDS,
                                           report_incidents=False,  # said in one line at exit (_close)
                                           create_secret=False)  # the CLI logs no member: it never makes a secret
            if querylog.secret_problem:  # one plain line, not a logger record (trial 10 M5)
                print(f"warning: {querylog.secret_problem}", file=sys.stderr)
        except (QueryLogError, OSError) as error:
            print(f"warning: the query log {db_path} cannot be used ({error}); answering without logging",
                  file=sys.stderr)
    return assistant, querylog


def _questions(args: argparse.Namespace) -> Iterable[tuple[int, str]] | None:
    """``(line number, question)``: the line of ``--file`` (blank lines skipped), 0 for the command line."""
    if args.file and args.question:
        return None
    if args.file:
        if args.file == "-":
            return ((n, line.rstrip("\n")) for n, line in enumerate(sys.stdin, start=1) if line.strip())
        text = decode(Path(args.file).read_bytes())  # as knowledge files: a UTF-16 or Latin-1 file is named (trial 7)
        return [(n, line) for n, line in enumerate(split_lines(text), start=1) if line.strip()]
    if args.question is None:
        return None
    return [(0, args.question)]


def _looks_like_a_command(line: str) -> bool:
    """One word starting with "/" ("/foo", "/topic"): a command the chat does not know."""
    word = line.strip()
    return word.startswith("/") and len(word) > 1 and not any(c.isspace() for c in word)


def run_ask(args: argparse.Namespace) -> int:
    return quietly_on_broken_pipe(lambda: asyncio.run(_ask(args)))


async def _ask(args: argparse.Namespace) -> int:
    args.console = console()
    # checked before it is read; not only a regular file: `--file <(grep … questions.txt)` is a pipe (/dev/fd/63)
    if args.file and args.file != "-" and (not Path(args.file).exists() or Path(args.file).is_dir()):
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    try:
        questions = _questions(args)
    except OSError as exc:  # unreadable (permissions, an I/O error): one line, never a traceback
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except FileProblem as problem:  # not UTF-8 text, or empty: the moderator's questions would be read as garbage
        print(f"error: {args.file}:{problem.line}: {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    if questions is None:
        print("usage: python -m bot ask \"QUESTION\" | --file FILE  (give one of them)", file=sys.stderr)
        return EXIT_USAGE
    setup = await _setup(args)
    if isinstance(setup, int):
        return setup
    assistant, querylog = setup
    status = 0
    try:
        for line, question in questions:
            status = max(status, await _answer_one(assistant, querylog, question, args, line=line))
    finally:
        await _close(assistant, querylog)
    return status if not args.file else 0


async def _answer_one(
    assistant: Assistant,
    querylog: QueryLog | None,
    question: str,
    args: argparse.Namespace,
    conversations: Conversations | None = None,
    line: int = 0,
) -> int:
    try:
        text = clean_question(question)
        understood, read = text, assistant.read_language(text)
        language = args.lang or read or DEFAULT_LANGUAGE  # "Kono" alone: English (the last question's in chat)
        if conversations is not None:  # chat: a follow-up is read with the previous question's subject
            language = args.lang or conversations.language(CHAT_PLACE, read, DEFAULT_LANGUAGE)
            understood, language = await assistant.understand(conversations, CHAT_PLACE, text, language)
        quoted = conversations.already_quoted(CHAT_PLACE, text, understood) if conversations else frozenset()
        searched = conversations.searched(CHAT_PLACE, text, understood) if conversations else text  # not "autre"
        answer, alone = await assistant.answer_follow_up(searched, text, language or DEFAULT_LANGUAGE, quoted)
        if alone is not None:  # read with the subject it found nothing; on its own it is answered
            understood, searched = text, alone
        if conversations is not None:  # "tell me more" and nothing left unquoted: it says so
            answer = conversations.nothing_more(CHAT_PLACE, understood, answer, quoted)
        if searched != understood:
            answer = replace(answer, question=understood)
    except QuestionError as error:
        message = t(error.key, args.lang, **error.values)
        if args.json:
            found = {"question": question, "error": error.key, "message": message}
            print(json.dumps({**found, "line": line} if line else found, ensure_ascii=False))
        elif line:  # which line of --file, and its start, so the moderator finds it
            shown = question.strip()
            shown = shown if len(shown) <= QUOTED else shown[: QUOTED - 1] + ELLIPSIS
            print(f"{_file_name(args)}:{line}: {message} ({shown!r})" if shown else
                  f"{_file_name(args)}:{line}: {message}", file=sys.stderr)
        else:
            print(message, file=sys.stderr)
        return EXIT_USAGE
    sources = conversations is not None and asks_for_sources(answer)  # "source?" in chat: the last answer's
    previous = conversations.last_answer(CHAT_PLACE) if conversations is not None and sources else None
    if conversations is not None:
        conversations.remember(CHAT_PLACE, text, understood, answer)
    if querylog is not None:  # committed before the answer is printed, as the bot does before sending it: a killed
        # `ask --file` has logged every answer it printed (trial 10 M3: a batch of up to 100 was lost)
        await querylog.record_durably(LogEntry.from_answer(answer, frontend="cli", typed=text), wait=LOG_WAIT_SECONDS)
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False))
    elif sources:
        _print_sources(args, previous, answer.language)
    elif asks_about(answer):  # "about", « à propos », このボットについて: what /about shows
        days = args.settings.log_retention_days
        if args.markdown:
            print("\n".join([f"**{t('about.title', answer.language)}**",
                             *render_about(assistant.knowledge.documents, days, answer.language)]))
        else:
            args.console.print(about_text(assistant.knowledge, days, answer.language))
    elif args.markdown:
        print(render_markdown(answer) + _buttons(answer))
    else:
        if understood != text:
            args.console.print(Text(f"→ {understood}", style="dim"))
        args.console.print(answer_text(answer))
    if args.file and not args.json:
        print()
    return 0


def _print_sources(args: argparse.Namespace, previous: Answer | None, language: str) -> None:
    """The reply to "source?" in chat: the previous answer's sources (as Markdown with ``--markdown``)."""
    if args.markdown:
        print("\n".join([f"**{t('sources.title', language)}**", *render_sources(previous, language)]))
        return
    cited = sources_of(previous)
    if previous is None or not cited:
        args.console.print(Text(t("sources.none" if previous is None else "sources.nothing", language)))
        return
    lines = [t("sources.of", language, question=" ".join(previous.question.split()))]
    lines += [f"[{c.n}] {c.title} · {c.source}" for c in cited]
    args.console.print(Text("\n".join(lines)))


def _buttons(answer: Answer) -> str:
    """The suggestions an abstention carries: buttons under the embed in Discord, one ``[question]`` a line here."""
    if not answer.suggestions:
        return ""
    title = t("suggestions.title", answer.language)
    return f"\n\n{title} (buttons)\n" + "\n".join(f"[{s.question}]" for s in answer.suggestions)


def _file_name(args: argparse.Namespace) -> str:
    return "<stdin>" if args.file == "-" else str(args.file)


async def _close(assistant: Assistant, querylog: QueryLog | None) -> None:
    if querylog is not None:
        await querylog.close()
        if querylog.lost:
            print(f"warning: {plural('count.questions', querylog.lost, 'en')} not logged: {_log_problem(querylog)}",
                  file=sys.stderr)
    assistant.close()


def _log_problem(querylog: QueryLog) -> str:
    """Why the log could not be written, in the user's terms (sqlite's own words in parentheses)."""
    error = querylog.last_error or "unknown error"
    words = next((said for key, said in LOG_PROBLEMS if key in error.casefold()), "cannot be written")
    if querylog.disk_full:  # SQLite said "disk I/O error"
        words = dict(LOG_PROBLEMS)["disk is full"]
    elif querylog.read_only:  # likewise, of an immutable file or folder
        words = dict(LOG_PROBLEMS)["read-only"]
    return f"the query log {querylog.path} {words} ({error})"


def run_chat(args: argparse.Namespace) -> int:
    return quietly_on_broken_pipe(lambda: asyncio.run(_chat(args)))


async def _chat(args: argparse.Namespace) -> int:
    args.json = False
    args.file = None
    args.console = console()
    setup = await _setup(args)
    if isinstance(setup, int):
        return setup
    assistant, querylog = setup
    kb = assistant.knowledge
    print(f"{len(kb.documents)} documents, {len(kb.passages)} passages ({', '.join(kb.languages)}). "
          "Ask in French, English or Japanese; /topics, /about, /help, /quit (or Ctrl-D).")
    conversations = Conversations()
    loop = asyncio.get_running_loop()
    try:
        while True:
            try:
                question = await loop.run_in_executor(None, input, "? ")
            except EOFError:
                print()
                break
            command, named_in = CHAT_COMMANDS.get(question.strip().casefold(), (None, None))
            # the bot's own words: the command's language, else the last question's
            language = named_in or args.lang or conversations.language(CHAT_PLACE, None, DEFAULT_LANGUAGE)
            if command is ChatCommand.QUIT:
                break
            if command is ChatCommand.TOPICS:
                args.console.print(topics_text(assistant.knowledge, language))
            elif command is ChatCommand.ABOUT:
                args.console.print(about_text(assistant.knowledge, args.settings.log_retention_days, language))
            elif command is ChatCommand.HELP:
                args.console.print(Text(t("chat.help", language)))
            elif _looks_like_a_command(question):  # "/foo": a mistyped command, not a question to search
                args.console.print(Text(t("chat.unknown", language, command=question.strip())))
            elif question.strip():
                await _answer_one(assistant, querylog, question, args, conversations)
            else:
                continue
            print()
    finally:
        await _close(assistant, querylog)
    return 0
