"""Whole-parse speed (PDF bytes -> units), PDFium against the former pdfplumber reader, in one process.

Both readers feed the same layout (``rapporteur.ingest.pdf.blocks_of``) and structure passes, so the difference
is the reading. ``python -m benchmarks.bench_parse FILE.pdf ...`` (or ``FOLDER [--count 30]``;
``--library FOLDER``: the product parser alone over every PDF) prints the JSON summary; pdfplumber is
in the ``bench`` extra (``pip install -e '.[bench]'``) and the old side is skipped without it.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapporteur.core.errors import ParseError
from rapporteur.ingest.parse import build_document
from rapporteur.ingest.pdf import blocks_of, symbol_of
from rapporteur.ingest.pdf_read import Page, Word, lines_of, read_pages

Reader = Callable[[bytes, str], list[Page]]


def parse_bench(paths: list[str | Path]) -> dict:
    """Time the whole parse of each PDF with each reader; pages/s per reader and the speed-up."""
    files = [(Path(p).name, Path(p).read_bytes()) for p in paths]
    readers: dict[str, Reader] = {"pdfium": read_pages}
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print(
            "pdfplumber not installed (pip install -e '.[bench]'): timing PDFium only",
            file=sys.stderr,
        )
    else:
        readers["pdfplumber"] = plumber_pages
    result = {"files": len(files)}
    for label, read in readers.items():
        result[label] = _time(files, read)
    if "pdfplumber" in result:
        result["speedup"] = round(
            result["pdfium"]["pages_per_s"] / result["pdfplumber"]["pages_per_s"], 1
        )
    return result


def _time(files: list[tuple[str, bytes]], read: Reader) -> dict:
    """Seconds, pages, units and refusals of parsing every file with one reader."""
    pages = units = refused = 0
    start = time.perf_counter()
    for name, data in files:
        try:
            read_pages_ = read(data, name)
            pages += len(read_pages_)
            parsed = build_document(
                blocks_of(read_pages_, name), symbol_of(read_pages_), data, name
            )
            units += len(parsed.units)
        except ParseError:
            refused += 1
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "pages": pages,
        "units": units,
        "refused": refused,
        "pages_per_s": round(pages / seconds, 1) if seconds else None,
    }


def plumber_pages(data: bytes, name: str) -> list[Page]:
    """The former reader: pdfplumber words (size, font name) into the same lines as PDFium's."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i, page in enumerate(pdf.pages):
            words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False)
            words = [
                Word(
                    w["x0"],
                    w["x1"],
                    w["top"],
                    w["bottom"],
                    w["size"],
                    w["fontname"].lower(),
                    w["text"],
                )
                for w in words
                if w["upright"]
            ]
            words = [w for w in words if "barcode" not in w.font]
            pages.append(
                Page(i + 1, float(page.height), _plumber_rule(page), lines_of(words, i + 1))
            )
            page.close()
    return pages


def _plumber_rule(page) -> float | None:
    tops = [
        r["top"]
        for r in [*page.lines, *page.rects]
        if r["bottom"] - r["top"] < 2
        and 30 < r["x1"] - r["x0"] < 0.4 * float(page.width)
        and r["top"] > 0.5 * float(page.height)
    ]
    return min(tops) if tops else None


def library_run(folder: str | Path) -> dict:
    """Parse every PDF of a folder with the product parser: time, refusals by reason, gaps, flags."""
    import re
    from collections import Counter

    import pypdfium2

    from rapporteur.ingest.parse import parse_bytes

    rows, seconds, cpu, pages = [], 0.0, 0.0, 0
    for path in sorted(Path(folder).glob("*.pdf")):
        data = path.read_bytes()
        try:
            pages += len(pypdfium2.PdfDocument(data))
        except pypdfium2.PdfiumError:
            pass
        start, start_cpu = time.perf_counter(), time.process_time()
        row: dict = {"file": path.name}
        try:
            parsed = parse_bytes(data, path.name)
            row |= {
                "units": len(parsed.units),
                "gaps": parsed.gaps,
                "garbled": parsed.document.garbled,
                "kinds": dict(Counter(u.kind for u in parsed.units)),
                "title": parsed.document.title,
            }
        except ParseError as exc:
            row["refused"] = str(exc)
        except Exception as exc:  # noqa: BLE001 - counted, so the report can say there were none
            row["exception"] = f"{type(exc).__name__}: {exc}"
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu  # per core, whatever else shares the machine
        rows.append(row)
    reasons = Counter(
        re.sub(r"^.*?\.pdf: ", "", r["refused"]).split(";")[0].split(" (")[0]
        for r in rows
        if "refused" in r
    )
    parsed_rows = [r for r in rows if "units" in r]
    numbered = [r for r in parsed_rows if r["kinds"].get("paragraph")]
    return {
        "files": len(rows),
        "seconds": round(seconds, 1),
        "pages": pages,
        "pages_per_s": round(pages / seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "pages_per_cpu_s": round(pages / cpu, 1),
        "parsed": len(parsed_rows),
        "refused": dict(reasons),
        "exceptions": [r for r in rows if "exception" in r],
        "with_paragraphs": len(numbered),
        "paragraphs_without_gaps": sum(
            1 for r in numbered if "" not in r["gaps"] and not r["gaps"]
        ),
        "paragraphs_with_gaps": sum(1 for r in numbered if r["gaps"]),
        "passages_only": sum(1 for r in parsed_rows if "passage" in r["kinds"]),
        "garbled": [r["file"] for r in parsed_rows if r["garbled"]],
        "rows": rows,
    }


def sample(folder: str | Path, count: int = 30) -> list[Path]:
    """Every k-th PDF of a folder (sorted by name), ``count`` in all: a spread of years and bodies."""
    files = sorted(Path(folder).glob("*.pdf"))
    return files[:: max(1, len(files) // count)][:count]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_parse",
        description="Whole-parse speed, PDFium beside the former pdfplumber reader (JSON).",
    )
    parser.add_argument(
        "paths", nargs="+", help="PDF files, or one folder (then every k-th PDF, --count in all)"
    )
    parser.add_argument("--count", type=int, default=30, help="PDFs sampled from a folder")
    parser.add_argument(
        "--library",
        action="store_true",
        help="parse every PDF of the folder with the product parser only: time, refusals, gaps",
    )
    args = parser.parse_args(argv)
    folder = Path(args.paths[0])
    if args.library or folder.is_dir():
        if len(args.paths) > 1 or not folder.is_dir():
            parser.error(
                f"{args.paths[0]}: give one folder of PDFs (or PDF files without --library)"
            )
    if args.library:
        print(json.dumps(library_run(folder), indent=1, ensure_ascii=False))
        return
    paths = sample(folder, args.count) if folder.is_dir() else args.paths
    print(json.dumps(parse_bench(paths), indent=2))


if __name__ == "__main__":
    main()
