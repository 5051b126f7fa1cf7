"""DOCX to blocks: body paragraphs in order, Word's list numbers as text, headings, footnotes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PAGE = None  # marks a w:lastRenderedPageBreak among a paragraph's text pieces

# Subtrees whose text a reader of the accepted document does not see: deletions and moved-away
# text (tracked changes), field codes, nested paragraphs of text boxes (they get their own block)
# and the legacy VML copy of a drawing that Word writes next to the modern one.
_SKIP = frozenset(
    W + tag for tag in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "p", "txbxContent")
) | {MC_FALLBACK}
_SPACES = frozenset(W + tag for tag in ("tab", "ptab", "br", "cr"))
_MAIN_TYPE = b"wordprocessingml.document.main+xml"  # the content type python-docx opens
_OFF = frozenset({"0", "false", "off"})
_HEADING_NAME = re.compile(r"heading [1-9]|title")


def docx_blocks(data: bytes, name: str = "<docx>") -> list[Block]:
    """The blocks of a .docx: body paragraphs in reading order, then footnotes, changes accepted."""
    document = _open(data, name)
    try:
        return _body_blocks(document) + _footnote_blocks(document)
    except Exception as exc:  # a damaged part must surface as one line, not a traceback
        raise _error(name, f"damaged content: {_brief(exc)}") from exc


def _error(name: str, reason: str) -> ParseError:
    return ParseError(
        f"{name}: not a readable Word .docx file ({reason}); save it again as .docx or export to PDF"
    )


def _brief(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:160]


def _open(data: bytes, name: str):
    """The python-docx document for ``data``, or a ParseError that says what is wrong."""
    if not data:
        raise _error(name, "the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _error(name, "not a zip archive, so not .docx; an old .doc or .rtf is not supported")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if _MAIN_TYPE not in types:
            raise _error(
                name, "a zip archive with no Word document in it; .odt, .docm, .dotx are not .docx"
            )
        return docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except Exception as exc:
        raise _error(name, _brief(exc)) from exc


# -- paragraphs ------------------------------------------------------------------------------


def _body_blocks(document) -> list[Block]:
    """One block per non-empty body paragraph (table cells and text boxes included), in order."""
    body = document.element.body
    styles = _Styles(document.styles.element)
    lists = _Lists(_related_xml(document.part, RT.NUMBERING), styles.list_styles)
    paged = next(body.iter(W + "lastRenderedPageBreak"), None) is not None
    page, carry, blocks = 1, ("", None), []
    for p in body.iter(W + "p"):
        if _hidden_by_ancestor(p):
            continue
        pieces = _pieces(p)
        start = page + _breaks_before_text(pieces)
        page += pieces.count(_PAGE)
        text = _collapse("".join(x for x in pieces if x is not _PAGE))
        if _mark_deleted(p):  # accepting the deletion joins this paragraph to the next one
            carry = (_collapse(f"{carry[0]} {text}"), carry[1] or start)
            continue
        style = styles.of(p)
        label = _list_label(p, style, lists)
        text, start = _collapse(f"{carry[0]} {text}"), carry[1] or start
        carry = ("", None)
        if label and text and not text.startswith(f"{label} "):  # typed over the number
            text = f"{label} {text}"
        if text:
            kind = "heading" if style.is_heading or _outline(p) is not None else "text"
            blocks.append(Block(text=text, page=start if paged else None, kind=kind))
    return blocks


def _pieces(el) -> list[str | None]:
    """The visible text pieces of a paragraph in order, with ``_PAGE`` at rendered page breaks."""
    out: list[str | None] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _SPACES:
            out.append(" ")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "lastRenderedPageBreak":
            out.append(_PAGE)
        elif not (tag == W + "r" and _run_hidden(child)):
            out.extend(_pieces(child))
    return out


def _breaks_before_text(pieces: list[str | None]) -> int:
    """Rendered page breaks before a paragraph's first visible character: it starts after them."""
    count = 0
    for piece in pieces:
        if piece is _PAGE:
            count += 1
        elif piece.strip():
            break
    return count


def _run_hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in _OFF


def _mark_deleted(p) -> bool:
    mark = p.find(f"{W}pPr/{W}rPr")
    return mark is not None and (
        mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None
    )


def _hidden_by_ancestor(el) -> bool:
    """True inside a drawing's fallback copy, a tracked deletion or a deleted table row."""
    for a in el.iterancestors():
        if a.tag in (MC_FALLBACK, W + "del", W + "moveFrom"):
            return True
        if a.tag == W + "tr" and a.find(f"{W}trPr/{W}del") is not None:
            return True
    return False


def _outline(p) -> int | None:
    level = _int(p.find(f"{W}pPr/{W}outlineLvl"))
    return level if level is not None and level < 9 else None


def _collapse(text: str) -> str:
    return " ".join(text.replace("\xad", "").split())


def _val(el, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(W + "val") if found is not None else None


def _int(el) -> int | None:
    value = el.get(W + "val") if el is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _related_xml(part, reltype: str):
    """The XML root of the part related to ``part`` by ``reltype``, or None."""
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else parse_xml(target.blob)
    return None


# -- styles and list numbering ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    """What a paragraph style contributes, with its ``basedOn`` chain resolved."""

    style_id: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    is_heading: bool = False


class _Styles:
    """Paragraph styles by id; a paragraph with no style takes the default one (Normal)."""

    def __init__(self, root) -> None:
        self.raw = {s.get(W + "styleId"): s for s in root.iter(W + "style")}
        self.default = next(
            (
                s.get(W + "styleId")
                for s in self.raw.values()
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true", "on")
            ),
            None,
        )
        self.cache: dict[str | None, _Style] = {}
        # numbering styles (w:type="numbering") that abstract lists point to with w:numStyleLink
        self.list_styles = {
            sid: num
            for sid, s in self.raw.items()
            if (num := _val(s, f"{W}pPr/{W}numPr/{W}numId")) is not None
        }

    def of(self, p) -> _Style:
        sid = _val(p, f"{W}pPr/{W}pStyle") or self.default
        if sid not in self.cache:
            self.cache[sid] = self._resolve(sid)
        return self.cache[sid]

    def _resolve(self, sid: str | None) -> _Style:
        num_id = ilvl = outline = None
        name, seen, current = "", set(), sid
        while current in self.raw and current not in seen:  # seen: basedOn cycles in bad files
            seen.add(current)
            style = self.raw[current]
            name = name or (_val(style, W + "name") or "").lower()
            num_id = num_id or _val(style, f"{W}pPr/{W}numPr/{W}numId")
            ilvl = ilvl if ilvl is not None else _int(style.find(f"{W}pPr/{W}numPr/{W}ilvl"))
            outline = outline if outline is not None else _int(style.find(f"{W}pPr/{W}outlineLvl"))
            current = _val(style, W + "basedOn")
        heading = bool(_HEADING_NAME.fullmatch(name)) or (outline is not None and outline < 9)
        return _Style(sid, num_id, ilvl, heading)


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool  # w:isLgl: show every level of the number in decimal, e.g. "1.1" not "I.a"


class _Lists:
    """Word's list counters, so each numbered paragraph shows its number, e.g. "12." or "(a)"."""

    def __init__(self, root, list_styles: dict[str, str]) -> None:
        root_items = list(root) if root is not None else []
        self.nums = {e.get(W + "numId"): e for e in root_items if e.tag == W + "num"}
        self.abstracts = {
            e.get(W + "abstractNumId"): e for e in root_items if e.tag == W + "abstractNum"
        }
        self.list_styles = list_styles
        self.levels: dict[str, tuple[str, dict[int, _Level], set[int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # per abstract list, as Word counts
        self.started: set[str] = set()

    def label(self, num_id: str, ilvl: int) -> str:
        """Count a paragraph of list ``num_id`` at level ``ilvl``; its label, "" for bullets."""
        key, levels, restarts = self._levels(num_id)
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(key, {})
        if num_id not in self.started:  # a w:startOverride restarts the list where it is first used
            self.started.add(num_id)
            for level in restarts:
                counts.pop(level, None)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return _format(
                counts.get(k, levels[k].start), "decimal" if level.legal else levels[k].fmt
            )

        return _collapse(re.sub(r"%([1-9])", number, level.text))

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        """The level a list assigns to a paragraph style (w:lvl/w:pStyle), else 0."""
        _, abstract = self._abstract(num_id)
        for lvl in abstract.iter(W + "lvl") if abstract is not None else ():
            if style_id and _val(lvl, W + "pStyle") == style_id:
                return _ilvl(lvl)
        return 0

    def _abstract(self, num_id: str):
        """The abstract list behind ``num_id``, following one w:numStyleLink to a list style."""
        num = self.nums.get(num_id)
        abstract_id = _val(num, W + "abstractNumId")
        abstract = self.abstracts.get(abstract_id)
        link = _val(abstract, W + "numStyleLink")
        if link and link in self.list_styles:
            abstract_id = _val(self.nums.get(self.list_styles[link]), W + "abstractNumId")
            abstract = self.abstracts.get(abstract_id)
        return abstract_id, abstract

    def _levels(self, num_id: str) -> tuple[str, dict[int, _Level], set[int]]:
        if num_id not in self.levels:
            key, abstract = self._abstract(num_id)
            lvls = {_ilvl(e): e for e in abstract.iter(W + "lvl")} if abstract is not None else {}
            levels = {k: _level(e) for k, e in lvls.items()}
            restarts: set[int] = set()
            for override in self.nums[num_id].iter(W + "lvlOverride") if lvls else ():
                k = _ilvl(override)
                if (lvl := override.find(W + "lvl")) is not None:
                    levels[k] = _level(lvl)
                if (start := _int(override.find(W + "startOverride"))) is not None and k in levels:
                    levels[k] = _Level(start, levels[k].fmt, levels[k].text, levels[k].legal)
                    restarts.add(k)
            self.levels[num_id] = (key or "", levels, restarts)
        return self.levels[num_id]


def _ilvl(el) -> int:
    """A w:lvl's or w:lvlOverride's level number (its w:ilvl attribute), 0 when unreadable."""
    value = el.get(W + "ilvl", "0")
    return int(value) if value.isdigit() else 0


def _level(lvl) -> _Level:
    start = _int(lvl.find(W + "start"))
    fmt = _val(lvl, W + "numFmt") or "decimal"
    text = _val(lvl, W + "lvlText")
    legal = lvl.find(W + "isLgl") is not None
    return _Level(1 if start is None else start, fmt, "" if text is None else text, legal)


def _list_label(p, style: _Style, lists: _Lists) -> str:
    """The list number a paragraph shows, from its own w:numPr or its style's; "" if none."""
    direct = p.find(f"{W}pPr/{W}numPr")
    num_id = _val(direct, W + "numId") or style.num_id
    if not num_id or num_id == "0" or num_id not in lists.nums:  # numId 0 switches numbering off
        return ""
    ilvl = _int(direct.find(W + "ilvl")) if direct is not None else None
    if ilvl is None:
        ilvl = (
            style.ilvl if style.ilvl is not None else lists.level_of_style(num_id, style.style_id)
        )
    return lists.label(num_id, ilvl)


_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
    )
)
_FORMATS = frozenset({"lowerRoman", "upperRoman", "lowerLetter", "upperLetter", "decimalZero"})


def _format(n: int, fmt: str) -> str:
    """One level's number in Word's format: 4 -> "4", "iv", "IV", "d", "D", "04"."""
    if not 0 < n < 4000 or fmt not in _FORMATS:  # decimal, and formats we do not spell out
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt.endswith("Letter"):  # Word goes a..z, aa..zz, aaa..: 28 -> "bb"
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    else:
        text = ""
        for value, numeral in _ROMAN:
            count, n = divmod(n, value)
            text += numeral * count
    return text.upper() if fmt.startswith("upper") else text


# -- footnotes -------------------------------------------------------------------------------


def _footnote_blocks(document) -> list[Block]:
    """Footnotes numbered as Word shows them: by the order of their references in the body."""
    root = _related_xml(document.part, RT.FOOTNOTES)
    if root is None:
        return []
    notes = {
        fn.get(W + "id"): fn
        for fn in root.iter(W + "footnote")
        if fn.get(W + "type") in (None, "normal")  # not the separator lines
    }
    order = list(dict.fromkeys(_reference_ids(document.element.body))) or list(notes)
    blocks = []
    for number, note_id in enumerate(order, start=1):
        if note_id in notes:
            text = _collapse(" ".join(_paragraph_text(p) for p in notes[note_id].iter(W + "p")))
            if text:
                blocks.append(Block(text=text, kind="footnote", number=number))
    return blocks


def _reference_ids(body) -> Iterator[str]:
    """Ids of the footnotes the body refers to, in order; custom marks ("*") take no number."""
    for ref in body.iter(W + "footnoteReference"):
        if ref.get(W + "customMarkFollows") in ("1", "true", "on") or _hidden_by_ancestor(ref):
            continue
        yield ref.get(W + "id")


def _paragraph_text(p) -> str:
    return "".join(x for x in _pieces(p) if x is not _PAGE)
