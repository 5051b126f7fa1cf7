"""HTML to blocks: block-level elements in reading order, headings, list numbers, footnotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Elements whose content a reader of the report never sees as report text.
_SKIP = _tags(
    "script style noscript nav header footer template head title svg math iframe object "
    "canvas select button textarea"
)
_HEADINGS = _tags("h1 h2 h3 h4 h5 h6")
_BLOCKS = _HEADINGS | _tags(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form header hr html legend li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul"
)
_VOID = _tags("area base br col embed hr img input link meta param source track wbr")
# Browsers close an open element when certain tags start: (tags closed, search stops at).
_SCOPE = _tags("table td th caption html template object button")
_IMPLIED = {
    "li": ({"li"}, {"ol", "ul"} | _SCOPE),
    "dt": ({"dt", "dd"}, {"dl"} | _SCOPE),
    "dd": ({"dt", "dd"}, {"dl"} | _SCOPE),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr"}, {"table"}),
}
# A footnote mark in running text: pandoc's class="footnote-ref", Word's
# class="MsoFootnoteReference", role="doc-noteref", links to "#fn1", "#_ftn1", "#footnote-1".
_MARK_NAME = re.compile(r"(?:foot)?note-?ref|fnref")
_MARK_HREF = re.compile(r"#_?(?:ftn|fn|footnote)[-_:]?\d", re.IGNORECASE)
# Text that already carries its own number: "12. ...", "(a) ...", "(iv) ...".
_NUMBERED = re.compile(r"\d|\(\w{1,5}\)")
# A footnote's own number: "1 Text", "1. Text", "[1] Text".
_NOTE = re.compile(r"(?:\[(\d{1,3})\]|(\d{1,3})[.)]?(?=\s))\s*(\S.*)", re.DOTALL)


def html_blocks(text: str, name: str = "<html>") -> list[Block]:
    """The blocks of an HTML page in reading order; scripts, styles and navigation are dropped."""
    parser = _BlockParser()
    try:
        parser.feed(text.lstrip("\ufeff"))
        parser.close()
        parser.flush()
    except Exception as exc:  # html.parser gives up on some malformed markup
        reason = f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:160]
        raise ParseError(
            f"{name}: not readable as HTML ({reason}); save the page again or export it to PDF"
        ) from exc
    return parser.blocks


@dataclass(slots=True)
class _Element:
    tag: str
    footnote: bool = False  # its class or id says "footnote"
    skip: bool = False  # its text is not report text: a <script>, <nav>, a footnote mark
    hidden: bool = False  # opened inside a skipped element
    counter: int | None = None  # next item number, on an <ol>
    style: str = "1"  # an <ol>'s type: 1, a, A, i, I


class _BlockParser(HTMLParser):
    """Collects inline text and cuts a block whenever a block-level element starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[_Element] = []
        self.skipping = 0  # open elements with .skip
        self.buffer: list[str] = []
        self.pending = ""  # an <li>'s number, put before its first text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.buffer.append(" ")
        if tag in _VOID:
            if tag == "hr" and not self.skipping:
                self.flush()
            return
        element = _element(tag, dict(attrs), in_note=self._in_note())
        if self.skipping:
            element.hidden = True
        else:
            self._open_block(tag)
        self.stack.append(element)
        self.skipping += element.skip
        if tag == "li" and not self.skipping:
            self.pending = self._item_label(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            self.buffer.append(" ")
        if tag == "sup" and not self.skipping and self._in_note():
            self.buffer.append(" ")  # "<sup>1</sup>See ..." in a footnote is "1 See ..."
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                self._pop_through(i)
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(data)

    def flush(self) -> None:
        """Turn the text gathered so far into a block of the innermost block element."""
        text = " ".join("".join(self.buffer).replace("\xad", "").split())
        self.buffer.clear()
        if not text:
            return
        if self.pending:
            text = text if _NUMBERED.match(text) else f"{self.pending} {text}"
            self.pending = ""
        note = _NOTE.fullmatch(text) if self._in_note() else None
        if note:
            body = note.group(3).rstrip("\u21a9\ufe0e ")  # pandoc's "↩︎" link back to the text
            self.blocks.append(Block(body, kind="footnote", number=int(note[1] or note[2])))
        else:
            heading = any(e.tag in _HEADINGS for e in self.stack)
            self.blocks.append(Block(text, kind="heading" if heading else "text"))

    def _in_note(self) -> bool:
        return any(e.footnote for e in self.stack)

    def _open_block(self, tag: str) -> None:
        """Close what a browser closes when ``tag`` starts; a block-level tag starts a new block."""
        if self.stack and self.stack[-1].tag in _HEADINGS and tag in _HEADINGS:
            self._pop_through(len(self.stack) - 1)
        if tag in _IMPLIED:
            self._close_implied(*_IMPLIED[tag])
        elif tag in _BLOCKS:
            self._close_implied({"p"}, _SCOPE)
        if tag in _BLOCKS:
            self.flush()

    def _pop_through(self, index: int) -> None:
        """Close the element at ``index`` and everything opened inside it."""
        popped = self.stack[index:]
        if any(e.tag in _BLOCKS and not e.hidden for e in popped):
            self.flush()
        if any(e.tag == "li" for e in popped):
            self.pending = ""
        del self.stack[index:]
        self.skipping -= sum(e.skip for e in popped)

    def _close_implied(self, closes: set[str], stops: frozenset[str] | set[str]) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag in closes:
                self._pop_through(i)
                return
            if self.stack[i].tag in stops or self.stack[i].skip:
                return  # never reopen the text of a <nav> or <noscript> by closing past it

    def _item_label(self, attrs: dict[str, str | None]) -> str:
        """The number an <li> shows, e.g. "3.", from its <ol>; "" in a <ul>."""
        lists = [e for e in self.stack if e.tag in ("ol", "ul")]
        if not lists or lists[-1].tag == "ul":
            return ""
        ol = lists[-1]
        number = _number(attrs.get("value"), ol.counter or 1)
        ol.counter = number + 1
        return f"{_ordinal(number, ol.style)}."


def _element(tag: str, attrs: dict[str, str | None], in_note: bool) -> _Element:
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    # a footnote mark in running text ("...Convention<sup>1</sup>") is dropped, as the text and
    # PDF readers drop theirs; in the footnote itself the mark is the footnote's number
    mark = not in_note and bool(
        _MARK_NAME.search(f"{names} {attrs.get('role') or ''}")
        or (tag == "a" and _MARK_HREF.match(attrs.get("href") or ""))
    )
    element = _Element(tag, footnote="footnote" in names, skip=tag in _SKIP or mark)
    if tag == "ol":
        element.counter = _number(attrs.get("start"), 1)
        element.style = attrs.get("type") or "1"
    return element


def _number(value: str | None, default: int) -> int:
    try:
        return int(value.strip()) if value else default
    except ValueError:
        return default


_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
    )
)


def _ordinal(n: int, style: str) -> str:
    """An <ol> item number in the list's type: 4 -> "4", "d", "D", "iv", "IV"."""
    if not 0 < n < 4000 or style not in ("a", "A", "i", "I"):  # browsers go decimal past 3999
        return str(n)
    if style in "aA":  # browsers go a..z, aa, ab, ...: 27 -> "aa"
        text = ""
        while n:
            n, rest = divmod(n - 1, 26)
            text = chr(ord("a") + rest) + text
    else:
        text = ""
        for value, numeral in _ROMAN:
            count, n = divmod(n, value)
            text += numeral * count
    return text.upper() if style.isupper() else text
