"""DOCX blocks: typed and automatic numbers, headings, footnotes, tracked changes, bad files."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block
from rapporteur.ingest.docx import docx_blocks

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# A list like the UN's paragraph numbering: level 0 "12.", level 1 "(a)".
ABSTRACT = f"""<w:abstractNum {NS} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'

TRACKED = f"""<w:p {NS}>
  <w:r><w:t xml:space="preserve">The Working Group </w:t></w:r>
  <w:ins w:id="1" w:author="a" w:date="2021-05-12T00:00:00Z"><w:r><w:t>adopted</w:t></w:r></w:ins>
  <w:del w:id="2" w:author="a" w:date="2021-05-12T00:00:00Z"><w:r><w:delText>rejected</w:delText></w:r></w:del>
  <w:r><w:t xml:space="preserve"> the report.</w:t></w:r>
</w:p>"""
# A paragraph whose mark was deleted: accepting the change joins it to the next paragraph.
MERGED = f"""<w:p {NS}><w:pPr><w:rPr><w:del w:id="3" w:author="a" w:date="2021-05-12T00:00:00Z"/></w:rPr></w:pPr>
  <w:r><w:t>Merged</w:t></w:r></w:p>"""

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NS}>
  <w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See CTOC/COP/WG.6/2021/2.</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Resolution 5/4</w:t></w:r>
    <w:del w:id="9" w:author="a" w:date="2021-05-12T00:00:00Z"><w:r><w:delText> (draft)</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _number(paragraph, num_id: int, ilvl: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _footnote_ref(paragraph, note_id: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="{note_id}"/></w:r>'))


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_footnotes(data: bytes, footnotes: str) -> bytes:
    """Add word/footnotes.xml with its relationship and content type, as Word writes it."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if item.filename == "word/_rels/document.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            dst.writestr(item, body)
        dst.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def _report() -> bytes:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(ABSTRACT))
    numbering.append(parse_xml(NUM))
    d.add_paragraph("Report of the Working Group on Firearms", style="Title")
    d.add_heading("I. Introduction", level=1)
    d.add_paragraph("1. A typed paragraph number.")
    _number(d.add_paragraph("An automatic paragraph number."), 90, 0)
    _number(d.add_paragraph("first item;"), 90, 1)
    _number(d.add_paragraph("second item."), 90, 1)
    third = d.add_paragraph("Also in that resolution.")
    _number(third, 90, 0)
    _footnote_ref(third, 3)
    _number(d.add_paragraph("restarts under a new paragraph."), 90, 1)
    d.add_paragraph("")
    d.add_paragraph("Item from the List Number style", style="List Number")
    d.add_paragraph("a bullet point", style="List Bullet")
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(TRACKED))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "cell A", "cell B"
    body.insert(len(body) - 1, parse_xml(MERGED))
    _footnote_ref(d.add_paragraph("into the next."), 2)
    return _with_footnotes(_save(d), FOOTNOTES)


def test_report_blocks_in_reading_order() -> None:
    assert docx_blocks(_report(), "wg6.docx") == [
        Block("Report of the Working Group on Firearms", kind="heading"),
        Block("I. Introduction", kind="heading"),
        Block("1. A typed paragraph number."),
        Block("2. An automatic paragraph number."),
        Block("(a) first item;"),
        Block("(b) second item."),
        Block("3. Also in that resolution."),
        Block("(a) restarts under a new paragraph."),
        Block("1. Item from the List Number style"),
        Block("a bullet point"),
        Block("The Working Group adopted the report."),
        Block("cell A"),
        Block("cell B"),
        Block("Merged into the next."),
        # numbered by the order of their references, whatever their ids: id 3 is cited first
        Block("Resolution 5/4.", kind="footnote", number=1),
        Block("See CTOC/COP/WG.6/2021/2.", kind="footnote", number=2),
    ]


def test_rendered_page_breaks_give_pages_and_hidden_text_is_dropped() -> None:
    d = docx.Document()
    d.add_paragraph("1. On page one.")
    body = d.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:p {NS}><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">2. On page two</w:t>'
            "</w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> hidden</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>"
        ),
    )
    d.add_paragraph("3. Still on page two.")
    assert docx_blocks(_save(d)) == [
        Block("1. On page one.", page=1),
        Block("2. On page two.", page=2),
        Block("3. Still on page two.", page=2),
    ]


def test_no_rendered_page_breaks_means_no_pages() -> None:
    d = docx.Document()
    d.add_paragraph("1. Text.")
    assert docx_blocks(_save(d))[0].page is None


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


def _broken_document_xml() -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(_save(docx.Document()))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(
                item, b"<w:document><w:body>" if item.filename == "word/document.xml" else body
            )
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"{\\rtf1 Report}", "not a zip archive"),
        (_zip({"notes.txt": "hello"}), "a zip archive with no Word document in it"),
        (_zip({"[Content_Types].xml": "<Types/>"}), "a zip archive with no Word document in it"),
        (_save(docx.Document())[:-40], "not a zip archive"),
        (_broken_document_xml(), "XMLSyntaxError"),
    ],
)
def test_bad_files_raise_one_line_parse_errors(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        docx_blocks(data, "report.docx")
    message = str(info.value)
    assert message.startswith("report.docx: not a readable Word .docx file (")
    assert reason in message
    assert message.endswith("; save it again as .docx or export to PDF")
    assert "\n" not in message


VALID = _report()
with zipfile.ZipFile(io.BytesIO(VALID)) as _z:
    PARTS = {i.filename: _z.read(i.filename) for i in _z.infolist()}


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    """A real .docx with bytes of one XML part overwritten by XML-ish noise."""
    part = draw(st.sampled_from(sorted(PARTS)))
    body = PARTS[part]
    at = draw(st.integers(0, len(body)))
    noise = draw(st.text(alphabet='<>/="w:pnumIdlvt0129 ', max_size=30)).encode()
    parts = dict(PARTS, **{part: body[:at] + noise + body[at + len(noise) :]})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=2000), damaged_docx()))
def test_any_bytes_give_blocks_or_a_parse_error(data: bytes) -> None:
    try:
        blocks = docx_blocks(data, "fuzz.docx")
    except ParseError as exc:
        assert re.match(r"fuzz\.docx: not a readable Word \.docx file \(", str(exc))
        return
    assert isinstance(blocks, list)
    assert all(isinstance(b, Block) and b.text for b in blocks)
