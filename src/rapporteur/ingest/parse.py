"""One entry point: a file (or its bytes) -> ParsedDocument, whatever its format."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace
from pathlib import Path

from rapporteur.core.errors import ParseError
from rapporteur.core.units import Block, ParsedDocument, Unit
from rapporteur.ingest.meta import document_meta
from rapporteur.ingest.plain import decode, text_blocks
from rapporteur.ingest.quality import garbled, text_quality
from rapporteur.ingest.structure import build_units, plain_passages

SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
NUMBERED_KINDS = ("paragraph", "recommendation", "operative", "article")  # what a report numbers
MAX_BYTES = 40 * 1024 * 1024  # a UN report is a few MB; 40 MB allows PDFs with images


def parse(path: str | Path) -> ParsedDocument:
    """Parse a file; the document key is its stem (``wg6-2021.txt`` -> ``wg6-2021``)."""
    path = Path(path)
    if not path.exists():
        raise ParseError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise ParseError(f"{path}: is a folder; pass files, or use `rapporteur ingest FOLDER`")
    if path.stat().st_size > MAX_BYTES:
        raise ParseError(f"{path}: larger than {MAX_BYTES // 2**20} MiB; split the file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(
            f"{path}: cannot be read ({exc.strerror}); check its permissions"
        ) from None
    return parse_bytes(data, path.name)


def doc_key(name: str) -> str:
    """The document key of a file name: its stem, trimmed of spaces."""
    return Path(name).stem.strip()


def parse_bytes(data: bytes, name: str) -> ParsedDocument:
    """Parse a document's bytes; ``name`` gives the format (by suffix) and the document key."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(
            f"{name}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUFFIXES)}"
        )
    if not data.strip():
        raise ParseError(f"{name}: the file is empty")
    blocks, symbol = _blocks(data, name, suffix)
    return build_document(blocks, symbol, data, name)


def build_document(
    blocks: list[Block], symbol: str | None, data: bytes, name: str
) -> ParsedDocument:
    """Units and metadata from a document's blocks (and the symbol its format showed)."""
    doc = doc_key(name)
    # one spelling per letter: some PDFs store "á" as "a" + a combining accent, which neither
    # BM25 nor a quote typed with the precomposed letter would match
    blocks = [replace(b, text=unicodedata.normalize("NFC", b.text)) for b in blocks]
    if not any(b.text.strip() for b in blocks):
        raise ParseError(f"{name}: no text in the document; nothing to index")
    units, header = build_units(blocks, doc)
    symbol = document_meta(header, doc, symbol).symbol
    if not _numbered(units) and symbol:
        units, header = build_units(blocks, doc, passages=True)  # a UN letter or note
    if symbol and not any(u.kind != "footnote" for u in units):
        units = plain_passages(blocks, doc)  # a list of participants, an amendment
    if not any(u.kind != "footnote" for u in units):
        raise ParseError(
            f"{name}: no UN symbol and no numbered paragraphs, recommendations or resolution"
            " paragraphs found; is this a UN document?"
        )
    quality = text_quality(u.text for u in units)
    document = replace(
        document_meta(header, doc, symbol),
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text_quality=quality,
        garbled=garbled(quality),
    )
    units = [
        replace(u, symbol=document.symbol, title=document.title, date=document.date) for u in units
    ]
    return ParsedDocument(document, tuple(units))


def _numbered(units: list[Unit]) -> bool:
    """Whether units hold any text of the document beyond its footnotes."""
    return any(u.kind in NUMBERED_KINDS for u in units)


def _blocks(data: bytes, name: str, suffix: str) -> tuple[list[Block], str | None]:
    """Format-specific reading: bytes -> blocks (and the symbol, when the format shows it)."""
    if suffix == ".pdf":
        from rapporteur.ingest.pdf import pdf_document

        return pdf_document(data, name)
    if suffix == ".docx":
        from rapporteur.ingest.docx import docx_blocks

        return docx_blocks(data, name), None
    text = decode(data, name)
    if suffix in (".html", ".htm"):
        from rapporteur.ingest.html import html_blocks

        return html_blocks(text, name), None
    if "\x00" in text:
        raise ParseError(f"{name}: binary data in a text file; is the file type right?")
    return text_blocks(text), None
