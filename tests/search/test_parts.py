"""A question asking the part someone played ("what role did X play?", « quel rôle a joué X ? », Xはどんな役割を)
is answered only by quotes naming X (bot.search.parts): 経団連 was answered with the declaration's aims (blind M, N).
"""

from __future__ import annotations

import pytest
from answers import not_found

from bot.search.parts import part_asked
from bot.search.retriever import Retriever


@pytest.mark.parametrize(("question", "language", "part"), [
    ("What role did SoftBank play in drafting the declaration?", "en", "softbank"),
    ("What was the role of Keidanren in the declaration?", "en", "keidanren"),
    ("Quel rôle a joué Business France dans la déclaration conjointe ?", "fr", "business france"),
    ("Quel rôle Business France a-t-il joué dans la préparation de la déclaration ?", "fr", "business france"),
    ("c koi le role de delfine geny stefan ?", "fr", "delfine geny stefan"),
    ("経団連は日仏共同声明の策定でどんな役割を果たしましたか？", "ja", "経団連"),
    ("Qui est 武藤容治 et quel était son rôle dans la déclaration ?", "fr", ""),  # a pronoun: the one asked is named
    ("Who signed the declaration?", "en", ""),
])
def test_the_one_whose_part_is_asked(question: str, language: str, part: str) -> None:
    assert part_asked(question, language) == part


@pytest.mark.parametrize("question", [
    "経団連は日仏共同声明の策定でどんな役割を果たしましたか？",
    "日本経団連はこの共同声明でどんな役割を果たしましたか？",
])
def test_the_part_of_someone_no_quote_names_is_not_found(shipped_retriever: Retriever, question: str) -> None:
    # 経団連 is also a body's name the corpus lacks (固有名詞・一般, bot.search.unknown_names): that check, earlier in
    # the chain, logs it as a name missing ("low-coverage"); either way the member reads "not found"
    assert not_found(shipped_retriever, question) in {"unreported", "low-coverage"}


@pytest.mark.parametrize(("question", "fact"), [
    ("c koi le role de delfine geny stefan ?", "Gény-Stephann"),
    ("wat was Mounir Mahjobi's role in the decleration?", "Mahjoubi"),
    ("記事によると、日本の貿易振興機関はパリでどんな新しい役割を担うようになりましたか？", "使命"),
])
def test_the_part_of_someone_the_quotes_name_is_answered(
        shipped_retriever: Retriever, question: str, fact: str) -> None:
    answer = shipped_retriever.answer(question)
    assert answer.answered, (question, answer.reason)
    assert any(fact in c.snippet for c in answer.citations), [c.snippet for c in answer.citations]
