"""A moderator's mistakes: a newcomer reusing a served id, many problems in one file, misspelt keys,
``language: EN``, a text in another language, and passage ids that survive an inserted paragraph."""

from __future__ import annotations

import os
import time
from pathlib import Path

from knowledge_data import faq, front, write

from bot.assistant import Assistant
from bot.knowledge.about import is_about_source
from bot.knowledge.ids import legacy_ids
from bot.knowledge.loader import Served, load_knowledge, shrinkage

SERVED = front("# Facts\n\nFirst fact.\n\nSecond fact.\n\nThird fact.\n", id="lemoci-en")
GLOSSARY = "type: glossary\nterms:\n" + "".join(
    f"  - id: term-{n}\n    terms: [term {n}, terme {n}]\n" for n in range(1, 64)
)


def _age(path: Path, seconds: float) -> None:
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_a_newcomer_reusing_a_served_id_is_refused_and_named(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/lemoci.md": SERVED, "glossary.yaml": GLOSSARY})
    _age(root / "en" / "lemoci.md", 3600)
    _age(root / "glossary.yaml", 3600)
    write(root, {  # sorted before the served files, newer
        "en/0-notes.md": front("A note.\n", id="lemoci-en"),
        "0-glossary.yaml": "type: glossary\nterms:\n  - id: term-5\n    terms: [five, cinq]\n",
    })
    kb = load_knowledge(root)
    assert [str(e) for e in kb.errors] == [
        '0-glossary.yaml:3: glossary id "term-5" is already used in glossary.yaml; use another id '
        "(this file was not loaded)",
        'en/0-notes.md:2: the id "lemoci-en" is already used by en/lemoci.md; give this file another id '
        "(it was not loaded)",
    ]
    assert [(d.id, d.path, d.passage_count) for d in kb.documents] == [("lemoci-en", "en/lemoci.md", 3)]
    assert len(kb.glossary) == 63


def test_the_served_file_wins_even_when_the_newcomer_is_older(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/lemoci.md": SERVED, "en/0-old.md": front("Old copy.\n", id="lemoci-en")})
    _age(root / "en" / "0-old.md", 7200)  # e.g. restored from a backup with its old date
    served = Served(documents={"lemoci-en": "en/lemoci.md"})
    kb = load_knowledge(root, served)
    assert [d.path for d in kb.documents] == ["en/lemoci.md"]
    assert [e.path for e in kb.errors] == ["en/0-old.md"]
    assert [d.path for d in load_knowledge(root).documents] == ["en/0-old.md"]  # without it: the older file


async def test_a_reload_names_what_it_lost(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/lemoci.md": SERVED, "glossary.yaml": GLOSSARY, "en/other.md": front(id="other")})
    assistant = Assistant.from_directory(root)
    try:
        (root / "en" / "lemoci.md").unlink()
        (root / "glossary.yaml").write_text(GLOSSARY.split("  - id: term-3")[0], encoding="utf-8")
        result = await assistant.reload()
        assert result.swapped
        assert result.dropped == ["lemoci-en: 3 passages before, 0 now", "glossary: 63 entries before, 2 now"]
        again = await assistant.reload()
        assert again.dropped == []
    finally:
        assistant.close()
    before = load_knowledge(write(tmp_path / "b", {"a.md": SERVED}))
    assert shrinkage(before, before) == []


def test_every_problem_of_a_file_in_one_load(tmp_path: Path) -> None:
    bad = "---\nid: Bad Id\ntitle: T\nlanguage: xx\nsource: ftp://x\ntags: [a, [b]]\n---\n"
    kb = load_knowledge(write(tmp_path, {"bad.md": bad}))
    assert [(e.line, e.message.split(" (")[0].split(":")[0]) for e in kb.errors] == [
        (1, "the document has no passages"),
        (2, '"id" may only use lowercase letters a-z, digits and hyphens, starting with a letter or digit'),
        (4, '"language" must be one of fr, en, ja'),
        (5, '"source" must be a web address starting with http'),
        (6, '"tags" must be a list of texts, like [first, second]'),
    ]
    faq = (
        "type: faq\nid: f\ntitle: F\nlanguage: en\nsource: https://e.org\nentries:\n"
        "  - questions: [A?]\n  - answer: B\n  - questions: [C?]\n    answer: D\n    source: nope\n"
    )
    kb = load_knowledge(write(tmp_path / "faq", {"faq.yaml": faq}))
    assert [(e.line, e.message[:24]) for e in kb.errors] == [
        (7, 'entry 1 has no "answer" '),
        (8, 'entry 2 has no "question'),
        (11, '"source" must be a web a'),
    ]


def test_misspelt_keys_get_a_did_you_mean(tmp_path: Path) -> None:
    faq = (
        "type: faq\nid: f\ntitel: F\nlanguage: en\nsource: https://e.org\nentries:\n"
        "  - question: [Who signed?]\n    anwser: The ministers.\n"
    )
    kb = load_knowledge(write(tmp_path, {"faq.yaml": faq}))
    assert [str(e) for e in kb.errors] == [
        'faq.yaml:3: unknown key "titel": did you mean "title"?',
        'faq.yaml:7: unknown key "question": did you mean "questions"?',
        'faq.yaml:8: unknown key "anwser": did you mean "answer"?',
    ]
    kb = load_knowledge(write(tmp_path / "g", {"g.yaml": "type: glossary\nterms:\n  - id: x\n    term: [a, b]\n"}))
    assert [str(e) for e in kb.errors] == ['g.yaml:4: unknown key "term": did you mean "terms"?']


def test_an_unknown_key_far_from_any_is_a_warning_and_the_file_loads(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {"a.md": front(author="Me")}))
    assert kb.errors == [] and [d.id for d in kb.documents] == ["doc"]
    assert [str(w) for w in kb.warnings] == [
        'a.md:6: unknown key "author" is ignored (known keys: id, title, language, source, date, tags, aliases, '
        "group, translation_of)"
    ]


def test_a_bad_date_and_tags_in_one_text_are_warnings_and_the_file_loads(tmp_path: Path) -> None:
    """Trial 6 D12: "date: 13/07/2018" and "tags: a, b" loaded without a word; optional keys, so warned, not refused."""
    files = {
        "a.md": front(date="13/07/2018", tags="declaration, signing"),
        "b.md": front(id="b", date="'2018-02-30'"),
        "c.md": front(id="c", date="2018-07-13", tags="[declaration, signing]"),
        "d.md": front(id="d", date="2018-7"),
        "faq.yaml": faq("\n  - questions: [Who signed?]\n    answer: The ministers.\n    tags: people, names\n"),
    }
    kb = load_knowledge(write(tmp_path, files))
    assert kb.errors == [] and [d.id for d in kb.documents] == ["doc", "b", "c", "d", "f"]
    ignored = "it is ignored until fixed"
    assert [str(w) for w in kb.warnings] == [
        f'a.md:6: "date" must be written year-month-day, like 2018-07-13 (got "13/07/2018"): {ignored}',
        'a.md:7: "tags" is one text ("declaration, signing"), so a single tag: for several tags write a list in '
        "brackets, like [declaration, signing]",
        f'b.md:6: "date" must be written year-month-day, like 2018-07-13 (got "2018-02-30"): {ignored}',
        'faq.yaml:9: "tags" is one text ("people, names"), so a single tag: for several tags write a list in '
        "brackets, like [people, names]",
    ]
    assert [d.date for d in kb.documents] == [None, None, "2018-07-13", "2018-7", None]


def test_language_is_case_insensitive(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {"a.md": front(language="EN"), "b.md": front(id="b", language=" Fr ")}))
    assert kb.errors == []
    assert [d.language for d in kb.documents] == ["en", "fr"]


def test_a_regional_language_tag_names_its_language(tmp_path: Path) -> None:
    """Trial 7's T8: a moderator who copies ``en-US`` or ``fr_FR`` means the language; ``de-DE`` is still refused."""
    kb = load_knowledge(write(tmp_path, {
        "a.md": front(language="en-US"), "b.md": front(id="b", language="fr_FR"),
        "c.md": front(id="c", language="ja-JP"), "d.md": front(id="d", language="de-DE"),
    }))
    assert [d.language for d in kb.documents] == ["en", "fr", "ja"]
    assert [str(e) for e in kb.errors] == ['d.md:4: "language" must be one of fr, en, ja (got "de-DE")']


def test_a_text_in_another_language_is_refused(tmp_path: Path) -> None:
    french = (
        "La déclaration conjointe a été signée à Paris le 13 juillet 2018 par les ministres des deux pays. "
        "Elle porte sur l'innovation et l'économie numérique, avec des échanges entre les start-up et les "
        "instituts de recherche de la France et du Japon, dans le cadre de la coopération bilatérale.\n"
    )
    japanese = "日仏共同声明は2018年7月13日にパリで署名されました。デジタル経済の分野での協力を定めています。" * 5
    kb = load_knowledge(write(tmp_path, {
        "en/wrong.md": front(french, id="wrong"),
        "fr/right.md": front(french, id="right", language="fr"),
        "ja/right.md": front(japanese + "\n", id="right-ja", language="ja"),
        "en/ja.md": front(japanese + " Station F and J-Startup.\n", id="ja-in-en"),
    }))
    assert [d.id for d in kb.documents] == ["right", "right-ja"] and kb.warnings == []
    assert [str(e) for e in kb.errors] == [
        'en/ja.md:4: the text reads as Japanese but "language" says en: write "language: ja" (or put the English '
        "text here); the file was not loaded",
        'en/wrong.md:4: the text reads as French but "language" says en: write "language: fr" (or put the English '
        "text here); the file was not loaded",
    ]


def test_one_paragraph_in_another_language_is_refused_when_clear(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {
        "fr/one.md": front("The declaration was signed in Paris on 13 July 2018 by the ministers of the two "
                           "countries.\n", id="one", language="fr"),
        "fr/short.md": front("Station F, Paris.\n", id="short", language="fr"),  # too short to judge
        "en/right.md": front("The declaration was signed in Paris on 13 July 2018 by the ministers.\n", id="right"),
        "fr/names.md": front("Delphine Gény-Stephann et Mounir Mahjoubi pour la France, Yoji Muto pour le Japon.\n",
                             id="names", language="fr"),
    }))
    assert [str(e) for e in kb.errors] == [
        'fr/one.md:4: the text reads as English but "language" says fr: write "language: en" (or put the French '
        "text here); the file was not loaded",
    ]
    assert sorted(d.id for d in kb.documents) == ["names", "right", "short"]


def test_passage_ids_survive_an_inserted_paragraph(tmp_path: Path) -> None:
    body = "# Signing\n\nSigned in Paris.\n\nOn 13 July 2018.\n\n# People\n\nTwo ministers.\n"
    before = load_knowledge(write(tmp_path / "a", {"d.md": front(body)})).passages
    edited = body.replace("# Signing\n\n", "# Signing\n\nA new introduction.\n\n").replace(
        "Two ministers.", "Two\nministers."  # re-wrapped, same words
    )
    after = load_knowledge(write(tmp_path / "b", {"d.md": front(edited)})).passages
    assert [p.id for p in before] == ["doc#signing-53b673", "doc#signing-37e4b0", "doc#people-f6c44e"]
    assert {p.id: p.text for p in before}.items() <= {p.id: " ".join(p.text.split()) for p in after}.items()
    assert len(after) == 4
    changed = load_knowledge(write(tmp_path / "c", {"d.md": front(body.replace("Paris", "Tokyo"))})).passages
    assert changed[0].id != before[0].id and changed[1].id == before[1].id
    assert legacy_ids(before) == {"doc#1": before[0].id, "doc#2": before[1].id, "doc#3": before[2].id}


def test_identical_passages_get_distinct_ids(tmp_path: Path) -> None:
    kb = load_knowledge(write(tmp_path, {"d.md": front("Same.\n\nSame.\n")}))
    first, second = (p.id for p in kb.passages)
    assert second == first + "-2"


def test_japanese_passage_ids_keep_their_dakuten_and_old_ids_are_renamed_in_the_log(tmp_path: Path) -> None:
    import sqlite3

    from bot.knowledge.ids import old_ids
    from bot.querylog import schema
    from bot.querylog.renames import rename_in_file

    body = "# 署名したのは誰ですか\n\n武藤容治経済産業副大臣です。\n\n# スタートアップ\n\n9社です。\n"
    kb = load_knowledge(write(tmp_path, {"ja.md": front(body, id="faq-ja", language="ja")}))
    slugs = [p.id.split("#")[1].rsplit("-", 1)[0] for p in kb.passages]
    assert slugs == ["署名したのは誰ですか", "スタートアップ"]  # not 誰てすか, スタートアッフ
    db = tmp_path / "q.db"
    schema.migrate(db)
    was = kb.passages[0].id.replace("で", "て")  # as logged before: the dakuten stripped
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO questions (qid, ts, frontend, question, language, answered, latency_ms)"
                     " VALUES ('q', 0, 'cli', '誰？', 'ja', 1, 1.0)")
        conn.execute("INSERT INTO citations (qid, rank, passage_id, score) VALUES ('q', 1, ?, 1.0)", (was,))
    assert old_ids(kb.passages)[was] == kb.passages[0].id
    assert rename_in_file(db, old_ids(kb.passages)) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT passage_id FROM citations").fetchall() == [(kb.passages[0].id,)]


def test_a_section_about_the_source_after_the_facts_is_warned_and_the_file_loads(tmp_path: Path) -> None:
    """A moderator who writes « # About this source » last, then adds a fact at the end of the file, would see that
    fact quoted only for questions about the source: the check says so, naming the line."""
    last = front("# Facts\n\nFirst fact.\n\n# About this source\n\nThe site's headline.\n\nA fact added later.\n")
    first = front("# About this source\n\nThe site's headline.\n\n# Facts\n\nFirst fact.\n", id="b")
    kb = load_knowledge(write(tmp_path, {"a.md": last, "b.md": first}))
    assert kb.errors == [] and [d.id for d in kb.documents] == ["doc", "b"]
    assert [str(w) for w in kb.warnings] == [
        'a.md:13: the section "About this source" should be the first of the file: what follows it is quoted only '
        "for questions about the source"
    ]


def test_facts_hidden_under_a_section_about_the_source_are_warned(tmp_path: Path) -> None:
    """A fact written below « # A propos de cette source : » (no accent, a colon) before any new heading, or a file
    holding only that section, would be quoted only for questions about the source: the check says where."""
    second = front("# A propos de cette source :\n\nLe titre du site.\n\nUn fait sans titre.\n\n# Faits\n\nUn fait.\n",
                   language="fr")
    alone = front("# About the source\n\nThe site's headline.\n", id="b")
    kb = load_knowledge(write(tmp_path, {"a.md": second, "b.md": alone}))
    assert kb.errors == [] and [d.id for d in kb.documents] == ["doc", "b"]
    assert [str(w) for w in kb.warnings] == [
        'a.md:11: the section "A propos de cette source :" holds a second paragraph: put the facts under a heading '
        "of their own, or they are quoted only for questions about the source",
        'b.md:9: the file holds only the section "About the source": nothing in it answers a question about the '
        "facts",
    ]


def test_an_articles_subheadings_after_its_headline_are_about_the_source_too(tmp_path: Path) -> None:
    """« # Les intertitres de cette source » right after « # À propos de cette source »: a second section about the
    source, no fact hidden (no warning), and both are sections about the source."""
    text = front("# À propos de cette source\n\nLe titre du site.\n\n# Les intertitres de cette source\n\nSes "
                 "intertitres.\n\n# Faits\n\nUn fait.\n", language="fr")
    kb = load_knowledge(write(tmp_path, {"a.md": text}))
    assert kb.errors == [] and kb.warnings == []
    assert [is_about_source(p.heading) for p in kb.passages] == [True, True, False]
