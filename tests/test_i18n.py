import logging
import re
import string

import paths
import pytest

from bot.i18n import MESSAGES, normalize_language, t
from bot.models import LANGUAGES


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_every_language_with_the_same_placeholders(key):
    translations = MESSAGES[key]
    assert set(translations) == set(LANGUAGES)
    assert all(text.strip() for text in translations.values())
    expected = _placeholders(translations["en"])
    for language in LANGUAGES:
        assert _placeholders(translations[language]) == expected, language


def test_discord_locales_map_to_our_languages():
    assert normalize_language("fr") == "fr"
    assert normalize_language("en-US") == "en"
    assert normalize_language("ja") == "ja"
    assert normalize_language("de") == "en"
    assert normalize_language(None) == "en"


def test_fields_are_filled_in_the_asked_language():
    assert t("too_long", "fr", length=5200, limit=2000).startswith("Ce message est trop long (5200")
    assert t("too_long", "pt-BR", length=5200, limit=2000).startswith("That message is too long (5200")


def test_a_missing_key_or_field_never_crashes_a_reply(caplog):
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        assert t("no-such-key", "ja") == "no-such-key"
        assert t("too_long", "en") == MESSAGES["too_long"]["en"]
    assert len(caplog.records) == 2


def test_every_key_the_code_names_is_in_the_catalog():
    """``t("key", language)``: a key mistyped, or the arguments swapped, would show the key to a member."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (paths.ROOT / "bot").rglob("*.py"))
    named = set(re.findall(r"""\bt\(\s*["']([^"'{}]+)["']""", source))
    assert len(named) > 30
    assert sorted(named - set(MESSAGES)) == []


def test_counts_agree_with_their_number_in_each_language():
    from bot.i18n import plural

    assert [plural("count.questions", n, "en") for n in (0, 1, 2)] == ["0 questions", "1 question", "2 questions"]
    assert [plural("count.members", n, "fr") for n in (0, 1, 2)] == ["0 membre", "1 membre", "2 membres"]
    assert plural("count.votes", 1, "ja") == plural("count.votes", 2, "ja").replace("2", "1") == "1 件の投票"


def test_every_french_message_writes_its_apostrophes_one_way():
    """Issue 11 (product): French replies mixed « l'index » and « n’est » (18 messages one way, 11 the other); every
    French message, and every French name or description of a slash command, uses the typographic apostrophe."""
    from bot.discord_front.translator import LOCALIZATIONS

    french = {f"i18n {key}": texts["fr"] for key, texts in MESSAGES.items()}
    french |= {f"command {key}": texts["fr"] for key, texts in LOCALIZATIONS.items() if "fr" in texts}
    straight = {name: text for name, text in french.items() if "'" in text}
    assert not straight, straight
    assert any("’" in text for text in french.values())
