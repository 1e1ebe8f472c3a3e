import pytest

from bot.questions import MAX_QUESTION_CHARS, QuestionError, clean_question


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None, "<@123456789>", "```\n```", "\u200b\u200e"])
def test_empty_questions_are_refused(text):
    with pytest.raises(QuestionError) as caught:
        clean_question(text)
    assert caught.value.key == "empty"


def test_emoji_alone_go_on_to_the_retriever_as_small_talk():
    assert clean_question("🎌🇫🇷🇯🇵") == "🎌🇫🇷🇯🇵"


@pytest.mark.parametrize("text", ["???", "!!! ...", "¿¡", "— … —"])
def test_questions_without_words_are_refused(text):
    with pytest.raises(QuestionError) as caught:
        clean_question(text)
    assert caught.value.key == "no_words"


def test_huge_question_is_refused_with_its_length():
    with pytest.raises(QuestionError) as caught:
        clean_question("a" * 10_000)
    assert caught.value.key == "too_long"
    assert caught.value.values == {"length": 10_000, "limit": MAX_QUESTION_CHARS}


def test_a_discord_message_is_not_too_long_and_a_longer_one_gives_its_question():
    assert clean_question("Who signed it? " + "x " * 990) == ("Who signed it? " + "x " * 990).strip()  # 1,995
    context = "We are a startup from Lyon and we read about the Paris meeting. " * 60  # 3,900 characters
    assert clean_question(context + "\nWho signed the declaration?") == "Who signed the declaration?"
    japanese = "私たちはリヨンのスタートアップで、パリでの会合について読みました。" * 80  # 2,640 characters
    assert clean_question(japanese + "誰が署名しましたか？") == "誰が署名しましたか？"
    with pytest.raises(QuestionError) as caught:  # no question to take: the message says what to do
        clean_question(context)
    assert caught.value.key == "too_long" and caught.value.values["length"] == len(context)


def test_mentions_and_pings_are_removed():
    cleaned = clean_question("<@!42> @everyone <@&7> qui a signé <#99> la déclaration ? <:flag:123>")
    assert "<" not in cleaned and "@" not in cleaned
    assert cleaned == "qui a signé la déclaration ?"


def test_code_blocks_and_control_characters_are_flattened():
    cleaned = clean_question("```py\nwho signed\x00 the\x07 declaration?\n```")
    assert cleaned == "who signed the declaration?"


def test_invisible_and_bidi_characters_are_dropped():
    assert clean_question("\u202ewho\u200b signed\u2066?") == "who signed?"


def test_an_emoji_made_of_several_keeps_its_joiners():
    # attack19: a coder (woman, joiner, laptop) in a question was echoed in the title and logged as a woman then a
    # laptop: the zero-width joiners of emoji sequences were dropped with the invisible characters
    family, coder, rainbow = "👨\u200d👩\u200d👧", "👩🏽\u200d💻", "🏳\ufe0f\u200d🌈"
    assert clean_question(f"{coder} {family} {rainbow} who signed?") == f"{coder} {family} {rainbow} who signed?"
    assert clean_question(f"{coder}\n\nwho signed?") == f"{coder} who signed?"
    assert clean_question("@\u200deveryone w\u200dho signed?") == "who signed?"  # a joiner elsewhere still goes


def test_japanese_question_is_kept_as_is():
    assert clean_question("  共同声明はいつ署名されましたか？ ") == "共同声明はいつ署名されましたか？"
