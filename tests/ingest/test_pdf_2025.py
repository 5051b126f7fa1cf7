"""The 2025 UN PDFs of ../shared/corpus/pdf-2025: contents, mastheads, letters, scans, bad files."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block, Document, ParsedDocument, Unit, number_gaps
from rapporteur.ingest.frontmatter import drop_contents
from rapporteur.ingest.meta import choose_title, document_meta
from rapporteur.ingest.parse import parse, parse_bytes
from rapporteur.ingest.structure import build_units
from tests.app.bad_inputs import one_page_pdf
from tests.conftest import CORPUS

PDF_2025 = CORPUS / "pdf-2025"
DOTS = re.compile(r"(?:\. ?){4,}")


def _need(stem: str) -> Path:
    path = PDF_2025 / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"../shared/corpus/pdf-2025 not found: {path}")
    return path


@cache
def _parsed(stem: str) -> ParsedDocument:
    return parse(_need(stem))


# --- tables of contents ----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("stem", ["A_80_16", "A_79_19"])
def test_contents_give_no_units_sections_or_annex_switch(stem: str) -> None:
    units = _parsed(stem).units
    body = [u for u in units if u.kind == "paragraph" and not u.part]
    assert [u.number for u in body[:3]] == [1, 2, 3]
    assert len(body) >= 18
    for unit in units:
        assert not DOTS.search(unit.text) and not DOTS.search(unit.section), unit.label
    annex = [u for u in units if u.part.startswith("annex")]
    if annex:  # the real annex heading comes after the body, not the contents' "Annex" line
        assert min(u.ordinal for u in annex) > max(u.ordinal for u in body)


def test_drop_contents_keeps_the_body_and_its_annex() -> None:
    blocks = [
        Block(t)
        for t in [
            "Contents",
            "Chapter",
            "Page",
            "I. Organization of the session. . . . . . . . 5",
            "Programme 1. General Assembly affairs and",
            "conference management . . . . . . 11",
            "Annex",
            "List of documents before the Committee . . . . . . . 100",
            "Chapter I",
            "Organization of the session",
            "1. The Committee held its session.",
            "Annex",
            "List of documents before the Committee",
        ]
    ]
    assert [b.text for b in drop_contents(blocks)] == [
        "Chapter I",
        "Organization of the session",
        "1. The Committee held its session.",
        "Annex",
        "List of documents before the Committee",
    ]
    units, _ = build_units(blocks, "toy")
    assert [(u.label, u.section) for u in units] == [
        ("para 1", "Chapter I Organization of the session")
    ]


# --- mastheads and titles --------------------------------------------------------------------


@pytest.mark.corpus
def test_masthead_never_becomes_the_title() -> None:
    e_c16 = _parsed("A_78_668").document  # the file holds E/C.16/2024/4
    assert e_c16.title == (
        "Building inclusive institutions that leave no one behind at the midpoint of the 2030 "
        "Agenda for Sustainable Development"
    )
    assert (e_c16.symbol, e_c16.date, e_c16.language) == ("E/C.16/2024/4", "2024-01-29", "en")
    letter = _parsed("A_79_907").document
    assert letter.title.startswith("Letter dated 30 April 2025 from the Secretary-General")
    assert (letter.symbol, letter.date, letter.body) == (
        "A/79/907",
        "2025-05-01",
        "General Assembly",
    )


def test_title_follows_the_agenda_item_name() -> None:
    header = [
        Block(t)
        for t in [
            "United Nations",
            "Economic and Social Council Distr.: General",
            "16 May 2025",
            "Original: English",
            "2025 session",
            "25 July 2024–30 July 2025 Agenda item 16",
            "Regional cooperation",
            "Regional cooperation in the economic, social and related fields",
            "Report of the Secretary-General*",
        ]
    ]
    meta = document_meta(header, "e")
    assert meta.title == "Regional cooperation in the economic, social and related fields"
    assert (meta.date, meta.distribution, meta.language) == ("2025-05-16", "General", "en")
    assert choose_title(["<item>", "Financing of the activities of the Mission"]) == (
        "Financing of the activities of the Mission"
    )


# --- letters and notes -----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("stem", ["A_79_989", "S_2025_518", "S_2025_500", "GEGN.2_2025_35"])
def test_letters_without_numbered_paragraphs_become_passages(stem: str) -> None:
    units = _parsed(stem).units
    passages = [u for u in units if u.kind == "passage"]
    assert passages and passages[0].label in ("passage 1", "annex passage 1")
    assert len({u.label for u in units}) == len(units)


@pytest.mark.corpus
def test_a_symbol_with_a_numbered_first_part_is_read() -> None:
    assert _parsed("GEGN.2_2025_35").document.symbol == "GEGN.2/2025/35"  # UNGEGN papers


@pytest.mark.corpus
def test_a_letters_annex_keeps_its_part() -> None:
    labels = [u.label for u in _parsed("A_79_989").units]
    assert "passage 1" in labels and "annex passage 2" in labels


LETTER = """S/2025/15

Letter dated 6 January 2025 from the Permanent Representative of X addressed to the President

I have the honour to transmit herewith the statement of my Government on the situation.

I should be grateful if the present letter could be circulated as a document of the Council.

(Signed) A. Person

Annex to the letter dated 6 January 2025 from the Permanent Representative of X

The Government of X reaffirms its commitment to the Charter of the United Nations.
"""


def test_a_letter_is_cut_into_passages_and_its_annex_into_annex_passages() -> None:
    parsed = parse_bytes(LETTER.encode(), "S_2025_15.txt")
    assert [(u.label, u.text[:20]) for u in parsed.units] == [
        ("passage 1", "I have the honour to"),
        ("passage 2", "I should be grateful"),
        ("annex passage 1", "The Government of X "),
    ]
    assert "(Signed) A. Person" in parsed.units[1].text
    assert parsed.document.symbol == "S/2025/15" and parsed.document.title.startswith(
        "Letter dated"
    )


def test_text_with_no_symbol_and_no_numbers_is_still_refused() -> None:
    with pytest.raises(ParseError, match="no numbered paragraphs"):
        parse_bytes(b"just some words\n\nwith no numbered paragraphs\n", "nothing.txt")


# --- gaps, quality, bad files ----------------------------------------------------------------


def test_number_gaps_per_part() -> None:
    units = [Unit("d", "paragraph", n, "t") for n in (1, 2, 5)]
    units += [Unit("d", "paragraph", n, "t", part="annex") for n in (1, 2)]
    units += [Unit("d", "footnote", 9, "t")]
    assert number_gaps(units) == {"": [3, 4]}
    assert ParsedDocument(Document("d"), tuple(units)).gaps == {"": [3, 4]}


@pytest.mark.corpus
def test_ocr_noise_is_flagged_and_clean_text_is_not() -> None:
    assert _parsed("A_39_361").document.garbled
    assert not _parsed("A_80_16").document.garbled and not _parsed("S_2025_518").document.garbled


@pytest.mark.corpus
def test_every_2025_pdf_parses_or_raises_one_line_parse_error() -> None:
    files = sorted(_need("A_80_16").parent.glob("*.pdf"))
    assert len(files) >= 30
    for path in files:
        try:
            parsed = parse(path)
        except ParseError as exc:
            assert str(exc).startswith(path.name) and "\n" not in str(exc)
            continue
        assert parsed.units and len({u.label for u in parsed.units}) == len(parsed.units)


def test_no_text_layer_is_one_line_naming_the_file() -> None:
    scan = one_page_pdf(lambda c: c.rect(100, 100, 300, 500, fill=1))
    with pytest.raises(ParseError) as info:
        parse_bytes(scan, "scan.pdf")
    assert str(info.value).startswith(
        "scan.pdf: no text layer: scanned document; OCR is not enabled"
    )
    assert "\n" not in str(info.value)


def test_ods_document_not_found_page_is_refused_by_name() -> None:
    def draw(c) -> None:
        c.drawString(
            72, 700, "The document you are looking for does not exist in the Official Document"
        )
        c.drawString(72, 686, "System (ODS). Please contact the ODS support.")

    with pytest.raises(
        ParseError, match=r"^A_78_1\.en\.pdf: not a document: the ODS 'document not found'"
    ):
        parse_bytes(one_page_pdf(draw), "A_78_1.en.pdf")


def test_empty_file_is_refused_by_name() -> None:
    with pytest.raises(ParseError, match=r"^x\.pdf: the file is empty$"):
        parse_bytes(b"", "x.pdf")
