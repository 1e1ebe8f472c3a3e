"""The calibration's switches (``tests/calibration.py``) turn off what the shipped code has: a rule whose constant or
function moved to another module is named in its new home, or ``python tests/calibration.py`` stops with an
AttributeError halfway (three did, unnoticed, after the abstention chain moved into ``bot.search.checks``)."""

from __future__ import annotations

import calibration
import pytest


@pytest.mark.parametrize("name", sorted(calibration.RULES))
def test_each_rule_switches_a_thing_the_code_has(name: str) -> None:
    switch = calibration.RULES[name]
    with switch():
        pass  # entering sets the rule's stand-in where the code reads it (an AttributeError if it is not there)
