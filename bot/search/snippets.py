"""The part of a passage worth quoting: the sentence (or two adjacent ones) that best matches the query."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence

from bot.knowledge.ids import single_spaced
from bot.limits import ELLIPSIS
from bot.search.analysis import analyze_spans, sentences_token_sets
from bot.search.wordlists import WordList, word_set, words_of

MAX_SNIPPET_CHARS = 300

# the end mark, then what stays with the sentence (closing quotes), then the space after it; the pattern opens on one
# class of every end mark, which the regex engine looks for at C speed (a look-behind was tried at every character;
# two alternatives each opening on its own class were tried at every character too: 3x slower), and the mark just
# read tells the alternative. A Latin end mark ends no sentence when the text goes on in lower case or with a
# bracket: a title quoted inside the sentence (« … dans la tech ? » (an alternative…) and « … »), "e.g. this"
_SENTENCE_END_RE = re.compile(
    r"[.!?…。！？](?:(?<=[.!?…])((?:\s?[\"»”’)\]])*+)\s+(?![a-zà-ÿ(])|(?<=[。！？])([」』）]*)\s*)")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP_RE = re.compile(r"(\*\*|__|`|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_MD_LINE_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_SPACES_RE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """Passage text without Markdown markup (links keep their text), on one line.

    Each pattern runs only when the text holds a character it needs (a one-line text: the line prefix is
    looked for at its start alone); spaces are collapsed as str.split collapses them (the same whitespace as ``\\s``),
    a text already single-spaced kept without a split (most passages: a few C scans, 5x faster on an abstract)."""
    text = _MD_LINK_RE.sub(r"\1", markdown) if "[" in markdown else markdown
    if "\n" in text:
        text = _MD_LINE_PREFIX_RE.sub("", text)
    elif prefix := _MD_LINE_PREFIX_RE.match(text):
        text = text[prefix.end() :]
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _MD_MARKUP_RE.sub("", text)
    return single_spaced(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text: fr/en end on . ! ? …, Japanese on 。！？ (closing quotes stay attached)."""
    sentences = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.start() + 1 + len(match.group(1) or match.group(2) or "")  # the mark and its closing quotes
        if end > start:
            sentences.append(text[start:end].strip())
        start = match.end()
    if start < len(text) and text[start:].strip():
        sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``split_sentences(text)`` begins in ``text``, a plain text (``plain_text``: no space at
    its start): at its start and after each sentence's end, whose pattern takes the spaces after it."""
    if not text:
        return []
    return [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text) if m.end() < len(text))]


class PreparedText:
    """A passage made ready for snippets once: its plain sentences, their tokens, and their tokens' spans.

    ``words[n]``: the tokens of sentence ``n`` (what the window is chosen by, for every sentence); ``spans(n)``:
    the same tokens with their spans in the sentence, made when asked (the one or two sentences quoted, or all of
    them for ``tokens``), then kept: most candidate passages of a question are never quoted.
    """

    __slots__ = ("_joined", "_spans", "language", "sentences", "words")

    def __init__(self, language: str, sentences: tuple[str, ...], words: tuple[frozenset[str], ...]) -> None:
        self.language = language
        self.sentences = sentences
        self.words = words
        self._spans: list[tuple[tuple[str, int, int], ...] | None] = [None] * len(sentences)
        self._joined: dict[tuple[int, int], tuple[tuple[str, int, int], ...]] = {}

    def spans(self, n: int) -> tuple[tuple[str, int, int], ...]:
        """``analyze_spans`` of sentence ``n``, once (two threads racing both make the same tuple)."""
        spans = self._spans[n]
        if spans is None:
            spans = self._spans[n] = tuple(analyze_spans(self.sentences[n], self.language))
        return spans

    def joined_spans(self, i: int, j: int) -> tuple[tuple[str, int, int], ...]:
        """``analyze_spans`` of sentences ``i`` to ``j`` joined as a snippet joins them, once per window: a
        Japanese snippet, whose sentences are joined without a space, is analysed whole (a bigram may span two)."""
        spans = self._joined.get((i, j))
        if spans is None:
            spans = self._joined[i, j] = tuple(
                analyze_spans(_joiner(self.language).join(self.sentences[i:j]), self.language)
            )
        return spans

    @property
    def tokens(self) -> tuple[tuple[tuple[str, int, int], ...], ...]:
        """Every sentence's tokens with their spans in the sentence."""
        return tuple(self.spans(n) for n in range(len(self.sentences)))


def prepare(text: str, language: str) -> PreparedText:
    """Split a passage's text into plain sentences and read their distinct tokens (done once per passage)."""
    plain = plain_text(text)
    sentences = tuple(split_sentences(plain) or ([plain] if plain else []))
    return PreparedText(language, sentences, tuple(sentences_token_sets(sentences, language)))


def _clip(
    text: str, spans: list[tuple[int, int]], limit: int, fact: int | None = None
) -> tuple[str, list[tuple[int, int]]]:
    """Cut ``text`` to ``limit`` characters at word boundaries, keeping the first highlighted word in view
    (or ``fact``, where the asked fact is stated, when the first highlight would push it out)."""
    clipped, kept, _, _ = _cut(text, spans, limit, fact)
    return clipped, kept


def _inside_word(text: str, at: int) -> bool:
    """Whether ``at`` falls between two letters or digits of one word of a spaced script (Japanese has no spaces:
    any place between two characters may be cut)."""
    before, after = text[at - 1], text[at]
    return before.isalnum() and after.isalnum() and before < "\u3000" and after < "\u3000"


def _cut(
    text: str, spans: list[tuple[int, int]], limit: int, fact: int | None = None
) -> tuple[str, list[tuple[int, int]], int, int]:
    """:func:`_clip`, and where the kept part of ``text`` starts and ends."""
    if len(text) <= limit:
        return text, spans, 0, len(text)
    first = min((s for s, _ in spans), default=0)
    if fact is not None and fact - first > limit * 3 // 4:
        first = fact
    start = max(0, first - limit // 4)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    start = min(start, max(0, len(text) - limit + 1))  # near the end: more of what comes before is kept ...
    if start and _inside_word(text, start):  # ... from the start of a word, never from inside one ("…rche entre")
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = start + limit - (2 if start else 1)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + limit // 2:
            end = space
    body = text[start:end].rstrip(" ,;:")
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if start + len(body) < len(text) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= start + len(body)]
    return prefix + body + suffix, kept, start, start + len(body)


def _window(
    prepared: PreparedText, terms: Mapping[str, float], limit: int, stated: Sequence[int | None] = ()
) -> tuple[int, int]:
    """The best sentence, or pair of adjacent sentences, by summed weight of distinct matched terms.

    A best single sentence is followed by the next one when both fit in ``limit``: answers often come just
    after the sentence that repeats the question's words. Sentences that state the asked fact (``stated``, see
    bot.search.lead) come before any others.
    """
    sentences = prepared.sentences
    gap = len(_joiner(prepared.language))
    matched = [words.intersection(terms) for words in prepared.words]
    lengths = [len(s) for s in sentences]
    states = [at is not None for at in stated[: len(sentences)]]
    states += [False] * (len(sentences) - len(states))
    best, best_key = (0, 1), (False, -1.0, 0, 0, 0)
    for i, (length, found, state) in enumerate(zip(lengths, matched, states, strict=True)):
        # the sentence alone, then with the next one when both fit
        key = (state, math.fsum(terms[t] for t in found), -length if length > limit else 0, -1, -i)
        if key > best_key:
            best, best_key = (i, i + 1), key
        if i + 1 < len(sentences) and length + lengths[i + 1] + gap <= limit:
            both = found | matched[i + 1]
            key = (state or states[i + 1], math.fsum(terms[t] for t in both), 0, -2, -i)
            if key > best_key:
                best, best_key = (i, i + 2), key
    i, j = best
    if j == i + 1 and j < len(sentences) and lengths[i] + gap + lengths[j] <= limit:
        j += 1
    if i and _leans_back(sentences[i], prepared.language) and sum(lengths[i - 1:j]) + gap * (j - i) <= limit:
        i -= 1  # « Il a rencontré Mounir Mahjoubi » says who only with the sentence before: « Yoji Muto était… »
    return i, j


_LEADING_CLAUSE = re.compile(r"[^,.;:]{1,60},\s*")  # « Pendant ce séjour en France, il a signé… »
_FIRST_WORD = re.compile(r"[^\W\d_]+['’]?")


def _leans_back(sentence: str, language: str) -> bool:
    """``sentence`` opens on a pronoun (the language's ``pronouns``: il, she, 彼…), maybe after a leading clause: what
    it stands for is in the sentence before."""
    if language == "ja":
        return sentence.startswith(words_of(language, WordList.PRONOUNS))
    pronouns = word_set(language, WordList.PRONOUNS)  # written in lower case
    for start in (0, *(m.end() for m in [_LEADING_CLAUSE.match(sentence)] if m)):
        word = _FIRST_WORD.match(sentence, start)
        if word and word.group().casefold().replace("’", "'") in pronouns:
            return True
    return False


def _joiner(language: str) -> str:
    return "" if language == "ja" else " "


def _merge(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans, overlapping ones or ones separated by a single space merged ("Station F")."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and (s <= merged[-1][1] or (s == merged[-1][1] + 1 and text[s - 1] == " ")):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def make_snippet(
    text: str | PreparedText,
    language: str,
    terms: Mapping[str, float],
    max_chars: int = MAX_SNIPPET_CHARS,
    stated: Sequence[int | None] = (),
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of a passage for query ``terms`` (token -> weight), with its highlight spans.

    ``text`` is the passage text (Markdown allowed) or its :func:`prepare` result; ``stated``: per sentence,
    where it states the asked fact (None: it does not), kept in view when the snippet is cut.
    """
    snippet, spans, _ = quote(text, language, terms, max_chars, stated)
    return snippet, spans


def quote(
    text: str | PreparedText,
    language: str,
    terms: Mapping[str, float],
    max_chars: int = MAX_SNIPPET_CHARS,
    stated: Sequence[int | None] = (),
) -> tuple[str, tuple[tuple[int, int], ...], list[tuple[str, int, int]]]:
    """:func:`make_snippet`, and the snippet's ``analyze_spans`` tokens."""
    snippet, spans, tokens = _quote(text, language, terms, max_chars, stated)
    return snippet, _merge(snippet, spans), tokens


def quote_tokens(
    text: str | PreparedText,
    language: str,
    terms: Mapping[str, float],
    max_chars: int = MAX_SNIPPET_CHARS,
    stated: Sequence[int | None] = (),
    window: tuple[int, int] | None = None,
) -> tuple[str, list[tuple[str, int, int]]]:
    """:func:`quote` without the highlight spans (a candidate quote is read for its words, most are not shown);
    ``window``: the sentences :func:`quote_window` chose, when the caller has it already."""
    snippet, _, tokens = _quote(text, language, terms, max_chars, stated, window)
    return snippet, tokens


def quote_window(
    prepared: PreparedText, terms: Mapping[str, float], max_chars: int, stated: Sequence[int | None] = ()
) -> tuple[int, int]:
    """The sentences ``i`` to ``j`` of the passage that :func:`quote_tokens` quotes (an empty passage: (0, 1))."""
    return _window(prepared, terms, max_chars, stated) if prepared.sentences else (0, 1)


def whole_sentences(
    prepared: PreparedText, window: tuple[int, int], max_chars: int, stated: Sequence[int | None] = ()
) -> tuple[str, frozenset[str]] | None:
    """The quote of ``window`` and its tokens, without their spans, when it is those French or English sentences
    whole (no clause of them cut for a stated fact, within ``max_chars``): read from the sentences' own tokens, not
    analysed (a candidate is read for its words; most are dropped). None when the quote must be analysed."""
    i, j = window
    if not prepared.sentences or not _joiner(prepared.language) or any(at is not None for at in stated[i:j]):
        return None
    snippet = " ".join(prepared.sentences[i:j])
    if len(snippet) > max_chars:
        return None
    return snippet, frozenset().union(*prepared.words[i:j])


def _quote(
    text: str | PreparedText,
    language: str,
    terms: Mapping[str, float],
    max_chars: int,
    stated: Sequence[int | None],
    window: tuple[int, int] | None = None,
) -> tuple[str, list[tuple[int, int]], list[tuple[str, int, int]]]:
    """The snippet, the spans of its words in ``terms`` (not merged) and its tokens.

    A French or English snippet that is its sentences joined by a space (no word spans two of them), or a part of
    them cut between words, has the tokens of its sentences, already read: they are not analysed again.
    """
    prepared = text if isinstance(text, PreparedText) else prepare(text, language)
    if not prepared.sentences:
        return "", [], []
    i, j = window or _window(prepared, terms, max_chars, stated)
    joiner = _joiner(prepared.language)
    snippet = joiner.join(prepared.sentences[i:j])
    spans: list[tuple[int, int]] = []
    tokens: list[tuple[str, int, int]] = []
    offset = 0
    fact: int | None = None  # where the window states the asked fact
    for n, sentence in enumerate(prepared.sentences[i:j]):
        read = prepared.spans(i + n)
        # the window's first sentence is at offset 0: its spans as they are (most windows are one sentence)
        tokens.extend((t, offset + s, offset + e) for t, s, e in read) if offset else tokens.extend(read)
        at = stated[i + n] if i + n < len(stated) else None
        if fact is None and at is not None:
            fact = offset + at
        offset += len(sentence) + len(joiner)
    spans.extend((s, e) for t, s, e in tokens if t in terms)
    whole = True
    if fact is not None:  # "…; la JETRO a rassemblé une trentaine d'entreprises": the clause that states it
        snippet, spans, fact = _from_clause(snippet, spans, fact)
        whole = not snippet.startswith(ELLIPSIS)
    if len(snippet) > max_chars and whole:
        joined = snippet
        snippet, spans, start, end = _cut(joined, spans, max_chars, fact)
        # cut between words (after a space, before a space or , ; :) the words kept are whole: their tokens too
        whole = (start == 0 or joined[start - 1] == " ") and (end == len(joined) or joined[end] in " ,;:")
        shift = len(ELLIPSIS if start else "") - start
        tokens = [(t, s + shift, e + shift) for t, s, e in tokens if s >= start and e <= end]
    elif len(snippet) > max_chars:
        snippet, spans = _clip(snippet, spans, max_chars, fact)
    if whole and not joiner and language == prepared.language and snippet == joiner.join(prepared.sentences[i:j]):
        tokens = list(prepared.joined_spans(i, j))  # the same analysis, made once per passage and window
    elif not whole or not joiner or language != prepared.language:
        tokens = analyze_spans(snippet, language)
    return snippet, spans, tokens


def _from_clause(
    text: str, spans: list[tuple[int, int]], fact: int
) -> tuple[str, list[tuple[int, int]], int]:
    """``text`` from the clause (after a semicolon) that states the fact at ``fact``, when that clause also
    holds a word of the question; unchanged otherwise."""
    cut = max(text.rfind(";", 0, fact), text.rfind("；", 0, fact))
    if cut < 0 or not any(s > cut for s, _ in spans):
        return text, spans, fact
    start = cut + 1
    while start < len(text) and text[start] == " ":
        start += 1
    shift = len(ELLIPSIS) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start]
    return ELLIPSIS + text[start:], kept, fact + shift


_KATAKANA_WORD_RE = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")


def word_spans(
    text: str, language: str, words: Collection[str], tokens: list[tuple[str, int, int]] | None = None
) -> tuple[tuple[int, int], ...]:
    """Spans to bold in ``text``: whole words whose token is one of the question's own ``words``.

    ``tokens``: ``analyze_spans(text, language)`` when the caller has it already.
    Japanese is indexed by character bigrams, so a shared bigram can sit inside an unrelated word ("ジェ" of
    ジェトロ in ジェネラル): a run of matched characters that covers only part of a katakana word is not marked.
    Nor is a single character glued to other letters (the F of ステーションF, the 書 of 書いて): bold on one character
    of a word tells the member nothing.
    """
    if tokens is None:
        tokens = analyze_spans(text, language)
    runs = _merge(text, [(s, e) for t, s, e in tokens if t in words])
    katakana = [(m.start(), m.end()) for m in _KATAKANA_WORD_RE.finditer(text)]
    return tuple(
        (s, e) for s, e in runs
        if not any(ks < e and s < ke and not (s <= ks and ke <= e) for ks, ke in katakana)
        and not _one_character_of_a_word(text, s, e)
    )


def _one_character_of_a_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one character with a letter or digit right before or after it."""
    return end - start == 1 and ((start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()))
