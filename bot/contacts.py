"""How a member's e-mail address and phone number are written: one home for the patterns that the search's cleanup
(``bot.search.cleanup``: never what is asked, so not searched) and the query log's masking
(``bot.querylog.personal``: never stored) both need. The import layers keep the search from importing the query
log, so the patterns live here, below both.

An e-mail address is tried where a word starts only (tried at every letter of a 10,000-letter word, it took
0.6 s); its ``@`` may be the full-width ＠ a Japanese keyboard types. A phone number is a run of digit groups,
separated by spaces, dots or hyphens, that starts with ``+`` or ``0`` and holds at least 9 digits (+33 6 12 34 56 78,
06.12.34.56.78, 090-1234-5678), or the North American shape ((555) 123-4567, 555-123-4567): years, dates, amounts
and a country code alone ("+33") are not phone numbers.
"""

from __future__ import annotations

EMAIL = r"(?<![\w.+\-])[\w.+\-]+[@\uff20][\w\-]+(?:\.[\w\-]+)+"
_SEP = r"[ \u00a0\u3000.\-\u2010\u2011\u2013\uff0d]"  # what people put between digit groups (slash: a date)
_NO_DIGIT_BEFORE = r"(?<![\d+\uff0b])"
_NO_DIGIT_AFTER = r"(?![\d])"
INTERNATIONAL_PHONE = (  # +33 6 12 34 56 78, +33 (0)6 12 34 56 78, +1 (555) 123-4567
    _NO_DIGIT_BEFORE + r"[+\uff0b]\d+(?:" + _SEP + r"?\(\d+\)\d*|" + _SEP + r"\d+)*" + _NO_DIGIT_AFTER
)
NATIONAL_PHONE = _NO_DIGIT_BEFORE + r"[0\uff10]\d+(?:" + _SEP + r"\d+)*" + _NO_DIGIT_AFTER
NORTH_AMERICAN_PHONE = _NO_DIGIT_BEFORE + r"(?:\(\d{3}\)" + _SEP + r"?|\d{3}[.\-])\d{3}[.\-]\d{4}" + _NO_DIGIT_AFTER
MIN_PHONE_DIGITS = 9  # 06 12 34 56 78 has 10; no date or year written with spaces, dots or hyphens has 9


def is_phone(text: str) -> bool:
    """A run the international or national pattern found is a phone number when it holds enough digits."""
    return sum(ch.isdigit() for ch in text) >= MIN_PHONE_DIGITS
