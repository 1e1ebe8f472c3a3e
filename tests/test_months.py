"""Month names have one home (bot.months); evidence, kinds and parity read them from there."""

from __future__ import annotations

from bot.knowledge.parity import dates_and_numbers
from bot.months import ABBREVIATIONS, MONTHS, numbers, spellings
from bot.search.evidence import NOT_NAMES
from bot.search.kinds import Kind, holds


def test_twelve_months_per_language_in_calendar_order() -> None:
    assert all(len(names) == 12 for names in MONTHS.values())
    assert numbers()["july"] == numbers()["juillet"] == 7 and numbers()["mai"] == 5
    assert spellings("fr")[:3] == ["janvier", "février", "fevrier"]  # the unaccented spelling right after


def test_every_month_and_short_form_names_no_one() -> None:
    assert {name for names in (*MONTHS.values(), *ABBREVIATIONS.values()) for name in names} <= NOT_NAMES


def test_a_month_typed_without_accents_is_a_date_and_a_day_before_it_is_no_count() -> None:
    assert holds(Kind.DATE, "signée le 13 aout") and holds(Kind.DATE, "in December")
    assert not holds(Kind.COUNT, "le 13 décembre") and holds(Kind.COUNT, "13 start-up")
    assert "2018-07-13" in dates_and_numbers("signed on 13 July 2018") == dates_and_numbers("signée le 13 juillet 2018")
