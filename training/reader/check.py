"""Verify the reader's training questions against the library's parsed units.

    python -m training.reader.check --units UNITS [FILES...]

UNITS is the folder `python -m training.reader.dump_units` writes (one JSONL of units per
document, parsed by this repository's own parser). Every question must name documents that are
not held out (training/reader/excluded.txt plus every document holding gold of the library set's
check half), units that exist, and quotes that are verbatim in the unit (whitespace collapsed).
Prints `N questions ok, M bad` and the bad ones; exit status 1 when any is bad.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KINDS = {"topical", "factual", "named", "crosslingual", "multiunit", "no_answer", "recommendation"}
LANGS = {"en", "fr", "es", "ru", "ar", "zh"}
MIN_WORDS, MAX_WORDS = 5, 40  # a quote long enough to be unique, short enough to be one place


def excluded() -> set[str]:
    """Held-out documents: the fixed list and the library set's check-half gold documents."""
    held = {
        line.strip()
        for line in (HERE / "excluded.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for line in (ROOT / "eval" / "library" / "library_questions.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["split"] == "check":
            held |= {g["doc"] for g in record["primary"] + record["relevant"]}
    return held


REVISION = re.compile(r"_Rev\.\d+$")


def is_held(doc: str, held: set[str]) -> bool:
    """A held-out document, or another revision of one ("S_2025_71_Rev.1" of "S_2025_71",
    "A_AC.292_2025_INF_5" of "..._INF_5_Rev.1": the same text under a revised symbol)."""
    return doc in held or REVISION.sub("", doc) in {REVISION.sub("", d) for d in held}


def library(units: Path, held: set[str]) -> dict[str, list]:
    """Each parsed document's units in reading order; held-out and garbled (OCR noise) documents
    left out (their text is no training signal)."""
    from rapporteur.core.units import Unit
    from rapporteur.ingest.quality import garbled, text_quality

    docs = {}
    for path in sorted(units.glob("*.jsonl")):
        if not is_held(path.stem, held):
            doc = [Unit.from_dict(json.loads(line)) for line in path.open()]
            if not garbled(text_quality(u.text for u in doc)):
                docs[path.stem] = doc
    return docs


def questions(files: list[Path] | None = None) -> list[dict]:
    """The written questions, in file order (default: every file of questions/)."""
    files = files if files is not None else sorted((HERE / "questions").glob("*.jsonl"))
    return [json.loads(line) for f in files for line in f.open() if line.strip()]


def training_set(units: Path, mined: Path) -> tuple[list[dict], dict, dict, str]:
    """What a trainer reads: the written questions, the library's units by (doc, label) with the
    held-out documents left out, each question's mined units, and the questions' SHA-256."""
    files = sorted((HERE / "questions").glob("*.jsonl"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    docs = library(units, excluded())
    by_key = {(d, u.label): u for d, us in docs.items() for u in us}
    with mined.open() as f:
        negatives = {r["id"]: r["units"] for r in map(json.loads, f)}
    return questions(files), by_key, negatives, digest


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_units(folder: Path, doc: str, cache: dict) -> dict[str, str] | None:
    """label -> text of one document's units (None when the document was not parsed)."""
    if doc not in cache:
        path = folder / f"{doc}.jsonl"
        cache[doc] = (
            {u["unit"]: squash(u["text"]) for u in map(json.loads, path.open())}
            if path.exists()
            else None
        )
    return cache[doc]


def problems(record: dict, units: Path, held: set[str], cache: dict) -> list[str]:
    """What is wrong with one question (empty when it is sound)."""
    out = []
    if record.get("kind") not in KINDS:
        out.append(f"kind {record.get('kind')!r}")
    if record.get("lang") not in LANGS:
        out.append(f"lang {record.get('lang')!r}")
    if not str(record.get("q", "")).strip():
        out.append("empty question")
    gold = record.get("primary", [])
    near = record.get("near", [])
    if record.get("kind") == "no_answer":
        if gold:
            out.append("no_answer with primary units")
        if not near:
            out.append("no_answer needs the near-miss unit in 'near'")
    elif not gold:
        out.append("no primary unit")
    for ref in gold + near:
        out += ref_problems(ref, units, held, cache)
    return out


def ref_problems(ref: dict, units: Path, held: set[str], cache: dict) -> list[str]:
    doc, label, quote = ref.get("doc", ""), ref.get("unit", ""), squash(ref.get("quote", ""))
    if is_held(doc, held):
        return [f"{doc} is held out (or a revision of a held-out document)"]
    texts = load_units(units, doc, cache)
    if texts is None:
        return [f"{doc}: no such parsed document"]
    if label not in texts:
        return [f"{doc} has no unit {label!r}"]
    if not MIN_WORDS <= len(quote.split()) <= MAX_WORDS:
        return [f"{doc} {label}: quote of {len(quote.split())} words"]
    if quote not in texts[label]:
        return [f"{doc} {label}: quote not in the unit: {quote[:60]!r}"]
    return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=Path, required=True, help="folder of parsed units per document")
    ap.add_argument("files", nargs="*", type=Path, help="question files (default: questions/*)")
    args = ap.parse_args(argv)
    if not args.units.is_dir():
        print(f"{args.units}: no such folder; run python -m training.reader.dump_units first")
        return 2
    files = args.files or sorted((HERE / "questions").glob("*.jsonl"))
    held, cache, seen, ok, bad = excluded(), {}, set(), 0, 0
    for path in files:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path.name}:{n}: not JSON ({exc.msg})")
                bad += 1
                continue
            found = problems(record, args.units, held, cache)
            key = squash(record.get("q", "")).lower()
            if key in seen:
                found.append("duplicate question")
            seen.add(key)
            if found:
                bad += 1
                print(f"{path.name}:{n} {record.get('id')}: " + "; ".join(found))
            else:
                ok += 1
    print(f"{ok} questions ok, {bad} bad")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
