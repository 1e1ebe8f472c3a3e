"""The bot's own words in French, English and Japanese.

``t(language, key, **values)`` falls back to English for an unknown language
and names the key for an unknown key, so a missing string never crashes a reply.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "not_found": (
            "I could not find this in my sources on the France–Japan declaration of 13 July 2018. "
            "Try rephrasing with names, dates or places, or see /topics for what I know."
        ),
        "empty": "Please ask a question, for example: “Who signed the declaration?”",
        "too_long": "That question is too long ({length} characters); please keep it under {limit}.",
        "no_words": "I could not find any words in that question. Please ask it with words.",
        "answer_title": "From the sources",
        "not_found_title": "Not in my sources",
        "footer": "Quoted from the corpus, not generated · {n} source(s) · {ms} ms",
        "footer_not_found": "Nothing was invented: I only quote my sources.",
        "internal_error": "Something went wrong on my side; it has been logged. Please try again later.",
    },
    "fr": {
        "not_found": (
            "Je n’ai pas trouvé cela dans mes sources sur la déclaration franco-japonaise du 13 juillet 2018. "
            "Reformulez avec des noms, des dates ou des lieux, ou voyez /sujets pour ce que je connais."
        ),
        "empty": "Posez une question, par exemple : « Qui a signé la déclaration ? »",
        "too_long": "Cette question est trop longue ({length} caractères) ; restez sous {limit}.",
        "no_words": "Je ne trouve aucun mot dans cette question. Posez-la avec des mots.",
        "answer_title": "D’après les sources",
        "not_found_title": "Absent de mes sources",
        "footer": "Cité du corpus, rien n’est inventé · {n} source(s) · {ms} ms",
        "footer_not_found": "Rien n’est inventé : je ne fais que citer mes sources.",
        "internal_error": "Une erreur s’est produite de mon côté ; elle est consignée. Réessayez plus tard.",
    },
    "ja": {
        "not_found": (
            "2018年7月13日の日仏共同声明に関する資料には、その内容が見つかりませんでした。"
            "人名・日付・場所を入れて言い換えるか、/トピック で扱っている内容をご覧ください。"
        ),
        "empty": "質問を入力してください。例：「共同声明に署名したのは誰ですか？」",
        "too_long": "質問が長すぎます（{length}文字）。{limit}文字以内でお願いします。",
        "no_words": "質問に言葉が見つかりませんでした。言葉で質問してください。",
        "answer_title": "資料より",
        "not_found_title": "資料にありません",
        "footer": "資料からの引用です（生成ではありません）・出典{n}件・{ms} ms",
        "footer_not_found": "何も作り出していません。資料だけを引用します。",
        "internal_error": "内部でエラーが発生し、記録されました。しばらくしてから再度お試しください。",
    },
}


def normalize_language(language: str | None) -> str:
    """Map a language or Discord locale (``fr``, ``en-US``, ``ja``) to fr/en/ja, English by default."""
    if not language:
        return DEFAULT_LANGUAGE
    base = str(language).split("-")[0].split("_")[0].lower()
    return base if base in MESSAGES else DEFAULT_LANGUAGE


def t(language: str | None, key: str, **values: object) -> str:
    """The message ``key`` in ``language`` with ``values`` filled in."""
    table = MESSAGES[normalize_language(language)]
    template = table.get(key) or MESSAGES[DEFAULT_LANGUAGE].get(key)
    if template is None:
        log.error("missing message key %r", key)
        return key
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        log.exception("bad values for message key %r", key)
        return template
