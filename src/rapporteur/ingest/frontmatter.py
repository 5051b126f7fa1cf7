"""Front matter that is not the document's text: a table of contents, and what a document's prose is.

A report's "Contents" lists its chapters, sections and annexes with page numbers. Cut like the
body, its "Annex" line would open the annex part (the body then came out as "annex para N") and
its dotted lines ("Plan outline . . . . . 9") would become units and section names. Contents
lines are recognised by their dot leaders or trailing page numbers and dropped before structure.
"""

from __future__ import annotations

import re

from rapporteur.core.units import Block

CONTENTS = re.compile(r"^(?:Table of contents|Contents|CONTENTS|Contents \(continued\))$")
LEADER = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxl]{1,6})?\s*$|(?:\.\s?){4,}\s*\d{1,4}\s+\S")
PAGE_END = re.compile(r"\s\d{1,3}$")  # "I. Introduction   3", a contents line without leaders
COLUMN_HEADS = re.compile(
    r"^(?:Chapter|Page|Paragraphs|Paragraphs Page|Chapter Page|Annex(?:es)?)$"
)
PROSE_END = re.compile(r"[.:;!?][\"”’)\]]*$")
PROSE_MIN = 40  # shorter text is a masthead line, a signature, a list head (read off pdf-2025)


def is_leader_line(text: str) -> bool:
    """A contents entry with dot leaders: "A. Agenda . . . . . 5"."""
    return bool(LEADER.search(text))


def _contents_entry(blocks: list[Block], i: int) -> bool:
    """Whether blocks[i] belongs to a contents list (an entry, its wrapped head, a column head)."""
    text = blocks[i].text.strip()
    if is_leader_line(text) or COLUMN_HEADS.match(text) or CONTENTS.match(text):
        return True
    if PAGE_END.search(text) and len(text) < 200 and not PROSE_END.search(text[:-4]):
        return True
    # a wrapped entry or a part heading ("Annex") whose next line carries the leader
    nxt = next((b.text.strip() for b in blocks[i + 1 : i + 3] if b.kind != "footnote"), "")
    return len(text) < 200 and not PROSE_END.search(text) and is_leader_line(nxt)


def drop_contents(blocks: list[Block]) -> list[Block]:
    """The blocks without their table(s) of contents and without any stray dot-leader line."""
    out: list[Block] = []
    inside = False
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if block.kind != "footnote" and CONTENTS.match(text):
            inside = True
            continue
        if inside and block.kind != "footnote" and _contents_entry(blocks, i):
            continue
        inside = inside and block.kind == "footnote"
        if block.kind != "footnote" and is_leader_line(text):
            continue  # a contents page whose heading was not printed on it
        out.append(block)
    return out


def is_prose(text: str) -> bool:
    """Running text (a sentence), as opposed to a masthead line, a title or a heading."""
    text = text.strip()
    return len(text) > 300 or (len(text) >= PROSE_MIN and bool(PROSE_END.search(text)))
