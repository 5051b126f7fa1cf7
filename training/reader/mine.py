"""Mine hard negatives for the written questions: what BM25 (the product's lexical index, its
tokenizer and stemmer) ranks highest over the training library, and the gold unit's neighbours.

    python -m training.reader.mine --units UNITS --out mined.jsonl

Writes one line per question: ``{"id", "units": [[doc, label], ...]}``, best first, gold units
left in (``pairs.question_group`` drops them). Non-English questions rank through their gold
document's neighbours only (BM25 reads English).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from rapporteur.index.lexical import Lexical
from training.reader.check import excluded, library, questions

TOP = 12  # BM25 units kept per question
NEIGHBOURS = 3  # units either side of each gold or near-miss unit


def neighbours(order: dict, docs: dict, doc: str, label: str) -> list[tuple[str, str]]:
    """The units up to NEIGHBOURS before and after one unit, nearest first."""
    if (doc, label) not in order:
        return []
    i, units = order[(doc, label)], docs[doc]
    near = [j for d in range(1, NEIGHBOURS + 1) for j in (i - d, i + d) if 0 <= j < len(units)]
    return [(doc, units[j].label) for j in near]


def interleave(a: list, b: list) -> list:
    """a[0], b[0], a[1], b[1], ... then the rest of the longer list."""
    out = [x for pair in zip(a, b) for x in pair]
    return out + a[len(b) :] + b[len(a) :]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    docs = library(args.units, excluded())
    flat = [(d, u) for d, us in docs.items() for u in us]
    order = {(d, u.label): i for d, us in docs.items() for i, u in enumerate(us)}
    lexical = Lexical.build([u.text for _, u in flat])
    records = questions()
    with args.out.open("w") as out:
        for n, record in enumerate(records, 1):
            refs = record.get("primary", []) + record.get("near", [])
            near: list[tuple[str, str]] = []
            for ref in refs:
                near += neighbours(order, docs, ref["doc"], ref["unit"])
            ranked: list[tuple[str, str]] = []
            if record.get("lang", "en") == "en":
                scores = lexical.scores(record["q"])
                top = np.argsort(-scores)[:TOP]
                ranked = [(flat[i][0], flat[i][1].label) for i in top if scores[i] > 0]
            found = interleave(ranked, near)
            out.write(json.dumps({"id": record["id"], "units": list(dict.fromkeys(found))}) + "\n")
            if n % 500 == 0:
                print(f"{n}/{len(records)} questions mined", flush=True)
    print(f"{len(records)} questions mined to {args.out}")


if __name__ == "__main__":
    main()
