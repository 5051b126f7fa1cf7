"""The search: `Searcher.search(query, k, filters) -> list[Hit]`, used by CLI, API, UI and eval.

`Searcher` is the index reader (index/reader.py) with the stages composed on it, top to bottom
in `_search`: filters become a mask before ranking (so a narrow filter still returns every hit
that exists), the ranked lists (index/lists.py) are fused, boosts and priors are added
(index/boosts.py), the best candidates are re-scored and read by the verdict
(index/second_stage.py), and units the question names outright come first. It implements the
assistant's port (assistant/ports.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.questions import is_foreign
from rapporteur.core.text import composed
from rapporteur.core.units import Hit, Unit
from rapporteur.index import boosts, lists
from rapporteur.index.fusion import top_k, weighted
from rapporteur.index.ranker import Candidate, load_ranker, reorder
from rapporteur.index.reader import IndexReader
from rapporteur.index.rerank import SentenceScorer
from rapporteur.index.second_stage import SecondStage
from rapporteur.index.threads import one_thread


def _list_scores(ranked: dict[str, np.ndarray], row: int) -> dict[str, float]:
    """A unit's raw score in each first-stage list that scored it."""
    return {n: float(s[row]) for n, s in ranked.items() if not np.isnan(s[row])}


class Searcher(IndexReader):
    """A loaded index and its search stages, loaded once per process."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # the second and last stages: the scorers and the verdict, with their caches
        self.second = SecondStage(self)

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        config: SearchConfig | None = None,
    ) -> list[Hit]:
        """The k best units for the query within the filters, best first."""
        with one_thread():  # small products: a second thread waits for a core (index/threads.py)
            return self._search(composed(query), k, filters, config or SearchConfig())

    def _search(
        self, query: str, k: int, filters: Filters | None, config: SearchConfig
    ) -> list[Hit]:
        mask = self.columns.mask(filters or Filters())
        foreign = is_foreign(query)
        weights = config.foreign_weights if config.foreign_weights and foreign else config.weights
        names = lists.list_names(self, config.lists, weights)
        scorer = self.second.for_question(config, foreign)
        also = scorer.embedder if isinstance(scorer, SentenceScorer) else None
        lists.embed_question(self, query, names, foreign, also)
        topic_lists = lists.FOREIGN_TOPIC if foreign else ()
        ranked = lists.score_lists(self, query, names, mask, foreign, topic_lists, filters=filters)
        fused = weighted(ranked, {n: weights.get(n, 1.0) for n in ranked}, mask)
        recommend = boosts.asks_recommendation(query, config)
        if recommend:
            fused = boosts.recommended(self, fused, config)
        fused = boosts.named_documents_first(self, query, fused, config)
        fused = boosts.kind_prior(self, fused, config)
        fused = boosts.latest_first(self, query, fused, config)
        reranked: dict[int, float] = {}
        if scorer is not None:
            fused, reranked = self.second.rerank(query, fused, config, scorer)
            # The boost also counts after the blend, which rescales it away: the reader scores
            # the topic, not who recommends ("What was recommended on cryptocurrencies?" put a
            # paragraph about them above recommendation 18). Library tune half MRR@10 0.745 ->
            # 0.757, R@5 0.865 -> 0.853; seed dev MRR@10 0.920 -> 0.943.
            if recommend and reranked:
                fused = fused + config.intent_boost * self.is_recommendation
        if config.verdict_weight:  # a question the verdict cannot read keeps its scores
            fused = self.second.read_best(query, fused, mask, config)
        named = boosts.named_rows(self, query, mask, config)
        fused = boosts.named_units_first(fused, named)
        stage = scorer.name if scorer is not None else None
        if config.ranker_weight and load_ranker().reads(foreign, stage):
            fused = self._learned_order(fused, ranked, reranked, named, foreign, config)
        if foreign and config.foreign_reader_weight:
            fused, reranked = self.second.read_foreign(query, fused, named, config)
        return [
            Hit(
                self.units[r],
                float(fused[r]),
                _list_scores(ranked, r),
                rerank=reranked.get(r),
                named=r in named,
            )
            for r in top_k(fused, k)
        ]

    def _learned_order(
        self,
        fused: np.ndarray,
        ranked: dict[str, np.ndarray],
        reranked: dict[int, float],
        named: set[int],
        foreign: bool,
        config: SearchConfig,
    ) -> np.ndarray:
        """The best candidates' scores re-ordered by the learned ranker's order blended with
        theirs at ``ranker_weight`` (index/ranker.py)."""
        ranker = load_ranker()
        rows = top_k(fused, ranker.depth)
        if len(rows) < 2:
            return fused
        candidates = []
        for r in rows:
            unit = self.units[r]
            candidates.append(
                Candidate(
                    float(fused[r]),
                    _list_scores(ranked, r),
                    reranked.get(r),
                    r in named,
                    unit.doc,
                    unit.ordinal,
                    self.doc_units[unit.doc],
                    len(unit.text.split()),
                )
            )
        learned = ranker.scores(candidates, foreign)
        out = fused.copy()  # the scores handed out are the rows' own, so the dtype holds them
        named_rows = [r in named for r in rows]
        out[rows] = reorder(out[rows], learned, named_rows, config.ranker_weight)
        return out

    @cached_property
    def doc_units(self) -> dict[str, int]:
        """Units a document holds, by its key (the last unit's position + 1)."""
        sizes: dict[str, int] = {}
        for unit in self.units:
            sizes[unit.doc] = max(sizes.get(unit.doc, 0), unit.ordinal + 1)
        return sizes

    # --- the rest of the port (assistant/ports.py) -------------------------------------------

    def score_lists(
        self, query: str, names: Sequence[str], mask: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Raw per-unit scores of each named list ("bm25", a model) for the query."""
        return lists.score_lists(self, query, names, mask)

    def verdicts(self, question: str, units: Sequence[Unit]) -> np.ndarray:
        """Per unit, the verdict model's logit that its likeliest clause answers the question."""
        return self.second.verdicts(question, units)

    def second_stage(self, config: SearchConfig) -> str | None:
        """The name of the second-stage scorer the configuration runs ("sentences:minilm"), or None."""
        return self.second.scorer(config.reranker).name if config.rerank else None

    def scorer(self, reranker):
        """The second-stage scorer a name stands for, loaded once per searcher (or the Scorer given)."""
        return self.second.scorer(reranker)

    def bm25_foreign(self, query: str) -> np.ndarray:
        """BM25 for a non-English question, over the English terms it translates to."""
        return lists.bm25_foreign(self, query)

    def clear_query_caches(self) -> None:
        """Forget the question vectors of every model this searcher embeds questions with (benchmarks)."""
        models = [*self.embedders.values(), *self.second.embedders()]
        for embedder in {id(e): e for e in models}.values():
            embedder.clear_query_cache()
