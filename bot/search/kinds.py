"""What kind of answer a question asks for, and whether a passage holds one.

"how many / combien / 何社" needs a number (so do "how fast / how big" and どれくらい: a quantity), "when / quand /
いつ" a date, "who / qui / 誰" a person (found by bot.search.people, not here: it needs the word lists), "where / où /
どこ" a place, "how much … cost / いくら" an amount of money, "what time / à quelle heure / 何時" a time of day. A
passage that matches the words but holds no such thing does not answer ("how many incubators does Station F host?" is
not answered by a passage without a number). A question about the present ("current minister", "aujourd'hui", 現在)
asks about after the corpus (2018), which cannot answer it. Patterns are matched on NFKC + casefolded text, accents
kept ("où" is not "ou").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

from bot.months import spellings as month_spellings
from bot.search.analysis import DURATION, JA_WHEN, standard_interrogatives
from bot.search.prefilter import Screened, Screens
from bot.search.titles import JA_TITLES
from bot.search.wordlists import WordList, words_of

FOLDED_KEPT = 4096  # texts kept folded (fold): the same passages and sentences are read for question after question
HELD_KEPT = 16384  # (kind, text) answers of holds kept: likewise


class Kind(StrEnum):
    COUNT = "count"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    MONEY = "money"
    TIME = "time"
    PRESENT = "present"  # asks about today: never answered by a 2018 corpus
    WEATHER = "weather"  # "what was the weather like": a passage must speak of the weather
    DURATION = "duration"  # "how long was he in France?": a span (from 12 to 14 July, 3 days), besides the dates
    LENGTH = "length"  # "how long did the ceremony last?", combien de temps a duré, 何時間かかった: how long a thing
    # lasted, which one date does not tell (a duration is also "how long had Station F been open by then?": its dates)
    LATER = "later"  # asks about what came after (a successor, the next edition, since then): neither
    # Topics whose answer has a form of its own: a passage that does not speak of it does not answer.
    ACQUISITION = "acquisition"  # "who bought Snips?": a passage must speak of a purchase
    WINNER = "winner"  # "who won the pitch contest?": a passage must speak of winning, a prize
    AREA = "area"  # "how big is Station F in square metres?": a passage must give an area
    RATE = "rate"  # "what is the tax rate?": a passage must give a percentage
    PROCEDURE = "procedure"  # "how do I apply?": a passage must describe applying, registering
    ADVICE = "advice"  # "best sushi restaurant in Paris?": a passage must recommend something
    ADDRESS = "address"  # "what is the street address?": a passage must give one
    FOUNDER = "founder"  # "who founded it?": a passage must speak of founding
    # Relations a passage about the right person or thing still does not give unless it speaks of them:
    AGE = "age"  # "how old was he?", 何歳: a passage must give an age (a number of years), or the date a thing began
    YEARS = "years"  # "how many years between A and B?", 何年ぶり: two years the member subtracts, or the span given
    AUTHOR = "author"  # "who wrote the article?": a passage must name who wrote it
    UNTIL = "until"  # "until when did it run?", いつまで: a passage must give an end
    BEFORE = "before"  # "her job before she joined the government?", 前職: a passage must speak of before
    CONSTITUENCY = "constituency"  # "his constituency?", 選挙区: a passage must speak of an election
    SPEECH = "speech"  # "what did he say in his speech?", une citation ?, スピーチの内容: a passage must report words
    FILE = "file"  # "can I get a pdf?", télécharger, ダウンロード: a passage must offer a file or a link to one
    EXISTED = "existed"  # "was Station F already open in 2016?", « ça existe depuis 2015 ? »: the date it began answers
    WEEKDAY = "weekday"  # "on which weekday?", « quel jour de la semaine ? », 何曜日: the quote naming the day leads
    # (not enforced: a date is asked too, and a quote giving it answers)
    BEGAN = "began"  # "when was J-Startup launched?", « ouverte en quelle année ? », できたの何年: the quote dating the
    # thing's start is quoted first (not enforced: a date is asked, and any quote giving it answers)
    PENALTY = "penalty"  # "what penalty if a startup breaks the rules?", 罰則: a passage must speak of penalties
    TAX = "tax"  # "which tax break?", avantage fiscal, 税制優遇: a passage must speak of taxes
    EQUITY = "equity"  # "how much equity did JETRO take?", 株を何％: a passage must speak of shares or stakes
    LANGUAGE = "language"  # "what language is it written in?", 何語で書かれて: a passage must say what language a text
    # is written or published in (« in French « Déclaration… » » names its title in French, not the text's language)
    LEGAL = "legal"  # "is it legally binding?", valeur juridique, 法的拘束力: a passage must speak of legal force
    FREQUENCY = "frequency"  # "how often does it meet?", à quelle fréquence, どのくらいの頻度: a passage must say how
    # often (every year, annual, 毎年); "when" and "how many" do not: "a bilateral dialogue ahead of the G20" is none
    TITLE = "title"  # "what is the headline of the article?", « quel est le titre ? », 見出しは: a passage must quote a
    # title, in quotation marks (« Le Japon part à la conquête… », 「…」)
    REFUSAL = "refusal"  # "why does it exclude 5G?", refusé, 除外: a passage must report something excluded, refused,
    # banned, cancelled, postponed or withdrawn (a declaration of cooperation reports none: a premise of that kind is
    # false, however well the rest of the question matches)


# The Japanese "how many" words (何社, 何人…) and the counter a number of what they ask carries (社, 人…): what
# the question asks (Kind.COUNT: not 何回目, a rank) and what a passage must write (bot.search.evidence).
JA_COUNTERS = {"何社": "社", "何人": "人", "何名": "[人名]", "何件": "件", "何か国": "[かカヶ]国",
               "何ページ": "ページ", "何回": "回", "何冊": "冊", "何枚": "枚",
               "何カ国": "[かカヶ]国", "何ヶ国": "[かカヶ]国", "何個": "個",
               "何条": "[かカヶ]?条", "何か条": "[かカヶ]?条", "何カ条": "[かカヶ]?条", "何ヶ条": "[かカヶ]?条",
               "何項目": "項目", "何団体": "団体", "何機関": "機関", "何都市": "都市", "何種類": "種類",
               "何校": "校", **dict.fromkeys(("何か所", "何カ所", "何ヶ所", "何ケ所", "何箇所"), "[かカヶケ箇]所")}
# Japanese "the number of X" is X数 or Xの数 (参加者数, 社員の数) before a particle or the question's end: the noun
# counted is group 1. Not 複数, 多数, 少数, 半数, 数年 (several, many, few, half, a few years): no count asked; nor
# 何の数 ("« une trentaine » って何の数？": what the number counts, which a passage names, not a number).
JA_NUMBER_OF = re.compile(
    r"(?!何の?数)([\u4e00-\u9fffァ-ヶーA-Za-z]{1,30}?)(?<![複多少半無])の?数(?=は|が|を|って|も|[?？]|\s*$)")
# Something excluded, refused, rejected, banned, cancelled, postponed or withdrawn: asked about, and reported.
_REFUSAL = re.compile(
    r"\bexclu(?:de|des|ded|ding|sion)\b|\b(?:leave|leaves|left|leaving) out\b|\brefus(?:e|es|ed|ing|al)\b"
    r"|\breject(?:s|ed|ing|ion)?\b|\bbann?(?:ed|s|ing)?\b|\bprohibit\w*|\bcancel\w*|\bpostpon\w*"
    r"|\bwithdr(?:ew|awn|aw|awal)\b|\bboycott\w*|\bveto\w*"
    r"|\bexclu(?:t|re|e|es|s|ait|aient|ent|sion)\b|\brefus(?:é|ée|és|ées|er|e|ent|ait|aient)\b|\brejet\w*"
    r"|\binterdi(?:t|te|ts|tes|re|ction)\b|\bannul\w*"
    r"|除外|拒否|拒絶|中止|禁止|延期|撤回|外さ|外し|外す|見送|撤退|排除"
)
# A price or a sum asked ("how much are tickets", "what amount did they commit", tarif, 料金): money, like a cost.
PRICE_ASKED = (r"\bhow much (?:are|do|will|would)\b|\bamounts?\b|\bprices?\b|\bpricing\b|\bfees?\b|\bfares?\b"
               r"|\btarifs?\b(?! douaniers)|\bfrais\b|料金|値段|価格|入場料|参加費")
# After a possessive, "best" describes what someone has ("its best start-ups"); a recommendation is asked otherwise.
_NOT_POSSESSED = "".join(rf"(?<!\b{p} )" for p in ("its", "their", "his", "her", "our", "ses", "leurs", "leur", "nos",
                                                      "notre", "son", "sa"))
# An imperfect or a pluperfect (« s'étaient écoulées », « existait »): a time in the past set, not until now.
_THEN = re.compile(r"\b\w+ai(?:t|ent)\b")
# A span of time before "later" / « plus tard » ("two days later", « trois jours plus tard »): a time told of.
_NOT_AFTER_A_SPAN = "".join(rf"(?<!\b{unit} )" for unit in (
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minutes", "moments",
    "jour", "jours", "semaine", "semaines", "mois", "an", "ans", "année", "années", "heure", "heures", "peu"))
# « le traité fondateur », « un acte fondateur »: a founding text or moment, no founder
_NOT_FOUNDING_TEXT = "".join(rf"(?<!\b{noun} )" for noun in (
    "traité", "accord", "texte", "acte", "pacte", "document", "moment", "événement", "principe", "mythe", "récit"))
# "which Japanese minister…?", « quelle femme… a signé ? », どの大臣: a person asked by the noun for one (the
# words between may be adjectives, not a verb: "what do people think" asks no one)
_NOT_VERB = r"(?!(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b)"
_NOT_DETERMINER = r"(?!(?:the|a|an|this|that|his|her|their|its)\b)"  # "know what the person wants": a clause
_PERSON_NOUN_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:{_NOT_VERB}{_NOT_DETERMINER}[\w\-']+\s+){{0,2}}?(?:ministers?|minsters?"
    r"|signator(?:y|ies)|signers?|officials?|politicians?|person|persons|people|woman|women|lady|guy|leaders?|presidents?"
    r"|diplomats?|ambassadors?)\b"
    r"|\bquel(?:le)?s?\s+(?:[\w\-'’]+\s+){0,2}?(?:ministres?|signataires?|personnes?|femmes?|hommes?|responsables?"
    r"|dirigeant(?:e|s|es)?|patron(?:ne)?s?|chefs?|président(?:e|s|es)?|president(?:e|s|es)?|diplomates?"
    r"|ambassadeurs?|ambassadrices?|élu(?:e|s|es)?)\b"
    r"|どの(?:大臣|閣僚|政治家|人物|人|方|女性|男性)")
_QUESTION: dict[Kind, re.Pattern[str]] = {
    Kind.MONEY: re.compile(
        r"\bhow much (?:money|did|does|was|is|were|funding|budget|\w+ cost)|\bbudget|\bvalued?\b|\bprix\b"
        r"|\bcost(?:s|ed|ing|ly)?\b|\bco[uû]t(?:s|e|es|é|ée|ait|ent|era|er|eux|euse)?\b"  # not "costume", "coutume"
        r"|\bcombien (?:d'argent|d’argent|d'euros|de yens?)|\bmontant|\bvalorisation|いくら|予算|費用|金額"
        r"|\bhow much\b.{0,60}\b(?:spen[dt]|pa(?:y|id)|invest(?:ed)?|raised?)\b"
        r"|\bcombien\b.{0,60}\b(?:dépens\w*|pay[ée]\w*|payer|invest(?:ir|ie?s?)|lev(?:er|[ée]e?s?))\b(?! de rideau)"
        r"|総額|調達額|投資額|何(?:億|万|千|百)?(?:円|ユーロ|ドル)"  # 何億円: how much; not 資金 alone (funds,
        # funding): "資金を出す機関はどこ" asks who funds, not how much
        r"|\bsalar(?:y|ies)\b|\bwages?\b|\bsalaires?\b|\brémunération|給料|給与|年収|報酬|"
        + PRICE_ASKED
    ),
    Kind.TIME: re.compile(
        r"\bwhat (?:exact |precise )?time\b|\b(?:à|a) quelle heure\b|\bquelle heure\b|\bopening hours\b|\bhoraires\b"
        r"|営業時間|開館時間"
        r"|何時から|何時に|何時ごろ|何時頃|何時でし"
    ),
    Kind.COUNT: re.compile(
        r"\bhow many\b|\bcombien\b|\bnumber of\b|\bnombre de\b"
        rf"|(?:{'|'.join(map(re.escape, JA_COUNTERS))})(?!目)"  # not 何回目: a rank
        r"|いくつ|\bpopulation\b|\bhabitants\b|人口"
        # a quantity: "how fast / how big", "à quelle vitesse", どれくらい / どのくらい (how much, how many, how fast)
        r"|\bhow (?:fast|big|large|heavy|tall)\b|\b(?:à|a) quelle vitesse\b|\bquelle (?:taille|vitesse)\b"
        r"|どれ(?:くらい|ぐらい|ほど|だけ)|どの(?:くらい|ぐらい)|"
        + JA_NUMBER_OF.pattern
    ),
    Kind.WEEKDAY: re.compile(
        r"\bweekdays?\b|\bday of the (?:week|weak)\b|\bjour de la s[eèé]m[aeèé]i?ne\b"
        r"|曜日|何曜|なに曜|なん曜|\byoubi\b"),
    Kind.DATE: re.compile(
        r"\bwhen\b|\bquand\b|\bwhat (?:date|day|year)\b|\bquel(?:le)? (?:jour|date|année|annee)\b|"
        # the day of the week, the month: "on which weekday", "in which month and year", « en quel mois », 何曜日
        r"\b(?:what|which) (?:exact |calendar )?(?:weekday|day|date|month|year)s?\b|\bday of the (?:week|weak)\b"
        r"|\bweekday\b|\b(?:à|a|en|de) quelle (?:période|periode|époque|epoque)\b|\bquel(?:le)? mois\b"
        r"|\bjour de la semaine\b|\bà quel moment\b(?! de la (?:journée|soirée))"
        r"|何曜|なに曜|(?:どの|何の|\bwhat |\bwhich )曜日|"
        + JA_WHEN + r"|何日|何年|何月"
    ),
    Kind.PERSON: re.compile(
        # "whose" opening a question asks whose; after a noun ("the treaty whose anniversary…") it asks no one
        r"\b(?:who|whom)\b|(?:^|[,:;]|\b(?:so|and|but|then|ok|lol))\W*whose\b"
        r"|^\W*(?:(?:et|mais|alors|donc|ok|bon|ben)\W+)?qui\b|\b(?:par|à|a|avec|pour|c'est|c’est|cest|c) qui\b"
        r"|(?:^|[,:;]|\b(?:et|mais|alors|donc|ok|bon))\W*qui (?:est|sont|était|étaient|etait|etaient)\b"  # not "les
        r"|誰|だれ|どなた"  # jeunes pousses qui sont montées…": a relative pronoun asks for no one
        rf"|(?:{'|'.join(JA_TITLES)})(?:は|って)\W*$"  # "フランスの大臣は？": a title, then nothing, asks who holds it
    ),
    Kind.PLACE: re.compile(
        r"\bwhere\b|(?<!\w)où\b|^\W*ou (?=(?:a|est|se|sont|ont|etait|ete)\b)"  # "ou a ete signee": où, unaccented
        r"|\bc(?:'est|’est| est|est)? ou\b|(?<!\w)ou (?=(?:que|qu'|qu’|ça|ca)\b)"  # "c ou que…", "c'est ou ?"
        r"|\bquelle (?:\w+ )?(?:ville|capitale)\b|\bwhich (?:\w+ )?(?:city|capital|town)\b"  # "which European
        r"|どこ|どちら|どの都市|どの首都"),  # capital": a city by its kind
    Kind.PRESENT: re.compile(
        r"\b(?:currently|current|right now|nowadays|these days|today|now)\b|\baujourd'hui\b|\baujourd’hui\b"
        r"|\bactuel(?:le|s|les)?\b|\bactuellement\b|\ben ce moment\b|\bde nos jours\b"
        r"|\bmaintenant\b|\b(?<!while )(?:still|latest)\b"  # "now", "still" in each language: 今も, toujours (en
        # poste); not "while still calling it vital" (at the same time)
        r"|\b(?:est|sont|es|êtes|il|elle|ils|elles) toujours\b|\btoujours (?:en poste|actif)"
        # « est-elle encore ministre ? »: an inverted subject, then encore (not « c'est quoi encore ? », "again")
        # (not after an imperfect: « était-il encore en France le 14 juillet ? » asks about then)
        r"|(?<!ait-)(?<!aient-)\b(?:il|elle|ils|elles) encore (?!une fois)"
        r"|\bencore (?:en poste|en fonction|en vigueur|valable|actif)"
        r"|現在|今の|今は|今なに|今何|いまの|いまは|今も|今でも|いまも|最新|今なん|いまなん|今どこ|いまどこ|今どう|いまどう"
        r"|\bthis (?:year|month)\b(?! of\b)|\bcette année\b(?! (?:de|du|des|d['’]))(?![\-‐]là)|\bce mois-ci\b|今年|今月"
    ),
    Kind.WEATHER: re.compile(  # and the idioms of the weather: « il fait beau ? », "is it raining?", 晴れてる？
        r"\bweather\b|\bm[ée]t[ée]o\b|\bquel temps\b|天気|気温|天候"
        r"|\b(?:il|ça|ca) (?:fait|faisait) (?:beau|chaud|froid|mauvais|doux)\b|\bfait-il (?:beau|chaud|froid)\b"
        r"|\bil (?:pleut|pleuvait|neige|neigeait)\b|\bis it (?:sunny|raining|rainy|cold|hot|warm|snowing)\b"
        r"|\bwas it (?:sunny|raining|rainy|cold|hot|warm|snowing)\b"
        r"|\bdid it (?:rain|snow|pour)\b|\b(?:rained|raining|rainy|snowed|snowing|heatwave|heat wave|canicule)\b"
        r"|晴れ(?:て|た|る)|雨(?:が降|だっ|でし)|暑(?:い|かっ)|寒(?:い|かっ)"),
    Kind.LATER: re.compile(  # « depuis longtemps » asks until now, unless an imperfect (« existait-il ») sets it then
        r"\bwho (?:replaced|took over from)\b|\bqui (?:a|l'a|l’a) remplacée?\b|\bremplaçante?\b"
        # "the next day", 次の日: a day the corpus tells of (the foreign ministers' words of 14 July), nothing later;
        # "the next generation" (of mobile networks: 5G), 次の世代, « la prochaine génération »: no time after;
        # "(a roadmap) for the next five years": the span a plan covered (as その後5年間の道筋 below)
        r"|\bsucce(?:eded|ssor)\b|\bnext\b(?![-‐])(?! (?:to|day|morning|evening|night|generation)\b)"
        r"(?!(?<=for the next) (?:\d+|two|three|four|five|ten) years\b)"
        r"|\bsince then\b"
        r"|\bafterwards\b|\bin the future\b"
        # « se sont succédé »: one after the other, no successor
        r"|(?<!\bse sont )(?<!\bse )\bsuccéd|\bsuccesseur|\bprochaine?s?\b(?! génération)"
        r"|\bdepuis (?!quand|combien|longtemps|quel)"
        r"|\bà l'avenir\b|\bpar la suite\b"
        rf"|^(?!.*{_THEN.pattern}).*\bdepuis longtemps\b"
        # (not その後5年間の道筋: the span a plan covered, from a year the question gives)
        r"|その後(?!の?\s*[\d一二三四五六七八九十]+\s*年間?の)|後任|次回|次の(?![日朝晩夜]|世代)|今後|以降|それ以来"
        r"|\bafter (?:he|she|they) (?:left|quit|stepped down)\b|\bwhat became of\b"
        r"|\bqu(?:'|’)est(?:-(?:il|elle))? devenue?\b|\bque (?:sont|est) devenue?s?\b|\bdevenue?s? \w+ ensuite\b"
        r"|\bdevenue?s? quoi\b"  # « elle est devenue quoi après ? »
        r"|\baprès (?:avoir quitté|son départ|leur départ)|辞任後|退任後"
        # leaving the post held at the signing ("when did Mahjoubi resign?", « a-t-il démissionné », 辞めた): later
        r"|\bresign(?:s|ed|ing|ation)?\b|\bstep(?:s|ped)? down\b|\bleft (?:office|the government|(?:his|her) post)\b"
        r"|\bdémission\w*|\bdemission\w*|\bquitté (?:le gouvernement|son poste|ses fonctions)\b|辞め|辞任|退任|退陣"
        r"|\bwhat came (?:of|out of)\b|\b(?:results?|outcomes?) of (?:the|this|their)\b|\bqu(?:'|’)(?:a|ont) donné\b"
        r"|\brésultats? (?:de la|du|des|de cette)\b|成果"
        r"|\bfollow[- ]?ups?\b|\b(?:réunion|rencontre|accord|comité|réunions|rencontres) de suivi\b|フォローアップ"
        # the pandemic of 2020 ("during covid", « pendant la pandémie », コロナ禍で): after a 2018 corpus
        r"|\bcovid(?:-?19)?\b|\bcoronavirus\b|\bpand[eé]mi(?:c|e|que)s?\b|\blockdowns?\b|コロナ"
        # "did he later become minister?", « plus tard », のちに: after the corpus (not "two days later", « le
        # lendemain », "later that evening": a time the corpus tells of)
        # "the same day, or later?", « 2013 ou plus tard ? »: a later date offered, not what came after
        rf"|{_NOT_AFTER_A_SPAN}(?<!\bor )\blater\b(?! (?:that|on that|the same|in the (?:day|evening|week))\b)"
        rf"|{_NOT_AFTER_A_SPAN}(?<!\bou )\bplus tard\b(?! (?:dans|ce|le) (?:la|soir|même)\b)|のちに|後年"
    ),
    Kind.ACQUISITION: re.compile(
        r"\brachet|\brachat|\bacqui(?:red|ring|sition)|\bbought\b|\bbuy(?:s|ing)? (?:out|up)\b|買収|身売り"),
    Kind.WINNER: re.compile(
        r"\bwon\b|\bwin the\b|\bwinners?\b|\bqui a gagné\b|\ba gagné\b|\bont gagné\b"
        r"|\bgagnante?s? (?:du|de la|des)\b|\bvainqueurs?\b|\blauréate?s?\b|優勝|受賞|勝者"
        # a prize, a jury ("award" alone is a verb too: "award funding to joint projects")
        r"|\bawards\b|\b(?:what|which) award\b|\bwin (?:a|an) (?:prize|award)\b|\bjury\b|\bjudges\b"
        r"|\btroph(?:y|ies|ée|ées)\b|\bprix\b|\brécompens(?:e|es|é|ée)\b|審査員|グランプリ|優秀賞|賞金"),
    Kind.AREA: re.compile(
        r"\bsquare (?:met|feet|foot)|\bsuperficie\b|\bmètres carrés\b"
        r"|\bsurface (?:de|du|d'|d’)|面積|広さ|何平方|何平米|(?<![\w-])(?:m2|m²|㎡|sq ?ft|sqm)(?![\w-])"),  # "in m2?"
    Kind.RATE: re.compile(
        r"\btaux\b|\brate\b|\bpercentage\b|\bpourcentage\b|税率|割合|何パーセント|何%|率は"),
    Kind.PROCEDURE: re.compile(
        r"\bhow (?:do|can|could|should) (?:i|we)\b|\bhow to (?:apply|get|obtain|register|join|sign up|install)\b"
        r"|\bhow to (?:start|set up|open|create|found) (?:a|an|my|your|our) (?:company|business|firm|start-?up)\b"
        r"|\bcomment (?:obtenir|postuler|candidater|s'inscrire|s’inscrire|faire\b|demander|rejoindre|installer)"
        r"|\bcomment (?:créer|monter|ouvrir|fonder|lancer) (?:une|son|sa|mon|ma|sa propre) (?:entreprise|société|boîte"
        r"|start-?up|filiale)\b"
        r"|申請|応募|申し込|手続き|登録方法|インストール"
        r"|\bcomment (?:on |je |nous )(?:le |la |les |l['’]\s*)?"
        r"(?:obtien[ts]?|fai[ts]|postule|candidate|s'inscri|demande)"
        r"|手順|やり方|書き方|取るには|取得するには"
        # the conditions to apply or take part: "conditions pour candidater", "requirements to join", 応募条件
        r"|\bconditions? (?:pour|d'|d’|de |to |for )\s*(?:candidat|postul|s'inscri|s’inscri|particip|rejoindre|"
        r"intégrer|entrer|apply|applying|join|enter|take part|participat)"
        r"|\b(?:requirements?|criteria|eligibility) (?:to|for)\b|\beligib(?:le|ility)\b|\béligib(?:le|ilité)\b"
        r"|\bcriteria\b|\bcrit[èe]res?\b"  # the criteria to meet: « quels critères remplir pour… »
        # how they were chosen: a selection process ("how were the startups selected?", どうやって選ばれた)
        r"|\bhow (?:were|was|are|is|do|does|did) (?:[\w'’-]+ ){0,6}?(?:selected|chosen|picked|screened)\b"
        r"|\bcomment (?:[\w'’-]+[ -]){0,8}?(?:sélectionn|selectionn|choisi)\w*"
        r"|(?:どうやって|どのように|どうして|どう)[^。？?]{0,8}?(?:選ば|選ん|選考|選定|選抜)|(?:選考|選定|選抜)(?:方法|基準)|選ばれ方"
        r"|応募条件|参加条件|入居条件|応募資格|参加資格"),
    Kind.ADVICE: re.compile(  # not "its best start-ups", « ses meilleures jeunes pousses » (_NOT_POSSESSED)
        rf"{_NOT_POSSESSED}\bbest\b|{_NOT_POSSESSED}\bmeilleure?s?\b|\brecommend|\bconseill"
        r"|\bwhere (?:can|could|should|do|does) (?:i|we|you|one|a|an)\b"
        r"|\btips?\b|\badvice\b|\bconseils\b|\bdes conseils\b|\bshould (?:i|we)\b|一番いい"
        r"|おすすめ|オススメ|お勧め|お薦め|コツ|秘訣|アドバイス|\bastuces?\b"
        # advice for the member's own plans: the sources report a declaration, they never advise
        # how the member (or anyone: "how can a French founder open…") goes about something, not how to say a word
        r"|\bhow (?:do|can|could|should|does) (?:i|we|you|one(?! of\b)|a|an)\b(?! (?:say|spell|pronounce|write|call)\b)"
        r"|\bbest way to\b"
        # « comment sécuriser… ? », « comment obtenir un visa ? »: how to do a thing (not « comment dire », the name)
        r"|\bcomment (?!(?:dire|traduire|écrire|ecrire|appeler|prononcer|nommer)\b)[a-zàâçéèêëîïôûù]+(?:er|ir|re)"
        r" (?:des?|du|les?|la|l['’]|une?|mon|ma|mes|son|sa|ses|nos|notre|vos|votre|leurs?|ce|cette|ces)\b"
        r"|\bcomment bien\b|\bque faut-il savoir\b|\b(?:dois|devrais)-je\b|\brecommand(?:ez|eriez)\b|\bbouquins\b"
        r"|\bquels livres\b|ればいい|どうすれば|対策を\s*(?:教えて|おしえて)?\s*(?:[。？?!！]|$)"),  # 教えて: cut
    # a street address, not a web one ("the web address of the article", « l'adresse du site »: its URL)
    # (not "address book", nor « s'adresse à », to speak to someone)
    Kind.ADDRESS: re.compile(r"(?<!\bweb )(?<!\be-mail )(?<!\bemail )(?<!\binternet )\b(?:street |postal )?address\b"
                             r"(?! of the (?:article|site|page|website|story|post)\b)(?! book)"
                             r"|(?<![smt]['’])\badresse\b(?! (?:web|internet|e-mail|mail|url|du site|de la page"
                             r"|de l'article|du communiqué|de la dépêche|du billet|du blog|à|a)\b)"
                             r"|住所|所在地"),
    # whether a thing existed at a year: a year and a word of existing ("already", « déjà », すでに); the date the
    # thing began answers it, whatever year the member guessed
    Kind.EXISTED: re.compile(
        r"^(?=.*(?<!\d)(?:19|20)\d\d(?!\d))(?=.*(?:\balready\b|\bexist(?:s|ed|ing)?\b|\bnot yet\b|\bbeen around\b"
        r"|\bdéjà\b|\bexist(?:e|ait|aient|er)\b|\bpas encore\b|\btout neuf\b|すでに|既に|もう|存在|できて))",
        re.DOTALL),
    Kind.FOUNDER: re.compile(  # founding asked, not "founders" (entrepreneurs) nor 創業支援 (help to start up)
        # "the founder", "its founder", "the founder of": not "a French founder", "founders" (entrepreneurs)
        r"\bfounded\b|\b(?:the|its|their|his|her|le|la|son|sa)\s+(?:[\w-]+\s+)?founders?\b"
        # (not "the founders' showcase": entrepreneurs')
        r"(?!\s+(?:communit|ecosystem|scene|network|programme|program|visa))(?!(?<=s)['’])|\bfounders? of\b"
        r"|['’]s\s+founders?\b|\bfondée? (?:par|en)\b|\ba fondée?\b"
        # not "un traité fondateur" (founding, of a text), nor "une fondatrice qui…" (some founder, not who founded)
        rf"|{_NOT_FOUNDING_TEXT}(?<!\bun )(?<!\bune )\bfondat(?:eur|eurs|rice)\b"
        r"|創業者|創業した|創業は|創業年|設立者|創設者|創立者"
        # 作ったのは誰, つくった人: who made the place (not 作った会社, a made thing; not 立ち上げた, launched)
        r"|(?:作|つく|創|造)った(?:人|の(?:は|って)(?:誰|だれ|どなた))"),
    Kind.AGE: re.compile(
        r"\bhow old\b|\b(?:his|her|their) age\b|\bat what age\b|\bquel (?:â|a)ge\b|\b(?:â|a)gée? de combien\b"
        r"|何歳|何才|年齢"),
    Kind.YEARS: re.compile(  # the years between two things: not a count of anything (asked_kinds drops COUNT)
        r"\bhow many years\b.*\b(?:between|after|since|before|passed|elapsed|separate)\b"
        r"|\bcombien d['’](?:années|ans)\b.*\b(?:entre|après|avant|séparent|écoulé)"
        r"|\bcombien de temps (?:entre|s['’]est écoulé|sépare)|何年ぶり|何年後|何年前|何年たって|何年経って"),
    Kind.AUTHOR: re.compile(  # who wrote asked, not the author doing something else ("does the author sound keen?")
        # (not "co-authored", "co-wrote": a joint statement's authors are its signatories)
        r"\bwho (?:wrote|drafted|penned)\b|\b(?:written|drafted) by\b|(?<!co-)(?<!co)\b(?:wrote|penned|authored)\b"
        r"|\b(?:who|which|name)\b(?:['’]s|\s+(?:is|are|was|were))?(?:\s+of)?\s+(?:(?:the|an?|its|their)\s+)?"
        r"(?:[\w-]+\s+)?(?:authors?|writer|journalist|reporter)\b"
        r"|\b(?:authors?|writer|journalist)\b[^?.!]{0,15}\b(?:who|name)\b"
        r"|\bqui a (?:écrit|rédigé)\b(?! que\b)|\b(?:écrite?|rédigée?) par\b|誰が起草|起草したのは|起草者"
        r"|\b(?:qui|quel(?:le)?s?|nom)\b(?:\s+(?:est|sont|était|étaient|etait))?(?:\s+(?:de|d['’]))?"
        r"\s*(?:l['’]|le\s+|la\s+|les\s+|un\s+|une\s+|des\s+|cet\s+|cette\s+)?"
        r"(?:auteure?s?|journaliste|rédact(?:eur|rice))\b"
        r"|\b(?:auteure?s?|journaliste)\b[^?.!]{0,20}\b(?:qui|nom)\b"
        r"|誰が書|書いたのは|書いた(?:の|人)(?:って)?\s*(?:誰|だれ|どなた)|執筆(?:者|した)"  # 記事書いたの誰
        r"|(?:筆者|著者|記者|書いた人)(?:は|って|の名前)?(?:誰|だれ|どなた|何者|名前)"),
    Kind.UNTIL: re.compile(
        r"\buntil when\b|\btill when\b|\bwhen did (?:it|they|the \w+) (?:end|close|finish)\b"
        r"|\bjusqu(?:'|’)(?:à|a) quand\b|\bquand (?:s'est|s’est) (?:terminée?|achevée?|finie?)\b|いつまで"),
    Kind.BEFORE: re.compile(
        r"\bbefore (?:(?:he|she|they) (?:joined|entered|became)|joining|entering|becoming)\b"
        r"|\b(?:previous|former|prior) (?:job|position|career|post|role)\b"
        r"|\bavant (?:d'|d’|de |son |sa )(?:entrer|rejoindre|devenir|entrée|arrivée|nomination)"
        r"|\b(?:ancien|précédent) (?:métier|poste|emploi|travail)\b"
        r"|(?:政府|内閣|政界|省|政治)に入る前|入閣前|前職|以前の(?:仕事|職)"),
    Kind.CONSTITUENCY: re.compile(r"\bconstituency\b|\bcirconscription\b|\bélue? (?:de|dans)\b|選挙区"),
    Kind.SPEECH: re.compile(  # a speech, not a "speech-driven" assistant; a quote asked for, not "who is quoted"
        r"\bspeech(?:es)?\b(?![\-‐])|\bdiscours\b|\b(?:any|a|the) quotes?\b|\b(?:une|des|la) citations?\b"
        r"|スピーチ|演説|発言の内容|発言内容"),
    Kind.FILE: re.compile(  # not "un lien entre…": a link asked for is a relation as often as a URL
        r"\bpdfs?\b|\bdownload|\bt[ée]l[ée]charg|\b(?:a|une) (?:copy|copie)\b|ダウンロード"
        # the text itself, where to read it: "the full text", 全文, « où lire la déclaration »
        r"|\b(?:full|whole) text\b|\b(?:original|complete|entire|official) (?:text|version|document|wording)\b"
        r"|\bwhere (?:is|are|can i find|can i get) the (?:original|full|complete|whole|entire)\b"
        r"|\bwhere (?:can|could|do|should) (?:i|we|you|one) (?:read|consult|get a copy)\b"
        r"|\btexte (?:intégral|integral|complet|original|officiel)\b"
        r"|\bversion (?:originale|intégrale|integrale|complète|complete|officielle)\b"
        r"|\boù (?:peut-on|peut on|puis-je|je peux|on peut|est-ce qu'on peut|pourrais-je) (?:lire|consulter)\b"
        r"|\boù (?:lire|consulter)\b|全文|原文|どこで(?:読め|読む|読ん|見られ|見れ|入手)"
        # a picture of it asked for: "is there a photo of the signing?", 写真はありますか (not "checks from a photo")
        r"|\b(?:is there|are there|any|got|have you got|do you have|can i see|show me)\s+(?:a |an |some |any )?"
        r"(?:photos?|pictures?|videos?|images?|recordings?|footage)\b"
        r"|\b(?:y a-t-il|y a t il|il y a|y a|est-ce qu'il y a|avez-vous|as-tu|tu as|vous avez|montrez?-moi)\s+"
        r"(?:une |des |la |les |un )?(?:photos?|vidéos?|videos?|images?|enregistrements?)\b"
        r"|(?:写真|動画|映像|画像|録画)(?:は|って|も|が)?(?:あります|ある|ない|見られ|見れ|見せ)"),
    Kind.PENALTY: re.compile(
        r"\bpenalt(?:y|ies)\b|\bsanctions?\b|\bpunish\w*|\bpénalités?\b|\bamendes?\b|罰則|罰金|制裁|処罰|ペナルティ"),
    Kind.TAX: re.compile(r"\btax(?:es|ation)?\b|\bfiscal(?:e|es|ité)?\b|\bimpôts?\b|税制|税率|減税|免税|課税"),
    Kind.EQUITY: re.compile(  # not 共同出資 (co-funded projects): a share of a company; not "what is at stake"
        r"\bequity\b|(?<!\bat )\bstakes?\b|\bshares? in\b"
        r"|\b(?:part|pourcentage|participation)s? (?:du|au|dans le) capital\b"
        r"|\bactionna\w+|株を|株式|持ち株|出資比率"),
    Kind.LANGUAGE: re.compile(
        r"\b(?:what|which) languages?\b|\bquelles? langues?\b|何語|何の言語|どの言語|どんな言語"
        # languages offered: "did Snips pitch in French or in English?" (not "its name in French or English?")
        r"|^(?!.*\b(?:call|called|names?|named|titled?|say|said|spell\w*|writes?|written|translat\w*)\b)"
        r".*\bin (?:english|french|japanese),? or (?:in )?(?:english|french|japanese)\b"
        r"|^(?!.*\b(?:appel\w*|noms?|nommée?s?|titres?|intitul\w*|dit|dire|écri\w*|tradui\w*)\b)"
        r".*\ben (?:anglais|français|francais|japonais),? ou (?:en )?(?:anglais|français|francais|japonais)\b"
        r"|(?:英語|フランス語|仏語|日本語)(?:でしたか|ですか|だった|で)[、,？?]?\s*(?:それとも)?(?:英語|フランス語|仏語|日本語)(?:で|だった)"),
    Kind.LEGAL: re.compile(
        r"\blegally\b|\b(?:non-)?binding\b|\blegal (?:force|value|effect|status|weight|obligations?)\b"
        r"|\bjuridiquement\b|\bcontraignante?s?\b|\b(?:valeur|portée|force|effet|statut) juridique\b"
        r"|拘束力|法的(?:な)?(?:効力|根拠|義務|地位)"),
    Kind.FREQUENCY: re.compile(
        r"\bhow (?:often|frequently|regularly)\b|\bhow many times (?:a|an|per|each|every)\b"
        r"|\b(?:à|a) quel(?:le)? (?:fréquence|frequence|rythme)\b|\bquelle (?:fréquence|frequence|périodicité)\b"
        r"|\btous les combien\b|\bcombien de fois par\b"
        r"|頻度|何年(?:ごと|おき|に一度|に1度|に1回)|(?:年|月|週)に(?:何回|何度)|どのくらいの(?:間隔|ペース)"),
    Kind.TITLE: re.compile(  # a headline; a title of a text (not "Muto's official title", « son titre »: a role)
        r"\b(?:headline|subheading|subtitle|intertitre|sous-titre)s?\b|見出し|みだし"
        r"|^(?=.*\b(?:article|piece|story|report|document|declaration|statement|text|texte|déclaration|papier"
        r"|communiqué|dépêche|reportage)s?\b|.*(?:記事|文書|声明|宣言|報道|きじ))"  # きじ: 記事 typed in kana
        r"(?=.*(?:\btitles?\b|\btitres?\b|\bintitulée?s?\b|タイトル|たいとる|題名|表題))"),
    Kind.REFUSAL: _REFUSAL,
}

_MONTHS = "|".join([*month_spellings("fr"), *month_spellings("en")])  # bot.months, unaccented ones too (aout)
_NOT_ORDINAL = r"(?!(?:e|er|re|eme|st|nd|rd|th)\b)"  # letters after digits that do not make them an ordinal


@lru_cache(maxsize=1)
def _count() -> re.Pattern[str]:
    """A count: a number that is not a year or a day of a date, nor part of a name (5G, G20: letters stuck to it, but
    an ordinal's "160e", "3rd"), or a number word of the French and English words files; 9社, 約30, 100社."""
    number_words = "|".join(re.escape(w) for language in ("fr", "en") for w in words_of(language, WordList.NUMBERS))
    return re.compile(
        rf"(?<![\d/.:a-z])(?!(?:19|20)\d\d(?!\d))\d+(?![\d/.:]|{_NOT_ORDINAL}[a-z]|\s*(?:{_MONTHS})|\s*[年月日時])"
        rf"|\b(?:{number_words})\b|(?<!の)[一二三四五六七八九十百千万]+(?:社|人|件|か国|カ国|つ|名)"
    )


# A year written in a quote or a question (2018, not 12018 nor 2018's digits in 201812); one pattern for every module.
A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A thing beginning in a year (launched, opened, begun in 2013, lancée en 2018, 2018年6月に発足): how old a thing
# was is read from it ("how old was J-Startup when…": "launched in June 2018"); a person's age is not (retriever)
_BEGAN = re.compile(
    r"\b(?:launched|founded|created|begun|began|started|opened|set up|established)\b[^.]{0,40}?(?:19|20)\d\d"
    r"|\b(?:lancée?s?|créée?s?|fondée?s?|ouverte?s?|inaugurée?s?)\b[^.]{0,40}?(?:19|20)\d\d"
    # the date first: « le 12 juillet 2018, la saison Japonismes 2018 s'ouvrait », "in June 2018 METI launched"
    r"|(?:19|20)\d\d\b[^.]{0,40}?\b(?:launched|founded|opened|began|lancée?s?|créée?s?|fondée?s?|ouverte?s?"
    r"|inaugurée?s?|s'ouvr\w*)\b"
    r"|(?:19|20)\d\d\s*年[^。]{0,30}?(?:発足|設立|開始|創設|開業|開設|開館|始ま)")
# a beginning asked of a date question ("when was it launched", « lancée quand », 何年にできた): Kind.BEGAN
_BEGINNING = re.compile(
    r"\b(?:launch(?:ed)?|found(?:ed)?|creat(?:e|ed)|start(?:ed)?|open(?:ed)?|set up|establish(?:ed)?|beg[ia]n|begun"
    r"|kick(?:ed)? off|got going|get going|come into being|came into being|born|exist(?:s|ed)?|been around)\b"
    r"|\b(?:lanc|cré|fond|démarr|inaugur|exist)\w*|\b(?:ouvert|ouvre|ouvrir)\w*|\bmise? en place\b|\bvu le jour\b"
    r"|\bdébut(?:é|ée)\b|\bcommenc\w*|\bnée?\b"
    r"|でき|設立|発足|開始|創設|開業|開設|開館|始ま|始め|立ち上げ|スタート|誕生|掲げ")
_PASSAGE: dict[Kind, re.Pattern[str]] = {  # the other kinds (a count: _count)
    Kind.WEEKDAY: re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:lun|mar|mercre|jeu|vendre|same)di\b"
                             r"|\bdimanche\b|[月火水木金土日]曜|[（(][月火水木金土日][）)]"),
    Kind.DATE: re.compile(rf"{A_YEAR.pattern}|\b(?:{_MONTHS})\b|\d+\s*[年月日]|[一二三四五六七八九十]+月"),
    Kind.MONEY: re.compile(
        r"€|\$|¥|\beuros?\b|\byens?\b|\bdollars?\b|\bmillions? d|\bmillion\b|\bbillion\b|円|ユーロ|ドル"
    ),
    Kind.WEATHER: re.compile(
        r"\b(?:weather|sunny|rain\w*|cloudy|météo|meteo|ensoleillé|pluie|pluvieux|nuageux|orage\w*)\b|°|天気|晴れ|雨|曇り|気温"
    ),
    # a span: from one day to another (du 12 au 14 juillet, 12–14 July, 12日から14日), or a length (3 days, 2年間)
    Kind.DURATION: re.compile(
        r"\b(?:from|du|de|between|entre) (?:the )?\d{1,2}(?:er|st|nd|rd|th)? (?:to|au|à|a|and|et|until|-|–)"
        r" (?:the )?\d{1,2}\b"
        r"|(?<![\d/.:])\d{1,2}\s*[-–]\s*\d{1,2}(?![\d/.:])|\d+日(?:から|[~〜～-])\s*\d+日"
        r"|\b\d+ (?:days?|weeks?|months?|jours?|semaines?|mois)\b|\d+\s*(?:日間|週間|か月|ヶ月|カ月|年間)"
    ),
    Kind.LENGTH: re.compile(  # a span of days or years (2015–2016, de 2015 à 2016), or a length (3 hours, 2年間)
        r"\b(?:from|du|de|between|entre) (?:the )?\d{1,2}(?:er|st|nd|rd|th)? (?:to|au|à|a|and|et|until|-|–)"
        r" (?:the )?\d{1,2}\b"
        r"|(?<![\d/.:-])\d{1,2}\s*[-–]\s*\d{1,2}(?![\d/.:-])|\d+日(?:から|[~〜～-])\s*\d+日"
        r"|(?<![\d-])(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?![\d-])"  # not a date written 2018-07-13
        r"|\b(?:from|de|between|entre) (?:\w+ )?(?:19|20)\d\d (?:to|à|a|and|et|until) (?:\w+ )?(?:19|20)\d\d\b"
        r"|(?:19|20)\d\d年(?:\d+月)?から(?:19|20)?\d\d年"
        r"|\b\d+ (?:days?|weeks?|months?|years?|hours?|minutes?|jours?|semaines?|mois|ans|années|heures?)\b"
        r"|\d+\s*(?:日間|週間|か月|ヶ月|カ月|年間|時間|分間)"),
    Kind.TIME: re.compile(r"\d{1,2}\s*(?:h|:)\s*\d{2}|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\b|\d{1,2}時"),
    Kind.ACQUISITION: re.compile(r"\brach[eè]t|\brachat|\bacqui[rs]|\bbought\b|\bpurchase|買収|身売り"),
    Kind.WINNER: re.compile(r"\bw[oi]n(?:ners?)?\b|\bprize|\bgagn|\bvainqueur|\blauréat|\baward|優勝|受賞|勝者|賞"),
    Kind.AREA: re.compile(r"m²|m2\b|\bsquare (?:met|feet|foot)|\bmètres carrés|\bhectares?\b|km²|平方メートル|㎡|坪"),
    Kind.RATE: re.compile(r"%|\bper ?cent|\bpour ?cent|パーセント"),
    Kind.PROCEDURE: re.compile(
        r"\bappl(?:y|ication form)|\bcandidat|\bpostul|\binscri|\bregist|\bprocedure|\bprocédure|\bformulaire"
        r"|申請|応募|申し込|手続|登録|\bjury\b|\bselection (?:process|committee)\b|\bcomité de sélection\b|選考|審査"),
    Kind.ADVICE: re.compile(r"\bbest\b|\bmeilleure?s?\b|\brecommend|\bconseill|おすすめ|オススメ|お勧め|お薦め"),
    Kind.ADDRESS: re.compile(
        r"\b\d{1,4}(?: bis)?,? (?:rue|avenue|boulevard|bd|parvis|place|quai|allée|street|road|avenue)\b"
        r"|\b\d{5} paris\b|〒|丁目|番地"),
    Kind.FOUNDER: re.compile(  # "the campus created by Xavier Niel" says who founded it
        r"\bfound(?:ed|ers?|ing)\b|\bfond(?:é|ée|és|ées) par\b|\bfondat(?:eur|rice)|\ba fondé|創業|設立|創設|創立"
        r"|\bcreated by\b|\bcréée?s? par\b|立ち上げた|が作った|が創った|がつくった|がつくり|が始めた"),
    Kind.EXISTED: _BEGAN,
    Kind.BEGAN: _BEGAN,
    Kind.AGE: re.compile(
        r"\d+\s*(?:ans|years?|year-old|歳|才|周年)|\d+\s*(?:e|th|ème)\s*anniversa|\b(?:â|a)gée? de\b|\baged\b"),
    Kind.YEARS: re.compile(  # two different years (June 2013 … 2018), or a span of years given (160th anniversary)
        r"(?<!\d)((?:19|20)\d\d)(?!\d).*?(?<!\d)(?!\1)(?:19|20)\d\d(?!\d)"
        r"|\d+\s*(?:ans|years?|周年|年間|年ぶり)|\d+\s*(?:e|th|ème)\s*anniversa", re.DOTALL),
    Kind.AUTHOR: re.compile(
        r"\b(?:written|drafted) by\b|\bauthors?\b|\bwriter\b|\bjournalist|\b(?:écrite?|rédigée?) par\b|\bauteure?s?\b"
        r"|\bsous la plume\b|記者|筆者|著者|執筆"),
    Kind.UNTIL: re.compile(
        r"\buntil\b|\btill\b|\bthrough\b|\bjusqu(?:'|’)|\d+\s*(?:–|-|au|to)\s*\d+|まで|終了|閉幕|\bended\b|\bclosed\b"
        r"|\bs(?:'|’)est (?:terminée?|achevée?)"),
    Kind.BEFORE: re.compile(
        r"\bbefore (?:joining|becoming|entering)\b|\bpreviously\b|\bformerly\b|\bprior to\b|\bcareer\b"
        r"|\bauparavant\b|\bavant (?:d'|d’|de )(?:entrer|rejoindre|devenir)|\bcarrière\b|以前|前職|経歴"),
    Kind.CONSTITUENCY: re.compile(
        r"\bconstituency\b|\bcirconscription\b|\bélue? (?:de|dans)\b|\belected\b|選挙区|選出"),
    Kind.SPEECH: re.compile(  # words quoted, or reported with a verb of saying (not "according to", which says
        # where any fact comes from: "according to La Ruche, the campus founded by Niel")
        r"[«“「\"]|\b(?:said|says|say|stated|states|declared|told|tells|quoted|welcomed|discussed|explained|believes"
        r"|argued|argues|warned|called for|agreed|spoke|praised)\b|\b(?:a|ont) (?:dit|déclaré|affirmé)\b"
        r"|\bselon (?:lui|elle)\b|\b(?:dit|dire|disent|déclaré|déclare|estime|estimé|affirme|affirmé|salué|saluent"
        r"|explique|expliqué|échangé|parlé|évoqué|convenu|mis d['’]accord|souligné|appelé à)\b"
        r"|述べ|語っ|語り|と?話し|言っ|言う|歓迎|意見を交わ|考え|一致|発言|強調|表明"),
    Kind.FILE: re.compile(r"\bpdf\b|\bdownload|\bt[ée]l[ée]charg|ダウンロード|https?://"),
    Kind.PENALTY: re.compile(r"\bpenalt|\bsanction|\bpunish|\bpénalit|\bamende|罰|制裁"),
    Kind.TAX: re.compile(r"\btax|\bfiscal|\bimpôt|税"),
    Kind.EQUITY: re.compile(  # not "will share their networks"
        r"\bequity\b|\bstakes? in\b|\bshares? (?:in|of)\b|\bshareholder|\bcapital social\b|\bactionna"
        r"|株式|株を|持ち株"),
    Kind.LANGUAGE: re.compile(  # a text written, drafted or published in a language (not "in French « its title »")
        r"\b(?:written|drafted|published|issued|available|signed|is|was) (?:only |both )?in "
        r"(?:english|french|japanese)\b"
        r"|\b(?:rédigée?s?|écrite?s?|publiée?s?|disponibles?|signée?s?|est) (?:uniquement |seulement )?en "
        r"(?:anglais|français|japonais)\b"
        r"|(?:英語|フランス語|仏語|日本語|両言語)(?:で|により)(?:書|作成|起草|発表|公表|署名)|(?:英語|フランス語|日本語)版"),
    Kind.LEGAL: re.compile(
        r"\blegally\b|\bbinding\b|\blegal (?:force|value|effect|status)\b|\bjuridiquement\b|\bcontraignante?s?\b"
        r"|\b(?:valeur|portée|force) juridique\b|拘束力|法的"),
    Kind.FREQUENCY: re.compile(  # how often: every year, twice a year, annual, tous les ans, 毎年, 年に2回
        r"\b(?:every|each) (?:\w+ )?(?:days?|weeks?|months?|years?|quarters?)\b"
        r"|\b(?:once|twice|\w+ times) (?:a|an|per|each)\b"
        r"|\b(?:annual|annually|yearly|monthly|weekly|biennial|quarterly|regularly)\b"
        r"|\b(?:tous|toutes) les (?:\w+ )?(?:jours|semaines|mois|ans|années|annees)\b"
        r"|\bchaque (?:jour|semaine|mois|an|année|annee)\b|\b(?:une|deux|\d+) fois par\b|\bpar (?:an|mois|semaine)\b"
        r"|\b(?:annuel|annuelle|annuels|annuelles|mensuel\w*|hebdomadaire\w*|régulièrement)\b"
        r"|毎(?:年|月|週|日)|(?:年|月|週)に(?:\d+|[一二三四])(?:回|度)|年\d+回|隔年|定期的"),
    Kind.TITLE: re.compile(r"«[^»]{8,}»|“[^”]{8,}”|「[^」]{8,}」|『[^』]{8,}』"),  # a title quoted whole
    Kind.REFUSAL: _REFUSAL,
}
# A text that says something ("the La Ruche article says", « l'article indique », 記事によると) reports what is written,
# not words someone said: no speech, however close to the speaker's name.
_SAID_BY_A_TEXT = re.compile(
    r"\b(?:article|piece|report|press release|release|summary|overview|text|declaration|statement|website|page"
    r"|story|source|faq)s?\s+(?:also\s+)?(?:says|said|states|stated|writes|wrote|reports|reported)\b"
    r"|\b(?:l['’]\s*article|le (?:communiqué|texte|résumé|site|papier)|la (?:déclaration|page|dépêche|source))"
    r"\s+(?:dit|disait|indique|indiquait|affirme|écrit|rapporte|précise)\b"
)
# A place: a capitalised word (Paris, Station F), or a Japanese place name / place word.
_PLACE = re.compile(r"\b[A-ZÉ][\w\-éè]+|パリ|東京|フランス|日本|[\u4e00-\u9fff](?:都|市|区|県|館|会場)")




# "when" / « quand » opening a time clause after another question word ("what does the article mean when it says…",
# "who did Muto meet when he was in Paris?", « qu'a dit Muto quand il a signé ? »): the clause dates what is asked,
# it asks no date. A when-question puts a verb after it ("and when did it open?", « et quand a-t-il ouvert ? »).
_WHEN_CLAUSES = (
    re.compile(r"\b(?:what|who|whom|whose|which|where|why|how)\b[^?？]*?"
               r"(?<!about )(?<!know )(?<!knows )(?<!since )(?<!\bon )(?<!\bof )\b(when)\s+"
               r"(?=(?:he|she|it|they|we|you|i|the|a|an|his|her|their|its|this|that|these|those)\b)"),
    re.compile(r"(?:\bque\b|\bqu['’]|\bquoi\b|\bqui\b|\bquel|\bcomment\b|\bpourquoi\b|(?<!\w)où\b)[^?？]*?"
               r"(?<!\bsur )(?<!\bde )(?<!depuis )(?<!savoir )(?<!sait )\b(quand)\s+"
               r"(?=(?:il|elle|ils|elles|on|le|la|les|l['’]|j['’]|je|tu|nous|vous)\b)"),
    re.compile(r"\b(when)\s+it\s+(?:comes|came)\s+to\b"),  # "short of … when it comes to new ideas": "as for"
)
# What a source writes ("the article says", 記事は…と書いて, « selon le papier »): what it tells came after is in it
_SOURCE_TELLS = re.compile(
    r"記事(?:は|で|に|によると|によれば)|筆者|書き手|書いて|書かれて"
    r"|\b(?:article|papier|blog|dispatch|release|communiqué|piece)\b.{0,40}\b(?:says?|said|writes?|wrote|report(?:s|ed)?"
    r"|dit|écrit|raconte|rapporte)\b"
    r"|\b(?:according to|selon|d['’]après)\b.{0,20}\b(?:article|papier|blog|dispatch|release|communiqué|piece)\b")
_LATER_YEAR = re.compile(r"(?<!\d)20(?:19|[2-9]\d)(?!\d)")  # a year after the corpus's: after it, whoever tells it
_ASKED = Screens(_QUESTION)  # each searched only when the question holds one of its literals
_DURATION_ASKED = Screened(DURATION)
# How long a thing lasted (Kind.LENGTH): a question of a duration, with a verb of lasting, not of the time elapsed
# since something ("depuis combien de temps", "how long ago", 経って: the dates it began and ended at tell those).
_HOW_LONG = Screened(re.compile(
    r"\bhow long\b|\bcombien de temps?\b|\bpendant combien\b|\bhow many (?:hours|minutes)\b|\bcombien d['’]heures\b"
    r"|\bcombien de minutes\b|\bduration\b|\bdurée\b|どのくらい|どれくらい|どれほど|何時間|何分(?!野)|所要時間"))
_LASTING = Screened(re.compile(
    r"\b(?:last|lasts|lasted|lasting|take|takes|took|taken)\b(?! place)|\bin force\b|\bduration\b"
    r"|\bdur(?:e|é|ée|ent|er|era|ait|aient|èrent)\b|\bdurée\b|\ben vigueur\b"
    r"|続い|続き|続く|かか|有効|所要|何時間|何分(?!野)"))
_ELAPSED = Screened(re.compile(
    r"\bsince\b|\bago\b|\bafter\b|\bbeen\b|\bdepuis\b|\bil y a\b|\baprès\b|経っ|経過|たって|前|後"))


@lru_cache(maxsize=FOLDED_KEPT)
def fold(text: str) -> str:
    """NFKC and case folded: how question and passage patterns (kinds, evidence, lead) read a text (the last
    ones kept: the passages cited for one question are read again for the next)."""
    return unicodedata.normalize("NFKC", text).casefold()


def asked_kinds(question: str) -> frozenset[Kind]:
    """The kinds of answer ``question`` asks for ("how much did it cost" asks for money, not a count)."""
    folded = standard_interrogatives(fold(question))
    kinds = _ASKED.matching(folded)
    if Kind.PERSON not in kinds and _PERSON_NOUN_ASKED.search(folded):
        kinds.add(Kind.PERSON)
    if Kind.DATE in kinds and _QUESTION[Kind.DATE].search(_without_when_clauses(folded)) is None:
        kinds.discard(Kind.DATE)  # "what did Muto say when he signed?": a time clause, not a when-question
    if Kind.MONEY in kinds:
        kinds.discard(Kind.COUNT)
    if _DAY_OF_MONTH.search(folded):  # « le combien ? »: which day of the month, not a count
        kinds = (kinds - {Kind.COUNT}) | {Kind.DATE}
    if _DURATION_ASKED.search(folded):  # "how long": a span and the dates it ran between, not a count
        kinds.discard(Kind.COUNT)
        kinds |= {Kind.DATE, Kind.DURATION}
    if Kind.YEARS in kinds:  # "how many years between A and B": their dates answer it, not a count or a duration
        kinds -= {Kind.COUNT, Kind.DURATION}
        kinds.add(Kind.DATE)
    if _HOW_LONG.search(folded) and _LASTING.search(folded) and not _ELAPSED.search(folded):
        kinds = (kinds | {Kind.LENGTH}) - {Kind.COUNT}  # "how long did it last?", どのくらい続いた: a length or
        # the two ends it ran between, not a count
    if Kind.TIME in kinds:
        kinds.discard(Kind.DATE)
    if Kind.TITLE in kinds and TITLE_GIVEN.search(folded):  # « sous quel titre l'article présente-t-il Muto ? »:
        kinds.discard(Kind.TITLE)  # the title a text gives a person (a role), not the text's own
    if Kind.PLACE in kinds and _JA_BODY_ASKED.search(folded):  # 関わった省庁はどこ, どこの国のスタートアップ:
        kinds.discard(Kind.PLACE)  # a body or a country named, not where something is ("パリで" answers no ministry)
    if kinds & {Kind.PLACE, Kind.ADVICE} and _WEB_ASKED.search(folded):  # "where can I find the embassy's page?
        kinds -= {Kind.PLACE, Kind.ADVICE}  # link pls": an address on the web, which a source's section gives
    if Kind.DATE in kinds and Kind.EXISTED not in kinds and _BEGINNING.search(folded):
        kinds.add(Kind.BEGAN)  # "when did French Tech start?": the quote dating its start leads
    if Kind.EXISTED in kinds:  # « ça existe depuis 2015 ? »: since when, not what came after
        kinds.discard(Kind.LATER)
    if Kind.YEARS in kinds and _THEN.search(folded):  # « combien d'années s'étaient écoulées depuis le traité au
        kinds.discard(Kind.LATER)  # moment de l'accord ? »: the years up to a time the corpus tells of, not since then
    if Kind.LATER in kinds and _SOURCE_TELLS.search(folded) and not _LATER_YEAR.search(folded):
        kinds.discard(Kind.LATER)  # 記事はその後どうなったと書いていますか: what a 2018 source tells came after
    if kinds & _TIMES_ASKED and (asked := _asking_part(folded)) != folded:
        kinds -= {kind for kind in _TIMES_ASKED if not _ASKED.patterns[kind].search(asked)}  # "which district?
        # going there next week": the member's own plans, said after the question, ask nothing after the corpus
    return frozenset(kinds)


_DAY_OF_MONTH = re.compile(r"\b(?:le|du|au) combien\b(?!\s+(?:de|d['’]|des)\b)")  # « c'était le combien ? »
# The title a text gives someone ("what job title does La Ruche give Mahjoubi?", « sous quel titre l'article
# présente-t-il Muto ? », « La Ruche lui donne quel titre ? »): a role (bot.search.lead reads it as asked).
TITLE_GIVEN = re.compile(
    r"\b(?:job title|titre|title)s?\b.{0,60}?\b(?:donne|présente|attribue|prête|give|gives|gave|call|calls)\b"
    r"|\b(?:donne|présente|attribue|prête|give|gives|gave)\b.{0,60}?\b(?:job title|titre|title)s?\b")
_JA_BODY_NOUNS = r"(?:役所|省庁|省|機関|組織|ソース|メディア|会社|企業|団体|通信社|媒体|放送局|国)"
_JA_BODY_ASKED = re.compile(rf"{_JA_BODY_NOUNS}(?:は|って)\s*どこ|どこの{_JA_BODY_NOUNS}")
_WEB_ASKED = re.compile(r"\b(?:links?|urls?|web ?pages?|pages?|liens?|page web)\b|リンク|url|ページ")
_TIMES_ASKED = frozenset({Kind.LATER, Kind.PRESENT})  # asked only in the part of a message that asks
STATEMENT_WORDS = 3  # words after the last question mark that make a statement of the member's ("going there next
# week"), not a question typed without its mark ("and now")
_AFTER_LAST_QUESTION = re.compile(r"[?？](?!.*[?？])(.*)$", re.DOTALL)


def person_by_noun(question: str) -> bool:
    """``question`` asks for a person only by the noun for one ("which Japanese minister…?"), with no who-word: the
    role it names is how the member describes the person, not an office they ask the holder of."""
    folded = standard_interrogatives(fold(question))
    return _QUESTION[Kind.PERSON].search(folded) is None and _PERSON_NOUN_ASKED.search(folded) is not None


def _asking_part(folded: str) -> str:
    """``folded`` up to its last question mark when what follows is a statement (a sentence of STATEMENT_WORDS
    words or more asking no other kind: "going there next week"), not a question without its mark ("and now")."""
    after = _AFTER_LAST_QUESTION.search(folded)
    if after is None or len(after.group(1).split()) < STATEMENT_WORDS or _ASKED.matching(after.group(1)) - _TIMES_ASKED:
        return folded
    return folded[:after.start(1)]


def _without_when_clauses(folded: str) -> str:
    """``folded`` with the "when" / « quand » that open a time clause blanked out (see _WHEN_CLAUSES)."""
    for pattern in _WHEN_CLAUSES:
        folded = pattern.sub(lambda m: m.group()[:m.start(1) - m.start()] + " " * len(m.group(1))
                             + m.group()[m.end(1) - m.start():], folded)
    return folded


def years_across(texts: Iterable[str]) -> bool:
    """The quotes together date two different years: "how many years before the signing did French Tech start?" is
    answered by "started at the end of 2013" beside "signed on 13 July 2018" (the member subtracts), though neither
    quote holds both (``holds`` of Kind.YEARS asks one passage for two years or a span)."""
    return len({m.group() for text in texts for m in A_YEAR.finditer(text)}) > 1


@lru_cache(maxsize=HELD_KEPT)
def holds(kind: Kind, text: str) -> bool:
    """True when ``text`` (a passage, as written) holds an answer of this kind."""
    if kind in (Kind.PRESENT, Kind.LATER):
        return False
    if kind is Kind.PERSON:  # a capitalised word is no person (Paris, Friday): the retriever asks bot.search.people
        raise ValueError("a person is found by bot.search.people, with the language's word lists")
    if kind is Kind.PLACE:
        return bool(_PLACE.search(text))
    folded = fold(text)
    if kind is Kind.SPEECH:
        folded = _SAID_BY_A_TEXT.sub(" ", folded)
    return bool((_count() if kind is Kind.COUNT else _PASSAGE[kind]).search(folded))


def began(text: str) -> bool:
    """True when ``text`` (a passage, as written) tells the year a thing began: how old it was is read from it."""
    return bool(_BEGAN.search(fold(text)))
