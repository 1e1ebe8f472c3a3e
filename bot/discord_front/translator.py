"""French and Japanese names and descriptions of the slash commands (Discord "localizations").

discord.py asks a :class:`~discord.app_commands.Translator` for each command string and locale
when syncing; strings not listed here stay in English for every locale.
"""

from __future__ import annotations

import discord
from discord import app_commands

SUMMARY_DAYS = 7  # /logs summary's period when none is given (its description states it)


class Describe:
    """The English description of each slash command and option, written once: the command modules describe with
    these, and :data:`LOCALIZATIONS` translates them (a description edited here keeps its key there)."""

    ASK = "Ask a question about the France–Japan declaration of 13 July 2018"
    ASK_QUESTION = "Your question, in French, English or Japanese"
    TOPICS = "What the bot knows: documents and languages"
    ABOUT = "Sources, how answers are made, and what is logged"
    FORGET_ME = "Delete every question and vote of yours from the log"
    KB = "Knowledge base (moderators)"
    KB_STATUS = "Documents, passages, languages, last build and load errors"
    KB_RELOAD = "Rebuild the index from the knowledge files"
    KB_ADD = "Upload a knowledge file (.md, .txt, .yaml) and reload"
    KB_ADD_FILE = "The knowledge file"
    KB_ADD_REPLACE = "Replace the file that serves the same id (it keeps its place; the old one goes to the trash)"
    KB_LIST = "Every document: id, language, passages, file"
    KB_SHOW = "One document: its file, source and passages"
    KB_HISTORY = "The last changes made with /kb (who, when, what)"
    KB_REMOVE = "Move a document's file to the trash (undo: /kb restore)"
    KB_RESTORE = "Undo the last remove or replace of a document"
    KB_DOC_ID = "The document id (see /kb list)"
    KB_RESTORE_DOC_ID = "The document id (see /kb history)"
    LOGS = "Query log reports (maintainers)"
    LOGS_SUMMARY = "Questions, answer rate, unanswered, 👎 answers, latency"
    LOGS_SUMMARY_DAYS = f"How many days back (default {SUMMARY_DAYS})"


# English source string -> {language: translation}. Names: lowercase, no spaces, at most 32 characters.
LOCALIZATIONS: dict[str, dict[str, str]] = {
    # /ask
    "ask": {"fr": "demander", "ja": "質問"},
    Describe.ASK: {
        "fr": "Poser une question sur la déclaration franco-japonaise du 13 juillet 2018",
        "ja": "2018年7月13日の日仏共同声明について質問する",
    },
    "question": {"fr": "question", "ja": "質問文"},
    Describe.ASK_QUESTION: {
        "fr": "Votre question, en français, anglais ou japonais",
        "ja": "質問（日本語・フランス語・英語）",
    },
    # /topics
    "topics": {"fr": "sujets", "ja": "トピック"},
    Describe.TOPICS: {
        "fr": "Ce que sait le bot : documents et langues",
        "ja": "ボットが扱う内容：文書と言語",
    },
    # /about
    "about": {"fr": "a-propos", "ja": "概要"},
    Describe.ABOUT: {
        "fr": "Sources, fabrication des réponses et ce qui est journalisé",
        "ja": "出典、回答の作り方、記録される内容",
    },
    # /forget-me
    "forget-me": {"fr": "oublie-moi", "ja": "忘れて"},
    Describe.FORGET_ME: {
        "fr": "Effacer du journal toutes vos questions et tous vos votes",
        "ja": "あなたの質問と投票の記録をすべて削除する",
    },
    # /kb
    Describe.KB: {
        "fr": "Base de connaissances (modérateurs)",
        "ja": "ナレッジベース（モデレーター）",
    },
    Describe.KB_STATUS: {
        "fr": "Documents, passages, langues, dernière construction et erreurs de chargement",
        "ja": "文書・パッセージ・言語・最終構築・読み込みエラー",
    },
    Describe.KB_RELOAD: {
        "fr": "Reconstruire l’index à partir des fichiers de connaissances",
        "ja": "ナレッジファイルからインデックスを再構築する",
    },
    Describe.KB_ADD: {
        "fr": "Téléverser un fichier de connaissances (.md, .txt, .yaml) et recharger",
        "ja": "ナレッジファイル（.md .txt .yaml）をアップロードして再読み込み",
    },
    "file": {"fr": "fichier", "ja": "ファイル"},
    Describe.KB_ADD_FILE: {"fr": "Le fichier de connaissances", "ja": "ナレッジファイル"},
    "replace": {"fr": "remplacer", "ja": "置き換え"},
    Describe.KB_ADD_REPLACE: {
        "fr": "Remplacer le fichier qui sert le même id (il garde sa place ; l’ancien va à la corbeille)",
        "ja": "同じ ID の文書を置き換える（場所はそのまま、旧版はごみ箱へ）",
    },
    Describe.KB_LIST: {
        "fr": "Tous les documents : id, langue, passages, fichier",
        "ja": "すべての文書：ID・言語・パッセージ数・ファイル",
    },
    Describe.KB_SHOW: {
        "fr": "Un document : son fichier, sa source et ses passages",
        "ja": "1 つの文書：ファイル・出典・パッセージ",
    },
    Describe.KB_HISTORY: {
        "fr": "Les dernières modifications faites avec /kb (qui, quand, quoi)",
        "ja": "/kb による最近の変更（誰が・いつ・何を）",
    },
    Describe.KB_REMOVE: {
        "fr": "Mettre le fichier d’un document à la corbeille (annuler : /kb restore)",
        "ja": "文書のファイルをごみ箱へ移す（元に戻す：/kb restore）",
    },
    Describe.KB_RESTORE: {
        "fr": "Annuler la dernière suppression ou le dernier remplacement d’un document",
        "ja": "文書の直前の削除・置き換えを元に戻す",
    },
    Describe.KB_DOC_ID: {"fr": "L’id du document (voir /kb list)", "ja": "文書の ID（/kb list を参照）"},
    Describe.KB_RESTORE_DOC_ID: {
        "fr": "L’id du document (voir /kb history)", "ja": "文書の ID（/kb history を参照）"
    },
    # /logs
    Describe.LOGS: {
        "fr": "Rapports du journal (mainteneurs)",
        "ja": "質問ログのレポート（メンテナー）",
    },
    Describe.LOGS_SUMMARY: {
        "fr": "Questions, taux de réponse, sans réponse, réponses 👎, latence",
        "ja": "質問数・回答率・未回答・👎 の回答・レイテンシ",
    },
    "days": {"fr": "jours", "ja": "日数"},
    Describe.LOGS_SUMMARY_DAYS: {
        "fr": f"Combien de jours en arrière ({SUMMARY_DAYS} par défaut)",
        "ja": f"何日前まで（既定 {SUMMARY_DAYS}）",
    },
}

LOCALE_LANGUAGE: dict[discord.Locale, str] = {discord.Locale.french: "fr", discord.Locale.japanese: "ja"}


class CommandTranslator(app_commands.Translator):
    """Serves :data:`LOCALIZATIONS` for the French and Japanese locales."""

    def __init__(self, table: dict[str, dict[str, str]] | None = None) -> None:
        self.table = LOCALIZATIONS if table is None else table

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        language = LOCALE_LANGUAGE.get(locale)
        if language is None:
            return None
        return self.table.get(string.message, {}).get(language)
