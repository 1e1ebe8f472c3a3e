"""Passage ids hash a passage's text single-spaced: the fast path that skips the split must give the split's text,
or a passage's id (logged votes, citations) would change with the bot's version."""

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.ids import content_hash, single_spaced

_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
_TEXT = st.text(st.one_of(st.sampled_from(_SPACES), st.sampled_from("aé誰Ω-.1\u200b\u00ad"), st.characters()))


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    """What lets one ``isprintable`` scan stand for str.split's whitespace in non-ASCII text."""
    assert [c for c in _SPACES if c.isprintable()] == [" "]


@settings(max_examples=500)
@given(_TEXT)
def test_single_spaced_is_the_split_joined(text: str) -> None:
    assert single_spaced(text) == " ".join(text.split())


def test_ids_unchanged_by_unicode_spaces() -> None:
    """A non-breaking or ideographic space is white space, as a line break is: the id does not see it."""
    plain = content_hash("Titre", "Le 13 juillet 2018 à Paris")
    assert content_hash("Titre", "Le 13\u00a0juillet 2018\u3000à  Paris") == plain
    assert content_hash("Titre", "Le 13\njuillet 2018 à Paris ") == plain
    assert content_hash("Titre", "Le 13 juillet 2018 à Paris.") != plain
