"""Evaluation on the shipped corpus (knowledge/): the team's set and the blind sets A–Z, AA–AO, per language.

The target is hit@3 ≥ 0.90 per language on each set, out-of-scope abstention ≥ 0.90 and noise robustness
≥ 0.95. Where the bot does not reach a target yet, the level it reaches is asserted instead (a regression
guard): see GUARDS, and the note of issue 10 for what is missing. Tables: ``python tests/evaluation.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import evaluation
import paths
import pytest

from bot.models import LANGUAGES, Answer, AnswerKind
from bot.search.retriever import Retriever

TARGET_HIT = 0.90
TARGET_ABSTENTION = 0.90
TARGET_NOISE = 0.95
# Asserted levels per set: hit@3 per language, then out-of-scope abstention per language. A value below
# the target is the level reached (a regression guard), not a goal. Session 29 lowered three by one question each,
# traded for answers gained elsewhere: N fr 0.95 -> 0.93 (METI's Japanese title, now a name of the declaration, quotes
# beside "which technologies does the declaration … name?"), Q fr 0.88 -> 0.86 (a paraphrase of J-Startup's age lost
# to "exist" read as a beginning) and U ja out-of-scope 0.85 -> 0.80 (「英語版とフランス語版、どちらが正文？」 quotes
# the FAQ entry giving the title's English rendering, which answers six questions of other sets). Session 30 raised
# five to the levels reached (U, Z, AC fr and AB en out-of-scope, AF fr hit@3) and lowered none; AH (short chat
# messages) is the set furthest from the targets on out-of-scope questions (fr 0.64). Session 32 raised twenty-one
# hit@3 levels (R, W, X, Z, AA, AB, AC, AD, AE, AF, AG, AI) and lowered none. Session 33 raised eighteen (hit@3: Q, R,
# U, W, Y, AA, AE, AF, AG, AI, AJ; out-of-scope: X, AA, AH) and lowered none. Session 34 raised eight (hit@3: V, W,
# Z, AB, AK) and lowered none; AL (written blind at its start, held out until its end) joined at its levels. Session
# 35 raised eleven (hit@3: Q, R, V, W, AA, AE, AF, AG, AL) and lowered none; AM joined at its levels. Session 36
# raised four (hit@3: R en, AL en, AM en, AJ fr) and lowered none; AN joined at its levels, and AO (written blind
# at the session's midpoint, held out until its end) too.
GUARDS: dict[str, dict[str, dict[str, float]]] = {
    "orig": {"hit": {"fr": 1.00, "en": 0.96, "ja": 1.00}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-a": {"hit": {"fr": 0.96, "en": 0.93, "ja": 0.98}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-b": {"hit": {"fr": 0.96, "en": 0.96, "ja": 0.93}, "oos": {"fr": 0.93, "en": 1.00, "ja": 1.00}},
    "blind-c": {"hit": {"fr": 0.96, "en": 1.00, "ja": 0.98}, "oos": {"fr": 1.00, "en": 0.90, "ja": 1.00}},
    "blind-d": {"hit": {"fr": 0.98, "en": 1.00, "ja": 0.98}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-e": {"hit": {"fr": 1.00, "en": 1.00, "ja": 1.00}, "oos": {"fr": 0.98, "en": 1.00, "ja": 1.00}},
    "blind-f": {"hit": {"fr": 0.96, "en": 1.00, "ja": 0.96}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-g": {"hit": {"fr": 0.93, "en": 0.95, "ja": 0.90}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-h": {"hit": {"fr": 0.95, "en": 0.96, "ja": 0.98}, "oos": {"fr": 0.95, "en": 1.00, "ja": 1.00}},
    "blind-i": {"hit": {"fr": 0.98, "en": 0.96, "ja": 0.98}, "oos": {"fr": 1.00, "en": 0.95, "ja": 0.95}},
    "blind-j": {"hit": {"fr": 0.96, "en": 0.96, "ja": 1.00}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-k": {"hit": {"fr": 0.95, "en": 0.96, "ja": 0.98}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-l": {"hit": {"fr": 0.95, "en": 0.93, "ja": 0.96}, "oos": {"fr": 1.00, "en": 0.95, "ja": 1.00}},
    "blind-m": {"hit": {"fr": 0.98, "en": 0.96, "ja": 1.00}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-n": {"hit": {"fr": 0.93, "en": 0.96, "ja": 0.91}, "oos": {"fr": 1.00, "en": 0.90, "ja": 1.00}},
    "blind-o": {"hit": {"fr": 0.91, "en": 0.98, "ja": 0.98}, "oos": {"fr": 1.00, "en": 1.00, "ja": 1.00}},
    "blind-p": {"hit": {"fr": 0.98, "en": 0.95, "ja": 0.96}, "oos": {"fr": 1.00, "en": 0.95, "ja": 1.00}},
    "blind-q": {"hit": {"fr": 0.90, "en": 0.93, "ja": 0.91}, "oos": {"fr": 0.85, "en": 0.95, "ja": 1.00}},
    "blind-r": {"hit": {"fr": 0.90, "en": 0.83, "ja": 0.88}, "oos": {"fr": 1.00, "en": 1.00, "ja": 0.85}},
    "blind-s": {"hit": {"fr": 0.93, "en": 0.95, "ja": 0.91}, "oos": {"fr": 1.00, "en": 0.95, "ja": 0.95}},
    "blind-t": {"hit": {"fr": 0.91, "en": 0.93, "ja": 0.90}, "oos": {"fr": 0.85, "en": 0.95, "ja": 0.85}},
    "blind-u": {"hit": {"fr": 0.90, "en": 0.95, "ja": 0.98}, "oos": {"fr": 0.85, "en": 0.90, "ja": 0.80}},
    "blind-v": {"hit": {"fr": 0.90, "en": 0.90, "ja": 0.90}, "oos": {"fr": 0.85, "en": 0.90, "ja": 0.85}},
    "blind-w": {"hit": {"fr": 0.86, "en": 0.90, "ja": 0.88}, "oos": {"fr": 0.70, "en": 0.85, "ja": 0.80}},
    "blind-x": {"hit": {"fr": 0.88, "en": 0.86, "ja": 0.86}, "oos": {"fr": 0.80, "en": 1.00, "ja": 0.80}},
    "blind-y": {"hit": {"fr": 0.93, "en": 0.88, "ja": 0.86}, "oos": {"fr": 0.95, "en": 1.00, "ja": 0.90}},
    "blind-z": {"hit": {"fr": 0.90, "en": 0.90, "ja": 0.90}, "oos": {"fr": 0.95, "en": 0.80, "ja": 0.65}},
    "blind-aa": {"hit": {"fr": 0.86, "en": 0.80, "ja": 0.90}, "oos": {"fr": 0.90, "en": 0.85, "ja": 0.80}},
    "blind-ab": {"hit": {"fr": 0.88, "en": 0.85, "ja": 0.91}, "oos": {"fr": 0.95, "en": 0.85, "ja": 0.85}},
    "blind-ac": {"hit": {"fr": 0.90, "en": 0.91, "ja": 0.93}, "oos": {"fr": 0.90, "en": 0.90, "ja": 0.95}},
    "blind-ad": {"hit": {"fr": 0.91, "en": 0.86, "ja": 0.86}, "oos": {"fr": 0.90, "en": 0.95, "ja": 1.00}},
    "blind-ae": {"hit": {"fr": 0.83, "en": 0.90, "ja": 0.93}, "oos": {"fr": 0.95, "en": 1.00, "ja": 0.90}},
    "blind-af": {"hit": {"fr": 0.93, "en": 0.90, "ja": 0.88}, "oos": {"fr": 0.85, "en": 1.00, "ja": 0.95}},
    "blind-ag": {"hit": {"fr": 0.88, "en": 0.83, "ja": 0.85}, "oos": {"fr": 0.95, "en": 0.95, "ja": 0.80}},
    "blind-ah": {"hit": {"fr": 0.93, "en": 0.93, "ja": 0.96}, "oos": {"fr": 0.72, "en": 0.82, "ja": 0.92}},
    "blind-ai": {"hit": {"fr": 0.91, "en": 0.90, "ja": 0.85}, "oos": {"fr": 1.00, "en": 0.95, "ja": 0.90}},
    "blind-aj": {"hit": {"fr": 0.90, "en": 0.91, "ja": 0.90}, "oos": {"fr": 1.00, "en": 0.95, "ja": 0.90}},
    "blind-ak": {"hit": {"fr": 0.93, "en": 0.86, "ja": 0.90}, "oos": {"fr": 0.95, "en": 0.85, "ja": 0.95}},
    "blind-al": {"hit": {"fr": 0.83, "en": 0.83, "ja": 0.86}, "oos": {"fr": 0.85, "en": 1.00, "ja": 1.00}},
    "blind-am": {"hit": {"fr": 0.90, "en": 0.88, "ja": 0.95}, "oos": {"fr": 0.90, "en": 0.95, "ja": 0.90}},
    "blind-an": {"hit": {"fr": 0.96, "en": 0.88, "ja": 0.91}, "oos": {"fr": 0.95, "en": 1.00, "ja": 1.00}},
    "blind-ao": {"hit": {"fr": 0.93, "en": 0.91, "ja": 0.96}, "oos": {"fr": 0.95, "en": 0.95, "ja": 0.90}},
}


pytestmark = pytest.mark.skipif(not paths.SHIPPED_KNOWLEDGE.is_dir(), reason="needs knowledge/")


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


@pytest.fixture(scope="module")
def sets() -> dict[str, list[evaluation.Item]]:
    found = evaluation.available_sets()
    assert set(found) == set(GUARDS), "tests/eval/ must hold questions.yaml and blind-a … blind-ao.yaml"
    return found


@pytest.fixture(scope="module")
def answer(retriever: Retriever, sets) -> Callable[[str, str], Answer]:
    """The bot's answer, each set question asked once per run: the noise tests start from the answers the
    rates score (a noisy variant is asked each time: it is asked once anyway)."""
    ask = evaluation.detected(retriever)
    questions = {(item.question, item.language) for items in sets.values() for item in items}
    asked: dict[tuple[str, str], Answer] = {}

    def answer(question: str, language: str) -> Answer:
        key = (question, language)
        if key not in questions:
            return ask(question, language)
        if key not in asked:
            asked[key] = ask(question, language)
        return asked[key]

    return answer


@pytest.fixture(scope="module")
def results(answer, sets) -> dict[str, evaluation.Result]:
    return {name: evaluation.evaluate(answer, items) for name, items in sets.items()}


@pytest.mark.parametrize("name", list(GUARDS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_hit_rate(results, name: str, language: str) -> None:
    result = results[name]
    rate = evaluation.ratio(result.hit(language))
    floor = min(GUARDS[name]["hit"][language], TARGET_HIT)
    misses = [f for f in result.failures() if f.startswith(f"[{language}/") and "near-miss" not in f]
    assert rate >= floor, f"{name} {language}: hit@3 {rate:.1%} < {floor:.0%}\n" + "\n".join(misses)


@pytest.mark.parametrize("name", list(GUARDS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_out_of_scope_abstention(results, name: str, language: str) -> None:
    result = results[name]
    rate = evaluation.ratio(result.abstention(language))
    floor = min(GUARDS[name]["oos"][language], TARGET_ABSTENTION)
    answered = [f for f in result.failures() if f.startswith(f"[{language}/near-miss]")]
    assert rate >= floor, f"{name} {language}: abstention {rate:.1%} < {floor:.0%}\n" + "\n".join(answered)


@pytest.mark.parametrize("name", list(GUARDS))
def test_noise_around_a_question_keeps_its_first_citation(answer, sets, name: str) -> None:
    kept = evaluation.noise_robustness(answer, sets[name])
    assert set(kept) == set(LANGUAGES)
    for language, (same, total) in kept.items():
        assert total >= 6 * 10 and same / total >= TARGET_NOISE, (name, language, same, total)


# Chatter the chat lists do not hold (held out): the level reached, per language, as a regression guard.
UNLISTED_NOISE_GUARDS = {"fr": 0.89, "en": 0.88, "ja": 0.95}
# Where a set stays below them (Q, joined in session 14: Japanese 99 of 106; Y, joined in session 22: Japanese 104 of
# 110), its own level reached.
UNLISTED_NOISE_SET_GUARDS = {"blind-q": {"ja": 0.93}, "blind-y": {"ja": 0.94}}


@pytest.mark.parametrize("name", list(GUARDS))
def test_unlisted_chatter_mostly_keeps_the_first_citation(answer, sets, name: str) -> None:
    kept = evaluation.noise_robustness(answer, sets[name], evaluation.UNLISTED_NOISE_TEMPLATES)
    for language, (same, total) in kept.items():
        level = UNLISTED_NOISE_SET_GUARDS.get(name, {}).get(language, UNLISTED_NOISE_GUARDS[language])
        floor = min(level, TARGET_NOISE)
        assert same / total >= floor, (name, language, same, total)


@pytest.mark.parametrize("message", evaluation.SMALL_TALK)
def test_small_talk_cites_nothing(retriever: Retriever, message: str) -> None:
    answer = retriever.answer(message)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.citations == []


def test_an_address_asked_for_counts_in_the_cited_link_and_nothing_else_does() -> None:
    """A member asking for a link reads it under the quote; a name or a date in a link answers nothing."""
    cited = [SimpleNamespace(snippet="NHK reported the declaration on 14 July 2018.",
                             source="https://www3.nhk.or.jp/news/html/20180714/k10011533311000.html")]

    def item(*expect: str) -> evaluation.Item:
        return evaluation.Item("link?", "en", "casual", expect, any_of=True, in_scope=True)

    assert evaluation.quotes_hit(cited, item("nhk.or.jp/news/html/20180714"))
    assert not evaluation.quotes_hit(cited, item("k10011533311", "2018/07/14", "www3"))
    assert not evaluation.quotes_hit(cited, item("meti.go.jp"))
