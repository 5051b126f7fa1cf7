"""Plain text -> blocks: blank lines separate blocks, as in text converted from UN PDFs."""

from __future__ import annotations

import re

from rapporteur.core.units import Block

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE = re.compile(rf"^(?P<num>[{SUPERSCRIPTS}]+)\s*(?P<text>\S.*)$", re.DOTALL)
MARKER = re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+")  # "Union,¹" -> "Union,"
LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")  # markdown link -> its text
EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\n]+?)\*{1,2}(?![\w*])")  # *inter alia* -> inter alia
BULLET = re.compile(r"^\s*[-•*]\s+(?=\(|\d|[a-z]\))")  # "- (a) ..." -> "(a) ..."
LIST_LINE = re.compile(r"^(?:\([a-z0-9]{1,4}\)|\d{1,3}\.|[a-z]\))\s")


def superscript_number(text: str) -> int:
    """The integer a run of superscript digits stands for: "¹²" -> 12."""
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in text))


def clean_line(line: str) -> str:
    """Strip markdown residue a PDF-to-text conversion leaves: links, emphasis, bullets."""
    line = LINK.sub(r"\1", line)
    line = EMPHASIS.sub(r"\1", line)
    return BULLET.sub("", line).strip()


def _join_lines(lines: list[str]) -> str:
    """Lines of one block: list items keep their own line, wrapped prose is re-joined."""
    out: list[str] = []
    for line in lines:
        if out and not LIST_LINE.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def text_blocks(text: str) -> list[Block]:
    """Split a document's text into blocks at blank lines; footnote lines become footnote blocks."""
    blocks: list[Block] = []
    for raw in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [clean_line(x) for x in raw.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        body = _join_lines(lines)
        if m := FOOTNOTE.match(body):
            blocks.append(
                Block(m["text"].strip(), kind="footnote", number=superscript_number(m["num"]))
            )
        else:
            blocks.append(Block(MARKER.sub("", body)))
    return blocks


def decode(data: bytes, name: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else UTF-16 with a BOM, else refuse."""
    from rapporteur.core.errors import ParseError

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"{name}: broken UTF-16 text ({exc.reason}); save it as UTF-8"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"{name}: not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from None
