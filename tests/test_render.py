from bot.models import Answer, Citation
from bot.render import escape_markdown, highlight, render_markdown, whole_blocks


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


def test_citation_is_numbered_with_snippet_title_link_and_id():
    text = render_markdown(Answer("who", "en", True, [citation(1)]))
    assert text.startswith("**[1]** **Yoji Muto** signed in Paris.")
    assert "*The declaration*" in text
    assert "[lemoci.com](https://lemoci.com/x)" in text
    assert "`doc#1`" in text


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


def test_long_answers_drop_whole_citations_within_the_limit():
    answer = Answer("q", "en", True, [citation(i, "word " * 60) for i in (1, 2, 3)])
    full = render_markdown(answer)
    short = render_markdown(answer, max_chars=len(full) - 1)
    assert len(short) < len(full)
    assert short.count("**[") == 2 and short.rstrip().endswith("`doc#2`")


def test_a_single_oversized_citation_keeps_its_source_line():
    answer = Answer("q", "en", True, [citation(1, "x" * 5000, highlights=())])
    text = render_markdown(answer, max_chars=500)
    assert len(text) <= 500
    assert text.endswith("`doc#1`")


def test_non_http_sources_are_not_linked():
    text = render_markdown(Answer("q", "en", True, [citation(1, source="javascript:alert(1)")]))
    assert "javascript" not in text


def test_whole_blocks_keeps_leading_blocks_that_fit_whole():
    assert whole_blocks(["aa", "bb", "cc"], 6) == ["aa", "bb"]  # "aa\n\nbb" is 6 characters
    assert whole_blocks(["aa", "bb", "cc"], 6, "\n") == ["aa", "bb"]
    assert whole_blocks(["aa", "bb", "c"], 7, "\n") == ["aa", "bb", "c"]
    assert whole_blocks(["a", "toolong", "b"], 5) == ["a"]  # stops at the first block that does not fit
    assert whole_blocks(["toolong"], 3) == []
