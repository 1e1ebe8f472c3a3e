"""A reason a question gives as known before it asks: "since X, …", « comme / puisque X, … », 「Xのに、…」.

"Since Bpifrance runs J-Startup, why is JETRO involved?", « Puisque la déclaration portait sur la cybersécurité
militaire, quels équipements… ? »: the question that follows is about a real subject of the sources, so the quotes on
JETRO or on the declaration cover it, and nothing checked the reason it takes for granted, which is false. A reason
given so is a statement of its own: the sources must state it, in one passage (the retriever: every word of it the
corpus has, and none it lacks). A reason of time ("since 2018, how many…") is no premise and is not read.
"""

from __future__ import annotations

import re

# the clause, up to the comma that ends it; "since" before a number is a time ("since 2018"); « comme » opens the
# question (elsewhere it compares: « un assistant comme celui de Snips »); Japanese: a reason that concedes (のに)
# or states a cause (んだから), closed by a comma (「会社を設立するのに必要な」 is a purpose, with no comma)
_REASONS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:since|given\s+that|now\s+that|seeing\s+that)\s+(?![\d'’])(?P<reason>[^,?!.]{1,300}),",
                     re.IGNORECASE),
    "fr": re.compile(r"(?:^\W*comme\s+|\bpuisqu(?:e\s+|['’]\s*)|\bvu\s+qu(?:e\s+|['’]\s*)|"
                     r"\bétant\s+donné\s+qu(?:e\s+|['’]\s*))(?P<reason>[^,?!.]{1,300}),", re.IGNORECASE),
}
_JA_REASON_END = re.compile(r"(?:のに|んだから|のだから)\s*[、，,]")  # the clause runs back to the last mark before it
_JA_MARKS = "、。，,？?！!"


def reason_given(question: str, language: str) -> str:
    """The reason ``question`` takes for granted before it asks ("Bpifrance runs J-Startup"), or ""."""
    if language == "ja":  # found by its end, then cut back: a pattern from each start would take quadratic time
        end = _JA_REASON_END.search(question)
        if not end:
            return ""
        before = question[:end.start()]
        return before[max(before.rfind(mark) for mark in _JA_MARKS) + 1:].strip()
    pattern = _REASONS.get(language)
    found = pattern.search(question.strip()) if pattern else None
    return found.group("reason").strip() if found else ""
