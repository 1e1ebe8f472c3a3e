"""Plain data types shared by the knowledge loader, the retrieval core and the front ends.

Nothing here knows about Discord, SQLite or the file system.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal, get_args

Language = Literal["fr", "en", "ja"]
"""The languages of the corpus, of questions and of the bot's own words."""
LANGUAGES: tuple[Language, ...] = get_args(Language)


def served_language(tag: object) -> Language | None:
    """The served language a tag names (``fr``, ``EN``, ``en-US``, ``fr_CA``, a Discord locale), or None.

    Case is ignored and a regional tag names its language: moderators copy such tags, Discord sends them."""
    if not isinstance(tag, str):
        return None
    primary = tag.lower().replace("_", "-").split("-", 1)[0]
    return next((language for language in LANGUAGES if language == primary), None)

PassageKind = Literal["document", "faq"]
"""A paragraph of a document, or one FAQ entry (its questions are matched too)."""

AbstentionReason = Literal[
    "", "no-terms", "no-match", "low-coverage", "low-score", "small-talk", "wrong-kind",
    "missing-number", "after-corpus", "uncounted", "unnamed", "unreported", "no-more",
]
"""Why retrieval gave no answer; "" when it answered. Stored as is in the query log. The evidence reasons
(bot.search.evidence): a number of the question not in the best passage, a question about after the corpus
(today, a successor, the next edition), "how many X" without a number of X, "what is it called" without a name;
"unreported": a why-question about a past event the corpus never reports (a word of it the corpus has nowhere, or
no cited passage holding all its words), or a when-question about an event the corpus has no word for (built);
"no-more": "tell me more" or "who else?" after an answer, and no passage on its question is left that it did not
quote (bot.conversation)."""

class RefusalReason(StrEnum):
    """Why a member's question was refused before retrieval (never logged as a question, counted per hour in the
    ``refusals`` table). The values are what the log stores; the order is the one reports list them in."""

    COOLDOWN = "cooldown"  # over the rate limit
    DUPLICATE = "duplicate"  # the same question again, just answered
    INVALID = "invalid"  # empty, or too long to hold a question


FrontEnd = Literal["cli", "discord"]
"""Where a question was asked; stored as is in the query log."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One retrievable unit: a paragraph of a document or one FAQ entry."""

    id: str  # stable id, "doc_id#slug-hash" anchored on heading and content (bot.knowledge.ids)
    doc_id: str
    title: str  # the document title
    source: str  # URL the facts come from
    language: Language
    text: str  # the passage text as written (Markdown allowed)
    heading: str = ""  # nearest section heading, used as context for matching
    kind: PassageKind = "document"
    questions: tuple[str, ...] = ()  # FAQ phrasings (empty for documents)
    path: str = ""  # file the passage comes from, relative to the knowledge dir
    line: int = 0  # first line of the passage in that file
    tags: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Callable[..., Passage], tuple]:
        """Pickled as its fields, rebuilt by :func:`unpickle_passage`: the parsed-files cache pickles every passage,
        and the dataclass's own state methods (a Python loop over its fields, per passage) took 4x the time."""
        return unpickle_passage, (self.id, self.doc_id, self.title, self.source, self.language, self.text,
                                  self.heading, self.kind, self.questions, self.path, self.line, self.tags)


_SET = {name: getattr(Passage, name).__set__ for name in Passage.__slots__}  # the slots' own setters


def unpickle_passage(
    id: str, doc_id: str, title: str, source: str, language: Language, text: str, heading: str, kind: PassageKind,
    questions: tuple[str, ...], path: str, line: int, tags: tuple[str, ...], _new: Callable = object.__new__,
) -> Passage:
    """A Passage of its fields, each slot set directly: the frozen dataclass's ``__init__`` calls
    ``object.__setattr__`` once per field, 1.6x the time for the 100,000 passages a restart reads from the
    parsed-files cache."""
    passage = _new(Passage)
    _SET["id"](passage, id)
    _SET["doc_id"](passage, doc_id)
    _SET["title"](passage, title)
    _SET["source"](passage, source)
    _SET["language"](passage, language)
    _SET["text"](passage, text)
    _SET["heading"](passage, heading)
    _SET["kind"](passage, kind)
    _SET["questions"](passage, questions)
    _SET["path"](passage, path)
    _SET["line"](passage, line)
    _SET["tags"](passage, tags)
    return passage


_FIELDS = Passage.__slots__  # a passage's fields, in order (as unpickle_passage takes them)
_TEXT = _FIELDS.index("text")
PASSAGES_KEPT = 4096  # passages made from columns and kept between questions (see Passages)


class PassageBlock(Sequence[Passage]):
    """One file's passages as columns, as the parsed-files cache keeps them: a Passage is made when it is read.

    A restart read 100,000 passages from that cache and made each one (a Python call per passage, its text decoded)
    before the first question; an answer reads a few dozen. The texts stay one UTF-8 buffer, cut when read."""

    __slots__ = ("_columns", "_ends", "_texts")

    def __init__(self, columns: tuple[list, ...], texts: bytes, ends: list[int]) -> None:
        """``columns``: every field but the text, a list each (in ``Passage.__slots__`` order); ``ends``: where
        each passage's text ends in ``texts``."""
        if len(columns) != len(_FIELDS) - 1 or any(len(c) != len(ends) for c in columns):
            raise ValueError("passage columns of different lengths")
        self._columns = columns
        self._texts = texts
        self._ends = ends

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> PassageBlock:
        encoded = [p.text.encode("utf-8", "surrogatepass") for p in passages]
        ends, at = [], 0
        for text in encoded:
            at += len(text)
            ends.append(at)
        columns = tuple([getattr(p, name) for p in passages] for name in _FIELDS if name != "text")
        return cls(columns, b"".join(encoded), ends)

    def __reduce__(self) -> tuple[type[PassageBlock], tuple]:
        return PassageBlock, (self._columns, self._texts, self._ends)

    def __len__(self) -> int:
        return len(self._ends)

    def _text(self, i: int) -> str:
        return self._texts[self._ends[i - 1] if i else 0 : self._ends[i]].decode("utf-8", "surrogatepass")

    def __getitem__(self, i: int) -> Passage:  # type: ignore[override]  # one passage (no slices: see Passages)
        if i < 0:
            i += len(self._ends)
        if not 0 <= i < len(self._ends):
            raise IndexError(i)
        fields = [column[i] for column in self._columns]
        fields.insert(_TEXT, self._text(i))
        return unpickle_passage(*fields)

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self._ends)))

    def column(self, name: str) -> list:
        """Every passage's ``name`` field, no passage made."""
        if name == "text":
            return [self._text(i) for i in range(len(self._ends))]
        return self._columns[_FIELDS.index(name) - (_FIELDS.index(name) > _TEXT)]

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Passages(Sequence[Passage]):
    """A knowledge base's passages, file after file: lists (files parsed now) or blocks (from the parsed-files
    cache), read where they lie; the last PASSAGES_KEPT passages read are kept (a question reads the same few
    dozen many times). ``column`` reads one field of every passage without making them."""

    __slots__ = ("_chunks", "_kept", "_starts")

    def __init__(self, chunks: Iterable[Sequence[Passage]] = ()) -> None:
        self._chunks: list[Sequence[Passage]] = []
        self._starts: list[int] = [0]  # where each chunk starts, and the total last
        self._kept: dict[int, Passage] = {}
        for chunk in chunks:
            self.extend(chunk)

    def extend(self, chunk: Sequence[Passage]) -> None:
        """Add one file's passages (kept as they are: a block is not read)."""
        if len(chunk):
            self._chunks.append(chunk)
            self._starts.append(self._starts[-1] + len(chunk))

    @property
    def chunks(self) -> tuple[Sequence[Passage], ...]:
        """Each file's passages as added: a list (parsed now) or a PassageBlock (from the cache, made when read)."""
        return tuple(self._chunks)

    def __len__(self) -> int:
        return self._starts[-1]

    def __getitem__(self, i: int | slice) -> Passage | list[Passage]:  # type: ignore[override]
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step == 1:  # a run (a file's passages, for the index): read chunk by chunk, not kept
                return self._run(start, stop)
            return [self._one(j) for j in range(start, stop, step)]
        passage = self._kept.get(i)
        return passage if passage is not None else self._one(i)

    def _one(self, i: int) -> Passage:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        k = bisect.bisect_right(self._starts, i) - 1
        passage = self._chunks[k][i - self._starts[k]]
        if len(self._kept) >= PASSAGES_KEPT:
            self._kept = {}  # a fresh dict, not clear(): another thread may be reading the old one
        self._kept[i] = passage
        return passage

    def _run(self, start: int, stop: int) -> list[Passage]:
        out: list[Passage] = []
        k = bisect.bisect_right(self._starts, start) - 1
        while start < stop:
            chunk, first = self._chunks[k], self._starts[k]
            end = min(stop, self._starts[k + 1])
            out += [chunk[j] for j in range(start - first, end - first)]
            start, k = end, k + 1
        return out

    def __iter__(self) -> Iterator[Passage]:
        for chunk in self._chunks:
            yield from chunk

    def column(self, name: str) -> list:
        """Every passage's ``name`` field, in order; a block's passages are not made."""
        out: list = []
        for chunk in self._chunks:
            out.extend(column(chunk, name))
        return out

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


def column(passages: Sequence[Passage], name: str) -> list:
    """Every passage's ``name`` field (``language``, ``doc_id``, ...), read from the columns of a knowledge base's
    cached files without making their passages."""
    if isinstance(passages, PassageBlock | Passages):
        return passages.column(name)
    return [getattr(p, name) for p in passages]


@dataclass(frozen=True, slots=True)
class Document:
    """A knowledge file's metadata (one Markdown/text file or one FAQ entry group)."""

    id: str
    title: str
    language: Language
    source: str
    path: str
    kind: PassageKind = "document"
    date: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    passage_count: int = 0
    group: str | None = None  # translations of each other share a group (front matter "group")
    translation_of: str | None = None  # or point at the document they translate


@dataclass(frozen=True, slots=True)
class LoadError:
    """A problem in one knowledge file, reported as ``path:line: message`` (``path: message`` for a folder,
    whose line is 0)."""

    path: str
    line: int
    message: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """Names of one concept across languages and spellings, and descriptions a member may write for it."""

    id: str
    terms: tuple[str, ...]
    path: str = ""  # the glossary file it comes from
    # descriptions in general words ("a Japanese start-up label"): each a tuple of slots, each slot its alternatives
    # (Japanese|Japan|Tokyo, start-up|young company, label|programme); a question holding one word of every slot
    # also looks for the entry's names (bot.search.retriever)
    described: tuple[tuple[tuple[str, ...], ...], ...] = ()


class ChatKind(StrEnum):
    """What a chat phrase is: words members write around a question (removed before search) or a call for help."""

    GREETINGS = "greetings"
    THANKS = "thanks"
    POLITENESS = "politeness"
    FILLERS = "fillers"
    HELP = "help"  # only ever a whole message ("help", "aide", "ヘルプ"): small talk
    INTRODUCTIONS = "introductions"  # "I'm {name}", "je m'appelle {name}", "{name}です": the member's own name
    SOURCES = "sources"  # only ever a whole message ("source?", "lien ?", "ソースは？"): the last answer's sources
    MORE = "more"  # only ever a whole message ("tell me more", "plus de détails", もっと詳しく): asked again
    ABOUT = "about"  # only ever a whole message ("about", « à propos », このボットについて): what /about says
    CONTEXT = "context"  # what the member says of their own situation before the question ("I'm writing a paper for
    # Sciences Po, who signed?", « je prépare un exposé pour… », 「レポートを書いているんですが、」): the opening
    # phrase, its clause up to the punctuation that closes it is never searched


NAME_SLOT = "{name}"  # where the member's name goes in an introduction phrase
# phrases that are a request only as the whole message
WHOLE_MESSAGE_KINDS = (ChatKind.HELP, ChatKind.SOURCES, ChatKind.MORE, ChatKind.ABOUT)


@dataclass(frozen=True, slots=True)
class ChatPhrases:
    """Moderator-editable phrases of one kind in one language (a ``type: chat`` knowledge file)."""

    language: str
    kind: ChatKind
    phrases: tuple[str, ...]
    lines: tuple[int, ...] = ()  # each phrase's line in its file (for knowledge check)
    path: str = ""  # the file, as the loader found it


@dataclass(frozen=True, slots=True)
class RelatedWords:
    """A word or phrase members write and the words the sources use for it (a ``type: related`` file).

    One way: a question saying ``phrase`` also looks for ``means``, never the reverse.
    """

    language: str
    phrase: str
    means: tuple[str, ...]
    line: int = 0  # where the phrase is written in its file


@dataclass(slots=True)
class KnowledgeBase:
    """Everything loaded from a knowledge directory, with the errors of that load."""

    documents: list[Document]
    passages: Sequence[Passage]  # a list, or Passages (the loader's: files read from the cache stay columns)
    glossary: list[GlossaryEntry]
    errors: list[LoadError]
    directory: str = ""
    chat: list[ChatPhrases] = field(default_factory=list)
    related: list[RelatedWords] = field(default_factory=list)
    warnings: list[LoadError] = field(default_factory=list)  # loaded anyway (an ignored key, another language)
    kept: list[str] = field(default_factory=list)  # files with errors served in their last good version
    kept_since: dict[str, datetime] = field(default_factory=dict)  # ... and when that version was last modified
    loaded_at: datetime | None = None
    _positions: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def languages(self) -> list[Language]:
        return sorted(set(column(self.passages, "language")))

    def passage_index(self, passage_id: str) -> int | None:
        """Where passage ``passage_id`` is in ``passages`` (the first, if two share it), None when it is not served.
        The table of every id is built at first use, in the thread that asks (the retrieval worker: it reads the
        whole corpus), and kept with this knowledge base (a reload builds another)."""
        if self._positions is None:
            positions: dict[str, int] = {}
            for i, pid in enumerate(column(self.passages, "id")):
                positions.setdefault(pid, i)
            self._positions = positions
        return self._positions.get(passage_id)


@dataclass(frozen=True, slots=True)
class Citation:
    n: int  # 1-based number of its source in the answer (two quotes of one document share it)
    doc_id: str
    passage_id: str
    title: str
    source: str
    language: Language
    snippet: str  # plain text: the best sentence(s) of the passage
    score: float
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) spans in snippet to highlight

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "passage_id": self.passage_id,
            "title": self.title,
            "source": self.source,
            "language": self.language,
            "snippet": self.snippet,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A question the bot can answer, offered when it abstains: an FAQ entry's first phrasing."""

    passage_id: str  # the FAQ entry (a button carries it, so the question is found again after a restart)
    question: str


class AnswerKind(StrEnum):
    """What kind of reply an Answer is: cited passages, an abstention, or a reply to small talk (no passages)."""

    ANSWER = "answer"
    NOT_FOUND = "not-found"
    SMALL_TALK = "small-talk"


@dataclass(slots=True)
class Answer:
    question: str
    language: Language  # language of the question
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    reason: AbstentionReason = ""  # why it abstained ("small-talk": not a question), for the log and debugging
    kind: AnswerKind = AnswerKind.ANSWER
    summary: str = ""  # the sentence(s) of the first citation said first (quoted, never written); "" when abstaining
    suggestions: list[Suggestion] = field(default_factory=list)  # FAQ questions it can answer, when abstaining
    chat: frozenset[ChatKind] = frozenset()  # small talk: the kinds of chat phrases it was made of ("merci": thanks)
    parts: list[Answer] = field(default_factory=list)  # a message of several questions: each one's answer, in order
    # (bot.search.several); the citations above are theirs, numbered across the reply

    @property
    def small_talk(self) -> bool:
        return self.kind is AnswerKind.SMALL_TALK
