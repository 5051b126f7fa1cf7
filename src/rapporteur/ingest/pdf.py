"""UN-published PDF bytes -> blocks: paragraphs in reading order, page furniture dropped.

Layout cues only (``rapporteur.ingest.pdf_read`` lines: PDFium words with positions, sizes and font names).
A vertical gap, a change of size, a change of weight after a short line, an indent or an
enumerator after a short line start a new block; a block left open at a page foot continues on
the next page. Running heads and feet (symbol, "2/17", job number "25-06521 (E)", barcode, "Please
recycle") are dropped by pattern in the page margins and by repetition across pages. Footnotes
(below a "____" line or a short drawn rule) become blocks of their own; their reference marks
(raised small digits) leave the body text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from rapporteur.core.errors import ParseError
from rapporteur.core.grammar import PRINTED_SYMBOL as SYMBOL
from rapporteur.core.units import Block
from rapporteur.ingest.pdf_read import SCANNED, Line, Page, read_pages

TOP_ZONE, FOOT_ZONE = 0.10, 0.92  # running heads end above 10% of the page height, feet below 92%
SYMBOL_LINE = re.compile(rf"{SYMBOL}(?:[-–]{SYMBOL})*")  # "A/79/722-S/2025/27" on a first page
FURNITURE = [
    re.compile(r"\d{1,4} ?/ ?\d{1,4}"),  # page "2/17"
    re.compile(r"(?:Page )?[-–]? ?\d{1,4} ?[-–]?"),  # a bare page number
    # a job number: "25-06521 (E) 190525", "V.21-03812 (E)"
    re.compile(r"(?:[A-Z]{1,2}\. ?)?\d{2}-\d{5} ?(?:\([A-Z]\))?(?: \d{6})?"),
    re.compile(r"\*\d{6,9}\*"),  # barcode "*2506521*"
    re.compile(r"Please recycle.*", re.IGNORECASE),
]
RULE = re.compile(r"_{5,}")  # the footnote separator as typed text
NOTE_START = re.compile(r"(\d{1,3}|\*{1,3}|[†‡])\s+(\S.*)")
ENUMERATOR = re.compile(
    r"(?:\d{1,3}\.(?:\d{1,3}\.?)*|\(?[a-z]{1,3}\)|\(?[ivxlc]+\)|[IVXLC]+\.|[A-Z]\.|[•▪◦–—-])\s"
)
SENTENCE_END = re.compile(r"[.!?:;][\"”’)\]]*$")
MIN_LETTERS = 20  # fewer letters than this in the whole body: no text layer (a scan)
# what ODS serves, as a one-page PDF, for a symbol it does not hold (6 of the 2025 library's files)
NOT_FOUND = re.compile(
    r"document you are looking for does not exist in the Official Document System"
)


@dataclass(frozen=True)
class _Stats:
    """Layout norms of the body text of a document."""

    size: float
    left: float
    right: float
    space: float  # usual blank between two lines of one paragraph, in points


def pdf_document(data: bytes, name: str = "<pdf>") -> tuple[list[Block], str | None]:
    """Blocks and symbol of a UN-published PDF, from one reading; ParseError when unreadable."""
    pages = read_pages(data, name)
    return blocks_of(pages, name), symbol_of(pages)


def pdf_blocks(data: bytes, name: str = "<pdf>") -> list[Block]:
    """Blocks of a UN-published PDF in reading order; ParseError when it cannot be read."""
    return blocks_of(read_pages(data, name), name)


def pdf_symbol(data: bytes, name: str = "<pdf>") -> str | None:
    """The document symbol (e.g. "S/2025/303") from the running head, else the first page's top."""
    return symbol_of(read_pages(data, name, limit=2))


def blocks_of(pages: list[Page], name: str) -> list[Block]:
    """Blocks of read pages in reading order: body paragraphs, then each page's footnotes."""
    repeated = _repeated(pages)
    split = [_split(page, repeated) for page in pages]
    body, notes = [b for b, _ in split], [n for _, n in split]
    lines = [line for page in body for line in page]
    if len(pages) <= 2 and NOT_FOUND.search(" ".join(line.text for line in lines[:12])):
        raise ParseError(
            f"{name}: not a document: the ODS 'document not found' page; download it again"
        )
    if sum(ch.isalpha() for line in lines for ch in line.text) < MIN_LETTERS:
        raise ParseError(f"{name}: {SCANNED} (run OCR first, e.g. ocrmypdf, and ingest its output)")
    stats = _stats(lines)
    vocab = _vocabulary([line.text for line in lines + [n for page in notes for n in page]])
    items = [(g[0].page, 0, Block(_fold(g, vocab), page=g[0].page)) for g in _group(body, stats)]
    for number, group in _footnotes(notes):
        text = _fold(group, vocab)
        items.append((group[0].page, 1, Block(text, group[0].page, "footnote", number)))
    items.sort(key=lambda item: item[:2])  # stable: a page's body, then its footnotes
    return [block for _, _, block in items if block.text]


def symbol_of(pages: list[Page]) -> str | None:
    """The symbol printed as the running head of page 2, else at the top of page 1."""
    heads = Counter(
        m.group(0)
        for page in pages[1:2]
        for line in page.lines
        if line.bottom < TOP_ZONE * page.height and (m := SYMBOL_LINE.fullmatch(_symbol_text(line)))
    )
    if heads:  # a joint document ("A/79/722" over "S/2025/27"): max keeps the first printed
        return re.match(SYMBOL, max(heads, key=heads.get)).group(0)
    top = [_symbol_text(ln) for ln in pages[0].lines if ln.bottom < TOP_ZONE * pages[0].height]
    # A one-page letter may print the series letter apart, larger: "S" over "/2025/452".
    letters = [t for t in top if re.fullmatch(r"[A-Z]{1,10}", t)]
    for text in top:
        for candidate in [text] + ([f"{x}{text}" for x in letters] if text[:1] == "/" else []):
            if m := re.match(SYMBOL, candidate):
                return m.group(0)
    return None


# --- page furniture and footnote areas -------------------------------------------------------


def _compact(line: Line) -> str:
    return line.text.replace(" ", "")


def _symbol_text(line: Line) -> str:
    """A line's text as a symbol is written: no spaces but the one before a year, "(2025)"."""
    return re.sub(r"(?<=\w)\(", " (", _compact(line))


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom < TOP_ZONE * height or line.top > FOOT_ZONE * height


def _is_furniture(line: Line, height: float) -> bool:
    """A running head or foot: symbol, page number, job number, barcode, recycling note."""
    if not _in_margin(line, height):
        return False
    if any(p.fullmatch(" ".join(line.text.split())) for p in FURNITURE):
        return True
    return line.bottom < TOP_ZONE * height and bool(SYMBOL_LINE.fullmatch(_symbol_text(line)))


def _repeat_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", _compact(line)), round(line.top / 3)


def _repeated(pages: list[Page]) -> set[tuple[str, int]]:
    """Margin lines printed at the same height on many pages, digits aside."""
    seen: Counter = Counter()
    for page in pages:
        seen.update({_repeat_key(line) for line in page.lines if _in_margin(line, page.height)})
    need = max(3, len(pages) // 2)
    return {key for key, count in seen.items() if count >= need}


def _split(page: Page, repeated: set[tuple[str, int]]) -> tuple[list[Line], list[Line]]:
    """A page's body lines and footnote lines, its furniture dropped."""
    kept = [
        line
        for line in page.lines
        if not _is_furniture(line, page.height)
        and not (_in_margin(line, page.height) and _repeat_key(line) in repeated)
    ]
    cut = next((i for i, line in enumerate(kept) if RULE.fullmatch(_compact(line))), None)
    if cut is None and page.rule is not None:  # a drawn rule counts when a note follows it
        below = next((i for i, line in enumerate(kept) if line.top > page.rule), len(kept))
        cut = below if below < len(kept) and _opens_note(kept[below], 1, float("inf")) else None
    if cut is None:
        return kept, []
    return kept[:cut], [line for line in kept[cut:] if not RULE.fullmatch(_compact(line))]


def _footnotes(pages: list[list[Line]]) -> list[tuple[int | None, list[Line]]]:
    """(number, lines) of each footnote; a note running over a page break joins its start."""
    notes: list[tuple[int | None, list[Line]]] = []
    for page in pages:
        indent = min((line.x0 for line in page if line.mark is None), default=0.0)
        for line in page:
            expected = (notes[-1][0] or 0) + 1 if notes else 1
            opened = _opens_note(line, expected, indent)
            if opened is not None:
                number, text = opened
                notes.append((number, [replace(line, text=text)]))
            elif notes:
                notes[-1][1].append(line)
            else:  # text below the rule that opens no note: kept, unnumbered
                notes.append((None, [line]))
    return notes


def _opens_note(line: Line, expected: int, indent: float) -> tuple[int | None, str] | None:
    """(number, text) when a line opens a footnote: a raised mark, or a number hung left."""
    if line.mark is not None:
        return (int(line.mark) if line.mark.isdigit() else None), line.text
    m = NOTE_START.fullmatch(line.text)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1).isdigit() else None
    if number is None or line.x0 < indent - 2 or number == expected and line.x0 <= indent + 2:
        return number, m.group(2)
    return None


# --- paragraphs ------------------------------------------------------------------------------


def _stats(lines: list[Line]) -> _Stats:
    """Body size, left and right edges and usual line spacing, from the commonest text."""
    weights: Counter = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    size = weights.most_common(1)[0][0]
    body = [line for line in lines if abs(line.size - size) < 0.6]
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = statistics.quantiles([b.x1 for b in body], n=4)[2] if len(body) > 1 else body[0].x1
    spaces = [
        b.top - a.bottom
        for a, b in pairwise(body)
        if a.page == b.page and 0 <= b.top - a.bottom < size
    ]
    return _Stats(size, left, right, statistics.median(spaces) if spaces else 0.2 * size)


def _short(line: Line, stats: _Stats) -> bool:
    return line.x1 < stats.right - 1.5 * line.size


def _same_block(block: list[Line], cur: Line, stats: _Stats) -> bool:
    """Whether cur continues the paragraph of block on the same page."""
    prev, size = block[-1], max(block[-1].size, cur.size)
    if cur.top < prev.bottom - 0.3 * size or cur.x0 >= prev.x1 or cur.x1 <= prev.x0:
        return False  # the same row, or another column
    if cur.top - prev.bottom > stats.space + 0.35 * size or abs(prev.size - cur.size) > 0.6:
        return False
    if not _short(prev, stats):
        return True  # a full line runs on, whatever the weight or mark of the next
    if prev.bold != cur.bold or ENUMERATOR.match(cur.text):
        return False
    if len(block) == 1 and ENUMERATOR.match(prev.text) and cur.x0 > prev.x0:
        return True  # a hanging indent under "(b)" or a bullet
    return prev.bold and cur.bold or abs(cur.x0 - prev.x0) <= 0.8 * size  # else an indent opens one


def _continues(block: list[Line], cur: Line, stats: _Stats) -> bool:
    """Whether the first line of a page carries on the paragraph left open at the last foot."""
    last = block[-1]
    if cur.page != last.page + 1 or last.bold or cur.bold or ENUMERATOR.match(cur.text):
        return False
    if abs(last.size - cur.size) > 0.6 or abs(last.size - stats.size) > 0.6:
        return False
    # where the block's lines start: its second line on, else its first if indented (a sub-item)
    left = min(line.x0 for line in block[1:]) if len(block) > 1 else max(stats.left, last.x0)
    if cur.x0 > left + 0.8 * cur.size:
        return False  # an indented first line opens a paragraph
    if not SENTENCE_END.search(last.text) or cur.text[:1].islower():
        return True
    return last.x1 >= stats.right - 0.3 * last.size  # justified to the margin: no paragraph end


def _group(pages: list[list[Line]], stats: _Stats) -> list[list[Line]]:
    """Body lines gathered into paragraphs, across page breaks where one runs on."""
    groups: list[list[Line]] = []
    for page in pages:
        for i, line in enumerate(page):
            block = groups[-1] if groups else None
            if block and (_same_block(block, line, stats) if i else _continues(block, line, stats)):
                block.append(line)
            else:
                groups.append([line])
    return groups


# --- text ------------------------------------------------------------------------------------


def _vocabulary(texts: list[str]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds the document prints whole, to judge a line-end hyphen."""
    words, compounds = set(), set()
    for text in texts:
        inner = " ".join(text.lower().split()[1:-1])  # a line's first and last words may be cut
        words.update(re.findall(r"[^\W\d_]+", inner))
        compounds.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", inner))
    return words, compounds


def _fold(lines: list[Line], vocab: tuple[set[str], set[str]]) -> str:
    """A paragraph's text from its lines: broken words mended, whitespace single."""
    text = ""
    for line in lines:
        text = _join(text, " ".join(line.text.replace("\u00ad", "").split()), vocab)
    return text.strip()


def _join(left: str, right: str, vocab: tuple[set[str], set[str]]) -> str:
    """Two lines of one paragraph: drop a hyphen only when the document spells the word whole."""
    if not left or not right:
        return left or right
    if re.search(r"\S-$", left):
        tail = re.match(r"[^\W\d_]*", right).group(0).lower()
        if tail in ("and", "or", "to", "nor"):
            return f"{left} {right}"  # a suspended hyphen: "long- and medium-range"
        m = re.search(r"([^\W\d_]+)-$", left)
        head = m.group(1).lower() if m else ""
        if head and tail and head + tail in vocab[0] and f"{head}-{tail}" not in vocab[1]:
            return left[:-1] + right  # "traffick-" + "ing"
        return left + right  # a real hyphen: "cross-" + "border", "news-34375-" + "icihaiti"
    if re.search(r"\w[–—/]$", left):
        return left + right  # "2020–" + "2024", a URL cut after a slash
    return f"{left} {right}"
