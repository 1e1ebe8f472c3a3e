"""Personal data a member types in a question, masked before the question is logged (trial 10 H3).

E-mail addresses become ``[email]``, phone numbers ``[phone]`` and Discord ids typed as plain numbers (17 to 20
digits, a snowflake) ``[id]``. The masking is narrow on purpose, so that what the maintainers read is still the
question: years (2018), dates (13/07/2018, 2018-07-13), amounts (160, 1 000 000), a country code alone ("+33")
and the corpus's numbers are left as typed. A phone number is a run of digit groups, separated by spaces, dots
or hyphens, that starts with ``+`` or ``0`` and holds at least 9 digits (+33 6 12 34 56 78, 06.12.34.56.78,
090-1234-5678), or the North American shape ((555) 123-4567, 555-123-4567).
"""

from __future__ import annotations

import re

__all__ = ["EMAIL", "ID", "PHONE", "mask"]

EMAIL = "[email]"
PHONE = "[phone]"
ID = "[id]"

_SEP = r"[ \u00a0\u3000.\-\u2010\u2011\u2013\uff0d]"  # what people put between digit groups (slash: a date)
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+[@\uff20][\w\-]+(?:\.[\w\-]+)+")
_NO_DIGIT_BEFORE = r"(?<![\d+\uff0b])"
_NO_DIGIT_AFTER = r"(?![\d])"
_INTERNATIONAL = re.compile(  # +33 6 12 34 56 78, +33 (0)6 12 34 56 78, +1 (555) 123-4567
    _NO_DIGIT_BEFORE + r"[+\uff0b]\d+(?:" + _SEP + r"?\(\d+\)\d*|" + _SEP + r"\d+)*" + _NO_DIGIT_AFTER
)
_NATIONAL = re.compile(_NO_DIGIT_BEFORE + r"[0\uff10]\d+(?:" + _SEP + r"\d+)*" + _NO_DIGIT_AFTER)
_NORTH_AMERICAN = re.compile(
    _NO_DIGIT_BEFORE + r"(?:\(\d{3}\)" + _SEP + r"?|\d{3}[.\-])\d{3}[.\-]\d{4}" + _NO_DIGIT_AFTER
)
_SNOWFLAKE = re.compile(_NO_DIGIT_BEFORE + r"\d{17,20}" + _NO_DIGIT_AFTER)
MIN_PHONE_DIGITS = 9  # 06 12 34 56 78 has 10; no date or year written with spaces, dots or hyphens has 9


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phone(match: re.Match[str]) -> str:
    return PHONE if _digits(match.group()) >= MIN_PHONE_DIGITS else match.group()


def mask(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and typed Discord ids replaced by a placeholder."""
    if not any(ch.isdigit() or ch in "@\uff20" for ch in text):
        return text  # most questions: nothing to look for
    text = _EMAIL.sub(EMAIL, text)
    text = _SNOWFLAKE.sub(ID, text)
    text = _INTERNATIONAL.sub(_phone, text)
    text = _NORTH_AMERICAN.sub(PHONE, text)
    return _NATIONAL.sub(_phone, text)
