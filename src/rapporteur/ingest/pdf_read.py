"""PDF bytes -> pages of printed lines with positions, sizes and weights, through PDFium.

PDFium (pypdfium2, Apache-2.0/BSD) gives every character its box, font size and font; this module
gathers characters into words (runs of one font between spaces), words into rows and rows into
lines, the facts ``rapporteur.ingest.pdf`` lays paragraphs out from. Coordinates are points from the top of
the page, and a box spans [baseline + descent - size, baseline + descent], as pdfminer draws it,
so the layout thresholds of ``rapporteur.ingest.pdf`` mean the same whichever reader made the lines.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from rapporteur.core.errors import ParseError

MARK = re.compile(r"\d{1,3}(?:,\d{1,3})*|\*{1,3}|[†‡]")  # a footnote reference mark
BOLD = ("bold", "black", "heavy", "semibold", "demi")
SPACES = frozenset(" \t\r\n\x00\u00a0\u2002\u2003\u2009\uffff")
# PDFium reports a printed line-end hyphen as U+0002 (U+FFFE in FPDFText_GetText): it is a "-"
HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
# Blank between two glyphs with no space character between them, as a fraction of the glyph box's
# height (about 1.1 x the font size), from which it is a word gap. Tune set ../shared/corpus
# (pdf-2025 and pdf, 39 files, 1.7 M glyph pairs): blanks inside words reach 0.16 (28 pairs; 99.9%
# are under 0.08), a space glyph is 0.22-0.25 of the height (Times, Arial), and only 4 pairs fall
# in 0.16-0.30. Relative, not pdfplumber's 3 points: a 7-point space is 1.7 points wide.
WORD_GAP = 0.18
# The writing systems that put no space between words (Han, kana, fullwidth forms): a blank
# between two of their glyphs is spacing of a justified line, never a word gap.
UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
CJK_FROM = "\u2e80"  # no character before this one is UNSPACED: a cheap test first
REAL_SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009")  # spaces, unlike \r \n \x00 (unknown glyph)
# A typed space counts when the next glyph leaves this share of its width showing. Word processors
# leave a space after a hyphen that was at a line end, pulled back under the next glyph ("non-
# governmental": 0.09 of it shows). Tune set pdf-2025 (32 files) and the 4 library documents
# with most such joins (JIU/REP/2025/2, TPNW/MSP/2025/11/Rev.1, E/HLS/2025/1, A/80/10): 11 of
# 386,619 typed spaces show under 0.2, all hyphen or dash joins but one; italic gaps 0.2-0.33.
VISIBLE = 0.2
SCANNED = "no text layer: scanned document; OCR is not enabled"


@dataclass(frozen=True)
class Line:
    """One printed line (or one of two far-apart halves), with the layout facts used here."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    mark: str | None = None  # a raised small mark opening the line: a footnote's number


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    rule: float | None  # top of a short drawn rule in the lower half: a footnote separator
    lines: list[Line]


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters of one font between spaces; a dict-free pdfplumber word."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    text: str
    spaced: bool = False  # a space character the PDF itself typed comes just before the word
    index: int = 0  # of its first character on the page: the order the PDF wrote the words in


def read_pages(data: bytes, name: str, limit: int | None = None) -> list[Page]:
    """The pages' lines; every failure becomes a one-line ParseError that says what to do."""
    if not data:
        raise ParseError(f"{name}: empty file; pass the bytes of a PDF")
    if b"%PDF-" not in data[:1024]:
        raise ParseError(f"{name}: not a PDF (no %PDF- header); check the file type")
    if b"%%EOF" not in data[-1024:]:
        raise ParseError(f"{name}: truncated PDF (no %%EOF trailer); download the file again")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(
                f"{name}: encrypted PDF; save an unprotected copy first, e.g. qpdf --decrypt"
            ) from None
        detail = " ".join(str(exc).split())[:80]
        raise ParseError(f"{name}: unreadable PDF ({detail}); re-export or repair it") from None
    try:
        count = len(pdf) if limit is None else min(limit, len(pdf))
        pages = [_read_page(pdf, i) for i in range(count)]
    except pdfium.PdfiumError as exc:
        detail = " ".join(str(exc).split())[:80]
        raise ParseError(f"{name}: unreadable PDF ({detail}); re-export or repair it") from None
    finally:
        pdf.close()
    if not pages:
        raise ParseError(f"{name}: unreadable PDF (no pages); re-export or repair it")
    return pages


def _read_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """One page: its words clustered into lines, and its drawn footnote rule."""
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            words = page_words(textpage.raw, top)
        finally:
            textpage.close()
        rule = _drawn_rule(page.raw, top, right - left, top - bottom)
        return Page(index + 1, top - bottom, rule, lines_of(words, index + 1))
    finally:
        page.close()


def page_words(raw, top: float) -> list[Word]:
    """The upright words of a text page; a barcode font's "words" are left out.

    One box call per character (the cost that matters: ~1.5 us each); the font is asked only when
    a word starts or the box height changes, since a word of one height is one font run.
    """
    count = pdfium_c.FPDFText_CountChars(raw)
    text = _text(raw, count)
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    box = pdfium_c.FPDFText_GetLooseCharBox
    fonts: dict[int, tuple[float, str, bool]] = {}
    words: list[Word] = []
    cur: list = []  # [x0, x1, top, bottom, size, font, chars, height, spaced, index]
    space, last = -1, 0.0  # the last space since the last glyph; the right edge of that glyph
    for j in range(count):
        ch = text[j]
        if ch in SPACES:
            if cur:
                words.append(_word(cur))
                cur, last = [], cur[1]
            space = j if ch in REAL_SPACES else space
            continue
        box(raw, j, ref)
        height, x0, x1, low = rect.top - rect.bottom, rect.left, rect.right, top - rect.bottom
        if (
            cur
            and abs(height - cur[7]) < 0.05 * height
            and abs(low - cur[3]) < 1
            and -0.3 * height < x0 - cur[1]
            # the cheap test first: most blanks are far under a word gap
            and (x0 - cur[1] <= WORD_GAP * height or not word_gap(cur[6], ch, x0 - cur[1], height))
        ):
            cur[1] = x1
            cur[6].append(ch)
            continue
        if cur:
            words.append(_word(cur))
        size, font, upright = _font(raw, j, fonts)
        spaced = space >= 0 and _shows(raw, space, last, x0, height, ch)
        cur = [x0, x1, low - size, low, size, font, [ch], height, spaced, j] if upright else []
        space = -1
    if cur:
        words.append(_word(cur))
    return [w for w in words if "barcode" not in w.font]


def _shows(raw, index: int, last: float, x0: float, height: float, after: str) -> bool:
    """Whether the space at ``index``, between a glyph ending at ``last`` and one starting at
    ``x0``, shows: a wide blank does (unless Chinese or Japanese follows); else VISIBLE of the
    space's own box must be left uncovered. A space PDFium guessed has an empty box. The box is
    asked only here, for the few narrow blanks: asking for every space cost 13% of the reading."""
    if x0 - last > WORD_GAP * height and (after < CJK_FROM or not UNSPACED.match(after)):
        return True
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect))
    width = rect.right - rect.left
    return width > 0.01 and x0 - rect.left >= VISIBLE * width


def word_gap(word: Sequence[str], after: str, gap: float, height: float) -> bool:
    """Whether a blank of ``gap`` points between a word's glyphs so far and the next glyph (box
    ``height``), with no space character between them, parts two words: wider than WORD_GAP of
    the height, never next to a Chinese or Japanese character, and in a word holding some only
    before a letter: a justified line spreads their digits ("第80/16号") as much as them."""
    if gap <= WORD_GAP * height or UNSPACED.match(after) or UNSPACED.match(word[-1]):
        return False
    return after.isalpha() or not any(UNSPACED.match(ch) for ch in word)


def _word(cur: list) -> Word:
    return Word(cur[0], cur[1], cur[2], cur[3], cur[4], cur[5], "".join(cur[6]), *cur[8:])


def _text(raw, count: int) -> str:
    """All characters of a text page, one per index (a surrogate pair falls back to U+FFFD)."""
    buf = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, j) or 0xFFFD) for j in range(count))
    return text.translate(HYPHENS)


def _font(raw, index: int, fonts: dict) -> tuple[float, str, bool]:
    """(size, lower-case font name, upright) of a character, cached per PDF text object."""
    obj = pdfium_c.FPDFText_GetTextObject(raw, index)
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key not in fonts:
        buf = ctypes.create_string_buffer(128)
        pdfium_c.FPDFText_GetFontInfo(raw, index, buf, 128, None)
        angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
        upright = angle < 0.01 or angle > 6.27  # radians: 0 or a hair under 2 pi
        name = buf.value.decode("latin-1").lower()
        fonts[key] = (pdfium_c.FPDFText_GetFontSize(raw, index), name, upright)
    return fonts[key]


def _drawn_rule(raw, top: float, width: float, height: float) -> float | None:
    """The top of a short horizontal rule (a path) in the lower half of the page."""
    tops = []
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, left, b, r, t)
        if (
            t.value - b.value < 2
            and 30 < r.value - left.value < 0.4 * width
            and top - t.value > 0.5 * height
        ):
            tops.append(top - t.value)
    return min(tops) if tops else None


# --- words -> lines ----------------------------------------------------------------------------


def lines_of(words: list[Word], number: int) -> list[Line]:
    """A page's lines: words clustered into rows, a row cut in two where a wide gap parts it."""
    lines = []
    for row in _rows(words):
        row.sort(key=lambda w: w.x0)
        pieces = [[row[0]]]
        for w in row[1:]:
            if w.x0 - pieces[-1][-1].x1 > max(4 * w.size, 30):
                pieces.append([])
            pieces[-1].append(w)
        # two pieces are two columns (masthead, "2/17 ... 25-06521"); more are a table row
        lines.extend(_line(piece, number) for piece in (pieces if len(pieces) == 2 else [row]))
    lines.sort(key=lambda line: (round(line.top), line.x0))
    return lines


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words sharing a text row: each joins the recent row it overlaps most, by half its height.

    A row never takes a word lower or higher by half a line than a word of the same size already
    in it: a 20-point "Security Council" spans two 10-point masthead lines, "1 May 2025" and
    "English", which stay two rows.
    """
    rows: list[tuple[list[float], list[Word], dict[int, float]]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        height, best, most, size = w.bottom - w.top, None, 0.0, round(w.size)
        for row in rows[-6:]:
            band, _, bottoms = row
            overlap = min(band[1], w.bottom) - max(band[0], w.top)
            if abs(bottoms.get(size, w.bottom) - w.bottom) > 0.5 * w.size:
                continue
            if overlap >= 0.5 * min(height, band[1] - band[0]) and overlap > most:
                best, most = row, overlap
        if best is None:
            rows.append(([w.top, w.bottom], [w], {size: w.bottom}))
            continue
        best[1].append(w)
        best[2].setdefault(size, w.bottom)
        if height > best[0][1] - best[0][0]:  # a row's band is its tallest word's
            best[0][:] = [w.top, w.bottom]
    return [members for _, members, _ in rows]


def _glued(prev: Word, w: Word, size: float) -> bool:
    """Whether two neighbour words of a line are one word: a font change mid-word (a blank under
    0.12 of the size), or a space PDFium guessed between two Chinese or Japanese characters (a
    justified line's blank, under a full character). Never where the PDF typed a space between
    them: an italic "of"'s f overhangs its space, so "of the" is 0.9 points apart at 9 points."""
    if w.spaced and prev.index < w.index:  # right to left text writes its words the other way
        return False
    blank = w.x0 - prev.x1
    if blank < 0.12 * size:
        return True
    first, second = prev.text[-1], w.text[0]
    if blank >= size or first < CJK_FROM or second < CJK_FROM:
        return False
    return bool(UNSPACED.match(first) and UNSPACED.match(second))


def _line(words: list[Word], page: int) -> Line:
    """A line from its words; raised small digits are reference marks and leave the text."""
    weights: Counter = Counter()
    for w in words:
        weights[round(w.size, 1)] += len(w.text)
    size = weights.most_common(1)[0][0]
    main = [w for w in words if abs(w.size - size) < 0.15 * size] or words
    top, bottom = min(w.top for w in main), max(w.bottom for w in main)
    marks = {
        i
        for i, w in enumerate(words)
        if w.size < 0.85 * size and w.bottom < bottom - 0.2 * size and MARK.fullmatch(w.text)
    }
    kept = [w for i, w in enumerate(words) if i not in marks]
    bold = sum(len(w.text) for w in kept if any(b in w.font for b in BOLD))
    text, prev, after_mark = "", None, False
    for i, w in enumerate(words):
        if i in marks:
            after_mark = True
            continue
        glued = prev is not None and _glued(prev, w, size)
        glued = glued or (after_mark and w.text[0] in ".,;:)]")  # "persons1 ." -> "persons."
        text += w.text if (glued or not text) else " " + w.text
        prev, after_mark = w, False
    chars = sum(len(w.text) for w in kept) or 1
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    mark = words[0].text if 0 in marks else None
    return Line(page, top, bottom, x0, x1, size, bold >= 0.85 * chars, text, mark)
