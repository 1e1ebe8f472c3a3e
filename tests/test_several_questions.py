"""Messages of shapes members write and the bot mishandled (issue 10): two questions in one message, a count of
another noun, a list asked for, a first-person context clause. Asked through ``python -m bot ask``, as a member."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from paths import SHIPPED_KNOWLEDGE


def ask(*questions: str, markdown: bool = False) -> list:
    """The replies of ``ask`` on the shipped corpus (JSON objects, or the Markdown Discord gets)."""
    out = []
    for question in questions:
        flag = "--markdown" if markdown else "--json"
        done = subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", flag, "--knowledge",
                               str(SHIPPED_KNOWLEDGE), question], capture_output=True, text=True, check=True)
        out.append(done.stdout if markdown else json.loads(done.stdout))
    return out


@pytest.mark.parametrize("message, first, second", [
    ("Was it signed in Tokyo? And who was there for Japan?", "Paris", ""),
    ("What is JETRO and who runs it?", "JETRO", "JETRO"),
    ("いつ署名されて、誰が署名した？", "2018年7月13日", "武藤容治"),
])
def test_two_questions_in_one_message_get_an_answer_each(message: str, first: str, second: str) -> None:
    reply = ask(message, markdown=True)[0]
    blocks = reply.split("\n\n")
    assert len(blocks) == 2, reply  # one block per question: its words, its quote, its source
    assert blocks[0].startswith("**") and "\n> " in blocks[0] and first in blocks[0], reply
    assert blocks[1].startswith("**") and "\n> " in blocks[1] and second in blocks[1], reply
    assert "**[1]**" in blocks[0] and "**[2]**" in blocks[1]


@pytest.mark.parametrize("message", [
    "Who signed the France and Japan declaration?",
    "What does the declaration on innovation and digital economy say?",
    "salut, c'était où la signature ? à tokyo ?",
])
def test_one_question_with_and_in_it_is_not_split(message: str) -> None:
    reply = ask(message, markdown=True)[0]
    assert not reply.startswith("**"), reply  # the quote first, no heading per question


def test_a_count_of_start_ups_is_not_answered_by_a_count_of_companies() -> None:
    start_ups, companies, pitched = ask("ジェトロが集めたスタートアップは何社？", "ジェトロは何社集めた？",
                                        "ステーションFでピッチしたスタートアップは何社？")
    assert not start_ups["answered"]  # the sources count "large groups and investors" (30社), not start-ups
    assert "30社" in companies["summary"]
    assert "9社のスタートアップ" in pitched["summary"]


@pytest.mark.parametrize("message", ["参加企業の名前を全部教えて", "list all the companies",
                                     "donne-moi toutes les entreprises"])
def test_a_list_of_companies_the_sources_do_not_give_is_not_bluffed(message: str) -> None:
    reply = ask(message)[0]
    assert not reply["answered"], reply["citations"][:1]  # was: the spelling of the JETRO executive's name


@pytest.mark.parametrize("message, signatory", [
    ("I'm writing a paper for Sciences Po, who signed?", "Mahjoubi"),
    ("Je prépare un exposé pour Sciences Po, qui a signé ?", "Mahjoubi"),
    ("レポートを書いているんですが、誰が署名しましたか？", "武藤容治"),
])
def test_a_context_clause_with_an_unknown_name_does_not_weigh_in_the_search(message: str, signatory: str) -> None:
    reply = ask(message)[0]
    assert reply["answered"] and signatory in reply["summary"], reply["summary"]
