"""rapporteur.ingest.pdf on the official UN PDFs in ../shared/corpus and on PDFs rendered here."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import pypdfium2
import pytest

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block
from rapporteur.ingest.pdf import pdf_blocks, pdf_symbol
from tests.app.bad_inputs import one_page_pdf

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
# file stem -> (symbols in the running head, job number, page count), read off the PDFs
UN_PDFS = {
    "A_79_722": (("A/79/722", "S/2025/27"), "25-00681", 12),
    "CEB_2025_4": (("CEB/2025/4",), "25-10652", 28),
    "S_2025_231": (("S/2025/231",), "25-05603", 11),
    "S_2025_303": (("S/2025/303",), "25-06521", 21),
    "S_2025_420": (("S/2025/420",), "25-09659", 20),
    "S_2025_85": (("S/2025/85",), "25-00725", 25),
    "S_RES_2769_2025": (("S/RES/2769 (2025)",), "25-00687", 7),
}


def _render_module():
    """tests/ingest/pdf_render.py, loaded by path (pytest runs with --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location(
        "pdf_render", Path(__file__).with_name("pdf_render.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus_pdf(stem: str) -> bytes:
    path = CORPUS / "pdf" / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"../shared/corpus not found: {path}")
    return path.read_bytes()


@cache
def _blocks(stem: str) -> tuple[Block, ...]:
    return tuple(pdf_blocks(_corpus_pdf(stem), f"{stem}.pdf"))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text).split())


# --- the official PDFs -----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(UN_PDFS))
def test_no_running_heads_or_feet_in_any_block(stem: str) -> None:
    symbols, job, pages = UN_PDFS[stem]
    page_number = re.compile(rf"(?<![\w/.])\d{{1,2}} ?/ ?{pages}(?![\w/])")
    barcode = "*" + job.replace("-", "") + "*"
    for block in _blocks(stem):
        for furniture in (*symbols, job, barcode, "Please recycle"):
            assert furniture not in block.text, (block.page, block.text[:80])
        assert not page_number.search(block.text), (block.page, block.text[:80])


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(UN_PDFS))
def test_symbol_is_read_from_the_running_head(stem: str) -> None:
    assert pdf_symbol(_corpus_pdf(stem), stem) == UN_PDFS[stem][0][0]


@pytest.mark.corpus
def test_numbered_paragraphs_come_out_whole_and_in_order() -> None:
    blocks = [b for b in _blocks("S_2025_303") if b.kind == "text"]
    numbers = [int(m.group(1)) for b in blocks if (m := re.match(r"(\d+)\. ", b.text))]
    assert numbers == list(range(1, 65))
    para = {int(b.text.split(".")[0]): b for b in blocks if re.match(r"\d+\. ", b.text)}
    # paragraph 3 runs from page 2 onto page 3; its footnote mark "persons1 ." is gone
    assert para[3].page == 2
    assert "trafficking in persons. Since 2022, Canada" in para[3].text
    assert para[3].text.endswith("at least nine prosecutions against arms traffickers in Haiti.")
    # paragraph 24 leaves page 9 after "from Miami," and ends on page 10
    assert "from Miami, United States, and bound for Haiti. The confiscated" in para[24].text
    assert para[24].text.endswith("are sustaining Haitian organized criminal groups.")
    # a mark glued to a number: "151,883.49" on the page is 151,883 and footnote 49
    assert "months to 151,883." in para[47].text


@pytest.mark.corpus
def test_headings_are_blocks_of_their_own() -> None:
    texts = [b.text for b in _blocks("S_2025_303")]
    for heading in (
        "I. Introduction",
        "IV. Recommendations",
        "Annex",
        "Revelations of high-level corruption",
    ):
        assert heading in texts


@pytest.mark.corpus
def test_footnotes_are_blocks_with_their_numbers() -> None:
    notes = [b for b in _blocks("S_2025_303") if b.kind == "footnote"]
    assert [n.number for n in notes] == list(range(1, 67))
    assert notes[0].page == 2
    assert notes[0].text.startswith("Presidential Decree no. 104-25, signed by the President")
    assert notes[0].text.endswith("in particular for women and unaccompanied minors.")
    assert notes[9].text.endswith(
        "mirebalais-under-attack-numerous-victims-more-than-500-escapees-"
        "on-the-run-video.html; and Jacqueline Charles “Gangs attack police "
        "station, prison in central Haiti town, more than 500 inmates escape”, "
        "Miami Herald, 31 March, available at www.miamiherald.com/news/"
        "nation-world/world/americas/haiti/article303164291.html."
    )
    body = " ".join(b.text for b in _blocks("S_2025_303") if b.kind == "text")
    assert "Presidential Decree no. 104-25" not in body


@pytest.mark.corpus
def test_a_note_under_a_drawn_rule_and_an_indented_paragraph_style() -> None:
    blocks = _blocks("A_79_722")
    star = [b for b in blocks if b.kind == "footnote"]
    assert [(b.number, b.text) for b in star] == [
        (None, "Circulated in the language of submission only.")
    ]
    # unnumbered paragraphs open with an indent; one runs from page 2 onto page 3
    run_on = next(b for b in blocks if b.text.startswith("Kazakhstan, as the initiator of CICA"))
    assert "At the Seventh Ministerial Council (MC) Meeting in Baku" in run_on.text


# --- rendered PDFs ---------------------------------------------------------------------------

LOREM = (
    "States parties should strengthen the marking, record-keeping and tracing of firearms, "
    "their parts and components and ammunition, in line with the Firearms Protocol, and "
    "exchange information with the non-conviction-based confiscation authorities of other "
    "States on the diversion of transfers, the misuse of deactivated weapons and the role "
    "of commercial carriers in trafficking. "
)
ITEMS = (
    "The Working Group had before it the following:",
    "(a) Annotated provisional agenda (CTOC/COP/WG.6/2021/1);",
    "(b) Background paper prepared by the Secretariat on reducing illicit financial and arms flows "
    + "to achieve target 16.4 of the Sustainable Development Goals (CTOC/COP/WG.6/2021/2);",
)
ROUND_TRIP = [
    "Distr.: General 31 May 2021",
    "Report on the meeting of the Working Group on Firearms held in Vienna",
    "I. Introduction",
    *[
        f"{n}. {LOREM * (2 + n % 3)}The Working Group took note of paragraph {n}."
        for n in range(1, 7)
    ],
    "II. Recommendations",
    "Recommendation 1",
    "States should, as appropriate, consider the Union,¹ Finland and Mexico proposal on cooperation.",
    "¹ On behalf of the European Union and its member States.",
    *[f"{n}. {LOREM * (3 - n % 2)}Ends paragraph {n}." for n in range(7, 12)],
    "\n".join(ITEMS),
    Block("Ibid.", kind="footnote", number=2),
    "12. The Working Group adopted the report – chapters I and II – on 12 May 2021.",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("pdf") / "wg6.pdf"
    return _render_module().render_un_pdf(ROUND_TRIP, path).read_bytes()


def test_rendered_paragraphs_come_back_as_blocks(rendered: bytes) -> None:
    blocks = pdf_blocks(rendered, "wg6.pdf")
    # each line of a text is a paragraph; footnotes go to the page foot
    texts = [t for t in ROUND_TRIP if isinstance(t, str) and not t.startswith("¹")]
    want = [_norm(line) for t in texts for line in t.splitlines()]
    assert [b.text for b in blocks if b.kind == "text"] == want
    notes = [(b.number, b.text) for b in blocks if b.kind == "footnote"]
    assert notes == [(1, "On behalf of the European Union and its member States."), (2, "Ibid.")]
    assert pdf_symbol(rendered) == "CTOC/COP/WG.6/2021/4"


def test_rendered_pdf_cuts_a_paragraph_across_a_page(rendered: bytes) -> None:
    pdf = pypdfium2.PdfDocument(rendered)
    pages = [" ".join(page.get_textpage().get_text_bounded().split()) for page in pdf]
    assert len(pages) >= 3 and "2/" in pages[1] and "21-03812" in pages[1]
    cut = {
        n: i + 1
        for n in range(1, 12)
        for i in range(len(pages) - 1)
        if re.search(rf"(?<!\d){n}\. States parties", pages[i])
        and re.search(rf"(Ends|took note of) paragraph {n}\.", pages[i + 1])
    }
    assert cut, "no paragraph runs over a page break: lengthen ROUND_TRIP"
    blocks = {b.text.split(".")[0]: b for b in pdf_blocks(rendered) if re.match(r"\d+\. ", b.text)}
    for n, page in cut.items():  # one block, on the page where the paragraph starts
        assert blocks[str(n)].page == page


# --- inputs that are not a readable PDF ------------------------------------------------------


def _text_pdf(**kwargs) -> bytes:
    return one_page_pdf(
        lambda c: c.drawString(100, 700, "1. The Working Group met in Vienna. " * 2), **kwargs
    )


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "random bytes": (bytes(range(256)) * 8, "not a PDF"),
    "truncated": (_text_pdf()[:600], "truncated"),
    "broken body": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF", "unreadable"),
    "encrypted": (_text_pdf(encrypt="pw"), "encrypted"),
    "image only": (one_page_pdf(lambda c: c.rect(100, 100, 300, 500, fill=1)), "no text layer"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_unreadable_input_raises_parse_error_naming_the_file(case: str) -> None:
    data, reason = BAD_INPUTS[case]
    with pytest.raises(ParseError) as info:
        pdf_blocks(data, "scan.pdf")
    message = str(info.value)
    assert message.startswith("scan.pdf: ") and reason in message and "\n" not in message


def test_symbol_of_unreadable_input_raises_parse_error() -> None:
    with pytest.raises(ParseError):
        pdf_symbol(b"not a pdf", "x.pdf")


def test_a_plain_pdf_reads() -> None:
    assert pdf_blocks(_text_pdf(), "plain.pdf") == [
        Block("1. The Working Group met in Vienna. 1. The Working Group met in Vienna.", page=1)
    ]


def test_line_end_hyphens_are_mended_only_for_words_the_document_prints_whole() -> None:
    from rapporteur.ingest.pdf import _join  # the pure rule behind every line join

    vocab = ({"trafficking", "crossborder"}, {"cross-border"})
    assert _join("illicit traffick-", "ing in firearms", vocab) == "illicit trafficking in firearms"
    assert (
        _join("non-conviction-", "based confiscation", vocab) == "non-conviction-based confiscation"
    )
    assert _join("the cross-", "border trade", vocab) == "the cross-border trade"
    assert _join("long- and", "medium-range", vocab) == "long- and medium-range"
    assert _join("long-", "and medium-range", vocab) == "long- and medium-range"
    assert _join("in 2020–", "2024", vocab) == "in 2020–2024"
    assert _join("the border –", "combined with", vocab) == "the border – combined with"


# --- documents with a symbol but no numbered paragraphs --------------------------------------


def _masthead_pdf(lines: list[str]) -> bytes:
    """A one-page UN document whose series letter is printed apart and larger ("S" over
    "/2025/452"), then the given lines."""

    def draw(c) -> None:
        c.setFont("Helvetica-Bold", 24)
        c.drawString(420, 790, "S")
        c.setFont("Helvetica", 10)
        c.drawString(436, 792, "/2025/452")
        c.drawString(72, 760, "Security Council")
        c.drawString(400, 760, "Distr.: General 7 July 2025")
        for i, line in enumerate(lines):
            c.drawString(72, 700 - 16 * i, line)

    return one_page_pdf(draw)


def test_a_series_letter_printed_apart_still_makes_the_symbol() -> None:
    pdf = _masthead_pdf(["I have appointed the following experts:", "Mr. A (Lebanon)"])
    assert pdf_symbol(pdf, "letter.pdf") == "S/2025/452"


def test_a_document_with_a_symbol_and_no_sentence_is_stored_as_passages() -> None:
    from rapporteur.ingest.parse import parse_bytes

    rows = [f"Mr. Delegate {i} (Country {i})" for i in range(38)]  # a list of participants
    parsed = parse_bytes(_masthead_pdf(rows), "S_2025_452.pdf")
    assert parsed.document.symbol == "S/2025/452"
    assert {u.kind for u in parsed.units} == {"passage"}
    text = " ".join(u.text for u in parsed.units)
    assert all(row in text for row in rows)


def test_a_document_with_neither_symbol_nor_numbers_is_refused_with_its_reason() -> None:
    from rapporteur.ingest.parse import parse_bytes

    def draw(c) -> None:
        for i in range(30):
            c.drawString(72, 760 - 16 * i, f"Item {i} of the minutes of a meeting of friends")

    pdf = one_page_pdf(draw)
    with pytest.raises(ParseError, match="no UN symbol and no numbered paragraphs"):
        parse_bytes(pdf, "minutes.pdf")
