"""The index reader: what a loaded build holds (units, columns, vocabulary, vectors, models) and
the caches derived from it. Search stages read it (index/lists.py, boosts.py, second_stage.py);
`Searcher` (index/search.py) composes them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Self

import numpy as np

from rapporteur.core.errors import IndexMismatch
from rapporteur.core.filters import Filters
from rapporteur.core.grammar import recommends
from rapporteur.core.settings import embedding_cache
from rapporteur.core.store import Store, unit_from_json
from rapporteur.core.units import Unit
from rapporteur.index.build import current_folder
from rapporteur.index.cache import EmbeddingCache, unit_vectors
from rapporteur.index.columns import UnitColumns
from rapporteur.index.dense import Dense
from rapporteur.index.documents import document_days, document_mandates
from rapporteur.index.embedder import Embedder
from rapporteur.index.embedders import load_embedder
from rapporteur.index.lexical import Lexical
from rapporteur.index.manifest import REBUILD, check, verify_files
from rapporteur.index.references import References
from rapporteur.index.translate import MODEL as LEXICON_MODEL
from rapporteur.index.translate import Lexicon
from rapporteur.index.vocabulary import Vocabulary

if TYPE_CHECKING:
    from rapporteur.index.milvus import MilvusLists

TEXT_VECTORS = 200_000  # text_vectors kept per reader before the cache starts again


class IndexReader:
    """Loaded once per process: units, BM25, dense indexes, the models to embed questions with,
    and the per-unit columns the stages read."""

    def __init__(
        self,
        units: list[Unit],
        lexical: Lexical,
        dense: dict[str, Dense],
        embedders: dict,
        manifest: dict,
        bodies: dict[str, str] | None = None,
        *,
        stale: bool = False,
        cache_path: Path | None = None,
        lists: MilvusLists | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.units = units
        self.lexical = lexical
        self.dense = dense
        self.embedders = embedders
        self.manifest = manifest
        self.bodies = bodies or {}
        self.references = References(units)
        self.stale = stale  # True when the store changed after this index was built
        self.columns = UnitColumns(units, self.bodies)
        self.years = {int(y) for y in np.unique(self.columns.year) if y >= 0}
        dates: dict[str, str | None] = {}
        for u in units:
            dates[u.doc] = max(filter(None, (dates.get(u.doc), u.date)), default=None)
        self.doc_days = document_days(list(self.columns.docs), dates)
        self.is_recommendation = np.array(
            [recommends(u.kind, u.section) for u in units], dtype=np.float32
        )
        self.cache_path = cache_path  # embedding cache the second stage may use
        # another engine for the ranked lists (index/milvus.MilvusLists); None: FAISS + bm25s
        self.lists = lists
        self.lexicon = lexicon  # translates non-English questions for BM25
        self._rows = {u.id: row for row, u in enumerate(units)}
        self.vocabulary = Vocabulary(
            lambda: lexical.document_frequencies(), [u.text for u in units]
        )
        self._text_vectors: dict[tuple[str, str], np.ndarray] = {}  # text_vectors, bounded
        self._kind_priors: dict[tuple, np.ndarray] = {}  # kind_values -> per-unit values
        self._mandates: dict[str, str] | None = None  # filled on first use

    @classmethod
    def load(
        cls,
        home: Path,
        store: Store,
        embedders: Sequence,
        milvus_uri: str | None = None,
        backend: str | None = None,
    ) -> Self:
        """Open the live index; refuse one built from another store state, with other models, or
        (when ``backend`` is given) for another backend. A build that another process's ingest
        switches away from and removes while it is read is read again from the new ``CURRENT``."""
        attempts = 3
        while True:
            folder = current_folder(home)
            if folder is None:
                raise IndexMismatch(f"{home}: no index yet; {REBUILD}")
            try:
                return cls._load(folder, home, store, embedders, milvus_uri, backend)
            except IndexMismatch:
                attempts -= 1
                if not attempts or current_folder(home) == folder:
                    raise

    @classmethod
    def _load(
        cls,
        folder: Path,
        home: Path,
        store: Store,
        embedders: Sequence,
        milvus_uri: str | None,
        backend: str | None,
    ) -> Self:
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except (OSError, json.JSONDecodeError):
            raise IndexMismatch(f"{folder}: manifest missing or unreadable; {REBUILD}") from None
        check(manifest, store, embedders)
        built_for = manifest.get("backend", "faiss")
        if backend is not None and built_for != backend:
            raise IndexMismatch(
                f"index built for backend {built_for}, settings ask for {backend}; {REBUILD}"
            )
        verify_files(folder, manifest)
        try:
            units = [
                unit_from_json(line)
                for line in (folder / "units.jsonl").read_text(encoding="utf-8").splitlines()
                if line
            ]
            dense = {e.name: Dense.load(folder, e.name, len(units)) for e in embedders}
            lexical = Lexical.load(folder / "bm25")
        except Exception as exc:  # noqa: BLE001 -- any unreadable index file: the fix is the same rebuild
            raise IndexMismatch(
                f"{folder}: index files unreadable ({type(exc).__name__}); {REBUILD}"
            ) from None
        bodies = {d.doc: d.body or "" for d, _ in store.documents()}
        lists = None
        if manifest.get("backend") == "milvus":  # the ranked lists come from Milvus
            from rapporteur.index.milvus import MilvusLists

            lists = MilvusLists.open(folder, manifest, bodies, list(embedders), milvus_uri)
        by_name = {e.name: e for e in embedders}
        lexicon = (
            Lexicon.load(folder / "lexicon")
            if manifest.get("lexicon") and LEXICON_MODEL in by_name
            else None
        )
        # An index older than the store still answers (from its own copy of the units), flagged stale.
        return cls(
            units,
            lexical,
            dense,
            by_name,
            manifest,
            bodies,
            stale=manifest["store_state"] != store.state(),
            cache_path=embedding_cache(home),
            lists=lists,
            lexicon=lexicon,
        )

    @property
    def symbols(self) -> dict[str, str]:
        """Each indexed document's lowercased symbol -> its key."""
        return self.references.by_symbol

    @property
    def mandates(self) -> dict[str, str]:
        """Each document's mandate as its first paragraphs state it ("paragraph 9 of resolution
        2692 (2023)", core/grammar.mandate), for the documents that state one."""
        if self._mandates is None:
            self._mandates = document_mandates(self.units, self.columns.doc)
        return self._mandates

    @property
    def dense_names(self) -> tuple[str, ...]:
        """The models with a dense index here (and loaded, so questions can be embedded)."""
        return tuple(sorted(n for n in self.dense if n in self.embedders))

    def embedder(self, name: str) -> Embedder | None:
        """The loaded model called ``name``, if this index has it."""
        return self.embedders.get(name)

    def mask(self, filters: Filters) -> np.ndarray:
        """One bool per unit: True where the unit passes the filters."""
        return self.columns.mask(filters)

    def kind_values(self, prior: dict[str, float]) -> np.ndarray:
        """Per unit: the prior of its kind (0 for kinds without one), built once per prior."""
        key = tuple(sorted(prior.items()))
        if key not in self._kind_priors:
            kinds = self.columns.kinds  # distinct kinds; columns.kind: each unit's code
            values = np.array([prior.get(str(k), 0.0) for k in kinds], dtype=np.float32)
            self._kind_priors[key] = values[self.columns.kind]
        return self._kind_priors[key]

    def idf(self, term: str) -> float:
        """IDF of a stemmed term over the indexed units (a term in no unit gets the largest)."""
        return self.vocabulary.idf(term)

    def missing_references(self, query: str) -> list[str]:
        """What the query names that the document it names does not have ("JIU/REP/2025/1 has
        no recommendation 12"); empty when every unit it names exists."""
        return self.references.missing(query)

    def mentions(self, word: str) -> bool:
        """Whether any indexed unit holds ``word``: its stem, or for a word of five letters or
        more a stem with the same first five ("Nigerian" is mentioned by "Nigeria")."""
        return self.vocabulary.mentions(word)

    def text_vectors(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of short texts (words, sentences) with model ``name``, kept per reader."""
        embedder = self.embedders[name]
        cache = self._text_vectors
        todo = [t for t in dict.fromkeys(texts) if (name, t) not in cache]
        if todo:
            if len(cache) > TEXT_VECTORS:  # bounded, so a server stays small
                cache.clear()
            for t, v in zip(todo, embedder.embed_passages(todo), strict=True):
                cache[(name, t)] = v
        return np.stack([cache[(name, t)] for t in texts])

    def cosines(self, name: str, vector: np.ndarray, units: Sequence[Unit]) -> np.ndarray:
        """Exact cosine of a vector to each given unit (its best piece) in model ``name``'s index."""
        return self.dense[name].cosines(vector, [self._rows[u.id] for u in units])

    def nearest_terms(self, texts: Sequence[str], n: int) -> list[dict[str, float]] | None:
        """Each text's ``n`` nearest English corpus terms with their cosines (index/translate.py),
        or None without a cross-lingual lexicon."""
        embedder = self.embedders.get(LEXICON_MODEL)
        if self.lexicon is None or embedder is None:
            return None
        return self.lexicon.lookup(list(texts), embedder, n)

    def translated(self, query: str) -> dict[str, float]:
        """A non-English question as weighted English corpus terms (empty without a lexicon)."""
        return self.lexicon.translate(query, self.embedders[LEXICON_MODEL]) if self.lexicon else {}

    @property
    def cache_folder(self) -> Path | None:
        """The folder of this index's embedding cache, where derived caches may live too."""
        return self.cache_path.parent if self.cache_path is not None else None

    def unit_vectors(self, name: str, units: Sequence[Unit]) -> np.ndarray:
        """Unit-length vectors of units in model ``name``'s space: the mean of each unit's piece
        vectors, read from the embedding cache (embedded only when missing)."""
        return unit_vectors(list(units), self.embedders[name], EmbeddingCache(self.cache_path))

    def cached_vectors(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of texts with model ``name`` (the index's, or a shipped model loaded
        once on first use), kept in the embedding cache when the index has one."""
        embedder = self.embedders.get(name) or shipped_model(name)
        if self.cache_path is None:
            return embedder.embed_passages(list(texts))
        cache = EmbeddingCache(self.cache_path)
        return cache.embed(embedder.model_id, list(texts), embedder.embed_passages, embedder.dim)[0]


@lru_cache(maxsize=4)
def shipped_model(name: str) -> Embedder:
    """A model of ``MODELS`` the index was not built with (the compendium's SDG similarity),
    loaded once per process."""
    return load_embedder(name)
