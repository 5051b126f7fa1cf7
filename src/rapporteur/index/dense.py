"""Dense search: unit pieces embedded into a FAISS inner-product index, max-pooled back to units.

Small indexes are searched exactly (one matrix product over every piece). Above EXACT_LIMIT
pieces an HNSW graph answers instead; filters still apply before ranking: a narrow filter is
searched exactly over the pieces it allows, a wide one restricts the graph walk to them.
Thresholds and graph settings come from ``python -m benchmarks.bench`` (docs/performance.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

# Exact search reads every vector per query (384-d float32: 1.5 KiB). Measured on the 2-core
# bench machine: 5.5 ms at 100k, 50 ms at 1M, so ~11 ms at 200k, half the query embedding.
EXACT_LIMIT = 200_000
HNSW_M = 32  # graph degree: 32 neighbours (64 at the bottom layer), ~270 B per vector
# Synthetic 1M (bench): efConstruction 40 reached recall@10 0.82 at efSearch 256; 100 doubles
# the build (300k: 26 -> 49 s; 1M: 125 s) and reaches 0.97 at efSearch 1024 (1.5 ms, 1 thread).
EF_CONSTRUCTION = 100
EF_SEARCH = 1024  # candidate list while walking the graph (at least DEPTH)
DEPTH = 100  # pieces an HNSW search returns; the rest count as the weakest of them
# A filter that leaves at most this many pieces is searched exactly over just those (bench, 1M:
# a 1% filter, 10k pieces, 4.9 ms); a graph walk that must skip most nodes loses recall instead.
# Wider filters walk the graph with a bitmap of allowed pieces (10% of 1M: 3.1 ms).
SUBSET_EXACT = 20_000


class Dense:
    """One model's vectors: FAISS index over pieces; ``owner[i]`` is the unit row of piece i."""

    def __init__(self, index, owner: np.ndarray, n_units: int, ef_search: int = EF_SEARCH) -> None:
        self.index = index
        self.owner = owner.astype(np.int64)
        self.n_units = n_units
        self.kind = "hnsw" if hasattr(index, "hnsw") else "flat"
        self.ef_search = ef_search
        if self.kind == "hnsw":
            index.hnsw.efSearch = ef_search  # not stored in the file
        # The raw vectors, viewed in place (no copy): exact search is one matrix product over them.
        self._vectors = _vectors_of(index)
        self._pool = UnitMax(self.owner, n_units)

    @classmethod
    def build(
        cls, vectors: np.ndarray, owner: np.ndarray, n_units: int, exact_limit: int | None = None
    ) -> Dense:
        """A flat index up to ``exact_limit`` pieces (default EXACT_LIMIT), an HNSW graph above."""
        import faiss

        limit = EXACT_LIMIT if exact_limit is None else exact_limit
        dim = vectors.shape[1]
        if len(vectors) > limit:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = EF_CONSTRUCTION
        else:
            index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, owner, n_units)

    def describe(self) -> dict:
        """What the manifest records about this index."""
        out = {"type": self.kind, "metric": "inner_product"}
        if self.kind == "hnsw":
            out |= {
                "M": HNSW_M,
                "ef_construction": int(self.index.hnsw.efConstruction),
                "ef_search": self.ef_search,
                "depth": DEPTH,
            }
        return out

    def save(self, folder: Path, name: str) -> None:
        import faiss

        faiss.write_index(self.index, str(folder / f"{name}.faiss"))
        np.save(folder / f"{name}.owner.npy", self.owner)

    @classmethod
    def load(cls, folder: Path, name: str, n_units: int) -> Dense:
        import faiss

        index = faiss.read_index(str(folder / f"{name}.faiss"))
        return cls(index, np.load(folder / f"{name}.owner.npy"), n_units)

    def scores(self, query: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity of each unit to the query: the best of its pieces.

        ``mask`` (one bool per unit) limits the search to those units; the scores of units
        outside it are meaningless (callers mask them). A flat index scores every unit exactly;
        an HNSW index scores its DEPTH best pieces and gives every other unit the lowest of
        those scores, so min-max fusion spans the candidates, as BM25's zeros do.
        """
        query = np.asarray(query, dtype=np.float32)
        allowed = None if mask is None or mask.all() else mask[self.owner]
        if self.kind == "flat" or (allowed is not None and allowed.sum() <= SUBSET_EXACT):
            return self._exact(query, allowed)
        return self._graph(query, allowed)

    def cosines(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosine (best piece) of the given unit rows, whatever the index type."""
        rows = np.asarray(rows, dtype=np.int64)
        pieces = np.flatnonzero(np.isin(self.owner, rows))
        best = np.full(self.n_units, -1.0, dtype=np.float32)
        np.maximum.at(
            best, self.owner[pieces], self._vectors[pieces] @ np.asarray(query, np.float32)
        )
        return best[rows]

    def _exact(self, query: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
        out = np.full(self.n_units, -1.0, dtype=np.float32)
        if not len(self._vectors):
            return out
        if allowed is None or (self.kind == "flat" and allowed.mean() > 0.5):
            return self._pool(self._vectors @ query)
        else:  # only the allowed pieces: a narrow filter makes this cheap
            rows = np.flatnonzero(allowed)
            np.maximum.at(out, self.owner[rows], self._vectors[rows] @ query)
        return out

    def _graph(self, query: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
        import faiss

        params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, DEPTH))
        if allowed is not None:  # the walk only returns allowed pieces (a pre-filter)
            bits = np.packbits(allowed, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits))
        sims, ids = self.index.search(query[None, :], DEPTH, params=params)
        found = ids[0] >= 0
        if not found.any():
            return np.full(self.n_units, -1.0, dtype=np.float32)
        sims = sims[0][found]
        out = np.full(self.n_units, sims.min(), dtype=np.float32)
        np.maximum.at(out, self.owner[ids[0][found]], sims)
        return out


class UnitMax:
    """Each unit's best piece score, -1 for a unit without pieces: ``np.maximum.at(out, owner,
    scores)`` on an array of -1, as one ``maximum.reduceat`` over the pieces grouped by unit.

    The same floats (a maximum does not round) in a fraction of the time: ``ufunc.at`` takes
    ~14 ms for 3,390 pieces on the loaded 2-core bench machine (library stage, benchmarks/bench.py).
    """

    def __init__(self, owner: np.ndarray, n_units: int) -> None:
        owner = np.asarray(owner, dtype=np.int64)
        grouped = bool(np.all(owner[1:] >= owner[:-1])) if len(owner) else True
        self.order = None if grouped else np.argsort(owner, kind="stable")
        sorted_owner = owner if grouped else owner[self.order]
        firsts = np.r_[True, sorted_owner[1:] != sorted_owner[:-1]] if len(owner) else []
        self.starts = np.flatnonzero(firsts)
        self.units = sorted_owner[self.starts]
        self.n_units = n_units

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        out = np.full(self.n_units, -1.0, dtype=np.float32)
        if not len(self.starts):
            return out
        scores = np.asarray(scores, dtype=np.float32)
        if self.order is not None:
            scores = scores[self.order]
        out[self.units] = np.maximum(np.maximum.reduceat(scores, self.starts), -1.0)
        return out


def _vectors_of(index) -> np.ndarray:
    """The float32 vectors a flat or HNSW-flat index stores, as a read-only view (no copy)."""
    import faiss

    flat = faiss.downcast_index(index.storage) if hasattr(index, "hnsw") else index
    if not flat.ntotal:
        return np.zeros((0, flat.d), dtype=np.float32)
    view = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)
    view.flags.writeable = False
    return view
