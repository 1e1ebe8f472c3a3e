import pytest

from bot.cli.terminal import answer_text
from bot.discord_front import embeds
from bot.models import Answer, Citation, Document
from bot.render import COMPACT_CHARS, escape_markdown, highlight, render_about, render_markdown, whole_blocks
from bot.search.retriever import Retriever
from bot.search.snippets import word_spans


def citation(n: int, snippet: str = "Yoji Muto signed in Paris.", **kw) -> Citation:
    values = dict(
        n=n,
        doc_id="doc",
        passage_id=f"doc#{n}",
        title="The declaration",
        source="https://lemoci.com/x",
        language="en",
        snippet=snippet,
        score=3.0,
        highlights=((0, 9),),
    )
    values.update(kw)
    return Citation(**values)


def test_the_answer_comes_first_then_its_source_without_ids():
    text = render_markdown(Answer("who", "en", True, [citation(1)], summary="Yoji Muto signed in Paris."))
    quote, source = text.split("\n")
    assert quote == "> **Yoji Muto** signed in Paris."
    assert source == "**[1]** *The declaration* · [lemoci.com](https://lemoci.com/x)"
    assert "doc#1" not in text


def test_a_passage_in_another_language_is_marked_and_announced():
    answer = Answer("qui ?", "fr", True, [citation(1)])
    text = render_markdown(answer)
    assert text.startswith("Mes sources ne le disent qu’en anglais :\n> ")
    assert text.endswith("(https://lemoci.com/x) · EN")


def test_abstention_renders_the_honest_message_in_the_question_language():
    assert "13 juillet 2018" in render_markdown(Answer("météo ?", "fr", False))
    assert "2018年7月13日" in render_markdown(Answer("天気", "ja", False))


def test_markdown_and_pings_in_snippets_are_neutralised():
    escaped = escape_markdown("**bold** [link](http://evil) @everyone <@123>")
    assert "**" not in escaped.replace("\\*", "")
    assert "\\[link\\](http://evil)" in escaped
    assert "@everyone" not in escaped and "@\u200beveryone" in escaped


def test_highlight_merges_overlapping_spans():
    assert highlight("abcdef", ((0, 2), (1, 4), (10, 12))) == "**abcd**ef"


def test_answers_stay_short_by_dropping_whole_later_sources():
    answer = Answer("q", "en", True, [citation(i, "word " * 60) for i in (1, 2, 3)])
    full = render_markdown(answer, max_chars=4096)
    short = render_markdown(answer)
    assert len(full) > COMPACT_CHARS >= len(short)
    assert short.count("**[") == 2 and short.rstrip().endswith("[lemoci.com](https://lemoci.com/x)")
    assert full.startswith(short)


def test_a_single_oversized_citation_keeps_its_source_line():
    answer = Answer("q", "en", True, [citation(1, "x" * 5000, highlights=())])
    text = render_markdown(answer, max_chars=500)
    assert len(text) <= 500
    assert text.endswith("…\n**[1]** *The declaration* · [lemoci.com](https://lemoci.com/x)")


def test_non_http_sources_are_not_linked():
    text = render_markdown(Answer("q", "en", True, [citation(1, source="javascript:alert(1)")]))
    assert "javascript" not in text


def test_a_source_address_with_brackets_is_still_a_link():
    # attack19: moderators paste addresses such as Wikipedia's ".../Penguin_(bird)"; `knowledge check` accepts them,
    # but the answer showed the source's title with no link at all, and /about the address as plain text
    wiki = "https://en.wikipedia.org/wiki/Penguin_(bird)"
    text = render_markdown(Answer("q", "en", True, [citation(1, source=wiki)]))
    assert text.endswith("**[1]** *The declaration* · [en.wikipedia.org](https://en.wikipedia.org/wiki/Penguin_%28bird%29)")
    about = render_about([Document("d", "Penguins", "en", wiki, "en/d.md")], 90, "en")
    assert about[-1] == "• [Penguins](<https://en.wikipedia.org/wiki/Penguin_%28bird%29>)"


def test_whole_blocks_keeps_leading_blocks_that_fit_whole():
    assert whole_blocks(["aa", "bb", "cc"], 6) == ["aa", "bb"]  # "aa\n\nbb" is 6 characters
    assert whole_blocks(["aa", "bb", "cc"], 6, "\n") == ["aa", "bb"]
    assert whole_blocks(["aa", "bb", "c"], 7, "\n") == ["aa", "bb", "c"]
    assert whole_blocks(["a", "toolong", "b"], 5) == ["a"]  # stops at the first block that does not fit
    assert whole_blocks(["toolong"], 3) == []


def bold(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_highlights_are_whole_words_not_pieces_of_katakana_words():
    text = "ジェトロとジェネラル・エレクトリックの共同声明"
    question_words = {"ジェ", "ェト", "トロ", "共同", "同声", "声明"}  # the bigrams of ジェトロ 共同声明
    assert bold(text, word_spans(text, "ja", question_words)) == ["ジェトロ", "共同声明"]


@pytest.fixture(scope="module")
def retriever(shipped_retriever: Retriever) -> Retriever:
    return shipped_retriever


def test_glossary_synonyms_are_searched_but_not_highlighted(retriever: Retriever):
    answer = retriever.answer("Who signed the declaration?", "en")
    marked = {c.snippet[s:e].casefold() for c in answer.citations for s, e in c.highlights}
    assert marked and marked <= {"declaration", "signed", "signing", "joint declaration"}, marked
    assert "**According**" not in render_markdown(answer)


def test_the_summary_is_the_first_lines_and_in_the_question_language(retriever: Retriever):
    for question, language in [
        ("Qui a signé la déclaration ?", "fr"),
        ("Who signed the declaration?", "en"),
        ("共同声明に署名したのは誰ですか？", "ja"),
    ]:
        answer = retriever.answer(question, language)
        assert answer.summary and answer.summary == answer.citations[0].snippet
        assert all(c.language == language for c in answer.citations)
        assert render_markdown(answer).startswith("> ")


def test_two_quotes_of_one_source_share_its_one_source_line_in_markdown_the_embed_and_the_terminal():
    cites = [citation(1), citation(2, "Station F hosted the evening.", doc_id="other", title="Other"),
             citation(1, "Mounir Mahjoubi opened it.", passage_id="doc#3")]
    answer = Answer("who", "en", True, cites)
    text = render_markdown(answer)
    lines = text.split("\n")
    assert "**[1]**" not in lines  # before: a bare "**[1]**" line under the second quote of source 1
    assert lines[:3] == ["> **Yoji Muto** signed in Paris.", "> **Mounir Ma**hjoubi opened it.",
                         "**[1]** *The declaration* · [lemoci.com](https://lemoci.com/x)"]
    assert text.count("**[1]**") == 1 and text.index("**[2]**") > text.index("opened it")
    description = embeds.answer_embed("who", [text], "footer").description or ""
    assert "**[1]**" not in description.split("\n") and description.count("**[1]**") == 1
    terminal = answer_text(answer).plain.split("\n")
    assert "[1]" not in terminal and terminal[2].startswith("[1] The declaration")


def test_a_who_question_answered_by_names_gets_no_further_quote_of_the_date(retriever: Retriever):
    answer = retriever.answer("who signed the declaration?", "en")
    text = render_markdown(answer)
    assert "Gény-Stephann" in text.split("\n")[0]
    assert text.count("\n> ") == 0 and "17 July" not in text  # before: a second quote, METI's date of the signing
    led_by_the_date = render_markdown(retriever.answer("共同声明に署名したのは誰？", "ja"))
    assert "ジェニ＝ステファン" in led_by_the_date  # a lead without a name: the quote naming them is kept
