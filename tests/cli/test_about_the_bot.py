"""Questions about the bot itself get its self-introduction, never a quote (trial 4: "are you a bot?" after a
question was read "are you a bot? (who signed)" and answered with the signatories; "c'est quoi ton nom" with the
signing date; "what is your name" with the spellings of the JETRO head's name; このボットは何？ with a robot suit)."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT, SHIPPED_KNOWLEDGE

INTRODUCTIONS = {"en": "Hi! I answer questions", "fr": "Bonjour ! Je réponds", "ja": "こんにちは。"}
ABOUT_THE_BOT = [
    ("are you a bot?", "en"),
    ("what's your name?", "en"),
    ("who made you", "en"),
    ("are you an AI?", "en"),
    ("c'est quoi ton nom", "fr"),
    ("t'es un robot ?", "fr"),
    ("qui t'a créé ?", "fr"),
    ("あなたは誰？", "ja"),
    ("このボットは何？", "ja"),
]


def test_questions_about_the_bot_get_its_introduction_even_right_after_a_question() -> None:
    lines = []
    for question, _ in ABOUT_THE_BOT:
        lines += ["Who signed the declaration?", question]
    lines.append("and when?")  # a real follow-up is still read with the subject
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-log", "--knowledge", str(SHIPPED_KNOWLEDGE)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    replies = done.stdout.split("\n? ")[1:]  # the prompt before each reply
    for (question, language), reply in zip(ABOUT_THE_BOT, replies[1::2], strict=False):
        assert reply.startswith(INTRODUCTIONS[language]), (question, reply[:120])
        assert "[1]" not in reply  # no quoted passage
    assert replies[len(lines) - 1].startswith("→ and when? (signed the declaration)")


def chat(*lines: str) -> list[str]:
    """What the bot printed after each line typed into ``chat`` (the shipped corpus and chat phrases)."""
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-log", "--knowledge", str(SHIPPED_KNOWLEDGE)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n? ")[1:]


WHAT_CAN_YOU_DO = [
    ("tu sais faire quoi ?", "fr"),  # before: "D'accord ! …" ("tu sais" cut as politeness first)
    ("comment ça marche ?", "fr"),  # before: "D'accord ! …" ("ça marche" cut as a filler first)
    ("tu peux m'aider ?", "fr"),  # before: a METI quote
    ("何ができるの？", "ja"),  # before: not found
    ("使い方を教えて", "ja"),  # before: not found
]


def test_what_can_you_do_in_french_and_japanese_gets_the_introduction() -> None:
    """Trial 9 (M6): English "what can you do?" got the introduction, French and Japanese phrasings did not."""
    lines = [line for question, _ in WHAT_CAN_YOU_DO for line in ("Qui a signé la déclaration ?", question)]
    replies = chat(*lines, "ça marche")
    for (question, language), reply in zip(WHAT_CAN_YOU_DO, replies[1::2], strict=False):
        assert reply.startswith(INTRODUCTIONS[language]), (question, reply[:120])
        assert "[1]" not in reply
    assert replies[len(lines)].startswith("D’accord !")  # "ça marche" alone is still a nod


def test_a_correction_is_read_with_the_question_it_corrects_in_french_and_japanese() -> None:
    """Trial 9 (M7): "no I meant the 2013 one" was answered; its French and Japanese forms were not found."""
    replies = chat("c'est quoi cette déclaration franco-japonaise ?", "non je parlais de celle de 2013",
                   "共同声明とは何ですか？", "いや、2013年のほうです")
    assert "Hollande" in replies[1].split("\n")[1] and "2013" in replies[1].split("\n")[1]
    assert "オランド" in replies[3].split("\n")[1] and "2013" in replies[3].split("\n")[1]


def test_a_help_word_inside_a_hyphenated_word_is_not_a_request_for_help() -> None:
    """Issue 11 (product): "start" is a help word, and "which start-up?" got the bot's introduction instead of an
    answer; chat phrases match whole words, and a hyphen joins a compound."""
    replies = chat("which start-up?", "start-up?", "start", "good-morning")
    assert not replies[0].startswith(INTRODUCTIONS["en"]) and "[1]" in replies[0], replies[0][:200]
    assert not replies[1].startswith(INTRODUCTIONS["en"]), replies[1][:200]
    assert replies[2].startswith(INTRODUCTIONS["en"])  # the word alone still asks for help
    assert "[1]" not in replies[3]  # a phrase written with a hyphen is still the phrase
