"""The Discord front end's own words in French, English and Japanese.

Words about answers (not found, question errors, the answer footer, internal errors) come from
:mod:`bot.i18n`; this module only holds what exists because of Discord (buttons, cooldowns,
moderator replies, /about, /topics).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "refused.moderator": "This command is for moderators (Manage Server permission or a moderator role).",
        "refused.maintainer": "This command is for maintainers (the maintainer role).",
        "refused.guild_only": "This command only works in a server.",
        "dm.off": "I don't answer direct messages here; ask me in a server channel with /ask.",
        "cooldown": "You're asking a lot at once: please try again {when}.",
        "duplicate": "You just asked the same question; the answer is above.",
        "thread.name": "Q: {question}",
        "thread.answered": "Answered in {thread}.",
        "vote.up": "Thanks! Your 👍 is recorded (you can change it).",
        "vote.down": "Thanks! Your 👎 is recorded; it helps improve the corpus (you can change it).",
        "vote.unknown": "This answer is no longer in the log, so the vote was not recorded.",
        "forget.confirm": "Delete every question and vote you sent me from the log? This cannot be undone.",
        "forget.yes": "Delete my data",
        "forget.no": "Cancel",
        "forget.done": "Done: {questions} logged questions and {votes} votes were deleted.",
        "forget.cancelled": "Cancelled; nothing was deleted.",
        "forget.expired": "No answer given; nothing was deleted.",
        "topics.title": "What I know",
        "topics.intro": "{documents} documents, {passages} passages, languages: {languages}.",
        "topics.ask": "Ask with /ask or mention me, in French, English or Japanese.",
        "about.title": "About this assistant",
        "about.body": (
            "I answer questions about the France–Japan joint declaration on innovation and the digital economy "
            "(Paris, 13 July 2018) by **quoting** passages of a curated corpus, each with its source link. "
            "Passages are found with BM25 keyword search; no language model writes the answers, and nothing "
            "leaves this server at question time.\n\n"
            "**What is logged**: the question text, its language, the passages cited and their scores, the "
            "response time, a keyed hash of your Discord id (not the id itself), the server and channel ids, "
            "and your 👍/👎 votes. Entries are deleted after {days} days. "
            "`/forget-me` deletes everything logged for you at once."
        ),
        "about.sources": "Sources",
        "kb.status.title": "Knowledge base",
        "kb.status.body": (
            "Documents: {documents}\nPassages: {passages}\nLanguages: {languages}\nIndex built: {built}"
        ),
        "kb.errors": "Errors of the last load ({count}):",
        "kb.no_errors": "The last load had no errors.",
        "kb.reload.done": "Index rebuilt: {documents} documents, {passages} passages.",
        "kb.reload.kept": "Nothing could be loaded; the previous index is still served.",
        "kb.add.too_big": "`{name}` is {size} bytes; the limit is {limit} bytes. Nothing was saved.",
        "kb.add.rejected": "`{name}` was not saved:",
        "kb.add.saved": "`{name}` saved as `{path}`.",
        "logs.none": "No log database yet.",
        "logs.unanswered": "Most asked unanswered questions",
        "logs.downvoted": "Answers voted 👎",
        "button.up": "Helpful",
        "button.down": "Not helpful",
    },
    "fr": {
        "refused.moderator": (
            "Cette commande est réservée aux modérateurs (permission Gérer le serveur ou rôle de modérateur)."
        ),
        "refused.maintainer": "Cette commande est réservée aux mainteneurs (rôle de mainteneur).",
        "refused.guild_only": "Cette commande ne fonctionne que sur un serveur.",
        "dm.off": "Je ne réponds pas aux messages privés ici ; posez la question sur un salon avec /demander.",
        "cooldown": "Beaucoup de questions d'un coup : réessayez {when}.",
        "duplicate": "Vous venez de poser la même question ; la réponse est au-dessus.",
        "thread.name": "Q : {question}",
        "thread.answered": "Réponse dans {thread}.",
        "vote.up": "Merci ! Votre 👍 est enregistré (vous pouvez le changer).",
        "vote.down": "Merci ! Votre 👎 est enregistré ; il aide à améliorer le corpus (vous pouvez le changer).",
        "vote.unknown": "Cette réponse n'est plus dans le journal ; le vote n'a pas été enregistré.",
        "forget.confirm": (
            "Supprimer du journal toutes vos questions et tous vos votes ? Cette action est définitive."
        ),
        "forget.yes": "Supprimer mes données",
        "forget.no": "Annuler",
        "forget.done": "C'est fait : {questions} questions journalisées et {votes} votes ont été supprimés.",
        "forget.cancelled": "Annulé ; rien n'a été supprimé.",
        "forget.expired": "Pas de réponse ; rien n'a été supprimé.",
        "topics.title": "Ce que je sais",
        "topics.intro": "{documents} documents, {passages} passages, langues : {languages}.",
        "topics.ask": "Posez vos questions avec /demander ou en me mentionnant, en français, anglais ou japonais.",
        "about.title": "À propos de cet assistant",
        "about.body": (
            "Je réponds aux questions sur la déclaration conjointe franco-japonaise sur l'innovation et "
            "l'économie numérique (Paris, 13 juillet 2018) en **citant** des passages d'un corpus choisi, chacun "
            "avec le lien de sa source. Les passages sont trouvés par recherche de mots-clés BM25 ; aucun modèle "
            "de langue ne rédige les réponses et rien ne quitte ce serveur au moment de la question.\n\n"
            "**Ce qui est journalisé** : le texte de la question, sa langue, les passages cités et leurs scores, "
            "le temps de réponse, une empreinte à clé de votre identifiant Discord (pas l'identifiant lui-même), "
            "les identifiants du serveur et du salon, et vos votes 👍/👎. Les entrées sont supprimées après "
            "{days} jours. `/oublie-moi` efface d'un coup tout ce qui vous concerne."
        ),
        "about.sources": "Sources",
        "kb.status.title": "Base de connaissances",
        "kb.status.body": (
            "Documents : {documents}\nPassages : {passages}\nLangues : {languages}\nIndex construit : {built}"
        ),
        "kb.errors": "Erreurs du dernier chargement ({count}) :",
        "kb.no_errors": "Le dernier chargement n'a eu aucune erreur.",
        "kb.reload.done": "Index reconstruit : {documents} documents, {passages} passages.",
        "kb.reload.kept": "Rien n'a pu être chargé ; l'index précédent reste en service.",
        "kb.add.too_big": "`{name}` fait {size} octets ; la limite est {limit} octets. Rien n'a été enregistré.",
        "kb.add.rejected": "`{name}` n'a pas été enregistré :",
        "kb.add.saved": "`{name}` enregistré sous `{path}`.",
        "logs.none": "Pas encore de journal.",
        "logs.unanswered": "Questions sans réponse les plus posées",
        "logs.downvoted": "Réponses votées 👎",
        "button.up": "Utile",
        "button.down": "Pas utile",
    },
    "ja": {
        "refused.moderator": "このコマンドはモデレーター専用です（サーバー管理権限またはモデレーターロール）。",
        "refused.maintainer": "このコマンドはメンテナー専用です（メンテナーロール）。",
        "refused.guild_only": "このコマンドはサーバー内でのみ使えます。",
        "dm.off": "ここではダイレクトメッセージには答えません。サーバーのチャンネルで /質問 を使ってください。",
        "cooldown": "短時間に質問が多すぎます。{when}にもう一度お試しください。",
        "duplicate": "同じ質問を今したばかりです。回答は上にあります。",
        "thread.name": "質問: {question}",
        "thread.answered": "{thread} で回答しました。",
        "vote.up": "ありがとうございます。👍 を記録しました（変更できます）。",
        "vote.down": "ありがとうございます。👎 を記録しました。コーパスの改善に役立てます（変更できます）。",
        "vote.unknown": "この回答は記録に残っていないため、投票は記録されませんでした。",
        "forget.confirm": "あなたの質問と投票の記録をすべて削除しますか？元に戻せません。",
        "forget.yes": "データを削除",
        "forget.no": "キャンセル",
        "forget.done": "完了：記録された質問 {questions} 件と投票 {votes} 件を削除しました。",
        "forget.cancelled": "キャンセルしました。何も削除していません。",
        "forget.expired": "応答がなかったため、何も削除していません。",
        "topics.title": "扱える内容",
        "topics.intro": "文書 {documents} 件、パッセージ {passages} 件、言語: {languages}。",
        "topics.ask": "/質問 またはメンションで、日本語・フランス語・英語で質問できます。",
        "about.title": "このアシスタントについて",
        "about.body": (
            "イノベーションとデジタル経済に関する日仏共同声明（2018年7月13日、パリ）についての質問に、"
            "厳選したコーパスの一節を出典リンク付きで**引用**して答えます。検索は BM25 によるキーワード検索で、"
            "言語モデルが回答を書くことはなく、質問時に外部へ情報を送ることもありません。\n\n"
            "**記録する内容**：質問文、言語、引用したパッセージとスコア、応答時間、Discord ID の鍵付きハッシュ"
            "（ID そのものではありません）、サーバーとチャンネルの ID、👍/👎 の投票。記録は {days} 日後に削除されます。"
            "`/忘れて` であなたの記録をすべて削除できます。"
        ),
        "about.sources": "出典",
        "kb.status.title": "ナレッジベース",
        "kb.status.body": "文書: {documents}\nパッセージ: {passages}\n言語: {languages}\nインデックス作成: {built}",
        "kb.errors": "前回の読み込みのエラー（{count} 件）:",
        "kb.no_errors": "前回の読み込みにエラーはありません。",
        "kb.reload.done": "インデックスを再構築しました：文書 {documents} 件、パッセージ {passages} 件。",
        "kb.reload.kept": "何も読み込めなかったため、以前のインデックスを使い続けます。",
        "kb.add.too_big": "`{name}` は {size} バイトで、上限は {limit} バイトです。保存していません。",
        "kb.add.rejected": "`{name}` は保存されませんでした：",
        "kb.add.saved": "`{name}` を `{path}` として保存しました。",
        "logs.none": "まだ記録がありません。",
        "logs.unanswered": "よく聞かれる未回答の質問",
        "logs.downvoted": "👎 が付いた回答",
        "button.up": "役に立った",
        "button.down": "役に立たなかった",
    },
}


def say(language: str | None, key: str, **kw: object) -> str:
    """The text for ``key`` in ``language`` (English when the language or key is missing)."""
    table = TEXTS.get(language or "en", TEXTS["en"])
    template = table.get(key, TEXTS["en"][key])
    return template.format(**kw) if kw else template
