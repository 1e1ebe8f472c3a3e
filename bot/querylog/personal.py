"""Personal data a member types in a question, masked before the question is logged (trial 10 H3).

E-mail addresses become ``[email]``, phone numbers ``[phone]`` and Discord ids typed as plain numbers (17 to 20
digits, a snowflake) ``[id]``. The masking is narrow on purpose, so that what the maintainers read is still the
question: years (2018), dates (13/07/2018, 2018-07-13), amounts (160, 1 000 000), a country code alone ("+33")
and the corpus's numbers are left as typed. A phone number is a run of digit groups, separated by spaces, dots
or hyphens, that starts with ``+`` or ``0`` and holds at least 9 digits (+33 6 12 34 56 78, 06.12.34.56.78,
090-1234-5678), or the North American shape ((555) 123-4567, 555-123-4567): the patterns of ``bot.contacts``,
which the search's cleanup reads too.
"""

from __future__ import annotations

import re

from bot import contacts

__all__ = ["EMAIL", "ID", "PHONE", "mask"]

EMAIL = "[email]"
PHONE = "[phone]"
ID = "[id]"

_EMAIL = re.compile(contacts.EMAIL)
_INTERNATIONAL = re.compile(contacts.INTERNATIONAL_PHONE)
_NATIONAL = re.compile(contacts.NATIONAL_PHONE)
_NORTH_AMERICAN = re.compile(contacts.NORTH_AMERICAN_PHONE)
_SNOWFLAKE = re.compile(r"(?<![\d+\uff0b])\d{17,20}(?![\d])")


def _phone(match: re.Match[str]) -> str:
    return PHONE if contacts.is_phone(match.group()) else match.group()


def mask(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and typed Discord ids replaced by a placeholder."""
    if not any(ch.isdigit() or ch in "@\uff20" for ch in text):
        return text  # most questions: nothing to look for
    text = _EMAIL.sub(EMAIL, text)
    text = _SNOWFLAKE.sub(ID, text)
    text = _INTERNATIONAL.sub(_phone, text)
    text = _NORTH_AMERICAN.sub(PHONE, text)
    return _NATIONAL.sub(_phone, text)
