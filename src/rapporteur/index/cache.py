"""Embedding cache by content hash: re-indexing never re-embeds a text a model has seen."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import numpy as np


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors keyed by (model id, SHA-256 of the text) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path)) as con, con:
            con.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, sha TEXT, vec BLOB,"
                        " PRIMARY KEY (model, sha))")

    def embed(self, model_id: str, texts: list[str], compute: Callable[[list[str]], np.ndarray],
              dim: int) -> tuple[np.ndarray, int]:
        """Vectors for texts, computing only the missing ones; returns (vectors, how many computed)."""
        shas = [text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with closing(sqlite3.connect(self.path)) as con:
            for i in range(0, len(shas), 500):
                chunk = shas[i:i + 500]
                q = f"SELECT sha, vec FROM vectors WHERE model=? AND sha IN ({','.join('?' * len(chunk))})"
                for sha, blob in con.execute(q, [model_id, *chunk]):
                    found[sha] = np.frombuffer(blob, dtype=np.float32)
        missing = sorted({s: t for s, t in zip(shas, texts) if s not in found}.items())
        if missing:
            vectors = np.asarray(compute([t for _, t in missing]), dtype=np.float32)
            with closing(sqlite3.connect(self.path)) as con, con:
                con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                [(model_id, s, v.tobytes()) for (s, _), v in zip(missing, vectors)])
            found.update({s: v for (s, _), v in zip(missing, vectors)})
        out = np.stack([found[s] for s in shas]) if shas else np.zeros((0, dim), dtype=np.float32)
        return out, len(missing)
