"""The bot's own words in French, English and Japanese: one catalog, one lookup.

Each key holds its three translations side by side, so adding a message is one
block in one place; ``tests/test_i18n.py`` checks that every key has fr, en and
ja with the same ``{placeholders}``. ``t(key, language, **fields)`` falls back
to English for an unknown language, and for an unknown key logs an error and
returns the key itself, so a missing string never crashes a reply. The slash
commands' own names and descriptions are Discord localizations and live in
``bot.discord_front.translator``.
"""

from __future__ import annotations

import logging

from bot.models import Language, served_language

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE: Language = "en"

MESSAGES: dict[str, dict[Language, str]] = {
    "not_found.part": {  # one question of a message of several that the sources do not answer (the others are)
        "fr": "Mes sources ne répondent pas à cette question.",
        "en": "My sources do not answer this question.",
        "ja": "この質問への答えは資料に見つかりませんでした。",
    },
    "not_found": {
        "fr": (
            "Je n’ai pas trouvé cela dans mes sources sur la déclaration franco-japonaise du 13 juillet "
            "2018. Reformulez avec des noms, des dates ou des lieux, ou voyez /sujets pour ce que je "
            "connais."
        ),
        "en": (
            "I could not find this in my sources on the France–Japan declaration of 13 July 2018. Try "
            "rephrasing with names, dates or places, or see /topics for what I know."
        ),
        "ja": (
            "2018年7月13日の日仏共同声明に関する資料には、その内容が見つかりませんでした。"
            "人名・日付・場所を入れて言い換えるか、/トピック で扱っている内容をご覧ください。"
        ),
    },
    "not_found.after": {  # a question about today or what came after (reason "after-corpus"): the sources' date
        "fr": (
            "Mes sources datent de 2018 (la déclaration du 13 juillet 2018 et ce qui en a été écrit alors) : elles ne "
            "disent pas ce qui est vrai aujourd’hui ni ce qui a suivi. Demandez ce qu’il en était en 2018, ou voyez "
            "/sujets pour ce que je connais."
        ),
        "en": (
            "My sources date from 2018 (the declaration of 13 July 2018 and what was written about it then): they "
            "cannot tell what is true today or what came after. Ask what was the case in 2018, or see /topics for "
            "what I know."
        ),
        "ja": (
            "資料は2018年当時のもの（2018年7月13日の共同声明と当時の報道）なので、現在のことやその後のことは"
            "わかりません。2018年当時のことを聞くか、/トピック で扱っている内容をご覧ください。"
        ),
    },
    "not_found.more": {
        "fr": "Je n’ai rien de plus sur cette question dans mes sources : tout ce que j’ai trouvé est cité plus haut.",
        "en": "I have nothing more on this question in my sources: everything I found is quoted above.",
        "ja": "この質問について、資料にはこれ以上の情報はありません。見つかった内容はすべて上に引用しました。",
    },
    "suggestions.title": {
        "fr": "Je sais répondre à :",
        "en": "I can answer:",
        "ja": "次の質問には答えられます：",
    },
    "suggestions.gone": {
        "fr": "Cette suggestion n’est plus dans mes sources ; posez votre question avec /demander.",
        "en": "This suggestion is no longer in my sources; ask with /ask.",
        "ja": "この候補は資料にもうありません。/質問 で聞いてください。",
    },
    "small_talk.title": {
        "fr": "Posez-moi une question sur la déclaration",
        "en": "Ask me about the declaration",
        "ja": "共同声明について質問してください",
    },
    "small_talk": {
        "fr": (
            "Bonjour ! Je réponds aux questions sur la déclaration franco-japonaise du 13 juillet 2018 en "
            "citant mes sources. Essayez « Qui a signé la déclaration ? » ou « Que s’est-il passé à Station F "
            "ce soir-là ? », ou voyez /sujets pour ce que je connais."
        ),
        "en": (
            "Hi! I answer questions about the France–Japan joint declaration of 13 July 2018 by quoting my "
            "sources. Try “Who signed the declaration?” or “What happened at Station F that evening?”, "
            "or see /topics for what I know."
        ),
        "ja": (
            "こんにちは。2018年7月13日の日仏共同声明についての質問に、資料を引用してお答えします。"
            "「共同声明に署名したのは誰ですか？」や「その夜ステーションFで何があったの？」のように聞いてみてください。"
            "/トピック で扱っている内容も見られます。"
        ),
    },
    "small_talk.thanks": {
        "fr": "Avec plaisir ! Posez-moi une autre question sur la déclaration quand vous voulez, ou voyez /sujets.",
        "en": "You’re welcome! Ask me another question about the declaration any time, or see /topics.",
        "ja": "どういたしまして。共同声明について、ほかにも質問をどうぞ（/トピック で扱っている内容が見られます）。",
    },
    "small_talk.ack": {
        "fr": "D’accord ! Posez-moi une autre question sur la déclaration quand vous voulez, ou voyez /sujets.",
        "en": "OK! Ask me another question about the declaration any time, or see /topics.",
        "ja": "了解です。共同声明について、ほかにも質問をどうぞ（/トピック で扱っている内容が見られます）。",
    },
    "sources.title": {
        "fr": "Sources de ma réponse précédente",
        "en": "Sources of my previous answer",
        "ja": "前の回答の出典",
    },
    "sources.of": {
        "fr": "« {question} » :",
        "en": "“{question}”:",
        "ja": "「{question}」：",
    },
    "sources.none": {
        "fr": "Je n’ai encore rien répondu ici : posez votre question, chaque réponse cite ses sources et leurs liens.",
        "en": "I have not answered anything here yet: ask your question, and each answer gives its sources and links.",
        "ja": "ここではまだ回答していません。質問をどうぞ。回答には出典とリンクが付きます。",
    },
    "sources.nothing": {
        "fr": "Ma réponse précédente ne citait aucune source : je n’avais rien trouvé à ce sujet.",
        "en": "My previous answer quoted no source: I had found nothing on it.",
        "ja": "前の回答では何も見つからなかったため、出典はありません。",
    },
    "chat.unknown": {
        "fr": "Je ne connais pas la commande {command} : /sujets, /a-propos, /aide, /quitter (ou Ctrl-D).",
        "en": "I do not know the command {command}: /topics, /about, /help, /quit (or Ctrl-D).",
        "ja": "{command} というコマンドはありません。/トピック、/概要、/ヘルプ、/終了（または Ctrl-D）をどうぞ。",
    },
    "chat.help": {
        "fr": (
            "Posez une question en français, en anglais ou en japonais, par exemple « Qui a signé la "
            "déclaration ? » ; une courte suite (« et quand ? ») reprend le sujet de votre question précédente.\n"
            "  /sujets   ce que je connais (documents par langue)\n"
            "  /a-propos mes sources, comment je réponds, ce qui est enregistré\n"
            "  /aide     ces commandes\n"
            "  /quitter  quitter (ou Ctrl-D)"
        ),
        "en": (
            "Ask a question in French, English or Japanese, such as “Who signed the declaration?”; a short "
            "follow-up (“and when?”) is read with the subject of your previous question.\n"
            "  /topics  what I know (documents by language)\n"
            "  /about   my sources, how I answer, what is logged\n"
            "  /help    these commands\n"
            "  /quit    leave (or Ctrl-D)"
        ),
        "ja": (
            "日本語・フランス語・英語で質問してください（例：「共同声明に署名したのは誰ですか？」）。"
            "短い続きの質問（「それはいつ？」）は前の質問の話題で読みます。\n"
            "  /トピック  扱っている内容（言語別の資料）\n"
            "  /概要      出典、答え方、記録する内容\n"
            "  /ヘルプ    このコマンド一覧\n"
            "  /終了      終了（または Ctrl-D）"
        ),
    },
    "empty": {
        "fr": "Posez une question, par exemple : « Qui a signé la déclaration ? »",
        "en": "Please ask a question, for example: “Who signed the declaration?”",
        "ja": "質問を入力してください。例：「共同声明に署名したのは誰ですか？」",
    },
    "question_too_long": {
        "fr": "Ce message est trop long ({length} caractères) ; posez la question seule, en {limit} caractères au "
              "plus.",
        "en": "That message is too long ({length} characters); please ask the question alone, in at most {limit} "
              "characters.",
        "ja": "メッセージが長すぎます（{length}文字）。質問だけを{limit}文字以内で送ってください。",
    },
    "too_long": {
        "fr": "Ce message est trop long ({length} caractères) et je n’y trouve pas de question (une phrase avec "
              "« ? ») ; posez la question seule, en {limit} caractères au plus.",
        "en": "That message is too long ({length} characters) and I found no question in it (a sentence with "
              "\"?\"); please ask the question alone, in at most {limit} characters.",
        "ja": "メッセージが長すぎ（{length}文字）、質問（「？」のある文）が見つかりません。"
              "質問だけを{limit}文字以内で送ってください。",
    },
    "no_words": {
        "fr": "Je ne trouve aucun mot dans cette question. Posez-la avec des mots.",
        "en": "I could not find any words in that question. Please ask it with words.",
        "ja": "質問に言葉が見つかりませんでした。言葉で質問してください。",
    },
    "answer_title": {
        "fr": "D’après les sources",
        "en": "From the sources",
        "ja": "資料より",
    },
    "not_found_title": {
        "fr": "Absent de mes sources",
        "en": "Not in my sources",
        "ja": "資料にありません",
    },
    "footer": {
        "fr": "Cité de {n} sources, rien n’est inventé",
        "en": "Quoted from {n} sources, nothing generated",
        "ja": "{n}件の資料からの引用（生成ではありません）",
    },
    "footer.one": {
        "fr": "Cité d’une source, rien n’est inventé",
        "en": "Quoted from 1 source, nothing generated",
        "ja": "1件の資料からの引用（生成ではありません）",
    },
    "answer.other_language": {
        "fr": "Mes sources ne le disent qu’en {name} :",
        "en": "My sources say this only in {name}:",
        "ja": "この内容は{name}の資料にしかありません：",
    },
    "language.fr": {
        "fr": "français",
        "en": "French",
        "ja": "フランス語",
    },
    "language.en": {
        "fr": "anglais",
        "en": "English",
        "ja": "英語",
    },
    "language.ja": {
        "fr": "japonais",
        "en": "Japanese",
        "ja": "日本語",
    },
    "footer_not_found": {
        "fr": "Rien n’est inventé : je ne fais que citer mes sources.",
        "en": "Nothing was invented: I only quote my sources.",
        "ja": "何も作り出していません。資料だけを引用します。",
    },
    "internal_error": {
        "fr": "Une erreur s’est produite de mon côté ; elle est consignée. Réessayez plus tard.",
        "en": "Something went wrong on my side; it has been logged. Please try again later.",
        "ja": "内部でエラーが発生し、記録されました。しばらくしてから再度お試しください。",
    },
    "refused.moderator": {
        "fr": "Cette commande est réservée aux modérateurs (permission Gérer le serveur ou rôle de modérateur).",
        "en": "This command is for moderators (Manage Server permission or a moderator role).",
        "ja": "このコマンドはモデレーター専用です（サーバー管理権限またはモデレーターロール）。",
    },
    "refused.maintainer": {
        "fr": "Cette commande est réservée aux mainteneurs (rôle de mainteneur).",
        "en": "This command is for maintainers (the maintainer role).",
        "ja": "このコマンドはメンテナー専用です（メンテナーロール）。",
    },
    "refused.staff_guild": {
        "fr": "Cette commande n’est disponible que sur les serveurs de l’équipe du bot.",
        "en": "This command is only available in the bot's staff servers.",
        "ja": "このコマンドはボット運営チームのサーバーでのみ使えます。",
    },
    "refused.unknown_command": {
        "fr": "Je ne connais pas (ou plus) cette commande. Posez votre question avec /demander ; /sujets dit ce que "
              "je sais.",
        "en": "I don't know this command (any more). Ask your question with /ask; /topics shows what I know.",
        "ja": "このコマンドは（もう）ありません。質問は /質問 で。/トピック で私が知っていることを確認できます。",
    },
    "refused.guild_only": {
        "fr": "Cette commande ne fonctionne que sur un serveur.",
        "en": "This command only works in a server.",
        "ja": "このコマンドはサーバー内でのみ使えます。",
    },
    "dm.off": {
        "fr": "Je ne réponds pas aux messages privés ici ; posez la question sur un salon avec /demander.",
        "en": "I don't answer direct messages here; ask me in a server channel with /ask.",
        "ja": "ここではダイレクトメッセージには答えません。サーバーのチャンネルで /質問 を使ってください。",
    },
    "cooldown": {
        "fr": "Beaucoup de questions d’un coup : réessayez {when}.",
        "en": "You're asking a lot at once: please try again {when}.",
        "ja": "短時間に質問が多すぎます。{when}にもう一度お試しください。",
    },
    "duplicate": {
        "fr": "Vous venez de poser la même question ; la réponse est au-dessus.",
        "en": "You just asked the same question; the answer is above.",
        "ja": "同じ質問を今したばかりです。回答は上にあります。",
    },
    "thread.name": {
        "fr": "Q : {question}",
        "en": "Q: {question}",
        "ja": "質問: {question}",
    },
    "thread.withdrawn": {  # a thread whose question its member deleted: their words leave its name
        "fr": "Question retirée",
        "en": "Question withdrawn",
        "ja": "取り消された質問",
    },
    "thread.answered": {
        "fr": "Réponse dans {thread}.",
        "en": "Answered in {thread}.",
        "ja": "{thread} で回答しました。",
    },
    "vote.up": {
        "fr": "Merci ! Votre 👍 est enregistré (vous pouvez le changer).",
        "en": "Thanks! Your 👍 is recorded (you can change it).",
        "ja": "ありがとうございます。👍 を記録しました（変更できます）。",
    },
    "vote.down": {
        "fr": "Merci ! Votre 👎 est enregistré ; il aide à améliorer le corpus (vous pouvez le changer).",
        "en": "Thanks! Your 👎 is recorded; it helps improve the corpus (you can change it).",
        "ja": "ありがとうございます。👎 を記録しました。コーパスの改善に役立てます（変更できます）。",
    },
    "vote.unknown": {
        "fr": "Cette réponse n’est plus dans le journal ; le vote n’a pas été enregistré.",
        "en": "This answer is no longer in the log, so the vote was not recorded.",
        "ja": "この回答は記録に残っていないため、投票は記録されませんでした。",
    },
    "forget.confirm": {
        "fr": "Supprimer du journal toutes vos questions et tous vos votes ? Cette action est définitive.",
        "en": "Delete every question and vote you sent me from the log? This cannot be undone.",
        "ja": "あなたの質問と投票の記録をすべて削除しますか？元に戻せません。",
    },
    "forget.yes": {
        "fr": "Supprimer mes données",
        "en": "Delete my data",
        "ja": "データを削除",
    },
    "forget.no": {
        "fr": "Annuler",
        "en": "Cancel",
        "ja": "キャンセル",
    },
    "forget.done": {
        "fr": "C’est fait : {questions} et {votes} ont été supprimés du journal (vos votes et ceux reçus par vos "
              "questions).",
        "en": "Done: {questions} and {votes} were deleted from the log (the votes you cast and those on your "
              "questions).",
        "ja": "完了：{questions}と{votes}を記録から削除しました（あなたの投票と、あなたの質問への投票）。",
    },
    "forget.failed": {
        "fr": "Le journal est occupé ou indisponible pour le moment : rien n’a été supprimé. Réessayez /forget-me "
              "dans quelques minutes.",
        "en": "The log is busy or unavailable right now: nothing was deleted. Please run /forget-me again in a few "
              "minutes.",
        "ja": "現在、記録が使用中または利用できないため、何も削除していません。"
              "数分後にもう一度 /forget-me を実行してください。",
    },
    "forget.cancelled": {
        "fr": "Annulé ; rien n’a été supprimé.",
        "en": "Cancelled; nothing was deleted.",
        "ja": "キャンセルしました。何も削除していません。",
    },
    "forget.expired": {
        "fr": "Pas de réponse ; rien n’a été supprimé.",
        "en": "No answer given; nothing was deleted.",
        "ja": "応答がなかったため、何も削除していません。",
    },
    "topics.title": {
        "fr": "Ce que je sais",
        "en": "What I know",
        "ja": "扱える内容",
    },
    "topics.intro": {
        "fr": "{documents} documents, {passages} passages, langues : {languages}.",
        "en": "{documents} documents, {passages} passages, languages: {languages}.",
        "ja": "文書 {documents} 件、パッセージ {passages} 件、言語: {languages}。",
    },
    "topics.documents": {  # /topics: the documents in the member's language, by title (the subjects)
        "fr": "Mes documents en {name} :",
        "en": "My documents in {name}:",
        "ja": "{name}の資料：",
    },
    "topics.also": {  # ... then one line for the other languages
        "fr": "Les mêmes faits aussi en {languages}.",
        "en": "The same facts also in {languages}.",
        "ja": "同じ内容は{languages}の資料にもあります。",
    },
    "topics.other": {  # ... one of those languages, with its number of documents
        "fr": "{name} ({count})",
        "en": "{name} ({count})",
        "ja": "{name}（{count}）",
    },
    "list.separator": {
        "fr": ", ",
        "en": ", ",
        "ja": "、",
    },
    "topics.examples": {  # ... then a few questions of the FAQ in the member's language
        "fr": "Par exemple :",
        "en": "For example:",
        "ja": "質問の例：",
    },
    "topics.ask": {
        "fr": "Posez vos questions avec /demander ou en me mentionnant, en français, anglais ou japonais.",
        "en": "Ask with /ask or mention me, in French, English or Japanese.",
        "ja": "/質問 またはメンションで、日本語・フランス語・英語で質問できます。",
    },
    "privacy.notice": {
        "fr": "🔒 Les questions sont enregistrées {days} jours pour améliorer les réponses. /oublie-moi efface les "
              "vôtres ; /a-propos en dit plus.",
        "en": "🔒 Questions are logged for {days} days to improve the answers. /forget-me deletes yours; /about "
              "tells more.",
        "ja": "🔒 回答の改善のため、質問は{days}日間記録されます。/忘れて で削除でき、詳しくは /概要 へ。",
    },
    "about.title": {
        "fr": "À propos de cet assistant",
        "en": "About this assistant",
        "ja": "このアシスタントについて",
    },
    "about.body": {
        "fr": (
            "Je réponds aux questions sur la déclaration conjointe franco-japonaise sur l’innovation et "
            "l’économie numérique (Paris, 13 juillet 2018) en **citant** des passages d’un corpus choisi, "
            "chacun avec le lien de sa source. Les passages sont trouvés par recherche de mots-clés BM25 ; "
            "aucun modèle de langue ne rédige les réponses et rien ne quitte ce serveur au moment de la "
            "question.\n\n**Ce qui est journalisé** : le texte de la question, sa langue, les passages cités "
            "et leurs scores, le temps de réponse, une empreinte à clé de votre identifiant Discord (pas "
            "l’identifiant lui-même), les identifiants du serveur et du salon, et vos votes 👍/👎. Les "
            "entrées sont supprimées après {days} jours. `/oublie-moi` efface d’un coup tout ce qui vous "
            "concerne."
        ),
        "en": (
            "I answer questions about the France–Japan joint declaration on innovation and the digital "
            "economy (Paris, 13 July 2018) by **quoting** passages of a curated corpus, each with its "
            "source link. Passages are found with BM25 keyword search; no language model writes the "
            "answers, and nothing leaves this server at question time.\n\n**What is logged**: the question "
            "text, its language, the passages cited and their scores, the response time, a keyed hash of "
            "your Discord id (not the id itself), the server and channel ids, and your 👍/👎 votes. Entries "
            "are deleted after {days} days. `/forget-me` deletes everything logged for you at once."
        ),
        "ja": (
            "イノベーションとデジタル経済に関する日仏共同声明（2018年7月13日、パリ）についての質問に、"
            "厳選したコーパスの一節を出典リンク付きで**引用**して答えます。検索は BM25 によるキーワード検索で、"
            "言語モデルが回答を書くことはなく、質問時に外部へ情報を送ることもありません。\n\n**記録する内容**：質問文、"
            "言語、引用したパッセージとスコア、応答時間、Discord ID の鍵付きハッシュ（ID "
            "そのものではありません）、サーバーとチャンネルの ID、👍/👎 の投票。記録は {days} "
            "日後に削除されます。`/忘れて` であなたの記録をすべて削除できます。"
        ),
    },
    "about.sources": {
        "fr": "Sources",
        "en": "Sources",
        "ja": "出典",
    },
    "kb.status.title": {
        "fr": "Base de connaissances",
        "en": "Knowledge base",
        "ja": "ナレッジベース",
    },
    "kb.status.body": {
        "fr": "Documents : {documents}\nPassages : {passages}\nLangues : {languages}\nIndex construit : {built}",
        "en": "Documents: {documents}\nPassages: {passages}\nLanguages: {languages}\nIndex built: {built}",
        "ja": (
            "文書: {documents}\nパッセージ: {passages}\n言語: {languages}\n"
            "インデックス作成: {built}"
        ),
    },
    "kb.errors": {
        "fr": "Erreurs du dernier chargement ({count}) :",
        "en": "Errors of the last load ({count}):",
        "ja": "前回の読み込みのエラー（{count} 件）:",
    },
    "kb.kept_file": {
        "fr": "{path} : sa dernière bonne version reste servie jusqu’à correction des problèmes ci-dessus",
        "en": "{path}: serving its last good version until the problems above are fixed",
        "ja": "{path}: 上記の問題が直るまで、最後に正常だった版を使い続けます",
    },
    "kb.no_errors": {
        "fr": "Le dernier chargement n’a eu aucune erreur.",
        "en": "The last load had no errors.",
        "ja": "前回の読み込みにエラーはありません。",
    },
    "kb.reload.done": {
        "fr": "Index reconstruit : {documents} documents, {passages} passages.",
        "en": "Index rebuilt: {documents} documents, {passages} passages.",
        "ja": "インデックスを再構築しました：文書 {documents} 件、パッセージ {passages} 件。",
    },
    "kb.reload.waited": {
        "fr": "⏳ Un autre rechargement était en cours : celui-ci a attendu sa fin, puis relu les fichiers.",
        "en": "⏳ Another reload was running: this one waited for it to end, then read the files again.",
        "ja": "⏳ 別の再読み込みが実行中だったため、その終了を待ってからファイルを読み直しました。",
    },
    "kb.reload.kept": {
        "fr": "Rien n’a pu être chargé ; l’index précédent reste en service.",
        "en": "Nothing could be loaded; the previous index is still served.",
        "ja": "何も読み込めなかったため、以前のインデックスを使い続けます。",
    },
    "kb.reload.dropped": {
        "fr": "⚠️ Ce qui était servi et ne l’est plus (ou moins) :",
        "en": "⚠️ What was served and is gone or smaller now:",
        "ja": "⚠️ 提供されていたが、なくなった・減ったもの：",
    },
    "kb.warnings": {
        "fr": "Avertissements ({count}) ; ces fichiers sont chargés :",
        "en": "Warnings ({count}); these files were loaded:",
        "ja": "警告（{count} 件）。これらのファイルは読み込まれています：",
    },
    "kb.list.title": {
        "fr": "Documents ({count})",
        "en": "Documents ({count})",
        "ja": "文書（{count} 件）",
    },
    "kb.list.header": {
        "fr": "id · langue · passages · fichier",
        "en": "id · language · passages · file",
        "ja": "ID · 言語 · パッセージ数 · ファイル",
    },
    "kb.unknown_id": {
        "fr": "Aucun document n’a l’id `{id}` (voir /kb list).",
        "en": "No document has the id `{id}` (see /kb list).",
        "ja": "ID `{id}` の文書はありません（/kb list を参照）。",
    },
    "kb.show.meta": {
        "fr": "Langue : {doc_language} · {passages} passages · fichier `{path}`\nSource : {source}",
        "en": "Language: {doc_language} · {passages} passages · file `{path}`\nSource: {source}",
        "ja": "言語: {doc_language} · パッセージ {passages} 件 · ファイル `{path}`\n出典: {source}",
    },
    "kb.refused": {
        "fr": "Rien n’a été modifié :",
        "en": "Nothing was changed:",
        "ja": "何も変更していません：",
    },
    "kb.remove.done": {
        "fr": "`{id}` (`{path}`) est dans la corbeille ; /kb restore {id} le remet en place.",
        "en": "`{id}` (`{path}`) is in the trash; /kb restore {id} puts it back.",
        "ja": "`{id}`（`{path}`）をごみ箱に移しました。/kb restore {id} で元に戻せます。",
    },
    "kb.restore.done": {
        "fr": "`{id}` est de retour dans `{path}`.",
        "en": "`{id}` is back in `{path}`.",
        "ja": "`{id}` を `{path}` に戻しました。",
    },
    "kb.add.replaced": {
        "fr": "`{name}` remplace `{path}` (l’ancienne version est dans la corbeille : /kb restore {id}).",
        "en": "`{name}` replaced `{path}` (the previous version is in the trash: /kb restore {id}).",
        "ja": "`{name}` で `{path}` を置き換えました（以前の版はごみ箱にあります：/kb restore {id}）。",
    },
    "kb.history.title": {
        "fr": "Dernières modifications",
        "en": "Last changes",
        "ja": "最近の変更",
    },
    "kb.history.none": {
        "fr": "Aucune modification enregistrée.",
        "en": "No change recorded yet.",
        "ja": "記録された変更はまだありません。",
    },
    "kb.add.too_big": {
        "fr": "`{name}` fait {size} octets ; la limite est {limit} octets. Rien n’a été enregistré.",
        "en": "`{name}` is {size} bytes; the limit is {limit} bytes. Nothing was saved.",
        "ja": "`{name}` は {size} バイトで、上限は {limit} バイトです。保存していません。",
    },
    "kb.add.rejected": {
        "fr": "`{name}` n’a pas été enregistré :",
        "en": "`{name}` was not saved:",
        "ja": "`{name}` は保存されませんでした：",
    },
    "kb.add.saved": {
        "fr": "`{name}` enregistré sous `{path}`.",
        "en": "`{name}` saved as `{path}`.",
        "ja": "`{name}` を `{path}` として保存しました。",
    },
    "logs.none": {
        "fr": "Pas encore de journal.",
        "en": "No log database yet.",
        "ja": "まだ記録がありません。",
    },
    "logs.unanswered": {
        "fr": "Questions sans réponse les plus posées",
        "en": "Most asked unanswered questions",
        "ja": "よく聞かれる未回答の質問",
    },
    "logs.downvoted": {
        "fr": "Réponses votées 👎",
        "en": "Answers voted 👎",
        "ja": "👎 が付いた回答",
    },
    "button.up": {
        "fr": "Utile",
        "en": "Helpful",
        "ja": "役に立った",
    },
    "button.down": {
        "fr": "Pas utile",
        "en": "Not helpful",
        "ja": "役に立たなかった",
    },
    "summary.title": {
        "fr": "Journal des questions",
        "en": "Query log",
        "ja": "質問ログ",
    },
    "summary.all": {
        "fr": "depuis le début",
        "en": "all time",
        "ja": "全期間",
    },
    "summary.days": {
        "fr": "{d} derniers jours",
        "en": "last {d} days",
        "ja": "過去{d}日間",
    },
    "summary.questions": {
        "fr": "Questions",
        "en": "Questions",
        "ja": "質問",
    },
    "summary.members": {
        "fr": "membres",
        "en": "members",
        "ja": "メンバー",
    },
    "summary.answered": {
        "fr": "répondues",
        "en": "answered",
        "ja": "回答済み",
    },
    "summary.rate_of": {
        "fr": "{pct} des questions, politesses à part",
        "en": "{pct} of the questions, small talk apart",
        "ja": "雑談を除く質問の{pct}",
    },
    "summary.small_talk": {
        "fr": "Politesses (« bonjour », « merci ») : {n}, hors du taux de réponse",
        "en": "Small talk (“hi”, “thanks”): {n}, not in the answer rate",
        "ja": "雑談（「こんにちは」「ありがとう」）: {n}件（回答率に含めない）",
    },
    "summary.refused": {
        "fr": "Refusées avant réponse (non enregistrées comme questions) : {n} — {reasons}",
        "en": "Refused before an answer (not logged as questions): {n} — {reasons}",
        "ja": "回答前に拒否（質問として記録せず）: {n}件 — {reasons}",
    },
    "refusal.cooldown": {
        "fr": "limite de fréquence",
        "en": "rate limit",
        "ja": "回数制限",
    },
    "refusal.duplicate": {
        "fr": "question répétée",
        "en": "repeated question",
        "ja": "同じ質問の繰り返し",
    },
    "refusal.invalid": {
        "fr": "vide ou trop longue",
        "en": "empty or too long",
        "ja": "空または長すぎる",
    },
    "summary.feedback": {
        "fr": "Avis",
        "en": "Feedback",
        "ja": "評価",
    },
    "summary.positive": {
        "fr": "positifs",
        "en": "positive",
        "ja": "肯定的",
    },
    "summary.latency": {
        "fr": "Latence",
        "en": "Latency",
        "ja": "応答時間",
    },
    "summary.languages": {
        "fr": "Langues",
        "en": "Languages",
        "ja": "言語",
    },
    "summary.frontends": {
        "fr": "Interfaces",
        "en": "Front ends",
        "ja": "フロントエンド",
    },
    "summary.wow": {
        "fr": "vs semaine précédente",
        "en": "vs previous week",
        "ja": "前週比",
    },
    "summary.rate": {
        "fr": "taux de réponse",
        "en": "answer rate",
        "ja": "回答率",
    },
    "summary.pts": {
        "fr": "pts",
        "en": "pts",
        "ja": "pt",
    },
    "summary.none": {
        "fr": "Aucune question sur cette période.",
        "en": "No questions in this period.",
        "ja": "この期間の質問はありません。",
    },
    "chart.title": {
        "fr": "Questions par jour et taux de réponse",
        "en": "Questions per day and answer rate",
        "ja": "1日あたりの質問数と回答率",
    },
    "chart.questions": {
        "fr": "questions",
        "en": "questions",
        "ja": "質問",
    },
    "chart.rate": {
        "fr": "taux de réponse (hors politesses)",
        "en": "answer rate (small talk apart)",
        "ja": "回答率（雑談を除く）",
    },
    "chart.text": {
        "fr": "Questions par jour : {spark} (graphique : installer l’extra charts)",
        "en": "Questions per day: {spark} (chart: install the charts extra)",
        "ja": "1日あたりの質問数: {spark}（グラフには charts エクストラが必要）",
    },
    # counts: "one|other" forms (French: 0 and 1 are singular; Japanese has one form), read by ``plural()``
    "count.questions": {
        "fr": "{n} question|{n} questions",
        "en": "{n} question|{n} questions",
        "ja": "{n} 件の質問",
    },
    "count.documents": {
        "fr": "{n} document|{n} documents",
        "en": "{n} document|{n} documents",
        "ja": "{n} 件",
    },
    "count.members": {
        "fr": "{n} membre|{n} membres",
        "en": "{n} member|{n} members",
        "ja": "{n} 人のメンバー",
    },
    "count.topics": {
        "fr": "{n} sujet|{n} sujets",
        "en": "{n} topic|{n} topics",
        "ja": "{n} 件のトピック",
    },
    "count.votes": {
        "fr": "{n} vote|{n} votes",
        "en": "{n} vote|{n} votes",
        "ja": "{n} 件の投票",
    },
    "count.citations": {
        "fr": "{n} citation|{n} citations",
        "en": "{n} citation|{n} citations",
        "ja": "{n} 件の引用",
    },
    "count.rows": {
        "fr": "{n} ligne|{n} lignes",
        "en": "{n} row|{n} rows",
        "ja": "{n} 行",
    },
    "count.days": {
        "fr": "{n} jour|{n} jours",
        "en": "{n} day|{n} days",
        "ja": "{n} 日",
    },
    "count.errors": {
        "fr": "{n} erreur|{n} erreurs",
        "en": "{n} error|{n} errors",
        "ja": "{n} 件のエラー",
    },
    "count.changes": {
        "fr": "{n} modification|{n} modifications",
        "en": "{n} change|{n} changes",
        "ja": "{n} 件の変更",
    },
    "count.hours": {
        "fr": "{n} heure|{n} heures",
        "en": "{n} hour|{n} hours",
        "ja": "{n} 時間",
    },
    "digest.title": {
        "fr": "Résumé de la semaine",
        "en": "Weekly digest",
        "ja": "週間ダイジェスト",
    },
}


def normalize_language(language: str | None) -> Language:
    """Map a language or Discord locale (``fr``, ``en-US``, ``ja``) to fr/en/ja, English by default."""
    return served_language(language) or DEFAULT_LANGUAGE


def t(key: str, language: str | None, **fields: object) -> str:
    """The message ``key`` in ``language`` with ``fields`` filled in."""
    translations = MESSAGES.get(key)
    if translations is None:
        log.error("missing message key %r", key)
        return key
    template = translations[normalize_language(language)]
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        log.exception("bad fields for message key %r", key)
        return template


def plural(key: str, count: int, language: str | None) -> str:
    """``count`` with its noun (a ``count.*`` key): "1 question", "2 questions", "0 membre", "3 件の質問"."""
    lang = normalize_language(language)
    forms = t(key, lang, n=count).split("|")
    singular = count in (0, 1) if lang == "fr" else count == 1
    return forms[0] if singular or len(forms) == 1 else forms[-1]
