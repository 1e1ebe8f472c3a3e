"""Grouping logged questions by meaning across fr/en/ja, measured on a hand-labelled log.

Run as a script to print the figure: ``python tests/querylog/test_topics.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
from topics_labelled import LABELLED  # noqa: E402

from bot.models import GlossaryEntry  # noqa: E402
from bot.querylog import topics  # noqa: E402
from bot.querylog.topics import TopicModel  # noqa: E402

MIN_ARI = 0.8


def labelled_ari(model: TopicModel) -> tuple[float, int]:
    """ARI of ``cluster`` against the labels, and the number of groups found."""
    groups = topics.cluster([(q, lang) for _, lang, q in LABELLED], model)
    found = [0] * len(LABELLED)
    for g, members in enumerate(groups):
        for i in members:
            found[i] = g
    return topics.adjusted_rand_index([label for label, _, _ in LABELLED], found), len(groups)


def test_the_labelled_log_is_big_enough_and_trilingual() -> None:
    assert len(LABELLED) >= 60
    assert {lang for _, lang, _ in LABELLED} == {"fr", "en", "ja"}
    for label in {label for label, _, _ in LABELLED}:
        assert {lang for lab, lang, _ in LABELLED if lab == label} == {"fr", "en", "ja"}


def test_grouping_matches_the_labels(topic_model: TopicModel) -> None:
    ari, _ = labelled_ari(topic_model)
    assert ari >= MIN_ARI, f"adjusted Rand index {ari:.3f} < {MIN_ARI}"
    words_only, _ = labelled_ari(TopicModel())
    assert words_only < ari  # the glossary and the corpus are what joins languages


def test_the_issue_example_is_one_topic(topic_model: TopicModel) -> None:
    questions = [("where is the full text?", "en"), ("Où trouver le texte intégral ?", "fr"), ("全文はどこ？", "ja"),
                 ("Who signed the declaration?", "en"), ("誰が署名しましたか？", "ja")]
    assert topics.cluster(questions, topic_model) == [[0, 1, 2], [3, 4]]


def test_what_is_asked_separates_questions_on_the_same_subject(topic_model: TopicModel) -> None:
    questions = [("Qui a signé la déclaration ?", "fr"), ("Quand la déclaration a-t-elle été signée ?", "fr"),
                 ("Où a été signée la déclaration ?", "fr"), ("who signed it", "en"), ("いつ署名されましたか", "ja")]
    assert topics.cluster(questions, topic_model) == [[0, 3], [1, 4], [2]]


def test_grouping_is_deterministic_whatever_the_order(topic_model: TopicModel) -> None:
    questions = [(q, lang) for _, lang, q in LABELLED]
    groups = topics.cluster(questions, topic_model)
    assert topics.cluster(questions, topic_model) == groups
    order = list(range(len(questions)))
    random.Random(7).shuffle(order)
    again = topics.cluster([questions[i] for i in order], topic_model)
    ari = topics.adjusted_rand_index(_labels(groups, len(order)), _labels(
        [[order[i] for i in g] for g in again], len(order)))
    assert ari > 0.8  # greedy grouping depends a little on order, not much


def _labels(groups: list[list[int]], n: int) -> list[int]:
    out = [0] * n
    for g, members in enumerate(groups):
        for i in members:
            out[i] = g
    return out


def test_glossary_names_become_one_concept_in_every_language() -> None:
    entry = GlossaryEntry("jetro", ("JETRO", "ジェトロ", "Japan External Trade Organization"))
    glossary = topics.Glossary.from_entries([entry])
    model = TopicModel(glossary)
    fr, ja = model.features("Que fait la JETRO ?", "fr"), model.features("ジェトロとは", "ja")
    assert "=g:jetro" in fr and "=g:jetro" in ja
    assert topics.cluster([("Que fait la JETRO ?", "fr"), ("ジェトロとは", "ja")], model) == [[0, 1]]
    assert topics.cluster([("Que fait la JETRO ?", "fr"), ("ジェトロとは", "ja")]) == [[0], [1]]


def test_stored_topic_keys_are_pinned() -> None:
    """The keys written with each question (migration 3 recomputed older ones); changing them needs a migration."""
    assert topics.topic_key("Qui a signé la déclaration ?", "fr") == "?who declar sign"
    assert topics.topic_key("who signed", "en") == "?who sign"
    assert topics.topic_key("誰が署名しましたか？", "ja") == "?who 署名"
    assert topics.topic_key("Combien de start-up japonaises à Station F ?", "fr") == (
        "?count f japon start startup station up"
    )
    assert topics.topic_key("le la les", "fr") == "~le la les"


@pytest.mark.parametrize(("truth", "found", "expected"), [
    ([0, 0, 1, 1], [0, 0, 1, 1], 1.0),
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
    ([0, 0, 1, 2], [0, 0, 1, 1], 0.5714),  # scikit-learn's documented example
    ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
])
def test_adjusted_rand_index(truth: list[int], found: list[int], expected: float) -> None:
    assert round(topics.adjusted_rand_index(truth, found), 4) == expected


if __name__ == "__main__":
    from paths import SHIPPED_KNOWLEDGE

    from bot.knowledge.loader import load_knowledge

    full = TopicModel.from_knowledge(load_knowledge(SHIPPED_KNOWLEDGE))
    for name, model in (("glossary + corpus", full), ("glossary only", TopicModel(full.glossary)),
                        ("words only", TopicModel())):
        ari, n = labelled_ari(model)
        print(f"{name:18} ARI {ari:.3f}  ({n} groups for {len({x[0] for x in LABELLED})} labels, "
              f"{len(LABELLED)} questions)")
