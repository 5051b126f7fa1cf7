"""Answers on a library set, with retrieval cached per question, for sweeping abstention thresholds.

    PYTHONPATH=src:. python -m eval.answers_sweep --home /work/libhome-ans \
        --questions eval/library/library_questions.jsonl [--cache /tmp/ans-hits.pkl]

Prints, per split: the answer summary (harness.summarise_answers, per kind too) and the support
score of every question, so a threshold can be chosen on the tune half and read on the check half.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path


def cached_search(searcher, path: Path):
    """Wrap ``searcher.search`` so each (query, k) is retrieved once, across runs."""
    store = pickle.loads(path.read_bytes()) if path.exists() else {}
    search = searcher.search

    def run(query, k=10, filters=None, config=None):
        key = (query, k, filters is None)
        if key not in store:
            store[key] = search(query, k, filters, config)
            path.write_bytes(pickle.dumps(store))
        return store[key]

    searcher.search = run
    return searcher


def rows_of(searcher, questions, config):
    from rapporteur.assistant.answer import answer
    from rapporteur.evaluation.retrieval import qrels_of

    rows = []
    for q in questions:
        started = time.perf_counter()
        a = answer(q["q"], searcher, config=config)
        gains = qrels_of([q]).get(q["id"], {})
        cited = {u.key for u in a.citations}
        primary = {k for k, g in gains.items() if g >= 2}
        rows.append(
            {
                "id": q["id"],
                "split": q["split"],
                "kind": q["kind"],
                "lang": q.get("lang", "en"),
                "abstained": a.abstained,
                "support": getattr(a, "support", None),
                "cites_primary": bool(cited & primary),
                "cited": sorted(cited),
                "precision": len(cited & set(gains)) / len(cited) if cited else None,
                "seconds": round(time.perf_counter() - started, 3),
                "text": a.text,
            }
        )
    return rows


def sweep_quote_weights(searcher, questions, config, weightings: list[str]) -> None:
    """cites_primary / citation precision per half for each quote weighting "L/D/P"."""
    import rapporteur.assistant.select as select
    from rapporteur.evaluation.harness import summarise_answers

    answerable = [q for q in questions if q["kind"] != "no_answer"]
    for weighting in weightings:
        select.QUOTE_WEIGHTS = tuple(float(w) for w in weighting.split("/"))
        rows = rows_of(searcher, answerable, config)
        cells = []
        for split in ("tune", "check"):
            s = summarise_answers([r for r in rows if r["split"] == split])
            cells.append(f"{split} {s['cites_primary']:.3f} / {s['citation_precision']:.3f}")
        print(weighting, "  ".join(cells), flush=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--home", required=True)
    p.add_argument("--questions", required=True)
    p.add_argument("--cache", default="/tmp/ans-hits.pkl")
    p.add_argument("--out", default="/tmp/ans-rows.json")
    p.add_argument("--only", help="comma-separated question ids")
    p.add_argument(
        "--quote-weights",
        nargs="*",
        metavar="L/D/P",
        help="answer with each quote weighting in turn (select.QUOTE_WEIGHTS: term share / "
        "cosine / retrieval prior) and print one line of figures per weighting and half",
    )
    args = p.parse_args()

    from rapporteur.app.facade import Rapporteur
    from rapporteur.core.settings import load_settings
    from rapporteur.evaluation.library import resolve

    app = Rapporteur.open(load_settings(home=Path(args.home)))
    searcher = cached_search(app.searcher, Path(args.cache))
    questions = [json.loads(line) for line in open(args.questions) if line.strip()]
    questions, missing = resolve(questions, searcher.units)
    if args.only:
        keep = set(args.only.split(","))
        questions = [q for q in questions if q["id"] in keep]
    if args.quote_weights:
        sweep_quote_weights(searcher, questions, app.config, args.quote_weights)
        return
    rows = rows_of(searcher, questions, app.config)
    Path(args.out).write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    from rapporteur.evaluation.harness import summarise_answers

    for split in ("tune", "check"):
        part = [r for r in rows if r["split"] == split]
        if not part:
            continue
        s = summarise_answers(part)
        print(
            split,
            json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in s.items()}),
        )
        for kind in sorted({r["kind"] for r in part}):
            sk = summarise_answers([r for r in part if r["kind"] == kind])
            print(
                f"  {kind:13s} n={sum(r['kind'] == kind for r in part):3d} primary={sk['cites_primary']:.3f} "
                f"prec={sk['citation_precision']:.3f} abst_acc={sk['abstention_accuracy']} "
                f"false_abst={sk['false_abstentions']}"
            )


if __name__ == "__main__":
    main()
