"""Write the reader's training groups (see pairs.py) from the parsed library.

    python -m training.reader.groups structure --units UNITS --out structure.jsonl
    python -m training.reader.groups questions --units UNITS --mined mined.jsonl --out questions.jsonl

Held-out documents (check.excluded) give no group and no negative.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from rapporteur.core.units import Unit
from rapporteur.ingest.quality import garbled, text_quality
from training.reader.check import HERE, excluded
from training.reader.pairs import question_group, structure_groups


def library(units: Path, held: set[str]) -> dict[str, list[Unit]]:
    """Each document's units in reading order; held-out and garbled (OCR noise) documents left out."""
    docs = {}
    for path in sorted(units.glob("*.jsonl")):
        if path.stem not in held:
            doc = [Unit.from_dict(json.loads(line)) for line in path.open()]
            if not garbled(text_quality(u.text for u in doc)):
                docs[path.stem] = doc
    return docs


def questions(files: list[Path]) -> list[dict]:
    return [json.loads(line) for f in files for line in f.open() if line.strip()]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["structure", "questions"])
    ap.add_argument("--units", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--mined", type=Path, help="questions: negatives mined by mine.py")
    ap.add_argument("--per-doc", type=int, default=40)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    held = excluded()
    docs = library(args.units, held)
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        if args.what == "structure":
            for group in structure_groups(list(docs.values()), args.seed, per_doc=args.per_doc):
                out.write(json.dumps(group, ensure_ascii=False) + "\n")
                n += 1
        else:
            by_key = {(d, u.label): u for d, us in docs.items() for u in us}
            mined = {r["id"]: r["units"] for r in map(json.loads, args.mined.open())}
            rng = random.Random(args.seed)
            for record in questions(sorted((HERE / "questions").glob("*.jsonl"))):
                found = [
                    by_key[tuple(k)] for k in mined.get(record["id"], []) if tuple(k) in by_key
                ]
                group = question_group(record, by_key, found, rng)
                if group:
                    out.write(json.dumps(group, ensure_ascii=False) + "\n")
                    n += 1
    print(f"{n} groups written to {args.out}")


if __name__ == "__main__":
    main()
