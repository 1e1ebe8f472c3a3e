"""``python -m bot ask`` and ``python -m bot chat``: the answering pipeline in a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from bot.assistant import Assistant
from bot.cli.common import log_secret, resolve_db_path, resolve_knowledge_dir
from bot.i18n import t
from bot.models import Answer
from bot.querylog.store import LogEntry, QueryLog, QueryLogError
from bot.questions import QuestionError
from bot.render import render_markdown
from bot.search.cache import cache_path_beside

EXIT_USAGE = 2


def register(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser("ask", help="answer one question (or one per line of --file) with cited snippets")
    ask.add_argument("question", nargs="?", help="the question, in French, English or Japanese")
    ask.add_argument("--file", help="answer each line of FILE ('-' for standard input)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    _common_options(ask)
    ask.set_defaults(func=run_ask)

    chat = sub.add_parser("chat", help="interactive session in the terminal (type a question, Ctrl-D to quit)")
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


async def _setup(args: argparse.Namespace) -> tuple[Assistant, QueryLog | None] | int:
    settings = args.settings
    directory = resolve_knowledge_dir(args.knowledge, settings)
    if not directory.is_dir():
        print(f"error: knowledge directory not found: {directory}", file=sys.stderr)
        return EXIT_USAGE
    # the index cache lives beside the query log; --no-log writes nothing to disk, the cache included
    cache = None if args.no_log else cache_path_beside(resolve_db_path(args.db, settings))
    assistant = Assistant.from_directory(directory, cache)
    kb = assistant.knowledge
    if kb.errors:
        print(f"warning: {len(kb.errors)} knowledge file problem(s) skipped; "
              f"run `python -m bot knowledge check {directory}` for details", file=sys.stderr)
    if not kb.passages:
        print(f"error: no passage could be loaded from {directory}", file=sys.stderr)
        return EXIT_USAGE
    querylog = None
    if not args.no_log:
        db_path = resolve_db_path(args.db, settings)
        try:
            querylog = await QueryLog.open(db_path, secret=log_secret(settings))
        except (QueryLogError, OSError) as error:
            print(f"warning: the query log {db_path} cannot be used ({error}); answering without logging",
                  file=sys.stderr)
    return assistant, querylog


def _questions(args: argparse.Namespace) -> Iterable[str] | None:
    if args.file and args.question:
        return None
    if args.file:
        if args.file == "-":
            return (line.rstrip("\n") for line in sys.stdin if line.strip())
        text = Path(args.file).read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip()]
    if args.question is None:
        return None
    return [args.question]


def run_ask(args: argparse.Namespace) -> int:
    return asyncio.run(_ask(args))


async def _ask(args: argparse.Namespace) -> int:
    questions = _questions(args)
    if questions is None:
        print("usage: python -m bot ask \"QUESTION\" | --file FILE  (give one of them)", file=sys.stderr)
        return EXIT_USAGE
    if args.file and args.file != "-" and not Path(args.file).is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    setup = await _setup(args)
    if isinstance(setup, int):
        return setup
    assistant, querylog = setup
    status = 0
    try:
        for question in questions:
            status = max(status, await _answer_one(assistant, querylog, question, args))
    finally:
        await _close(assistant, querylog)
    return status if not args.file else 0


async def _answer_one(assistant: Assistant, querylog: QueryLog | None, question: str, args: argparse.Namespace) -> int:
    try:
        answer = await assistant.ask(question, args.lang)
    except QuestionError as error:
        message = t(error.key, args.lang, **error.values)
        if args.json:
            print(json.dumps({"question": question, "error": error.key, "message": message}, ensure_ascii=False))
        else:
            print(message, file=sys.stderr)
        return EXIT_USAGE
    if querylog is not None:
        querylog.record(LogEntry.from_answer(answer, frontend="cli"))
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False))
    else:
        print(render_markdown(answer))
        if args.file:
            print()
    return 0


async def _close(assistant: Assistant, querylog: QueryLog | None) -> None:
    if querylog is not None:
        await querylog.close()
    assistant.close()


def run_chat(args: argparse.Namespace) -> int:
    return asyncio.run(_chat(args))


async def _chat(args: argparse.Namespace) -> int:
    args.json = False
    args.file = None
    setup = await _setup(args)
    if isinstance(setup, int):
        return setup
    assistant, querylog = setup
    kb = assistant.knowledge
    print(f"{len(kb.documents)} documents, {len(kb.passages)} passages ({', '.join(kb.languages)}). "
          "Ask in French, English or Japanese; Ctrl-D or /quit to leave.")
    loop = asyncio.get_running_loop()
    try:
        while True:
            try:
                question = await loop.run_in_executor(None, input, "? ")
            except EOFError:
                print()
                break
            if question.strip() in ("/quit", "/exit"):
                break
            if not question.strip():
                continue
            await _answer_one(assistant, querylog, question, args)
            print()
    finally:
        await _close(assistant, querylog)
    return 0
