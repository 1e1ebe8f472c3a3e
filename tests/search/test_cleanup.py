"""Query cleanup (bot.search.cleanup) and small talk, on the shipped chat phrases."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.parse import parse_file
from bot.knowledge.problems import FileProblem
from bot.models import AnswerKind, ChatKind, ChatPhrases, KnowledgeBase
from bot.search.cleanup import _CJK_RE, _DISCORD, _DISCORD_MARK, _LATIN_WORD_CHAR, ChatLexicon, _pattern, fold
from bot.search.retriever import Retriever


@pytest.fixture(scope="module")
def retriever(shipped_knowledge: KnowledgeBase, shipped_retriever: Retriever) -> Retriever:
    kb = shipped_knowledge
    assert kb.errors == []
    assert {c.language for c in kb.chat} == {"fr", "en", "ja"}
    return shipped_retriever


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("hey @everyone who signed the declaration? pls", "who signed the declaration?"),
        ("<@123> <@&45> <#678> yo quick question: when was it signed lol", ": when was it signed"),
        ("Bonjour à tous, qui a signé la déclaration ? merci !", ", qui a signé la déclaration ? !"),
        ("すみません、共同声明に署名したのは誰ですか？ありがとう", "、共同声明に署名したのは誰ですか？"),
        ("who founded Station F? <:pepe:123456> 🙏 https://example.org/x", "who founded Station F?"),
        ("how did Bpifrance help?", "how did Bpifrance help?"),  # a help word inside a question stays
        # a request for a summary: what remains is what to sum up (it was "not found": "summarize" weighed most)
        ("summarize the declaration", "the declaration"),
        ("résume-moi la déclaration stp", "la déclaration"),
        ("Qui a résumé l'accord ?", "Qui a résumé l'accord ?"),  # « résumé » is no request (accents are ignored)
        ("heyyy who signed the declaration? plsss", "who signed the declaration?"),  # drawn out
        # a digit typed for "for", "to" in English chat: no number asked (« quatre » start-ups were quoted)
        ("wats teh link 4 teh le moci artikl?", "wats teh link teh le moci artikl?"),
        ("hav 2 do wit abe?", "hav do wit abe?"),
        ("teh inovashun yeer wuz 2015 2 wat yeer?", "teh inovashun yeer wuz 2015 wat yeer?"),  # to what year
        ("wat dos METI stand 4?", "wat dos METI stand ?"),  # blind AI: "4" was a number the quotes had to give
        ("who were the 2 signatories?", "who were the 2 signatories?"),  # a count stays
        # what members say of themselves in passing (« jsuis », « qq1 » weighed as rare words the corpus lacks)
        ("jsuis perdu 😵 le 5 octobre 2015 au miraikan il s'est passé quoi ?", "le 5 octobre 2015 au miraikan il "
         "s'est passé quoi ?"),
        ("qq1 sait combien de gros groupes la jetro a réunis ?", "combien de gros groupes la jetro a réunis ?"),
        ("i'm lost, who signed it?", ", who signed it?"),
    ],
)
def test_chatter_is_removed_and_words_keep_their_accents(retriever: Retriever, message: str, question: str) -> None:
    assert retriever.lexicon.clean(message).text == question


@pytest.mark.parametrize("message", ["hi", "help", "aide", "merci", "ヘルプ", "👍", "salut !", "thanks!!", "hey, help",
                                     "hiii", "thxxx", "merciii !"])  # a last letter drawn out
def test_small_talk_cites_nothing(retriever: Retriever, message: str) -> None:
    answer = retriever.answer(message)
    assert answer.kind is AnswerKind.SMALL_TALK
    assert answer.small_talk and not answer.answered and answer.citations == []


def test_a_japanese_thanks_is_found_as_a_word_never_inside_one(retriever: Retriever) -> None:
    thanks = retriever.answer("ども！")  # a casual thanks
    assert thanks.kind is AnswerKind.SMALL_TALK and thanks.language == "ja"
    assert retriever.lexicon.clean("子どもは？").text == "子どもは？"  # 子ども (child) keeps its ども
    assert retriever.lexicon.clean("私どもの質問").text == "私どもの質問"
    assert retriever.lexicon.clean("質問ありがとう").text == "質問"  # a thanks after a noun is still cut


def test_english_chatter_typed_against_japanese_is_removed(retriever: Retriever) -> None:
    """教えてplz: a Latin chat phrase touching Japanese script is a word of its own (the Japanese is no letter of it),
    and the question is answered; inside a Latin word it is not cut ("startup" keeps its "start")."""
    assert retriever.lexicon.clean("NEDOは何するの？plz🙏").text == "NEDOは何するの？"
    assert retriever.lexicon.clean("Station Fってどこ？thx").text == "Station Fってどこ？"
    assert retriever.lexicon.clean("startupとは？").text == "startupとは？"
    answer = retriever.answer("NEDOとBpifranceって何を一緒にするんだっけ、教えてplz")
    assert answer.answered, answer.reason
    assert "NEDO" in answer.citations[0].snippet


def test_small_talk_language_follows_the_message(retriever: Retriever) -> None:
    assert retriever.answer("merci !").language == "fr"
    assert retriever.answer("ありがとう").language == "ja"


def test_a_question_wrapped_in_chatter_keeps_its_answer(retriever: Retriever) -> None:
    plain = retriever.answer("Who founded Station F?", "en")
    noisy = retriever.answer("hey @everyone quick question: who founded Station F? thx 🙏", "en")
    assert noisy.kind is AnswerKind.ANSWER
    assert noisy.citations[0].passage_id == plain.citations[0].passage_id


def test_a_moderator_phrase_is_removed() -> None:
    lexicon = ChatLexicon([ChatPhrases("fr", ChatKind.FILLERS, ("wesh alors",))])
    assert lexicon.clean("Wesh alors, qui a fondé Station F").text == ", qui a fondé Station F"


def test_chat_file_problems_have_a_line() -> None:
    with pytest.raises(FileProblem) as problem:
        parse_file("chat/x.yaml", b"type: chat\nlanguage: en\ngreetings: [hi]\nhello: [x]\n")
    assert problem.value.line == 4 and "unknown list" in problem.value.message
    with pytest.raises(FileProblem) as problem:
        parse_file("chat/x.yaml", b"type: chat\nlanguage: de\ngreetings: [hallo]\n")
    assert problem.value.line == 2
    regional = parse_file("chat/x.yaml", b"type: chat\nlanguage: fr-FR\ngreetings: [wesh]\n")
    assert [phrases.language for phrases in regional.chat] == ["fr"]


def _drawn_out(word: str, phrase: str) -> str:
    """A Latin phrase's word as the pattern reads it: its last letter may be drawn out ("hiii")."""
    last = word[-1]
    drawn = not _CJK_RE.search(phrase) and last.isascii() and last.isalpha()
    return re.escape(word) + "+" if drawn else re.escape(word)


def test_phrases_match_as_their_alternation_longest_first(shipped_knowledge: KnowledgeBase) -> None:
    """The phrases of a kind are one trie-shaped pattern: at each place, still the longest phrase that fits."""
    rng = random.Random(0)
    for kind in ChatKind:
        phrases = sorted({fold(p).strip() for c in shipped_knowledge.chat if c.kind is kind for p in c.phrases})
        ordered = sorted(phrases, key=lambda p: (-len(p), p))
        body = {p: r"[\s\-]+".join(_drawn_out(w, p) for w in re.split(r"[\s\-]+", p) if w) for p in ordered}
        latin = "|".join(body[p] for p in ordered if not _CJK_RE.search(p))
        cjk = "|".join(body[p] for p in ordered if _CJK_RE.search(p))
        letter = _LATIN_WORD_CHAR  # Japanese script beside a Latin phrase is no letter of it
        plain = re.compile(rf"(?<!{letter})(?<!')(?<!\w-)(?:" + latin + rf")(?!{letter}|'|-\w)|(?:" + cjk + ")")
        trie = _pattern(phrases)
        assert trie is not None
        for _ in range(400):  # phrases side by side, glued or apart, cut short: where longest-first matters
            parts = [rng.choice(phrases)[: rng.choice([None, -1, -2])] + rng.choice(["", " ", "-", "  ", "'", "x "])
                     for _ in range(rng.randint(1, 5))]
            text = "".join(parts)
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("how long was Muto in France? like 3 days?", "12 to 14 July"),  # "like" is a filler: "? 3 days?" is left
        ("武藤副大臣はフランスに何日から何日までいたの？3日くらい？", "12日から14日"),
    ],
)
def test_a_quantity_guessed_after_the_question_is_not_searched(retriever: Retriever, message: str, fact: str) -> None:
    """A member's guess at the answer after the question ("like 3 days?") is no fact the sources must hold: the
    answer is the stay as the sources give it, not an abstention for want of a "3"."""
    answer = retriever.answer(message)
    assert answer.answered, answer.reason
    assert fact in " ".join(c.snippet for c in answer.citations)
    assert retriever.lexicon.clean(message).text.endswith(("France?", "いたの？"))


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("le deal entre NEDO et bpi c'est quoi ? #fr-jp", "le deal entre NEDO et bpi c'est quoi ?"),
        ("#help who signed it?", "who signed it?"),
        ("what does C# have to do with it? #3", "what does C# have to do with it? #3"),  # a language, a rank
    ],
)
def test_a_hashtag_is_a_tag_not_words_of_the_question(retriever: Retriever, message: str, question: str) -> None:
    """A channel's name typed as text ("#fr-jp") is no word to look up: it made the NEDO question abstain."""
    assert retriever.lexicon.clean(message).text == question


_UNMARKED = st.characters(blacklist_characters="<@\uff20#:.", blacklist_categories=("Nd", "Cs"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(_UNMARKED, max_size=12), st.sampled_from(
    ["www", "http", "https", "//", "/", "everyone", "here", "a", "+", "-", "_", " ", "fr", "com", "t", "\n", "\uff0b",
     "discord", "gg", "()"])), max_size=12).map("".join))
def test_a_message_without_a_discord_mark_holds_no_discord_syntax(text: str) -> None:
    """strip_discord searches a message for Discord syntax only when it holds a character every match holds
    (_DISCORD_MARK): without one, the pattern finds nothing."""
    assert _DISCORD_MARK.search(text) is None
    assert _DISCORD.search(text) is None
