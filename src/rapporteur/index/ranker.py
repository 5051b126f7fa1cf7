"""The ranker: a linear model, learned from thousands of questions written for the UN library
(training/ranker), that re-orders a search's best candidates by the signals the search has
already computed for them (pure, apart from loading the model file).

What it reads of each of the best ``depth`` candidates (``features``): its final score's gap to
the best and its rank; each first-stage list's raw score (BM25 as a share of the best
candidate's, a model's cosine less the best's); the reader's score and its gap to the best; its
position in its document, the document's size and the unit's length; how many candidates its
document holds, whether it is the best document and the unit its document's first candidate;
whether the question names it. English questions and the others have their own weights (the
reader scores English questions only). The weights were learned pairwise (a gold unit against
each other candidate of its question) on the shipped search's top 30 for 2,360 written questions
over the 651-document library; the verdict's logit and the unit's kind were left out by
measurement and by the data. Its order is blended with the search's by rank at the settings'
``ranker_weight`` (docs/reader-report.md, "A learned ranker").
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError

RANKER = Path(__file__).resolve().parent / "models" / "ranker" / "ranker.json"  # training/ranker
DEPTH = 30  # candidates re-ordered: the second stage's depth, which the reader scores
LISTS = ("bm25", "e5-small", "use-m3")  # the first-stage lists it reads, by name
FEATURES = (
    ("gap", "inv_rank", "log_rank")
    + tuple(f"{name}_{what}" for name in LISTS for what in ("v", "miss"))
    + ("rer_gap", "rer", "rer_miss")
    + ("pos", "first", "log_dsize", "log_words")
    + ("doc_share", "top_doc", "doc_inv_rank", "doc_first", "named")
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranker reads of one candidate, in the search's order."""

    score: float  # the search's final score
    lists: dict[str, float]  # first-stage list name -> raw score
    rerank: float | None  # the second stage's score, None when it did not score this unit
    named: bool  # the question names the unit
    doc: str
    ordinal: int  # position in its document
    doc_units: int  # units in its document
    words: int


def features(candidates: Sequence[Candidate]) -> np.ndarray:
    """One row of ``FEATURES`` per candidate, each relative to the others where it says so."""
    if not candidates:
        return np.zeros((0, len(FEATURES)))
    top = candidates[0].score
    best = {n: max((c.lists.get(n, -1e9) for c in candidates), default=0.0) for n in LISTS}
    read = [c.rerank for c in candidates if c.rerank is not None]
    read_best = max(read) if read else 0.0
    docs: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        docs.setdefault(c.doc, []).append(i)
    doc_rank = {d: r for r, d in enumerate(docs)}
    rows = []
    for i, c in enumerate(candidates):
        row = [c.score - top, 1.0 / (1 + i), math.log1p(i)]
        for name in LISTS:
            v = c.lists.get(name)
            if v is None:
                row += [0.0, 1.0]
            elif name == "bm25":
                row += [v / (best[name] or 1.0), 0.0]
            else:
                row += [v - best[name], 0.0]
        r = c.rerank
        row += [0.0, 0.0, 1.0] if r is None else [r - read_best, r, 0.0]
        row += [
            c.ordinal / max(c.doc_units, 1),
            float(c.ordinal == 0),
            math.log1p(c.doc_units),
            math.log1p(c.words),
        ]
        mine = docs[c.doc]
        rank = doc_rank[c.doc]
        row += [len(mine) / len(candidates), float(rank == 0), 1.0 / (1 + rank)]
        row += [float(mine[0] == i), float(c.named)]
        rows.append(row)
    return np.asarray(rows, dtype=np.float64)


class Ranker:
    """The shipped weights (ranker.json): a score per candidate, higher first."""

    def __init__(self, path: Path = RANKER) -> None:
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
        except (OSError, json.JSONDecodeError):
            raise ConfigError(
                f"{path}: no ranker; retrain it (training/ranker/README.md)"
            ) from None
        if tuple(data["features"]) != FEATURES:
            raise ConfigError(f"{path}: made for other features; retrain it (training/ranker)")
        self.card = data["card"]
        self.depth = int(data.get("depth", DEPTH))
        # the second stage each set of weights was learned behind ("sentences:reader", or None)
        self._behind = data.get("second_stage", {})
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self._weights = {g: np.asarray(w, dtype=np.float64) for g, w in data["weights"].items()}

    def reads(self, foreign: bool, second_stage: str | None) -> bool:
        """Whether its weights were learned behind this second stage (a scorer's name, None when
        none ran) for such a question: an English question searched without the reader, or
        with another scorer, is outside what it learned and keeps the search's order."""
        group = "foreign" if foreign else "english"
        return group in self._weights and self._behind.get(group) == second_stage

    def scores(self, candidates: Sequence[Candidate], foreign: bool) -> np.ndarray:
        """The learned score of each candidate (for an English question or another)."""
        return features(candidates) @ self._weights["foreign" if foreign else "english"]


RANK_K = 5  # the blend's rank offset, as in reciprocal rank fusion (tune half: 1 and 5 alike)


def reorder(
    scores: np.ndarray, learned: np.ndarray, named: Sequence[bool], weight: float
) -> np.ndarray:
    """The candidates' scores (best first) handed out again in the blended order: units the
    question names first (as the search put them), then by ``weight`` / (RANK_K + the learned
    rank) + (1 - ``weight``) / (RANK_K + the search's rank). The set of scores is unchanged, so
    what reads them (the quotes' share of the best) sees the same scale."""
    n = len(scores)
    learned_rank = np.empty(n)
    learned_rank[np.argsort(-np.asarray(learned), kind="stable")] = np.arange(n)
    blend = weight / (RANK_K + learned_rank) + (1 - weight) / (RANK_K + np.arange(n))
    order = sorted(range(n), key=lambda i: (not named[i], -blend[i], i))
    out = np.empty(n, dtype=np.float64)
    out[order] = np.sort(np.asarray(scores, dtype=np.float64))[::-1]
    return out


@lru_cache(maxsize=2)
def load_ranker(path: Path = RANKER) -> Ranker:
    """The shipped ranker, loaded once per process."""
    return Ranker(path)
