"""The synthetic-scale bench at toy size: the whole-search stage runs a real Searcher over
renamed copies of the seed's units, with a fake embedder standing in for e5 (no model)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks.bench_synthetic import (
    synthetic_tables,
    synthetic_units,
    synthetic_vectors,
    whole_search,
)
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.rerank import LexicalScorer
from rapporteur.ingest.batch import ingest_files
from tests.conftest import SEED

N = 500
QUERIES = ["What was recommended on firearms marking?", "firearms marking", "the Working Group"]


class FakeE5(FakeEmbedder):
    name = "e5-small"  # the bench's lists are named after e5


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The seed report indexed with the fake "e5"; its second stage is word coverage (no model)."""
    settings = Settings(home=tmp_path_factory.mktemp("seed"), embedders=("e5-small",))
    ingest_files([SEED], Store(settings.store_path))
    rebuild(settings, [FakeE5()])
    searcher = open_searcher(settings, [FakeE5()])
    searcher.scorer = lambda name: LexicalScorer()
    return searcher


def hnsw(vectors: np.ndarray):
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], 8, faiss.METRIC_INNER_PRODUCT)
    index.add(vectors)
    return index


def test_synthetic_units_are_renamed_copies_of_the_pieces_owners(real):
    owner = real.dense["e5-small"].owner
    units = synthetic_units(real.units, owner, N)
    assert len({u.id for u in units}) == N and len({u.key for u in units}) == N
    p = len(owner)
    assert units[p + 3].doc == "syn-1" and units[p + 3].number == p + 3
    assert units[p + 3].text == real.units[owner[3]].text


def test_whole_search_times_every_configuration(real):
    e5 = real.embedders["e5-small"]
    base = np.array(real.dense["e5-small"]._vectors)
    vectors = dict(zip(QUERIES, np.stack([e5.embed_query(q) for q in QUERIES])))
    w = whole_search(real, e5, hnsw(synthetic_vectors(base, N)), QUERIES, vectors, N)
    for name in ("first_stage", "second_stage", "kind_filter", "embed_query", "bm25", "dense"):
        assert w[name]["n"] == 2 * len(QUERIES)
    assert w["weights"] == {"bm25": 0.2, "e5-small": 0.8} and w["reranker"] == "lexical"
    owner = real.dense["e5-small"].owner
    assert w["kind_filter_units"] == sum(
        real.units[owner[i % len(owner)]].kind == "recommendation" for i in range(N)
    )
    assert w["peak_rss_mb"] >= w["rss_before_mb"] > 0
    lines = synthetic_tables(
        {
            "whole_search": json.loads(json.dumps(w)),
            "dense": {},
            "base_vectors": 1,
            "noise_sigma": 0.02,
            "bm25": {"n": 1, "build_s": 1, "peak_rss_mb": 2, "rss_before_mb": 1, "1t": w["bm25"]},
            "fusion": {},
            "unit_passes": {},
        }
    )
    assert "Whole search over 500 SYNTHETIC units" in lines[-2]
