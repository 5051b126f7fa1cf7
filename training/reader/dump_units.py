"""Parse every PDF of the 2025 library with this repository's parser, one JSONL of units per
document (and a readable text per document, for the people writing questions).

    python -m training.reader.dump_units --raw RAW --out OUT

RAW is the library's folder (``data/2025-core/raw`` of littlehifive/ai-un-report). OUT gets
``units/DOC.jsonl`` (each unit's ``Unit.to_dict()``), ``text/DOC.txt`` and ``report.json``
(each file's key, unit count or the reason it was refused). DOC is the file name without
``.en.pdf``, as the question files name documents.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path


def doc_name(path: Path) -> str:
    """``A_80_123.en.pdf`` -> ``A_80_123``."""
    name = path.name
    return name[: -len(".en.pdf")] if name.endswith(".en.pdf") else path.stem


def dump_one(path: Path, out: Path) -> tuple[str, int | None, str | None]:
    from rapporteur.core.errors import RapporteurError
    from rapporteur.ingest.parse import parse

    doc = doc_name(path)
    try:
        parsed = parse(path)
    except RapporteurError as exc:
        return doc, None, str(exc)[:300]
    d = parsed.document
    with open(out / "units" / f"{doc}.jsonl", "w", encoding="utf-8") as f:
        for u in parsed.units:
            f.write(json.dumps(u.to_dict(), ensure_ascii=False) + "\n")
    with open(out / "text" / f"{doc}.txt", "w", encoding="utf-8") as f:
        f.write(f"# DOC {doc} | symbol {d.symbol} | date {d.date} | title {d.title}\n\n")
        for u in parsed.units:
            f.write(f"[{u.label}] ({u.section[:80]})\n{u.text}\n\n")
    return doc, len(parsed.units), None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, required=True, help="folder of the library's PDFs")
    ap.add_argument("--out", type=Path, required=True, help="folder to write units/ and text/ to")
    args = ap.parse_args(argv)
    files = sorted(args.raw.glob("*.pdf"))
    if not files:
        raise SystemExit(f"{args.raw}: no PDF files (the library's data/2025-core/raw)")
    for sub in ("units", "text"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    start, report = time.time(), []
    with ProcessPoolExecutor(2) as pool:
        for i, row in enumerate(pool.map(partial(dump_one, out=args.out), files, chunksize=4), 1):
            report.append(row)
            if i % 50 == 0 or i == len(files):
                rate = i / (time.time() - start)
                print(f"{i}/{len(files)} files, {rate:.1f}/s, {(len(files) - i) / rate:.0f}s left")
    (args.out / "report.json").write_text(json.dumps(report, indent=1))
    refused = sum(1 for _, n, _ in report if n is None)
    print(f"{len(report) - refused} parsed, {refused} refused (reasons in report.json)")


if __name__ == "__main__":
    main()
