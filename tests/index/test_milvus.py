"""The Milvus backend (index/milvus.py) on milvus-lite: pure expression helpers, the search contract
on the real seed, agreement with FAISS on the dev questions, and server mode (milvus_uri)."""

from __future__ import annotations

import json
import shutil
import sys
import time

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="backend=milvus needs pip install 'rapporteur[milvus]'")

from rapporteur.core.config import SearchConfig, config_from
from rapporteur.core.errors import ConfigError, EngineUnavailable, IndexMismatch
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.core.units import Hit
from rapporteur.evaluation.metrics import mean_scores, score_run
from rapporteur.evaluation.retrieval import load_questions, qrels_of, run_config
from rapporteur.index import milvus as milvus_module
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.build import current_folder
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.milvus import (
    filter_expr,
    mask_expr,
    need_milvus,
    pool,
    quote,
    split_layout,
    terms_of,
    unavailable,
)
from rapporteur.ingest.batch import ingest_files
from tests.conftest import EVAL_DIR, SEED

# ---- pure helpers (no engine) ----------------------------------------------------------------


def test_quote_escapes_what_would_break_an_expression():
    assert quote('a"b') == '"a\\"b"'
    assert quote("back\\slash") == '"back\\\\slash"'
    assert quote("new\nline\x01") == '"new\\nline"'


def test_filter_expr_translates_every_field():
    f = Filters(docs=("wg6-2021",), symbols=("CTOC/COP",), kinds=("recommendation",), years=(2021,))
    assert filter_expr(f) == (
        'doc in ["wg6-2021"] and symbol_key in ["ctoc/cop"] and '
        'kind in ["recommendation"] and year in [2021]'
    )
    assert filter_expr(Filters()) is None
    bodies = {"a": "Working Group on Firearms", "b": "Security Council"}
    assert filter_expr(Filters(bodies=("firearms",)), bodies) == 'doc in ["a"]'
    assert filter_expr(Filters(bodies=("nobody",)), bodies) == "row < 0"


def test_terms_keep_our_tokenizer_through_the_standard_analyzer():
    assert (
        terms_of("CTOC/COP/WG.6/2021 established the Working Groups")
        == "ctoc_cop_wg_6_2021 establish work group"
    )


def test_mask_expr_and_pooling():
    assert mask_expr(np.ones(3, bool)) is None
    assert mask_expr(np.array([False, True, True])) == "row in [1, 2]"
    assert mask_expr(np.zeros(2, bool)) == "row < 0"
    # Two pieces of unit 1: the best counts; a search cut at its limit fills with its weakest score.
    assert pool([1, 1, 0], [0.5, 0.9, 0.7], 3, limit=3, floor=-1.0).tolist() == pytest.approx(
        [0.7, 0.9, 0.5]
    )
    assert pool([1], [2.0], 3, limit=100, floor=0.0).tolist() == [0.0, 2.0, 0.0]


def test_missing_package_names_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(ConfigError, match=r"pip install 'rapporteur\[milvus\]'"):
        need_milvus()


def test_servers_before_2_5_get_the_split_layout():
    assert split_layout("v2.3.5-lite") and split_layout("2.4.9")
    assert not split_layout("v2.5.4") and not split_layout("v3.0.0") and not split_layout(None)


def test_server_errors_are_one_line_naming_the_setting():
    err = unavailable("http://m:19530", RuntimeError("Fail connecting\n  to server"))
    assert isinstance(err, EngineUnavailable) and "\n" not in str(err)
    assert str(err).startswith("Milvus server http://m:19530 (RAPPORTEUR_MILVUS_URI) not available")


# ---- server mode (milvus_uri): the fake embedder, milvus-lite as a local gRPC server -------------


def test_server_mode_keeps_the_serving_collection_until_the_switch(tmp_path):
    from milvus_lite.adapter.grpc.server import start_server_in_thread
    from pymilvus import MilvusClient

    server, db, port = start_server_in_thread(
        data_dir=str(tmp_path / "server"), host="127.0.0.1", port=0
    )
    try:
        uri = f"http://127.0.0.1:{port}"
        settings = Settings(
            home=tmp_path / "home", embedders=("fake",), backend="milvus", milvus_uri=uri
        )
        ingest_files([SEED], Store(settings.store_path))
        names = []
        for _ in range(3):
            rebuild(settings, [FakeEmbedder()])
            names.append(
                json.loads((current_folder(settings.home) / "manifest.json").read_text())["milvus"][
                    "collection"
                ]
            )
        # Building the third dropped the first; the second (serving while the third was built) stays.
        assert set(MilvusClient(uri=uri).list_collections()) == set(names[1:])
        searcher = open_searcher(settings, [FakeEmbedder()])
        config = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
        assert (
            searcher.search("what does recommendation 18 say?", 3, config=config)[0].unit.label
            == "rec 18"
        )
        with pytest.raises(IndexMismatch, match="MILVUS_URI"):
            open_searcher(settings.model_copy(update={"milvus_uri": None}), [FakeEmbedder()])
    finally:
        server.stop(grace=0)
        db.close()


def test_split_layout_one_collection_per_model_and_bm25_from_files(tmp_path, monkeypatch):
    """The layout a Milvus 2.3/2.4 server gets (tests/index/test_milvus_server.py runs it on one),
    here on milvus-lite: the same hits as FAISS, every filter inside the engine."""
    from milvus_lite.adapter.grpc.server import start_server_in_thread
    from pymilvus import MilvusClient

    monkeypatch.setattr(milvus_module, "split_layout", lambda version: True)
    server, db, port = start_server_in_thread(
        data_dir=str(tmp_path / "server"), host="127.0.0.1", port=0
    )
    try:
        uri = f"http://127.0.0.1:{port}"
        faiss = Settings(home=tmp_path / "faiss", embedders=("fake",))
        milvus = faiss.model_copy(
            update={"home": tmp_path / "milvus", "backend": "milvus", "milvus_uri": uri}
        )
        searchers = []
        for settings in (faiss, milvus):
            ingest_files([SEED], Store(settings.store_path))
            rebuild(settings, [FakeEmbedder()])
            searchers.append(open_searcher(settings, [FakeEmbedder()]))
        entry = searchers[1].manifest["milvus"]
        assert entry["layout"] == "split" and set(entry["collections"]) == {"fake"}
        assert MilvusClient(uri=uri).list_collections() == [entry["collections"]["fake"]]
        config = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
        for filters in (None, Filters(kinds=("footnote",)), Filters(docs=("wg6-2021",))):
            ranked = [
                [
                    h.unit.key
                    for h in s.search("cryptocurrencies and the darknet", 10, filters, config)
                ]
                for s in searchers
            ]
            assert ranked[0] == ranked[1] and ranked[0]
        with pytest.raises(ConfigError, match="2.5"):
            searchers[1].lists.as_vectorstore()
    finally:
        server.stop(grace=0)
        db.close()


# ---- the real seed, local milvus-lite -----------------------------------------------------------


@pytest.fixture(scope="module")
def milvus_index(seed_index, tmp_path_factory):
    """The seed indexed with backend=milvus, same models (and embedding cache) as seed_index."""
    faiss_settings, faiss = seed_index
    home = tmp_path_factory.mktemp("milvus-index")
    (home / "cache").mkdir()
    shutil.copy(
        faiss_settings.cache_dir / "embeddings.sqlite", home / "cache" / "embeddings.sqlite"
    )
    settings = Settings(home=home, backend="milvus")
    ingest_files([SEED], Store(settings.store_path))
    embedders = list(faiss.embedders.values())
    started = time.perf_counter()
    report = rebuild(settings, embedders)
    print(
        f"\nmilvus build (cached vectors): {time.perf_counter() - started:.2f} s, {report.units} units"
    )
    return settings, open_searcher(settings, embedders)


@pytest.mark.model
def test_manifest_records_the_collection_and_leaves_the_engine_folder_unhashed(milvus_index):
    settings, searcher = milvus_index
    m = searcher.manifest
    assert m["backend"] == "milvus" and m["milvus"]["rows"] >= m["units"]
    assert not any(name.startswith("milvus.db/") for name in m["files"])
    assert searcher.lists is not None
    from rapporteur.index.milvus import MilvusLists

    folder = current_folder(settings.home)
    with pytest.raises(IndexMismatch, match="rebuild"):
        MilvusLists.open(folder, m | {"milvus": m["milvus"] | {"rows": 1}})


@pytest.mark.model
def test_same_contract_as_faiss(milvus_index):
    settings, searcher = milvus_index
    hits = searcher.search("marking of firearms", 20, config=config_from(settings))
    assert len(hits) == 20 and all(isinstance(h, Hit) for h in hits)
    assert len({h.unit.id for h in hits}) == 20
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {"bm25", "e5-small"} <= set(hits[0].scores)


@pytest.mark.model
def test_filters_run_inside_the_engine(milvus_index):
    settings, searcher = milvus_index
    config = config_from(settings)
    recs = searcher.search("firearms", 40, Filters(kinds=("recommendation",)), config)
    assert len(recs) == 40 and {h.unit.kind for h in recs} == {"recommendation"}
    notes = searcher.search("European Union", 10, Filters(kinds=("footnote",)), config)
    assert sorted(h.unit.label for h in notes) == ["footnote 1", "footnote 2"]
    docs = searcher.search("firearms", 5, Filters(docs=("wg6-2021",)), config)
    assert len(docs) == 5 and {h.unit.doc for h in docs} == {"wg6-2021"}
    year = searcher.units[0].year
    assert {
        h.unit.year for h in searcher.search("firearms", 5, Filters(years=(year,)), config)
    } == {year}
    assert searcher.search("firearms", 5, Filters(years=(1900,)), config) == []
    assert searcher.search("firearms", 5, Filters(docs=("no-such-doc",)), config) == []
    assert searcher.search("firearms", 5, Filters(bodies=("no such body",)), config) == []


@pytest.mark.model
def test_langchain_store_does_hybrid_search_with_filters(milvus_index):
    _, searcher = milvus_index
    store = searcher.lists.as_vectorstore()
    docs = store.similarity_search(
        "cryptocurrencies and the darknet", k=3, expr='kind == "recommendation"', ranker_type="rrf"
    )
    assert docs and all(d.metadata["kind"] == "recommendation" for d in docs)
    assert "rec 18" in [d.metadata["unit"] for d in docs]


@pytest.mark.model
def test_recall_agrees_with_faiss_on_dev(milvus_index, seed_index):
    path = EVAL_DIR / "dev_questions.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found: the dev questions sit beside the project (../shared/eval)")
    settings, milvus = milvus_index
    _, faiss = seed_index
    questions = load_questions(path)
    qrels = qrels_of(questions)
    asked = [q for q in questions if q["id"] in qrels]
    config = config_from(settings)
    recall = {}
    for name, searcher in (("faiss", faiss), ("milvus", milvus)):
        run = run_config(searcher, asked, config)
        recall[name] = mean_scores(score_run({q: list(r) for q, r in run.items()}, qrels))[
            "recall@5"
        ]
    print(
        f"\nrecall@5 on dev ({len(asked)} questions): faiss {recall['faiss']:.3f}, milvus {recall['milvus']:.3f}"
    )
    assert recall["milvus"] >= recall["faiss"] - 0.05


def test_the_service_rebuilds_an_index_built_for_the_other_backend(milvus_index, tmp_path):
    from rapporteur.app.facade import Rapporteur

    settings, searcher = milvus_index
    embedders = list(searcher.embedders.values())
    with pytest.raises(IndexMismatch, match="backend milvus, settings ask for faiss"):
        open_searcher(settings.model_copy(update={"backend": "faiss"}), embedders)
    # A FAISS home opened by a service set to milvus is rebuilt for Milvus, from cached vectors.
    home = tmp_path / "home"
    shutil.copytree(settings.home / "cache", home / "cache")
    faiss_settings = Settings(home=home, data_dir=tmp_path / "none")
    ingest_files([SEED], Store(faiss_settings.store_path))
    rebuild(faiss_settings, embedders)
    said = []
    service = Rapporteur.open(
        faiss_settings.model_copy(update={"backend": "milvus"}), embedders, said.append
    )
    assert service.searcher.lists is not None and service.searcher.manifest["backend"] == "milvus"
    assert any("backend faiss" in msg for msg in said)
