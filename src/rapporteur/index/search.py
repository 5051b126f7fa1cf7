"""The search layer: `Searcher.search(query, k, filters) -> list[Hit]`, used by CLI, API, UI and eval.

Stages, each switchable for comparison: BM25, one dense list per model, weighted fusion of the
min-max normalised lists, an optional second stage over the best candidates (index/rerank.py),
and exact unit references ("rec 18", "para 12 of S/2025/303") put first.
Filters become a mask before ranking, so a narrow filter still returns every hit that exists.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rapporteur.core.config import SearchConfig
from rapporteur.core.errors import IndexMismatch
from rapporteur.core.filters import Filters
from rapporteur.core.grammar import MANDATE_UNITS, mandate, recommends
from rapporteur.core.questions import (
    RECOMMEND_INTENT,
    is_foreign,
    named_documents,
    named_years,
)
from rapporteur.core.settings import embedding_cache
from rapporteur.core.store import Store, unit_from_json
from rapporteur.core.units import Hit, Unit
from rapporteur.core.words import topic
from rapporteur.index.build import current_folder
from rapporteur.index.cache import EmbeddingCache, unit_vectors
from rapporteur.index.columns import UnitColumns
from rapporteur.index.dense import Dense
from rapporteur.index.documents import (
    LATEST_INTENT,
    document_best,
    document_days,
    recency,
)
from rapporteur.index.embedder import Embedder
from rapporteur.index.fusion import top_k, weighted
from rapporteur.index.lexical import Lexical
from rapporteur.index.manifest import REBUILD, check, verify_files
from rapporteur.index.references import References
from rapporteur.index.rerank import Scorer, SentenceScorer, load_scorer, rescore
from rapporteur.index.threads import one_thread, side_by_side
from rapporteur.index.translate import MODEL as LEXICON_MODEL
from rapporteur.index.translate import Lexicon
from rapporteur.index.verdict import load_verdict
from rapporteur.index.vocabulary import Vocabulary

if TYPE_CHECKING:
    from rapporteur.index.milvus import MilvusLists

# The ranking score of a unit the question names: above any fused score (at most 1 plus the
# intent and document boosts, 1.75 with the defaults). Answers read hits by Hit.named; the value
# stays 2.0 because sentence selection scales by the top hit's score (assistant/select.py).
NAMED_SCORE = 2.0
NAMED_STEP = 1e-6  # between named units ("recommendation 18" of several reports): fused order
TEXT_VECTORS = 200_000  # text_vectors kept per searcher before the cache starts again
# Dense lists that read only the topic of a non-English question, without its frame ("¿Qué se
# recomendó sobre ...?"): e5 was trained on short queries (docs/retrieval-report.md, cross-lingual).
# BM25 reads such a question as the English corpus terms it translates to (index/translate.py).
FOREIGN_TOPIC = ("e5-small",)


class Searcher:
    """Loaded once per process: units, BM25, dense indexes and the models to embed queries."""

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
        self._by_symbol = self.references.by_symbol
        self.stale = stale  # True when the store changed after this index was built
        self.columns = UnitColumns(units, self.bodies)
        self._years = {int(y) for y in np.unique(self.columns.year) if y >= 0}
        dates: dict[str, str | None] = {}
        for u in units:
            dates[u.doc] = max(filter(None, (dates.get(u.doc), u.date)), default=None)
        self._doc_days = document_days(list(self.columns.docs), dates)
        self._is_recommendation = np.array(
            [recommends(u.kind, u.section) for u in units], dtype=np.float32
        )
        self.cache_path = cache_path  # embedding cache the second stage may use
        self._scorers: dict[str, Scorer] = {}
        self._verdicts: tuple[str | None, dict[str, float]] = (None, {})
        self.lists = (
            lists  # another engine for score_lists (index/milvus.MilvusLists); None: FAISS + bm25s
        )
        self.lexicon = lexicon  # translates non-English questions for BM25
        self._rows = {u.id: row for row, u in enumerate(units)}
        self.vocabulary = Vocabulary(
            lambda: lexical.document_frequencies(), [u.text for u in units]
        )
        self._text_vectors: dict[tuple[str, str], np.ndarray] = {}  # text_vectors, bounded
        self._kind_priors: dict[tuple, np.ndarray] = {}  # kind_prior -> per-unit values
        self._mandates: dict[str, str] | None = None  # filled on first use

    @classmethod
    def load(
        cls,
        home: Path,
        store: Store,
        embedders: Sequence,
        milvus_uri: str | None = None,
        backend: str | None = None,
    ) -> Searcher:
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
    ) -> Searcher:
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
        if (
            manifest.get("backend") == "milvus"
        ):  # the ranked lists come from Milvus (index/milvus.py)
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
        return self._by_symbol

    @property
    def mandates(self) -> dict[str, str]:
        """Each document's mandate as its first paragraphs state it ("paragraph 9 of resolution
        2692 (2023)", core/grammar.mandate), for the documents that state one."""
        if self._mandates is None:  # rows of a document are consecutive, in reading order
            codes, found = self.columns.doc, {}
            for start in np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]):  # each doc's first
                rows = range(start, min(start + MANDATE_UNITS, len(codes)))
                texts = (self.units[r].text for r in rows if codes[r] == codes[start])
                if m := next(filter(None, map(mandate, texts)), None):
                    found[self.units[start].doc] = m
            self._mandates = found
        return self._mandates

    @property
    def dense_names(self) -> tuple[str, ...]:
        """The models with a dense index here (and loaded, so questions can be embedded)."""
        return tuple(sorted(n for n in self.dense if n in self.embedders))

    def embedder(self, name: str) -> Embedder | None:
        """The loaded model called ``name``, if this searcher has it."""
        return self.embedders.get(name)

    def mask(self, filters: Filters) -> np.ndarray:
        """One bool per unit: True where the unit passes the filters."""
        return self.columns.mask(filters)

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
        """Passage vectors of short texts (words, sentences) with model ``name``, kept per searcher."""
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

    @property
    def cache_folder(self) -> Path | None:
        """The folder of this index's embedding cache, where derived caches may live too."""
        return self.cache_path.parent if self.cache_path is not None else None

    def unit_vectors(self, name: str, units: Sequence[Unit]) -> np.ndarray:
        """Unit-length vectors of units in model ``name``'s space: the mean of each unit's piece
        vectors, read from the embedding cache (embedded only when missing)."""
        return unit_vectors(list(units), self.embedders[name], EmbeddingCache(self.cache_path))

    def cached_vectors(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of texts with model ``name``, kept in the embedding cache."""
        embedder = self.embedders[name]
        cache = EmbeddingCache(self.cache_path)
        return cache.embed(embedder.model_id, list(texts), embedder.embed_passages, embedder.dim)[0]

    def verdicts(self, question: str, units: Sequence[Unit]) -> np.ndarray:
        """Per unit, the verdict model's logit that its likeliest clause answers the question
        (index/verdict.py, loaded once per process on first use). The last question's scores are
        kept: the answer's judge reads the units the search's last stage read. Concurrent
        questions each write into their own question's scores, never another's."""
        cached = self._verdicts  # read once: another thread may start another question
        if cached[0] != question:
            cached = self._verdicts = (question, {})
        known = cached[1]  # only this question's scores are written here
        new = list({u.id: u for u in units if u.id not in known}.values())
        if new:
            known.update(zip((u.id for u in new), load_verdict().read(question, new).tolist()))
        return np.array([known[u.id] for u in units], dtype=np.float32)

    def second_stage(self, config: SearchConfig) -> str | None:
        """The name of the second-stage scorer the configuration runs ("sentences:minilm"), or None."""
        return self.scorer(config.reranker).name if config.rerank else None

    def score_lists(
        self,
        query: str,
        names: Sequence[str],
        mask: np.ndarray | None = None,
        translate: bool = False,
        topic_lists: Sequence[str] = (),
        *,
        filters: Filters | None = None,
    ) -> dict[str, np.ndarray]:
        """Raw per-unit scores of each named list for the query (dense lists search within mask).

        ``translate``: BM25 reads the English corpus terms the question translates to (a
        non-English question); ``topic_lists``: dense lists that read only its topic.
        """
        texts = self._list_texts(query, names, topic_lists)
        if self.lists is not None:  # the engine filters itself: by the filters, else by the mask
            vectors = {n: self._query_vector(n, texts[n]) for n in names if n in self.embedders}
            # Milvus's BM25 takes text: the translated terms, without their weights.
            bm25_text = " ".join(self._translated(query)) if translate and self.lexicon else query
            out = self.lists.score_lists(
                bm25_text, names, filters if filters is not None else mask, vectors
            )
            # A list the engine does not serve (bm25 on a Milvus before 2.5) comes from our files.
            names = [n for n in names if n not in out]
        else:
            out = {}
        for name in names:
            if name == "bm25":
                out[name] = self.bm25_foreign(query) if translate else self.lexical.scores(query)
            elif name in self.dense:
                out[name] = self.dense[name].scores(self._query_vector(name, texts[name]), mask)
        return out

    def _translated(self, query: str) -> dict[str, float]:
        return self.lexicon.translate(query, self.embedders[LEXICON_MODEL]) if self.lexicon else {}

    def bm25_foreign(self, query: str) -> np.ndarray:
        """BM25 for a non-English question: over the English terms it translates to, when a lexicon is loaded."""
        if self.lexicon is None:
            return self.lexical.scores(query)
        return self.lexical.weighted_scores(self._translated(query))

    def _query_vector(self, name: str, query: str) -> np.ndarray:
        return self.embedders[name].query_vector(query)

    def clear_query_caches(self) -> None:
        """Forget the question vectors of every model this searcher embeds questions with (benchmarks)."""
        for embedder in {id(e): e for e in self._question_embedders()}.values():
            embedder.clear_query_cache()

    def _question_embedders(self) -> list:
        scorers = [s.embedder for s in self._scorers.values() if isinstance(s, SentenceScorer)]
        return [*self.embedders.values(), *scorers]

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        config: SearchConfig | None = None,
    ) -> list[Hit]:
        """The k best units for the query within the filters, best first."""
        with one_thread():  # small products: a second thread waits for a core (index/threads.py)
            return self._search(query, k, filters, config or SearchConfig())

    def _search(
        self, query: str, k: int, filters: Filters | None, config: SearchConfig
    ) -> list[Hit]:
        mask = self.columns.mask(filters or Filters())
        foreign = is_foreign(query)
        weights = config.foreign_weights if config.foreign_weights and foreign else config.weights
        names = [n for n in (config.lists or tuple(weights)) if n == "bm25" or n in self.dense]
        self._embed_question(query, names, config, foreign)
        lists = self.score_lists(
            query, names, mask, foreign, FOREIGN_TOPIC if foreign else (), filters=filters
        )
        fused = weighted(lists, {n: weights.get(n, 1.0) for n in lists}, mask)
        recommend = bool(config.intent_boost and RECOMMEND_INTENT.search(query))
        if recommend:
            fused += config.intent_boost * self._is_recommendation
        named = named_documents(query, self._by_symbol) if config.doc_boost else set()
        years = named_years(query) & self._years if config.doc_boost else set()
        if named or years:  # "A/RES/78/228", "resolution 73/146", "the 2019 report"
            fused += config.doc_boost * self.columns.mask(
                Filters(docs=tuple(sorted(named)), years=tuple(sorted(years)))
            )
        if config.kind_prior:
            fused = fused + self._kind_prior(config.kind_prior)
        fused = self._document_signals(query, fused, config)
        second: dict[int, float] = {}
        if config.rerank:
            fused, second = self._rerank(query, fused, config, foreign)
            # The boost also counts after the blend, which rescales it away: the reader scores
            # the topic, not who recommends ("What was recommended on cryptocurrencies?" put a
            # paragraph about them above recommendation 18). Library tune half MRR@10 0.745 ->
            # 0.757, R@5 0.865 -> 0.853; seed dev MRR@10 0.920 -> 0.943.
            if recommend and second:
                fused = fused + config.intent_boost * self._is_recommendation
        if config.verdict_weight and not foreign:
            fused = self._read_best(query, fused, mask, config)
        named_rows = (
            {row for row in self.references.rows(query) if mask[row]}
            if config.exact_refs
            else set()
        )
        if named_rows:  # a unit the question names outright comes first; several, best first
            fused = fused.copy()
            order = sorted(named_rows, key=lambda r: (-fused[r], r))
            fused[order] = NAMED_SCORE + NAMED_STEP * np.arange(len(order), 0, -1)
        return [
            Hit(
                self.units[r],
                float(fused[r]),
                {n: float(s[r]) for n, s in lists.items() if not np.isnan(s[r])},
                rerank=second.get(r),
                named=r in named_rows,
            )
            for r in top_k(fused, k)
        ]

    def _read_best(
        self, query: str, fused: np.ndarray, mask: np.ndarray, config: SearchConfig
    ) -> np.ndarray:
        """Last stage: the verdict reads the question against the ``verdict_depth`` best units'
        likeliest clauses; ``verdict_weight`` times its probability is added to their scores."""
        rows = [r for r in top_k(np.where(mask, fused, -np.inf), config.verdict_depth) if mask[r]]
        if not rows:
            return fused
        logits = self.verdicts(query, [self.units[r] for r in rows])
        out = np.array(fused, dtype=np.float32)
        out[rows] += config.verdict_weight / (1.0 + np.exp(-logits))
        return out

    def _list_texts(
        self, query: str, names: Sequence[str], topic_lists: Sequence[str]
    ) -> dict[str, str]:
        """What each named dense list embeds: the question, or its topic for ``topic_lists``."""
        about = topic(query) if any(n in topic_lists for n in names) else query
        return {n: about if n in topic_lists else query for n in names if n in self.embedders}

    def _embed_question(
        self, query: str, names: Sequence[str], config: SearchConfig, foreign: bool
    ) -> None:
        """Fill each model's question cache at once, one thread per model (the passes are
        independent), so the dense lists and the second stage read their vectors from it."""
        topic_lists = FOREIGN_TOPIC if foreign else ()
        wanted = [
            (self.embedders[n], text)
            for n, text in self._list_texts(query, names, topic_lists).items()
        ]
        scorer = self._second_stage(config, foreign)
        if isinstance(scorer, SentenceScorer):
            wanted.append((scorer.embedder, query))
        texts: dict[int, tuple[Embedder, set[str]]] = {}
        for embedder, text in wanted:
            texts.setdefault(id(embedder), (embedder, set()))[1].add(text)
        side_by_side([partial(_embed_all, e, sorted(ts)) for e, ts in texts.values()])

    def _second_stage(self, config: SearchConfig, foreign: bool):
        """The scorer that re-scores this question's candidates, or None (off, or an English-only
        scorer and a question that is not English)."""
        if not config.rerank:
            return None
        scorer = self.scorer(config.reranker)
        return None if foreign and scorer.english_only else scorer

    def _kind_prior(self, prior: dict[str, float]) -> np.ndarray:
        """Per unit: the prior of its kind (0 for kinds without one), built once per prior."""
        key = tuple(sorted(prior.items()))
        if key not in self._kind_priors:
            kinds = self.columns.kinds  # distinct kinds; columns.kind: each unit's code
            values = np.array([prior.get(str(k), 0.0) for k in kinds], dtype=np.float32)
            self._kind_priors[key] = values[self.columns.kind]
        return self._kind_priors[key]

    def _document_signals(self, query: str, fused: np.ndarray, config: SearchConfig) -> np.ndarray:
        """Fused scores plus, for a question after the latest, the recency of each unit's document."""
        if not (config.recency_boost and LATEST_INTENT.search(query)):
            return fused
        codes = self.columns.doc
        best = document_best(fused, codes, len(self.columns.docs))
        return (
            fused
            + config.recency_boost * recency(best, self._doc_days, config.recency_margin)[codes]
        )

    def _rerank(
        self, query: str, fused: np.ndarray, config: SearchConfig, foreign: bool
    ) -> tuple[np.ndarray, dict[int, float]]:
        """Fused scores with the best `rerank_depth` candidates re-scored by the second stage, and
        the second stage's score of each candidate row (none when the scorer skips the question)."""
        scorer = self._second_stage(config, foreign)
        if scorer is None:
            return fused, {}
        rows = top_k(fused, config.rerank_depth)
        second = np.asarray(scorer.score(query, [self.units[r] for r in rows]), dtype=np.float32)
        return rescore(fused, rows, second, config.rerank_weight), dict(
            zip(rows, second.tolist(), strict=True)
        )

    def scorer(self, reranker):
        """The second-stage scorer a name stands for, loaded once per searcher (or the Scorer given)."""
        if not isinstance(reranker, str):
            return reranker
        if reranker not in self._scorers:
            self._scorers[reranker] = load_scorer(reranker, self.embedders, self.cache_path)
        return self._scorers[reranker]


def _embed_all(embedder: Embedder, texts: list[str]) -> None:
    for text in texts:
        embedder.query_vector(text)
