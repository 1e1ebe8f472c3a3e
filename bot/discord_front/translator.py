"""French and Japanese names and descriptions of the slash commands (Discord "localizations").

discord.py asks a :class:`~discord.app_commands.Translator` for each command string and locale
when syncing; strings not listed here stay in English for every locale.
"""

from __future__ import annotations

import discord
from discord import app_commands

# English source string -> {language: translation}. Names: lowercase, no spaces, at most 32 characters.
LOCALIZATIONS: dict[str, dict[str, str]] = {
    # /ask
    "ask": {"fr": "demander", "ja": "質問"},
    "Ask a question about the France–Japan declaration of 13 July 2018": {
        "fr": "Poser une question sur la déclaration franco-japonaise du 13 juillet 2018",
        "ja": "2018年7月13日の日仏共同声明について質問する",
    },
    "question": {"fr": "question", "ja": "質問文"},
    "Your question, in French, English or Japanese": {
        "fr": "Votre question, en français, anglais ou japonais",
        "ja": "質問（日本語・フランス語・英語）",
    },
    # /topics
    "topics": {"fr": "sujets", "ja": "トピック"},
    "What the bot knows: documents and languages": {
        "fr": "Ce que sait le bot : documents et langues",
        "ja": "ボットが扱う内容：文書と言語",
    },
    # /about
    "about": {"fr": "a-propos", "ja": "概要"},
    "Sources, how answers are made, and what is logged": {
        "fr": "Sources, fabrication des réponses et ce qui est journalisé",
        "ja": "出典、回答の作り方、記録される内容",
    },
    # /forget-me
    "forget-me": {"fr": "oublie-moi", "ja": "忘れて"},
    "Delete every question and vote of yours from the log": {
        "fr": "Effacer du journal toutes vos questions et tous vos votes",
        "ja": "あなたの質問と投票の記録をすべて削除する",
    },
    # /kb
    "Knowledge base (moderators)": {
        "fr": "Base de connaissances (modérateurs)",
        "ja": "ナレッジベース（モデレーター）",
    },
    "Documents, passages, languages, last build and load errors": {
        "fr": "Documents, passages, langues, dernière construction et erreurs de chargement",
        "ja": "文書・パッセージ・言語・最終構築・読み込みエラー",
    },
    "Rebuild the index from the knowledge files": {
        "fr": "Reconstruire l’index à partir des fichiers de connaissances",
        "ja": "ナレッジファイルからインデックスを再構築する",
    },
    "Upload a knowledge file (.md, .txt, .yaml) and reload": {
        "fr": "Téléverser un fichier de connaissances (.md, .txt, .yaml) et recharger",
        "ja": "ナレッジファイル（.md .txt .yaml）をアップロードして再読み込み",
    },
    "file": {"fr": "fichier", "ja": "ファイル"},
    "The knowledge file": {"fr": "Le fichier de connaissances", "ja": "ナレッジファイル"},
    "replace": {"fr": "remplacer", "ja": "置き換え"},
    "Replace the file that serves the same id (it keeps its place; the old one goes to the trash)": {
        "fr": "Remplacer le fichier qui sert le même id (il garde sa place ; l’ancien va à la corbeille)",
        "ja": "同じ ID の文書を置き換える（場所はそのまま、旧版はごみ箱へ）",
    },
    "Every document: id, language, passages, file": {
        "fr": "Tous les documents : id, langue, passages, fichier",
        "ja": "すべての文書：ID・言語・パッセージ数・ファイル",
    },
    "One document: its file, source and passages": {
        "fr": "Un document : son fichier, sa source et ses passages",
        "ja": "1 つの文書：ファイル・出典・パッセージ",
    },
    "The last changes made with /kb (who, when, what)": {
        "fr": "Les dernières modifications faites avec /kb (qui, quand, quoi)",
        "ja": "/kb による最近の変更（誰が・いつ・何を）",
    },
    "Move a document's file to the trash (undo: /kb restore)": {
        "fr": "Mettre le fichier d’un document à la corbeille (annuler : /kb restore)",
        "ja": "文書のファイルをごみ箱へ移す（元に戻す：/kb restore）",
    },
    "Undo the last remove or replace of a document": {
        "fr": "Annuler la dernière suppression ou le dernier remplacement d’un document",
        "ja": "文書の直前の削除・置き換えを元に戻す",
    },
    "The document id (see /kb list)": {"fr": "L’id du document (voir /kb list)", "ja": "文書の ID（/kb list を参照）"},
    "The document id (see /kb history)": {
        "fr": "L’id du document (voir /kb history)", "ja": "文書の ID（/kb history を参照）"
    },
    # /logs
    "Query log reports (maintainers)": {
        "fr": "Rapports du journal (mainteneurs)",
        "ja": "質問ログのレポート（メンテナー）",
    },
    "Questions, answer rate, unanswered, 👎 answers, latency": {
        "fr": "Questions, taux de réponse, sans réponse, réponses 👎, latence",
        "ja": "質問数・回答率・未回答・👎 の回答・レイテンシ",
    },
    "days": {"fr": "jours", "ja": "日数"},
    "How many days back (default 7)": {
        "fr": "Combien de jours en arrière (7 par défaut)",
        "ja": "何日前まで（既定 7）",
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
