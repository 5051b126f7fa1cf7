"""HTML blocks: a UN-like report page, list numbers, footnotes, dropped scripts, bad markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block
from rapporteur.ingest.html import html_blocks

REPORT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>CTOC/COP/WG.6/2021/4</title>
<script>var secret = "SCRIPT TEXT"; document.write("<p>injected</p>");</script>
<style>p { margin: 0 }</style></head>
<body>
<header><a href="/">United Nations</a></header>
<nav><ul><li>Home</li><li>Documents</li></ul></nav>
<main>
<div class="distr">Distr.: General<br>31 May 2021</div>
<h1>Report on the meeting of the Working Group on Firearms held in Vienna
    from 10 to 12&nbsp;May 2021</h1>
<h2>I. Introduction</h2>
<p>1. In its resolution 5/4, entitled &ldquo;Illicit manufacturing of and trafficking in
   firearms&rdquo;, the Conference decided to establish a working group.<sup><a
   href="#fn1" id="fnref1" class="footnote-ref">1</a></sup></p>
<p>2. The working group should perform the following functions:</p>
<ol type="a"><li>facilitate implementation of the Firearms Protocol;</li>
<li>make recommendations to the Conference.</li></ol>
<h3>Recommendation 1</h3>
<div>States should cooperate closely <em>and</em> exchange data.<noscript>Enable JavaScript</noscript></div>
<ol start="3"><li>Opening of the meeting.</li><li><p>Adoption of the agenda.</p></li>
<li>4. Typed number kept.</li></ol>
<table><tr><th>Item</th><td>Firearms&amp;ammunition</td></tr></table>
<script type="text/javascript">alert("SCRIPT TEXT")</script>
<!-- <p>commented out</p> -->
</main>
<section class="footnotes"><hr><ol>
<li id="fn1"><p>See CTOC/COP/WG.6/2021/2. <a href="#fnref1" class="footnote-back">&#8617;&#xFE0E;</a></p></li>
</ol></section>
<div id="footnote-2"><p><sup>2</sup>Resolution 8/3, annex.</p></div>
<footer>Copyright United Nations</footer>
</body></html>"""


def test_report_page_blocks() -> None:
    assert html_blocks(REPORT, "wg6.html") == [
        Block("Distr.: General 31 May 2021"),
        Block(
            "Report on the meeting of the Working Group on Firearms held in Vienna from 10 to 12 May 2021",
            kind="heading",
        ),
        Block("I. Introduction", kind="heading"),
        Block(
            "1. In its resolution 5/4, entitled “Illicit manufacturing of and trafficking in "
            "firearms”, the Conference decided to establish a working group."
        ),
        Block("2. The working group should perform the following functions:"),
        Block("a. facilitate implementation of the Firearms Protocol;"),
        Block("b. make recommendations to the Conference."),
        Block("Recommendation 1", kind="heading"),
        Block("States should cooperate closely and exchange data."),
        Block("3. Opening of the meeting."),
        Block("4. Adoption of the agenda."),
        Block("4. Typed number kept."),
        Block("Item"),
        Block("Firearms&ammunition"),
        Block("See CTOC/COP/WG.6/2021/2.", kind="footnote", number=1),
        Block("Resolution 8/3, annex.", kind="footnote", number=2),
    ]


def test_script_text_never_appears() -> None:
    assert not any("SCRIPT TEXT" in b.text or "injected" in b.text for b in html_blocks(REPORT))


def test_unclosed_tags_and_implied_ends() -> None:
    page = "<p>one<p>two<ol><li>first<li>second</ol><h2>Head<h3>Sub</h3><p>three"
    assert html_blocks(page) == [
        Block("one"),
        Block("two"),
        Block("1. first"),
        Block("2. second"),
        Block("Head", kind="heading"),
        Block("Sub", kind="heading"),
        Block("three"),
    ]


def test_word_saved_html_footnotes() -> None:
    page = (
        '<p class=MsoNormal>5. The Working Group met.<a href="#_ftn1" name="_ftnref1">'
        "<span class=MsoFootnoteReference>[1]</span></a></p>"
        '<div id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1">'
        "<span class=MsoFootnoteReference>[1]</span></a> CTOC/COP/2020/10.</p></div>"
    )
    assert html_blocks(page) == [
        Block("5. The Working Group met."),
        Block("CTOC/COP/2020/10.", kind="footnote", number=1),
    ]


def test_footnote_section_text_without_a_number_stays_text() -> None:
    page = '<div class="footnotes"><h2>Notes</h2><p>Unnumbered remark.</p></div>'
    assert html_blocks(page) == [Block("Notes", kind="heading"), Block("Unnumbered remark.")]


def test_empty_and_textless_pages_give_no_blocks() -> None:
    assert html_blocks("") == []
    assert html_blocks("\ufeff<html><script>x()</script><!-- note --></html>") == []


# Complete elements and loose tags, so a <script> is always a real script element.
FRAGMENTS = [
    "<script>SECRET()</script>",
    '<script type="module">let s = "SECRET </p><p>";</script>',
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<ol>",
    "<ol start='x'>",
    "</ol>",
    "<li>",
    "</li>",
    "<ul>",
    "<h2>",
    "</h2>",
    "<nav>",
    "</nav>",
    '<div class="footnote">',
    "<sup>",
    "</sup>",
    "<br/>",
    "<hr>",
    "<table><tr><td>",
    "</td></tr></table>",
    "text",
    "1. numbered",
    "[2] note",
    "&amp;",
    "&#0;",
    "\u00a0",
]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_any_text_gives_blocks_or_a_parse_error(text: str) -> None:
    try:
        blocks = html_blocks(text, "fuzz.html")
    except ParseError as exc:
        assert str(exc).startswith("fuzz.html: not readable as HTML (")
        return
    assert isinstance(blocks, list)
    assert all(isinstance(b, Block) and b.text == " ".join(b.text.split()) for b in blocks)
    assert all(b.text for b in blocks)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_script_text_never_appears_in_any_page(page: str) -> None:
    assert not any("SECRET" in b.text for b in html_blocks(page))


@pytest.mark.parametrize("page", ["<p>a</p>", "<ol start=99999999999999999999 type=i><li>x"])
def test_odd_list_starts_do_not_fail(page: str) -> None:
    assert html_blocks(page)
