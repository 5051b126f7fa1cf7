"""What the assistant needs from an index: the ``Index`` protocol (``index.search.Searcher`` is one).

The assistant is typed against this, never against a searcher's internals (its BM25 library,
its FAISS files, its caches). Records are core types; arrays are one entry per indexed unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rapporteur.core.units import Hit, Unit

if TYPE_CHECKING:  # the search's own inputs, passed through unchanged
    from rapporteur.core.config import SearchConfig
    from rapporteur.core.filters import Filters


class TextModel(Protocol):
    """A loaded text embedder: unit-length float32 vectors."""

    name: str

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class Index(Protocol):
    """Search over indexed units, and the statistics and models the answerer checks evidence with."""

    units: Sequence[Unit]  # every indexed unit, in row order
    manifest: dict  # what built the index: store_state, created_at, models, counts
    bodies: dict[str, str]  # each document's issuing body ("" when unknown)

    @property
    def symbols(self) -> dict[str, str]:
        """Each indexed document's lowercased symbol -> its key."""
        ...

    @property
    def mandates(self) -> dict[str, str]:
        """Each document's mandate ("paragraph 9 of resolution 2692 (2023)"), where it states one."""
        ...

    @property
    def dense_names(self) -> tuple[str, ...]:
        """The models with a dense index (and loaded)."""
        ...

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        config: SearchConfig | None = None,
    ) -> list[Hit]:
        """The k best units for the query within the filters, best first."""
        ...

    def mask(self, filters: Filters) -> np.ndarray:
        """One bool per unit: True where the unit passes the filters."""
        ...

    def score_lists(
        self, query: str, names: Sequence[str], mask: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Raw per-unit scores of each named list ("bm25", a model) for the query."""
        ...

    def idf(self, term: str) -> float:
        """IDF of a stemmed term over the indexed units."""
        ...

    def mentions(self, word: str) -> bool:
        """Whether any indexed unit holds the word (its stem, or a stem sharing its first five
        letters)."""
        ...

    def missing_references(self, query: str) -> list[str]:
        """What the query names that the document it names does not have ("JIU/REP/2025/1 has
        no recommendation 12")."""
        ...

    def embedder(self, name: str) -> TextModel | None:
        """The loaded model called ``name``, if the index has it."""
        ...

    def text_vectors(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of short texts (words, sentences) with model ``name``, cached."""
        ...

    def cosines(self, name: str, vector: np.ndarray, units: Sequence[Unit]) -> np.ndarray:
        """Exact cosine of a vector to each given unit in model ``name``'s index."""
        ...

    def nearest_terms(self, texts: Sequence[str], n: int) -> list[dict[str, float]] | None:
        """Each text's ``n`` nearest corpus terms with their cosines; None without a lexicon."""
        ...

    @property
    def cache_folder(self) -> Path | None:
        """The folder of the index's embedding cache, where caches derived from the index may
        live too; None without one."""
        ...

    def unit_vectors(self, name: str, units: Sequence[Unit]) -> np.ndarray:
        """Unit-length vectors of units in model ``name``'s space (the mean of each unit's pieces),
        from the embedding cache."""
        ...

    def cached_vectors(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of texts with model ``name``, kept in the embedding cache."""
        ...

    def verdicts(self, question: str, units: Sequence[Unit]) -> np.ndarray:
        """Per unit, the verdict model's logit that its likeliest clause answers the question
        (NaN when the verdict cannot read the question: a non-English one without terms)."""
        ...

    def second_stage(self, config: SearchConfig) -> str | None:
        """The name of the second-stage scorer the configuration runs, or None."""
        ...
