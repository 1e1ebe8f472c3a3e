"""Outsider trial 8, retrieval noise (R2, R3): Discord syntax around "who signed?" as members paste it, on the shipped
corpus, the way `python -m bot ask "…"` takes it (``clean_question``, what the log keeps, then the retriever)."""

from __future__ import annotations

import json
import subprocess
import sys

import paths
import pytest

from bot.questions import clean_question
from bot.search.retriever import Retriever

SIGNATORIES = "Mahjoubi"  # what the answer to "who signed?" names


@pytest.mark.parametrize(
    "message",
    [
        "[who signed](https://evil.example/@everyone) discord.gg/abc",  # R2: a mention inside a masked link's URL
        "[who signed](https://evil.example/x/@here/y)",
        "who signed? https://evil.example/@everyone?ref=1",  # a mention inside a plain link
        "who signed? discord.gg/abc",  # an invite pasted without its https://
        "-# who signed?",  # R3: subtext is drawing, as a heading is
    ],
)
def test_links_and_subtext_around_who_signed_are_not_read_as_words(shipped_retriever: Retriever, message: str) -> None:
    answer = shipped_retriever.answer(clean_question(message))
    assert answer.answered, (message, answer.reason)
    assert SIGNATORIES in answer.citations[0].snippet


def test_a_mention_inside_a_link_is_cut_out_of_it_not_into_two() -> None:
    """The log keeps no mention, and the link stays one address (a masked link still reads as its text)."""
    assert clean_question("[who signed](https://evil.example/@everyone) ok") == "[who signed](https://evil.example/) ok"
    assert clean_question("@everyone who signed?") == "who signed?"



EN, FR, JA = "who signed the declaration?", "qui a signé la déclaration ?", "共同声明に署名したのは誰ですか？"


@pytest.mark.parametrize(
    ("marker", "question"),
    [("1. ", EN), ("2) ", EN), ("(3) ", EN), ("Q1: ", EN), ("Question 2: ", EN), ("- ", EN), ("* ", EN),
     ("• ", EN),  # a bullet pasted from a document
     ("> ", EN), (">>> ", EN),  # a quote: its mark was echoed in the reply's title ("\\> who signed…")
     ("1/ ", FR), ("Q1 : ", FR), ("１．", JA), ("1）", JA), ("（2）", JA), ("①", JA), ("・", JA)],
)
def test_list_markers_before_a_question_are_drawing_not_words(shipped_retriever: Retriever, marker: str,
                                                               question: str) -> None:
    """A member numbering her questions (Discord draws "1. " and "- " at a line's start as a list) was told "not
    found": the "1" was a number the quotes had to hold. The marker is left out of the question, its title and log."""
    cleaned = clean_question(marker + question)
    assert cleaned == question
    answer = shipped_retriever.answer(cleaned)
    assert answer.answered, (marker, answer.reason)
    assert any(name in answer.citations[0].snippet for name in (SIGNATORIES, "ジェニ"))


@pytest.mark.parametrize(
    "message", ["1. who signed the declaration?\n2. when was it signed?",
                "1. who signed the declaration? 2. when was it signed?"],  # typed on one line
)
def test_numbered_questions_are_each_answered_under_their_own_words(message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", "--json", "--knowledge",
                           str(paths.SHIPPED_KNOWLEDGE), message], capture_output=True, text=True, timeout=120,
                          cwd=paths.ROOT)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["question"] == "who signed the declaration? when was it signed?"
    assert answer["answered"], answer["text"]
    assert "**who signed the declaration?**" in answer["text"] and "**when was it signed?**" in answer["text"]
    assert SIGNATORIES in answer["text"] and "13 July 2018" in answer["text"]


@pytest.mark.parametrize("message", ["-5 degrees in Paris?", "3.5 million euros?", "is it 2018? 2019?", "-# who?",
                                     "who? 2.5 million?", "1/2 of the start-ups?", "Q1 results?", "A. Dupont?",
                                     "> 5 start-ups?"])
def test_what_is_not_a_list_marker_is_kept(message: str) -> None:
    assert clean_question(message) == message
