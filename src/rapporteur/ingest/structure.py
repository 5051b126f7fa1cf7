"""Blocks -> citable units: one structural pass shared by every input format.

UN documents are cut the way UN staff cite them: numbered paragraphs ("para 12"),
"Recommendation N" blocks ("rec 18"), the preambular and operative paragraphs of a
resolution ("PP 3", "OP 5"), an annex's articles or paragraphs (numbered afresh, so their
labels carry the annex: "annex art 5"), and footnotes. A block that starts no new unit
continues the current one: that is how a paragraph cut by a page break, or its (a), (b)
items, or an agenda numbered 1-6 inside paragraph 49, stay inside their unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapporteur.core.units import Block, Unit
from rapporteur.ingest.frontmatter import drop_contents, is_prose
from rapporteur.ingest.meta import parse_date

CHAPTER = re.compile(r"^(?P<num>[IVXL]{1,6})\.\s+(?P<title>[A-Z\u201c\"].{0,160})$")
SECTION = re.compile(r"^(?P<num>[A-H])\.\s+(?P<title>[A-Z\u201c\"].{0,250})$")
RECOMMENDATION = re.compile(r"^Recommendation\s+(?P<num>\d{1,3})\s*$")
ARTICLE = re.compile(r"^Article\s+(?P<num>\d{1,3})\s*$")
ANNEX = re.compile(r"^Annex(?:\s+(?P<num>[IVXL]{1,6}|\d{1,2}))?\s*$")
# "Annex to the letter dated ...", "Enclosure": the part of a letter that it transmits
LETTER_PART = re.compile(
    r"^(?P<kind>Annex|Enclosure)(?:\s+(?P<num>[IVXL]{1,6}|\d{1,2}))?\s+to\s+the\s+.{5,400}$|"
    r"^(?P<kind2>Enclosure)(?:\s+(?P<num2>[IVXL]{1,6}|\d{1,2}))?\s*$"
)
# "Chapter I" (its title on the next line) or "Chapter II Organizational matters"
CHAPTER_WORD = re.compile(
    r"^Chapter\s+(?P<num>[IVXL]{1,6})(?:\.?\s+(?P<title>[A-Z\u201c\"].{0,160}))?$"
)
# "12. The Board ..."; some PDFs drop the space for two-digit numbers ("10.On 17 June ..."): a
# capital letter or an opening quote right after the point still starts a paragraph.
NUMBERED = re.compile(r"^(?P<num>\d{1,5})\.(?:\s+|(?=[A-Z\u201c\"(]))(?P<rest>\S.*)$", re.DOTALL)
ENACTING = re.compile(
    r"^(?:The|We,? the)\s+(?P<organ>General Assembly|Economic and Social Council|Human Rights Council"
    r"|Security Council|Conference of the Parties[^,]{0,200}|Commission[^,]{0,120}"
    r"|States Parties to this (?:Protocol|Convention))(?P<comma>,?)\s*$"
)
# Lines that close a resolution's body: "101st plenary meeting", "36th meeting", "[Adopted ...]".
CLOSING = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting(?:\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
    r"|\[?Adopted\b.*|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s*$"
)
HEADING_END = re.compile(r"[.;:,]$")
MAX_GAP = 3  # a numbered paragraph may follow its predecessor by up to 3 (source typos, lost pages)


def _is_heading(match: re.Match | None, text: str) -> bool:
    """A heading line is short and does not end like a sentence."""
    return bool(match) and len(text) <= 260 and not HEADING_END.search(text)


@dataclass
class _Open:
    """The unit being built: its kind, number, text pieces and where it started."""

    kind: str
    number: int
    page: int | None
    section: str
    part: str
    pieces: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Where the pass is in the document."""

    headings: list[str] = field(default_factory=lambda: ["", "", ""])  # chapter, section, article
    part: str = ""
    mode: str = "header"  # header | body | preamble | operative | annex
    last: int = 0  # last accepted paragraph / OP number in the current numbering scope
    preambular: int = 0
    summaries: int = 0
    article_title: bool = False  # the blocks after "Article N" name the article
    chapter_title: bool = False  # the block after a bare "Chapter I" is the chapter's title
    passages: int = 0  # ordinal of the last passage in the current part (documents without numbers)
    by_passage: bool = False  # cut unnumbered text into passages instead of keeping it as header
    open: _Open | None = None
    units: list[_Open] = field(default_factory=list)
    header: list[Block] = field(default_factory=list)
    closing_date: str | None = None  # the adoption date printed after a resolution's body

    def section(self) -> str:
        part = self.part[:1].upper() + self.part[1:]
        return " > ".join(h for h in [part, *self.headings] if h)

    def close(self) -> None:
        if self.open and self.open.pieces:
            self.units.append(self.open)
        self.open = None

    def start(self, kind: str, number: int, block: Block, text: str) -> None:
        self.close()
        self.open = _Open(
            kind, number, block.page, self.section(), self.part, [text] if text else []
        )

    def extend(self, text: str) -> None:
        if self.open is not None:
            self.open.pieces.append(text)


def _accepts(state: _State, number: int) -> bool:
    """Whether "N." starts the next numbered paragraph rather than a list item inside one."""
    return (
        state.last < number <= state.last + MAX_GAP
        if state.last
        else number == 1 or (state.mode in ("body", "header") and number <= MAX_GAP)
    )


def _heading(state: _State, text: str) -> bool:
    """Handle chapter, section, annex and article headings; True when the block was one."""
    if (m := ANNEX.match(text)) and len(text) < 20:
        state.close()
        state.part = f"annex {m['num']}" if m["num"] else "annex"
        state.headings = ["", "", ""]
        state.mode, state.last, state.preambular, state.article_title = "annex", 0, 0, False
        state.passages = 0
        return True
    if (m := LETTER_PART.match(text)) and not HEADING_END.search(text):
        state.close()
        kind, num = (m["kind"] or m["kind2"]).lower(), m["num"] or m["num2"]
        state.part = f"{kind} {num}" if num else kind
        state.headings = ["", "", ""]
        state.mode, state.last, state.preambular, state.article_title = "annex", 0, 0, False
        state.passages = 0
        return True
    if _is_heading(m := CHAPTER.match(text), text) or _is_heading(
        m := CHAPTER_WORD.match(text), text
    ):
        state.close()
        state.headings = [text, "", ""]
        state.chapter_title = m.re is CHAPTER_WORD and not m["title"]
        return True
    if _is_heading(m := SECTION.match(text), text):
        state.close()
        state.headings = [state.headings[0], text, ""]
        return True
    return False


def _introduces_text(state: _State) -> bool:
    """Whether the open operative paragraph ends by introducing an adopted text ("... as follows:")."""
    if not (state.open and state.open.kind == "operative" and not state.part):
        return False
    colons = [i for i, p in enumerate(state.open.pieces) if p.rstrip().endswith(":")]
    return bool(colons)


def _titled_text(state: _State) -> bool:
    """An introduced text with a title line after the colon (a list straight after it is no text)."""
    return _introduces_text(state) and not state.open.pieces[-1].rstrip().endswith(":")


def _adopted_text(state: _State, number: int) -> None:
    """A "1." restart after "Adopts the following declaration:": the declaration is its own part."""
    assert state.open is not None
    colon = max(i for i, p in enumerate(state.open.pieces) if p.rstrip().endswith(":"))
    title = " ".join(state.open.pieces[colon + 1 :])
    del state.open.pieces[colon + 1 :]
    state.close()
    state.part, state.headings, state.mode = "annex", [title, "", ""], "annex"
    state.last, state.preambular = 0, 0


def _numbered_start(state: _State, block: Block, text: str) -> bool:
    """Start a numbered unit (paragraph, OP, recommendation, article); True when one began."""
    if m := RECOMMENDATION.match(text):
        state.headings[2] = ""
        state.mode = "body"
        state.start("recommendation", int(m["num"]), block, "")
        return True
    if m := ARTICLE.match(text):
        state.headings[2] = text
        state.mode = "annex" if state.part else "body"
        state.start("article", int(m["num"]), block, "")
        state.article_title = True
        return True
    m = NUMBERED.match(text)
    if m and int(m["num"]) == 1 and state.mode == "operative" and _titled_text(state):
        _adopted_text(state, 1)
    if not m or (state.open and state.open.kind == "article") or not _accepts(state, int(m["num"])):
        return False
    number = int(m["num"])
    if state.mode in ("preamble", "operative") and state.part in ("", "draft"):
        state.mode = "operative"
        state.headings[2] = ""
        kind = "operative"
    else:
        state.mode = "annex" if state.part else "body"
        kind = "paragraph"
    state.last = number
    state.start(kind, number, block, m["rest"].strip())
    return True


def _article_title(state: _State, text: str) -> bool:
    """Fold the short lines right after "Article N" into its heading."""
    if not state.article_title:
        return False
    if len(text) <= 120 and not HEADING_END.search(text) and not NUMBERED.match(text):
        state.headings[2] = (
            f"{state.headings[2]}. {text}"
            if "." not in state.headings[2]
            else (f"{state.headings[2]} {text}")
        )
        if state.open:
            state.open.section = state.section()
        return True
    state.article_title = False
    return False


def _passage(state: _State, block: Block, text: str) -> None:
    """Unnumbered text of a letter or note: each paragraph of prose opens the next passage.

    A short line that is no sentence (a signature, "Vice-Chairs:", a list head) stays inside the
    passage before it, as an (a) item stays inside its numbered paragraph.
    """
    if state.open is not None and state.open.kind == "passage" and not is_prose(text):
        state.extend(text)
        return
    state.passages += 1
    state.start("passage", state.passages, block, text)


def _chapter_title(state: _State, text: str) -> bool:
    """Fold the line after a bare "Chapter I" into the chapter heading."""
    if not state.chapter_title:
        return False
    state.chapter_title = False
    if len(text) > 160 or HEADING_END.search(text) or NUMBERED.match(text):
        return False
    state.headings[0] = f"{state.headings[0]} {text}"
    return True


def _unnumbered(state: _State, block: Block, text: str) -> None:
    """A block that starts no numbered unit: a PP, a continuation, header text or a summary."""
    if state.mode == "header" and state.by_passage and is_prose(text):
        state.mode = "body"  # a letter's first sentence ends its masthead and title
    if state.mode == "header":
        state.header.append(block)
    elif state.by_passage and state.mode in ("body", "annex"):
        _passage(state, block, text)
    elif state.mode == "preamble" or (
        state.mode == "annex" and state.open is None and state.last == 0 and _is_preamble_text(text)
    ):
        state.preambular += 1
        state.start("preambular", state.preambular, block, text)
    elif state.open is not None:
        state.extend(text)
    elif state.mode == "annex" and state.last == 0 and state.open is None:
        state.headings[0] = state.headings[0] or text  # the annexed instrument's title
    else:
        state.summaries += 1
        state.start("summary", state.summaries, block, text)


def _is_preamble_text(text: str) -> bool:
    """Annex text that reads like a preamble paragraph (long, or ending in a comma)."""
    return len(text) > 160 or text.rstrip().endswith(",")


def _enacting(state: _State, text: str) -> bool:
    """The enacting formula ("The General Assembly,") opens a resolution's preamble."""
    m = ENACTING.match(text)
    nested = state.mode == "operative" and _introduces_text(state)
    if not m or (state.mode not in ("header", "annex") and not nested):
        return False
    state.close()
    if nested:  # "Recommends ... the adoption of the following draft resolution:" + its text
        state.part, state.headings, state.last, state.preambular = "draft", ["", "", ""], 0, 0
    if state.mode == "header":
        state.header.append(Block(text))
    # "The General Assembly" with no comma and no preamble: the next block is its only OP.
    state.mode = "preamble" if (m["comma"] or state.part) else "operative"
    if not m["comma"] and not state.part:
        state.last = 0
    return True


def build_units(
    blocks: list[Block], doc: str, passages: bool = False
) -> tuple[list[Unit], list[Block]]:
    """Cut blocks into units; also return the header blocks (before the first unit) for metadata.

    A table of contents is dropped first. A date printed after a resolution's body (its adoption
    date) is returned as a last header block. With ``passages``, unnumbered text after the header
    is cut into ordinal passages: the cut for letters and notes that number no paragraphs.
    """
    state = _State(by_passage=passages)
    footnotes: list[Block] = []
    for block in drop_contents(blocks):
        text = block.text.strip()
        if not text:
            continue
        if block.kind == "footnote" and block.number is not None:
            footnotes.append(block)
            continue
        _step(state, block, text)
    state.close()
    header = [*state.header, Block(state.closing_date)] if state.closing_date else state.header
    return _finish(state, footnotes, doc), header


PASSAGE_WORDS = 120  # words of a passage cut from a document with no sentence to cut at


def plain_passages(blocks: list[Block], doc: str) -> list[Unit]:
    """Every text block, its masthead too, in passages of about PASSAGE_WORDS words, cut between
    blocks and inside a longer block (pure): for a document with a symbol but neither numbers nor prose (a list of
    participants, an amendment's "replace: ... by: ...")."""
    opened: list[_Open] = []
    words = 0
    for block in blocks:
        if block.kind == "footnote":
            continue
        tokens = block.text.split()  # a long block (a list run together) is cut by words too
        for start in range(0, len(tokens), PASSAGE_WORDS):
            if not opened or words >= PASSAGE_WORDS:
                opened.append(_Open("passage", len(opened) + 1, block.page, "", ""))
                words = 0
            piece = tokens[start : start + PASSAGE_WORDS]
            opened[-1].pieces.append(" ".join(piece))
            words += len(piece)
    return [
        Unit(doc=doc, kind="passage", number=o.number, text=_join(o.pieces), page=o.page, ordinal=i)
        for i, o in enumerate(opened)
    ]


def _step(state: _State, block: Block, text: str) -> None:
    """Feed one body block to the state machine."""
    if state.mode != "header" and CLOSING.match(text):
        state.close()  # "101st plenary meeting", a bare date, "[Adopted without a vote.]"
        state.closing_date = state.closing_date or parse_date(text)
        return
    if _enacting(state, text) or _heading(state, text):
        state.article_title = False
        return
    if block.kind == "heading" and not (RECOMMENDATION.match(text) or ARTICLE.match(text)):
        state.close()
        state.headings = [state.headings[0], text, ""] if state.headings[0] else [text, "", ""]
        return
    if _article_title(state, text) or _chapter_title(state, text):
        return
    if (
        state.mode == "operative"
        and state.last == 0
        and state.open is None
        and not NUMBERED.match(text)
    ):
        state.last = 1  # the single unnumbered operative paragraph of a short resolution
        state.start("operative", 1, block, text)
        return
    if _numbered_start(state, block, text):
        if state.header and state.mode == "header":
            state.mode = "body"
        return
    if state.mode == "header" and state.headings[0] and not state.part:
        state.mode = "body"  # text under a chapter heading belongs to the body
    _unnumbered(state, block, text)


def _finish(state: _State, footnotes: list[Block], doc: str) -> list[Unit]:
    """Make frozen units in reading order, footnotes last; labels are unique per document."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    opened = [
        *state.units,
        *(
            _Open("footnote", f.number or 0, f.page, "Footnotes", "", [f.text.strip()])
            for f in footnotes
        ),
    ]
    for item in opened:
        text = _join(item.pieces)
        unit = Unit(
            doc=doc,
            kind=item.kind,
            number=item.number,
            text=text,
            section=item.section,
            page=item.page,
            part=item.part,
        )
        if unit.label in seen:  # a repeated number: keep the text, under the first unit
            i = seen[unit.label]
            units[i] = Unit(
                doc=doc,
                kind=item.kind,
                number=item.number,
                text=f"{units[i].text}\n{text}",
                section=units[i].section,
                page=units[i].page,
                part=item.part,
            )
            continue
        seen[unit.label] = len(units)
        units.append(unit)
    return [_with_ordinal(u, i) for i, u in enumerate(units)]


def _with_ordinal(unit: Unit, ordinal: int) -> Unit:
    from dataclasses import replace

    return replace(unit, ordinal=ordinal)


def _join(pieces: list[str]) -> str:
    """Join a unit's blocks: a list item or a new sentence starts a new line, a cut paragraph does not."""
    out = ""
    for piece in pieces:
        if not out:
            out = piece
        elif piece[:1].islower() or not re.search(r"[.:;!?\u201d\")]$", out):
            out = f"{out} {piece}"  # the rest of a sentence cut by a page break
        else:
            out = f"{out}\n{piece}"
    return out
