"""Fit the compendium's SDG pair model (assistant/compendium/sdg.py PAIR_WEIGHTS) and measure it
by leaving each labelled document out (the coefficients and the threshold refitted without it).

    python eval/compendium_sdg_fit.py --library /work/lib2025/raw --corpus ../shared/corpus

Reads eval/compendium/{tune,check,check2}.jsonl (named: a later held-out half beside them is
never read), parses their documents, extracts the entries, embeds
them and the 169 target texts with all-MiniLM-L6-v2, and fits a logistic regression (scikit-learn,
C=1) over the six pair features of ``sdg.pair_probabilities``. Prints the fitted weights, the
nested leave-one-document-out P/R at P >= 0.80 (all and per half), and the threshold (median
of the refits). Round 2 (branch comprules2): 239 entries, 170 links, 26 documents; P 0.800 R 0.353.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from rapporteur.assistant.compendium.build import sdg_cosines
from rapporteur.assistant.compendium.extract import extract
from rapporteur.assistant.compendium.sdg import SIMILARITY_MODEL, targets, term_scores
from rapporteur.evaluation.compendium_library import entry_key, load_labels
from rapporteur.index.embedders import load_embedder
from rapporteur.ingest.parse import parse

LABELS = Path(__file__).parent / "compendium"
SPLITS = ("tune", "check", "check2")
WANT_PRECISION = 0.80


def pair_features(cosines: np.ndarray, terms: np.ndarray, goals: np.ndarray) -> np.ndarray:
    """The six features of sdg.pair_probabilities, one row per target."""
    rank = np.argsort(np.argsort(-cosines, kind="stable"), kind="stable")
    goal_terms = np.array([terms[goals == g].sum() for g in goals])
    return np.stack(
        [
            cosines,
            cosines - cosines.max(),
            1.0 / (rank + 1),
            np.minimum(terms, 4),
            (terms > 0) * 1.0,
            np.minimum(goal_terms, 6),
        ],
        1,
    )


def labelled_entries(library: Path, corpus: Path) -> tuple[list, list[str], list[list[str]], list]:
    files = {p.stem: p for p in corpus.rglob("*.pdf")}
    records, docs, gold, halves = [], [], [], []
    for split in SPLITS:
        rows = load_labels(LABELS, split)
        for doc in sorted({r["doc"] for r in rows}):
            parsed = parse(files.get(doc) or library / f"{doc}.en.pdf")
            found = {
                entry_key(x.doc, x.unit, x.item): x
                for x in extract(parsed.units, {parsed.document.doc: parsed.document})
            }
            for r in rows:
                key = entry_key(r["doc"], r.get("unit", ""), r.get("item"))
                if r["doc"] == doc and not r.get("none") and key in found:
                    records.append(found[key])
                    docs.append(doc)
                    gold.append(r["sdg_targets"])
                    halves.append(split)
    return records, docs, gold, halves


def decide(p: np.ndarray, threshold: float, top: int = 3) -> np.ndarray:
    out = np.zeros_like(p)
    for i, order in enumerate(np.argsort(-p, 1)[:, :top]):
        out[i, order] = p[i, order] >= threshold
    return out


def precision_recall(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    tp = (pred * gold).sum()
    return tp / max(pred.sum(), 1), tp / max(gold.sum(), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    records, docs, gold_ids, halves = labelled_entries(args.library, args.corpus)
    ids = [t.id for t in targets()]
    goals = np.array([t.goal for t in targets()])
    cosines = sdg_cosines(records, load_embedder(SIMILARITY_MODEL).embed_passages)
    x = np.array(
        [pair_features(cosines[i], term_scores(r.text, ids), goals) for i, r in enumerate(records)]
    )
    gold = np.array([[t in g for t in ids] for g in gold_ids], dtype=float)
    names = sorted(set(docs))
    which = np.array([names.index(d) for d in docs])

    def fit(rows):
        model = LogisticRegression(C=1.0, max_iter=3000)
        return model.fit(x[rows].reshape(-1, x.shape[2]), gold[rows].reshape(-1))

    def proba(model, rows):
        return model.predict_proba(x[rows].reshape(-1, x.shape[2]))[:, 1].reshape(len(rows), -1)

    def threshold_for(p, g):
        ok = [
            t
            for t in np.arange(0.05, 0.95, 0.01)
            if precision_recall(decide(p, t), g)[0] >= WANT_PRECISION
        ]
        return max(ok, key=lambda t: precision_recall(decide(p, t), g)[1]) if ok else 0.95

    nested, thresholds = np.zeros_like(gold), []
    for d in range(len(names)):
        train, test = np.where(which != d)[0], np.where(which == d)[0]
        inner = np.zeros((len(train), len(ids)))
        for d2 in set(which[train]):
            held = train[which[train] == d2]
            inner[np.searchsorted(train, held)] = proba(fit(train[which[train] != d2]), held)
        thresholds.append(threshold_for(inner, gold[train]))
        nested[test] = decide(proba(fit(train), test), thresholds[-1])
    p, r = precision_recall(nested, gold)
    final = fit(np.arange(len(records)))
    print(f"{len(records)} entries, {int(gold.sum())} links, {len(names)} documents")
    print(f"nested leave-one-document-out: P {p:.3f} R {r:.3f}")
    for half in SPLITS:
        rows = np.array([h == half for h in halves])
        hp, hr = precision_recall(nested[rows], gold[rows])
        print(f"  {half}: P {hp:.3f} R {hr:.3f}")
    print("weights", np.round(final.coef_[0], 3), "bias", round(float(final.intercept_[0]), 3))
    print("threshold (median of the refits)", round(float(np.median(thresholds)), 2))


if __name__ == "__main__":
    main()
