"""Fit the ranker's weights from dumped candidates (dump.py) and write the shipped model.

    python -m training.ranker.fit [--train F.jsonl.gz] [--report G.jsonl.gz ...] [--out ranker.json]

`make ranker` runs it on the committed dumps (training/ranker/data, written by dump.py and
compacted to the fields read here): the shipped weights come back, with their figures.

Pairwise logistic regression (scikit-learn, C=1, no intercept): for each question, each gold
unit's features less each other candidate's, both ways round; features scaled by their spread
and the scale folded into the weights. English questions and the others get their own weights.
The features are the product's own (rapporteur.index.ranker.features), so what is fitted is
what runs. ``--report``: dumps to print R@5 / MRR@10 on, before and after (the held-out tenth,
the library set's tune half). Deterministic: the same dump gives the same weights.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from rapporteur.core.settings import Settings
from rapporteur.index.ranker import DEPTH, FEATURES, RANKER, Candidate, features, reorder

C = 1.0  # chosen among 0.1 and 1 on the tune half and held-out tenth (docs/reader-report.md)
# The second stage the dumps' candidates were scored behind (dump.py runs the shipped search: the
# reader for English questions, none for the others); the search applies each set of weights
# only behind the same one (index/ranker.Ranker.reads).
SECOND_STAGE = {"english": "sentences:reader", "foreign": None}


def candidates(question: dict) -> list[Candidate]:
    """A dumped question's candidates, as the search hands them to the ranker."""
    return [
        Candidate(
            h["score"],
            h["lists"],
            h["rerank"],
            h["named"],
            h["doc"],
            h["ord"],
            h["dsize"],
            h["words"],
        )
        for h in question["hits"][:DEPTH]
    ]


def pairs(questions: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Differences gold - other and other - gold, labelled 1 and 0."""
    xs, ys = [], []
    for q in questions:
        x = features(candidates(q))
        gold = np.array([h["gold"] > 0 for h in q["hits"][:DEPTH]])
        if not gold.any() or gold.all():
            continue
        for g in x[gold]:
            d = g - x[~gold]
            xs += [d, -d]
            ys += [np.ones(len(d)), np.zeros(len(d))]
    return np.vstack(xs), np.concatenate(ys)


def weights(questions: list[dict]) -> list[float]:
    """The fitted weights over FEATURES, scale folded in (a score is features @ weights)."""
    from sklearn.linear_model import LogisticRegression

    x, y = pairs(questions)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000, fit_intercept=False).fit(x / scale, y)
    return [round(float(w), 6) for w in model.coef_[0] / scale]


def blended_order(hits: list[dict], learned: np.ndarray, blend: float) -> list[int]:
    """The dumped hits' positions (the search's order) re-ordered by ``learned`` scores blended
    with that order at ``blend`` (index/ranker.reorder; pure)."""
    scores = -np.arange(len(hits), dtype=np.float64)  # the search's order, best first
    placed = reorder(scores, learned, [h["named"] for h in hits], blend)
    return sorted(range(len(hits)), key=lambda i: -placed[i])


def gold_counts(question: dict, order: list[int]) -> tuple[float, float]:
    """A dumped question's share of primary gold in the top 5 of ``order`` (positions in its
    hits) and the reciprocal rank of the first within 10, as `rapporteur eval` counts them."""
    ranks = [r for r, i in enumerate(order) if question["hits"][i]["gold"] == 2]
    return (
        sum(r < 5 for r in ranks) / max(question["nprim"], 1),
        1 / (ranks[0] + 1) if ranks and ranks[0] < 10 else 0.0,
    )


def figures(questions: list[dict], w: np.ndarray | None, blend: float = 1.0) -> dict:
    """R@5 and MRR@10 over the primary gold, as `rapporteur eval` counts them, in the search's
    order (``w`` None) or the ranker's blended with it at ``blend`` (index/ranker.reorder)."""
    r5 = mrr = 0.0
    for q in questions:
        hits = q["hits"][:DEPTH]
        order = list(range(len(hits)))
        if w is not None and order:
            order = blended_order(hits, features(candidates(q)) @ w, blend)
        recall, reciprocal = gold_counts(q, order)
        r5 += recall
        mrr += reciprocal
    n = max(len(questions), 1)
    return {"questions": len(questions), "R@5": round(r5 / n, 3), "MRR@10": round(mrr / n, 3)}


DATA = Path(__file__).resolve().parent / "data"
REPORTS = ("library_tune", "held_en", "held_other", "seed")  # the sets the weight was chosen on


def read(path: Path) -> list[dict]:
    """A dump's answerable questions (dump.py; gzipped or not)."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    rows = [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
    return [q for q in rows if q["nprim"]]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=DATA / "train.jsonl.gz")
    ap.add_argument(
        "--report", type=Path, nargs="*", default=[DATA / f"{n}.jsonl.gz" for n in REPORTS]
    )
    ap.add_argument("--out", type=Path, default=RANKER)
    args = ap.parse_args(argv)
    started = time.time()
    train = read(args.train)
    groups = {"english": [q for q in train if not q["foreign"]]}
    groups["foreign"] = [q for q in train if q["foreign"]]
    fitted = {g: weights(qs) for g, qs in groups.items()}
    report = {}
    weight = Settings().ranker_weight  # the shipped blend (core/settings.py)
    for path in args.report:
        qs = read(path)
        for g, sub in (
            ("english", [q for q in qs if not q["foreign"]]),
            ("foreign", [q for q in qs if q["foreign"]]),
        ):
            if sub:
                report[f"{path.name.split('.')[0]} {g}"] = {
                    "search": figures(sub, None),
                    "ranker": figures(sub, np.asarray(fitted[g])),
                    f"blend {weight}": figures(sub, np.asarray(fitted[g]), weight),
                }
    card = {
        "name": "ranker-pairwise-logistic",
        "data_sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
        "questions": {g: len(qs) for g, qs in groups.items()},
        "C": C,
        "fit_seconds": round(time.time() - started, 1),
        "report": report,
    }
    model = {
        "features": list(FEATURES),
        "depth": DEPTH,
        "second_stage": SECOND_STAGE,
        "weights": fitted,
        "card": card,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
