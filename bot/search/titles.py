"""Titles and honorifics that go with a person's name: their one home (data, per language).

Read by bot.search.people (who a passage names), bot.search.lead (the person a yes/no question supposes) and
bot.search.evidence (a titled name a Japanese question gives must be cited).
"""

from __future__ import annotations

# Titles and honorifics written before or after a name (folded; a final "s" is also read: "ministers").
TITLES: dict[str, frozenset[str]] = {
    "en": frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "president", "minister", "vice-minister", "secretary",
                     "ambassador", "ceo", "founder", "director", "chairman", "chairwoman", "chair", "mayor",
                     "governor", "king", "queen", "emperor", "premier", "senator", "deputy", "chancellor",
                     "professor", "prof", "spokesman", "spokeswoman"}),
    "fr": frozenset({"m", "m.", "mme", "mlle", "mr", "dr", "président", "présidente", "ministre", "vice-ministre",
                     "secrétaire", "ambassadeur", "ambassadrice", "pdg", "fondateur", "fondatrice", "directeur",
                     "directrice", "maire", "gouverneur", "roi", "reine", "empereur", "premier", "sénateur",
                     "sénatrice", "député", "députée", "chancelier", "professeur", "porte-parole"}),
}
LEADERS = frozenset({"head", "chief", "boss", "leader", "chef", "dirigeant", "dirigeante", "patron", "patronne",
                     "responsable"})  # who leads something, besides the titles: "the head of JETRO"
JA_TITLES = ("閣外大臣", "副大臣", "大臣", "首相", "大統領", "長官", "会長", "理事長", "社長", "総裁", "議長", "知事",
             "市長", "大使")
JA_HONORIFICS = ("氏", "さん", "様")
