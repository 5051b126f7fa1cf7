"""How a search runs: the stages, weights and boosts (`SearchConfig`), and the settings' default.

`SearchConfig` has no defaults of its own: each field's default is the `Settings` field of the
same name (core/settings.py), so `Searcher.search(q)`, `answer(q, searcher)` and the LangChain
retriever with no configuration run the product's engine, as the CLI, API and UI do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapporteur.core.settings import Settings


def _default(name: str):
    """The product's default for a setting (a fresh copy of a dict)."""
    value = Settings.model_fields[name].default
    return dict(value) if isinstance(value, dict) else value


def _factory(name: str):
    return field(default_factory=lambda: _default(name))


def floor_set(floor: float | None) -> bool:
    """Whether a verdict floor is read: None and -inf switch it off."""
    return floor is not None and floor > float("-inf")


@dataclass(frozen=True)
class SearchConfig:
    """Which stages run and how lists are fused; weights are per list name ("bm25", model names)."""

    weights: dict[str, float] = _factory("weights")
    lists: tuple[str, ...] | None = None  # None: every list with a weight
    exact_refs: bool = True
    # Lists for questions not in English (BM25's English stemming only adds noise there).
    foreign_weights: dict[str, float] | None = _factory("foreign_weights")
    # Added to a recommendation's fused score when the question asks what was recommended.
    intent_boost: float = _default("intent_boost")
    # Added to the units of a document the question names ("A/RES/73/146", "resolution 73/146",
    # "the 2019 report": the documents of that year).
    doc_boost: float = _default("doc_boost")
    # Document-level signal (index/documents.py): when the question asks for the latest, add
    # `recency_boost` times the recency of its document among those within `recency_margin` of the best.
    recency_boost: float = _default("recency_boost")
    recency_margin: float = _default("recency_margin")
    # Added to the fused score of every unit of a kind ("preambular": -0.1): how often a kind
    # answers a question, which the words of one unit cannot tell (a PP recalls, an OP acts).
    kind_prior: dict[str, float] = _factory("kind_prior")
    # Second stage (index/rerank.py): re-score the `rerank_depth` best candidates with a scorer,
    # blended with the fused score at `rerank_weight`. `reranker` names it: an embedder name
    # (best-sentence similarity), "lexical", a cross-encoder folder, or any Scorer object.
    rerank: bool = _default("rerank")
    rerank_depth: int = _default("rerank_depth")
    rerank_weight: float = _default("rerank_weight")
    reranker: object = _default("reranker")  # str | index.rerank.Scorer
    # Last stage (index/verdict.py), English questions: the verdict reads the question against
    # the `verdict_depth` best units; `verdict_weight` times its probability is added. The
    # answer's abstention judge: the least verdict one unit of the evidence must reach for an
    # English question to be answered; None: not read.
    verdict_weight: float = _default("verdict_weight")
    verdict_depth: int = _default("verdict_depth")
    verdict_floor: float | None = _default("verdict_floor")
    # The learned ranker (index/ranker.py): its share of the best candidates' order, last of all.
    ranker_weight: float = _default("ranker_weight")
    # The multilingual reader (index/e5_reader.py): its share of the order of a question not in
    # English, after the ranker.
    foreign_reader_weight: float = _default("foreign_reader_weight")

    @property
    def reads_verdict(self) -> bool:
        """Whether the verdict model runs: as the last stage, or as the answer's judge."""
        return bool(self.verdict_weight) or floor_set(self.verdict_floor)

    @classmethod
    def plain(cls, weights: dict[str, float], **changes) -> SearchConfig:
        """Only the given lists, fused: no boosts, priors or second stage (for comparisons,
        baselines and tests that isolate one stage); ``changes`` switch stages back on."""
        bare = dict(
            foreign_weights=None,
            intent_boost=0.0,
            doc_boost=0.0,
            recency_boost=0.0,
            kind_prior={},
            rerank=False,
            verdict_weight=0.0,
            ranker_weight=0.0,
            foreign_reader_weight=0.0,
        )
        return cls(weights=dict(weights), **(bare | changes))


def config_from(settings) -> SearchConfig:
    """The search configuration the settings describe."""
    return SearchConfig(
        weights=dict(settings.weights),
        foreign_weights=dict(settings.foreign_weights),
        intent_boost=settings.intent_boost,
        doc_boost=settings.doc_boost,
        recency_boost=settings.recency_boost,
        recency_margin=settings.recency_margin,
        kind_prior=dict(settings.kind_prior),
        rerank=settings.rerank,
        rerank_depth=settings.rerank_depth,
        rerank_weight=settings.rerank_weight,
        reranker=settings.reranker,
        verdict_weight=settings.verdict_weight,
        verdict_depth=settings.verdict_depth,
        verdict_floor=settings.verdict_floor,
        ranker_weight=settings.ranker_weight,
        foreign_reader_weight=settings.foreign_reader_weight,
    )
