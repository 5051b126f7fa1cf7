"""Whole-parse speed (PDF bytes -> units), PDFium against the former pdfplumber reader, in one process.

Both readers feed the same layout (``ingest.pdf.blocks_of``) and structure passes, so the difference
is the reading. ``python -m eval.bench_parse FILE.pdf ...`` prints the JSON summary; pdfplumber is
in the ``bench`` extra (``pip install -e '.[bench]'``) and the old side is skipped without it.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ingest.parse import build_document
from ingest.pdf import blocks_of, symbol_of
from ingest.pdf_read import Page, Word, lines_of, read_pages
from rapporteur.errors import ParseError

Reader = Callable[[bytes, str], list[Page]]


def parse_bench(paths: list[str | Path]) -> dict:
    """Time the whole parse of each PDF with each reader; pages/s per reader and the speed-up."""
    files = [(Path(p).name, Path(p).read_bytes()) for p in paths]
    readers: dict[str, Reader] = {"pdfium": read_pages}
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("pdfplumber not installed (pip install -e '.[bench]'): timing PDFium only", file=sys.stderr)
    else:
        readers["pdfplumber"] = plumber_pages
    result = {"files": len(files)}
    for label, read in readers.items():
        result[label] = _time(files, read)
    if "pdfplumber" in result:
        result["speedup"] = round(result["pdfium"]["pages_per_s"] / result["pdfplumber"]["pages_per_s"], 1)
    return result


def _time(files: list[tuple[str, bytes]], read: Reader) -> dict:
    """Seconds, pages, units and refusals of parsing every file with one reader."""
    pages = units = refused = 0
    start = time.perf_counter()
    for name, data in files:
        try:
            read_pages_ = read(data, name)
            pages += len(read_pages_)
            parsed = build_document(blocks_of(read_pages_, name), symbol_of(read_pages_), data, name)
            units += len(parsed.units)
        except ParseError:
            refused += 1
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "pages": pages, "units": units, "refused": refused,
            "pages_per_s": round(pages / seconds, 1) if seconds else None}


def plumber_pages(data: bytes, name: str) -> list[Page]:
    """The former reader: pdfplumber words (size, font name) into the same lines as PDFium's."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i, page in enumerate(pdf.pages):
            words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False)
            words = [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["fontname"].lower(),
                          w["text"]) for w in words if w["upright"]]
            words = [w for w in words if "barcode" not in w.font]
            pages.append(Page(i + 1, float(page.height), _plumber_rule(page), lines_of(words, i + 1)))
            page.close()
    return pages


def _plumber_rule(page) -> float | None:
    tops = [r["top"] for r in [*page.lines, *page.rects] if r["bottom"] - r["top"] < 2
            and 30 < r["x1"] - r["x0"] < 0.4 * float(page.width) and r["top"] > 0.5 * float(page.height)]
    return min(tops) if tops else None


def sample(folder: str | Path, count: int = 30) -> list[Path]:
    """Every k-th PDF of a folder (sorted by name), ``count`` in all: a spread of years and bodies."""
    files = sorted(Path(folder).glob("*.pdf"))
    return files[:: max(1, len(files) // count)][:count]


if __name__ == "__main__":  # python -m eval.bench_parse FOLDER [COUNT] | FILE.pdf ...
    args = sys.argv[1:]
    paths = sample(args[0], int(args[1]) if len(args) > 1 else 30) if Path(args[0]).is_dir() else args
    print(json.dumps(parse_bench(paths), indent=2))
