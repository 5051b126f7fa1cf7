"""The scale library: the development corpus plus hundreds of other 2025 UN PDFs as distractors.

    python -m benchmarks.library_distractors --source RAW --out DIR
    rapporteur --home H ingest ../shared/corpus DIR
    python -m benchmarks.library_report --home H --extra DIR

RAW is the 2025 library's folder (``data/2025-core/raw`` of littlehifive/ai-un-report). Its PDFs
are copied to DIR except those that are already in ``../shared/corpus`` (the same bytes, or the
same symbol: ``A_79_19.en.pdf`` beside ``pdf-2025/A_79_19.pdf``), so every gold paragraph of the
library set stays in one document and the question set's labels still hold. Abstention figures do
not carry over: the unanswerable questions were checked against the corpus alone, and several of
their topics (Kashmir, MINUSCA, Nord Stream) occur in the distractors.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (
    ROOT.parent / "shared" / "corpus"
)  # as benchmarks/library_baseline and library_report read it


def stem(name: str) -> str:
    """A PDF's symbol stem: "A_79_19.en.pdf" and "A_79_19.pdf" are both "A_79_19"."""
    base = name[: -len(".pdf")] if name.lower().endswith(".pdf") else name
    return base[: -len(".en")] if base.endswith(".en") else base


def distractors(source: Path, corpus: Path) -> tuple[list[Path], list[Path]]:
    """The PDFs of ``source`` that the corpus does not hold, and those it does (pure reads)."""
    known = list(corpus.rglob("*.pdf"))
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in known}
    stems = {stem(p.name) for p in known}
    keep, skip = [], []
    for pdf in sorted(source.glob("*.pdf")):
        same = stem(pdf.name) in stems or hashlib.sha256(pdf.read_bytes()).hexdigest() in digests
        (skip if same else keep).append(pdf)
    return keep, skip


def main() -> None:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.library_distractors", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--source", type=Path, required=True, help="folder of 2025 UN PDFs")
    ap.add_argument("--out", type=Path, required=True, help="folder the distractors go to")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.source.is_dir():
        raise SystemExit(f"{args.source}: no such folder (the 2025 library's data/2025-core/raw)")
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such folder (../shared/corpus, or give --corpus)")
    keep, skip = distractors(args.source, args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in keep:
        shutil.copy2(pdf, args.out / pdf.name)
    print(f"{len(keep)} distractors copied to {args.out}; {len(skip)} already in the corpus")


if __name__ == "__main__":
    main()
