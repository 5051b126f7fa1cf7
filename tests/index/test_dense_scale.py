"""The dense layer past the exact limit: HNSW agrees with exact search, filters and pooling hold."""

from __future__ import annotations

import json

import numpy as np
import pytest

import rapporteur.index.dense as dense_mod
from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.build import current_folder
from rapporteur.index.dense import Dense
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.fusion import top_k
from rapporteur.ingest.batch import ingest_files
from tests.conftest import SEED

N_UNITS, DIM = 2000, 32


def unit_vectors(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def toy():
    """2,000 units in 40 clusters; every 10th unit has a second piece (2,200 pieces)."""
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((40, DIM))
    units = unit_vectors(
        centres[rng.integers(0, 40, N_UNITS)] + 0.4 * rng.standard_normal((N_UNITS, DIM))
    )
    extra = np.arange(0, N_UNITS, 10)
    vectors = np.concatenate(
        [units, unit_vectors(units[extra] + 0.5 * rng.standard_normal((len(extra), DIM)))]
    )
    owner = np.concatenate([np.arange(N_UNITS), extra])
    queries = unit_vectors(
        units[rng.integers(0, N_UNITS, 20)] + 0.3 * rng.standard_normal((20, DIM))
    )
    exact = Dense.build(vectors, owner, N_UNITS)
    graph = Dense.build(vectors, owner, N_UNITS, exact_limit=100)
    return vectors, owner, queries, exact, graph


def top10(dense: Dense, query: np.ndarray, mask: np.ndarray | None = None) -> list[int]:
    scores = dense.scores(query, mask)
    return top_k(scores if mask is None else np.where(mask, scores, -np.inf), 10)


def test_index_type_follows_the_size(toy):
    _, _, _, exact, graph = toy
    assert (exact.kind, graph.kind) == ("flat", "hnsw")
    assert graph.describe() == {
        "type": "hnsw",
        "metric": "inner_product",
        "M": 32,
        "ef_construction": 100,
        "ef_search": 1024,
        "depth": 100,
    }


def test_hnsw_agrees_with_exact_on_the_top_10(toy):
    _, _, queries, exact, graph = toy
    overlap = [len(set(top10(exact, q)) & set(top10(graph, q))) / 10 for q in queries]
    assert np.mean(overlap) >= 0.99
    assert all(top10(exact, q)[0] == top10(graph, q)[0] for q in queries)


def test_units_are_max_pooled_over_their_pieces(toy):
    vectors, owner, queries, exact, graph = toy
    sims = vectors @ queries[0]
    want = np.full(N_UNITS, -1.0, dtype=np.float32)
    np.maximum.at(want, owner, sims)
    np.testing.assert_allclose(exact.scores(queries[0]), want, rtol=1e-5, atol=1e-6)
    got = graph.scores(queries[0])
    found = got > got.min()  # units among the graph's candidates; the rest share the floor
    np.testing.assert_allclose(got[found], want[found], rtol=1e-5, atol=1e-6)
    assert found.sum() >= 50


def test_cosines_are_exact_for_any_unit_even_past_the_graph(toy):
    _, _, queries, exact, graph = toy
    rows = np.array([5, 1500, 10, 1999])
    np.testing.assert_allclose(
        graph.cosines(queries[2], rows), exact.scores(queries[2])[rows], rtol=1e-5
    )


@pytest.mark.parametrize("subset_exact", [10, 10**6], ids=["graph-with-selector", "exact-subset"])
def test_filters_apply_before_ranking(toy, monkeypatch, subset_exact):
    _, _, queries, exact, graph = toy
    monkeypatch.setattr(dense_mod, "SUBSET_EXACT", subset_exact)
    mask = np.zeros(N_UNITS, dtype=bool)
    mask[3::7] = True  # 286 units, most far from the query
    for q in queries[:5]:
        got = top10(graph, q, mask)
        assert len(got) == 10 and mask[got].all()
        assert set(got) == set(top10(exact, q, mask))


def test_a_filter_matching_nothing_gives_no_hits(toy):
    _, _, queries, _, graph = toy
    assert top10(graph, queries[0], np.zeros(N_UNITS, dtype=bool)) == []


def test_saved_hnsw_loads_as_hnsw(toy, tmp_path):
    _, _, queries, _, graph = toy
    graph.save(tmp_path, "m")
    again = Dense.load(tmp_path, "m", N_UNITS)
    assert again.kind == "hnsw" and again.index.hnsw.efSearch == 1024
    assert top10(again, queries[1]) == top10(graph, queries[1])


def test_build_records_the_index_type_and_search_keeps_filters(tmp_path, monkeypatch):
    monkeypatch.setattr(dense_mod, "EXACT_LIMIT", 50)  # the seed's 106 units go past it
    settings = Settings(home=tmp_path, embedders=("fake",))
    ingest_files([SEED], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    manifest = json.loads((current_folder(tmp_path) / "manifest.json").read_text())
    assert manifest["embedders"][0]["faiss"]["type"] == "hnsw"
    searcher = open_searcher(settings, [FakeEmbedder()])
    assert searcher.dense["fake"].kind == "hnsw"
    config = SearchConfig.plain({"fake": 1.0}, exact_refs=False)
    notes = searcher.search("European Union", 10, Filters(kinds=("footnote",)), config=config)
    assert sorted(h.unit.label for h in notes) == ["footnote 1", "footnote 2"]
    recs = searcher.search(
        "firearms marking", 40, Filters(kinds=("recommendation",)), config=config
    )
    assert len(recs) == 40 and {h.unit.kind for h in recs} == {"recommendation"}


def test_unit_max_is_maximum_at_over_pieces():
    """Each unit's best piece (-1 without pieces), grouped or scattered owners alike."""
    from rapporteur.index.dense import UnitMax

    rng = np.random.default_rng(7)
    for owner in (np.array([0, 0, 1, 3, 3, 3]), np.array([3, 0, 3, 1, 0, 3]), np.zeros(0, int)):
        scores = rng.uniform(-1.2, 1, len(owner)).astype(np.float32)
        expected = np.full(5, -1.0, dtype=np.float32)
        np.maximum.at(expected, owner, scores)
        assert UnitMax(owner, 5)(scores).tolist() == expected.tolist()
