"""Render paragraphs as a UN-style PDF (reportlab), to test ``rapporteur.ingest.pdf`` against known text.

The page furniture copies an official UN document: the symbol at the top right of page 1 (first
letter large), later pages with the symbol as a running head, "2/9" page numbers and the job
number at the foot, "21-03812 (E)", a "*2103812*" barcode line and "Please recycle" on page 1.
Paragraphs flow over page breaks, so some are cut in two. Each line of a text is a paragraph
("(a) ..." sub-items indented). A footnote block, or a text that starts with superscript digits
("¹ Ibid."), is set at the foot of the current page below a "____" rule; superscript digits
inside a paragraph become raised reference marks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from rapporteur.core.units import Block

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTE = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)", re.DOTALL)
HEADING = re.compile(r"(?:[IVXLC]+|[A-Z])\.\s.{1,150}|Recommendations?(?: \d+)?|Annex(?: [IVX]+)?")
WIDTH, HEIGHT = A4
LEFT, TEXT_WIDTH, TOP, BOTTOM = 120.0, 360.0, HEIGHT - 80, 80.0
GAP, NOTE_GAP = 6.0, 2.0


def _fonts() -> tuple[str, str]:
    """Bitstream Vera, shipped inside reportlab: covers the accents of UN names (ć, é, ñ)."""
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", os.path.join(folder, "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", os.path.join(folder, "VeraBd.ttf")))
    return "Vera", "VeraBd"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    return {
        "body": ParagraphStyle(
            "body", fontName=regular, fontSize=10, leading=12, alignment=TA_JUSTIFY
        ),
        "item": ParagraphStyle(
            "item", fontName=regular, fontSize=10, leading=12, alignment=TA_JUSTIFY, leftIndent=24
        ),
        "head": ParagraphStyle("head", fontName=bold, fontSize=11, leading=13),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8.5, leading=10.5),
    }


def _markup(text: str) -> str:
    """Reportlab markup for plain text: XML escaped, superscript digits raised."""
    text = escape(" ".join(text.split()))
    return re.sub(
        r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: f"<super>{m.group(0).translate(SUPERSCRIPT)}</super>", text
    )


def _is_heading(text: str) -> bool:
    text = " ".join(text.split())
    if HEADING.fullmatch(text) and not text.endswith("."):
        return True
    return len(text) < 90 and not re.search(r"[.;:,]$", text) and not re.match(r"[\d(\-–•]", text)


def _paragraphs(blocks_text: list[str | Block]) -> list[tuple[str, str]]:
    """(style, markup) of each paragraph to set: "note", "head", "item" or "body"."""
    out = []
    for item in blocks_text:
        if isinstance(item, Block) and item.kind == "footnote":
            out.append(("note", f"<super>{item.number}</super> {_markup(item.text)}"))
            continue
        text = item.text if isinstance(item, Block) else item
        note = NOTE.fullmatch(text.strip())
        if note:
            number = note.group(1).translate(SUPERSCRIPT)
            out.append(("note", f"<super>{number}</super> {_markup(note.group(2))}"))
            continue
        for line in filter(None, (line.strip() for line in text.splitlines())):
            style = "item" if re.match(r"[-–•]?\s*\(\w{1,4}\)\s", line) else "body"
            out.append(("head" if _is_heading(line) else style, _markup(line)))
    return out


def _layout(blocks_text: list[str | Block]) -> list[dict]:
    """Pages of placed paragraphs and footnotes: [{"body": [(para, y)], "notes": [para]}]."""
    styles = _styles()
    pages: list[dict] = [{"body": [], "notes": []}]
    y = HEIGHT - 230  # page 1 starts below the masthead

    def room() -> float:
        notes = sum(n.wrap(TEXT_WIDTH, HEIGHT)[1] + NOTE_GAP for n in pages[-1]["notes"])
        return y - BOTTOM - (notes + 24 if notes else 0)

    for kind, markup in _paragraphs(blocks_text):
        para: Paragraph | None = Paragraph(markup, styles[kind])
        if kind == "note":
            height = para.wrap(TEXT_WIDTH, HEIGHT)[1] + NOTE_GAP + (0 if pages[-1]["notes"] else 24)
            if room() < height:
                pages.append({"body": [], "notes": []})
                y = TOP
            pages[-1]["notes"].append(para)
            continue
        while para is not None:
            height = para.wrap(TEXT_WIDTH, HEIGHT)[1]
            if height <= room():
                pages[-1]["body"].append((para, y - height))
                y -= height + GAP
                para = None
                continue
            parts = para.split(TEXT_WIDTH, room()) if kind != "head" else []
            if len(parts) == 2:
                pages[-1]["body"].append((parts[0], y - parts[0].wrap(TEXT_WIDTH, HEIGHT)[1]))
                para = parts[1]
            pages.append({"body": [], "notes": []})
            y = TOP
    return pages


def _furniture(c: canvas.Canvas, number: int, total: int, symbol: str, job: str) -> None:
    """Masthead on page 1, running head and foot on the others."""
    regular, bold = _fonts()
    if number == 1:
        c.setFont(regular, 20)
        c.drawString(WIDTH - 150, HEIGHT - 60, symbol[0])
        c.setFont(regular, 14)
        c.drawString(WIDTH - 150 + c.stringWidth(symbol[0], regular, 20), HEIGHT - 60, symbol[1:])
        c.line(60, HEIGHT - 66, WIDTH - 60, HEIGHT - 66)
        c.setFont(regular, 10)
        c.drawString(65, 52, f"{job} (E)    310521")
        c.setFont("Courier", 12)
        c.drawString(65, 38, f"*{job.replace('-', '')}*")
        c.setFont(regular, 7)
        c.drawString(WIDTH - 160, 40, "Please recycle")
        return
    c.setFont(bold, 8.5)
    left, right = (symbol, "") if number % 2 == 0 else ("", symbol)
    c.drawString(60, HEIGHT - 55, left)
    c.drawRightString(WIDTH - 60, HEIGHT - 55, right)
    c.line(60, HEIGHT - 60, WIDTH - 60, HEIGHT - 60)
    page, job_text = f"{number}/{total}", job
    left, right = (page, job_text) if number % 2 == 0 else (job_text, page)
    c.setFont(bold, 8.5)
    c.drawString(60, 40, left)
    c.drawRightString(WIDTH - 60, 40, right)


def _notes(c: canvas.Canvas, notes: list[Paragraph]) -> None:
    """Footnotes stacked up from the bottom margin, under a "____" rule."""
    heights = [n.wrap(TEXT_WIDTH, HEIGHT)[1] for n in notes]
    y = BOTTOM + sum(heights) + NOTE_GAP * len(notes)
    c.setFont(_fonts()[1], 8)
    c.drawString(LEFT - 20, y + 8, "_" * 18)
    for note, height in zip(notes, heights):
        y -= height + NOTE_GAP
        note.drawOn(c, LEFT - 8, y)


def render_un_pdf(
    blocks_text: list[str] | list[Block],
    path: str | Path,
    symbol: str = "CTOC/COP/WG.6/2021/4",
    job: str = "21-03812",
) -> Path:
    """Write blocks (texts, or Blocks whose footnotes go to the page foot) as a UN-style PDF."""
    path = Path(path)
    pages = _layout(blocks_text)
    c = canvas.Canvas(str(path), pagesize=A4)
    for number, page in enumerate(pages, start=1):
        _furniture(c, number, len(pages), symbol, job)
        for para, y in page["body"]:
            para.drawOn(c, LEFT, y)
        if page["notes"]:
            _notes(c, page["notes"])
        c.showPage()
    c.save()
    return path
