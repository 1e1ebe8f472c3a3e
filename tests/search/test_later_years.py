"""A year after the one the corpus is about (2019, of a 2018 corpus) is quoted only for what the sources say of it
(who chairs the G20 and the G7): a question on what happened then is answered "not found" (issue 10, blind D, T),
not with the sentence that names the year; the questions on who chaired what stay answered.
"""

from __future__ import annotations

import pytest
from answers import answered_with, not_found

from bot.search.retriever import Retriever


@pytest.mark.parametrize("question", [
    "What was agreed on digital trade at the 2019 G20 summit?",  # blind D
    "2019年のG20デジタル大臣会合（つくば）では、日仏のスタートアップ協力は話題になりましたか？",  # blind T
    "what happened after the 2019 G20?",  # after a later year: later still
    "gény-stephann elle est devenue quoi après",  # what became of her (blind AH)
])
def test_what_happened_in_a_later_year_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    not_found(shipped_retriever, question)


@pytest.mark.parametrize(("question", "fact"), [
    ("Who chaired the G20 and the G7 in 2019?", "G20"),
    ("Qui tenait la présidence des grands sommets internationaux en 2019, Tokyo ou Paris ?", "2019"),
    ("Les deux pays ont-ils prévu de se concerter avant les grands sommets internationaux de 2019 ?", "G20"),
    ("2019年の大きな首脳会合に向けて、両国はどんな約束をした？", "G20"),
    ("wsh la mif Les deux pays ont-ils prévu de se concerter avant les grands sommets internationaux de 2019 ? bisous",
     "G20"),  # chatter the corpus lacks weighs nothing in the share
    # what was planned ahead of a later year's events: the corpus's own plans, said in another sentence than the year's
    ("2019年の国際会議に向けて、日仏はどのような話し合いを行うことにしましたか？", "G20"),  # blind AG
    ("qu'ont prévu la france et le japon en vue des sommets de 2019 ?", "G20"),
])
def test_what_the_sources_say_of_a_later_year_is_answered(
        shipped_retriever: Retriever, question: str, fact: str) -> None:
    answered_with(shipped_retriever, question, fact)


@pytest.mark.parametrize("question", ["what did the declaration change post covid?",
                                      "what did the declaration change post-covid?"])
def test_after_a_thing_the_corpus_lacks_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    assert not_found(shipped_retriever, question) == "after-corpus"


def test_a_post_held_is_no_time_after(shipped_retriever: Retriever) -> None:
    # "Mahjoubi's post sat under…": the post he held, not "post-" something (after the corpus)
    answered_with(shipped_retriever, "Mahjoubi's post sat directly under which member of the French government?",
                  "Prime Minister")


@pytest.mark.parametrize("question", [
    "yo did the france-japan startup exchange keep going during covid? 😷",  # blind AF
    "この声明に基づく日仏のスタートアップ交流は、コロナ禍でどうなりましたか？",  # blind AE
    "la coopération a continué pendant la pandémie ?",
])
def test_the_pandemic_came_after_the_corpus(shipped_retriever: Retriever, question: str) -> None:
    # each quoted what the governments will support, as if it told what happened in 2020
    assert not_found(shipped_retriever, question) == "after-corpus"
