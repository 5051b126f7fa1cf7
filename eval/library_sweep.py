"""Search configurations over the library set's halves in one process (eval/library/README.md).

    python -m eval.library_sweep --home H [--split tune] [--misses] [--only PREFIX ...]

Loads the searcher of home H once, resolves the library set's gold against its units and prints,
for each configuration of ``variants()``, R@5 / MRR@10 / doc@5 overall and per kind on each half.
``--misses`` lists, for the default, every question whose primary unit is not in the top 5, with
the rank of its first primary (or ">30") and the top 3 hits.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from rapporteur.app.facade import Rapporteur
from rapporteur.core.settings import load_settings
from rapporteur.evaluation.harness import doc_at_k
from rapporteur.evaluation.library import resolve
from rapporteur.evaluation.metrics import score_run
from rapporteur.evaluation.retrieval import load_questions, qrels_of

SET = Path(__file__).resolve().parent / "library" / "library_questions.jsonl"


def variants(default):
    """Named configurations to compare: the default first (add a line per configuration tried)."""
    out = {"default": default, "no-rerank": dataclasses.replace(default, rerank=False)}
    for depth in (10, 20):
        for w in (0.1, 0.2, 0.3):
            out[f"rerank {depth}/{w}"] = dataclasses.replace(
                default, rerank_depth=depth, rerank_weight=w
            )
    for w in (0.1, 0.3):
        out[f"rerank 30/{w}"] = dataclasses.replace(default, rerank_weight=w)
    grid = [(b, e) for b in (0.1, 0.15, 0.2) for e in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)]
    for bm, e5 in grid:
        fw = {"bm25": bm, "e5-small": e5, "use-m3": round(1 - bm - e5, 2)}
        out[f"foreign {bm}/{e5}"] = dataclasses.replace(default, foreign_weights=fw)
    for bm in (0.1, 0.3, 0.4):
        out[f"bm25 {bm}"] = dataclasses.replace(default, weights={"bm25": bm, "e5-small": 1 - bm})
    for bm in (0.15, 0.2, 0.25, 0.3):
        for use in (0.0, 0.1, 0.2):
            w = {"bm25": bm, "e5-small": round(1 - bm - use, 2), "use-m3": use}
            out[f"english {bm}/{use}"] = dataclasses.replace(default, weights=w)
    for use in (0.15, 0.3):
        w = {"bm25": 0.2, "e5-small": 0.8 - use, "use-m3": use}
        out[f"use-m3 {use}"] = dataclasses.replace(default, weights=w)
    return out


def scores(searcher, questions, config, depth=30):
    qrels = qrels_of(questions)
    run = {
        q["id"]: [h.unit.key for h in searcher.search(q["q"], depth, config=config)]
        for q in questions
        if q["id"] in qrels
    }
    per = score_run(run, qrels)
    for qid, ranked in run.items():
        per[qid]["doc@5"] = doc_at_k(ranked, qrels[qid], 5)
    return per, run, qrels


def table(per, questions):
    kinds = {q["id"]: q["kind"] for q in questions}
    rows = {"all": list(per)}
    for qid in per:
        rows.setdefault(kinds[qid], []).append(qid)
    out = {}
    for name, ids in rows.items():
        out[name] = tuple(
            sum(per[i][m] for i in ids) / len(ids) for m in ("recall@5", "mrr@10", "doc@5")
        ) + (len(ids),)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--split", action="append", choices=["tune", "check"])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--json")
    args = ap.parse_args()
    settings = load_settings(home=Path(args.home))
    rapporteur = Rapporteur.open(settings)
    searcher = rapporteur.searcher
    questions, _ = resolve(load_questions(SET), searcher.units)
    configs = variants(rapporteur.config)
    if args.only:
        configs = {n: c for n, c in configs.items() if any(n.startswith(o) for o in args.only)}
    report = {}
    for split in args.split or ["tune", "check"]:
        qs = [q for q in questions if q["split"] == split]
        for name, config in configs.items():
            per, run, qrels = scores(searcher, qs, config)
            t = table(per, qs)
            report[f"{split}/{name}"] = t
            cells = "  ".join(f"{k} {r:.3f}/{m:.3f}/{d:.2f}" for k, (r, m, d, _) in t.items())
            print(f"{split:5} {name:24} {cells}", flush=True)
            if args.misses and name == "default":
                for q in qs:
                    if q["id"] in per and per[q["id"]]["recall@5"] < 1:
                        primary = {u for u, g in qrels[q["id"]].items() if g >= 2}
                        ranks = [i + 1 for i, u in enumerate(run[q["id"]]) if u in primary]
                        print(f"   {q['id']} {q['kind']:12} ranks {ranks or '>30'} {q['q'][:90]}")
                        print(f"        gold {sorted(primary)[:3]} top {run[q['id']][:3]}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
