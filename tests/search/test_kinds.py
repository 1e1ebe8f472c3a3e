"""Kind-of-answer checks (bot.search.kinds) and word rarity (bot.search.frequency)."""

from __future__ import annotations

import pytest

from bot.search.frequency import WordFrequencies
from bot.search.kinds import Kind, asked_kinds, holds


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many startups pitched?", Kind.COUNT),
        ("Combien de start-up ?", Kind.COUNT),
        ("何社が参加しましたか", Kind.COUNT),
        ("When was it signed?", Kind.DATE),
        ("c'était quand ?", Kind.DATE),
        ("いつ署名されましたか", Kind.DATE),
        ("Who founded Station F?", Kind.PERSON),
        ("C'est qui, 赤星康 ?", Kind.PERSON),
        ("署名したのは誰？", Kind.PERSON),
        ("Where was it signed?", Kind.PLACE),
        ("Où a-t-elle été signée ?", Kind.PLACE),
        ("どこで署名されましたか", Kind.PLACE),
        ("c ou que la declaration a ete signee ?", Kind.PLACE),  # où, typed without its accent
        ("c'est ou qu'ils se sont vus ?", Kind.PLACE),
        ("elle a ete signee ou ça ?", Kind.PLACE),
        ("wen did muto come to france?", Kind.DATE),  # interrogatives as typed in chat
        ("wher did the launch evening take place?", Kind.PLACE),
        ("ki a signé pour le japon ?", Kind.PERSON),
        ("c'était kan la signature ?", Kind.DATE),
        ("cb de start-up ont pitché ?", Kind.COUNT),
        ("é de kombien ?", Kind.COUNT),  # written as it sounds
        ("howmany startups pitched?", Kind.COUNT),
        ("ステーションFを作った人って？", Kind.FOUNDER),  # who made the place
        ("How fast is 5G?", Kind.COUNT),  # a quantity asked is a number
        ("5Gの速度はどのくらい？", Kind.COUNT),
        ("投資家はどれくらい集まった？", Kind.COUNT),
        ("La 5G va à quelle vitesse ?", Kind.COUNT),
        ("Why does the declaration leave out 5G?", Kind.REFUSAL),  # something excluded, refused, cancelled
        ("Pourquoi la déclaration exclut-elle l'IA ?", Kind.REFUSAL),
        ("共同声明は5Gを除外した？", Kind.REFUSAL),
        ("How long did Muto stay?", Kind.DURATION),
        ("was he there just for the day or longer?", Kind.DURATION),
        ("il est resté combien de temps ?", Kind.DURATION),
        ("muto il était en france de quand à quand ?", Kind.DURATION),  # a span: from one day to another
        ("Yoji Mutto est reste en france de quand a quand ?", Kind.DURATION),
        ("Muto was in France from when to when?", Kind.DURATION),
        ("How much did the evening cost?", Kind.MONEY),
        ("À quelle heure a-t-elle été signée ?", Kind.TIME),
        ("Who is the current minister?", Kind.PRESENT),
        ("今の総理大臣は誰？", Kind.PRESENT),
        ("Did Snips give its pitch in French or in English?", Kind.LANGUAGE),  # languages offered
        ("les pitchs c'était en anglais, en français ou en japonais ?", Kind.LANGUAGE),
        ("ピッチは日本語でしたか、英語でしたか？", Kind.LANGUAGE),
        ("共同声明は何項目ありますか？", Kind.COUNT),  # a counter of its own (項目, 団体, か所…)
        ("ジェトロは何団体と協力しましたか？", Kind.COUNT),
        ("きじ の たいとる は？", Kind.TITLE),  # 記事のタイトル typed in kana
        ("In which European capital did the ministers sign?", Kind.PLACE),  # a city by its kind
        ("Dans quelle capitale a-t-elle été signée ?", Kind.PLACE),
        ("le méti a publié son comuniké sur le voyaj de muto le kombien ?", Kind.DATE),  # which day of the month
        ("Muto, il est resté en France du combien au combien ?", Kind.DURATION),
    ],
)
def test_what_a_question_asks_for(question: str, kind: Kind) -> None:
    assert kind in asked_kinds(question)


@pytest.mark.parametrize("question", ["Which Japanese minister came to Paris?", "wich japanese minster came 2 paris",
                                      "Quelle femme, rattachée à Bercy, a signé ?", "quels responsables ont signé ?",
                                      "どの大臣が署名しましたか？", "which three people put their names on it?"])
def test_a_person_asked_by_the_noun_for_one(question: str) -> None:
    assert Kind.PERSON in asked_kinds(question)  # "which minister": a person, though no "who" is typed


@pytest.mark.parametrize("question", ["how does the robot suit know what the person wants to do?",
                                      "what do people think of the declaration?"])
def test_a_person_noun_in_a_clause_asks_no_one(question: str) -> None:
    assert Kind.PERSON not in asked_kinds(question)


def test_what_a_number_counts_asked_is_no_count() -> None:
    assert Kind.COUNT not in asked_kinds("ラ・リューシュの記事で « une trentaine » って何の数？")  # 何の数: of what
    assert Kind.COUNT in asked_kinds("参加者の数は？")


def test_the_title_a_text_gives_someone_is_no_headline() -> None:
    assert Kind.TITLE not in asked_kinds("Sous quel titre l'article de La Ruche présente-t-il Yoji Muto ?")
    assert Kind.TITLE not in asked_kinds("What job title does the La Ruche article give Mahjoubi?")
    assert Kind.TITLE in asked_kinds("Quel est le titre de l'article de La Ruche ?")


def test_the_day_of_the_month_asked_is_no_count() -> None:
    assert Kind.COUNT not in asked_kinds("c'était le combien ?")  # « le combien »: which day
    assert Kind.COUNT in asked_kinds("le combien de start-up ont pitché ?")


def test_plans_told_after_the_question_ask_nothing_after_the_corpus() -> None:
    assert Kind.LATER not in asked_kinds("the station f venue is in which paris district? going there next week w")
    assert Kind.LATER in asked_kinds("what happens next week at station f?")
    assert Kind.PRESENT in asked_kinds("who signed? and now")  # a question without its mark still asks


def test_a_rank_asked_in_japanese_is_no_count() -> None:
    assert Kind.COUNT not in asked_kinds("パリのイベントは何回目の海外イベント？")  # 何回目: which time, not how many
    assert Kind.COUNT in asked_kinds("海外イベントは何回開かれた？")


@pytest.mark.parametrize("question", ["What is the declaration called in French or in English?",
                                      "Quel est son nom en français ou en anglais ?"])
def test_a_name_asked_in_two_languages_asks_no_language(question: str) -> None:
    assert Kind.LANGUAGE not in asked_kinds(question)  # the corpus gives the title in both: no language it is in


@pytest.mark.parametrize(
    ("question", "kind", "answer", "not_answer"),
    [
        ("How old was he when he signed?", Kind.AGE, "He was 34 years old.", "He signed in 2018."),
        ("署名したとき何歳でしたか？", Kind.AGE, "当時34歳でした。", "2018年に署名しました。"),
        ("Qui a écrit l'article ?", Kind.AUTHOR, "Un article écrit par Jean Dupont.", "L'article de La Ruche."),
        ("Who drafted the text on the French side?", Kind.AUTHOR, "The text was drafted by the ministry's lawyers.",
         "On the Japanese side the declaration involves METI."),
        ("ジャポニスムはいつまで開催された？", Kind.UNTIL, "2019年2月まで開催されました。", "7月12日に開幕しました。"),
        ("What was her job before she joined the government?", Kind.BEFORE,
         "She previously worked at Saint-Gobain.", "She was Secretary of State."),
        ("武藤さんの選挙区は？", Kind.CONSTITUENCY, "岐阜3区選出の衆議院議員。", "経済産業副大臣。"),
        ("What did he say in his speech?", Kind.SPEECH, "He said the alliance would help both.",
         "The evening was opened by Muto."),
        ("Mahjoubi a dit quoi dans son discours ?", Kind.SPEECH, "« Nous sommes prêts », a-t-il lancé.",
         "La soirée a été ouverte par Mahjoubi."),
        ("スピーチの内容は？", Kind.SPEECH, "武藤副大臣は「協力を深める」と述べました。",
         "イベントは武藤副大臣が開会しました。"),
        ("Combien a-t-il promis d'investir ?", Kind.MONEY, "10 millions d'euros.", "Neuf start-up."),
        ("quelle sanction si une start-up ne respecte pas l'accord ?", Kind.PENALTY, "Une amende est prévue.",
         "La coopération repose sur la réciprocité."),
        ("which tax break did it grant?", Kind.TAX, "Founders get a tax credit.", "Founders get support."),
        ("how much equity did JETRO take?", Kind.EQUITY, "JETRO took a 5% stake in Snips.",
         "J-Startup and French Tech will share their networks."),
        ("can i get a pdf", Kind.FILE, "Download the PDF at https://example.org/d.pdf", "The text signed in Paris."),
        ("Comment créer une entreprise au Japon ?", Kind.PROCEDURE, "Le formulaire d'inscription est en ligne.",
         "J-Startup promeut 100 start-up."),
        ("How often is the dialogue supposed to meet?", Kind.FREQUENCY, "The dialogue meets twice a year.",
         "They agreed on a bilateral dialogue ahead of the G20 and G7 meetings."),
        ("À quelle fréquence le dialogue se réunit-il ?", Kind.FREQUENCY, "Le dialogue se réunit chaque année.",
         "Un dialogue bilatéral en vue du G20 et du G7."),
        ("二国間対話はどのくらいの頻度で開かれますか？", Kind.FREQUENCY, "対話は毎年開かれます。",
         "G20とG7に向けて二国間対話を行います。"),
        # a text that says something is no speech: "the article says she signed" reports no words of hers
        ("What did she say in her speech?", Kind.SPEECH, "She said the alliance would help both.",
         "The La Ruche article says the declaration was signed by Delphine Gény-Stephann."),
    ],
)
def test_a_relation_asked_needs_a_passage_that_speaks_of_it(question: str, kind: Kind, answer: str,
                                                              not_answer: str) -> None:
    assert kind in asked_kinds(question)
    assert holds(kind, answer) and not holds(kind, not_answer)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # how anyone goes about something, a how-to: advice the sources never give
        ("How can a French founder open a bank account in Japan?", Kind.ADVICE),
        ("Where can a French founder find a Japanese co-founder?", Kind.ADVICE),
        ("Comment sécuriser des objets connectés à la maison ?", Kind.ADVICE),
        ("IoT機器のセキュリティ対策を教えて。", Kind.ADVICE),  # 教えて is cut as chatter before kinds are read
        ("any tips for pitching to Japanese investors?", Kind.ADVICE),
        ("東京で一番いいインキュベーターはどこ？", Kind.ADVICE),
        ("comment on obtient le visa ?", Kind.PROCEDURE),
        ("フランスで会社を設立する手順は？", Kind.PROCEDURE),
        ("Who replaced him as secretary of state?", Kind.LATER),
        ("Did Yoji Muto later become Minister of Economy?", Kind.LATER),
        ("Muto est-il devenu ministre plus tard ?", Kind.LATER),
        ("日本の投資家にピッチするときのコツってある？", Kind.ADVICE),
        ("le visa, comment on le demande ?", Kind.PROCEDURE),
        ("Comment bien présenter sa start-up à CEATEC quand on est français ?", Kind.ADVICE),
        ("Did any start-up win a prize at the Station F evening?", Kind.WINNER),
        ("Qui faisait partie du jury à Station F ?", Kind.WINNER),
        ("ステーションFのピッチの審査員は誰でしたか？", Kind.WINNER),
        ("投資家向けのピッチ資料ってどう作ればいいですか？", Kind.ADVICE),
    ],
)
def test_how_to_advice_a_prize_and_a_successor_are_asked(question: str, kind: Kind) -> None:
    assert kind in asked_kinds(question)


def test_how_to_say_a_word_asks_no_advice() -> None:
    assert Kind.ADVICE not in asked_kinds("How do you say declaration in Japanese?")
    assert Kind.ADVICE not in asked_kinds("Comment dire « start-up » en japonais ?")
    assert Kind.ADVICE not in asked_kinds("Comment Mounir Mahjoubi était-il habillé ?")  # Mounir: no infinitive


def test_qui_after_a_leading_et_asks_who() -> None:
    """« et qui a signé ? » follows up as « qui a signé ? » does; « Station F et qui… » mid-sentence is no question."""
    assert Kind.PERSON in asked_kinds("et qui a signé la déclaration ?")
    assert Kind.PERSON in asked_kinds("Bon, qui a signé ?")
    assert Kind.PERSON not in asked_kinds("Station F est un campus et qui accueille des start-up ?")


def test_relative_qui_and_how_much_money_are_not_persons_or_counts() -> None:
    assert Kind.PERSON not in asked_kinds("Qu'est-ce qui a commencé le 12 juillet ?")
    assert Kind.COUNT not in asked_kinds("How much money did the declaration commit?")
    assert Kind.PRESENT not in asked_kinds("Who do you know there?")
    assert Kind.PLACE not in asked_kinds("Signée par Muto ou par Seko ?")  # ou: or
    assert Kind.LATER not in asked_kinds("What did the foreign ministers say two days later?")  # a day told of
    assert Kind.LATER not in asked_kinds("Qu'ont dit les ministres deux jours plus tard ?")


def test_what_is_at_stake_and_its_best_ask_no_share_and_no_advice() -> None:
    """"at stake" is what matters, not a stake in a company; a possessive's best ("ses meilleures jeunes pousses",
    "its best start-ups") describes, while "les meilleurs accélérateurs ?" asks for a recommendation."""
    assert Kind.EQUITY not in asked_kinds("What is really at stake in the US–China trade war for JETRO?")
    assert Kind.EQUITY in asked_kinds("Did JETRO take a stake in Snips?")
    assert Kind.ADVICE not in asked_kinds("Le programme qui promeut ses meilleures jeunes pousses, il a fait quoi ?")
    assert Kind.ADVICE not in asked_kinds("Which of its best start-ups came to Paris?")
    assert Kind.ADVICE in asked_kinds("Quels sont les meilleurs accélérateurs de start-up à Tokyo ?")
    assert Kind.ADVICE in asked_kinds("Best sushi restaurant in Paris?")


def test_that_year_is_no_present() -> None:
    """« cette année-là » is the year spoken of (that year), « cette année » this one."""
    assert Kind.PRESENT not in asked_kinds("Quel anniversaire fêtait-on cette année-là ?")
    assert Kind.PRESENT in asked_kinds("Quel anniversaire fête-t-on cette année ?")


def test_french_typed_by_ear_still_asks_who_and_how_many() -> None:
    """« komben de signatèr fransè i a eu, é c ki ? »: komben is combien, « c ki » is c'est qui."""
    assert asked_kinds("komben de signatèr fransè i a eu, é c ki ?") >= {Kind.COUNT, Kind.PERSON}


def test_while_still_is_no_present() -> None:
    """"while still calling it vital" is at the same time, not still today; "is he still minister?" asks today."""
    assert Kind.PRESENT not in asked_kinds("How does the piece describe the document in a flippant way while still "
                                           "calling it vital?")
    assert Kind.PRESENT in asked_kinds("Is Muto still a minister?")


@pytest.mark.parametrize(("question", "kind", "asked"), [
    # a word inside another: いつ in 思いついた (came up with), 何分 in 何分野 (which fields), « tarifs douaniers »
    # (customs duties), « le lever de rideau » (the curtain rising)
    ("ジェトロの長が思いついたとされる構想は、どんなものですか？", Kind.DATE, False),
    ("J-Startupはいつ始まった？", Kind.DATE, True),
    ("日本語の正式名だと何分野になってる？", Kind.LENGTH, False),
    ("会談は何分続いた？", Kind.LENGTH, True),
    ("Que redoute Tokyo face à une bataille de tarifs douaniers ?", Kind.MONEY, False),
    ("Quels sont les tarifs d'entrée de Station F ?", Kind.MONEY, True),
    ("Combien de temps entre le lever de rideau de la saison et la soirée ?", Kind.MONEY, False),
    ("Combien Snips a-t-elle pu lever ?", Kind.MONEY, True),
    ("この声明で日本はフランスに何億円出資した？", Kind.MONEY, True),  # an amount in yen (blind AH)
    # what came after: not « se sont succédé » (one after the other), "or later?" (a date offered), what a 2018
    # source says came after; a successor, what came after, a later year whoever tells it
    ("Quelles deux manifestations se sont succédé à Paris les 12 et 13 juillet ?", Kind.LATER, False),
    ("Was the dispatch dated the same day as the signing, or later?", Kind.LATER, False),
    ("記事は、JETROのパリでの任務がその後どうなったと書いていますか？", Kind.LATER, False),
    ("Qui a succédé à Mahjoubi ?", Kind.LATER, True),
    ("JETROのパリでの任務はその後どうなった？", Kind.LATER, True),
    ("According to the article, what happened next in 2020?", Kind.LATER, True),
    # "whose" after a noun, "next to 5G", "the founder communities" (entrepreneurs)
    ("In what year was the treaty signed whose anniversary they were marking?", Kind.PERSON, False),
    ("Whose idea was the alliance?", Kind.PERSON, True),
    ("Is big data one of the technologies listed, next to 5G?", Kind.LATER, False),
    ("What happens next?", Kind.LATER, True),
    ("What did the foreign ministers say the next day?", Kind.LATER, False),  # a day the corpus tells of
    # the next generation of mobile networks (5G): no time after (blind AI)
    ("携帯電話網の次の世代にあたる技術は、文書の対象に入っていますか？", Kind.LATER, False),
    ("is the next generation of mobile networks in the declaration?", Kind.LATER, False),
    ("la prochaine génération de réseaux mobiles est dans la déclaration ?", Kind.LATER, False),
    ("ねえ、署名の次の日にコメントした日本の外務大臣って誰だっけ？", Kind.LATER, False),
    ("次の会合はいつ？", Kind.LATER, True),
    # the day of the week: a date, and the day's name
    ("On what weekday did they sign it?", Kind.WEEKDAY, True),
    ("署名したの何曜日だった？", Kind.WEEKDAY, True),
    ("Quel jour la déclaration a-t-elle été signée ?", Kind.WEEKDAY, False),  # the date will do
    # « depuis » with years counted up to a past time (an imperfect, a pluperfect): not since then
    ("Combien d'années s'étaient écoulées depuis le premier traité au moment de l'accord ?", Kind.LATER, False),
    ("Combien d'années se sont écoulées depuis la signature ?", Kind.LATER, True),
    # a web address is a URL, not a street address
    ("What is the web address of the La Ruche article?", Kind.ADDRESS, False),
    ("quelle est l'adresse web de l'article ?", Kind.ADDRESS, False),
    ("What is the street address of Station F?", Kind.ADDRESS, True),
    # speaking to someone, a list of contacts: no street address (blind T, AI)
    ("l'article commence en mode « envie de voir ailleurs », il s'adresse à qui ?", Kind.ADDRESS, False),
    ("What will each side do with its address book of fledgling firms?", Kind.ADDRESS, False),
    ("Quelle est l'adresse de Station F ?", Kind.ADDRESS, True),
    ("Quel identifiant figure à la fin de l'adresse du communiqué du METI ?", Kind.ADDRESS, False),  # its URL
    ("What broader goal did the pact set for the founder communities?", Kind.FOUNDER, False),
    ("Who is the founder of Station F?", Kind.FOUNDER, True),
])
def test_a_word_inside_another_or_beside_another_asks_its_kind_or_not(question: str, kind: Kind, asked: bool) -> None:
    assert (kind in asked_kinds(question)) is asked


@pytest.mark.parametrize(("question", "kinds"), [
    # the day of the week, the month, the period: a date
    ("On which weekday did the young companies take the stage?", {Kind.DATE}),
    ("The 「署名」 took place in which capital, and on what 曜日?", {Kind.DATE}),
    ("署名が行われたのは何曜日でしたか？", {Kind.DATE}),
    ("In which month and year did Tokyo start its label?", {Kind.DATE, Kind.BEGAN}),
    ("La 'J-Startup' a été lancée par le 経産省 en quel mois de 2018 ?", {Kind.DATE, Kind.BEGAN}),
    ("À quelle période l'État français a-t-il démarré son label ?", {Kind.DATE, Kind.BEGAN}),
    ("À quel moment de la journée les jeunes pousses ont-elles pitché ?", set()),  # a time of day
    # a beginning asked of a date: the quote dating the start leads (Kind.BEGAN); not of any date
    ("ステーションFってできたの何年だっけ？", {Kind.DATE, Kind.BEGAN}),
    ("quand est née la French Tech ?", {Kind.DATE, Kind.BEGAN}),
    ("depuis quand existe J-Startup ?", {Kind.DATE, Kind.BEGAN}),  # since when it exists: since it began
    ("since when does station f exist?", {Kind.DATE, Kind.BEGAN}),
    ("When was the declaration signed?", {Kind.DATE}),
    ("Was Station F already open in 2016?", {Kind.EXISTED}),  # a year guessed: whether it existed
])
def test_a_weekday_a_month_or_a_beginning_asked_is_a_date(question: str, kinds: set[Kind]) -> None:
    assert asked_kinds(question) & {Kind.DATE, Kind.BEGAN, Kind.EXISTED} == kinds


@pytest.mark.parametrize("question", ["Le programme « J-Startup », il existe depuis quel mois ?",
                                      "La French Tech existe depuis quelle année ?"])
def test_depuis_quel_mois_asks_when_it_began_not_about_now(question: str) -> None:
    """« depuis quel mois » asks the month it began, as « depuis quand » does: not since then, after the corpus."""
    kinds = asked_kinds(question)
    assert Kind.BEGAN in kinds and Kind.LATER not in kinds


@pytest.mark.parametrize("question", [
    "When did Mahjoubi resign?",
    "Quand Mahjoubi a-t-il démissionné ?",
    "Delphine Gény-Stephann a quitté le gouvernement quand ?",
    "マジュビ氏がデジタル担当の閣外相を辞めたのはいつですか？",
])
def test_leaving_the_post_held_at_the_signing_is_after_the_corpus(question: str) -> None:
    assert Kind.LATER in asked_kinds(question)


def test_why_someone_resigned_is_not_found_as_after_the_corpus(shipped_retriever) -> None:
    """A resignation after the signing: the 2018 sources cannot tell it (it was "unreported", a word the corpus
    lacks, before the resignation words asked what came after)."""
    answer = shipped_retriever.answer("Pourquoi Mounir Mahjoubi a-t-il démissionné après la signature ?")
    assert not answer.answered and answer.citations == [] and answer.reason == "after-corpus"


def test_funds_named_are_no_sum_asked() -> None:
    """資金 alone names funding (the body that funds, a co-funded project), as "funding" does; a sum is asked by
    いくら, 総額, 調達額."""
    assert Kind.MONEY not in asked_kinds("Bpifranceと一緒に資金を出す日本の機関は？")
    assert Kind.MONEY not in asked_kinds("共同資金のプロジェクトを進めるのはどこ？")
    assert Kind.MONEY in asked_kinds("共同声明のための資金はいくら？")
    assert Kind.MONEY in asked_kinds("スタートアップが調達した資金の総額は？")


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (Kind.COUNT, "Nine startups pitched at Station F on 13 July 2018.", True),
        (Kind.COUNT, "日本5社、フランス4社の計9社", True),
        (Kind.COUNT, "The declaration was signed on 13 July 2018 in Paris.", False),
        (Kind.DATE, "signée le 13 juillet 2018", True),
        (Kind.DATE, "Station F is a startup campus.", False),
        (Kind.MONEY, "a budget of 2 million euros", True),
        (Kind.MONEY, "Nine startups pitched.", False),
        (Kind.TIME, "The ceremony began at 18:30.", True),
        (Kind.TIME, "signed on 13 July 2018", False),
        (Kind.PRESENT, "anything at all", False),
        (Kind.DURATION, "Yoji Muto was in France from 12 to 14 July 2018.", True),
        (Kind.DURATION, "du 12 au 14 juillet 2018", True),
        (Kind.DURATION, "2018年7月12日から14日まで", True),
        (Kind.DURATION, "signed on 13 July 2018", False),
        (Kind.FOUNDER, "Station F, le campus créé par Xavier Niel", True),  # created by: who founded it
        (Kind.FOUNDER, "パリのステーションFは、グザヴィエ・ニエルが立ち上げた施設です。", True),
        (Kind.FOUNDER, "Station F is a startup campus in Paris.", False),
    ],
)
def test_what_a_passage_holds(kind: Kind, text: str, expected: bool) -> None:
    assert holds(kind, text) is expected


def test_everyday_words_weigh_less_than_names_and_numbers() -> None:
    words = WordFrequencies()
    assert words.rarity("about", "en") <= words.rarity("job", "en") < words.rarity("Mahjoubi", "fr")
    assert words.rarity("boulot", "fr") < 0.9 <= words.rarity("Mahjoubi", "fr")  # a name: Zipf 2.1, near RARE_ZIPF
    assert words.rarity("rôle", "fr") < 0.5  # accents kept: "rôle" is an everyday French word
    assert words.rarity("2023", "en") == 1.0
    assert words.rarity("要する", "ja") < words.rarity("赤星", "ja")


@pytest.mark.parametrize("question", ["署名したフランスの大臣は？", "日本の首相は？", "閣外大臣って？"])
def test_a_japanese_title_with_nothing_after_it_asks_who(question: str) -> None:
    assert Kind.PERSON in asked_kinds(question)


def test_a_japanese_title_inside_a_question_asks_no_one() -> None:
    assert Kind.PERSON not in asked_kinds("大臣はどこで署名した？")


@pytest.mark.parametrize(
    ("question", "after"),
    [
        ("Yoji Muto était-il encore en France le 14 juillet 2018 ?", False),  # then, not now
        ("station f elle était ouverte depuis longtemps au moment de la soirée ?", False),
        ("Muto est-il encore ministre ?", True),
        ("Muto est-il ministre depuis longtemps ?", True),
    ],
)
def test_an_imperfect_sets_encore_and_depuis_longtemps_in_the_past(question: str, after: bool) -> None:
    """« encore » and « depuis longtemps » ask about now (after a 2018 corpus) unless an imperfect sets them then."""
    assert bool(asked_kinds(question) & {Kind.PRESENT, Kind.LATER}) is after


@pytest.mark.parametrize("question", [
    "la french tech existait depuis combien de temp quand ils ont signé ?",
    "combien de temps a duré la visite de Muto ?",
])
def test_how_long_is_asked_with_or_without_its_silent_s(question: str) -> None:
    assert Kind.DURATION in asked_kinds(question)
    assert Kind.COUNT not in asked_kinds(question)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What was the headline of that piece?", True),
        ("Quel est le titre de l'article ?", True),
        ("記事のタイトルは何？", True),
        ("What was Yoji Muto's official title?", False),  # a role, not a text's title
        ("Quel était le titre de Mounir Mahjoubi ?", False),
    ],
)
def test_the_title_of_a_text_is_asked_not_a_persons(question: str, asked: bool) -> None:
    assert (Kind.TITLE in asked_kinds(question)) is asked


@pytest.mark.parametrize(
    ("question", "dated"),
    [
        ("What does the article mean when it says Japan wants to « couper l'herbe sous le pied »?", False),
        ("What position did Yoji Muto hold when he signed the declaration?", False),
        ("Qu'a fait Muto quand il est venu à Paris ?", False),
        ("What's « la French Tech » and when did it begin?", True),  # a second question, its verb after "when"
        ("What does the piece say about when the push began?", True),  # about when: the date is asked
        ("Do you know when they signed?", True),
        ("Qui était là, et quand a-t-on signé ?", True),
        ("c'était quand ?", True),
        # "when it comes to" is "as for" (blind T: the article's answer, with no date, was refused)
        ("What is Tokyo short of when it comes to coming up with new ideas?", False),
    ],
)
def test_when_opening_a_time_clause_asks_no_date(question: str, dated: bool) -> None:
    """"when" / « quand » after another question word, before its subject, dates what is asked ("what did he hold
    when he signed?"); the quote need not give a date, and one that answers without is not refused."""
    assert (Kind.DATE in asked_kinds(question)) is dated


@pytest.mark.parametrize(
    ("question", "kind", "asked"),
    [
        ("Which journalist wrote the La Ruche piece?", Kind.AUTHOR, True),
        ("Qui est le journaliste qui a signé l'article ?", Kind.AUTHOR, True),
        ("記事を書いた人は誰？", Kind.AUTHOR, True),
        ("ラ・リューシュの記事書いたの誰？", Kind.AUTHOR, True),  # casual, no は (blind AH)
        ("Quel est le nom de l'auteur ?", Kind.AUTHOR, True),
        # the author doing something else: what the article says is asked, not who wrote it
        ("L'auteur du papier de La Ruche se montre-t-il impatient d'en savoir plus ?", Kind.AUTHOR, False),
        ("Que pense l'auteur de l'intitulé officiel ?", Kind.AUTHOR, False),
        # an interrogative before the author, not asking for them: what formula, what fear (blind U, AB, V)
        ("Sur quelle formule l'auteur du papier termine-t-il ?", Kind.AUTHOR, False),
        ("Quelle crainte l'auteur du site prête-t-il à l'archipel ?", Kind.AUTHOR, False),
        ("Which quote does the author end the article with?", Kind.AUTHOR, False),
        ("Qui est l'auteur de l'article ?", Kind.AUTHOR, True),
        ("Who's the reporter?", Kind.AUTHOR, True),
        # a joint statement's co-authors are its signatories; « qui a écrit que… » asks which source says it
        ("Which head of state co-authored the 2013 statement?", Kind.AUTHOR, False),
        ("Which Japanese head of government co-wrote a five-year plan in 2013?", Kind.AUTHOR, False),
        ("c'est qui qui a écrit que muto était en france du 12 au 14 ? quelle source ?", Kind.AUTHOR, False),
        ("Qui a écrit l'article ?", Kind.AUTHOR, True),
        ("Who co-hosted the founders' showcase on the night of the signing?", Kind.FOUNDER, False),  # entrepreneurs'
        ("記事の最後って、書いた人どんなテンションで締めてるの？", Kind.AUTHOR, False),
        ("Who founded Station F?", Kind.FOUNDER, True),
        ("ステーションFの創業者は？", Kind.FOUNDER, True),
        # founders as entrepreneurs, 創業 as starting a company: no founding asked
        ("What support would founders get in the partner country?", Kind.FOUNDER, False),
        ("創業支援施設を互いに使えるようになるのですか？", Kind.FOUNDER, False),
        # a founding text (« le traité fondateur »), some founder (« une fondatrice qui… »): no founder asked
        ("Quel accord fondateur marque le début des liens officiels ?", Kind.FOUNDER, False),
        ("Depuis combien d'années le traité fondateur des liens avait-il été conclu ?", Kind.FOUNDER, False),
        ("Une fondatrice qui conçoit des capteurs peut-elle s'y retrouver ?", Kind.FOUNDER, False),
        ("Qui est le fondateur de Station F ?", Kind.FOUNDER, True),
        ("Station F's founder?", Kind.FOUNDER, True),
        ("Qui est le founder de Station F ?", Kind.FOUNDER, True),
        ("How can a French founder open a bank account in Japan?", Kind.FOUNDER, False),  # an entrepreneur
    ],
)
def test_an_author_or_a_founder_is_asked_only_when_who_is(question: str, kind: Kind, asked: bool) -> None:
    assert (kind in asked_kinds(question)) is asked


def test_where_to_find_a_page_or_a_link_asks_an_address_not_a_place() -> None:
    # blind AJ: "where can I find …" read as advice and a place; the source's section giving its site answers it
    kinds = asked_kinds("hey where can i find the french embassy page on the 2015 declaration? link pls")
    assert not kinds & {Kind.PLACE, Kind.ADVICE}
    assert Kind.PLACE in asked_kinds("where is Station F?")
    assert Kind.ADVICE in asked_kinds("Where can a French founder find a Japanese co-founder?")


@pytest.mark.parametrize(
    ("question", "kind", "asked"),
    [
        # blind AL: how one named startup does a thing is a fact the sources tell, not advice for the member
        ("How does one of the French newcomers tell a real designer handbag from a knock-off?", Kind.ADVICE, False),
        ("How does one open a company in Japan?", Kind.ADVICE, True),
        # blind AM: the span a 2013 plan covered, no time after the corpus
        ("Which French head of state shared a 2013 statement that set the course for the next five years?",
         Kind.LATER, False),
        ("What will they do over the next years?", Kind.LATER, True),
    ],
)
def test_how_one_of_them_does_it_and_a_plan_s_next_five_years(question: str, kind: Kind, asked: bool) -> None:
    assert (kind in asked_kinds(question)) is asked


@pytest.mark.parametrize(("question", "asked"), [("すにっぷすってどこの国のすたーとあっぷ？", False),
                                                 ("声明の署名に関わった日本の省庁はどこですか？", False),
                                                 ("ステーションFはどこにありますか？", True)])
def test_a_body_or_a_country_asked_by_doko_is_no_place(question: str, asked: bool) -> None:
    # blind B: どこの国 asks a country named ("フランスの"), not where: "パリで署名" answered it first
    assert (Kind.PLACE in asked_kinds(question)) is asked
