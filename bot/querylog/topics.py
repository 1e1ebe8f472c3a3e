"""Group near-duplicate questions into topics (for the unanswered-questions report).

A question becomes a set of tokens: NFKC + casefold, accents and punctuation stripped, fr/en stop words
dropped, words stemmed (Snowball), Japanese kanji/katakana runs cut into character bigrams, and a few
question words and concepts mapped across languages (``signé``/``signed``/``署名`` → ``=sign``,
``qui``/``who``/``誰`` → ``=who``). Questions are then clustered greedily by Jaccard similarity of their
token sets. Everything is deterministic: same input, same groups, same order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import snowballstemmer

THRESHOLD = 0.5

# Cross-language concepts: a word (casefolded, accents kept) or a Snowball stem -> concept token.
CONCEPTS: dict[str, str] = {
    **dict.fromkeys(("who", "whom", "qui"), "=who"),
    **dict.fromkeys(("when", "quand", "date", "dates"), "=when"),
    **dict.fromkeys(("where", "où", "lieu"), "=where"),
    **dict.fromkeys(("why", "pourquoi"), "=why"),
    **dict.fromkeys(
        ("sign", "signe", "signed", "signing", "signer", "signé", "signée", "signés", "signées", "signatur",
         "signatair", "signatori", "signatory", "signataire", "signataires", "signatories", "signature",
         "signatures"),
        "=sign",
    ),
    **dict.fromkeys(("startup", "startups", "start-up", "start-ups"), "=startup"),
    **dict.fromkeys(("ai", "ia"), "=ai"),
}
# Japanese words found by substring (longest first), with the same concepts.
JA_CONCEPTS: dict[str, str] = {
    "誰": "=who", "だれ": "=who", "どなた": "=who",
    "いつ": "=when", "日付": "=when",
    "どこ": "=where", "場所": "=where",
    "なぜ": "=why",
    "署名": "=sign", "調印": "=sign", "サイン": "=sign",
    "スタートアップ": "=startup",
    "人工知能": "=ai",
}
_STOP_TEXT = """
    a an and are as at be been by can could did do does for from had has have how i in is it its me my of on or
    our so that the their them there these they this those to us was we were what which will with would you your
    about any into than then also tell please know many much some there's whats
    au aux avec c ce ces cet cette d dans de des du elle elles en est estce et etaient etait ete etre eu il ils
    j je l la le les leur leurs lui m ma mais me mes moi mon n ne ni nos notre nous on ont ou par pas peu peut
    pour qu que quel quelle quelles quels quoi s sa sans se ses si son sont sur t ta te tes toi ton tu un une
    vos votre vous y a ete sait savoir dire fait faire font
    declaration declarations joint conjointe conjoint
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
JA_STOP: frozenset[str] = frozenset({"宣言", "共同", "日仏", "仏日"})
_STEMMERS = {"fr": "french", "en": "english"}
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+")
_CONTENT_RUN = re.compile(r"[\u30a0-\u30ff]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+")  # katakana | kanji
_FR_INVERSION = re.compile(r"-(?:t-)?(?:il|elle|on|ils|elles|ce|je|tu|nous|vous)\b")  # a-t-elle, est-ce
_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
_NON_WORD = re.compile(r"[\W_]+")


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    out = []
    for ch in word:
        if ord(ch) < 0x250:  # Latin only: never decompose kana (が → か + ゙)
            out.extend(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMERS.get(language, "english"))


def normalize(text: str) -> str:
    """NFKC, casefold, hyphens joined (``start-up`` → ``startup``), punctuation → spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _HYPHEN.sub("", _FR_INVERSION.sub(" ", text))
    return " ".join(_NON_WORD.sub(" ", text).split())


def _latin_tokens(text: str, language: str, synonyms: Mapping[str, str]) -> set[str]:
    stem = _stemmer(language).stemWord
    out: set[str] = set()
    for word in text.split():
        if word in CONCEPTS:
            out.add(CONCEPTS[word])
            continue
        plain = _strip_accents(word)
        if plain in STOP_WORDS or (len(plain) == 1 and not plain.isdigit()):
            continue
        stemmed = stem(plain)
        out.add(
            CONCEPTS.get(plain) or synonyms.get(word) or synonyms.get(plain) or CONCEPTS.get(stemmed) or stemmed
        )
    return out


def _cjk_tokens(run: str, synonyms: Mapping[str, str]) -> set[str]:
    out: set[str] = set()
    glossary = {k: v for k, v in synonyms.items() if _CJK_RUN.fullmatch(k) and k not in JA_STOP}
    table = {**glossary, **JA_CONCEPTS}
    for term in sorted(table, key=lambda t: (-len(t), t)):
        if term in run:
            out.add(table[term])
            run = run.replace(term, " ")
    for content in _CONTENT_RUN.findall(run):
        grams = [content] if len(content) <= 2 else [content[i : i + 2] for i in range(len(content) - 1)]
        out.update(g for g in grams if g not in JA_STOP)
    return out


def tokens(question: str, language: str | None = None, synonyms: Mapping[str, str] | None = None) -> frozenset[str]:
    """The token set used to compare questions."""
    synonyms = synonyms or {}
    text = normalize(question)
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        out |= _cjk_tokens(run, synonyms)
    out |= _latin_tokens(_CJK_RUN.sub(" ", text), language if language in _STEMMERS else "en", synonyms)
    return frozenset(out)


def topic_key(question: str, language: str | None = None) -> str:
    """A stable grouping key: the sorted token set (or the normalized text when every word is a stop word)."""
    toks = tokens(question, language)
    return " ".join(sorted(toks)) if toks else "~" + normalize(question)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def synonyms_from_glossary(entries: Iterable[object]) -> dict[str, str]:
    """Map each single-word glossary term (normalized) to a concept ``=g:<id>`` (``GlossaryEntry``-like)."""
    out: dict[str, str] = {}
    for entry in entries:
        for term in getattr(entry, "terms", ()):
            norm = normalize(str(term))
            if norm and " " not in norm:
                out.setdefault(norm, f"=g:{entry.id}")
    return out


def cluster(
    questions: Sequence[tuple[str, str | None]],
    *,
    threshold: float = THRESHOLD,
    synonyms: Mapping[str, str] | None = None,
) -> list[list[int]]:
    """Group ``(question, language)`` pairs; returns lists of indices, biggest group first.

    Distinct token sets are taken most frequent first (ties: first seen); each joins the existing group whose
    seed it resembles most (Jaccard ≥ ``threshold``, ties: oldest group) or seeds a new group.
    """
    keyed: dict[frozenset[str], list[int]] = {}
    for i, (text, language) in enumerate(questions):
        toks = tokens(text, language, synonyms) or frozenset({"~" + normalize(text)})
        keyed.setdefault(toks, []).append(i)
    seeds: list[frozenset[str]] = []
    groups: list[list[int]] = []
    for toks, members in sorted(keyed.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
        best, best_score = -1, threshold
        for g, seed in enumerate(seeds):
            score = jaccard(seed, toks)
            if score >= best_score and (best < 0 or score > best_score):
                best, best_score = g, score
        if best < 0:
            seeds.append(toks)
            groups.append(list(members))
        else:
            groups[best].extend(members)
    for group in groups:
        group.sort()
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups
