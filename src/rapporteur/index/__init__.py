"""Index: derived from the unit store; lexical (BM25) and dense (FAISS) search with fusion."""

from __future__ import annotations

from collections.abc import Callable

from rapporteur.core.config import config_from
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store


def load_embedders(settings: Settings) -> list:
    """The dense models the settings name, loaded (once per call; callers keep them)."""
    from rapporteur.index.embedders import load_embedder

    return [load_embedder(name) for name in settings.embedders]


def rebuild(
    settings: Settings,
    embedders: list | None = None,
    progress: Callable[[str], None] | None = None,
    store: Store | None = None,
):
    """Rebuild the indexes from the store (cached embeddings are reused), for the settings' backend."""
    from rapporteur.index.build import build

    store = store or Store(settings.store_path)
    return build(
        store,
        settings.home,
        embedders if embedders is not None else load_embedders(settings),
        progress,
        settings.backend,
        settings.milvus_uri,
        second_stage_card(settings),
    )


def second_stage_card(settings: Settings) -> dict | None:
    """What re-ranks the candidates: the reader's card (name, base, weights' SHA-256) or the
    scorer's name, the verdict's card and settings, the ranker's name and hash, and the
    multilingual reader's card; None when none runs."""
    out: dict = {}
    if settings.rerank and settings.reranker == "reader":
        from rapporteur.index.embedders import reader_card

        card = reader_card()
        out = {"scorer": "reader", **{k: card.get(k) for k in ("name", "base", "sha256")}}
    elif settings.rerank:
        out = {"scorer": settings.reranker}
    if config_from(settings).reads_verdict:  # the last stage, or the answer's judge
        from rapporteur.index.verdict import verdict_card

        card = verdict_card()
        out["verdict"] = {k: card.get(k) for k in ("name", "reader_sha256", "sha256")} | {
            "weight": settings.verdict_weight,
            "depth": settings.verdict_depth,
            "floor": settings.verdict_floor,
        }
    if settings.ranker_weight:  # the last re-ordering (index/ranker.py)
        from rapporteur.index.ranker import load_ranker

        ranker = load_ranker()
        out["ranker"] = {
            "name": ranker.card.get("name"),
            "sha256": ranker.sha256,
            "depth": ranker.depth,
            "weight": settings.ranker_weight,
        }
    if settings.foreign_reader_weight:  # the last re-ordering of a question not in English
        from rapporteur.index.e5_reader import card

        e5 = card()
        out["multilingual_reader"] = {k: e5.get(k) for k in ("name", "base", "sha256")} | {
            "weight": settings.foreign_reader_weight
        }
    return out or None


def open_searcher(settings: Settings, embedders: list | None = None, store: Store | None = None):
    """Load the live index for searching; refuses a mismatched one (models, schema, backend)."""
    from rapporteur.index.search import Searcher

    store = store or Store(settings.store_path)
    return Searcher.load(
        settings.home,
        store,
        embedders if embedders is not None else load_embedders(settings),
        settings.milvus_uri,
        settings.backend,
    )
