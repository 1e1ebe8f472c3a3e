"""The one a question asks the part of: "what role did Business France play?", « quel rôle a joué X ? », Xはどんな
役割を果たしましたか.

Such a question is about X: a quote on the declaration that never names X does not tell its part, however well the
rest ("role", "declaration", "drafting") matches (blind M, N: 経団連 was answered with the passages on the
declaration's aims). The retriever asks the cited passages to hold most of X's weight (TOPIC_SHARE), as it does for
the topic of "does it mention X?" and the one of "did X take part?" (bot.search.evidence). A name made of words the
quotes hold apart ("Business France": business, France) still passes: the words are looked for, not the name.
"""

from __future__ import annotations

import re

from bot.search.kinds import fold

_END = r"(?=\s+(?:in|on|at|for|during|with|dans|pour|lors|à|au|aux|sur|avec)\b|\s*[?？!.]|\s*$)"
_ROLE: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(r"\bwhat (?:role|part) (?:did|does|do|will|would) (.+?) (?:play|have)\b"),
        re.compile(r"\bwhat (?:was|is|were|are) (?:the role|the part) of (.+?)" + _END),
        re.compile(r"\bwhat (?:was|is|were|are) ([^?？!.]+?)['’]s? role\b"),
    ),
    "fr": (
        re.compile(r"\bquel (?:rôle|role) (?:a joué|joue|jouait|a eu|avait) (.+?)" + _END),
        re.compile(r"\bquel (?:rôle|role) (?!(?:a|joue|jouait|avait)\b)(.+?) (?:a|avait|ont)"
                   r"(?:-t-(?:il|elle)|-(?:ils|elles))? (?:joué|eu)\b"),
        re.compile(r"\b(?:quel est|quel était|c'est quoi|c quoi|c koi) le (?:rôle|role) (?:de |du |de la |des |d')(.+?)"
                   + _END),
    ),
    "ja": (re.compile(r"([^\s、。？?はがをもにでと]{2,30}?)(?:は|が)[^。？?]{0,20}?役割"),),
}


def part_asked(question: str, language: str) -> str:
    """The one whose role ``question`` asks (folded, as written), "" when it asks none."""
    text = fold(question).replace("’", "'")
    for pattern in _ROLE.get(language, ()):
        found = pattern.search(text)
        if found:
            return found.group(1)
    return ""
