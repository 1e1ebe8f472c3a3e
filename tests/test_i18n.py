from bot.i18n import MESSAGES, normalize_language, t


def test_every_language_has_every_key():
    keys = set(MESSAGES["en"])
    for language, table in MESSAGES.items():
        assert set(table) == keys, language


def test_discord_locales_map_to_our_languages():
    assert normalize_language("fr") == "fr"
    assert normalize_language("en-US") == "en"
    assert normalize_language("ja") == "ja"
    assert normalize_language("de") == "en"
    assert normalize_language(None) == "en"


def test_values_are_filled_and_missing_keys_do_not_crash():
    assert "1200" in t("fr", "too_long", length=1200, limit=1000)
    assert t("ja", "no-such-key") == "no-such-key"
    assert t("en", "too_long") == MESSAGES["en"]["too_long"]
