"""Read a list of draft recommendations from plain text, JSON lines or a Word file."""

from __future__ import annotations

import json
import re

from rapporteur.core.errors import ParseError

# "Recommendation 3", "Draft recommendation 3:", "RECOMMENDATION 3 -" at the start of a line.
_MARKER = re.compile(r"^\s*(?:draft\s+)?recommendation\s+\d{1,3}\s*[:.\-–—)]?\s*", re.IGNORECASE)
# "3." or "3)" at the start of a line, then the text.
_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s+(?=\S)")
_END = tuple(".;!?)”\"'’")


def read_drafts(data: bytes, name: str) -> list[str]:
    """The drafts in one upload, in order, each as one line of text.

    - ``.jsonl``/``.ndjson``/``.json``: one JSON object a line with a ``draft`` or ``text``
      field (a bare string per line also works).
    - ``.docx``: the body paragraphs (footnotes left out), then as plain text.
    - anything else, plain UTF-8 text: see ``split_drafts``.
    """
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("jsonl", "ndjson", "json"):
        return _json_lines(data, name)
    if suffix == "docx":
        from rapporteur.ingest.docx import docx_blocks

        blocks = docx_blocks(data, name)
        return split_drafts("\n\n".join(b.text for b in blocks if b.kind != "footnote"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError(f"{name}: not UTF-8 text; save it as UTF-8, .jsonl or .docx") from None
    return split_drafts(text)


def split_drafts(text: str) -> list[str]:
    """Cut plain text into drafts.

    If any line starts with "Recommendation N", each such marker starts a draft; if at least
    two lines start with "N." or "N)", each such item starts a draft. In both cases text before
    the first marker (a title, "The Working Group recommends:") is dropped, and the marker
    itself is not part of the draft. Otherwise each blank-line-separated paragraph is a draft,
    except a paragraph that looks like a heading (see ``is_heading``). Inner line breaks and
    runs of spaces become single spaces.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(_MARKER.match(line) for line in lines):
        return _numbered(lines, _MARKER)
    if sum(bool(_ITEM.match(line)) for line in lines) >= 2:
        return _numbered(lines, _ITEM)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(lines)))
    return [_ITEM.sub("", p, count=1) for p in paragraphs if p and not is_heading(p)]


def _numbered(lines: list[str], marker: re.Pattern[str]) -> list[str]:
    """Drafts each starting at a line matching ``marker``; text before the first is dropped."""
    drafts: list[list[str]] = []
    for line in lines:
        m = marker.match(line)
        if m:
            drafts.append([line[m.end() :]])
        elif drafts:
            drafts[-1].append(line)
    joined = (" ".join(" ".join(d).split()) for d in drafts)
    return [d for d in joined if d]


def is_heading(paragraph: str) -> bool:
    """Whether a paragraph is a title rather than a draft.

    A heading is one short line (at most 10 words) with no closing punctuation that is in
    capitals, in title case (most words over three letters capitalised) or ends with ":".
    "Draft Recommendations" is one; "States should ban ghost guns" is not.
    """
    words = paragraph.split()
    if len(words) > 10 or paragraph.endswith(_END):
        return False
    if paragraph.endswith(":") or paragraph.isupper():
        return True
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) / len(long) >= 0.6


def _json_lines(data: bytes, name: str) -> list[str]:
    """Drafts from JSON lines or a JSON array: each ``draft`` or ``text`` field, or a string."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError(f"{name}: not UTF-8 JSON; save it as UTF-8") from None
    if text.lstrip().startswith("["):
        records = enumerate(_loads(text, name, 1), 1)
    else:
        records = (
            (n, _loads(line, name, n))
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip()
        )
    drafts = []
    for n, record in records:
        draft = (
            record
            if isinstance(record, str)
            else (record.get("draft") or record.get("text") if isinstance(record, dict) else None)
        )
        if not isinstance(draft, str):
            raise ParseError(
                f'{name}, record {n}: no "draft" or "text" field with the draft\'s text'
            )
        if draft.strip():
            drafts.append(" ".join(draft.split()))
    return drafts


def _loads(text: str, name: str, line: int):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"{name}, line {line + exc.lineno - 1}: not JSON ({exc.msg}); write one object per line"
        ) from None
