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
