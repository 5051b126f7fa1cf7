"""Score fusion (pure): min-max normalisation, weighted sums and reciprocal rank fusion."""

from __future__ import annotations

import numpy as np


def minmax(scores: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Scale scores to [0, 1] over the masked candidates; a flat list becomes all zeros."""
    out = np.zeros_like(scores, dtype=np.float32)
    sel = np.ones(len(scores), dtype=bool) if mask is None else mask
    if not sel.any():
        return out
    lo, hi = float(scores[sel].min()), float(scores[sel].max())
    if hi - lo > 1e-9:
        out[sel] = (scores[sel] - lo) / (hi - lo)
    return out


def weighted(
    lists: dict[str, np.ndarray], weights: dict[str, float], mask: np.ndarray
) -> np.ndarray:
    """Weighted sum of min-max normalised score arrays over the same units (weights sum to 1)."""
    total = sum(weights[name] for name in lists) or 1.0
    fused = np.zeros(len(mask), dtype=np.float32)
    for name, scores in lists.items():
        fused += (weights[name] / total) * minmax(scores, mask)
    return np.where(mask, fused, -np.inf)


def rrf(
    lists: dict[str, np.ndarray], mask: np.ndarray, k: int = 60, depth: int = 100
) -> np.ndarray:
    """Reciprocal rank fusion of the top `depth` of each list: sum of 1 / (k + rank)."""
    fused = np.zeros(len(mask), dtype=np.float32)
    for scores in lists.values():
        s = np.where(mask, scores, -np.inf)
        top = np.argsort(-s, kind="stable")[:depth]
        for rank, i in enumerate(top, 1):
            if np.isfinite(s[i]):
                fused[i] += 1.0 / (k + rank)
    return np.where(mask, fused, -np.inf)


def top_k(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the k best finite scores, best first; ties keep index order (deterministic)."""
    finite = np.flatnonzero(np.isfinite(scores))
    if not len(finite):
        return []
    if k < len(finite):
        # Partition first (O(n)), keeping every unit tied with the k-th so ties still break by index:
        # at 1M units this is ~7 ms instead of ~100 ms for a full sort.
        kth = np.partition(-scores[finite], k - 1)[k - 1]
        finite = finite[-scores[finite] <= kth]
    order = finite[np.argsort(-scores[finite], kind="stable")]
    return [int(i) for i in order[:k]]
