"""Retrieval metrics on standard shapes (pure): qrels {qid: {unit: rel}}, run {qid: [unit, ...]}.

Traps avoided: ideal DCG comes from the qrels, never from the run; repeated ids in a run are
scored once (first occurrence); fewer than k results are not padded into a higher score.
"""

from __future__ import annotations

import math
from statistics import mean


def dedupe(ranked: list[str]) -> list[str]:
    """First occurrence of each id, order kept."""
    seen: set[str] = set()
    return [u for u in ranked if not (u in seen or seen.add(u))]


def recall_at(ranked: list[str], relevant: set[str], k: int) -> float:
    """Share of the relevant ids found in the top k (1.0 when nothing is relevant is not defined: 0)."""
    if not relevant:
        return 0.0
    return len(set(dedupe(ranked)[:k]) & relevant) / len(relevant)


def mrr_at(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    """Reciprocal rank of the first relevant id within the top k."""
    for i, u in enumerate(dedupe(ranked)[:k], 1):
        if u in relevant:
            return 1.0 / i
    return 0.0


def ndcg_at(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    """nDCG@k with graded gains; the ideal ranking is built from the qrels."""
    dcg = sum(gains.get(u, 0) / math.log2(i + 1) for i, u in enumerate(dedupe(ranked)[:k], 1))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def score_run(
    run: dict[str, list[str]], qrels: dict[str, dict[str, int]], primary_level: int = 2
) -> dict[str, dict[str, float]]:
    """Per-query metrics; recall and MRR count the primary units (gain >= primary_level)."""
    out = {}
    for qid, gains in qrels.items():
        ranked = run.get(qid, [])
        primary = {u for u, g in gains.items() if g >= primary_level}
        out[qid] = {
            "recall@1": recall_at(ranked, primary, 1),
            "recall@5": recall_at(ranked, primary, 5),
            "recall@10": recall_at(ranked, primary, 10),
            "mrr@10": mrr_at(ranked, primary, 10),
            "ndcg@10": ndcg_at(ranked, gains, 10),
        }
    return out


def mean_scores(per_query: dict[str, dict[str, float]]) -> dict[str, float]:
    """Mean of each metric over queries."""
    if not per_query:
        return {}
    names = next(iter(per_query.values())).keys()
    return {n: mean(q[n] for q in per_query.values()) for n in names}
