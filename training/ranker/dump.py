"""The shipped search's 30 best units for each written question, with what every stage computed
for them and which hold the gold quote: the ranker's training data (fit.py reads it).

    python -m training.ranker.dump --home H --out F.jsonl [--held] [--questions FILE ...]

H is a library home holding the written questions' documents (the 651-document library). By
default the questions the ranker trains on: every answerable written question (training/reader/
questions) outside the held-out tenth (``train_verdict.held``); ``--held``: that tenth instead.
About 0.5 s a question on 2 cores. The search runs with the ranker off: it learns to re-order
what the other stages give.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.heldout_questions import stored_documents, stored_gold
from rapporteur.app.facade import Rapporteur
from rapporteur.core.questions import is_foreign
from rapporteur.core.settings import load_settings
from rapporteur.evaluation.library import resolve
from rapporteur.index.ranker import DEPTH  # candidates a question keeps: the ranker's depth
from training.reader.check import questions
from training.reader.train_verdict import held


def written(home: Path, held_out: bool, files: list[Path] | None = None) -> list[dict]:
    """The answerable written questions of one side of the held-out split (of ``files``, default
    every file of training/reader/questions), gold documents named as the home stores them; a
    question whose document the home lacks is left out."""
    keys = stored_documents(home)
    out = []
    for rec in questions(files):
        if held(rec["id"]) != held_out or not rec.get("primary"):
            continue
        gold = stored_gold(rec, keys)
        if gold is not None:
            out.append({**rec, "primary": gold, "relevant": []})
    return out


def row(question: dict, hits: list, sizes: dict[str, int]) -> dict:
    """One question's line: its candidates in the search's order with their signals and gold."""
    qrels = question["qrels"]
    return {
        "id": question["id"],
        "lang": question.get("lang", "en"),
        "kind": question.get("kind"),
        "foreign": is_foreign(question["q"]),
        "q": question["q"],
        "nprim": sum(1 for g in qrels.values() if g == 2),
        "hits": [
            {
                "key": h.unit.key,
                "doc": h.unit.doc,
                "kind": h.unit.kind,
                "section": h.unit.section,
                "ord": h.unit.ordinal,
                "dsize": sizes.get(h.unit.doc, 1),
                "words": len(h.unit.text.split()),
                "score": h.score,
                "lists": h.scores,
                "rerank": h.rerank,
                "named": h.named,
                "gold": qrels.get(h.unit.key, 0),
            }
            for h in hits
        ],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--held", action="store_true", help="the held-out tenth instead")
    ap.add_argument("--questions", type=Path, nargs="*", help="these question files only")
    args = ap.parse_args(argv)
    app = Rapporteur.open(load_settings(home=args.home))
    searcher, config = app.searcher, replace(app.config, ranker_weight=0.0)
    found, missing = resolve(written(args.home, args.held, args.questions), searcher.units)
    print(f"{len(found)} questions, {len(missing)} gold quotes not found", file=sys.stderr)
    started = time.time()
    with args.out.open("w") as f:
        for i, q in enumerate(found, 1):
            hits = searcher.search(q["q"], DEPTH, None, config)
            f.write(json.dumps(row(q, hits, searcher.doc_units)) + "\n")
            if i % 100 == 0 or i == len(found):
                spent = time.time() - started
                eta = spent / i * (len(found) - i)
                print(f"{i}/{len(found)}  {i / spent:.1f} q/s  eta {eta:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
