"""The search's word lists of each language, read from ``bot/search/words/<language>.yaml``.

Number words, verbs of a beginning, the verbs of "does it mention X?" and of "did X take part?", stop words,
elisions and clitics: language, not code (several had a copy in two modules). The files use the format of
``knowledge/chat/`` (``type``, ``language``, one ``[…]`` list per key) and the same safe YAML reader; they ship
with the code, not with the knowledge folder, because answers depend on them whatever folder a server uses. Read
at first use (cached), never at import.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.knowledge.meta import as_text, text_list
from bot.knowledge.problems import FileProblem
from bot.knowledge.safe_yaml import parse_yaml
from bot.models import LANGUAGES, Language

FILE_TYPE = "words"


class WordList(StrEnum):
    """The lists of a words file (each key of the file is one)."""

    NUMBERS = "numbers"  # a number that counts: "nine startups" (bot.search.evidence, bot.search.kinds)
    BEGINNINGS = "beginnings"  # verbs of a beginning: "started" is answered by "launched" (bot.search.evidence)
    MENTIONS = "mentions"  # "does it mention X?": the verbs before the topic (bot.search.evidence)
    MENTIONED = "mentioned"  # "is X mentioned?": the verbs after the topic (bot.search.evidence)
    STOP_WORDS = "stop_words"  # words too common to search for: dropped from questions and passages (analysis)
    ELISIONS = "elisions"  # the elided word before an apostrophe: l'économie, jusqu'à (bot.search.analysis)
    INVERTED_PRONOUNS = "inverted_pronouns"  # the pronoun after a hyphen in a question: a-t-elle (analysis)
    CLITICS = "clitics"  # the part after an apostrophe: Japan's, don't (bot.search.analysis)
    TAKES_PART = "takes_part"  # "did X take part?": the verbs after the one asked about (bot.search.evidence)
    YEARS = "years"  # "how many years": the word of a count of years (bot.search.evidence)
    ANNIVERSARIES = "anniversaries"  # ... which a number before these words counts: "160th anniversary" (evidence)
    QUESTION_WORDS = "question_words"  # what opens a question of its own: "What is JETRO | and who runs it?"
    YES_NO_OPENERS = "yes_no_openers"  # ... or, opening it, makes it a yes/no question: "Was it signed in Tokyo?"
    QUESTION_JOINS = "question_joins"  # the words joining two questions in one sentence: and, et, そして
    # (bot.search.several)
    PRONOUNS = "pronouns"  # words standing for something said before: a context clause they lean on is kept
    # ("I'm writing a paper about Station F, who founded it?") (bot.search.cleanup)
    NARROW_COUNTED = "narrow_counted"  # Japanese: a noun before 何社/何人 that narrows what the counter counts
    # (スタートアップは何社: 企業30社 is another count) (bot.search.evidence)
    COMPANIES = "companies"  # a company in general: "how many companies" is counted by a number of any of
    COMPANY_KINDS = "company_kinds"  # ... these kinds of company ("about 100 startups", "thirty large groups")
    NAMED_KINDS = "named_kinds"  # things known by their names: "which incubators?" asks which ones, by name; a
    # passage on "access to incubators" names none (bot.search.evidence)
    NAMED_AS = "named_as"  # ... and the wider words a passage gives them by ("events such as CEATEC": a trade show)
    PEOPLE = "people"  # a count of persons: "how many people signed?" is answered by a quote naming those who signed
    # (bot.search.people.act_counted, the retriever)
    DOERS = "doers"  # ... and persons named by what they did, each with that verb: "signatories signed" ("how many
    # signatories?" asks how many signed)
    NAME_WORDS = "name_words"  # a name or a title asked: "the Japanese name", « le titre en japonais » ...
    LANGUAGE_NAMES = "language_names"  # ... in a language named beside it, each with its code ("japanese ja"): the
    # quote must give it in that language's script (bot.search.named_in_language)
    SOURCE_WORDS = "source_words"  # a question asking about a source itself: "what was NHK's headline?", 見出し
    # (bot.search.about_source: answered with the sections about a source, bot.knowledge.about)
    SOURCE_TITLE_WORDS = "source_title_words"  # ... or with one of these beside a source_nouns word: "the article's
    # title", "the story's site" ask about a source, "the declaration's title", "the site of the signing" do not
    SOURCE_NOUNS = "source_nouns"
    SOURCE_NAMES = "source_names"  # the sources' names (NHK, Le Moci): a source noun too; "according to NHK, …" says
    # only where a fact comes from (bot.search.about_source.without_attribution)
    BODY_WORDS = "body_words"  # what a body is, which its name ends in (東京大学, 国際交流基金) or opens with,
    # capitalised (« la Banque européenne d'investissement »): a name no passage writes is one the quotes cannot
    # hold (bot.search.unknown_names.named_bodies)
    CARDINALS = "cardinals"  # two to ten written out, in order: "3 principles" is "three principles" (cardinals)
    # Details asked beside a covered subject, each a kind of thing the cited passages must speak of (search.details):
    FOOD = "food"  # food and drink: "what was served at the evening?"
    MUSIC = "music"  # "was the anthem played?"
    CLOTHING = "clothing"  # "what did the minister wear?"
    ATTENDANCE = "attendance"  # the audience: "how many attendees?", "who were the guests?"
    HOSTING = "hosting"  # who hosted or moderated: "who was the emcee?", 司会
    TEXT_PARTS = "text_parts"  # the parts of a text: "how many pages, clauses?", 条項
    GIFTS = "gifts"  # "what gifts did the ministers exchange?"
    TRAVEL = "travel"  # lodging, transport, papers: "which hotel did he stay at?", "which airline?", visas
    TICKETS = "tickets"  # "how much are tickets for CEATEC?", チケット
    HOURS = "hours"  # a length in minutes or hours: "how many minutes did they meet?", 何分間, 時差
    ROOMS = "rooms"  # the room of a venue: "in which room was it signed?", どの部屋
    OFFICES = "offices"  # the premises of a body: "where is JETRO's office?", 事務所
    PERSONAL = "personal"  # a person's life: "where was Muto born?", « parti politique », 誕生日 (bot.search.details)
    FUNDRAISING = "fundraising"  # money a company raised: "how much did Snips raise?", « levée de fonds », 資金調達
    OUTCOMES = "outcomes"  # what came of it: "what were the results?", « bilan », 成果 (bot.search.details)
    OPENING = "opening"  # when a place is open: "open on weekends?", « horaires », 土日 (bot.search.details)
    PRIZES = "prizes"  # a contest's prize or winner: "what prize did the winning start-up get?", 優勝
    CARE = "care"  # where a device is used for care: "which hospitals trialled the suit?", 患者 (search.details)
    CONTRASTS = "contrasts"  # how two things differ: "what is the difference between an incubator and an
    # accelerator?" needs a quote that contrasts them, not one naming both
    GENERAL = "general"  # what usually happens: "how do luxury brands usually fight fakes?", « en général »,
    # 一般的な: the sources report one declaration and its events, never what is usual (bot.search.details)
    MEANS = "means"  # how a thing does what it does: "how does 5G work?" needs a quote saying by what means (reads,
    # using, 読み取る), not one listing 5G among the technologies (bot.search.details.means_cited)
    SAYS = "says"  # "what does it say about X?": the verbs before "about X" (bot.search.evidence)
    AGREEMENTS = "agreements"  # "a defence agreement", « l'accord sur X », 原子力協定: one on X (bot.search.evidence)


WordLists = dict[WordList, tuple[str, ...]]


def words_file(language: Language) -> Path:
    """Where the word lists of ``language`` are shipped."""
    return Path(str(resources.files("bot.search") / "words" / f"{language}.yaml"))


def parse_words(text: str, language: Language) -> WordLists:
    """The lists of a words file; a FileProblem (with its line) for anything a test or a reader would trip on."""
    parsed = parse_yaml(text)
    if not isinstance(parsed.data, dict) or parsed.data.get("type") != FILE_TYPE:
        raise FileProblem(parsed.first_line, f'a words file starts with "type: {FILE_TYPE}"')
    written = as_text(parsed.data.get("language"))
    if written != language:
        line = parsed.key_lines.get("language", parsed.first_line)
        raise FileProblem(line, f'"language" must be {language}, the file\'s name (got "{written or ""}")')
    names = [w.value for w in WordList]
    lists: WordLists = {}
    for key, value in parsed.data.items():
        if key in ("type", "language"):
            continue
        line = parsed.key_lines.get(key, parsed.first_line)
        if key not in names:
            raise FileProblem(line, f'unknown list "{key}" in a words file (use {", ".join(names)})')
        words = text_list(value, key, line)
        twice = sorted({w for w in words if words.count(w) > 1})
        if twice:
            raise FileProblem(line, f'"{key}" lists {", ".join(twice)} more than once')
        lists[WordList(key)] = words
    missing = [name for name in names if WordList(name) not in lists]
    if missing:
        raise FileProblem(parsed.first_line, f"the words file has no list {', '.join(missing)} (an empty one is [])")
    return lists


@lru_cache(maxsize=len(LANGUAGES))
def _lists(language: Language) -> WordLists:
    path = words_file(language)
    try:
        return parse_words(path.read_text(encoding="utf-8"), language)
    except FileProblem as problem:  # a shipped file: a developer's mistake, named where it is
        raise ValueError(f"{path}:{problem.line}: {problem.message}") from problem


def words_of(language: str, which: WordList) -> tuple[str, ...]:
    """One list of ``language`` in its file's order; () for a language the bot does not serve."""
    return _lists(language)[which] if language in LANGUAGES else ()


@lru_cache(maxsize=len(LANGUAGES) * len(WordList))
def word_set(language: str, which: WordList) -> frozenset[str]:
    """One list of ``language`` as a set, made once: membership tests on every word analysed."""
    return frozenset(words_of(language, which))


def stop_words(language: str) -> frozenset[str]:
    """The words of ``language`` too common to search for; none for a language the bot does not serve."""
    return word_set(language, WordList.STOP_WORDS)


def latin_function_word(word: str) -> bool:
    """``word`` (folded) is a French or an English stop word: a Latin-script question may mix the two languages."""
    return word in stop_words("fr") or word in stop_words("en")
