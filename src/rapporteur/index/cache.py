"""Embedding cache by content hash: re-indexing never re-embeds a text a model has seen."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import numpy as np

from rapporteur.core.tokens import model_budget, pieces_of
from rapporteur.core.units import Unit

# Texts embedded and committed at a time: a killed build loses at most one chunk (~20 s of e5 on
# 2 cores), and the per-chunk cost of a commit is negligible beside the model's.
CHUNK = 256


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors keyed by (model id, SHA-256 of the text) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path)) as con, con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT, sha TEXT, vec BLOB,"
                " PRIMARY KEY (model, sha))"
            )

    def embed(
        self,
        model_id: str,
        texts: list[str],
        compute: Callable[[list[str]], np.ndarray],
        dim: int,
        progress: Callable[[int, int, float], None] | None = None,
        chunk: int = CHUNK,
    ) -> tuple[np.ndarray, int]:
        """Vectors for texts, computing only the missing ones; returns (vectors, how many computed).

        Missing texts are computed and committed ``chunk`` at a time, so a run killed midway
        keeps what it embedded; ``progress(done, missing, share)`` is called after each chunk,
        ``share`` the fraction of the missing characters embedded (texts go shortest first, so
        the count alone would promise the long ones too early).
        """
        shas = [text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with closing(sqlite3.connect(self.path)) as con:
            for i in range(0, len(shas), 500):
                part = shas[i : i + 500]
                q = f"SELECT sha, vec FROM vectors WHERE model=? AND sha IN ({','.join('?' * len(part))})"
                for sha, blob in con.execute(q, [model_id, *part]):
                    found[sha] = np.frombuffer(blob, dtype=np.float32)
        # shortest first (then by hash, for a fixed order): each chunk holds texts of one length,
        # so an engine that batches by length pads almost nothing across the chunk's batches
        missing = sorted(
            {s: t for s, t in zip(shas, texts) if s not in found}.items(),
            key=lambda item: (len(item[1]), item[0]),
        )
        total_chars, done_chars = sum(len(t) for _, t in missing) or 1, 0
        for start in range(0, len(missing), chunk):
            batch = missing[start : start + chunk]
            vectors = np.asarray(compute([t for _, t in batch]), dtype=np.float32)
            with closing(sqlite3.connect(self.path)) as con, con:
                con.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [(model_id, s, v.tobytes()) for (s, _), v in zip(batch, vectors)],
                )
            found.update({s: v for (s, _), v in zip(batch, vectors)})
            done_chars += sum(len(t) for _, t in batch)
            if progress:
                progress(start + len(batch), len(missing), done_chars / total_chars)
        out = np.stack([found[s] for s in shas]) if shas else np.zeros((0, dim), dtype=np.float32)
        return out, len(missing)


def unit_vectors(units: list[Unit], embedder, cache) -> np.ndarray:
    """Unit-length vectors of units from the index's cached piece vectors (mean of each unit's pieces)."""

    texts, owner = pieces_of(units, model_budget(embedder.max_tokens))
    pieces, _ = cache.embed(embedder.model_id, texts, embedder.embed_passages, embedder.dim)
    out = np.zeros((len(units), embedder.dim), dtype=np.float32)
    np.add.at(out, owner, pieces)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)
