"""Second stage: re-score the first stage's best candidates with a slower, finer scorer.

Any object with ``score(query, units) -> array`` is a scorer. Three ship here:

- ``SentenceScorer``: the best cosine between the question and any one sentence of a unit, with
  any embedder (MiniLM by default). A long paragraph that answers the question in one sentence
  is not diluted by the rest of it.
- ``LexicalScorer``: the share of the question's content words the unit contains (no model).
- ``CrossEncoderScorer``: a sentence-transformers cross-encoder from a local folder
  (setting ``reranker`` names its folder); nothing is ever downloaded.

``blend`` mixes the two stages on the candidates (pure); ``Searcher.search`` calls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.core.text import sentences as split_text
from rapporteur.core.units import Unit
from rapporteur.index.fusion import minmax


@runtime_checkable
class Scorer(Protocol):
    """Scores candidate units for a query: higher is better, on any scale (the stage rescales)."""

    name: str
    english_only: bool  # skip non-English questions (a model that only reads English)

    def score(self, query: str, units: Sequence[Unit]) -> np.ndarray: ...

    def prepare(self, units: Sequence[Unit], progress=None) -> int:
        """Do now, at index time, what scoring would otherwise do per query; returns the work done."""
        ...


def sentences(text: str) -> list[str]:
    """A unit's text cut into sentences and list items (pure); short fragments join their neighbour."""
    return split_text(text, clauses=True)


def blend(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """``(1 - weight) * first + weight * second`` after min-max scaling each over the candidates (pure)."""
    return (1.0 - weight) * minmax(np.asarray(first, dtype=np.float32)) + weight * minmax(
        np.asarray(second, dtype=np.float32)
    )


def rescore(fused: np.ndarray, rows: list[int], second: np.ndarray, weight: float) -> np.ndarray:
    """Fused scores with the candidate ``rows`` re-scored by ``second`` (pure).

    Units past the candidates keep their first-stage score on the same scale with no
    second-stage credit, so they stay below every candidate (worked: candidates' fused 0.5-0.9,
    weight 0.2; a unit at 0.4 scores 0.8 * (0.4 - 0.5) / 0.4 = -0.2, below any candidate's >= 0).
    """
    out = np.array(fused, dtype=np.float32)
    if not rows:
        return out
    first = out[rows]
    lo, hi = float(first.min()), float(first.max())
    finite = np.isfinite(out)
    out[finite] = (1.0 - weight) * (out[finite] - lo) / (hi - lo if hi - lo > 1e-9 else 1.0)
    out[rows] = blend(first, second, weight)
    return out


# Sentences whose vectors `SentenceScorer.prepare` keeps in memory (384-d float32: 1.5 KiB each,
# 730 MiB at the limit); a larger corpus reads the candidates' vectors from the embedding cache
# per question. The 100-PDF library (bench, library stage) holds 8,141 sentences (12 MiB).
KEEP_SENTENCES = 500_000


class SentenceScorer:
    """Best cosine between the question and any sentence of a unit; sentence vectors cached."""

    def __init__(self, embedder, cache_path: Path | None = None) -> None:
        from rapporteur.index.cache import EmbeddingCache

        self.embedder = embedder
        self.name = f"sentences:{embedder.name}"
        self.english_only = embedder.english_only
        self._cache = EmbeddingCache(cache_path) if cache_path else None
        self._memory: dict[str, np.ndarray] = {}
        # Filled by prepare: each unit's sentences as rows of one matrix, so a question neither
        # splits its candidates again nor reads their vectors from SQLite.
        self._matrix = np.zeros((0, embedder.dim), dtype=np.float32)
        self._rows: dict[str, np.ndarray] = {}

    def score(self, query: str, units: Sequence[Unit]) -> np.ndarray:
        if not units:
            return np.zeros(0, dtype=np.float32)
        per_unit = [self._rows.get(u.id) for u in units]
        if any(rows is None for rows in per_unit):
            texts = [sentences(u.text) for u in units]
            vectors = self._vectors([s for ss in texts for s in ss])
            counts = [len(ss) for ss in texts]
        else:
            vectors = self._matrix[np.concatenate(per_unit)]
            counts = [len(rows) for rows in per_unit]
        sims = vectors @ self.embedder.query_vector(query)
        owner = np.repeat(np.arange(len(units)), counts)
        out = np.full(len(units), -1.0, dtype=np.float32)
        np.maximum.at(out, owner, sims)
        return out

    def prepare(self, units: Sequence[Unit], progress=None) -> int:
        """Embed every sentence of ``units`` into the cache now, so no question embeds the corpus,
        and keep them in memory up to KEEP_SENTENCES.

        Returns how many sentences were embedded (0 when all were cached already).
        ``progress(done, total)`` follows the embedding chunk by chunk.
        """
        if self._cache is None:
            return 0
        per_unit = {u.id: sentences(u.text) for u in units}
        texts = list(dict.fromkeys(s for ss in per_unit.values() for s in ss))
        e = self.embedder
        vectors, embedded = self._cache.embed(e.model_id, texts, e.embed_passages, e.dim, progress)
        if len(texts) <= KEEP_SENTENCES:
            row = {t: i for i, t in enumerate(texts)}
            self._matrix = np.ascontiguousarray(vectors, dtype=np.float32)
            self._rows = {
                key: np.array([row[t] for t in ss], dtype=np.int64) for key, ss in per_unit.items()
            }
        return embedded

    def _vectors(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._memory))
        if missing:
            e = self.embedder
            if self._cache is not None:
                vectors, _ = self._cache.embed(e.model_id, missing, e.embed_passages, e.dim)
            else:
                vectors = e.embed_passages(missing)
            self._memory.update(zip(missing, vectors))
        return np.stack([self._memory[t] for t in texts])


class LexicalScorer:
    """Share of the question's content words (stemmed, as BM25 sees them) found in the unit."""

    name = "lexical"
    english_only = True  # English stemming

    def prepare(self, units: Sequence[Unit], progress=None) -> int:
        return 0  # nothing to compute ahead

    def score(self, query: str, units: Sequence[Unit]) -> np.ndarray:
        from rapporteur.core.words import tokenize

        wanted = set(tokenize(query))
        if not wanted:
            return np.zeros(len(units), dtype=np.float32)
        return np.array(
            [len(wanted & set(tokenize(u.text))) / len(wanted) for u in units], dtype=np.float32
        )


class CrossEncoderScorer:
    """A sentence-transformers cross-encoder read from a local folder (never downloaded)."""

    english_only = False  # whoever names a cross-encoder chose the model for their questions

    def __init__(self, path: str | Path) -> None:
        path = Path(path).expanduser()
        if not path.is_dir():
            raise ConfigError(
                f"reranker {path}: no such folder (cross-encoders are never downloaded)"
            )
        from rapporteur.index.embedder import calm_openmp
        from rapporteur.index.embedders import _quietly

        calm_openmp()
        from sentence_transformers import CrossEncoder

        try:
            self._model = _quietly(lambda: CrossEncoder(str(path), device="cpu"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"reranker {path}: cannot load a cross-encoder ({exc})".splitlines()[0]
            ) from None
        self.name = f"cross-encoder:{path.name}"

    def prepare(self, units: Sequence[Unit], progress=None) -> int:
        return 0  # a cross-encoder reads the question with each unit: nothing to compute ahead

    def score(self, query: str, units: Sequence[Unit]) -> np.ndarray:
        if not units:
            return np.zeros(0, dtype=np.float32)
        pairs = [(query, u.text) for u in units]
        return np.asarray(
            self._model.predict(pairs, batch_size=16, show_progress_bar=False), dtype=np.float32
        ).reshape(len(units), -1)[:, -1]


def load_scorer(
    reranker: str, embedders: dict | None = None, cache_path: Path | None = None
) -> Scorer:
    """The scorer a name stands for: "lexical", an embedder name, or a cross-encoder folder."""
    if reranker == "lexical":
        return LexicalScorer()
    from rapporteur.index.embedders import MODELS

    if reranker in MODELS:
        embedder = (embedders or {}).get(reranker) or _embedder(reranker)
        return SentenceScorer(embedder, cache_path)
    return _cross_encoder(str(Path(reranker).expanduser().resolve()))


@lru_cache(maxsize=4)
def _embedder(name: str):
    from rapporteur.index.embedders import load_embedder

    return load_embedder(name)


@lru_cache(maxsize=2)
def _cross_encoder(path: str) -> CrossEncoderScorer:
    return CrossEncoderScorer(path)
