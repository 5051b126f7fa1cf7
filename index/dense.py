"""Dense search: unit pieces embedded into a FAISS inner-product index, max-pooled back to units."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class Dense:
    """One model's vectors: FAISS index over pieces; ``owner[i]`` is the unit row of piece i."""

    def __init__(self, index, owner: np.ndarray, n_units: int) -> None:
        self.index = index
        self.owner = owner.astype(np.int64)
        self.n_units = n_units
        # Exact search over a flat index is one matrix product; keep the vectors at hand for it.
        self._vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d))

    @classmethod
    def build(cls, vectors: np.ndarray, owner: np.ndarray, n_units: int) -> Dense:
        import faiss

        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, owner, n_units)

    def save(self, folder: Path, name: str) -> None:
        import faiss

        faiss.write_index(self.index, str(folder / f"{name}.faiss"))
        np.save(folder / f"{name}.owner.npy", self.owner)

    @classmethod
    def load(cls, folder: Path, name: str, n_units: int) -> Dense:
        import faiss

        index = faiss.read_index(str(folder / f"{name}.faiss"))
        return cls(index, np.load(folder / f"{name}.owner.npy"), n_units)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of every unit to the query: the best of its pieces (exact)."""
        out = np.full(self.n_units, -1.0, dtype=np.float32)
        if not len(self._vectors):
            return out
        sims = self._vectors @ np.asarray(query, dtype=np.float32)
        np.maximum.at(out, self.owner, sims)
        return out
