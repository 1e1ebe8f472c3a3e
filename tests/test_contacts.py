"""One home for what an e-mail address and a phone number look like (bot/contacts.py): what the query log masks is
exactly what the search leaves out, and what it keeps (years, dates, amounts, "+33" alone) the search reads."""

from __future__ import annotations

import pytest

from bot.querylog.personal import mask
from bot.search.cleanup import strip_discord

CONTACTS = [
    "jean.dupont@example.com", "jean＠example.org", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "06 12 34 56 78",
    "06.12.34.56.78", "090-1234-5678", "(555) 123-4567", "555-123-4567", "+81 90 1234 5678",
]
KEPT = ["2018", "13/07/2018", "2018-07-13", "1 000 000", "+33", "160", "0.5", "06 12"]


@pytest.mark.parametrize("contact", CONTACTS)
def test_a_contact_is_masked_in_the_log_and_not_searched(contact: str) -> None:
    question = f"my contact is {contact} who signed it?"
    assert contact not in mask(question)
    assert strip_discord(question)[0].split() == ["my", "contact", "is", "who", "signed", "it?"]


@pytest.mark.parametrize("number", KEPT)
def test_years_dates_and_amounts_stay_for_both(number: str) -> None:
    question = f"what about {number} then?"
    assert mask(question) == question
    assert number in strip_discord(question)[0]
