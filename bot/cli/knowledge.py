"""`python -m bot knowledge check|stats|list|history|parity [DIR]`: validate the knowledge files, count and
list what they hold, show the moderators' changes, compare translations."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from bot.cli.common import resolve_db_path, resolve_knowledge_dir
from bot.cli.output import LAST_GOOD, print_json, table
from bot.formatting import MISSING
from bot.knowledge import edits
from bot.knowledge.loader import load_knowledge
from bot.knowledge.parity import gaps, groups
from bot.knowledge.served import ADDED, REMOVED, AsServed, load_as_served
from bot.models import ChatKind, KnowledgeBase, LoadError, column
from bot.search.analysis import analyze, is_cjk
from bot.search.cleanup import fold
from bot.search.retriever import indexable


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("knowledge", help="check the knowledge files or show what they contain")
    parser.set_defaults(func=lambda _args: _usage(parser))
    commands = parser.add_subparsers(dest="knowledge_command", metavar="SUBCOMMAND")

    check = commands.add_parser("check", help="report every problem in the knowledge files (exit 1 if any) and "
                                              "what a reload of the bot would add, change or remove")
    _folder_arguments(check)
    check.add_argument("--db", metavar="PATH", help="the bot's query log, beside which it remembers what it serves "
                                                    "(default: BOT_DB_PATH or data/queries.db; read, never written)")
    check.set_defaults(func=run_check)

    stats = commands.add_parser("stats", help="count documents, passages, languages and glossary entries")
    _folder_arguments(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(func=run_stats)

    listing = commands.add_parser("list", help="every document: id, language, passages, file")
    _folder_arguments(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    changes = commands.add_parser("history", help="the last changes made with /kb (who, when, what, file hash)")
    _folder_arguments(changes)
    changes.add_argument("--limit", type=int, default=20, help="how many changes (default 20)")
    changes.add_argument("--json", action="store_true", help="print JSON")
    changes.set_defaults(func=run_history)

    parity = commands.add_parser(
        "parity", help="facts (dates, numbers, glossary names) one translation states and another lacks (exit 1 if any)"
    )
    _folder_arguments(parity)
    parity.add_argument("--group", help="only this group of translations")
    parity.add_argument("--json", action="store_true", help="print JSON")
    parity.set_defaults(func=run_parity)


def _folder_arguments(parser: argparse.ArgumentParser) -> None:
    """The folder as ``DIR`` or as ``--knowledge DIR``, the option ``ask``, ``chat``, ``run`` and ``logs`` take."""
    parser.add_argument("directory", nargs="?", type=Path, metavar="DIR", help="knowledge folder (default: settings)")
    parser.add_argument("--knowledge", type=Path, metavar="DIR", dest="knowledge_option", help="the same as DIR")


def _folder(args: argparse.Namespace) -> Path:
    if args.directory and args.knowledge_option and args.directory != args.knowledge_option:
        print(f"error: two knowledge folders given ({args.directory} and --knowledge {args.knowledge_option}); "
              "give one", file=sys.stderr)
        raise SystemExit(2)
    return resolve_knowledge_dir(args.directory or args.knowledge_option, args.settings)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


NOT_FOUND = "knowledge folder not found: {directory}"


def _load(args: argparse.Namespace) -> tuple[Path, KnowledgeBase | None]:
    """Load the requested dir; print a one-line message and return None if it is not a folder."""
    directory = _folder(args)
    if not directory.is_dir():
        print(f"error: {NOT_FOUND.format(directory=directory)}", file=sys.stderr)
        return directory, None
    return directory, load_knowledge(directory)


def format_error(directory: Path, error: LoadError) -> str:
    """``DIR/path:line: message`` so that editors can jump to the line (``DIR/path: message`` for a folder)."""
    where = (directory / error.path).as_posix()
    return f"{where}:{error.line}: {error.message}" if error.line else f"{where}: {error.message}"


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


KEPT_NOTE = "a file the running bot served keeps its last good version there"  # when its memory is not at hand


REMOVED_ANYWHERE = frozenset({ChatKind.GREETINGS, ChatKind.THANKS, ChatKind.POLITENESS, ChatKind.FILLERS})
CORPUS_WORD_PASSAGES = 3  # a chat word in this many passages is a word of the corpus (one or two: "thanks to")
_WORD = re.compile(r"\w+(?:'\w+)*")


def chat_words_of_the_corpus(kb: KnowledgeBase) -> list[LoadError]:
    """Chat phrases removed from every question (greetings, thanks, politeness, fillers) that the corpus's passages
    use: knowledge/README.md's rule "never add a word that can carry the question itself", checked. A phrase of stop
    words only ("so", "well") carries nothing; help phrases count only as a whole message, introductions only
    with their name."""
    passages = kb.passages
    texts = [fold(text + "\n" + "\n".join(questions)) for text, questions
             in zip(column(passages, "text"), column(passages, "questions"), strict=True)]
    in_passages: Counter[str] = Counter()
    for text in texts:
        in_passages.update(set(_WORD.findall(text)))
    found: list[LoadError] = []
    for chat in kb.chat:
        if chat.kind not in REMOVED_ANYWHERE:
            continue
        lines = chat.lines or (0,) * len(chat.phrases)
        for phrase, line in zip(chat.phrases, lines, strict=True):
            folded = fold(phrase)
            words = _WORD.findall(folded)
            if not analyze(phrase, chat.language) or not words:
                continue  # stop words only
            if is_cjk(words[0][0]):
                count = sum(folded in text for text in texts)
            elif all(in_passages[w] >= CORPUS_WORD_PASSAGES for w in words):
                count = in_passages[words[0]] if len(words) == 1 else _with_phrase(folded, texts)
            else:
                continue
            if count >= CORPUS_WORD_PASSAGES:
                found.append(LoadError(chat.path, line, (
                    f'"{phrase}" ({chat.kind.value}) is a word of the corpus ({count} passages use it), and the bot '
                    "removes it from every question before searching: remove it from the list, or members asking "
                    "with it lose it")))
    return found


def _with_phrase(folded: str, texts: list[str]) -> int:
    pattern = re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)")
    return sum(pattern.search(text) is not None for text in texts)


def _changes(directory: Path, seen: AsServed, db: Path, asked: bool) -> list[str]:
    """What a reload would change of what the bot served (trial 10 M7), or why that is not known (said when
    ``--db`` was given; "nothing" too)."""
    if not seen.remembered:
        return [f"what the bot serves is not known here: no knowledge cache of {directory} beside {db} (the bot "
                "keeps it beside its query log)"] if asked else []
    when = f"{seen.served_at:%Y-%m-%d %H:%M} UTC" if seen.served_at else "?"
    before, now = seen.glossary
    glossary = [f"  glossary: {before} entries before, {now} now"] if before != now else []
    if not seen.changes and not glossary:
        return [f"a reload of the bot would change nothing it serves (its last load: {when})"] if asked else []
    lines = [f"a reload of the bot would (compared with its last load, {when}):"]
    for change in seen.changes:
        counts = (f"{_plural(change.now, 'passage')}" if change.action == ADDED else
                  f"{_plural(change.before, 'passage')}" if change.action == REMOVED else
                  f"{change.before} → {_plural(change.now, 'passage')}")
        lines.append(f"  {change.action:<7} {change.doc_id} ({change.path}, {counts})")
    return lines + glossary


def run_check(args: argparse.Namespace) -> int:
    directory = _folder(args)
    if not directory.is_dir():
        print(f"error: {NOT_FOUND.format(directory=directory)}", file=sys.stderr)
        return 2
    db = resolve_db_path(args.db, args.settings)
    seen = load_as_served(directory, db.parent)  # as the bot serves it: a broken file it served is kept (M1)
    kb = indexable(seen.kb)  # a file the index cannot analyse is reported as a start would skip it
    kb.warnings.extend(chat_words_of_the_corpus(kb))
    for error in kb.errors:
        print(format_error(directory, error))
    for path in kb.kept:
        where = (directory / path).as_posix()
        since = f" ({LAST_GOOD.format(when=kb.kept_since[path])})" if path in kb.kept_since else ""
        print(f"{where}: the bot keeps serving its last good version{since} until the problems above are fixed")
    for warning in kb.warnings:
        print(format_error(directory, LoadError(warning.path, warning.line, f"warning: {warning.message}")))
    for line in _changes(directory, seen, db, asked=args.db is not None):
        print(line)
    loaded = (
        f"{_plural(len(kb.documents), 'document')}, {_plural(len(kb.passages), 'passage')}, "
        f"{_plural(len(kb.glossary), 'glossary entry', 'glossary entries')}"
    )
    if kb.errors:
        files = len({e.path for e in kb.errors})
        keeps = "keeps its" if len(kb.kept) == 1 else "keep their"
        fate = (f"skipped; {KEPT_NOTE}" if not seen.remembered else
                f"skipped, but {_plural(len(kb.kept), 'file')} the bot served {keeps} last good version" if kb.kept
                else "skipped")
        print(f"{_plural(len(kb.errors), 'error')} in {_plural(files, 'file')} ({fate}); loaded {loaded}")
        return 1
    if not kb.passages:  # as `ask` and the bot treat it: nothing to answer from
        print(f"error: no passage to serve in {directory}: add .md documents, .txt texts with a .meta.yaml "
              "sidecar or FAQ .yaml files (see knowledge/README.md)", file=sys.stderr)
        return 1
    warned = f" ({_plural(len(kb.warnings), 'warning')})" if kb.warnings else ""
    print(f"OK: no errors{warned}; loaded {loaded}")
    return 0


def stats_of(kb: KnowledgeBase) -> dict:
    """The numbers shown by ``knowledge stats``."""
    return {
        "directory": kb.directory,
        "documents": len(kb.documents),
        "documents_by_kind": dict(sorted(Counter(d.kind for d in kb.documents).items())),
        "passages": len(kb.passages),
        "passages_by_language": dict(sorted(Counter(p.language for p in kb.passages).items())),
        "languages": kb.languages,
        "glossary_entries": len(kb.glossary),
        "errors": len(kb.errors),
    }


def _counts(mapping: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in mapping.items()) or "none"


def run_stats(args: argparse.Namespace) -> int:
    _directory, kb = _load(args)
    if kb is None:
        return 2
    stats = stats_of(kb)
    if args.json:
        print_json(stats, indent=None, sort_keys=True)
        return 0
    print(table(None, [
        ("knowledge folder:", stats["directory"]),
        ("documents:", f"{stats['documents']} ({_counts(stats['documents_by_kind'])})"),
        ("passages:", f"{stats['passages']} ({_counts(stats['passages_by_language'])})"),
        ("languages:", ", ".join(stats["languages"]) or "none"),
        ("glossary entries:", stats["glossary_entries"]),
        ("errors:", f"{stats['errors']}" + (" (run: python -m bot knowledge check)" if kb.errors else "")),
    ], gap=1))
    return 0


def run_list(args: argparse.Namespace) -> int:
    _directory, kb = _load(args)
    if kb is None:
        return 2
    documents = sorted(kb.documents, key=lambda d: d.path)
    if args.json:
        print_json([
            {"id": d.id, "language": d.language, "passages": d.passage_count, "path": d.path, "group": d.group}
            for d in documents
        ])
        return 0
    rows = [(d.id, d.language, d.passage_count, d.path) for d in documents]
    print(table(("id", "language", "passages", "file"), rows, right=(2,)))
    return 0


def run_history(args: argparse.Namespace) -> int:
    directory = _folder(args)
    if not directory.is_dir():
        print(f"error: {NOT_FOUND.format(directory=directory)}", file=sys.stderr)
        return 2
    changes = edits.history(directory, max(args.limit, 1))
    if args.json:
        print_json(changes)
        return 0
    if not changes:
        print(f"no change recorded in {directory / edits.HISTORY_FILE}")
        return 0
    rows = [(c.when, c.who or MISSING, c.action, c.id or MISSING, c.path, c.sha256[:12]) for c in changes]
    print(table(("when", "moderator (Discord id)", "action", "id", "file", "sha256"), rows))
    return 0


PREVIEW_CHARS = 70


def run_parity(args: argparse.Namespace) -> int:
    _directory, kb = _load(args)
    if kb is None:
        return 2
    found = [g for g in gaps(kb) if args.group in (None, g.group)]
    translated = groups(kb)
    if args.json:
        print_json([
            {"group": g.group, "lacking": g.lacking.path, "path": g.passage.path, "line": g.passage.line,
             "passage_id": g.passage.id, "facts": list(g.facts)}
            for g in found
        ])
        return 1 if found else 0
    by_document: dict[str, list] = {}
    for gap in found:
        by_document.setdefault(gap.lacking.path, []).append(gap)
    for path, items in by_document.items():
        print(f"{path} ({items[0].lacking.id}) lacks the passages about:")
        for gap in items:
            text = " ".join(gap.passage.text.split())
            preview = text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"
            print(f"  {gap.passage.path}:{gap.passage.line}  {', '.join(gap.facts)} — \"{preview}\"")
        print()
    documents = sum(len(docs) for docs in translated.values())
    summary = f"{_plural(len(translated), 'group')} of translations ({_plural(documents, 'document')})"
    if not found:
        print(f"OK: {summary}, no fact missing from a translation")
        return 0
    print(f"{_plural(len(found), 'passage')} missing from {_plural(len(by_document), 'document')}; {summary}")
    return 1
