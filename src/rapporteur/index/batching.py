"""Length batching: embed texts in batches of similar length, return vectors in input order (pure).

A transformer pads every text of a batch to the longest one. The build hands the embedder its
pieces in cache order (by content hash), so a batch of 32 mixes a 20-token heading with a
500-token paragraph and computes mostly padding; sorted by length first, the same pieces
carry almost none (corpus pieces: median 89 e5 tokens, 90th percentile 228, max 670).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def length_batches(
    lengths: Sequence[int], max_tokens: int = 4096, max_rows: int = 64
) -> list[np.ndarray]:
    """Row indices of ``lengths`` in batches of similar length, shortest first.

    A batch holds at most ``max_rows`` rows and, padded to its longest row, at most
    ``max_tokens`` tokens (always at least one row, however long).
    """
    order = np.argsort(np.asarray(lengths, dtype=np.int64), kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        end = start + 1
        # rows are sorted, so the padded size of order[start:end+1] is its last row times its count
        while (
            end < len(order)
            and end - start < max_rows
            and lengths[order[end]] * (end - start + 1) <= max_tokens
        ):
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


def embed_by_length(
    items: Sequence,
    lengths: Sequence[int],
    encode: Callable[[list], np.ndarray],
    dim: int,
    max_tokens: int = 4096,
    max_rows: int = 64,
) -> np.ndarray:
    """``encode`` over length batches of ``items``; row i of the result belongs to ``items[i]``."""
    out = np.zeros((len(items), dim), dtype=np.float32)
    for rows in length_batches(lengths, max_tokens, max_rows):
        out[rows] = encode([items[i] for i in rows])
    return out
