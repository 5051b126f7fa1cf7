"""Spaces between words come from the page: a typed space is kept even when an overhanging letter
or a squeezed line leaves no blank, words placed apart without a space get one, and words, numbers,
symbols and Chinese text stay whole."""

from __future__ import annotations

import io
import re

import pytest

from rapporteur.ingest.parse import parse
from rapporteur.ingest.pdf_read import WORD_GAP, read_pages, word_gap
from tests.conftest import CORPUS

SENTENCE = "Official Records of the General Assembly, of all the staff of 25 per cent in A/80/16"
JOINS = re.compile(r"\b(?:of|in|to|and|for|on|by)(?:the|all|its|their|this|which)\b")


def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    draw(c)
    c.showPage()
    c.save()
    return out.getvalue()


def _typed(font: str, char_space: float, word_space: float) -> bytes:
    """SENTENCE with its space characters, on a line squeezed by character and word spacing."""

    def draw(c) -> None:
        t = c.beginText(72, 700)
        t.setFont(font, 9)
        t.setCharSpace(char_space)
        t.setWordSpace(word_space)
        t.textLine(SENTENCE)
        c.drawText(t)

    return _pdf(draw)


def _placed(font: str, kern: int, letter: int = 0) -> bytes:
    """SENTENCE's words placed by TJ offsets (thousandths of the size) with no space character;
    ``letter`` spaces the letters of each word too (negative: tighter)."""

    def draw(c) -> None:
        t = c.beginText(72, 700)
        t.setFont(font, 10)
        words = [" ".join(f"({ch}) {-letter}" for ch in w) for w in SENTENCE.split()]
        t._code.append("[" + f" {-kern} ".join(words) + "] TJ")  # reportlab has no TJ call
        c.drawText(t)

    return _pdf(draw)


def _line(data: bytes) -> str:
    (line,) = read_pages(data, "line.pdf")[0].lines
    return line.text


@pytest.mark.parametrize("font", ["Times-Italic", "Times-Roman", "Helvetica-Oblique"])
@pytest.mark.parametrize(("char_space", "word_space"), [(0, 0), (-0.3, 0), (0, -1)])
def test_a_typed_space_is_kept_on_a_squeezed_line(
    font: str, char_space: float, word_space: float
) -> None:
    # an italic f overhangs its space: "of the" was read "ofthe"; squeezed, most words glued
    assert _line(_typed(font, char_space, word_space)) == SENTENCE


def test_a_space_pulled_under_the_next_glyph_is_no_word_gap() -> None:
    # a word processor's leftover of a line-end hyphen: "non-" and a space the next glyph covers
    def draw(c) -> None:
        t = c.beginText(72, 700)
        t.setFont("Times-Roman", 10)
        t._code.append("[(work with non-) ( ) 230 (governmental organizations)] TJ")
        c.drawText(t)

    assert _line(_pdf(draw)) == "work with non-governmental organizations"


@pytest.mark.parametrize("kern", [200, 250, 333])
@pytest.mark.parametrize("font", ["Times-Roman", "Helvetica"])
def test_words_placed_a_space_apart_without_space_characters_get_spaces(
    font: str, kern: int
) -> None:
    assert _line(_placed(font, kern)) == SENTENCE


@pytest.mark.parametrize("letter", [-60, -30, 0, 30])
def test_letter_spaced_and_kerned_words_stay_whole(letter: int) -> None:
    # letters 0.06 em apart (loose) to 0.03 em overlapping (tight), words a space apart
    assert _line(_placed("Helvetica", 250, letter)) == SENTENCE


@pytest.mark.parametrize("char_space", [0, 2, 4, 6])
def test_chinese_gets_no_spaces_however_far_a_line_spreads_its_characters(
    char_space: float,
) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a standard font: no file needed
    chinese = "联合国大会第80/16号决议，2025年通过。"

    def draw(c) -> None:
        t = c.beginText(72, 700)
        t.setFont("STSong-Light", 10)
        t.setCharSpace(char_space)  # up to 0.6 em between characters, digits included
        t.textLine(chinese)
        c.drawText(t)

    assert _line(_pdf(draw)) == chinese


def test_the_word_gap_rule() -> None:
    height = 11.0  # the box of a 10-point glyph
    assert word_gap("f", "c", 0.25 * height, height)  # a space's width: a word gap
    assert not word_gap("f", "c", 0.8 * WORD_GAP * height, height)  # kerning, letter spacing
    assert not word_gap("2", "5", 0.1 * height, height)  # digits of one number
    # Chinese and Japanese put no space between words: a justified line's blank is no gap,
    # also between digits in a run of Chinese ("第80/16号")
    assert not word_gap("联", "合", 0.5 * height, height)
    assert not word_gap("国", "，", 0.5 * height, height)
    assert not word_gap("は", "国", 0.5 * height, height)
    assert not word_gap("第8", "0", 0.5 * height, height)
    assert word_gap("б", "в", 0.25 * height, height)  # Cyrillic is spaced like Latin


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("stem", "phrase"),
    [
        ("A_79_907", "Impact of the reduction"),  # a table heading
        ("E_2025_19", "Implementation of the Regional Gender Agenda"),  # a title in a reference
        ("DP_FPA_2025_2", "Report of the Board of Auditors"),  # a running head read into a table
    ],
)
def test_corpus_documents_have_no_function_words_glued(stem: str, phrase: str) -> None:
    path = CORPUS / "pdf-2025" / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"../shared/corpus/pdf-2025 not found: {path}")
    texts = [u.text for u in parse(path).units]
    assert any(phrase in text for text in texts)
    assert not [m.group() for text in texts for m in JOINS.finditer(text)]
