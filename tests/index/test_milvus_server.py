"""The Milvus backend against a real Milvus server (the PyPI package ``milvus`` 2.3.5, extra
``milvus-server``; `make test-milvus`), started once per session on a free port in a temporary
folder (benchmarks/milvus_server.py).

The index: the shared corpus's text part (the seed report and the 43 resolutions of
../shared/corpus, ~2,400 units, 24 times the 100 pieces a Milvus search returns) embedded by the
fake embedder (index/embedders.py FakeEmbedder: hashed words, no model to load, so the test fits
CI's time; what is tested, that both backends rank the same vectors alike, does not depend on
which embedder made them), no second stage and no verdict (they re-read the same best units on
both backends). FAISS and Milvus are two homes over the same files. Their top 10 must agree
(overlap >= 0.95 on average) over a fixed sample of the dev, library and reference questions, the
same without filters and with each filter kind. Then the faults: a server absent at start, killed
during searches, restarted; and rebuilds while searching.
"""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest

from benchmarks.milvus_server import INSTALL, MilvusServer, free_port, installed
from tests.conftest import CORPUS, EVAL_DIR, ROOT, SEED, need_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.milvus_server]
if not installed():
    pytest.skip(f"Milvus server package not installed: {INSTALL}", allow_module_level=True)

QUESTION_FILES = [
    EVAL_DIR / "dev_questions.jsonl",
    ROOT / "eval" / "library" / "library_questions.jsonl",
    ROOT / "eval" / "library" / "reference_questions.jsonl",
]
OVERLAP_FLOOR = 0.95  # the bar: mean top-10 overlap per filter kind
SAMPLE = 40  # questions asked per filter kind, spread evenly over the three sets
WEIGHTS = {"bm25": 1.0, "fake": 1.0}  # the fake embedder's list must be fused, or Milvus is unused


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = MilvusServer(tmp_path_factory.mktemp("milvus-server")).start()
    yield running
    running.kill()  # its data is a temporary folder: a clean shutdown (20 s here) buys nothing


@pytest.fixture(scope="session")
def homes(server, tmp_path_factory):
    """(faiss settings, milvus settings, embedders): the corpus's text part indexed by each
    backend with the fake embedder."""
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import load_embedders, rebuild
    from rapporteur.ingest.batch import collect, ingest_files

    need_corpus()
    files, _ = collect([SEED, CORPUS / "resolutions"])
    faiss = Settings(
        home=tmp_path_factory.mktemp("faiss"),
        embedders=("fake",),
        weights=WEIGHTS,
        foreign_weights=WEIGHTS,
        rerank=False,
        verdict_weight=0.0,
    )
    milvus = faiss.model_copy(
        update={
            "home": tmp_path_factory.mktemp("milvus"),
            "backend": "milvus",
            "milvus_uri": server.uri,
        }
    )
    embedders = load_embedders(faiss)
    for settings in (faiss, milvus):
        ingest_files(files, Store(settings.store_path))
        rebuild(settings, embedders)
    return faiss, milvus, embedders


def questions() -> list[str]:
    """A fixed sample of ``SAMPLE`` questions taken at even steps through the three sets."""
    from rapporteur.evaluation.retrieval import load_questions

    asked = [q["q"] for path in QUESTION_FILES if path.exists() for q in load_questions(path)]
    assert len(asked) > 250, len(asked)
    return [asked[i * len(asked) // SAMPLE] for i in range(SAMPLE)]


def filter_kinds(units: list) -> dict:
    """One filter of each kind, chosen from the indexed units (so every one matches something)."""
    from rapporteur.core.filters import Filters

    docs = sorted({u.doc for u in units})
    symbols = sorted({u.symbol for u in units if u.symbol})
    kinds = Counter(u.kind for u in units).most_common()
    years = Counter(u.year for u in units if u.year).most_common()
    return {
        "none": None,
        "docs": Filters(docs=tuple(docs[::4])),
        "symbols": Filters(symbols=tuple(symbols[1::5])),
        "kinds": Filters(kinds=(kinds[1][0],)),  # the second most common kind: a narrow filter
        "years": Filters(years=(years[0][0], years[-1][0])),
        "bodies": None,  # filled in below from the store (bodies live on documents)
    }


def overlap(a: list[str], b: list[str]) -> float:
    """Shared share of two top-k lists (1.0 when both are empty)."""
    return len(set(a) & set(b)) / max(len(a), len(b)) if a or b else 1.0


def test_rankings_agree_with_faiss_with_every_filter_kind(homes):
    from rapporteur.core.config import config_from
    from rapporteur.core.filters import Filters
    from rapporteur.core.store import Store
    from rapporteur.index import open_searcher

    faiss_settings, milvus_settings, embedders = homes
    faiss = open_searcher(faiss_settings, embedders)
    milvus = open_searcher(milvus_settings, embedders)
    config = config_from(milvus_settings)
    assert milvus.lists is not None and milvus.manifest["milvus"]["layout"] == "split"
    assert "fake" in config.weights  # the dense list Milvus serves is fused
    kinds = filter_kinds(faiss.units)
    bodies = Counter(d.body for d, _ in Store(faiss_settings.store_path).documents() if d.body)
    kinds["bodies"] = Filters(bodies=(bodies.most_common(1)[0][0],))
    asked = questions()
    means = {}
    for name, filters in kinds.items():
        scores = [
            overlap(
                [h.unit.key for h in faiss.search(q, 10, filters, config)],
                [h.unit.key for h in milvus.search(q, 10, filters, config)],
            )
            for q in asked
        ]
        means[name] = round(sum(scores) / len(scores), 4)
    print(f"\nmean top-10 overlap ({len(asked)} questions per filter kind):", means)
    assert min(means.values()) >= OVERLAP_FLOOR, means


def test_absent_server_is_one_line_naming_the_setting(homes, monkeypatch, capsys):
    from fastapi.testclient import TestClient

    from rapporteur.app.api import create_app
    from rapporteur.app.facade import Rapporteur
    from rapporteur.cli import main

    _, milvus_settings, embedders = homes
    absent = milvus_settings.model_copy(update={"milvus_uri": f"http://127.0.0.1:{free_port()}"})
    # The API: a 503 with a JSON detail, no traceback.
    app = create_app(absent, Rapporteur.open(absent, embedders))
    response = TestClient(app).post("/api/search", json={"query": "firearms"})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "RAPPORTEUR_MILVUS_URI" in detail and "\n" not in detail
    # The CLI: one line and a non-zero exit.
    monkeypatch.setenv("RAPPORTEUR_BACKEND", "milvus")
    monkeypatch.setenv("RAPPORTEUR_MILVUS_URI", absent.milvus_uri)
    monkeypatch.setenv("RAPPORTEUR_RERANK", "false")
    monkeypatch.setenv("RAPPORTEUR_EMBEDDERS", '["fake"]')
    monkeypatch.setenv("RAPPORTEUR_VERDICT_WEIGHT", "0")
    monkeypatch.setenv("RAPPORTEUR_WEIGHTS", json.dumps(WEIGHTS))
    monkeypatch.setenv("RAPPORTEUR_FOREIGN_WEIGHTS", json.dumps(WEIGHTS))
    assert main(["--home", str(absent.home), "search", "firearms"]) == 1
    err = capsys.readouterr().err.strip()
    assert "RAPPORTEUR_MILVUS_URI" in err and "\n" not in err and "Traceback" not in err


def test_rebuilds_switch_collections_while_searches_run(homes, server):
    from pymilvus import MilvusClient

    from rapporteur.app.facade import Rapporteur
    from rapporteur.index.milvus import collection_prefix

    _, milvus_settings, embedders = homes
    service = Rapporteur.open(milvus_settings, embedders)
    before = [h.unit.key for h in service.search("marking of firearms", 10)]
    failures, results, done = [], [], threading.Event()

    def ask() -> None:
        while not done.is_set():
            try:
                results.append([h.unit.key for h in service.search("marking of firearms", 10)])
            except Exception as exc:  # noqa: BLE001 -- any failure is what this test looks for
                failures.append(repr(exc))

    searcher = threading.Thread(target=ask)
    searcher.start()
    try:
        for _ in range(2):
            service.reindex()
    finally:
        done.set()
        searcher.join(timeout=120)
    assert not failures and results and all(r == before for r in results)
    # Only the serving build's collections and the one before it (still read while it switched).
    prefix = collection_prefix(milvus_settings.home / "index")
    kept = [c for c in MilvusClient(uri=server.uri).list_collections() if c.startswith(prefix)]
    assert len(kept) == 2 * len(embedders), kept


def test_killed_server_fails_fast_and_a_restart_needs_no_rebuild(homes, server):
    from fastapi.testclient import TestClient

    from rapporteur.app.api import create_app
    from rapporteur.app.facade import Rapporteur

    _, milvus_settings, embedders = homes
    service = Rapporteur.open(milvus_settings, embedders)
    client = TestClient(create_app(milvus_settings, service))
    query = {"query": "What was recommended on cryptocurrencies?"}
    before = client.post("/api/search", json=query).json()["hits"]
    build = service.searcher.manifest["created_at"]
    answers: list = []

    def ask_until_it_fails() -> None:
        for _ in range(10_000):
            response = client.post("/api/search", json=query)
            answers.append(response)
            if response.status_code != 200:
                return

    asking = threading.Thread(target=ask_until_it_fails)
    asking.start()
    while not answers:
        threading.Event().wait(0.05)
    server.kill()
    asking.join(timeout=120)  # a hang fails here, not in CI's time limit
    assert not asking.is_alive()
    failed = answers[-1]
    assert failed.status_code == 503, failed.text
    assert "RAPPORTEUR_MILVUS_URI" in failed.json()["detail"]
    server.start()
    for _ in range(120):  # the restarted server may answer 503 while it loads the collections
        after = client.post("/api/search", json=query)
        if after.status_code == 200:
            break
        threading.Event().wait(0.5)
    assert after.status_code == 200 and after.json()["hits"] == before
    assert service.searcher.manifest["created_at"] == build  # the same build: nothing rebuilt
